//! A catalog file that is not there is one error, at `path`: the handler reports nothing more.
#[derive(eventcat::EventCatalog)]
#[catalog(path = "catalogs/not-there.yaml")]
pub struct Events;

include!("handler.rs");

fn main() {
    run();
}
