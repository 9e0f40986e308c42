//! The exported JSON Schemas and AsyncAPI document (`eventcat_codegen::schema`), checked with an
//! independent validator (the `jsonschema` crate, compiled without network access) against the
//! documented samples, payloads built from the catalog model, and the generated decoder.
//!
//! The decoder is the reference: for a corpus of valid payloads and mutations of them, the
//! schema must accept exactly what the decoder accepts, and both must give the verdict the
//! catalog intends. Where they differ on purpose, the difference is listed in
//! [`KNOWN_DISAGREEMENTS`] with its reason; any other difference fails, and so does a listed one
//! that no longer occurs.
//!
//! Besides the bundled catalog (decoded by the checked-in generated code), catalogs of the
//! corpus are generated with the derive here, so that shapes the bundled catalog lacks (integers,
//! number and boolean constants, nullable array items, recursive types) are compared too.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::common::{
    ALL_PRESENT, Det, EXTRA_FIELD, any_payload, bundled_catalog, det_cases, det_payload,
    payload_fields, resolved,
};
use eventcat_codegen::model::{
    Catalog, Constant, Direction, Element, Event, Field, Scalar, SchemaVersion, Shape, Status,
};
use eventcat_codegen::schema::{self, ASYNCAPI_FILE, ExportFile, JSON_SCHEMA_DIALECT};
use eventcat_tests::catalog::{
    AwChatMessageReceivedV1, AwInteractionWrapUpCodesReceivedV1, PartnerEvent, ReceivedEvent,
};
use examples::examples_of;
use jsonschema::Validator;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{Map, Value, json};

// ------------------------------------------------------------------------------------------------
// Decoders generated here from corpus catalogs.

use crate::every_shape;
use crate::examples;

#[allow(dead_code)]
mod through_array {
    #[derive(eventcat::EventCatalog)]
    #[catalog(path = "corpus/ok/recursion-through-array.yaml")]
    pub struct Events;
}

#[allow(dead_code)]
mod through_map {
    #[derive(eventcat::EventCatalog)]
    #[catalog(path = "corpus/ok/recursion-through-map.yaml")]
    pub struct Events;
}

#[allow(dead_code)]
mod through_one_of {
    #[derive(eventcat::EventCatalog)]
    #[catalog(path = "corpus/ok/recursion-through-one-of.yaml")]
    pub struct Events;
}

#[allow(dead_code)]
mod mutual {
    #[derive(eventcat::EventCatalog)]
    #[catalog(path = "corpus/ok/recursion-mutual-through-array.yaml")]
    pub struct Events;
}

/// Decodes a payload of an event: the schema version it was decoded as, or the error.
type Decode = fn(&Event, &str) -> Result<String, String>;

/// A catalog with the decoder generated from it.
struct Subject {
    label: &'static str,
    catalog: Catalog,
    decode: Decode,
}

fn corpus_catalog(path: &str) -> Catalog {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    match eventcat_codegen::load_file(&path) {
        Ok(loaded) => loaded.catalog,
        Err(err) => panic!("{} must load:\n{err}", path.display()),
    }
}

fn send<T: PartnerEvent>(text: &str) -> Result<String, String> {
    T::decode(text)
        .map(|_| T::SCHEMA_VERSION.to_owned())
        .map_err(|err| err.to_string())
}

/// The bundled catalog's decoders: `ReceivedEvent::decode` for received events, the struct's
/// `PartnerEvent::decode` for send events.
fn decode_bundled(event: &Event, text: &str) -> Result<String, String> {
    match event.direction {
        Direction::Received => ReceivedEvent::decode(&event.name, text)
            .map(|e| e.schema_version().to_owned())
            .map_err(|err| err.to_string()),
        Direction::Send => match event.name.as_str() {
            AwChatMessageReceivedV1::NAME => send::<AwChatMessageReceivedV1>(text),
            AwInteractionWrapUpCodesReceivedV1::NAME => {
                send::<AwInteractionWrapUpCodesReceivedV1>(text)
            }
            other => panic!("send event {other} is not covered by this test"),
        },
    }
}

macro_rules! received_decoder {
    ($name:ident, $module:ident) => {
        fn $name(event: &Event, text: &str) -> Result<String, String> {
            $module::ReceivedEvent::decode(&event.name, text)
                .map(|e| e.schema_version().to_owned())
                .map_err(|err| err.to_string())
        }
    };
}

received_decoder!(decode_every_shape, every_shape);
received_decoder!(decode_through_array, through_array);
received_decoder!(decode_through_map, through_map);
received_decoder!(decode_through_one_of, through_one_of);
received_decoder!(decode_mutual, mutual);

fn bundled() -> Subject {
    Subject {
        label: "bundled catalog",
        catalog: bundled_catalog(),
        decode: decode_bundled,
    }
}

fn corpus(label: &'static str, decode: Decode) -> Subject {
    Subject {
        label,
        catalog: corpus_catalog(label),
        decode,
    }
}

// ------------------------------------------------------------------------------------------------
// The exported schemas, compiled.

fn export(catalog: &Catalog) -> Vec<ExportFile> {
    schema::export(catalog).unwrap_or_else(|err| panic!("the catalog must export: {err}"))
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|err| panic!("{err}: {text}"))
}

/// The exported file at `path`, parsed.
fn exported(files: &[ExportFile], path: &str) -> Value {
    match files.iter().find(|f| f.path == path) {
        Some(file) => parse(&file.contents),
        None => panic!("no exported file {path}"),
    }
}

