//! The errors partners meet at run time, produced by the code generated from the bundled
//! catalog: each says its message once along its `source()` chain, keeps the raw text, and
//! shows only the text's length in `Debug`.

#[path = "../../codegen/tests/shared/error_chain.rs"]
mod error_chain;

use error_chain::assert_said_once;
use eventcat::PartnerEvent as _;
use eventcat_tests::catalog::{
    CallManagerCallConferenceStartV1, DecodeError, DecodeErrorKind, ReceivedEvent,
};

const SECRET: &str = "Ada Lovelace";

fn focus(payload: &str) -> Result<ReceivedEvent, DecodeError> {
    ReceivedEvent::decode("aw-interaction-focus-v3", payload)
}

/// One error of each kind, each from a text that holds [`SECRET`].
fn every_decode_error() -> Vec<(String, DecodeError)> {
    let unknown = format!(r#"{{"name": "{SECRET}"}}"#);
    let unsupported =
        format!(r#"{{"schemaVersion": "1.0.2", "interactionId": "{SECRET}", "wrapUpCodes": []}}"#);
    let invalid = format!(
        r#"{{"schemaVersion": "3.0.0", "interactionId": "{SECRET}", "isManual": false,
            "queue": {{"id": "1", "queueId": 7, "queueName": "Sales"}}}}"#
    );
    let malformed = format!(r#"{{"interactionId": "{SECRET}", "#);
    let envelope =
        format!(r#"{{"type": "event", "message": {{"eventName": "{SECRET}"}}, "data": 1}}"#);
    let failed = format!(
        r#"{{"eventType": "mashell-chat-offered-cc-event-v1", "status": "failed",
            "data": {{"error": "INVALID_SCHEMA", "customer": "{SECRET}"}}}}"#
    );
    let results = [
        (
            unknown.clone(),
            ReceivedEvent::decode("no-such-event-v1", &unknown),
        ),
        (
            unsupported.clone(),
            ReceivedEvent::decode("aw-interaction-wrap-up-codes-v1", &unsupported),
        ),
        (invalid.clone(), focus(&invalid)),
        (malformed.clone(), focus(&malformed)),
        (envelope.clone(), ReceivedEvent::from_message(&envelope)),
        (failed.clone(), ReceivedEvent::from_message(&failed)),
    ];
    results
        .into_iter()
        .map(|(text, result)| (text, result.expect_err("does not decode")))
        .collect()
}

#[test]
fn every_decode_error_says_its_message_once_and_keeps_the_text() {
    let errors = every_decode_error();
    let kinds: Vec<String> = errors
        .iter()
        .map(|(_, err)| {
            format!("{:?}", err.kind())
                .split([' ', '{'])
                .next()
                .unwrap_or("")
                .to_owned()
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "UnknownEvent",
            "UnsupportedSchemaVersion",
            "InvalidPayload",
            "MalformedJson",
            "UnknownEnvelope",
            "HostFailure"
        ]
    );
    for (text, err) in errors {
        assert_said_once("a decode error", &err);
        assert_eq!(err.raw(), text);
        let debug = format!("{err:?}");
        assert!(!debug.contains(SECRET), "Debug shows the payload: {debug}");
        assert!(
            debug.contains(&format!("<{} bytes>", text.len())),
            "{debug}"
        );
        assert_eq!(err.into_raw(), text);
    }
}

