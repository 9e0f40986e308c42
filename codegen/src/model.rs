//! The checked catalog: every reference resolved, every name and date parsed.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use jiff::civil::Date;
use semver::Version;

use crate::diagnostic::Location;
pub use crate::load::catalog::{Direction, Status};

/// A catalog that passed validation.
#[derive(Debug, Clone, PartialEq)]
pub struct Catalog {
    /// Product id -> product, sorted by id.
    pub products: BTreeMap<String, Product>,
    /// Shared types, in file order.
    pub types: Vec<TypeDecl>,
    /// Events, in file order.
    pub events: Vec<Event>,
}

impl Catalog {
    /// The shared type with this name.
    pub fn type_decl(&self, name: &str) -> Option<&TypeDecl> {
        self.types.iter().find(|t| t.name == name)
    }

    /// The event with this name.
    pub fn event(&self, name: &str) -> Option<&Event> {
        self.events.iter().find(|e| e.name == name)
    }

    /// The item bounds of every shared type, by name: those of the array it is declared as, or
    /// of the array type it names, however long the chain of aliases (`A: { type: B }`); no
    /// bounds for any other type, nor for a chain that ends at an unknown name or in a cycle
    /// (which validation refuses). Each type is resolved once.
    pub fn type_item_bounds(&self) -> BTreeMap<&str, ItemBounds> {
        let shapes: BTreeMap<&str, &Shape> = self
            .types
            .iter()
            .map(|t| (t.name.as_str(), &t.shape))
            .collect();
        let mut bounds: BTreeMap<&str, ItemBounds> = BTreeMap::new();
        for decl in &self.types {
            let mut chain: Vec<&str> = Vec::new();
            let mut on_chain: BTreeSet<&str> = BTreeSet::new();
            let mut name = decl.name.as_str();
            let found = loop {
                if let Some(known) = bounds.get(name) {
                    break *known;
                }
                if !on_chain.insert(name) {
                    break ItemBounds::NONE;
                }
                chain.push(name);
                match shapes.get(name) {
                    Some(Shape::Named(next)) => name = next,
                    Some(Shape::Array(_, declared)) => break *declared,
                    _ => break ItemBounds::NONE,
                }
            };
            for name in chain {
                bounds.insert(name, found);
            }
        }
        bounds
    }
}

/// An 8x8 product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Product {
    /// Id used by events, such as `agent-workspace`.
    pub id: String,
    /// Human title.
    pub title: String,
    /// Short description.
    pub doc: Option<String>,
}

/// A shared, named type.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDecl {
    /// UpperCamelCase name, used as the Rust name.
    pub name: String,
    /// What it holds.
    pub doc: Option<String>,
    /// Its shape.
    pub shape: Shape,
    /// Where it is declared.
    pub location: Location,
}

/// An event name with its lifecycle and payload versions.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Full name, such as `aw-interaction-focus-v3`.
    pub name: String,
    /// The name without `-vN`: events of one family convert into each other.
    pub family: String,
    /// The `N` of `-vN`.
    pub major: u64,
    /// Product id.
    pub product: String,
    /// Received or send.
    pub direction: Direction,
    /// Declared status.
    pub status: Status,
    /// Active, deprecation and sunset dates.
    pub lifecycle: Lifecycle,
    /// What it means.
    pub doc: String,
    /// Payload versions, oldest first.
    pub schema_versions: Vec<SchemaVersion>,
    /// Where it is declared.
    pub location: Location,
}

/// The published dates of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Lifecycle {
    /// From when it is delivered.
    pub active: Date,
    /// From when it is deprecated.
    pub deprecated: Option<Date>,
    /// From when it is no longer delivered.
    pub sunset: Option<Date>,
}

/// The status an event has on a given day, computed from its dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DatedStatus {
    /// Not active yet.
    Upcoming,
    /// Active and not deprecated.
    Active,
    /// Deprecated, not yet sunset.
    Deprecated,
    /// Sunset.
    Sunset,
}

impl DatedStatus {
    /// Lowercase name, as printed by the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            DatedStatus::Upcoming => "upcoming",
            DatedStatus::Active => "active",
            DatedStatus::Deprecated => "deprecated",
            DatedStatus::Sunset => "sunset",
        }
    }
}

impl Lifecycle {
    /// The status on `day`: sunset from the sunset date, deprecated from the deprecation date,
    /// active from the active date. Inconsistent dates resolve to the latest stage reached.
    pub fn status_on(&self, day: Date) -> DatedStatus {
        if self.sunset.is_some_and(|d| day >= d) {
            DatedStatus::Sunset
        } else if self.deprecated.is_some_and(|d| day >= d) {
            DatedStatus::Deprecated
        } else if day >= self.active {
            DatedStatus::Active
        } else {
            DatedStatus::Upcoming
        }
    }
}

