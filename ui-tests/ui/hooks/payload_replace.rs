#[derive(eventcat::EventCatalog)]
#[catalog(events = ["call-manager-call-connect-v1"], replace("CallObject", crate::Call))]
pub struct Events;

pub struct Call;

fn main() {}
