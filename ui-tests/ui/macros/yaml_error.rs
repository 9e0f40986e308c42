//! A catalog error is reported once, at the `path` option, with the catalog's own location; the
//! code using the generated items reports nothing more.
#[derive(eventcat::EventCatalog)]
#[catalog(path = "catalogs/broken.yaml")]
pub struct Events;

fn main() {
    let names: Vec<&str> = Events::CATALOG.iter().map(|entry| entry.name).collect();
    let decoded = ReceivedEvent::decode("aw-sample-focus-v1", "{}");
    drop((names, decoded, Events::entry("aw-sample-focus-v1")));
}
