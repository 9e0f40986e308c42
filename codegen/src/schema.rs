//! One JSON Schema (draft 2020-12) per event schema version, describing the payload exactly as
//! the generated decoder accepts it, and one AsyncAPI 3.0.0 document for the whole catalog.
//!
//! The schemas follow the decoder's rules:
//!
//! - an object lists its fields under `properties` by wire name; the non-optional ones are
//!   `required`, and other properties are allowed, since the decoder ignores unknown fields;
//! - every payload has the required string constant `schemaVersion`;
//! - a nullable field or element also accepts `null`; an optional one may be absent, and is
//!   `null` only when it is nullable too;
//! - `integer` is bounded by the `i64` range the decoder reads it into; `number` is any number;
//! - an array's `min_items` and `max_items` are `minItems` and `maxItems` (on the field's own
//!   array, or on the shared array type's definition that the field's `$ref` reaches);
//! - a `one_of` is an `anyOf` (the decoder tries the members in order and takes the first that
//!   fits, so a value is accepted when any member accepts it);
//! - shared catalog types are `$defs` (in the AsyncAPI document, `components.schemas`) reached
//!   through `$ref`, so recursive types work.
//!
//! Lifecycle facts are annotations that validation ignores: `deprecated: true` and
//! `x-eventcat-*` keys. Output is deterministic: the same catalog gives the same bytes, with
//! object keys sorted (serde_json's map order) and lists in catalog order.

use std::collections::BTreeSet;

use semver::Version;
use serde_json::{Map, Value, json};

use crate::check::SCHEMA_VERSION_FIELD;
use crate::model::{
    Catalog, Constant, Direction, Element, Event, Field, Payload, Scalar, SchemaVersion, Shape,
    direction_word, status_word,
};
use crate::plan::{is_deprecated, replacement};

/// The `$schema` of every exported JSON Schema.
pub const JSON_SCHEMA_DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// The AsyncAPI version of the exported document.
pub(crate) const ASYNCAPI_VERSION: &str = "3.0.0";

/// The file name of the AsyncAPI document among the exported files.
pub const ASYNCAPI_FILE: &str = "asyncapi.json";

/// Where `$ref`s to shared types point in a standalone schema.
const DEFS_PREFIX: &str = "#/$defs/";
/// Where `$ref`s to shared types point in the AsyncAPI document.
const COMPONENTS_PREFIX: &str = "#/components/schemas/";

/// One exported file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFile {
    /// Path relative to the output directory, with `/` separators, such as
    /// `schemas/aw-interaction-focus-v3/3.0.0.schema.json`.
    pub path: String,
    /// The pretty-printed JSON, ending with a newline.
    pub contents: String,
}

/// Why a catalog model cannot be exported. A catalog that passed validation always exports;
/// these arise only from a model built or changed by hand.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// A shape or payload names a type the catalog does not declare.
    #[error("unknown type `{name}`")]
    UnknownType {
        /// The type name.
        name: String,
    },
    /// A schema version's `payload` names a type that is not an object type.
    #[error("`{event}` {version}: payload type `{name}` is not an object type")]
    PayloadNotObject {
        /// The event name.
        event: String,
        /// The schema version.
        version: String,
        /// The type name.
        name: String,
    },
    /// A schema version's `example` is not JSON.
    #[error("`{event}` {version}: the example is not JSON: {reason}")]
    ExampleNotJson {
        /// The event name.
        event: String,
        /// The schema version.
        version: String,
        /// What the JSON parser said.
        reason: String,
    },
    /// A number constant is NaN or infinite, which JSON cannot write.
    #[error("the constant {value} is not a finite number")]
    NonFiniteConstant {
        /// The constant.
        value: f64,
    },
}

/// Every file of the export: the AsyncAPI document ([`ASYNCAPI_FILE`]) first, then one JSON
/// Schema per event schema version (see [`schema_path`]), in catalog order.
pub fn export(catalog: &Catalog) -> Result<Vec<ExportFile>, ExportError> {
    let mut files = vec![ExportFile {
        path: ASYNCAPI_FILE.to_owned(),
        contents: to_text(&asyncapi(catalog)?),
    }];
    for event in &catalog.events {
        for version in &event.schema_versions {
            files.push(ExportFile {
                path: schema_path(&event.name, &version.version),
                contents: to_text(&event_schema(catalog, event, version)?),
            });
        }
    }
    Ok(files)
}

