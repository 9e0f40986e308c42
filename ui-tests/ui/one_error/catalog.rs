//! A catalog that does not check is one error, at `path`, with the catalog's location: the
//! handler naming its events reports nothing more.
#[derive(eventcat::EventCatalog)]
#[catalog(path = "catalogs/one_error.yaml")]
pub struct Events;

include!("handler.rs");

fn main() {
    run();
}