/// No message quotes a value of the payload: serde's own messages do (`invalid type: string
/// "Ada Lovelace", expected a boolean`), and messages end up in logs.
#[test]
fn no_message_quotes_a_payload_value() {
    let phone = "447946000000";
    let started = |field: &str| {
        format!(
            r#"{{"schemaVersion": "1.0.0", "interactionId": "i-1", "interactionType": "phone",
                "direction": "inbound", {field}}}"#
        )
    };
    // A chat message whose `rawMessage` (a string or a map, read by the kind of value) is given.
    let chat = |raw: &str| {
        format!(
            r#"{{"schemaVersion": "1.0.0", "interactionId": "i-1", "messages": [{{"id": "m",
                "timestamp": 1, "type": "text", "isBot": false, {raw}}}]}}"#
        )
    };
    let cases = [
        (
            "aw-interaction-focus-v3",
            format!(
                r#"{{"schemaVersion": "3.0.0", "interactionId": "i-1", "isManual": "{SECRET}",
                    "queue": {{"id": "1", "queueId": "q", "queueName": "Sales"}}}}"#
            ),
            "isManual",
            "invalid type: string, expected a boolean",
        ),
        (
            "aw-interaction-started-v1",
            started(&format!(r#""customerPhone": {phone}"#)),
            "customerPhone",
            "invalid type: integer, expected a string",
        ),
        (
            "aw-interaction-started-v1",
            started(&format!(r#""customerName": {phone}.5"#)),
            "customerName",
            "invalid type: floating point, expected a string",
        ),
        (
            "aw-interaction-started-v1",
            started(r#""agentName": "a""#).replace(r#""phone""#, &format!("\"{SECRET}\"")),
            "interactionType",
            "unknown variant, expected one of `phone`, `chat`, `email`, `sms`",
        ),
        (
            "mashell-chat-offered-cc-event-v1",
            format!(
                r#"{{"schemaVersion": "1.0.0", "eventName": "{SECRET}", "eventId": "e",
                    "method": "mapEvent", "direction": "inbound", "media": "chat",
                    "mediaType": "sms", "searchContext": "{phone}"}}"#
            ),
            "eventName",
            r#"invalid value: string, expected "offered""#,
        ),
        (
            "aw-chat-init-v1",
            chat(&format!(r#""rawMessage": {phone}"#)),
            "messages[0].rawMessage",
            "invalid type: integer, expected a string or an object",
        ),
        (
            "aw-chat-init-v1",
            chat(&format!(r#""rawMessage": {{"text": {phone}}}"#)),
            "messages[0].rawMessage.text",
            "invalid type: integer, expected a string",
        ),
    ];
    for (event, payload, path, message) in cases {
        let err = ReceivedEvent::decode(event, &payload).expect_err("does not decode");
        let shown = format!("{err} {err:?}");
        assert!(!shown.contains(SECRET) && !shown.contains(phone), "{shown}");
        match err.kind() {
            DecodeErrorKind::InvalidPayload {
                path: found_path,
                message: found,
                ..
            } => assert_eq!(
                (found_path.as_str(), found.as_str()),
                (path, message),
                "{payload}"
            ),
            other => panic!("{payload}: {other:?}"),
        }
        assert_eq!(err.raw(), payload, "the caller keeps the payload");
    }
}

#[test]
fn malformed_json_keeps_the_position_and_category() {
    for text in [
        "{\n  \"interactionId\": tru }",
        "{\"interactionId\": \"i-1\"",
    ] {
        let parser = serde_json::from_str::<serde_json::Value>(text).expect_err("not JSON");
        match focus(text).map_err(DecodeError::into_parts) {
            Err((
                DecodeErrorKind::MalformedJson {
                    line,
                    column,
                    category,
                    ref message,
                    ..
                },
                _,
            )) => {
                assert_eq!(
                    (line, column, category),
                    (parser.line(), parser.column(), parser.classify())
                );
                assert_eq!(
                    format!("{message} at line {line} column {column}"),
                    parser.to_string()
                );
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn an_encode_error_names_the_event_and_says_its_message_once() {
    // A conference starts with at least two calls.
    let text = r#"{"schemaVersion": "1.0.0", "calls": [{"callID": "a"}, {"callID": "b"}]}"#;
    let mut conference = CallManagerCallConferenceStartV1::decode(text).expect("decodes");
    conference.calls.truncate(1);
    let err = conference.to_json().expect_err("one call is too few");
    assert_eq!(err.event, "call-manager-call-conference-start-v1");
    assert_eq!(
        err.to_string(),
        "cannot encode `call-manager-call-conference-start-v1` 1.0.0: `calls` has 1 items, expected at least 2 items"
    );
    assert_said_once("a decode error", &err);
}

#[allow(dead_code)]
mod focus_only {
    #[derive(eventcat::EventCatalog)]
    #[catalog(events = ["aw-interaction-focus-*"])]
    pub struct Events;
}

/// Decoding an event the catalog has but the build's options left out says so, and what left
/// it out; a name the catalog does not have is plainly unknown.
#[test]
fn an_event_left_out_by_the_options_says_so() {
    let payload = r#"{"schemaVersion": "1.0.0", "interactionId": "i-1"}"#;
    let err =
        focus_only::ReceivedEvent::decode("aw-interaction-hold-v1", payload).expect_err("left out");
    assert!(
        matches!(err.kind(), DecodeErrorKind::UnknownEvent { name, left_out: true, .. } if name == "aw-interaction-hold-v1"),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "the event `aw-interaction-hold-v1` is in the catalog but left out of this build by its options (`products`, `events` or the sunset policy)"
    );
    for name in ["aw-no-such-event-v1", "aw-interaction-focus-v1x"] {
        let err = focus_only::ReceivedEvent::decode(name, payload).expect_err("unknown");
        assert!(
            matches!(
                err.kind(),
                DecodeErrorKind::UnknownEvent {
                    left_out: false,
                    ..
                }
            ),
            "{err:?}"
        );
        assert_eq!(err.to_string(), format!("unknown event `{name}`"));
    }
    let kept = focus_only::ReceivedEvent::decode(
        "aw-interaction-focus-v1",
        r#"{"schemaVersion": "1.0.0", "interactionId": "i-1"}"#,
    );
    assert!(kept.is_ok(), "{kept:?}");
}

#[allow(dead_code)]
mod recursive {
    #[derive(eventcat::EventCatalog)]
    #[catalog(path = "corpus/ok/recursion-through-array.yaml")]
    pub struct Events;
}

/// A `Node` payload `levels` nodes deep below the root.
fn nodes(levels: usize) -> String {
    let mut node = r#"{"id":"leaf","children":[]}"#.to_owned();
    for level in 0..levels {
        node = format!(r#"{{"id":"{level}","children":[{node}]}}"#);
    }
    format!(r#"{{"schemaVersion":"1.0.0","root":{node}}}"#)
}

/// A recursive type's payload decodes as deep as serde_json reads (128 arrays and objects, the
/// limit check's `payload-depth` warning states at the type); deeper is an `InvalidPayload`
/// at the path where reading stopped, not malformed JSON.
#[test]
fn a_payload_deeper_than_the_reading_limit_is_invalid_at_its_path() {
    use recursive::ReceivedEvent;
    // The payload object is one level, each node two (its object and its `children`).
    let deepest = nodes(62);
    assert!(ReceivedEvent::decode("aw-example-v1", &deepest).is_ok());
    for levels in [63, 64, 500] {
        let payload = nodes(levels);
        match ReceivedEvent::decode("aw-example-v1", &payload).map_err(DecodeError::into_parts) {
            Err((DecodeErrorKind::InvalidPayload { path, message, .. }, raw)) => {
                assert!(path.starts_with("root.children[0].children[0]"), "{path}");
                assert_eq!(
                    message,
                    "nested more than 128 arrays and objects deep, the most a payload is read to"
                );
                assert_eq!(raw, payload);
            }
            other => panic!("{levels} levels: {other:?}"),
        }
    }
}

#[allow(dead_code)]
mod lone_surrogate_example {
    #[derive(eventcat::EventCatalog)]
    #[catalog(path = "corpus/ok/example-lone-surrogate.yaml")]
    pub struct Events;
}

/// `check` reads an example as the generated code does: the example it accepts with a lone
/// surrogate decodes, and a key given twice, which it refuses in an object of fields
/// (`corpus/broken/example-duplicate-key.yaml`), the generated struct refuses too.
#[test]
fn check_and_the_generated_code_read_examples_alike() {
    use eventcat::PartnerEvent;
    use lone_surrogate_example::XV1;
    let example = XV1::example().expect("the example check accepted decodes");
    assert_eq!(example.name, "half \u{fffd}");
    let tags = example.tags.expect("tags");
    assert_eq!(tags.get("k").map(String::as_str), Some("2"));
    let twice = r#"{"name": "a", "name": "b", "schemaVersion": "1.0.0"}"#;
    let err = XV1::decode(twice).expect_err("a field given twice");
    assert!(
        matches!(err.kind(), DecodeErrorKind::InvalidPayload { message, .. } if message == "duplicate field `name`"),
        "{err:?}"
    );
    let loaded = eventcat_codegen::load_file(std::path::Path::new(
        "corpus/ok/example-lone-surrogate.yaml",
    ))
    .expect("check accepts it");
    assert!(!loaded.report.has_errors());
}
