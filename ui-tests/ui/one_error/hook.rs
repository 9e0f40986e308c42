//! A hook that cannot hold is one error, at the hook: the handler reports nothing more.
#[derive(eventcat::EventCatalog)]
#[catalog(derive("AwInteractionFocusV3", Eq))]
pub struct Events;

include!("handler.rs");

fn main() {
    run();
}