/// The relative path of the JSON Schema of one event schema version:
/// `schemas/<event>/<version>.schema.json`.
pub fn schema_path(event: &str, version: &Version) -> String {
    format!(
        "schemas/{}/{}.schema.json",
        file_component(event),
        file_component(&version.to_string())
    )
}

/// The `$id` of the JSON Schema of one event schema version:
/// `urn:eventcat:schema:<event>:<version>`. A URN, so that no tool tries to fetch it.
pub(crate) fn schema_id(event: &str, version: &Version) -> String {
    format!("urn:eventcat:schema:{event}:{version}")
}

/// The JSON as exported: pretty-printed, with a trailing newline.
pub(crate) fn to_text(value: &Value) -> String {
    format!("{value:#}\n")
}

/// The standalone JSON Schema of one schema version of `event`: the payload, with the shared
/// types it reaches under `$defs`, the event's lifecycle as annotations.
pub fn event_schema(
    catalog: &Catalog,
    event: &Event,
    version: &SchemaVersion,
) -> Result<Value, ExportError> {
    let builder = SchemaBuilder {
        catalog,
        prefix: DEFS_PREFIX,
    };
    let mut used = BTreeSet::new();
    let mut root = builder.payload(event, version, &mut used)?;
    root.insert("$schema".into(), json!(JSON_SCHEMA_DIALECT));
    root.insert(
        "$id".into(),
        json!(schema_id(&event.name, &version.version)),
    );
    let defs = builder.closure(used)?;
    if !defs.is_empty() {
        root.insert("$defs".into(), Value::Object(defs));
    }
    for (key, value) in lifecycle(catalog, event, "x-eventcat-") {
        root.insert(key, value);
    }
    if is_deprecated(event) {
        root.insert("deprecated".into(), json!(true));
    }
    if let Some(example) = example(event, version)? {
        root.insert("examples".into(), json!([example]));
    }
    root.insert("x-eventcat-event".into(), json!(event.name));
    root.insert(
        "x-eventcat-schema-version".into(),
        json!(version.version.to_string()),
    );
    root.insert(
        "x-eventcat-direction".into(),
        json!(direction_word(event.direction)),
    );
    Ok(Value::Object(root))
}

/// The AsyncAPI 3.0.0 document of the whole catalog, from the partner's point of view: one
/// channel per event (its address is the event name) with one message per schema version, a
/// `receive` operation for each `received` event and a `send` operation for each `send` event,
/// the shared types under `components.schemas`, the lifecycle as `x-` extensions.
pub fn asyncapi(catalog: &Catalog) -> Result<Value, ExportError> {
    let builder = SchemaBuilder {
        catalog,
        prefix: COMPONENTS_PREFIX,
    };
    let mut channels = Map::new();
    let mut operations = Map::new();
    for event in &catalog.events {
        let channel_id = key(&event.name);
        let (messages, message_refs) = messages(&builder, event, &channel_id)?;
        channels.insert(channel_id.clone(), channel(catalog, event, messages));
        let (operation_id, operation) = operation(event, &channel_id, message_refs);
        operations.insert(operation_id, operation);
    }
    let mut schemas = Map::new();
    for decl in &catalog.types {
        let mut used = BTreeSet::new();
        schemas.insert(
            decl.name.clone(),
            builder.type_schema(&decl.name, &mut used)?,
        );
    }
    Ok(json!({
        "asyncapi": ASYNCAPI_VERSION,
        "info": info(catalog),
        "defaultContentType": "application/json",
        "channels": channels,
        "operations": operations,
        "components": { "schemas": schemas },
    }))
}

/// The messages of an event's channel, one per schema version, by id; and the references to
/// them its operation lists.
fn messages(
    builder: &SchemaBuilder<'_>,
    event: &Event,
    channel_id: &str,
) -> Result<(Map<String, Value>, Vec<Value>), ExportError> {
    let mut messages = Map::new();
    let mut message_refs = Vec::new();
    for version in &event.schema_versions {
        let message_id = key(&format!("{}_{}", event.name, version.version));
        let message = message(builder, event, version, &message_id)?;
        message_refs.push(json!({
            "$ref": format!("#/channels/{channel_id}/messages/{message_id}"),
        }));
        messages.insert(message_id, message);
    }
    Ok((messages, message_refs))
}

