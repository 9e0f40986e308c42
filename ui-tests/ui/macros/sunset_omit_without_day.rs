//! `sunset = "omit"` needs a day; the message names the derive's own option.
#[derive(eventcat::EventCatalog)]
#[catalog(events = ["aw-interaction-focus-*"], sunset = "omit")]
pub struct Events;

fn main() {}
