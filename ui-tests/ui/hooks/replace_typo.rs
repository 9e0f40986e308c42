// A replacement path that names nothing: rustc's error is at the path as written.
pub struct MyQueue;

#[derive(eventcat::EventCatalog)]
#[catalog(events = ["aw-interaction-focus-v3"], replace("Queue", crate::MyQeue))]
pub struct Events;

fn main() {}
