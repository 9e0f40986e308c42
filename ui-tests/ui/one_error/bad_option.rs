//! An option the derive does not know is one error, at the option: the handler reports nothing
//! more.
#[derive(eventcat::EventCatalog)]
#[catalog(evnts = ["aw-interaction-focus-*"])]
pub struct Events;

include!("handler.rs");

fn main() {
    run();
}
