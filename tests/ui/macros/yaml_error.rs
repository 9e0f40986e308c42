#[derive(eventcat_macros::EventCatalog)]
#[catalog(path = "catalogs/broken.yaml")]
pub struct Events;

fn main() {}
