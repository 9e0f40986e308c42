//! Hooks through the derive: `Hash` and `Eq` on the focus types, an attribute on a field, and
//! the partner's own type for `Queue`; the result builds under `deny(warnings)`.
#![deny(warnings)]

use std::collections::HashSet;

include!("my_queue.rs");

#[allow(dead_code)]
mod events {
    #[derive(eventcat::EventCatalog)]
    #[catalog(
        events = ["aw-interaction-focus-*"],
        derive("AwInteractionFocus*", Hash, Eq),
        field_attribute("AwInteractionFocusV3.interaction_id", #[doc(alias = "id")]),
        replace("Queue", crate::MyQueue),
    )]
    pub struct Events;
}

fn main() {
    let payload = r#"{"schemaVersion":"3.0.0","interactionId":"i-1","isManual":false,
        "queue":{"id":"1","queueId":"t~~queue~~chat~~1","queueName":"Sales"}}"#;
    let Ok(events::ReceivedEvent::AwInteractionFocusV3(focus)) =
        events::ReceivedEvent::decode("aw-interaction-focus-v3", payload)
    else {
        panic!("decodes");
    };
    assert_eq!(focus.queue.queue_name, "Sales");
    let mut seen = HashSet::new();
    assert!(seen.insert(focus.clone()));
    assert!(!seen.insert(focus));
}
