//! Naming a deprecated event is an error under deny(deprecated), and the message carries the
//! sunset date; the generated code itself raises no warning.
#![deny(deprecated)]

#[derive(eventcat::EventCatalog)]
#[catalog(events = ["aw-interaction-focus-*"])]
pub struct Events;

fn main() {
    let _ = AwInteractionFocusV1 { interaction_id: String::new() };
}
