#[derive(eventcat_macros::EventCatalog)]
#[catalog(paht = "catalog.yaml")]
pub struct Events;

fn main() {}
