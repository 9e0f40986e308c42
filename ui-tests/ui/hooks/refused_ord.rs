// `Ord` needs `Eq`, which the focus types do not derive: one error, at `Ord`.
#[derive(eventcat::EventCatalog)]
#[catalog(events = ["aw-interaction-focus-v1"], derive("AwInteractionFocusV1", PartialOrd, Ord))]
pub struct Events;

fn main() {}
