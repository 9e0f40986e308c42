//! An as-of day that is not a `YYYY-MM-DD` day is an error at the day, in the derive's words,
//! by the rule the builder and the CLI apply too.
#[derive(eventcat::EventCatalog)]
#[catalog(sunset = "omit", as_of = "2026-13-01")]
pub struct Events;

fn main() {
    drop(Events::CATALOG);
}
