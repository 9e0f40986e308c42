//! Payloads built from the catalog model, shared by the round-trip tests (`roundtrip.rs`) and the
//! schema tests (`schema.rs`): deterministic ones ([`det_payload`], [`det_cases`]) and arbitrary
//! ones ([`any_payload`]), for every shape, recursive types included (past [`MAX_DEPTH`] nested
//! arrays, maps and unions, arrays and maps are empty and unions take a member that is not a
//! container, so a payload ends).
//!
//! Every payload is valid for its schema version: each field is present or absent as the case
//! says, every value has its field's shape, and `schemaVersion` is set. What a test does with
//! them (decode and re-encode, validate, mutate) is up to the test file.

use std::collections::BTreeSet;

use eventcat_codegen::model::{Catalog, Field, ItemBounds, Payload, Scalar, SchemaVersion, Shape};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

/// The bundled catalog, which must load.
pub fn bundled_catalog() -> Catalog {
    match eventcat_codegen::load_bundled() {
        Ok(loaded) => loaded.catalog,
        Err(err) => panic!("the bundled catalog must load:\n{err}"),
    }
}

/// The payload fields of one schema version.
pub fn payload_fields<'a>(catalog: &'a Catalog, version: &'a SchemaVersion) -> &'a [Field] {
    match &version.payload {
        Payload::Fields(fields) => fields,
        Payload::Type(name) => match catalog.type_decl(name).map(|d| &d.shape) {
            Some(Shape::Object(fields)) => fields,
            other => panic!("payload type {name} is {other:?}"),
        },
    }
}

/// The shape a `Shape::Named` stands for; other shapes as they are.
pub fn resolved<'a>(catalog: &'a Catalog, shape: &'a Shape) -> &'a Shape {
    match shape {
        Shape::Named(name) => match catalog.type_decl(name) {
            Some(decl) => resolved(catalog, &decl.shape),
            None => panic!("unknown type {name}"),
        },
        other => other,
    }
}

// ------------------------------------------------------------------------------------------------
// Deterministic payloads.

/// How a deterministic payload is made.
#[derive(Debug, Clone, Copy)]
pub struct Det {
    /// Optional fields are present.
    pub optional: bool,
    /// Nullable fields and items are null.
    pub nulls: bool,
    /// Enum values and union members are chosen by this index (modulo their count).
    pub pick: usize,
    /// Array and map length.
    pub len: usize,
    /// Every object gets an unknown extra field, [`EXTRA_FIELD`].
    pub extra: bool,
}

/// Every optional field present, nothing null, the first enum value and union member, two items
/// in every array and map, and no unknown field.
pub const ALL_PRESENT: Det = Det {
    optional: true,
    nulls: false,
    pick: 0,
    len: 2,
    extra: false,
};

/// Past this many nested arrays, maps and unions, arrays and maps are empty and unions take a
/// member that is not a container: recursive types end.
const MAX_DEPTH: usize = 3;

/// The unknown field [`Det::extra`] adds to every object.
pub const EXTRA_FIELD: &str = "zzNotInTheCatalog";

/// The payload of `version` made as `d` says, with its `schemaVersion`.
pub fn det_payload(catalog: &Catalog, version: &SchemaVersion, d: Det) -> Value {
    let mut object = det_object(catalog, payload_fields(catalog, version), d, 0);
    object.insert(
        "schemaVersion".to_owned(),
        json!(version.version.to_string()),
    );
    Value::Object(object)
}

fn det_object(catalog: &Catalog, fields: &[Field], d: Det, depth: usize) -> Map<String, Value> {
    let mut object = Map::new();
    for field in fields.iter().filter(|f| d.optional || !f.optional) {
        let value = det_value(catalog, &field.shape, field.nullable, d, depth);
        object.insert(field.wire_name.clone(), value);
    }
    if d.extra {
        object.insert(EXTRA_FIELD.to_owned(), json!({ "a": [1, "x", null] }));
    }
    object
}