/// One payload schema version.
#[derive(Debug, Clone, PartialEq)]
pub struct SchemaVersion {
    /// Semantic version; its major equals the event's `N`.
    pub version: Version,
    /// Note on this version.
    pub doc: Option<String>,
    /// The payload.
    pub payload: Payload,
    /// A sample payload, checked to fit [`SchemaVersion::payload`].
    pub example: Option<Example>,
    /// Where it is declared.
    pub location: Location,
}

/// A sample payload of a schema version, as the catalog writes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// The JSON text, without trailing whitespace.
    pub json: String,
    /// Where the catalog gives it.
    pub location: Location,
}

/// What a payload holds besides its `schemaVersion`.
#[derive(Debug, Clone, PartialEq)]
pub enum Payload {
    /// These fields.
    Fields(Vec<Field>),
    /// The fields of this shared object type.
    Type(String),
}

/// A field of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Exact name on the wire.
    pub wire_name: String,
    /// Rust field name (snake_case, keywords raw or renamed).
    pub rust_name: String,
    /// What it holds.
    pub doc: Option<String>,
    /// The key may be absent.
    pub optional: bool,
    /// The value may be `null`.
    pub nullable: bool,
    /// Value used when upgrading from a version that lacks the field.
    pub default: Option<serde_json::Value>,
    /// Its shape.
    pub shape: Shape,
    /// Where it is declared.
    pub location: Location,
}

/// The shape of a value.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// A scalar.
    Scalar(Scalar),
    /// A shared type.
    Named(String),
    /// A constant.
    Const(Constant),
    /// A string enum, in declared order.
    Enum(Vec<String>),
    /// An object.
    Object(Vec<Field>),
    /// An array, with the bounds on its length (set only on a field's own array or a shared
    /// type declared as an array; an array nested as an element never has any).
    Array(Box<Element>, ItemBounds),
    /// A string-keyed map.
    Map(Box<Element>),
    /// An untagged union, tried in order.
    OneOf(Vec<Element>),
}

/// The bounds on the number of items of an array: `min_items` and `max_items` in the catalog.
/// Decoding and encoding refuse an array outside them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct ItemBounds {
    /// The fewest items allowed (`min_items`); `None`: no lower bound (zero).
    pub min: Option<u64>,
    /// The most items allowed (`max_items`); `None`: no upper bound.
    pub max: Option<u64>,
}

impl ItemBounds {
    /// No bound at all, as on an array that states neither key.
    pub const NONE: ItemBounds = ItemBounds {
        min: None,
        max: None,
    };

    /// True when neither bound is set.
    pub fn is_none(&self) -> bool {
        self.min.is_none() && self.max.is_none()
    }

    /// The bounds on the length of a value of `shape`: those of the array it is, or of the
    /// shared array type it names, looked up in `shared` ([`Catalog::type_item_bounds`]); none
    /// for any other shape.
    pub fn of(shape: &Shape, shared: &BTreeMap<&str, ItemBounds>) -> ItemBounds {
        match shape {
            Shape::Array(_, bounds) => *bounds,
            Shape::Named(name) => shared.get(name.as_str()).copied().unwrap_or_default(),
            _ => ItemBounds::NONE,
        }
    }

    /// Whether an array of `len` items is within the bounds.
    pub fn admits(&self, len: u64) -> bool {
        self.min.is_none_or(|min| len >= min) && self.max.is_none_or(|max| len <= max)
    }
}

impl fmt::Display for ItemBounds {
    /// `min_items 1, max_items 3`: the bounds stated, as the catalog writes them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.min, self.max) {
            (Some(min), Some(max)) => write!(f, "min_items {min}, max_items {max}"),
            (Some(min), None) => write!(f, "min_items {min}"),
            (None, Some(max)) => write!(f, "max_items {max}"),
            (None, None) => write!(f, "no item bounds"),
        }
    }
}

/// The shape of an array item, map value or union member.
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    /// Its shape.
    pub shape: Shape,
    /// It may be `null`.
    pub nullable: bool,
}

/// A JSON scalar type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scalar {
    /// A string.
    String,
    /// A whole number.
    Integer,
    /// Any JSON number.
    Number,
    /// `true` or `false`.
    Boolean,
}

