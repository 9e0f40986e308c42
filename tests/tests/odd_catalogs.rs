//! Odd but valid catalogs of `corpus/ok/` (names that are not Rust identifiers, names generated
//! code uses itself, prerelease versions, recursive aliases, catalogs with only send or only
//! received events or none, control characters in docs) generate code that compiles under
//! `#![deny(warnings)]` here and under clippy `-D warnings` in CI, and renders to a file without
//! the characters a doc comment cannot hold.
#![deny(warnings)]

use std::path::Path;

use eventcat_codegen::Options;

// The modules hold every generated item; a test binary uses only some of them, hence
// `dead_code`, as for any binary (see the README's "In a binary crate").

#[allow(dead_code)]
mod odd_names {
    #[derive(eventcat::EventCatalog)]
    #[catalog(path = "corpus/ok/odd-names.yaml")]
    pub struct Events;
}

#[allow(dead_code)]
mod prerelease {
    #[derive(eventcat::EventCatalog)]
    #[catalog(path = "corpus/ok/prerelease-versions.yaml")]
    pub struct Events;
}

#[allow(dead_code)]
mod before_update {
    #[derive(eventcat::EventCatalog)]
    #[catalog(path = "corpus/ok/version-added-before.yaml")]
    pub struct Events;
}

#[allow(dead_code)]
mod after_update {
    #[derive(eventcat::EventCatalog)]
    #[catalog(path = "corpus/ok/version-added-after.yaml")]
    pub struct Events;
}

use crate::every_shape;

#[allow(dead_code)]
mod only_send {
    #[derive(eventcat::EventCatalog)]
    #[catalog(path = "corpus/ok/only-send.yaml")]
    pub struct Events;
}

#[allow(dead_code)]
mod only_received {
    #[derive(eventcat::EventCatalog)]
    #[catalog(path = "corpus/ok/only-received.yaml")]
    pub struct Events;
}

#[allow(dead_code)]
mod no_events {
    #[derive(eventcat::EventCatalog)]
    #[catalog(path = "corpus/ok/no-events.yaml")]
    pub struct Events;
}

#[allow(dead_code)]
mod doc_controls {
    #[derive(eventcat::EventCatalog)]
    #[catalog(path = "corpus/ok/doc-control-characters.yaml")]
    pub struct Events;
}

#[test]
fn odd_wire_names_decode_and_encode_exactly() {
    use odd_names::{AwOddNamesV1, AwOddNamesV1U1F389, PartnerEvent, ReceivedEvent};
    let payload = r#"{"schemaVersion":"1.0.0","x²":"sq","café":{"日本":"jp"},"":"empty",
        "🎉":"½","schema_version":"data","SchemaVersion":1,"k":"x","_k":"hidden","wire":"w",
        "d":4,"s":true,"a":[[],[[]]],"tree":{"t":[{}]},"choice":7}"#;
    let event = match ReceivedEvent::decode("aw-odd-names-v1", payload) {
        Ok(ReceivedEvent::AwOddNamesV1(event)) => event,
        other => panic!("decode: {other:?}"),
    };
    assert_eq!(event.x_u00b2, "sq");
    assert_eq!(event.caf_u00e9.u65e5_u672c, "jp");
    assert_eq!(event.field_, "empty");
    assert_eq!(event.u1f389, AwOddNamesV1U1F389::U00BD);
    assert_eq!(event.schema_version, "data");
    assert_eq!(event._k, "hidden");
    assert_eq!(
        event.a,
        odd_names::A(vec![
            odd_names::A(vec![]),
            odd_names::A(vec![odd_names::A(vec![])])
        ])
    );
    assert_eq!(event.choice, odd_names::Choice::A3(7));
    let json = event.to_json().expect("encodes");
    let again = AwOddNamesV1::decode(&json).expect("decodes again");
    assert_eq!(again, event);
    for wire in [
        "\"x²\"",
        "\"café\"",
        "\"日本\"",
        "\"🎉\":\"½\"",
        "\"SchemaVersion\":1",
        "\"k\":\"x\"",
    ] {
        assert!(json.contains(wire), "{wire} in {json}");
    }
    assert_eq!(AwOddNamesV1U1F389::VSelf.as_str(), "self");
}