fn det_value(catalog: &Catalog, shape: &Shape, nullable: bool, d: Det, depth: usize) -> Value {
    if nullable && d.nulls {
        return Value::Null;
    }
    let len = if depth >= MAX_DEPTH { 0 } else { d.len };
    match shape {
        Shape::Scalar(Scalar::String) => json!(format!("text-{}", d.pick)),
        Shape::Scalar(Scalar::Integer) => json!(3 + d.pick),
        // An integer, which a decoder reading `f64` gives back as a float, and a fraction.
        Shape::Scalar(Scalar::Number) if d.pick.is_multiple_of(2) => json!(3),
        Shape::Scalar(Scalar::Number) => json!(2.5),
        Shape::Scalar(Scalar::Boolean) => json!(d.pick.is_multiple_of(2)),
        Shape::Named(_) => det_value(catalog, resolved(catalog, shape), false, d, depth),
        Shape::Const(constant) => constant.to_json(),
        Shape::Enum(values) => json!(values[d.pick % values.len()]),
        Shape::Object(fields) => Value::Object(det_object(catalog, fields, d, depth)),
        // Within the array's bounds, so that the payload stays valid (but for a recursive type
        // past the depth limit, which must end).
        Shape::Array(element, bounds) => Value::Array(
            (0..if depth >= MAX_DEPTH {
                0
            } else {
                within(len, *bounds)
            })
                .map(|_| det_value(catalog, &element.shape, element.nullable, d, depth + 1))
                .collect(),
        ),
        Shape::Map(element) => Value::Object(
            (0..len)
                .map(|i| {
                    let value = det_value(catalog, &element.shape, element.nullable, d, depth + 1);
                    (format!("key{i}"), value)
                })
                .collect(),
        ),
        Shape::OneOf(members) => {
            // Past the depth limit, the first member that is not a container.
            let member = if depth >= MAX_DEPTH {
                members
                    .iter()
                    .find(|m| {
                        !matches!(
                            resolved(catalog, &m.shape),
                            Shape::Array(..) | Shape::Map(_) | Shape::OneOf(_)
                        )
                    })
                    .unwrap_or(&members[0])
            } else {
                &members[d.pick % members.len()]
            };
            det_value(catalog, &member.shape, member.nullable, d, depth + 1)
        }
    }
}

/// `len` moved into `bounds`: a length an array of those bounds may have.
pub fn within(len: usize, bounds: ItemBounds) -> usize {
    let min = bounds
        .min
        .map_or(0, |m| usize::try_from(m).unwrap_or(usize::MAX));
    let max = bounds
        .max
        .map_or(usize::MAX, |m| usize::try_from(m).unwrap_or(usize::MAX));
    len.max(min).min(max)
}

/// The largest number of enum values or union members in the payload, at least 2.
fn most_choices(catalog: &Catalog, fields: &[Field]) -> usize {
    fn choices(catalog: &Catalog, shape: &Shape, seen: &mut BTreeSet<String>) -> usize {
        match shape {
            Shape::Enum(values) => values.len(),
            Shape::OneOf(members) => members
                .iter()
                .map(|m| choices(catalog, &m.shape, seen))
                .fold(members.len(), usize::max),
            Shape::Named(name) if seen.insert(name.clone()) => {
                choices(catalog, resolved(catalog, shape), seen)
            }
            Shape::Object(fields) => fields
                .iter()
                .map(|f| choices(catalog, &f.shape, seen))
                .fold(1, usize::max),
            Shape::Array(e, _) | Shape::Map(e) => choices(catalog, &e.shape, seen),
            _ => 1,
        }
    }
    let mut seen = BTreeSet::new();
    fields
        .iter()
        .map(|f| choices(catalog, &f.shape, &mut seen))
        .fold(2, usize::max)
}

/// The deterministic payloads of one schema version, named: all optional fields present, all
/// absent, nullable ones null, empty arrays and maps, and each enum value and union member in
/// turn. None has an unknown field.
pub fn det_cases(catalog: &Catalog, version: &SchemaVersion) -> Vec<(String, Value)> {
    let mut cases = [
        ("all optional present", ALL_PRESENT),
        (
            "all optional absent",
            Det {
                optional: false,
                len: 1,
                ..ALL_PRESENT
            },
        ),
        (
            "nullable as null",
            Det {
                nulls: true,
                len: 1,
                ..ALL_PRESENT
            },
        ),
        (
            "empty arrays and maps",
            Det {
                len: 0,
                ..ALL_PRESENT
            },
        ),
    ]
    .into_iter()
    .map(|(name, d)| (name.to_owned(), det_payload(catalog, version, d)))
    .collect::<Vec<_>>();
    // Pick 0 is the first case.
    for pick in 1..most_choices(catalog, payload_fields(catalog, version)) {
        let d = Det {
            pick,
            ..ALL_PRESENT
        };
        cases.push((
            format!("enum value / union member #{pick}"),
            det_payload(catalog, version, d),
        ));
    }
    cases
}

