//! focus v1 is sunset on 2026-12-08 and v2 on 2025-07-19: on 2026-12-09 both are.
#[derive(eventcat::EventCatalog)]
#[catalog(events = ["aw-interaction-focus-*"], sunset = "error", as_of = "2026-12-09")]
pub struct Events;

fn main() {}
