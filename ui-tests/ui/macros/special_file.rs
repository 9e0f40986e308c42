// An endless device as the catalog: refused before it is read, so the build does not hang.
#[derive(eventcat::EventCatalog)]
#[catalog(path = "/dev/zero")]
pub struct Events;

fn main() {}