// ------------------------------------------------------------------------------------------------
// Arbitrary payloads.

/// Strings, some with characters JSON escapes.
fn any_string() -> BoxedStrategy<String> {
    prop_oneof![
        4 => "\\PC{0,12}",
        1 => "[\\x00-\\x1f\"\\\\/\u{e9}\u{1F600}]{0,4}",
    ]
    .boxed()
}

/// Arbitrary payloads of `version`, with its `schemaVersion`; `number` makes the values of
/// `number` fields (a test that compares re-encoded text wants numbers that print back exactly).
pub fn any_payload(
    catalog: &Catalog,
    version: &SchemaVersion,
    number: fn() -> BoxedStrategy<Value>,
) -> BoxedStrategy<Value> {
    let text = version.version.to_string();
    let any = Any { catalog, number };
    any.object(payload_fields(catalog, version), 0)
        .prop_map(move |mut object| {
            object.insert("schemaVersion".to_owned(), json!(text));
            Value::Object(object)
        })
        .boxed()
}

/// What the strategies of one payload share.
struct Any<'a> {
    catalog: &'a Catalog,
    number: fn() -> BoxedStrategy<Value>,
}

impl Any<'_> {
    fn object(&self, fields: &[Field], depth: usize) -> BoxedStrategy<Map<String, Value>> {
        let entries: Vec<BoxedStrategy<Option<(String, Value)>>> = fields
            .iter()
            .map(|field| {
                let wire = field.wire_name.clone();
                let value = self.value(&field.shape, field.nullable, depth);
                let entry = value.prop_map(move |v| (wire.clone(), v));
                if field.optional {
                    proptest::option::of(entry).boxed()
                } else {
                    entry.prop_map(Some).boxed()
                }
            })
            .collect();
        entries
            .prop_map(|entries| entries.into_iter().flatten().collect())
            .boxed()
    }

    fn value(&self, shape: &Shape, nullable: bool, depth: usize) -> BoxedStrategy<Value> {
        let inner = match shape {
            Shape::Scalar(Scalar::String) => any_string().prop_map(Value::String).boxed(),
            Shape::Scalar(Scalar::Integer) => any::<i64>().prop_map(|n| json!(n)).boxed(),
            Shape::Scalar(Scalar::Number) => (self.number)(),
            Shape::Scalar(Scalar::Boolean) => any::<bool>().prop_map(Value::Bool).boxed(),
            Shape::Named(_) => self.value(resolved(self.catalog, shape), false, depth),
            Shape::Const(constant) => Just(constant.to_json()).boxed(),
            Shape::Enum(values) => proptest::sample::select(values.clone())
                .prop_map(Value::String)
                .boxed(),
            Shape::Object(fields) => self.object(fields, depth).prop_map(Value::Object).boxed(),
            Shape::Array(..) if depth >= MAX_DEPTH => Just(Value::Array(Vec::new())).boxed(),
            Shape::Array(element, bounds) => proptest::collection::vec(
                self.value(&element.shape, element.nullable, depth + 1),
                within(0, *bounds)..=within(2, *bounds),
            )
            .prop_map(Value::Array)
            .boxed(),
            Shape::Map(_) if depth >= MAX_DEPTH => Just(Value::Object(Map::new())).boxed(),
            Shape::Map(element) => proptest::collection::btree_map(
                any_string(),
                self.value(&element.shape, element.nullable, depth + 1),
                0..3,
            )
            .prop_map(|map| Value::Object(map.into_iter().collect()))
            .boxed(),
            Shape::OneOf(members) => {
                let members: Vec<BoxedStrategy<Value>> = members
                    .iter()
                    .map(|m| self.value(&m.shape, m.nullable, depth + 1))
                    .collect();
                proptest::strategy::Union::new(members).boxed()
            }
        };
        if nullable {
            prop_oneof![1 => Just(Value::Null), 3 => inner].boxed()
        } else {
            inner
        }
    }
}
