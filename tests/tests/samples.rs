//! The payload samples of the 8x8 documentation, held in the bundled catalog as each event's
//! `example`, decode with the generated code, bare and in both host envelopes, and re-encode to
//! an equal JSON value; the generated `PartnerEvent::EXAMPLE` and `example()` carry them.

use crate::examples;
use crate::round_trip;

use eventcat_codegen::model::Direction;
use eventcat_tests::catalog::{
    AwChatInitV1, AwInteractionFocusV3, AwInteractionWrapUpCodesV1, AwInteractionWrapUpCodesV1_0_1,
    CallObject, DecodeError, DecodeErrorKind, InteractionChannel, InteractionDirection,
    PartnerEvent, ReceivedEvent,
};
use examples::{example as sample, examples};
use round_trip::{parse, same_json, send_round_trip};
use serde_json::{Value, json};

/// Every catalog event with its direction, in catalog order.
fn events() -> Vec<(String, Direction)> {
    examples()
        .into_iter()
        .map(|e| (e.event, e.direction))
        .collect()
}

#[test]
fn every_event_has_one_example() {
    let catalog = match eventcat_codegen::load_bundled() {
        Ok(loaded) => loaded.catalog,
        Err(err) => panic!(
            "the bundled catalog must load:
{err}"
        ),
    };
    for event in &catalog.events {
        let given = event
            .schema_versions
            .iter()
            .filter(|v| v.example.is_some())
            .count();
        assert_eq!(given, 1, "{}", event.name);
    }
    assert_eq!(examples().len(), 59);
}

#[test]
fn the_generated_code_carries_each_example() {
    let focus = sample("aw-interaction-focus-v3");
    assert_eq!(AwInteractionFocusV3::EXAMPLE, Some(focus.as_str()));
    let decoded = AwInteractionFocusV3::decode(&focus).expect("decodes");
    assert_eq!(AwInteractionFocusV3::example(), Some(decoded));
    let chat = AwChatInitV1::example().expect("an example");
    assert_eq!(chat.messages[0].id, "msg-abc123");
    // The only published wrap-up-codes sample is of 1.0.1; 1.0.0 has none.
    assert_eq!(AwInteractionWrapUpCodesV1::EXAMPLE, None);
    assert_eq!(AwInteractionWrapUpCodesV1::example(), None);
    let codes = AwInteractionWrapUpCodesV1_0_1::example().expect("an example");
    assert_eq!(codes.wrap_up_codes[0].items[0].call_back_time, 60.0);
}

#[test]
fn every_sample_decodes_and_re_encodes_equal() {
    for example in examples() {
        let (name, text) = (example.event.as_str(), example.json.as_str());
        let payload = parse(text);
        assert_eq!(payload["schemaVersion"], json!(example.version), "{name}");
        let encoded = match example.direction {
            Direction::Received => {
                let event =
                    ReceivedEvent::decode(name, text).unwrap_or_else(|err| panic!("{name}: {err}"));
                assert_eq!(event.name(), name);
                assert_eq!(event.schema_version(), example.version, "{name}");
                event.to_json().expect("encodes")
            }
            Direction::Send => {
                send_round_trip(name, text).unwrap_or_else(|err| panic!("{name}: {err}"))
            }
        };
        let back = parse(&encoded);
        assert!(
            same_json(&payload, &back),
            "{name} changed in a round trip\n  in:  {payload}\n  out: {back}"
        );
    }
}

#[test]
fn every_received_sample_decodes_in_both_envelopes() {
    let mut count = 0;
    for (name, direction) in events() {
        if direction != Direction::Received {
            continue;
        }
        let text = sample(&name);
        let payload = parse(&text);
        let direct =
            ReceivedEvent::decode(&name, &text).unwrap_or_else(|err| panic!("{name}: {err}"));
        let sdk = json!({
            "type": "event",
            "schemaVersion": "1.0.0",
            "message": { "eventName": name, "value": payload },
        });
        let maestro = json!({ "eventType": name, "status": "success", "data": payload });
        for message in [sdk.to_string(), maestro.to_string()] {
            let event = ReceivedEvent::from_message(&message)
                .unwrap_or_else(|err| panic!("{name}: {err}\n{message}"));
            assert_eq!(event, direct, "{name}");
            let back = parse(&event.to_json().expect("encodes"));
            assert!(same_json(&payload, &back), "{name}: {back}");
        }
        count += 1;
    }
    assert_eq!(count, 57);
}

