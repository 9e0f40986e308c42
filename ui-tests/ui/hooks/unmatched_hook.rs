#[derive(eventcat::EventCatalog)]
#[catalog(events = ["aw-interaction-focus-*"], type_attribute("CallObject", #[must_use]))]
pub struct Events;

fn main() {}
