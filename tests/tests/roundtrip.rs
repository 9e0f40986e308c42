//! Schema-driven round trips of the generated code. Payloads are generated from the catalog model
//! (every event schema version, deterministic cases and arbitrary ones), decoded by the generated
//! code, re-encoded, and compared with what went in. Invalid payloads are made by mutating valid
//! ones at a known place, and the error must name that place. The payload generators are shared
//! with the schema tests, in `common`.

use crate::round_trip;

use crate::common::{
    ALL_PRESENT, Det, any_payload, bundled_catalog, det_cases, det_payload, payload_fields,
    resolved,
};
use eventcat_codegen::model::{Catalog, Constant, Direction, Field, Scalar, SchemaVersion, Shape};
use eventcat_tests::catalog::{
    AwChatMessageReceivedV1, CallManagerCallConferenceStartV1, DecodeError, DecodeErrorKind,
    PartnerEvent, ReceivedEvent,
};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use round_trip::{parse, same_json, send_round_trip};
use serde_json::{Value, json};

// ------------------------------------------------------------------------------------------------
// The catalog, as a list of event schema versions.

/// One event schema version, with what the tests check it against.
#[derive(Debug, Clone)]
struct Version {
    name: String,
    version: String,
    direction: Direction,
    /// Every schema version of the event, oldest first.
    all_versions: Vec<String>,
    /// The schema version as the catalog declares it.
    model: SchemaVersion,
}

fn versions(catalog: &Catalog) -> Vec<Version> {
    let mut out = Vec::new();
    for event in &catalog.events {
        let all_versions: Vec<String> = event
            .schema_versions
            .iter()
            .map(|v| v.version.to_string())
            .collect();
        for version in &event.schema_versions {
            out.push(Version {
                name: event.name.clone(),
                version: version.version.to_string(),
                direction: event.direction,
                all_versions: all_versions.clone(),
                model: version.clone(),
            });
        }
    }
    out
}

/// The newest schema version of the event called `name`.
fn newest<'a>(all: &'a [Version], name: &str) -> &'a Version {
    all.iter()
        .rev()
        .find(|v| v.name == name)
        .unwrap_or_else(|| panic!("{name} is in the catalog"))
}

#[test]
fn every_event_schema_version_is_covered() {
    let catalog = bundled_catalog();
    let versions = versions(&catalog);
    // 59 events, one of which (wrap-up codes) has two schema versions.
    assert_eq!(versions.len(), 60);
    let send: Vec<&str> = versions
        .iter()
        .filter(|v| v.direction == Direction::Send)
        .map(|v| v.name.as_str())
        .collect();
    assert_eq!(
        send,
        [
            "aw-chat-message-received-v1",
            "aw-interaction-wrap-up-codes-received-v1"
        ]
    );
}

// ------------------------------------------------------------------------------------------------
// Decoding and comparing.

/// Decodes `text` as event `name` and re-encodes it: received events through `ReceivedEvent`,
/// send events through their `PartnerEvent` impl.
fn decode_and_encode(v: &Version, text: &str) -> Result<String, DecodeError> {
    match v.direction {
        Direction::Received => {
            let event = ReceivedEvent::decode(&v.name, text)?;
            assert_eq!(event.name(), v.name);
            assert_eq!(event.schema_version(), v.version);
            Ok(event.to_json().expect("encodes"))
        }
        Direction::Send => send_round_trip(&v.name, text),
    }
}

/// Decodes and re-encodes `payload`, and checks the result equals it.
fn assert_round_trip(v: &Version, payload: &Value, case: &str) {
    let text = payload.to_string();
    let encoded = decode_and_encode(v, &text).unwrap_or_else(|err| {
        panic!(
            "{} {} ({case}) does not decode: {err}\n{text}",
            v.name, v.version
        )
    });
    let back = parse(&encoded);
    assert!(
        same_json(payload, &back),
        "{} {} ({case}) changed in a round trip\n  in:  {text}\n  out: {encoded}",
        v.name,
        v.version
    );
}

fn sdk_envelope(name: &str, payload: &Value) -> String {
    json!({
        "type": "event",
        "schemaVersion": "1.0.0",
        "message": { "eventName": name, "value": payload },
    })
    .to_string()
}

fn maestro_envelope(name: &str, payload: &Value) -> String {
    json!({ "eventType": name, "status": "success", "data": payload }).to_string()
}

// ------------------------------------------------------------------------------------------------
// Deterministic payloads.

#[test]
fn deterministic_payloads_round_trip() {
    let catalog = bundled_catalog();
    let mut count = 0;
    for v in versions(&catalog) {
        for (case, payload) in det_cases(&catalog, &v.model) {
            assert_round_trip(&v, &payload, &case);
            count += 1;
        }
    }
    assert!(count >= 60 * 4, "only {count} cases");
}

