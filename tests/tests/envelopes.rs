//! The host envelopes, in every layout: whatever the spacing, key order and extra members, a
//! message decodes to what its payload decodes to, and one with a key given twice or the keys of
//! both envelopes is refused, naming the key, with the raw text kept. (Compact messages take a
//! scanning fast path; the others a checked reading: both must agree.)

use eventcat_tests::catalog::{
    AwInteractionFocusV3, AwInteractionWrapUpCodesV1_0_1, CallManagerCallConnectV1,
    DecodeErrorKind, MashellChatOfferedCcEventV1, PartnerEvent, ReceivedEvent,
};
use proptest::prelude::*;

/// A catalog example, which these events have.
const fn example(text: Option<&'static str>) -> &'static str {
    text.expect("the catalog has an example")
}

/// Documented payloads of both hosts' events.
const PAYLOADS: &[(&str, &str, bool)] = &[
    (
        "aw-interaction-focus-v3",
        example(AwInteractionFocusV3::EXAMPLE),
        false,
    ),
    (
        "call-manager-call-connect-v1",
        example(CallManagerCallConnectV1::EXAMPLE),
        false,
    ),
    (
        "aw-interaction-wrap-up-codes-v1",
        example(AwInteractionWrapUpCodesV1_0_1::EXAMPLE),
        false,
    ),
    (
        "mashell-chat-offered-cc-event-v1",
        example(MashellChatOfferedCcEventV1::EXAMPLE),
        true,
    ),
];

/// JSON whitespace, or none.
fn space() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["", "", " ", "\n  ", "\t", "\r\n"])
}

/// `"key":"value"` with spacing.
fn member(key: &str, value: &str, s: &[&str; 3]) -> String {
    format!("{}\"{key}\"{}:{}\"{value}\"", s[0], s[1], s[2])
}

/// A message in the host's envelope, its string members in `order` (with an extra one for
/// Maestro), the payload last.
fn envelope(name: &str, payload: &str, maestro: bool, order: bool, s: &[&str; 3]) -> String {
    let key = |key: &str| format!("{}\"{key}\"{}:{}", s[0], s[1], s[2]);
    let close = format!("{}}}", s[2]);
    let (mut members, last) = if maestro {
        let members = vec![
            member("eventType", name, s),
            member("status", "success", s),
            member("note", "relayed", s),
        ];
        (members, format!("{}{payload}{close}", key("data")))
    } else {
        let message = format!(
            "{{{},{}{payload}{close}",
            member("eventName", name, s),
            key("value")
        );
        let members = vec![
            member("type", "event", s),
            member("schemaVersion", "1.0.0", s),
        ];
        (members, format!("{}{message}{close}", key("message")))
    };
    if order {
        members.reverse();
    }
    members.push(last);
    format!("{{{}", members.join(","))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn every_layout_decodes_to_the_payload(
        which in 0..PAYLOADS.len(),
        order: bool,
        spacing in [space(), space(), space()],
    ) {
        let (name, payload, maestro) = PAYLOADS[which];
        let message = envelope(name, payload, maestro, order, &spacing);
        let expected = ReceivedEvent::decode(name, payload).expect("the sample decodes");
        prop_assert_eq!(ReceivedEvent::from_message(&message), Ok(expected), "{}", message);
    }

    #[test]
    fn a_bad_payload_in_any_layout_is_the_payload_error(
        which in 0..PAYLOADS.len(),
        order: bool,
        spacing in [space(), space(), space()],
    ) {
        let (name, payload, maestro) = PAYLOADS[which];
        let broken = payload.replacen('{', "{\"schemaVersion\": 7, ", 1);
        let message = envelope(name, &broken, maestro, order, &spacing);
        match ReceivedEvent::from_message(&message) {
            Err(err) if matches!(err.kind(), DecodeErrorKind::InvalidPayload { .. }) => {
                prop_assert_eq!(err.raw(), message)
            }
            other => prop_assert!(false, "{:?}", other),
        }
    }
}

#[test]
fn keys_given_twice_and_both_envelopes_are_refused_with_the_key_named() {
    let (name, payload, _) = PAYLOADS[0];
    let twice = [
        (
            format!(
                r#"{{"type":"event","type":"event","message":{{"eventName":"{name}","value":{payload}}}}}"#
            ),
            "`type`",
        ),
        (
            format!(
                r#"{{"type":"event","message":{{"eventName":"{name}","value":{payload}}},"message":{{}}}}"#
            ),
            "`message`",
        ),
        (
            format!(
                r#"{{"type":"event","message":{{"eventName":"{name}","value":{payload},"value":{{}}}}}}"#
            ),
            "`message.value`",
        ),
        (
            format!(
                r#"{{"eventType":"{name}","status":"success","data":{payload},"data":{payload}}}"#
            ),
            "`data`",
        ),
        (
            format!(
                r#"{{"type":"event","message":{{"eventName":"{name}","value":{payload}}},"eventType":"{name}"}}"#
            ),
            "both envelopes",
        ),
    ];
    for (message, named) in twice {
        match ReceivedEvent::from_message(&message) {
            Err(ref err) if matches!(err.kind(), DecodeErrorKind::UnknownEnvelope { .. }) => {
                assert!(err.to_string().contains(named), "{err}");
                assert_eq!(err.raw(), message);
            }
            other => panic!("{message}: {other:?}"),
        }
    }
}
