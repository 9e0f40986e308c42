//! The catalog's error is the message; its lints are only counted, and `eventcat check` named.
#[derive(eventcat::EventCatalog)]
#[catalog(path = "catalogs/lint_then_error.yaml")]
pub struct Events;

fn main() {}