/// Every value of every enum, nested ones included, is used by some deterministic case.
#[test]
fn deterministic_cases_use_every_enum_value() {
    fn collect(value: &Value, out: &mut std::collections::BTreeSet<String>) {
        match value {
            Value::String(s) => {
                out.insert(s.clone());
            }
            Value::Array(items) => items.iter().for_each(|i| collect(i, out)),
            Value::Object(map) => map.values().for_each(|i| collect(i, out)),
            _ => {}
        }
    }
    fn enums(catalog: &Catalog, shape: &Shape, out: &mut Vec<String>) {
        match shape {
            Shape::Enum(values) => out.extend(values.iter().cloned()),
            Shape::Named(_) => enums(catalog, resolved(catalog, shape), out),
            Shape::Object(fields) => fields.iter().for_each(|f| enums(catalog, &f.shape, out)),
            Shape::Array(e, _) | Shape::Map(e) => enums(catalog, &e.shape, out),
            Shape::OneOf(members) => members.iter().for_each(|m| enums(catalog, &m.shape, out)),
            Shape::Scalar(_) | Shape::Const(_) => {}
        }
    }
    let catalog = bundled_catalog();
    let mut checked = 0;
    for v in versions(&catalog) {
        let mut seen = std::collections::BTreeSet::new();
        for (_, payload) in det_cases(&catalog, &v.model) {
            collect(&payload, &mut seen);
        }
        let mut wanted = Vec::new();
        for field in payload_fields(&catalog, &v.model) {
            enums(&catalog, &field.shape, &mut wanted);
        }
        for value in wanted {
            assert!(seen.contains(&value), "{} never uses `{value}`", v.name);
            checked += 1;
        }
    }
    // InteractionDirection (21 Maestro events + started), ChatMediaType, ChatAttachmentKind, ...
    assert!(checked > 40, "only {checked} enum values checked");
}

#[test]
fn received_payloads_decode_the_same_through_both_envelopes() {
    let catalog = bundled_catalog();
    let mut count = 0;
    for v in versions(&catalog) {
        for (case, payload) in det_cases(&catalog, &v.model) {
            let text = payload.to_string();
            if v.direction == Direction::Send {
                // The host never delivers a send event: an envelope naming one is refused.
                let message = sdk_envelope(&v.name, &payload);
                match ReceivedEvent::from_message(&message).map_err(DecodeError::into_parts) {
                    Err((DecodeErrorKind::UnknownEvent { name, .. }, raw)) => {
                        assert_eq!(name, v.name);
                        assert_eq!(raw, message);
                    }
                    other => panic!("{}: {other:?}", v.name),
                }
                continue;
            }
            let direct = ReceivedEvent::decode(&v.name, &text)
                .unwrap_or_else(|err| panic!("{} ({case}): {err}", v.name));
            for message in [
                sdk_envelope(&v.name, &payload),
                maestro_envelope(&v.name, &payload),
            ] {
                let enveloped = ReceivedEvent::from_message(&message)
                    .unwrap_or_else(|err| panic!("{} ({case}): {err}\n{message}", v.name));
                assert_eq!(enveloped, direct, "{} ({case})", v.name);
                let back = parse(&enveloped.to_json().expect("encodes"));
                assert!(same_json(&payload, &back), "{} ({case}): {back}", v.name);
                count += 1;
            }
        }
    }
    assert!(count > 100, "only {count} envelopes decoded");
}

