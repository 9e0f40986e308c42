#[derive(eventcat::EventCatalog)]
#[catalog(events = ["aw-chat-init-v1"], crate = "my sdk::eventcat")]
pub struct Events;

fn main() {
    let _ = Events::CATALOG;
}
