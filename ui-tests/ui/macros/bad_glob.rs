#[derive(eventcat::EventCatalog)]
#[catalog(events = ["aw-interaction-focus-v1", "aw-[interaction"])]
pub struct Events;

fn main() {}
