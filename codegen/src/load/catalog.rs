//! The serde model of `catalog.yaml`, exactly as written, with the source location of every node.
//!
//! Nothing here is checked beyond what the YAML shape itself enforces (unknown keys are refused);
//! [`crate::check`] turns this into the checked [`crate::model::Catalog`].

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, MapAccess, Visitor};
pub use serde_saphyr::Spanned;

/// The whole file: products, shared types and events.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogFile {
    /// Product id -> product.
    pub products: Entries<ProductDef>,
    /// Shared type name -> definition.
    #[serde(default)]
    pub types: Entries<NodeDef>,
    /// Events in the order of the published page.
    pub events: Vec<Spanned<EventDef>>,
}

/// One 8x8 product that publishes or accepts events.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProductDef {
    /// Human title, such as "Agent Workspace".
    pub title: String,
    /// Short description.
    #[serde(default)]
    pub doc: Option<String>,
}

/// Whether partners receive the event from the host or send it to the host.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// The host sends it to the partner.
    Received,
    /// The partner sends it to the host.
    Send,
}

/// The status an event's publisher declares for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// In use.
    Active,
    /// Still delivered, but going away.
    Deprecated,
    /// No longer delivered.
    Sunset,
}

/// One event as written in the file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventDef {
    /// `<family>-v<N>`.
    pub name: Spanned<String>,
    /// A key of `products`.
    pub product: Spanned<String>,
    /// Received or send.
    pub direction: Spanned<Direction>,
    /// Declared status.
    pub status: Spanned<Status>,
    /// `YYYY-MM-DD`.
    pub active_date: Spanned<String>,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub deprecation_date: Option<Spanned<String>>,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub sunset_date: Option<Spanned<String>>,
    /// What the event means.
    pub doc: String,
    /// Payload schema versions, oldest first.
    pub schema_versions: Vec<Spanned<SchemaVersionDef>>,
}

/// One payload schema version of an event.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemaVersionDef {
    /// Semantic version, such as `1.0.1`.
    pub version: Spanned<String>,
    /// Note on this version.
    #[serde(default)]
    pub doc: Option<String>,
    /// The payload fields, wire name -> field.
    #[serde(default)]
    pub fields: Option<Spanned<Entries<NodeDef>>>,
    /// Or: the payload is this shared object type.
    #[serde(default)]
    pub payload: Option<Spanned<String>>,
    /// A sample payload of this version, as JSON text; `check` decodes it against the version.
    #[serde(default)]
    pub example: Option<Spanned<String>>,
}

/// A node that describes a value: a payload field, a shared type definition, or an element shape
/// written as a mapping. It has exactly one shape key (`const` may come with a scalar `type`);
/// which attributes are allowed depends on where it stands, and [`crate::check`] checks that.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NodeDef {
    /// What the value holds.
    #[serde(default)]
    pub doc: Option<String>,
    /// The key may be absent (fields only).
    #[serde(default)]
    pub optional: Option<Spanned<bool>>,
    /// The value may be `null` (fields and element shapes).
    #[serde(default)]
    pub nullable: Option<Spanned<bool>>,
    /// Value used when upgrading from a version that lacks the field (fields only).
    #[serde(default, deserialize_with = "explicit")]
    pub default: Option<Spanned<serde_json::Value>>,
    /// Explicit Rust field name (fields only).
    #[serde(default)]
    pub rust_name: Option<Spanned<String>>,
    /// A scalar or a shared type name.
    #[serde(default, rename = "type")]
    pub type_name: Option<Spanned<String>>,
    /// A constant value.
    #[serde(default, rename = "const", deserialize_with = "explicit")]
    pub constant: Option<Spanned<serde_json::Value>>,
    /// A string enum.
    #[serde(default, rename = "enum")]
    pub variants: Option<Spanned<Vec<Spanned<String>>>>,
    /// An object with these fields.
    #[serde(default)]
    pub fields: Option<Spanned<Entries<NodeDef>>>,
    /// An array of this element.
    #[serde(default)]
    pub array: Option<Spanned<ShapeRef>>,
    /// The fewest items the array may have (beside `array` on a field or a type declaration);
    /// kept as written, so that a value that is not a non-negative integer gets a located error.
    #[serde(default, deserialize_with = "explicit")]
    pub min_items: Option<Spanned<serde_json::Value>>,
    /// The most items the array may have; like `min_items`.
    #[serde(default, deserialize_with = "explicit")]
    pub max_items: Option<Spanned<serde_json::Value>>,
    /// A string-keyed map of this element.
    #[serde(default)]
    pub map: Option<Spanned<ShapeRef>>,
    /// An untagged union of these elements.
    #[serde(default)]
    pub one_of: Option<Spanned<Vec<Spanned<ShapeRef>>>>,
}

/// A key that is present, even when its value is `null` (which plain `Option` would take for an
/// absent key).
fn explicit<'de, D: de::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Spanned<serde_json::Value>>, D::Error> {
    Spanned::deserialize(deserializer).map(Some)
}

/// An element shape: a bare type name, or a mapping with one shape key.
#[derive(Debug)]
pub enum ShapeRef {
    /// `array: string`
    Name(String),
    /// `array: { fields: ... }`
    Def(Box<NodeDef>),
}

impl<'de> Deserialize<'de> for ShapeRef {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ShapeRefVisitor;
        impl<'de> Visitor<'de> for ShapeRefVisitor {
            type Value = ShapeRef;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a type name or a mapping with one shape key")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ShapeRef, E> {
                Ok(ShapeRef::Name(v.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<ShapeRef, A::Error> {
                NodeDef::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|def| ShapeRef::Def(Box::new(def)))
            }
        }
        deserializer.deserialize_any(ShapeRefVisitor)
    }
}

/// A YAML mapping kept in file order, each key with its location.
#[derive(Debug)]
pub struct Entries<V>(pub Vec<(Spanned<String>, V)>);

impl<V> Default for Entries<V> {
    fn default() -> Self {
        Entries(Vec::new())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Entries<V> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for EntriesVisitor<V> {
            type Value = Entries<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries<V>, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    entries.push((key, map.next_value::<V>()?));
                }
                Ok(Entries(entries))
            }
        }
        deserializer.deserialize_map(EntriesVisitor(PhantomData))
    }
}
