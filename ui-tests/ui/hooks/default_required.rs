#[derive(eventcat::EventCatalog)]
#[catalog(events = ["aw-interaction-focus-v3"], derive("AwInteractionFocusV3", Default))]
pub struct Events;

fn main() {}
