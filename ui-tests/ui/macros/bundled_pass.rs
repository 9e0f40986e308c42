//! The derive with no `path` uses the catalog bundled with eventcat; a focus v3 payload decodes.
#![deny(warnings)]

#[derive(eventcat::EventCatalog)]
#[catalog(events = ["aw-interaction-focus-v3", "global-*"])]
pub struct Events;

fn main() {
    let payload = r#"{"interactionId":"i-1","queue":{"id":"1","queueId":"t~~queue~~chat~~1","queueName":"Sales"},"isManual":false,"schemaVersion":"3.0.0"}"#;
    let event = ReceivedEvent::decode("aw-interaction-focus-v3", payload).expect("decodes");
    assert_eq!(event.name(), "aw-interaction-focus-v3");
    assert_eq!(Events::CATALOG.len(), 2);
    assert!(Events::entry("global-user-details-v1").is_some());
    assert!(Events::entry("aw-interaction-focus-v1").is_none());
}
