//! Standard traits by any path, named twice or derived already: each is derived once, and the
//! result builds under `deny(warnings)`.
#![deny(warnings)]

#[allow(dead_code, deprecated)]
mod events {
    #[derive(eventcat::EventCatalog)]
    #[catalog(
        events = ["aw-interaction-focus-v1"],
        derive(
            "AwInteractionFocusV1",
            Hash,
            std::hash::Hash,
            core::clone::Clone,
            ::core::cmp::Eq,
            std::cmp::PartialOrd,
            Ord,
        ),
    )]
    pub struct Events;
}

#[allow(deprecated)]
fn main() {
    let a = events::AwInteractionFocusV1 { interaction_id: "a".into() };
    let b = events::AwInteractionFocusV1 { interaction_id: "b".into() };
    assert!(a < b);
    let seen: std::collections::BTreeSet<_> = [a.clone(), a, b].into_iter().collect();
    assert_eq!(seen.len(), 2);
}
