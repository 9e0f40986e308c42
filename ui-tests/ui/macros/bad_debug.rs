#[derive(eventcat::EventCatalog)]
#[catalog(events = ["aw-interaction-focus-v3"], debug = "hidden")]
pub struct Events;

fn main() {}