/// The message of one schema version, with its payload schema.
fn message(
    builder: &SchemaBuilder<'_>,
    event: &Event,
    version: &SchemaVersion,
    message_id: &str,
) -> Result<Value, ExportError> {
    let mut payload = builder.payload(event, version, &mut BTreeSet::new())?;
    if is_deprecated(event) {
        payload.insert("deprecated".into(), json!(true));
    }
    let mut message = Map::new();
    message.insert("name".into(), json!(message_id));
    message.insert(
        "title".into(),
        json!(format!("{} {}", event.name, version.version)),
    );
    message.insert("summary".into(), json!(event.doc.trim()));
    if let Some(doc) = &version.doc {
        message.insert("description".into(), json!(doc.trim()));
    }
    message.insert("contentType".into(), json!("application/json"));
    message.insert("payload".into(), Value::Object(payload));
    if let Some(example) = example(event, version)? {
        message.insert("examples".into(), json!([{ "payload": example }]));
    }
    if is_deprecated(event) {
        message.insert("deprecated".into(), json!(true));
    }
    message.insert(
        "x-schema-version".into(),
        json!(version.version.to_string()),
    );
    Ok(Value::Object(message))
}

/// The sample payload of a schema version, parsed.
fn example(event: &Event, version: &SchemaVersion) -> Result<Option<Value>, ExportError> {
    let Some(example) = &version.example else {
        return Ok(None);
    };
    serde_json::from_str(&example.json)
        .map(Some)
        .map_err(|err| ExportError::ExampleNotJson {
            event: event.name.clone(),
            version: version.version.to_string(),
            reason: err.to_string(),
        })
}

/// The channel of an event, addressed by its name, with its lifecycle as `x-` extensions.
fn channel(catalog: &Catalog, event: &Event, messages: Map<String, Value>) -> Value {
    let mut channel = Map::new();
    channel.insert("address".into(), json!(event.name));
    channel.insert("title".into(), json!(event.name));
    channel.insert("description".into(), json!(event.doc.trim()));
    channel.insert("messages".into(), Value::Object(messages));
    channel.insert("tags".into(), json!([{ "name": event.product }]));
    for (key, value) in lifecycle(catalog, event, "x-") {
        channel.insert(key, value);
    }
    channel.insert("x-direction".into(), json!(direction_word(event.direction)));
    Value::Object(channel)
}

/// The partner's operation on an event's channel, with its id: `receive-<event>` for a
/// `received` event, `send-<event>` for a `send` event.
fn operation(event: &Event, channel_id: &str, message_refs: Vec<Value>) -> (String, Value) {
    let (action, summary) = match event.direction {
        Direction::Received => (
            "receive",
            format!("The partner receives `{}` from the host.", event.name),
        ),
        Direction::Send => (
            "send",
            format!("The partner sends `{}` to the host.", event.name),
        ),
    };
    let mut operation = Map::new();
    operation.insert("action".into(), json!(action));
    operation.insert(
        "channel".into(),
        json!({ "$ref": format!("#/channels/{channel_id}") }),
    );
    operation.insert("messages".into(), Value::Array(message_refs));
    operation.insert("summary".into(), json!(summary));
    operation.insert("tags".into(), json!([{ "name": event.product }]));
    (
        key(&format!("{action}-{}", event.name)),
        Value::Object(operation),
    )
}

/// The document's `info`: title, eventcat's version, a description and the products as tags.
fn info(catalog: &Catalog) -> Value {
    let tags: Vec<Value> = catalog
        .products
        .values()
        .map(|product| {
            let description = match &product.doc {
                Some(doc) => format!("{}: {}", product.title, doc.trim()),
                None => product.title.clone(),
            };
            json!({ "name": product.id, "description": description })
        })
        .collect();
    let versions: usize = catalog.events.iter().map(|e| e.schema_versions.len()).sum();
    let description = format!(
        "The 8x8 partner events: {} events, {versions} payload schema versions. The application \
         described is a partner integration: it receives the `received` events from the 8x8 host \
         and sends the `send` events to it. Each channel is one event, addressed by its name; \
         each message one schema version of its payload, told apart by `schemaVersion`. \
         Generated by eventcat.",
        catalog.events.len()
    );
    json!({
        "title": "8x8 partner events",
        "version": env!("CARGO_PKG_VERSION"),
        "description": description,
        "tags": tags,
    })
}

/// The lifecycle annotations of `event`, with keys starting with `prefix`.
fn lifecycle(catalog: &Catalog, event: &Event, prefix: &str) -> Vec<(String, Value)> {
    let mut out = vec![
        (format!("{prefix}product"), json!(event.product)),
        (format!("{prefix}status"), json!(status_word(event.status))),
        (
            format!("{prefix}active-date"),
            json!(event.lifecycle.active.to_string()),
        ),
    ];
    if let Some(day) = event.lifecycle.deprecated {
        out.push((format!("{prefix}deprecation-date"), json!(day.to_string())));
    }
    if let Some(day) = event.lifecycle.sunset {
        out.push((format!("{prefix}sunset-date"), json!(day.to_string())));
    }
    if is_deprecated(event)
        && let Some(newer) = replacement(catalog, event)
    {
        out.push((format!("{prefix}replacement"), json!(newer.name)));
    }
    out
}