fn compile(schema: &Value, what: &str) -> Validator {
    jsonschema::validator_for(schema).unwrap_or_else(|err| panic!("{what} does not compile: {err}"))
}

/// A validator for each event schema version, compiled from the exported file text.
struct Schemas {
    by_version: BTreeMap<(String, String), Validator>,
}

impl Schemas {
    fn new(catalog: &Catalog) -> Self {
        let files = export(catalog);
        let mut by_version = BTreeMap::new();
        for event in &catalog.events {
            for version in &event.schema_versions {
                let path = schema::schema_path(&event.name, &version.version);
                let validator = compile(&exported(&files, &path), &path);
                by_version.insert((event.name.clone(), version.version.to_string()), validator);
            }
        }
        Schemas { by_version }
    }

    fn validator(&self, event: &str, version: &str) -> &Validator {
        match self.by_version.get(&(event.to_owned(), version.to_owned())) {
            Some(validator) => validator,
            None => panic!("no schema for {event} {version}"),
        }
    }

    /// The schema versions of `event` whose schema accepts `payload`.
    fn accepting(&self, event: &Event, payload: &Value) -> Vec<String> {
        event
            .schema_versions
            .iter()
            .map(|v| v.version.to_string())
            .filter(|v| self.validator(&event.name, v).is_valid(payload))
            .collect()
    }

    /// Why the schema of `event` `version` refuses `payload` (empty when it accepts it).
    fn errors(&self, event: &str, version: &str, payload: &Value) -> Vec<String> {
        self.validator(event, version)
            .iter_errors(payload)
            .map(|err| format!("{} at {}", err, err.instance_path()))
            .collect()
    }
}

// ------------------------------------------------------------------------------------------------
// Payloads built from the catalog model.

/// Whether a value of this shape may be `null` (a union with a nullable member).
fn shape_takes_null(catalog: &Catalog, shape: &Shape) -> bool {
    match resolved(catalog, shape) {
        Shape::OneOf(members) => members
            .iter()
            .any(|m| m.nullable || shape_takes_null(catalog, &m.shape)),
        _ => false,
    }
}

/// The deterministic valid payloads of one schema version, named: the shared cases, and one with
/// an unknown field in every object, which the schema allows and the decoder ignores.
fn valid_cases(catalog: &Catalog, version: &SchemaVersion) -> Vec<(String, Value)> {
    let mut cases = det_cases(catalog, version);
    let extra = Det {
        extra: true,
        ..ALL_PRESENT
    };
    cases.push((
        "unknown fields everywhere".to_owned(),
        det_payload(catalog, version, extra),
    ));
    cases
}

// ------------------------------------------------------------------------------------------------
// Arbitrary payloads.

/// Numbers of every kind: the schema and the decoder see them as they are, nothing is re-encoded.
fn any_number() -> BoxedStrategy<Value> {
    prop_oneof![
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("finite", |n| n.is_finite())
            .prop_map(|n| json!(n)),
        Just(json!(0.0)),
        Just(json!(-0.5)),
    ]
    .boxed()
}

// ------------------------------------------------------------------------------------------------
// Mutations.

/// What was done to a valid payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Mutation {
    /// None: a valid payload as built.
    Unchanged,
    /// A constant replaced by another value of its kind.
    WrongConstant,
    /// `schemaVersion` set to a version the event does not have.
    UnknownSchemaVersion,
    /// `schemaVersion` set to another version of the same event (no verdict is intended: the
    /// payload may or may not fit that version).
    OtherSchemaVersion,
    /// `schemaVersion` given as a number.
    SchemaVersionNotAString,
    /// `schemaVersion` removed.
    MissingSchemaVersion,
    /// An enum value the enum does not list.
    BadEnumValue,
    /// An enum value written as serde's externally tagged form, `{"value": null}`.
    EnumAsTaggedObject,
    /// A required field removed.
    MissingRequired,
    /// A value replaced by one of another JSON type.
    WrongType,
    /// `null` where the field or item may not be null.
    NullNotNullable,
    /// `null` where the field or item may be null.
    NullNullable,
    /// An unknown field added to an object.
    ExtraField,
    /// An object written as the array of its values, in field order.
    ObjectAsArray,
    /// An integer written with a zero fraction, `3.0`.
    IntegerAsFloat,
    /// An integer just above the i64 range.
    IntegerAboveRange,
    /// An integer at either end of the i64 range.
    IntegerAtBounds,
    /// A payload that is not an object at all.
    NotAnObject,
    /// An array with one item fewer than its `min_items`, or one more than its `max_items`.
    ItemsOutOfBounds,
}

/// One mutated payload, and the verdict the catalog intends for it (`None`: no intent, only
/// agreement is checked).
#[derive(Debug, Clone)]
struct Case {
    mutation: Mutation,
    /// JSON pointer of the change, `""` for the root.
    pointer: String,
    payload: Value,
    valid: Option<bool>,
}

/// The side that accepts a payload the other refuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Side {
    Schema,
    Decoder,
}

/// A deliberate difference between the exported schema and the generated decoder.
struct Known {
    mutation: Mutation,
    /// The side that accepts the payload; the other refuses it.
    accepted_by: Side,
    reason: &'static str,
}

/// Every deliberate difference between the exported schemas and the generated decoder.
const KNOWN_DISAGREEMENTS: &[Known] = &[Known {
    mutation: Mutation::IntegerAsFloat,
    accepted_by: Side::Schema,
    reason: "JSON Schema's `integer` is any number with a zero fraction, so `3.0` is one \
                 (draft 2020-12 validation, section 6.1.1); serde_json does not read a float \
                 into the decoder's i64. JSON Schema cannot tell `3` from `3.0`.",
}];

fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// `payload` with the value at `pointer` replaced.
fn replaced(payload: &Value, pointer: &str, value: Value) -> Value {
    let mut payload = payload.clone();
    match payload.pointer_mut(pointer) {
        Some(slot) => *slot = value,
        None => panic!("nothing at {pointer} in {payload}"),
    }
    payload
}

/// `payload` with the object member at `pointer` removed.
fn removed(payload: &Value, pointer: &str) -> Value {
    let mut payload = payload.clone();
    let (parent, key) = pointer.rsplit_once('/').expect("a member pointer");
    let key = key.replace("~1", "/").replace("~0", "~");
    let object = payload
        .pointer_mut(parent)
        .and_then(Value::as_object_mut)
        .unwrap_or_else(|| panic!("no object at {parent}"));
    assert!(
        object.remove(&key).is_some(),
        "nothing to remove at {pointer}"
    );
    payload
}

struct Mutator<'a> {
    catalog: &'a Catalog,
    base: &'a Value,
    out: Vec<Case>,
}

impl Mutator<'_> {
    fn push(&mut self, mutation: Mutation, pointer: &str, payload: Value, valid: Option<bool>) {
        self.out.push(Case {
            mutation,
            pointer: pointer.to_owned(),
            payload,
            valid,
        });
    }

    fn set(&mut self, mutation: Mutation, pointer: &str, value: Value, valid: bool) {
        let payload = replaced(self.base, pointer, value);
        self.push(mutation, pointer, payload, Some(valid));
    }

    fn fields(&mut self, fields: &[Field], value: &Value, pointer: &str) {
        for field in fields {
            let child = format!("{pointer}/{}", escape(&field.wire_name));
            if !field.optional {
                let payload = removed(self.base, &child);
                self.push(Mutation::MissingRequired, &child, payload, Some(false));
            }
            if field.nullable || shape_takes_null(self.catalog, &field.shape) {
                self.set(Mutation::NullNullable, &child, Value::Null, true);
            } else {
                self.set(Mutation::NullNotNullable, &child, Value::Null, false);
            }
            if let Some(inner) = value.get(&field.wire_name).filter(|v| !v.is_null()) {
                self.value(&field.shape, inner, &child);
            }
        }
        let extra = format!("{pointer}/{EXTRA_FIELD}");
        let mut payload = self.base.clone();
        if let Some(object) = payload.pointer_mut(pointer).and_then(Value::as_object_mut) {
            object.insert(EXTRA_FIELD.to_owned(), json!([1, "x", null]));
            self.push(Mutation::ExtraField, &extra, payload, Some(true));
        }
    }

    /// Cases for the first item of an array or map whose items are `element`.
    fn item(&mut self, element: &Element, item: &Value, pointer: &str) {
        if element.nullable || shape_takes_null(self.catalog, &element.shape) {
            self.set(Mutation::NullNullable, pointer, Value::Null, true);
        } else {
            self.set(Mutation::NullNotNullable, pointer, Value::Null, false);
        }
        if !item.is_null() {
            self.value(&element.shape, item, pointer);
        }
    }

    fn value(&mut self, shape: &Shape, value: &Value, pointer: &str) {
        match shape {
            Shape::Scalar(Scalar::String) => {
                self.set(Mutation::WrongType, pointer, json!(7), false)
            }
            Shape::Scalar(Scalar::Number) => {
                self.set(Mutation::WrongType, pointer, json!("7"), false);
            }
            Shape::Scalar(Scalar::Integer) => {
                self.set(Mutation::WrongType, pointer, json!("7"), false);
                self.set(Mutation::IntegerAsFloat, pointer, json!(3.0), false);
                self.set(
                    Mutation::IntegerAboveRange,
                    pointer,
                    json!(i64::MAX.unsigned_abs() + 1),
                    false,
                );
                self.set(Mutation::IntegerAtBounds, pointer, json!(i64::MAX), true);
                self.set(Mutation::IntegerAtBounds, pointer, json!(i64::MIN), true);
            }
            Shape::Scalar(Scalar::Boolean) => {
                self.set(Mutation::WrongType, pointer, json!("true"), false);
            }
            Shape::Named(_) => self.value(resolved(self.catalog, shape), value, pointer),
            Shape::Const(constant) => {
                let wrong = match constant {
                    Constant::String(s) => json!(format!("not-{s}")),
                    Constant::Integer(i) => json!(i.wrapping_add(1)),
                    Constant::Number(n) => json!(n + 1.0),
                    Constant::Boolean(b) => json!(!b),
                };
                self.set(Mutation::WrongConstant, pointer, wrong, false);
            }
            Shape::Enum(values) => {
                self.set(
                    Mutation::BadEnumValue,
                    pointer,
                    json!("not-a-listed-value"),
                    false,
                );
                let mut tagged = Map::new();
                tagged.insert(values[0].clone(), Value::Null);
                self.set(
                    Mutation::EnumAsTaggedObject,
                    pointer,
                    Value::Object(tagged),
                    false,
                );
            }
            Shape::Object(fields) => {
                self.set(Mutation::WrongType, pointer, json!("text"), false);
                let positional: Vec<Value> = fields
                    .iter()
                    .filter_map(|f| value.get(&f.wire_name).cloned())
                    .collect();
                self.set(
                    Mutation::ObjectAsArray,
                    pointer,
                    Value::Array(positional),
                    false,
                );
                self.fields(fields, value, pointer);
            }
            Shape::Array(element, bounds) => {
                self.set(Mutation::WrongType, pointer, json!({}), false);
                let items = value.as_array().cloned().unwrap_or_default();
                if let Some(min) = bounds.min.filter(|&min| min > 0) {
                    let fewer = items.iter().take(count(min) - 1).cloned().collect();
                    self.set(
                        Mutation::ItemsOutOfBounds,
                        pointer,
                        Value::Array(fewer),
                        false,
                    );
                }
                let small_max = bounds.max.filter(|&max| max < 64);
                if let (Some(max), Some(first)) = (small_max, items.first()) {
                    let mut more = items.clone();
                    more.resize(count(max) + 1, first.clone());
                    self.set(
                        Mutation::ItemsOutOfBounds,
                        pointer,
                        Value::Array(more),
                        false,
                    );
                }
                if let Some(first) = value.get(0) {
                    self.item(element, first, &format!("{pointer}/0"));
                }
            }
            Shape::Map(element) => {
                self.set(Mutation::WrongType, pointer, json!([]), false);
                if let Some((key, first)) = value.as_object().and_then(|m| m.iter().next()) {
                    self.item(element, first, &format!("{pointer}/{}", escape(key)));
                }
            }
            Shape::OneOf(members) => {
                let takes_bool = members.iter().any(|m| {
                    matches!(
                        resolved(self.catalog, &m.shape),
                        Shape::Scalar(Scalar::Boolean) | Shape::Const(Constant::Boolean(_))
                    )
                });
                if !takes_bool {
                    self.set(Mutation::WrongType, pointer, json!(true), false);
                }
            }
        }
    }
}

