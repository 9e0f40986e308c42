#[derive(eventcat::EventCatalog)]
#[catalog(events = ["aw-interaction-focus-v1"], products = ["agent-workspace"], events = ["global-*"])]
pub struct Events;

fn main() {}