#[test]
fn prerelease_versions_get_camel_case_names_and_upgrades() {
    use prerelease::{
        AwPre, AwPreV1_0_0Alpha1, AwPreV1_0_0BuildBuild7, AwPreV1_0_0Rc1_2, PartnerEvent,
    };
    let alpha = AwPreV1_0_0Alpha1 {};
    let rc: AwPreV1_0_0Rc1_2 = alpha.clone().upgrade_to_v1_0_0rc1_2("id".to_owned());
    assert_eq!(rc.id, "id");
    assert_eq!(rc.note, None);
    // Build metadata is part of the name: only a plain `1.0.0` would be `AwPreV1`.
    let newest: AwPreV1_0_0BuildBuild7 = alpha
        .clone()
        .upgrade_to_v1_0_0buildbuild7("id".to_owned(), 3);
    assert_eq!(
        <AwPreV1_0_0BuildBuild7 as PartnerEvent>::SCHEMA_VERSION,
        "1.0.0+build.7"
    );
    assert_eq!(newest.count, 3);
    let any = AwPre::V1_0_0Alpha1(alpha);
    assert!(matches!(any, AwPre::V1_0_0Alpha1(_)));
}

#[test]
fn catalogs_without_received_or_send_events_still_dispatch() {
    let err = only_send::ReceivedEvent::decode("aw-send-only-v1", "{}").expect_err("not received");
    assert!(
        matches!(err.kind(), only_send::DecodeErrorKind::UnknownEvent { .. }),
        "{err:?}"
    );
    let err = no_events::ReceivedEvent::decode("x-v1", "{}").expect_err("no events");
    assert!(
        matches!(err.kind(), no_events::DecodeErrorKind::UnknownEvent { .. }),
        "{err:?}"
    );
    assert!(no_events::CatalogEntry::ALL.is_empty());
    let event = only_received::ReceivedEvent::decode(
        "aw-received-only-v1",
        r#"{"schemaVersion":"1.0.0","id":"i"}"#,
    )
    .expect("decodes");
    assert_eq!(event.name(), "aw-received-only-v1");
}

#[test]
fn wire_names_with_control_characters_stay_exact() {
    use doc_controls::{Mode, PartnerEvent, ReceivedEvent};
    let payload = "{\"schemaVersion\":\"1.0.1\",\"mode\":\"right\u{202e}left\"}";
    let event = ReceivedEvent::decode("aw-doc-controls-v1", payload).expect("decodes");
    assert_eq!(event.schema_version(), "1.0.1");
    assert_eq!(Mode::OnOff.as_str(), "on\roff");
    let _ = doc_controls::AwDocControlsV1::NAME;
}

/// Characters a `///` comment must not hold: control characters but the line feed, and those
/// that change the direction of text.
fn forbidden_in_rendered_file(c: char) -> bool {
    (c.is_control() && c != '\n') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[test]
fn every_ok_catalog_renders_to_a_clean_file() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/ok");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus/ok")
        .map(|entry| entry.expect("entry").path())
        .collect();
    paths.sort();
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("catalog");
        let name = path.display().to_string();
        let source = eventcat_codegen::generate_source(&name, &text, &Options::default())
            .unwrap_or_else(|err| panic!("{name} must generate:\n{err}"));
        let comments: Vec<&str> = source
            .lines()
            .filter(|line| line.trim_start().starts_with("//"))
            .filter(|line| line.chars().any(forbidden_in_rendered_file))
            .collect();
        assert!(comments.is_empty(), "{name}: {comments:?}");
        assert!(!source.contains('\r'), "{name} has a CR");
    }
}

