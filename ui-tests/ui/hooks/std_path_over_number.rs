// A standard trait by its full path is checked as by its name: `f64` is not `Eq`.
#[derive(eventcat::EventCatalog)]
#[catalog(events = ["call-manager-call-connect-v1"], derive("CallObject", std::cmp::Eq))]
pub struct Events;

fn main() {}
