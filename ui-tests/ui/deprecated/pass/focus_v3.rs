// Code that uses only the current focus version compiles without any warning.
#![deny(warnings)]

use eventcat_ui_tests::focus::{AwInteractionFocusV3, PartnerEvent, ReceivedEvent};

fn main() {
    let payload = r#"{
        "schemaVersion": "3.0.0",
        "interactionId": "interaction-12345",
        "queue": { "id": "12345", "queueId": "tenantId~~queue~~chat~~12345", "queueName": "Queue name" },
        "isManual": true
    }"#;
    match ReceivedEvent::decode(AwInteractionFocusV3::NAME, payload) {
        Ok(ReceivedEvent::AwInteractionFocusV3(event)) => {
            assert_eq!(event.queue.queue_name, "Queue name");
            assert!(event.is_manual);
        }
        other => panic!("{other:?}"),
    }
}