/// An item count as a length.
fn count(items: u64) -> usize {
    usize::try_from(items).unwrap_or(usize::MAX)
}

/// Every mutation of the all-present payload of one schema version of `event`.
fn mutations(catalog: &Catalog, event: &Event, version: &SchemaVersion) -> Vec<Case> {
    let base = det_payload(catalog, version, ALL_PRESENT);
    let fields = payload_fields(catalog, version);
    let mut m = Mutator {
        catalog,
        base: &base,
        out: Vec::new(),
    };
    m.fields(fields, &base, "");
    m.set(
        Mutation::UnknownSchemaVersion,
        "/schemaVersion",
        json!("9.9.9"),
        false,
    );
    for other in event
        .schema_versions
        .iter()
        .filter(|v| v.version != version.version)
    {
        let payload = replaced(&base, "/schemaVersion", json!(other.version.to_string()));
        m.push(
            Mutation::OtherSchemaVersion,
            "/schemaVersion",
            payload,
            None,
        );
    }
    m.set(
        Mutation::SchemaVersionNotAString,
        "/schemaVersion",
        json!(1),
        false,
    );
    m.set(
        Mutation::NullNotNullable,
        "/schemaVersion",
        Value::Null,
        false,
    );
    let payload = removed(&base, "/schemaVersion");
    m.push(
        Mutation::MissingSchemaVersion,
        "/schemaVersion",
        payload,
        Some(false),
    );
    for not_an_object in [json!([]), json!("text"), Value::Null, json!(1)] {
        m.push(Mutation::NotAnObject, "", not_an_object, Some(false));
    }
    let mut positional: Vec<Value> = fields
        .iter()
        .filter_map(|f| base.get(&f.wire_name).cloned())
        .collect();
    positional.push(json!(version.version.to_string()));
    m.push(
        Mutation::ObjectAsArray,
        "",
        Value::Array(positional),
        Some(false),
    );
    m.out
}

