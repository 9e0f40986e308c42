#[derive(eventcat::EventCatalog)]
#[catalog(events = ["aw-interaction-focus-*"], derive("AwInteractionFocus*", Hash))]
pub struct Events;

fn main() {}
