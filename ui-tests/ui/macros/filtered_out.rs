//! An event left out by the filter does not exist.

#[derive(eventcat::EventCatalog)]
#[catalog(path = "catalogs/small.yaml", events = ["aw-sample-focus-*"])]
pub struct Events;

fn main() {
    let _ = CallManagerSampleHoldV1 { call_id: String::new() };
}
