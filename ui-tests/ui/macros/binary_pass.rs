//! A binary that uses one event: with `#[allow(dead_code)]` on the module holding the generated
//! items (and the marker), nothing warns under `deny(warnings)`.
#![deny(warnings)]

#[allow(dead_code)]
mod events {
    #[derive(eventcat::EventCatalog)]
    #[catalog(events = ["aw-interaction-focus-*"])]
    pub struct Events;
}

fn main() {
    let payload = r#"{"interactionId":"i-1","schemaVersion":"1.0.0"}"#;
    match events::ReceivedEvent::decode("aw-interaction-focus-v1", payload) {
        Ok(event) => println!("{}", event.name()),
        Err(err) => println!("{err}"),
    }
}
