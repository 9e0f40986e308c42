#[derive(eventcat::EventCatalog)]
#[catalog(paht = "catalog.yaml")]
pub struct Events;

fn main() {}
