//! The handler that the failing cases of this folder include compiles against a derive that
//! succeeds, so their single error is the derive's and not the handler's.
#![deny(warnings)]

#[derive(eventcat::EventCatalog)]
#[catalog(events = ["aw-interaction-focus-*", "aw-interaction-wrap-up-codes-received-v1", "global-user-details-v1"])]
pub struct Events;

include!("handler.rs");

fn main() {
    run();
}