impl Scalar {
    /// The catalog keyword.
    pub fn as_str(self) -> &'static str {
        match self {
            Scalar::String => "string",
            Scalar::Integer => "integer",
            Scalar::Number => "number",
            Scalar::Boolean => "boolean",
        }
    }

    /// The scalar with this catalog keyword.
    pub(crate) fn from_keyword(word: &str) -> Option<Self> {
        Some(match word {
            "string" => Scalar::String,
            "integer" => Scalar::Integer,
            "number" => Scalar::Number,
            "boolean" => Scalar::Boolean,
            _ => return None,
        })
    }
}

/// A constant value.
#[derive(Debug, Clone, PartialEq)]
pub enum Constant {
    /// A string constant.
    String(String),
    /// An integer constant.
    Integer(i64),
    /// A number constant.
    Number(f64),
    /// A boolean constant.
    Boolean(bool),
}

impl Constant {
    /// The scalar kind of this constant.
    pub fn scalar(&self) -> Scalar {
        match self {
            Constant::String(_) => Scalar::String,
            Constant::Integer(_) => Scalar::Integer,
            Constant::Number(_) => Scalar::Number,
            Constant::Boolean(_) => Scalar::Boolean,
        }
    }

    /// The JSON value.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Constant::String(s) => serde_json::Value::from(s.as_str()),
            Constant::Integer(i) => serde_json::Value::from(*i),
            Constant::Number(n) => serde_json::Value::from(*n),
            Constant::Boolean(b) => serde_json::Value::from(*b),
        }
    }
}

/// `received` or `send`.
pub fn direction_word(direction: Direction) -> &'static str {
    match direction {
        Direction::Received => "received",
        Direction::Send => "send",
    }
}

/// `active`, `deprecated` or `sunset`.
pub fn status_word(status: Status) -> &'static str {
    match status {
        Status::Active => "active",
        Status::Deprecated => "deprecated",
        Status::Sunset => "sunset",
    }
}

/// Which lifecycle date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DateKind {
    /// `active_date`.
    Active,
    /// `deprecation_date`.
    Deprecation,
    /// `sunset_date`.
    Sunset,
}

impl DateKind {
    /// The catalog key.
    pub fn key(self) -> &'static str {
        match self {
            DateKind::Active => "active_date",
            DateKind::Deprecation => "deprecation_date",
            DateKind::Sunset => "sunset_date",
        }
    }

    /// The page's column name.
    pub fn column(self) -> &'static str {
        match self {
            DateKind::Active => "active date",
            DateKind::Deprecation => "deprecation date",
            DateKind::Sunset => "sunset date",
        }
    }
}

/// An ISO date, or `-`.
#[cfg(feature = "cli")]
pub fn date_or_dash(date: Option<Date>) -> String {
    date.map_or_else(|| "-".to_owned(), |d| d.to_string())
}

/// Splits `aw-interaction-focus-v3` into its family and major.
pub(crate) fn parse_event_name(name: &str) -> Option<(String, u64)> {
    let (family, major) = name.rsplit_once("-v")?;
    let family_ok = is_kebab_words(family);
    let major_ok =
        !major.is_empty() && major.chars().all(|c| c.is_ascii_digit()) && !major.starts_with('0');
    if !(family_ok && major_ok) {
        return None;
    }
    Some((family.to_owned(), major.parse().ok()?))
}

/// True for one or more lowercase words joined by `-`, each starting with an ASCII letter and
/// holding ASCII lowercase letters and digits: the form of event families and product ids.
pub(crate) fn is_kebab_words(text: &str) -> bool {
    !text.is_empty()
        && text.split('-').all(|word| {
            word.starts_with(|c: char| c.is_ascii_lowercase())
                && word
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// Parses a `YYYY-MM-DD` day: exactly four digits of year (0001 to 9999), two of month and two
/// of day, and a day that exists.
pub fn parse_date(text: &str) -> Option<Date> {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<i16> {
        let part = bytes.get(range)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0, |n, d| n * 10 + i16::from(d - b'0')))
    };
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    if year == 0 {
        return None;
    }
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_have_four_digit_years_from_0001() {
        assert!(parse_date("2025-09-08").is_some());
        assert!(parse_date("0001-01-01").is_some());
        assert!(parse_date("2024-02-29").is_some());
        for text in [
            "-001-01-01",
            "0000-01-01",
            "2025-9-8",
            "2025-02-30",
            "+025-01-01",
            "2025-01-1 ",
            "２025-01-01",
        ] {
            assert!(parse_date(text).is_none(), "{text}");
        }
    }
}