/// Partner code written against a catalog: the same source is compiled against the catalog
/// before and after an update that adds schema versions, and must mean the same in both.
macro_rules! partner_code {
    ($catalog:ident) => {{
        use $catalog::{
            AwCodes, AwCodesV1, AwCodesV1_0_1, AwInteractionFocus, AwInteractionFocusV2,
            AwInteractionFocusV3, PartnerEvent, Queue, ReceivedEvent,
        };
        let focus = r#"{"interactionId":"i-1","queue":{"queueId":"q"},"schemaVersion":"3.0.0"}"#;
        match ReceivedEvent::decode("aw-interaction-focus-v3", focus) {
            Ok(ReceivedEvent::AwInteractionFocusV3(event)) => {
                assert_eq!(event.interaction_id, "i-1");
                assert_eq!(event.queue.queue_id, "q");
            }
            other => panic!("{}: {other:?}", stringify!($catalog)),
        }
        assert_eq!(
            <AwInteractionFocusV3 as PartnerEvent>::SCHEMA_VERSION,
            "3.0.0"
        );
        let decoded = AwInteractionFocusV3::decode(focus).expect("3.0.0 decodes");
        assert!(matches!(
            AwInteractionFocus::from(decoded),
            AwInteractionFocus::V3(_)
        ));
        let upgraded: AwInteractionFocusV3 = AwInteractionFocusV2 {
            interaction_id: "i-2".to_owned(),
        }
        .upgrade_to_v3(Queue {
            queue_id: "q".to_owned(),
        });
        assert_eq!(upgraded.interaction_id, "i-2");
        for (version, expected) in [("1.0.0", "V1"), ("1.0.1", "V1_0_1")] {
            let codes = format!(r#"{{"codes":["a"],"schemaVersion":"{version}"}}"#);
            let got = match ReceivedEvent::decode("aw-codes-v1", &codes) {
                Ok(ReceivedEvent::AwCodesV1(event)) => {
                    assert_eq!(AwCodes::from(event.clone()), AwCodes::V1(event));
                    "V1"
                }
                Ok(ReceivedEvent::AwCodesV1_0_1(event)) => {
                    assert_eq!(AwCodesV1::from(event).codes, ["a"]);
                    "V1_0_1"
                }
                other => panic!("{}: {other:?}", stringify!($catalog)),
            };
            assert_eq!(got, expected, "{} {version}", stringify!($catalog));
        }
        assert_eq!(<AwCodesV1_0_1 as PartnerEvent>::SCHEMA_VERSION, "1.0.1");
    }};
}

#[test]
fn adding_schema_versions_keeps_every_name_and_its_meaning() {
    partner_code!(before_update);
    partner_code!(after_update);
    // The added versions have names of their own.
    let newer =
        r#"{"interactionId":"i","queue":{"queueId":"q"},"isManual":true,"schemaVersion":"3.0.1"}"#;
    assert!(matches!(
        after_update::ReceivedEvent::decode("aw-interaction-focus-v3", newer),
        Ok(after_update::ReceivedEvent::AwInteractionFocusV3_0_1(_))
    ));
    let codes = r#"{"codes":[],"by":"me","schemaVersion":"1.1.0"}"#;
    assert!(matches!(
        after_update::ReceivedEvent::decode("aw-codes-v1", codes),
        Ok(after_update::ReceivedEvent::AwCodesV1_1_0(_))
    ));
    // Before the update, the new versions are reported as such, not decoded as the old ones.
    assert!(matches!(
        before_update::ReceivedEvent::decode("aw-interaction-focus-v3", newer)
            .map_err(before_update::DecodeError::into_parts),
        Err((
            before_update::DecodeErrorKind::UnsupportedSchemaVersion { .. },
            _
        ))
    ));
}

/// `eventcat diff` agrees: the update adds Rust names and removes or changes none.
#[test]
fn the_update_only_adds_rust_names() {
    let load = |path: &str| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
        eventcat_codegen::load_file(&path).expect("loads")
    };
    let before = load("corpus/ok/version-added-before.yaml");
    let after = load("corpus/ok/version-added-after.yaml");
    let diff = eventcat_codegen::diff::diff_loaded(&before, &after, None).expect("plans");
    let changes = diff.names;
    assert!(changes.removed.is_empty(), "{:?}", changes.removed);
    assert!(changes.changed.is_empty(), "{:?}", changes.changed);
    let added: Vec<&str> = changes.added.iter().map(|n| n.name.as_str()).collect();
    assert!(added.contains(&"AwInteractionFocusV3_0_1"), "{added:?}");
    assert!(added.contains(&"ReceivedEvent::AwCodesV1_1_0"), "{added:?}");
    assert!(!changes.breaking());
}

