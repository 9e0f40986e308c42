//! An empty list selects no event: it is an error at the option, not every event.
#[derive(eventcat::EventCatalog)]
#[catalog(events = [])]
pub struct Events;

fn main() {
    drop(Events::CATALOG);
}