/// Builds schemas for shapes, with `$ref`s to shared types under one prefix.
struct SchemaBuilder<'a> {
    catalog: &'a Catalog,
    prefix: &'static str,
}

impl SchemaBuilder<'_> {
    /// The payload of one schema version of `event`: its fields and `schemaVersion`, with the
    /// title and description. Shared types referenced are added to `used`.
    fn payload(
        &self,
        event: &Event,
        schema_version: &SchemaVersion,
        used: &mut BTreeSet<String>,
    ) -> Result<Map<String, Value>, ExportError> {
        let version = &schema_version.version;
        let fields = match &schema_version.payload {
            Payload::Fields(fields) => fields,
            Payload::Type(name) => match self.catalog.type_decl(name).map(|d| &d.shape) {
                Some(Shape::Object(fields)) => fields,
                Some(_) => {
                    return Err(ExportError::PayloadNotObject {
                        event: event.name.clone(),
                        version: version.to_string(),
                        name: name.clone(),
                    });
                }
                None => return Err(ExportError::UnknownType { name: name.clone() }),
            },
        };
        let mut root = self.object(fields, used)?;
        let version_text = version.to_string();
        let constant = json!({
            "type": "string",
            "const": version_text,
            "description": format!("The payload's schema version: always `{version_text}` here."),
        });
        if let Some(Value::Object(properties)) = root.get_mut("properties") {
            properties.insert(SCHEMA_VERSION_FIELD.to_owned(), constant);
        }
        match root.get_mut("required") {
            Some(Value::Array(required)) => required.push(json!(SCHEMA_VERSION_FIELD)),
            _ => {
                root.insert("required".into(), json!([SCHEMA_VERSION_FIELD]));
            }
        }
        root.insert(
            "title".into(),
            json!(format!("{} {version_text}", event.name)),
        );
        let mut description = event.doc.trim().to_owned();
        if let Some(doc) = &schema_version.doc {
            description.push_str("\n\n");
            description.push_str(doc.trim());
        }
        root.insert("description".into(), json!(description));
        Ok(root)
    }

    /// The schemas of the shared types in `used` and of every type they reach, by name.
    fn closure(&self, mut pending: BTreeSet<String>) -> Result<Map<String, Value>, ExportError> {
        let mut defs = Map::new();
        while let Some(name) = pending.pop_first() {
            if defs.contains_key(&name) {
                continue;
            }
            let mut used = BTreeSet::new();
            let schema = self.type_schema(&name, &mut used)?;
            defs.insert(name, schema);
            pending.extend(used.into_iter().filter(|n| !defs.contains_key(n)));
        }
        Ok(defs)
    }

    /// The schema of the shared type `name`, titled with its name.
    fn type_schema(&self, name: &str, used: &mut BTreeSet<String>) -> Result<Value, ExportError> {
        let decl = self
            .catalog
            .type_decl(name)
            .ok_or_else(|| ExportError::UnknownType {
                name: name.to_owned(),
            })?;
        let mut schema = self.shape(&decl.shape, used)?;
        schema.insert("title".into(), json!(decl.name));
        if let Some(doc) = &decl.doc {
            schema.insert("description".into(), json!(doc.trim()));
        }
        Ok(Value::Object(schema))
    }

    /// An object with these fields; unknown properties are allowed.
    fn object(
        &self,
        fields: &[Field],
        used: &mut BTreeSet<String>,
    ) -> Result<Map<String, Value>, ExportError> {
        let mut properties = Map::new();
        let mut required = Vec::new();
        for field in fields {
            let mut schema = self.shape(&field.shape, used)?;
            if field.nullable {
                schema = or_null(schema);
            }
            if let Some(doc) = &field.doc {
                schema.insert("description".into(), json!(doc.trim()));
            }
            if let Some(default) = &field.default {
                // Not `default`: the decoder requires the field all the same; the value only
                // serves conversions from versions that lack it.
                schema.insert("x-eventcat-upgrade-default".into(), default.clone());
            }
            properties.insert(field.wire_name.clone(), Value::Object(schema));
            if !field.optional {
                required.push(json!(field.wire_name));
            }
        }
        let mut object = Map::new();
        object.insert("type".into(), json!("object"));
        object.insert("properties".into(), Value::Object(properties));
        if !required.is_empty() {
            object.insert("required".into(), Value::Array(required));
        }
        Ok(object)
    }

    fn element(
        &self,
        element: &Element,
        used: &mut BTreeSet<String>,
    ) -> Result<Map<String, Value>, ExportError> {
        let schema = self.shape(&element.shape, used)?;
        Ok(if element.nullable {
            or_null(schema)
        } else {
            schema
        })
    }

    fn shape(
        &self,
        shape: &Shape,
        used: &mut BTreeSet<String>,
    ) -> Result<Map<String, Value>, ExportError> {
        let value = match shape {
            Shape::Scalar(Scalar::String) => json!({ "type": "string" }),
            Shape::Scalar(Scalar::Boolean) => json!({ "type": "boolean" }),
            Shape::Scalar(Scalar::Number) => json!({ "type": "number" }),
            // The decoder reads an `integer` into an i64.
            Shape::Scalar(Scalar::Integer) => json!({
                "type": "integer",
                "minimum": i64::MIN,
                "maximum": i64::MAX,
            }),
            Shape::Named(name) => {
                if self.catalog.type_decl(name).is_none() {
                    return Err(ExportError::UnknownType { name: name.clone() });
                }
                used.insert(name.clone());
                json!({ "$ref": format!("{}{}", self.prefix, pointer_token(name)) })
            }
            Shape::Const(constant) => {
                let value = match constant {
                    Constant::Number(n) if !n.is_finite() => {
                        return Err(ExportError::NonFiniteConstant { value: *n });
                    }
                    other => other.to_json(),
                };
                json!({ "type": constant.scalar().as_str(), "const": value })
            }
            Shape::Enum(values) => json!({ "type": "string", "enum": values }),
            Shape::Object(fields) => return self.object(fields, used),
            Shape::Array(element, bounds) => {
                let mut array = json!({
                    "type": "array",
                    "items": self.element(element, used)?,
                });
                if let Some(min) = bounds.min {
                    array["minItems"] = json!(min);
                }
                if let Some(max) = bounds.max {
                    array["maxItems"] = json!(max);
                }
                array
            }
            Shape::Map(element) => json!({
                "type": "object",
                "additionalProperties": self.element(element, used)?,
            }),
            Shape::OneOf(members) => {
                let members = members
                    .iter()
                    .map(|m| self.element(m, used).map(Value::Object))
                    .collect::<Result<Vec<_>, _>>()?;
                json!({ "anyOf": members })
            }
        };
        Ok(match value {
            Value::Object(map) => map,
            _ => Map::new(),
        })
    }
}

