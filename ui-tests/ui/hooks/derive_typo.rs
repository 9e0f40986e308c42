// A misspelt trait: rustc's error is at the trait as written.
#[derive(eventcat::EventCatalog)]
#[catalog(events = ["aw-interaction-focus-v1"], derive("AwInteraction*", Hsh))]
pub struct Events;

fn main() {}
