//! A crate that re-exports eventcat names it with `crate = "..."`: the generated code calls the
//! runtime (and serde, for the union inside a chat message) through that path alone.
#![deny(warnings)]

/// What a partner's own SDK crate would re-export.
pub mod sdk {
    pub use ::eventcat;
}

#[derive(eventcat::EventCatalog)]
#[catalog(events = ["aw-chat-init-v1"], crate = "crate::sdk::eventcat")]
pub struct Events;

fn main() {
    let payload = r#"{"interactionId":"i-1","schemaVersion":"1.0.0","messages":[{"id":"m-1",
        "timestamp":1746522286592,"type":"text","rawMessage":{"text":"hi"},"displayName":"C",
        "author":{"id":"c-1","email":"c@example.com","name":"C"},"isBot":false}]}"#;
    let event = ReceivedEvent::decode("aw-chat-init-v1", payload).expect("decodes");
    let json = event.to_json().expect("encodes");
    assert_eq!(ReceivedEvent::decode("aw-chat-init-v1", &json), Ok(event));
}