/// `schema` that also accepts `null`: a `null` type added to a plain `type` (and to an `enum`),
/// a `null` member added to an `anyOf`, or else an `anyOf` of the schema and `null`.
fn or_null(mut schema: Map<String, Value>) -> Map<String, Value> {
    let plain_type = schema
        .get("type")
        .and_then(Value::as_str)
        .map(str::to_owned);
    match plain_type {
        Some(ty) if !schema.contains_key("const") => {
            schema.insert("type".into(), json!([ty, "null"]));
            if let Some(Value::Array(values)) = schema.get_mut("enum") {
                values.push(Value::Null);
            }
            schema
        }
        _ if schema.len() == 1 && schema.contains_key("anyOf") => {
            if let Some(Value::Array(members)) = schema.get_mut("anyOf") {
                members.push(json!({ "type": "null" }));
            }
            schema
        }
        _ => {
            let mut wrapper = Map::new();
            wrapper.insert(
                "anyOf".into(),
                json!([Value::Object(schema), { "type": "null" }]),
            );
            wrapper
        }
    }
}

/// `name` as one JSON pointer token inside a URI fragment: `~` and `/` escaped as JSON pointer
/// says, then anything outside the URI's unreserved characters percent-encoded.
fn pointer_token(name: &str) -> String {
    let escaped = name.replace('~', "~0").replace('/', "~1");
    let mut out = String::with_capacity(escaped.len());
    for byte in escaped.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// `text` as an AsyncAPI key (`^[A-Za-z0-9.\-_]+$`): other characters become `_`. Event names
/// and versions of a validated catalog need no change.
fn key(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// `text` as one path component: like [`key`], and never `.` or `..`.
fn file_component(text: &str) -> String {
    let component = key(text);
    if component.chars().all(|c| c == '.') {
        component.replace('.', "_")
    } else {
        component
    }
}