/// Compares the schema's and the decoder's verdicts on every case: valid payloads of every
/// schema version and their mutations. Returns the known disagreements seen, with a count.
fn compare(subject: &Subject) -> BTreeMap<(Mutation, Side), usize> {
    let catalog = &subject.catalog;
    let schemas = Schemas::new(catalog);
    let mut seen = BTreeMap::new();
    let mut failures = Vec::new();
    let mut count = 0;
    for event in &catalog.events {
        for version in &event.schema_versions {
            let valid = valid_cases(catalog, version)
                .into_iter()
                .map(|(name, payload)| {
                    let case = Case {
                        mutation: Mutation::Unchanged,
                        pointer: String::new(),
                        payload,
                        valid: Some(true),
                    };
                    (name, case)
                });
            let mutated = mutations(catalog, event, version)
                .into_iter()
                .map(|case| (format!("{:?} at `{}`", case.mutation, case.pointer), case));
            for (what, case) in valid.chain(mutated) {
                count += 1;
                let text = case.payload.to_string();
                let accepting = schemas.accepting(event, &case.payload);
                let decoded = (subject.decode)(event, &text);
                let context = || {
                    let errors =
                        schemas.errors(&event.name, &version.version.to_string(), &case.payload);
                    format!(
                        "{} {} ({what}):\n  payload: {text}\n  schemas accepting: {accepting:?}\n  \
                         schema errors: {errors:?}\n  decoder: {decoded:?}",
                        event.name, version.version
                    )
                };
                if accepting.len() > 1 {
                    failures.push(format!("more than one version accepts: {}", context()));
                    continue;
                }
                let schema_accepts = !accepting.is_empty();
                match (&decoded, schema_accepts) {
                    (Ok(decoded_as), true) => {
                        if *decoded_as != accepting[0] {
                            failures.push(format!("versions differ: {}", context()));
                        } else if case.valid == Some(false) {
                            failures.push(format!("both accept an invalid payload: {}", context()));
                        }
                    }
                    (Err(_), false) => {
                        if case.valid == Some(true) {
                            failures.push(format!("both refuse a valid payload: {}", context()));
                        }
                    }
                    (accepted, _) => {
                        let side = if accepted.is_ok() {
                            Side::Decoder
                        } else {
                            Side::Schema
                        };
                        let known = KNOWN_DISAGREEMENTS
                            .iter()
                            .any(|k| k.mutation == case.mutation && k.accepted_by == side);
                        // A known difference: the listed side accepts what the catalog means
                        // to be refused, and the other side refuses it.
                        if known && case.valid == Some(false) {
                            *seen.entry((case.mutation, side)).or_default() += 1;
                        } else {
                            failures.push(format!("only the {side:?} accepts: {}", context()));
                        }
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{}: {} of {count} cases disagree or miss the intended verdict; the first:\n{}",
        subject.label,
        failures.len(),
        failures
            .iter()
            .take(8)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    eprintln!(
        "{}: {count} cases, known disagreements {seen:?}",
        subject.label
    );
    seen
}

fn kinds(seen: &BTreeMap<(Mutation, Side), usize>) -> BTreeSet<(Mutation, Side)> {
    seen.keys().copied().collect()
}

// ------------------------------------------------------------------------------------------------
// Tests: the files.

#[test]
fn export_is_deterministic_and_pretty() {
    let catalog = bundled_catalog();
    let first = export(&catalog);
    let second = export(&catalog);
    assert_eq!(first, second);
    // A catalog loaded again gives the same bytes too.
    assert_eq!(export(&bundled_catalog()), first);
    for file in &first {
        assert!(file.contents.ends_with("}\n"), "{}", file.path);
        assert!(!file.contents.ends_with("\n\n"), "{}", file.path);
        let value = parse(&file.contents);
        // Pretty-printed with sorted keys: what serde_json writes for the parsed value.
        assert_eq!(format!("{value:#}\n"), file.contents, "{}", file.path);
    }
    let paths: Vec<&str> = first.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths[0], ASYNCAPI_FILE);
    assert_eq!(paths.len(), 1 + 60);
    assert!(paths.contains(&"schemas/aw-interaction-focus-v3/3.0.0.schema.json"));
    assert!(paths.contains(&"schemas/aw-interaction-wrap-up-codes-v1/1.0.0.schema.json"));
    assert!(paths.contains(&"schemas/aw-interaction-wrap-up-codes-v1/1.0.1.schema.json"));
    let unique: BTreeSet<&str> = paths.iter().copied().collect();
    assert_eq!(unique.len(), paths.len());
}

#[test]
fn every_schema_is_a_valid_draft_2020_12_schema_naming_its_event() {
    let catalog = bundled_catalog();
    let files = export(&catalog);
    let mut ids = BTreeSet::new();
    for event in &catalog.events {
        for version in &event.schema_versions {
            let path = schema::schema_path(&event.name, &version.version);
            let schema = exported(&files, &path);
            if let Err(err) = jsonschema::meta::validate(&schema) {
                panic!("{path} is not a valid schema: {err}");
            }
            assert_eq!(schema["$schema"], JSON_SCHEMA_DIALECT, "{path}");
            let id = schema["$id"].as_str().expect("an $id");
            assert!(id.contains(&event.name) && id.contains(&version.version.to_string()));
            assert!(ids.insert(id.to_owned()), "{id} twice");
            assert_eq!(
                schema["title"],
                format!("{} {}", event.name, version.version),
                "{path}"
            );
            assert_eq!(schema["type"], "object");
            assert_eq!(
                schema["properties"]["schemaVersion"]["const"],
                version.version.to_string()
            );
            let required = schema["required"].as_array().expect("required");
            assert!(required.contains(&json!("schemaVersion")), "{path}");
            // Unknown properties are allowed: the decoder ignores them.
            assert!(schema.get("additionalProperties").is_none(), "{path}");
            assert_eq!(schema["x-eventcat-event"], event.name.as_str());
            assert_eq!(
                schema["x-eventcat-active-date"],
                event.lifecycle.active.to_string()
            );
            let deprecated = event.status != Status::Active || event.lifecycle.deprecated.is_some();
            assert_eq!(
                schema.get("deprecated") == Some(&json!(true)),
                deprecated,
                "{path}"
            );
        }
    }
}

/// The lifecycle of a deprecated event, and the descriptions, as exported.
#[test]
fn lifecycle_and_docs_are_annotations() {
    let catalog = bundled_catalog();
    let files = export(&catalog);
    let schema = exported(&files, "schemas/aw-interaction-focus-v1/1.0.0.schema.json");
    assert_eq!(schema["deprecated"], true);
    assert_eq!(schema["x-eventcat-status"], "deprecated");
    assert_eq!(schema["x-eventcat-deprecation-date"], "2025-09-08");
    assert_eq!(schema["x-eventcat-sunset-date"], "2026-12-08");
    assert_eq!(schema["x-eventcat-replacement"], "aw-interaction-focus-v3");
    assert_eq!(schema["x-eventcat-product"], "agent-workspace");
    assert_eq!(schema["x-eventcat-direction"], "received");
    let focus = catalog.event("aw-interaction-focus-v1").expect("focus v1");
    assert_eq!(schema["description"], focus.doc.trim());
    assert_eq!(
        schema["properties"]["interactionId"]["description"],
        "Id of the interaction that now has focus."
    );

    let current = exported(&files, "schemas/aw-interaction-focus-v3/3.0.0.schema.json");
    assert!(current.get("deprecated").is_none());
    assert!(current.get("x-eventcat-sunset-date").is_none());
    assert_eq!(current["properties"]["queue"]["$ref"], "#/$defs/Queue");
    assert_eq!(current["$defs"]["Queue"]["title"], "Queue");
    // Only the types a payload reaches are in its $defs.
    assert_eq!(
        current["$defs"]
            .as_object()
            .map(|d| d.keys().cloned().collect::<Vec<_>>()),
        Some(vec!["Queue".to_owned()])
    );
}

/// The shapes of the every-shape corpus catalog, as the schema writes them.
#[test]
fn shapes_are_exported_as_the_decoder_reads_them() {
    let catalog = corpus_catalog("corpus/ok/every-shape.yaml");
    let files = export(&catalog);
    let v1 = exported(&files, "schemas/aw-example-v1/1.0.0.schema.json");
    let p = &v1["properties"];
    assert_eq!(
        p["kind"],
        json!({ "type": "string", "const": "mapEvent", "description": "Constant string." })
    );
    assert_eq!(p["flag"]["const"], true);
    assert_eq!(p["ratio"]["const"], 1.0);
    assert_eq!(p["ratio"]["type"], "number");
    assert_eq!(p["channel"]["enum"], json!(["phone", "chat"]));
    assert_eq!(
        p["tags"]["items"],
        json!({ "type": ["string", "null"], "enum": ["a", "b", null] })
    );
    assert_eq!(p["queue"]["type"], "object");
    assert_eq!(p["queue"]["required"], json!(["id"]));
    assert_eq!(p["labels"]["$ref"], "#/$defs/Labels");
    assert_eq!(
        v1["$defs"]["Labels"]["additionalProperties"],
        json!({ "type": "string" })
    );
    assert_eq!(
        v1["$defs"]["Content"]["anyOf"],
        json!([{ "type": "string" }, { "type": "object", "additionalProperties": { "type": "string" } }])
    );
    assert_eq!(v1["$defs"]["QueueList"]["items"]["$ref"], "#/$defs/Queue");
    // Item bounds: on a field's own array, and on a shared array type's definition.
    assert_eq!(v1["$defs"]["QueueList"]["minItems"], 1);
    assert_eq!(v1["$defs"]["QueueList"]["maxItems"], 4);
    assert_eq!(p["tags"]["maxItems"], 3);
    assert!(p["tags"].get("minItems").is_none());
    // Optional and nullable: not required, and null allowed.
    assert_eq!(
        p["queueId"]["anyOf"],
        json!([{ "$ref": "#/$defs/QueueId" }, { "type": "null" }])
    );
    let required: Vec<&str> = v1["required"]
        .as_array()
        .expect("required")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(
        required,
        [
            "type",
            "kind",
            "flag",
            "ratio",
            "channel",
            "queue",
            "tags",
            "content",
            "queues",
            "callID",
            "callId",
            "method",
            "level",
            "marks",
            "schemaVersion"
        ]
    );
    // Constants through named types, optional or nullable, and as array items.
    assert_eq!(p["method"]["$ref"], "#/$defs/MethodAlias");
    assert_eq!(v1["$defs"]["Method"]["const"], "mapEvent");
    assert_eq!(p["marks"]["items"]["const"], "x");

    let v1_1 = exported(&files, "schemas/aw-example-v1/1.1.0.schema.json");
    let count = &v1_1["properties"]["count"];
    assert_eq!(count["type"], "integer");
    assert_eq!(count["minimum"], i64::MIN);
    assert_eq!(count["maximum"], i64::MAX);
    // A catalog default serves conversions only: the field stays required, and the value is an
    // annotation rather than JSON Schema's `default`.
    assert_eq!(count["x-eventcat-upgrade-default"], 0);
    assert!(count.get("default").is_none());
    let v1_2 = exported(&files, "schemas/aw-example-v1/1.2.0.schema.json");
    assert_eq!(
        v1_2["required"],
        json!(["interactionId", "source", "schemaVersion"])
    );
}

#[test]
fn recursive_types_refer_to_themselves() {
    let catalog = corpus_catalog("corpus/ok/recursion-through-array.yaml");
    let files = export(&catalog);
    let schema = exported(&files, "schemas/aw-example-v1/1.0.0.schema.json");
    assert_eq!(
        schema["$defs"]["Node"]["properties"]["children"]["items"]["$ref"],
        "#/$defs/Node"
    );
    let validator = compile(&schema, "recursion through an array");
    let mut node = json!({ "id": "leaf", "children": [] });
    for depth in 0..6 {
        node = json!({ "id": format!("n{depth}"), "children": [node.clone(), { "id": "x", "children": [] }] });
    }
    let payload = json!({ "root": node, "schemaVersion": "1.0.0" });
    assert!(validator.is_valid(&payload));
    assert!(decode_through_array(&catalog.events[0], &payload.to_string()).is_ok());
    // A wrong value deep down is refused by both.
    let mut deep = payload.clone();
    *deep
        .pointer_mut("/root/children/0/children/0/children/0/id")
        .expect("deep node") = json!(5);
    assert!(!validator.is_valid(&deep));
    assert!(decode_through_array(&catalog.events[0], &deep.to_string()).is_err());

    let catalog = corpus_catalog("corpus/ok/recursion-mutual-through-array.yaml");
    let schema = exported(&export(&catalog), "schemas/aw-example-v1/1.0.0.schema.json");
    let defs: Vec<&String> = schema["$defs"].as_object().expect("$defs").keys().collect();
    assert_eq!(defs, ["Person", "Team"]);
}

// ------------------------------------------------------------------------------------------------
// Tests: payloads.

#[test]
fn every_documented_sample_validates_against_its_schema() {
    let catalog = bundled_catalog();
    let schemas = Schemas::new(&catalog);
    let mut count = 0;
    for example in examples_of(&catalog) {
        let payload = parse(&example.json);
        let errors = schemas.errors(&example.event, &example.version, &payload);
        assert!(errors.is_empty(), "{} sample: {errors:#?}", example.event);
        let event = catalog.event(&example.event).expect("the event");
        assert_eq!(
            schemas.accepting(event, &payload),
            [example.version.as_str()]
        );
        count += 1;
    }
    assert_eq!(count, 59);
}

/// Each example is the JSON Schema's `examples` and its AsyncAPI message's `examples`; a
/// version without one has none.
#[test]
fn the_examples_are_exported() {
    let catalog = bundled_catalog();
    let files = export(&catalog);
    let doc = asyncapi(&catalog);
    let mut count = 0;
    for event in &catalog.events {
        for version in &event.schema_versions {
            let path = schema::schema_path(&event.name, &version.version);
            let schema = exported(&files, &path);
            let message_id = format!("{}_{}", event.name, version.version);
            let message = &doc["channels"][&event.name]["messages"][&message_id];
            let Some(example) = &version.example else {
                assert!(schema.get("examples").is_none(), "{path}");
                assert!(message.get("examples").is_none(), "{message_id}");
                continue;
            };
            let payload = parse(&example.json);
            assert_eq!(schema["examples"], json!([payload]), "{path}");
            assert_eq!(message["examples"], json!([{ "payload": payload }]));
            count += 1;
        }
    }
    assert_eq!(count, 59);
}

/// The corpus catalogs whose types recurse, each with its decoder.
fn recursive_subjects() -> [Subject; 4] {
    [
        corpus(
            "corpus/ok/recursion-through-array.yaml",
            decode_through_array,
        ),
        corpus("corpus/ok/recursion-through-map.yaml", decode_through_map),
        corpus(
            "corpus/ok/recursion-through-one-of.yaml",
            decode_through_one_of,
        ),
        corpus(
            "corpus/ok/recursion-mutual-through-array.yaml",
            decode_mutual,
        ),
    ]
}

#[test]
fn round_trip_payloads_validate_against_their_schema() {
    let mut subjects = vec![
        bundled(),
        corpus("corpus/ok/every-shape.yaml", decode_every_shape),
    ];
    subjects.extend(recursive_subjects());
    for subject in subjects {
        let catalog = &subject.catalog;
        let schemas = Schemas::new(catalog);
        let mut count = 0;
        for event in &catalog.events {
            for version in &event.schema_versions {
                let v = version.version.to_string();
                for (case, payload) in valid_cases(catalog, version) {
                    let errors = schemas.errors(&event.name, &v, &payload);
                    assert!(
                        errors.is_empty(),
                        "{} {v} ({case}): {errors:#?}\n{payload}",
                        event.name
                    );
                    let decoded = (subject.decode)(event, &payload.to_string());
                    assert_eq!(
                        decoded.as_deref(),
                        Ok(v.as_str()),
                        "{} ({case})",
                        event.name
                    );
                    count += 1;
                }
            }
        }
        assert!(
            count >= 5 * catalog.events.len(),
            "{}: {count}",
            subject.label
        );
    }
}

#[test]
fn arbitrary_payloads_validate_and_decode() {
    let config = Config {
        cases: 24,
        failure_persistence: None,
        ..Config::default()
    };
    for subject in [
        bundled(),
        corpus("corpus/ok/every-shape.yaml", decode_every_shape),
        corpus(
            "corpus/ok/recursion-through-one-of.yaml",
            decode_through_one_of,
        ),
        corpus("corpus/ok/recursion-through-map.yaml", decode_through_map),
    ] {
        let catalog = &subject.catalog;
        let schemas = Schemas::new(catalog);
        for event in &catalog.events {
            for version in &event.schema_versions {
                let v = version.version.to_string();
                let validator = schemas.validator(&event.name, &v);
                let mut runner = TestRunner::new(config.clone());
                let result = runner.run(&any_payload(catalog, version, any_number), |payload| {
                    let errors: Vec<String> = validator
                        .iter_errors(&payload)
                        .map(|e| e.to_string())
                        .collect();
                    prop_assert!(errors.is_empty(), "schema: {:?}", errors);
                    let decoded = (subject.decode)(event, &payload.to_string());
                    prop_assert_eq!(decoded.as_deref(), Ok(v.as_str()));
                    Ok::<(), TestCaseError>(())
                });
                if let Err(err) = result {
                    panic!("{}: {} {v}: {err}", subject.label, event.name);
                }
            }
        }
    }
}

#[test]
fn schema_and_decoder_agree_on_the_bundled_catalog() {
    let seen = compare(&bundled());
    // The bundled catalog has no integers: the float/integer difference cannot show. Objects
    // written as arrays and enums written as `{"value": null}` are refused by both.
    assert_eq!(kinds(&seen), BTreeSet::new());
}

#[test]
fn schema_and_decoder_agree_on_every_shape() {
    let seen = compare(&corpus("corpus/ok/every-shape.yaml", decode_every_shape));
    assert_eq!(
        kinds(&seen),
        BTreeSet::from([(Mutation::IntegerAsFloat, Side::Schema)])
    );
}

#[test]
fn schema_and_decoder_agree_on_recursive_types() {
    for subject in recursive_subjects() {
        let seen = compare(&subject);
        for (mutation, side) in kinds(&seen) {
            assert!(
                KNOWN_DISAGREEMENTS
                    .iter()
                    .any(|k| k.mutation == mutation && k.accepted_by == side),
                "{}: {mutation:?}",
                subject.label
            );
        }
    }
}

/// Every listed disagreement has a reason, and names a mutation once.
#[test]
fn known_disagreements_are_explained() {
    let mut mutations = BTreeSet::new();
    for known in KNOWN_DISAGREEMENTS {
        assert!(known.reason.len() > 40, "{:?}", known.mutation);
        assert!(
            mutations.insert(known.mutation),
            "{:?} twice",
            known.mutation
        );
    }
}

// ------------------------------------------------------------------------------------------------
// Tests: the AsyncAPI document.

fn asyncapi(catalog: &Catalog) -> Value {
    exported(&export(catalog), ASYNCAPI_FILE)
}

/// The value a local `$ref` (`#/a/b`) points to in `doc`.
fn deref<'a>(doc: &'a Value, reference: &Value) -> &'a Value {
    let reference = reference["$ref"].as_str().expect("a $ref");
    let pointer = reference.strip_prefix('#').expect("a local $ref");
    doc.pointer(pointer)
        .unwrap_or_else(|| panic!("{reference} points nowhere"))
}

#[test]
fn asyncapi_has_one_channel_per_event_and_the_partners_actions() {
    let catalog = bundled_catalog();
    let doc = asyncapi(&catalog);
    assert_eq!(doc["asyncapi"], "3.0.0");
    assert_eq!(doc["info"]["version"], env!("CARGO_PKG_VERSION"));
    assert!(doc["info"]["title"].is_string());
    let channels = doc["channels"].as_object().expect("channels");
    let operations = doc["operations"].as_object().expect("operations");
    assert_eq!(channels.len(), catalog.events.len());
    assert_eq!(operations.len(), catalog.events.len());
    let mut actions = BTreeMap::new();
    for event in &catalog.events {
        let channel = &channels[&event.name];
        assert_eq!(channel["address"], event.name.as_str());
        assert_eq!(channel["x-product"], event.product.as_str());
        assert_eq!(channel["x-active-date"], event.lifecycle.active.to_string());
        assert_eq!(
            channel.get("x-deprecation-date").and_then(Value::as_str),
            event.lifecycle.deprecated.map(|d| d.to_string()).as_deref()
        );
        assert_eq!(
            channel.get("x-sunset-date").and_then(Value::as_str),
            event.lifecycle.sunset.map(|d| d.to_string()).as_deref()
        );
        let messages = channel["messages"].as_object().expect("messages");
        assert_eq!(
            messages.len(),
            event.schema_versions.len(),
            "{}",
            event.name
        );
        for version in &event.schema_versions {
            let message = messages
                .values()
                .find(|m| m["x-schema-version"] == version.version.to_string())
                .unwrap_or_else(|| panic!("{} {}: no message", event.name, version.version));
            for key in ["name", "title", "summary", "payload"] {
                assert!(message.get(key).is_some(), "{} {key}", event.name);
            }
            assert_eq!(
                message["payload"]["properties"]["schemaVersion"]["const"],
                version.version.to_string()
            );
        }
        let action = match event.direction {
            Direction::Received => "receive",
            Direction::Send => "send",
        };
        let id = format!("{action}-{}", event.name);
        let operation = &operations[&id];
        assert_eq!(operation["action"], action, "{id}");
        assert_eq!(deref(&doc, &operation["channel"]), channel, "{id}");
        let refs = operation["messages"]
            .as_array()
            .expect("operation messages");
        assert_eq!(refs.len(), messages.len());
        for reference in refs {
            let message = deref(&doc, reference);
            assert!(messages.values().any(|m| m == message), "{id}");
        }
        *actions.entry(action).or_insert(0) += 1;
    }
    assert_eq!(actions, BTreeMap::from([("receive", 57), ("send", 2)]));
    let send: Vec<&str> = operations
        .iter()
        .filter(|(_, op)| op["action"] == "send")
        .map(|(_, op)| {
            deref(&doc, &op["channel"])["address"]
                .as_str()
                .expect("address")
        })
        .collect();
    assert_eq!(
        send,
        [
            "aw-chat-message-received-v1",
            "aw-interaction-wrap-up-codes-received-v1"
        ]
    );
    let schemas: BTreeSet<&String> = doc["components"]["schemas"]
        .as_object()
        .expect("components.schemas")
        .keys()
        .collect();
    let types: BTreeSet<&String> = catalog.types.iter().map(|t| &t.name).collect();
    assert_eq!(schemas, types);
    assert_eq!(
        channels["aw-interaction-focus-v1"]["messages"]["aw-interaction-focus-v1_1.0.0"]["deprecated"],
        true
    );
}

/// The AsyncAPI message payloads accept what the standalone schemas accept: every sample, and
/// refuse a broken one. They are compiled in the document itself, so that their `$ref`s to
/// `#/components/schemas` resolve as an AsyncAPI tool resolves them.
#[test]
fn asyncapi_payloads_accept_the_samples() {
    let catalog = bundled_catalog();
    let doc = asyncapi(&catalog);
    for example in examples_of(&catalog) {
        let (event, version) = (&example.event, &example.version);
        let payload = parse(&example.json);
        let mut root = doc.clone();
        root["$schema"] = json!(JSON_SCHEMA_DIALECT);
        root["$ref"] = json!(format!(
            "#/channels/{event}/messages/{event}_{version}/payload"
        ));
        let validator = compile(&root, event);
        let errors: Vec<String> = validator
            .iter_errors(&payload)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{event}: {errors:#?}");
        let broken = removed(&payload, "/schemaVersion");
        assert!(!validator.is_valid(&broken), "{event}");
    }
}
