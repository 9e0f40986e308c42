#[derive(eventcat::EventCatalog)]
#[catalog(path = "catalogs/no-such-catalog.yaml")]
pub struct Events;

fn main() {}
