//! An `events` pattern that matches nothing is one error, at the pattern: the handler naming the
//! events it meant reports nothing more.
#[derive(eventcat::EventCatalog)]
#[catalog(events = ["aw-nothing-*"])]
pub struct Events;

include!("handler.rs");

fn main() {
    run();
}