/// An every-shape 1.0.0 payload with `last` as its last member (JSON objects keep their order
/// here, so the members after the failing one are what the parser meets next).
fn every_shape_payload(replace: &str, last: &str) -> String {
    let members = [
        ("type", r#""t""#),
        ("kind", r#""mapEvent""#),
        ("flag", "true"),
        ("ratio", "1"),
        ("channel", r#""phone""#),
        ("queue", r#"{"id":"q"}"#),
        ("tags", r#"["a",null]"#),
        ("content", r#""text""#),
        ("queues", r#"[{"id":"1","queueName":"n"}]"#),
        ("callID", r#""c""#),
        ("callId", r#""d""#),
        ("method", r#""mapEvent""#),
        ("level", "null"),
        ("marks", r#"["x"]"#),
        ("schemaVersion", r#""1.0.0""#),
    ];
    let (key, value) = replace.split_once('=').expect("key=value");
    let mut out: Vec<String> = members
        .iter()
        .filter(|(k, _)| *k != key && *k != last)
        .map(|(k, v)| format!("\"{k}\":{v}"))
        .collect();
    let value_of = |k: &str| {
        if k == key {
            value.to_owned()
        } else {
            members
                .iter()
                .find(|(m, _)| *m == k)
                .map(|(_, v)| (*v).to_owned())
                .unwrap_or_default()
        }
    };
    if key != last {
        out.push(format!("\"{key}\":{}", value_of(key)));
    }
    out.push(format!("\"{last}\":{}", value_of(last)));
    format!("{{{}}}", out.join(","))
}

/// Without a second, path-tracking copy of the readers, the path of an error still names the
/// failing value: inside arrays, for the last member of an object, for a length and a union.
#[test]
fn decode_errors_name_the_failing_value() {
    use every_shape::{DecodeError, DecodeErrorKind, ReceivedEvent};
    let valid = every_shape_payload("type=\"t\"", "type");
    assert!(
        ReceivedEvent::decode("aw-example-v1", &valid).is_ok(),
        "{valid}"
    );
    for (replace, last, path) in [
        (r#"tags=["a","zzz"]"#, "tags", "tags[1]"),
        (r#"tags=["a","zzz"]"#, "type", "tags[1]"),
        (r#"tags=["a","b","a","b"]"#, "tags", "tags"),
        (r#"tags=["a","b","a","b"]"#, "type", "tags"),
        ("content=5", "content", "content"),
        ("content=5", "type", "content"),
        ("queues=[]", "queues", "queues"),
        ("queues=[]", "type", "queues"),
        (
            r#"queues=[{"id":"1","queueName":"n"},{"id":2,"queueName":"n"}]"#,
            "queues",
            "queues[1].id",
        ),
        (
            r#"queues=[{"id":"1","queueName":"n"},{"id":"2"}]"#,
            "queues",
            "queues[1]",
        ),
        ("queue={}", "queue", "queue"),
        ("queue={}", "type", "queue"),
        (r#"marks=["x","y"]"#, "marks", "marks[1]"),
        (r#"method="other""#, "method", "method"),
        (r#"method="other""#, "type", "method"),
        ("level=3", "level", "level"),
        (r#"channel={"phone":null}"#, "channel", "channel"),
        (r#"queue=["q"]"#, "type", "queue"),
        (r#"schemaVersion=5"#, "schemaVersion", "schemaVersion"),
    ] {
        let text = every_shape_payload(replace, last);
        match ReceivedEvent::decode("aw-example-v1", &text).map_err(DecodeError::into_parts) {
            Err((
                DecodeErrorKind::InvalidPayload {
                    path: found,
                    message,
                    ..
                },
                _,
            )) => {
                assert_eq!(found, path, "{replace}, last {last}: {message}\n{text}");
                assert!(!message.contains(" at line "), "{message}");
            }
            other => panic!("{replace}, last {last}: {other:?}\n{text}"),
        }
    }
    // A missing member, and a repeated one, are about the object.
    let missing = valid.replace(r#""callID":"c","#, "");
    match ReceivedEvent::decode("aw-example-v1", &missing).map_err(DecodeError::into_parts) {
        Err((DecodeErrorKind::InvalidPayload { path, message, .. }, _)) => {
            assert_eq!(
                (path.as_str(), message.as_str()),
                (".", "missing field `callID`")
            );
        }
        other => panic!("{other:?}"),
    }
    let repeated = valid.replacen(r#""flag":true"#, r#""flag":true,"flag":true"#, 1);
    match ReceivedEvent::decode("aw-example-v1", &repeated).map_err(DecodeError::into_parts) {
        Err((DecodeErrorKind::InvalidPayload { path, message, .. }, _)) => {
            assert_eq!(
                (path.as_str(), message.as_str()),
                (".", "duplicate field `flag`")
            );
        }
        other => panic!("{other:?}"),
    }
}