#[test]
fn maestro_failed_message_is_a_host_failure() {
    let name = "mashell-voice-phone-offered-cc-event-v1";
    let data = json!({
        "eventName": "offered",
        "error": "INVALID_SCHEMA",
        "schemaVersion": "1.0.0",
        "allowedSchemaVersions": ["1.0.0"],
    });
    let message = json!({ "eventType": name, "status": "failed", "data": data }).to_string();
    match ReceivedEvent::from_message(&message).map_err(DecodeError::into_parts) {
        Err((
            DecodeErrorKind::HostFailure {
                event,
                code,
                detail,
                ..
            },
            raw,
        )) => {
            assert_eq!(event, name);
            assert_eq!(code, "INVALID_SCHEMA");
            let detail: Value = serde_json::from_str(&detail).expect("JSON text");
            assert_eq!(detail, data);
            assert_eq!(raw, message);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn unknown_fields_are_ignored() {
    let catalog = bundled_catalog();
    let mut count = 0;
    for v in versions(&catalog) {
        let with_extra = det_payload(
            &catalog,
            &v.model,
            Det {
                extra: true,
                ..ALL_PRESENT
            },
        );
        let expected = det_payload(&catalog, &v.model, ALL_PRESENT);
        assert_ne!(with_extra, expected);
        let text = with_extra.to_string();
        let encoded = decode_and_encode(&v, &text)
            .unwrap_or_else(|err| panic!("{}: an unknown field is refused: {err}", v.name));
        let back = parse(&encoded);
        assert!(same_json(&expected, &back), "{}: {back}", v.name);
        if v.direction == Direction::Received {
            let enveloped = ReceivedEvent::from_message(&maestro_envelope(&v.name, &with_extra));
            assert!(enveloped.is_ok(), "{}: {enveloped:?}", v.name);
        }
        count += 1;
    }
    assert_eq!(count, 60);
}

// ------------------------------------------------------------------------------------------------
// Arbitrary payloads.

/// Numbers whose JSON text parses back exactly: integers, and fractions with few digits.
fn any_number() -> BoxedStrategy<Value> {
    prop_oneof![
        any::<i32>().prop_map(|n| json!(n)),
        (any::<i32>(), 0u32..5).prop_map(|(m, k)| json!(f64::from(m) / f64::from(1u32 << k))),
        Just(json!(0.0)),
        Just(json!(-0.5)),
    ]
    .boxed()
}

#[test]
fn arbitrary_payloads_round_trip() {
    let catalog = bundled_catalog();
    let config = Config {
        cases: 64,
        failure_persistence: None,
        ..Config::default()
    };
    for v in versions(&catalog) {
        let mut runner = TestRunner::new(config.clone());
        let result = runner.run(&any_payload(&catalog, &v.model, any_number), |payload| {
            let text = payload.to_string();
            let encoded = decode_and_encode(&v, &text)
                .map_err(|err| TestCaseError::fail(format!("does not decode: {err}")))?;
            let back = parse(&encoded);
            prop_assert!(same_json(&payload, &back), "out: {}", encoded);
            if v.direction == Direction::Received {
                let direct = ReceivedEvent::decode(&v.name, &text);
                for message in [
                    sdk_envelope(&v.name, &payload),
                    maestro_envelope(&v.name, &payload),
                ] {
                    prop_assert_eq!(&ReceivedEvent::from_message(&message), &direct);
                }
            }
            Ok(())
        });
        if let Err(err) = result {
            panic!("{} {}: {err}", v.name, v.version);
        }
    }
}

// ------------------------------------------------------------------------------------------------
// Invalid payloads.

/// A place in a valid payload where a mutation makes it invalid.
#[derive(Debug, Clone)]
struct Site {
    /// The path the error must name, as serde paths are written (`queue.queueId`, `a[0].b`).
    path: String,
    /// JSON pointer of the value to change or remove.
    pointer: String,
    kind: SiteKind,
}

#[derive(Debug, Clone, PartialEq)]
enum SiteKind {
    /// A constant: replaced by another value of its type.
    Constant(Value),
    /// An enum: replaced by a value it does not list.
    Enum,
    /// A value replaced by one of another JSON type.
    WrongType(Value),
    /// A required field: removed (the error names the parent).
    Required,
    /// A field that may not be null: set to null.
    NotNull,
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn pointer(base: &str, key: &str) -> String {
    format!("{base}/{}", key.replace('~', "~0").replace('/', "~1"))
}

/// The serde path of a parent, `.` for the root.
fn shown(path: &str) -> &str {
    if path.is_empty() { "." } else { path }
}

fn field_sites(
    catalog: &Catalog,
    fields: &[Field],
    value: &Value,
    path: &str,
    ptr: &str,
    out: &mut Vec<Site>,
) {
    for field in fields {
        let child_path = join(path, &field.wire_name);
        let child_ptr = pointer(ptr, &field.wire_name);
        if !field.optional {
            out.push(Site {
                path: shown(path).to_owned(),
                pointer: child_ptr.clone(),
                kind: SiteKind::Required,
            });
        }
        if !field.nullable {
            out.push(Site {
                path: child_path.clone(),
                pointer: child_ptr.clone(),
                kind: SiteKind::NotNull,
            });
        }
        if let Some(child) = value.get(&field.wire_name).filter(|c| !c.is_null()) {
            value_sites(catalog, &field.shape, child, &child_path, &child_ptr, out);
        }
    }
}

fn value_sites(
    catalog: &Catalog,
    shape: &Shape,
    value: &Value,
    path: &str,
    ptr: &str,
    out: &mut Vec<Site>,
) {
    let site = |kind| Site {
        path: path.to_owned(),
        pointer: ptr.to_owned(),
        kind,
    };
    match shape {
        Shape::Scalar(Scalar::String) => out.push(site(SiteKind::WrongType(json!(7)))),
        Shape::Scalar(Scalar::Integer | Scalar::Number) => {
            out.push(site(SiteKind::WrongType(json!("7"))));
        }
        Shape::Scalar(Scalar::Boolean) => out.push(site(SiteKind::WrongType(json!("true")))),
        Shape::Named(_) => value_sites(catalog, resolved(catalog, shape), value, path, ptr, out),
        Shape::Const(constant) => {
            let wrong = match constant {
                Constant::String(s) => json!(format!("not-{s}")),
                Constant::Integer(i) => json!(i + 1),
                Constant::Number(n) => json!(n + 1.0),
                Constant::Boolean(b) => json!(!b),
            };
            out.push(site(SiteKind::Constant(wrong)));
        }
        Shape::Enum(_) => out.push(site(SiteKind::Enum)),
        Shape::Object(fields) => field_sites(catalog, fields, value, path, ptr, out),
        Shape::Array(element, _) => {
            out.push(site(SiteKind::WrongType(json!({}))));
            if let Some(first) = value.get(0).filter(|c| !c.is_null()) {
                let child_path = format!("{path}[0]");
                value_sites(
                    catalog,
                    &element.shape,
                    first,
                    &child_path,
                    &format!("{ptr}/0"),
                    out,
                );
            }
        }
        Shape::Map(element) => {
            out.push(site(SiteKind::WrongType(json!([]))));
            let first = value.as_object().and_then(|m| m.iter().next());
            if let Some((key, first)) = first.filter(|(_, v)| !v.is_null()) {
                let child_path = join(path, key);
                let child_ptr = pointer(ptr, key);
                value_sites(catalog, &element.shape, first, &child_path, &child_ptr, out);
            }
        }
        // Untagged: no member accepts a boolean unless one is a boolean.
        Shape::OneOf(members) => {
            let takes_bool = members.iter().any(|m| {
                matches!(
                    resolved(catalog, &m.shape),
                    Shape::Scalar(Scalar::Boolean) | Shape::Const(Constant::Boolean(_))
                )
            });
            if !takes_bool {
                out.push(site(SiteKind::WrongType(json!(true))));
            }
        }
    }
}

/// Every mutation site of the all-present payload of `v`.
fn sites(catalog: &Catalog, v: &Version) -> (Value, Vec<Site>) {
    let payload = det_payload(catalog, &v.model, ALL_PRESENT);
    let mut out = Vec::new();
    let fields = payload_fields(catalog, &v.model);
    field_sites(catalog, fields, &payload, "", "", &mut out);
    (payload, out)
}

/// `payload` with the site changed as its kind says.
fn mutate(payload: &Value, site: &Site) -> Value {
    let mut payload = payload.clone();
    if site.kind == SiteKind::Required {
        let (parent, key) = site.pointer.rsplit_once('/').expect("pointer has a parent");
        let key = key.replace("~1", "/").replace("~0", "~");
        let parent = payload
            .pointer_mut(parent)
            .and_then(Value::as_object_mut)
            .unwrap_or_else(|| panic!("no object at {parent}"));
        assert!(
            parent.remove(&key).is_some(),
            "nothing to remove at {}",
            site.pointer
        );
        return payload;
    }
    let slot = payload
        .pointer_mut(&site.pointer)
        .unwrap_or_else(|| panic!("nothing at {}", site.pointer));
    *slot = match &site.kind {
        SiteKind::Constant(wrong) | SiteKind::WrongType(wrong) => wrong.clone(),
        SiteKind::Enum => json!("not-a-listed-value"),
        SiteKind::NotNull => Value::Null,
        SiteKind::Required => unreachable!(),
    };
    payload
}

/// Asserts `result` is `InvalidPayload` for `v` at `path`, keeping `raw`.
fn assert_invalid_at(
    v: &Version,
    result: Result<String, DecodeError>,
    path: &str,
    raw: &str,
    what: &str,
) {
    match result.map_err(DecodeError::into_parts) {
        Err((
            DecodeErrorKind::InvalidPayload {
                event,
                schema_version,
                path: found,
                message,
                ..
            },
            kept,
        )) => {
            assert_eq!(event, v.name, "{what}");
            assert_eq!(schema_version, v.version, "{} {what}", v.name);
            assert_eq!(
                found, path,
                "{} {}: {what}: wrong path ({message})\n{raw}",
                v.name, v.version
            );
            assert_eq!(kept, raw, "{} {what}", v.name);
        }
        other => panic!(
            "{} {}: {what}: expected InvalidPayload at `{path}`, got {other:?}",
            v.name, v.version
        ),
    }
}

/// Decodes a mutated payload bare and (received events) in both envelopes, expecting an
/// invalid-payload error at `path` each time.
fn assert_refused(v: &Version, payload: &Value, path: &str, what: &str) {
    let text = payload.to_string();
    assert_invalid_at(v, decode_and_encode(v, &text), path, &text, what);
    if v.direction == Direction::Received {
        for message in [
            sdk_envelope(&v.name, payload),
            maestro_envelope(&v.name, payload),
        ] {
            let result =
                ReceivedEvent::from_message(&message).map(|e| e.to_json().expect("encodes"));
            assert_invalid_at(v, result, path, &message, what);
        }
    }
}

fn run_sites(kind: fn(&SiteKind) -> bool) -> Vec<(String, String)> {
    let catalog = bundled_catalog();
    let mut seen = Vec::new();
    for v in versions(&catalog) {
        let (payload, sites) = sites(&catalog, &v);
        for site in sites.iter().filter(|s| kind(&s.kind)) {
            let mutated = mutate(&payload, site);
            let what = format!("{:?} at {}", site.kind, site.pointer);
            assert_refused(&v, &mutated, &site.path, &what);
            seen.push((v.name.clone(), site.path.clone()));
        }
    }
    seen
}

fn has(seen: &[(String, String)], event: &str, path: &str) -> bool {
    seen.iter().any(|(e, p)| e == event && p == path)
}

#[test]
fn wrong_constants_are_refused_at_their_field() {
    let seen = run_sites(|k| matches!(k, SiteKind::Constant(_)));
    for path in ["eventName", "method", "media"] {
        assert!(
            has(&seen, "mashell-voice-phone-offered-cc-event-v1", path),
            "{path}: {seen:?}"
        );
    }
    assert!(has(&seen, "mashell-chat-offered-cc-event-v1", "mediaType"));
    // eventName and media on all 21 Maestro events, method on 19, mediaType on 4 web chats.
    assert_eq!(seen.len(), 21 * 2 + 19 + 4, "{seen:?}");
}

#[test]
fn bad_enum_values_are_refused_at_their_field() {
    let seen = run_sites(|k| *k == SiteKind::Enum);
    assert!(has(
        &seen,
        "mashell-chat-nextgen-offered-cc-event-v1",
        "direction"
    ));
    assert!(has(
        &seen,
        "mashell-chat-nextgen-offered-cc-event-v1",
        "mediaType"
    ));
    assert!(has(&seen, "aw-interaction-started-v1", "interactionType"));
    assert!(has(
        &seen,
        "aw-chat-init-v1",
        "messages[0].attachments[0].type"
    ));
    assert!(has(
        &seen,
        "aw-chat-message-sent-v1",
        "message.attachments[0].type"
    ));
}

#[test]
fn missing_required_fields_are_reported_at_their_parent() {
    let seen = run_sites(|k| *k == SiteKind::Required);
    assert!(has(&seen, "aw-interaction-focus-v3", "."));
    assert!(has(&seen, "aw-interaction-focus-v3", "queue"));
    assert!(has(
        &seen,
        "aw-interaction-wrap-up-codes-v1",
        "wrapUpCodes[0].items[0]"
    ));
    assert!(has(&seen, "aw-chat-message-sent-v1", "message.author"));
    assert!(has(&seen, "call-manager-call-conference-start-v1", "."));
}

#[test]
fn wrong_types_are_refused_at_their_field() {
    let seen = run_sites(|k| matches!(k, SiteKind::WrongType(_)));
    assert!(has(&seen, "aw-interaction-focus-v3", "queue.queueId"));
    assert!(has(&seen, "aw-interaction-focus-v3", "isManual"));
    assert!(has(
        &seen,
        "aw-interaction-wrap-up-codes-v1",
        "wrapUpCodes[0].items[0].id"
    ));
    assert!(has(
        &seen,
        "aw-interaction-wrap-up-codes-v1",
        "wrapUpCodes[0].items[0].callBackTime"
    ));
    assert!(has(
        &seen,
        "aw-interaction-wrap-up-codes-v1",
        "wrapUpCodes[0].assignments.list[0]"
    ));
    assert!(has(&seen, "aw-chat-message-sent-v1", "message.rawMessage"));
    assert!(has(
        &seen,
        "aw-chat-message-sent-v1",
        "message.variables.key0"
    ));
    assert!(has(&seen, "call-manager-call-connect-v1", "callID"));
    assert!(has(
        &seen,
        "aw-interaction-wrap-up-codes-received-v1",
        "wrapUpCodes[0].parentId"
    ));
}

#[test]
fn null_is_refused_where_not_nullable() {
    let seen = run_sites(|k| *k == SiteKind::NotNull);
    assert!(has(&seen, "aw-interaction-focus-v2", "queue"));
    assert!(has(
        &seen,
        "aw-chat-init-v1",
        "messages[0].attachments[0].size"
    ));
    // Optional but not nullable: null is not the same as absent.
    assert!(has(&seen, "global-user-details-v1", "email"));
}

#[test]
fn explicit_paths_from_the_issue() {
    let catalog = bundled_catalog();
    let all = versions(&catalog);
    let focus = newest(&all, "aw-interaction-focus-v3");
    let mut payload = det_payload(&catalog, &focus.model, ALL_PRESENT);
    payload["queue"]["queueId"] = json!(12345);
    assert_refused(focus, &payload, "queue.queueId", "queueId as a number");

    let wrap = all
        .iter()
        .find(|v| v.name == "aw-interaction-wrap-up-codes-v1" && v.version == "1.0.1")
        .expect("wrap-up 1.0.1");
    let mut payload = det_payload(&catalog, &wrap.model, ALL_PRESENT);
    payload["wrapUpCodes"][0]["items"][0]["id"] = json!(1);
    assert_refused(
        wrap,
        &payload,
        "wrapUpCodes[0].items[0].id",
        "item id as a number",
    );

    let offered = newest(&all, "mashell-voice-phone-offered-cc-event-v1");
    for (field, wrong) in [
        ("eventName", "accepted"),
        ("method", "mapDirective"),
        ("media", "chat"),
    ] {
        let mut payload = det_payload(&catalog, &offered.model, ALL_PRESENT);
        payload[field] = json!(wrong);
        assert_refused(offered, &payload, field, field);
    }
    let mut payload = det_payload(&catalog, &offered.model, ALL_PRESENT);
    payload["direction"] = json!("inbound/outbound");
    assert_refused(offered, &payload, "direction", "placeholder direction");
    let mut payload = det_payload(&catalog, &offered.model, ALL_PRESENT);
    payload
        .as_object_mut()
        .expect("object")
        .remove("searchContext");
    assert_refused(offered, &payload, ".", "missing searchContext");
}

#[test]
fn unknown_schema_versions_are_refused_with_the_supported_list() {
    let catalog = bundled_catalog();
    for v in versions(&catalog) {
        let mut payload = det_payload(&catalog, &v.model, ALL_PRESENT);
        payload["schemaVersion"] = json!("9.9.9");
        let text = payload.to_string();
        match v.direction {
            Direction::Received => {
                let result = ReceivedEvent::decode(&v.name, &text);
                match result.map_err(DecodeError::into_parts) {
                    Err((
                        ref kind @ DecodeErrorKind::UnsupportedSchemaVersion {
                            event,
                            ref found,
                            supported,
                            ..
                        },
                        raw,
                    )) => {
                        assert_eq!(event, v.name);
                        assert_eq!(found, "9.9.9");
                        assert_eq!(supported, v.all_versions.as_slice(), "{}", v.name);
                        assert_eq!(raw, text);
                        let shown = kind.to_string();
                        for version in &v.all_versions {
                            assert!(shown.contains(version.as_str()), "{shown}");
                        }
                    }
                    other => panic!("{}: {other:?}", v.name),
                }
                let message = maestro_envelope(&v.name, &payload);
                match ReceivedEvent::from_message(&message) {
                    Err(err)
                        if matches!(
                            err.kind(),
                            DecodeErrorKind::UnsupportedSchemaVersion { .. }
                        ) =>
                    {
                        assert_eq!(err.raw(), message);
                    }
                    other => panic!("{}: {other:?}", v.name),
                }
            }
            // A single struct: the version is a constant like any other.
            Direction::Send => {
                assert_invalid_at(
                    &v,
                    send_round_trip(&v.name, &text),
                    "schemaVersion",
                    &text,
                    "9.9.9",
                );
            }
        }
        // Another version of the same event is not this struct's either.
        for other in v.all_versions.iter().filter(|o| **o != v.version) {
            payload["schemaVersion"] = json!(other);
            let text = payload.to_string();
            let decoded = ReceivedEvent::decode(&v.name, &text);
            assert!(
                decoded
                    .as_ref()
                    .map_or(true, |e| e.schema_version() == other),
                "{} {other} decoded as {decoded:?}",
                v.name
            );
        }
    }
}

/// A `schemaVersion` that is not a string names no version: the error is at that field, for the
/// event's newest version.
#[test]
fn schema_version_of_the_wrong_type_is_refused_at_its_field() {
    let catalog = bundled_catalog();
    for v in versions(&catalog) {
        let mut payload = det_payload(&catalog, &v.model, ALL_PRESENT);
        payload["schemaVersion"] = json!(1);
        let text = payload.to_string();
        let newest = Version {
            version: v.all_versions.last().expect("a version").clone(),
            ..v.clone()
        };
        assert_invalid_at(
            &newest,
            decode_and_encode(&v, &text),
            "schemaVersion",
            &text,
            "number",
        );
    }
}

/// A missing `schemaVersion` is a missing field of the root, reported at `.` like every other
/// missing field, by `ReceivedEvent` and `PartnerEvent` alike. Without it the dispatcher cannot
/// tell the versions apart and reports the newest, so only newest versions are checked here.
#[test]
fn missing_schema_version_is_reported_at_the_root() {
    let catalog = bundled_catalog();
    for v in versions(&catalog)
        .into_iter()
        .filter(|v| v.all_versions.last() == Some(&v.version))
    {
        let mut payload = det_payload(&catalog, &v.model, ALL_PRESENT);
        payload
            .as_object_mut()
            .expect("object")
            .remove("schemaVersion");
        assert_refused(&v, &payload, ".", "missing schemaVersion");
    }
}

/// What holds today, whichever path convention is settled on: the error is `InvalidPayload`
/// for the event, with a message naming the field, and keeps the raw text.
#[test]
fn missing_schema_version_is_an_invalid_payload() {
    let catalog = bundled_catalog();
    let mut count = 0;
    for v in versions(&catalog) {
        let mut payload = det_payload(&catalog, &v.model, ALL_PRESENT);
        payload
            .as_object_mut()
            .expect("object")
            .remove("schemaVersion");
        let text = payload.to_string();
        match decode_and_encode(&v, &text).map_err(DecodeError::into_parts) {
            Err((
                DecodeErrorKind::InvalidPayload {
                    event,
                    path,
                    message,
                    ..
                },
                raw,
            )) => {
                assert_eq!(event, v.name);
                assert!(message.contains("schemaVersion"), "{}: {message}", v.name);
                if v.direction == Direction::Send {
                    // PartnerEvent::decode: a missing field of the root, like any other.
                    assert_eq!(path, ".", "{}: {message}", v.name);
                }
                assert_eq!(raw, text);
            }
            other => panic!("{}: {other:?}", v.name),
        }
        count += 1;
    }
    assert_eq!(count, 60);
}

#[test]
fn malformed_json_is_refused() {
    let catalog = bundled_catalog();
    for v in versions(&catalog) {
        let text = det_payload(&catalog, &v.model, ALL_PRESENT).to_string();
        for broken in [
            &text[..text.len() - 1],
            "",
            "{\"schemaVersion\": \"1.0.0\",}",
            "not json",
        ] {
            match decode_and_encode(&v, broken).map_err(DecodeError::into_parts) {
                Err((DecodeErrorKind::MalformedJson { message, .. }, raw)) => {
                    assert!(!message.is_empty());
                    assert_eq!(raw, broken);
                }
                other => panic!("{}: {broken:?} gave {other:?}", v.name),
            }
        }
    }
    let broken = "{\"eventType\": \"x\", ";
    match ReceivedEvent::from_message(broken) {
        Err(err) if matches!(err.kind(), DecodeErrorKind::MalformedJson { .. }) => {
            assert_eq!(err.raw(), broken)
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn unknown_event_names_are_refused() {
    let catalog = bundled_catalog();
    for v in versions(&catalog) {
        let payload = det_payload(&catalog, &v.model, ALL_PRESENT);
        let text = payload.to_string();
        for name in ["no-such-event-v1", "aw-interaction-focus-v9", ""] {
            match ReceivedEvent::decode(name, &text).map_err(DecodeError::into_parts) {
                Err((DecodeErrorKind::UnknownEvent { name: found, .. }, raw)) => {
                    assert_eq!(found, name);
                    assert_eq!(raw, text);
                }
                other => panic!("{name}: {other:?}"),
            }
            let message = sdk_envelope(name, &payload);
            match ReceivedEvent::from_message(&message).map_err(DecodeError::into_parts) {
                Err((DecodeErrorKind::UnknownEvent { name: found, .. }, raw)) => {
                    assert_eq!(found, name);
                    assert_eq!(raw, message);
                }
                other => panic!("{name}: {other:?}"),
            }
        }
    }
}

/// `ReceivedEvent` decodes no send event: naming one is an unknown event whatever the payload.
#[test]
fn send_event_names_are_unknown_to_received_event() {
    for payload in [
        r#"{"interactionId": "x", "message": "hi", "schemaVersion": "1.0.0"}"#,
        r#"{"interactionId": "x", "message": "hi"}"#,
    ] {
        match ReceivedEvent::decode(AwChatMessageReceivedV1::NAME, payload)
            .map_err(DecodeError::into_parts)
        {
            Err((DecodeErrorKind::UnknownEvent { name, .. }, raw)) => {
                assert_eq!(name, AwChatMessageReceivedV1::NAME);
                assert_eq!(raw, payload);
            }
            other => panic!("{payload}: {other:?}"),
        }
    }
}

#[test]
fn messages_in_no_known_envelope_are_refused() {
    for message in [
        "[]",
        "{}",
        "{\"type\": \"event\"}",
        "{\"type\": \"event\", \"message\": {\"value\": {}}}",
        "{\"eventType\": \"aw-interaction-hold-v1\", \"status\": \"pending\", \"data\": {}}",
    ] {
        match ReceivedEvent::from_message(message) {
            Err(err) if matches!(err.kind(), DecodeErrorKind::UnknownEnvelope { .. }) => {
                assert_eq!(err.raw(), message)
            }
            other => panic!("{message}: {other:?}"),
        }
    }
}

// ------------------------------------------------------------------------------------------------
// As strict as the published schemas, as tolerant as the wire.

#[test]
fn objects_are_only_read_from_json_objects() {
    let catalog = bundled_catalog();
    let all = versions(&catalog);
    let focus = newest(&all, "aw-interaction-focus-v3");
    // serde's derived structs read an array positionally; the schema says `type: object`.
    let mut payload = det_payload(&catalog, &focus.model, ALL_PRESENT);
    payload["queue"] = json!(["1", "q", "n"]);
    assert_refused(focus, &payload, "queue", "a queue written as an array");
    // The payload itself, too.
    let text = r#"["i", {"id":"1","queueId":"q","queueName":"n"}, true, "3.0.0"]"#;
    match ReceivedEvent::decode("aw-interaction-focus-v3", text).map_err(DecodeError::into_parts) {
        Err((DecodeErrorKind::InvalidPayload { path, message, .. }, _)) => {
            assert_eq!(path, ".");
            assert!(message.contains("expected a JSON object"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn enum_values_are_only_read_from_strings() {
    let catalog = bundled_catalog();
    let all = versions(&catalog);
    let offered = newest(&all, "mashell-voice-phone-offered-cc-event-v1");
    // serde's derived enums also read a unit variant as `{"inbound": null}`.
    let mut payload = det_payload(&catalog, &offered.model, ALL_PRESENT);
    payload["direction"] = json!({ "inbound": null });
    assert_refused(
        offered,
        &payload,
        "direction",
        "an enum value as a tagged object",
    );
}

#[test]
fn lone_surrogate_escapes_decode_as_replacement_characters() {
    let text = r#"{"interactionId":"chat \ud83d broken \udc00 and \ud83d\ude00 kept","queue":{"id":"1","queueId":"q","queueName":"n\ud800"},"isManual":true,"schemaVersion":"3.0.0"}"#;
    let Ok(ReceivedEvent::AwInteractionFocusV3(event)) =
        ReceivedEvent::decode("aw-interaction-focus-v3", text)
    else {
        panic!("a lone surrogate does not lose the event");
    };
    assert_eq!(
        event.interaction_id,
        "chat \u{fffd} broken \u{fffd} and \u{1f600} kept"
    );
    assert_eq!(event.queue.queue_name, "n\u{fffd}");
    // Through an envelope, and with the raw text kept when something else is wrong.
    let message = format!(
        r#"{{"type":"event","message":{{"eventName":"aw-interaction-focus-v3","value":{text}}}}}"#
    );
    assert!(matches!(
        ReceivedEvent::from_message(&message),
        Ok(ReceivedEvent::AwInteractionFocusV3(_))
    ));
    let wrong = text.replace("true", "1");
    match ReceivedEvent::decode("aw-interaction-focus-v3", &wrong) {
        Err(err) if matches!(err.kind(), DecodeErrorKind::InvalidPayload { .. }) => {
            assert_eq!(err.raw(), wrong)
        }
        other => panic!("{other:?}"),
    }
    // An escaped backslash before `ud800` is text, not an escape: left as it is.
    let literal = text.replace(r"n\ud800", r"n\\ud800");
    let Ok(ReceivedEvent::AwInteractionFocusV3(event)) =
        ReceivedEvent::decode("aw-interaction-focus-v3", &literal)
    else {
        panic!("decodes");
    };
    assert_eq!(event.queue.queue_name, r"n\ud800");
    // Broken JSON stays broken, with its own message.
    let broken = format!("{}\\ud800", &text[..text.len() - 1]);
    assert!(matches!(
        ReceivedEvent::decode("aw-interaction-focus-v3", &broken).map_err(DecodeError::into_parts),
        Err((DecodeErrorKind::MalformedJson { .. }, _))
    ));
}

#[test]
fn numbers_round_trip_exactly() {
    // Enable serde_json's `float_roundtrip` feature, as the README says: without it this value
    // comes back as a different f64.
    let catalog = bundled_catalog();
    let all = versions(&catalog);
    let chat = newest(&all, "aw-chat-init-v1");
    let mut payload = det_payload(&catalog, &chat.model, ALL_PRESENT);
    for number in [
        "-1444444444444444444444444444444444444444444444444444",
        "0.1",
        "1.7976931348623157e308",
        "5e-324",
        "123456789.98765433",
    ] {
        let value: f64 = number.parse().expect("a number");
        payload["messages"][0]["timestamp"] = json!(value);
        let text = payload
            .to_string()
            .replace(&json!(value).to_string(), number);
        let once = decode_and_encode(chat, &text).expect("decodes");
        let twice = decode_and_encode(chat, &once).expect("decodes again");
        assert_eq!(once, twice, "{number}");
        assert_eq!(
            parse(&once)["messages"][0]["timestamp"].as_f64(),
            Some(value),
            "{number}"
        );
    }
}

#[test]
fn array_bounds_are_enforced_on_decode_and_encode() {
    let text = CallManagerCallConferenceStartV1::EXAMPLE.expect("the documented sample");
    let mut payload = parse(text);
    let calls = payload["calls"].as_array().expect("calls").clone();
    assert!(calls.len() >= 2, "the sample has a conference");
    // The docs: a conference starts with at least two calls.
    payload["calls"] = json!([calls[0].clone()]);
    let one = payload.to_string();
    match ReceivedEvent::decode("call-manager-call-conference-start-v1", &one)
        .map_err(DecodeError::into_parts)
    {
        Err((DecodeErrorKind::InvalidPayload { path, message, .. }, _)) => {
            assert_eq!(path, "calls");
            assert!(message.contains("at least 2 items"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    // Decoded, then made too short: encoding refuses it too.
    let Ok(ReceivedEvent::CallManagerCallConferenceStartV1(mut event)) =
        ReceivedEvent::decode("call-manager-call-conference-start-v1", text)
    else {
        panic!("the sample decodes");
    };
    event.calls.truncate(1);
    let err = event.to_json().expect_err("one call is too few");
    assert!(err.to_string().contains("at least 2 items"), "{err}");
    // A conference drop keeps at least one call.
    payload["calls"] = json!([]);
    match ReceivedEvent::decode("call-manager-call-conference-drop-v1", &payload.to_string())
        .map_err(DecodeError::into_parts)
    {
        Err((DecodeErrorKind::InvalidPayload { path, .. }, _)) => assert_eq!(path, "calls"),
        other => panic!("{other:?}"),
    }
}