/// A few values read back as the types say.
#[test]
fn samples_decode_to_the_documented_values() {
    let decode = |name: &str| {
        ReceivedEvent::decode(name, &sample(name)).unwrap_or_else(|err| panic!("{name}: {err}"))
    };
    match decode("aw-interaction-focus-v3") {
        ReceivedEvent::AwInteractionFocusV3(event) => {
            assert_eq!(event.interaction_id, "cognigy");
            assert_eq!(event.queue.queue_id, "tenantId~~queue~~chat~~12345");
            assert!(!event.is_manual);
        }
        other => panic!("{other:?}"),
    }
    match decode("aw-interaction-wrap-up-codes-v1") {
        ReceivedEvent::AwInteractionWrapUpCodesV1_0_1(event) => {
            let item = &event.wrap_up_codes[0].items[0];
            assert_eq!(item.description.as_deref(), Some("description"));
            assert_eq!(item.call_back_time, 60.0);
            assert_eq!(
                event.wrap_up_codes[0].assignments.list,
                ["agent-1", "agent-2"]
            );
        }
        other => panic!("{other:?}"),
    }
    match decode("aw-interaction-started-v1") {
        ReceivedEvent::AwInteractionStartedV1(event) => {
            assert_eq!(event.interaction_type, InteractionChannel::Phone);
            assert_eq!(event.direction, InteractionDirection::Inbound);
            assert_eq!(event.call_id.as_deref(), Some("call-789"));
        }
        other => panic!("{other:?}"),
    }
    match decode("call-manager-call-failed-v1") {
        ReceivedEvent::CallManagerCallFailedV1(event) => {
            assert_eq!(event.error_code, Some(486.0));
            assert_eq!(event.e_call_state.as_deref(), Some("VOC_CALL_FAILED"));
        }
        other => panic!("{other:?}"),
    }
    match decode("call-manager-call-conference-start-v1") {
        ReceivedEvent::CallManagerCallConferenceStartV1(event) => {
            assert_eq!(event.calls.len(), 2);
            assert_eq!(event.calls[1].call_id.as_deref(), Some("1765242677954"));
        }
        other => panic!("{other:?}"),
    }
    match decode("mashell-voice-phone-terminated-cc-event-v1") {
        ReceivedEvent::MashellVoicePhoneTerminatedCcEventV1(event) => {
            assert_eq!(event.additional_data.disposition_code, "1000");
            assert_eq!(event.call_duration, "00:00:22");
            assert_eq!(event.call_recording.as_deref(), Some(""));
        }
        other => panic!("{other:?}"),
    }
}

/// The placeholders of the documentation samples are not valid values: the decoder says where.
#[test]
fn documentation_placeholders_are_refused() {
    let name = "mashell-chat-nextgen-offered-cc-event-v1";
    for (field, placeholder) in [
        ("direction", "inbound/outbound"),
        ("mediaType", "sms/whatsapp"),
    ] {
        let mut payload = parse(&sample(name));
        payload[field] = json!(placeholder);
        let text = payload.to_string();
        match ReceivedEvent::decode(name, &text).map_err(DecodeError::into_parts) {
            Err((DecodeErrorKind::InvalidPayload { path, .. }, raw)) => {
                assert_eq!(path, field);
                assert_eq!(raw, text);
            }
            other => panic!("{field}: {other:?}"),
        }
    }
}

/// The caller's own code for any Call Manager call: one function over the shared `CallObject`.
fn describe(call: &CallObject) -> String {
    format!(
        "{} {}",
        call.call_id.as_deref().unwrap_or("?"),
        call.e_call_state.as_deref().unwrap_or("?")
    )
}

/// All 16 Call Manager call events are handled through one `CallObject`: the 14 whose payload is
/// one (a newtype that dereferences to it) and the two conference events, which list them.
#[test]
fn every_call_manager_call_event_is_handled_through_one_call_object() {
    let call_events: Vec<String> = events()
        .into_iter()
        .map(|(name, _)| name)
        .filter(|name| name.starts_with("call-manager-call-") && !name.contains("-transfer-"))
        .collect();
    assert_eq!(call_events.len(), 16, "{call_events:?}");
    for name in &call_events {
        let text = sample(name);
        let event =
            ReceivedEvent::decode(name, &text).unwrap_or_else(|err| panic!("{name}: {err}"));
        let calls = event.call_objects();
        let json = parse(&text);
        let expected: Vec<&Value> = match json.get("calls") {
            Some(Value::Array(calls)) => calls.iter().collect(),
            _ => vec![&json],
        };
        assert_eq!(calls.len(), expected.len(), "{name}");
        for (call, wire) in calls.iter().zip(expected) {
            assert_eq!(call.call_id.as_deref(), wire["callID"].as_str(), "{name}");
            assert!(!describe(call).is_empty());
        }
    }
    // The newtype gives the same `CallObject` by `Deref` and by `.0`.
    let text = sample("call-manager-call-connect-v1");
    let Ok(ReceivedEvent::CallManagerCallConnectV1(connect)) =
        ReceivedEvent::decode("call-manager-call-connect-v1", &text)
    else {
        panic!("connect decodes");
    };
    assert_eq!(describe(&connect), describe(&connect.0));
    assert!(std::ptr::eq(&*connect, &*connect.0));
    // Other events carry none.
    let text = sample("call-manager-call-transfer-success-v1");
    let transfer = ReceivedEvent::decode("call-manager-call-transfer-success-v1", &text)
        .expect("transfer decodes");
    assert!(transfer.call_objects().is_empty());
}
