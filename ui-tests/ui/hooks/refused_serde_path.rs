// serde's traits are eventcat's, by whatever path they are named.
#[derive(eventcat::EventCatalog)]
#[catalog(
    events = ["aw-interaction-focus-v1"],
    derive("AwInteractionFocusV1", Hash, eventcat::serde::Serialize),
)]
pub struct Events;

fn main() {}
