//! The resolved generation model: every Rust name chosen, every type resolved, every conversion
//! between the versions of a family decided. [`crate::emit`] turns a [`Plan`] into tokens without
//! making any further decision.

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToSnakeCase, ToUpperCamelCase};
use serde_json::Value;

use crate::diagnostic::{Diagnostic, Location};
use crate::model::{
    Catalog, Constant, Direction, Element, Event, Field, ItemBounds, Payload, Scalar, Shape, Status,
};
use crate::validate::{enum_variant_name, upper_camel_ascii};

/// Names of the items every generated catalog defines or re-exports from the runtime; catalog
/// types may not take them.
pub const SUPPORT_NAMES: &[&str] = &[
    "CatalogDate",
    "CatalogEntry",
    "DecodeError",
    "DeclaredStatus",
    "Direction",
    "EncodeError",
    "EncodedEvent",
    "InvalidDate",
    "LifecycleStatus",
    "PartnerEvent",
    "Product",
    "ReceivedEvent",
    "SendEvent",
];

/// What every generated struct, union, newtype and family enum derives.
pub const STRUCT_DERIVES: &[&str] = &["Debug", "Clone", "PartialEq"];

/// What every generated string enum derives.
pub const ENUM_DERIVES: &[&str] = &[
    "Debug",
    "Clone",
    "Copy",
    "PartialEq",
    "Eq",
    "PartialOrd",
    "Ord",
    "Hash",
];

/// What every generated constant type derives.
pub const CONSTANT_DERIVES: &[&str] = &[
    "Debug",
    "Clone",
    "Copy",
    "Default",
    "PartialEq",
    "Eq",
    "PartialOrd",
    "Ord",
    "Hash",
];

/// Everything to generate, in output order.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// Products, in id order.
    pub products: Vec<ProductItem>,
    /// Structs, enums and unions: shared types first, then each event with its inline types.
    pub types: Vec<TypeItem>,
    /// One per event schema version, in catalog order (versions oldest first).
    pub events: Vec<EventItem>,
    /// Conversions between versions of a family, and between nested inline types.
    pub conversions: Vec<Conversion>,
    /// Families with more than one version.
    pub families: Vec<FamilyItem>,
    /// One per catalog event, for the runtime table.
    pub entries: Vec<EntryItem>,
    /// The inline types (objects, enums and unions written in place), by Rust name: whose part
    /// each one is. A type of [`Plan::types`] is an event struct, an inline type or a catalog
    /// type.
    pub parts: BTreeMap<String, Part>,
    /// The shared object types that are the whole payload of a received event, each with every
    /// received event that carries one at its top level: `ReceivedEvent::call_objects()`.
    pub carriers: Vec<CarrierItem>,
}

/// A shared payload type and the received events that carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarrierItem {
    /// The shared object type.
    pub type_name: String,
    /// The `ReceivedEvent` method listing the values: `call_objects`.
    pub method: String,
    /// Each carrying event's struct, with where it holds the values.
    pub events: Vec<(String, Carried)>,
}

/// Where an event struct holds the values of a shared type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Carried {
    /// The struct wraps one: it is the payload.
    Payload,
    /// In one top-level field.
    Field {
        /// The field's Rust name.
        rust_name: String,
        /// The field is an array of them.
        array: bool,
        /// The field is an `Option` (optional or nullable, not both).
        option: bool,
    },
}

/// Where an inline type sits: the `part` of `owner` (`XV1Status` is the `status` part of `XV1`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The Rust type it is a part of.
    pub owner: String,
    /// The part: a field's wire name, with `Item` or `Value` for an array's or map's element
    /// (`QueueItem`), or a union's variant.
    pub part: String,
}

/// A product as generated: a variant of `Product`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductItem {
    /// Catalog id.
    pub id: String,
    /// Variant name.
    pub variant: String,
    /// Human title.
    pub title: String,
}

/// A generated type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeItem {
    /// An object.
    Struct(StructItem),
    /// A string enum.
    Enum(EnumItem),
    /// An untagged union.
    Union(UnionItem),
    /// A shared name for another type.
    Alias(AliasItem),
    /// A constant in a place that needs a type (an array item, a map value, a union member, a
    /// shared name for a constant): a unit struct that is always its one value on the wire.
    Constant(ConstantItem),
}

/// What the partner's hooks add to a generated type: derives and attributes, as Rust source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extra {
    /// Traits to derive, beside those eventcat derives.
    pub derives: Vec<String>,
    /// Outer attributes.
    pub attributes: Vec<String>,
}

/// A type whose only value is a constant.
#[derive(Debug, Clone, PartialEq)]
pub struct ConstantItem {
    /// Rust name.
    pub name: String,
    /// Doc lines.
    pub doc: Vec<String>,
    /// The value on the wire.
    pub value: Constant,
    /// Where the catalog declares it.
    pub location: Location,
    /// What the hooks add.
    pub extra: Extra,
}

/// A generated type alias.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasItem {
    /// Rust name.
    pub name: String,
    /// Doc lines.
    pub doc: Vec<String>,
    /// The aliased type.
    pub ty: TypeRef,
    /// The alias contains itself through aliases alone (`A: {array: A}`), which a Rust type alias
    /// cannot: it is generated as a transparent newtype struct instead.
    pub newtype: bool,
    /// Where the catalog declares it.
    pub location: Location,
    /// What the hooks add (to a newtype).
    pub extra: Extra,
}

impl TypeItem {
    /// Where the catalog declares it.
    pub fn location(&self) -> Location {
        match self {
            TypeItem::Struct(s) => s.location,
            TypeItem::Enum(e) => e.location,
            TypeItem::Union(u) => u.location,
            TypeItem::Alias(a) => a.location,
            TypeItem::Constant(c) => c.location,
        }
    }

    /// What the hooks add to it.
    pub fn extra_mut(&mut self) -> &mut Extra {
        match self {
            TypeItem::Struct(s) => &mut s.extra,
            TypeItem::Enum(e) => &mut e.extra,
            TypeItem::Union(u) => &mut u.extra,
            TypeItem::Alias(a) => &mut a.extra,
            TypeItem::Constant(c) => &mut c.extra,
        }
    }

    /// The Rust name.
    pub fn name(&self) -> &str {
        match self {
            TypeItem::Struct(s) => &s.name,
            TypeItem::Enum(e) => &e.name,
            TypeItem::Union(u) => &u.name,
            TypeItem::Alias(a) => &a.name,
            TypeItem::Constant(c) => &c.name,
        }
    }
}

/// A generated struct.
#[derive(Debug, Clone, PartialEq)]
pub struct StructItem {
    /// Rust name.
    pub name: String,
    /// Doc lines.
    pub doc: Vec<String>,
    /// Data fields.
    pub fields: Vec<FieldItem>,
    /// Constant fields: checked on decode, written on encode, not stored.
    pub constants: Vec<ConstantField>,
    /// Set on the struct of a deprecated event version.
    pub deprecation: Option<Deprecation>,
    /// For an event whose payload is a shared object type: that type. The struct is then a
    /// newtype over it, and `fields` are the shared type's, for planning conversions.
    pub wraps: Option<String>,
    /// Every field may be absent or has a catalog `default` (that a literal can give), so the
    /// struct has a `Default`.
    pub has_default: bool,
    /// Where the catalog declares it.
    pub location: Location,
    /// What the hooks add.
    pub extra: Extra,
}

/// A data field of a struct.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldItem {
    /// Rust field name (may be raw, `r#type`).
    pub rust_name: String,
    /// Exact wire name.
    pub wire_name: String,
    /// Doc text.
    pub doc: Option<String>,
    /// The value's type, without the optional/nullable wrapping.
    pub ty: TypeRef,
    /// The key may be absent.
    pub optional: bool,
    /// The value may be null.
    pub nullable: bool,
    /// Value used when upgrading from a version that lacks it.
    pub default: Option<Value>,
    /// The fewest items the value may have (`min_items`), when it is an array that states it:
    /// the field's own array, or the shared array type it names (through aliases). Decoding
    /// and encoding refuse fewer.
    pub min_items: Option<u64>,
    /// The most items the value may have (`max_items`), found as `min_items` is. Decoding and
    /// encoding refuse more.
    pub max_items: Option<u64>,
    /// Where the catalog declares it.
    pub location: Location,
    /// Outer attributes the hooks add.
    pub attributes: Vec<String>,
}

/// A constant field.
#[derive(Debug, Clone, PartialEq)]
pub struct ConstantField {
    /// Exact wire name.
    pub wire_name: String,
    /// Rust name, used for the check function.
    pub rust_name: String,
    /// The value.
    pub value: Constant,
    /// The key may be absent.
    pub optional: bool,
    /// The value may be null.
    pub nullable: bool,
}

/// A Rust type, as the plan knows it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum TypeRef {
    /// `String`.
    String,
    /// `i64`.
    Integer,
    /// `f64`.
    Number,
    /// `bool`.
    Boolean,
    /// A generated type, by Rust name.
    Named(String),
    /// A catalog type the partner replaced with a type of their own, by its Rust path.
    External(String),
    /// `Vec<T>`.
    Array(Box<TypeRef>),
    /// `BTreeMap<String, T>`.
    Map(Box<TypeRef>),
    /// `Option<T>` for a nullable element.
    Nullable(Box<TypeRef>),
}

/// A generated string enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumItem {
    /// Rust name.
    pub name: String,
    /// Doc lines.
    pub doc: Vec<String>,
    /// (variant name, wire value), in declared order.
    pub variants: Vec<(String, String)>,
    /// Where the catalog declares it.
    pub location: Location,
    /// What the hooks add.
    pub extra: Extra,
}

/// A generated untagged union.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnionItem {
    /// Rust name.
    pub name: String,
    /// Doc lines.
    pub doc: Vec<String>,
    /// (variant name, type), tried in order.
    pub variants: Vec<(String, TypeRef)>,
    /// Where the catalog declares it.
    pub location: Location,
    /// What the hooks add.
    pub extra: Extra,
}

/// What a deprecated event version's attribute says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deprecation {
    /// The deprecation date, if published.
    pub since: Option<String>,
    /// The note: sunset date and replacement.
    pub note: String,
}

/// One event schema version.
#[derive(Debug, Clone, PartialEq)]
pub struct EventItem {
    /// Struct name.
    pub struct_name: String,
    /// Event name.
    pub name: String,
    /// Schema version.
    pub version: String,
    /// Family name.
    pub family: String,
    /// Product variant.
    pub product: String,
    /// Received or send.
    pub direction: Direction,
    /// Declared status.
    pub status: Status,
    /// `YYYY-MM-DD` dates.
    pub active: String,
    /// Deprecation date.
    pub deprecated: Option<String>,
    /// Sunset date.
    pub sunset: Option<String>,
    /// Set when deprecated.
    pub deprecation: Option<Deprecation>,
    /// The catalog's sample payload, as JSON text.
    pub example: Option<String>,
}

/// A conversion from one generated struct into another.
#[derive(Debug, Clone, PartialEq)]
pub struct Conversion {
    /// Source struct.
    pub from: String,
    /// Target struct.
    pub to: String,
    /// How each target field is filled, in target field order.
    pub fields: Vec<(String, FieldSource)>,
    /// Source fields that are dropped (wire names).
    pub dropped: Vec<String>,
    /// For an enum conversion: (source variant, target variant); empty for structs.
    pub variants: Vec<(String, String)>,
    /// `From` when nothing is missing, else an upgrade method taking the missing fields.
    pub kind: ConversionKind,
    /// Either side is a deprecated event version.
    pub names_deprecated: bool,
}

/// `From` or an explicit method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConversionKind {
    /// `impl From<from> for to`.
    From,
    /// `impl from { pub fn <method>(self, <params>) -> to }`.
    Upgrade {
        /// Method name.
        method: String,
    },
}

/// How a target field gets its value.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldSource {
    /// Moved from the source field of this Rust name, converted as described.
    Source {
        /// Source field's Rust name.
        rust_name: String,
        /// How the value converts.
        how: ValueConversion,
    },
    /// `None`: an optional field the source lacks.
    Absent,
    /// The catalog default.
    Default(Value, TypeRef),
    /// A parameter of the upgrade method.
    Parameter(TypeRef, bool),
}

/// How a value of one type becomes a value of another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueConversion {
    /// Same type: moved as is.
    Same,
    /// `.into()` through a generated `From`.
    Into,
    /// Wrap into `Some`.
    Some(Box<ValueConversion>),
    /// Map inside an `Option`.
    Option(Box<ValueConversion>),
    /// Map each element of a `Vec`.
    Array(Box<ValueConversion>),
    /// Map each value of a map.
    Map(Box<ValueConversion>),
}

/// A family with several versions: the family enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FamilyItem {
    /// Enum name.
    pub name: String,
    /// Family name.
    pub family: String,
    /// (variant name, struct name, deprecated), oldest first.
    pub variants: Vec<(String, String, bool)>,
    /// The oldest version's struct, when every version converts into it.
    pub into_oldest: Option<String>,
    /// What the hooks add.
    pub extra: Extra,
}

/// One event in the runtime table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryItem {
    /// Event name.
    pub name: String,
    /// Product variant.
    pub product: String,
    /// Direction.
    pub direction: Direction,
    /// Schema versions, oldest first.
    pub schema_versions: Vec<String>,
    /// Declared status.
    pub status: Status,
    /// Dates.
    pub active: String,
    /// Deprecation date.
    pub deprecated: Option<String>,
    /// Sunset date.
    pub sunset: Option<String>,
    /// The newest non-deprecated event of the family, when this one is deprecated.
    pub replacement: Option<String>,
}

/// Builds the plan for `catalog`, or the naming errors that prevent it.
pub fn plan(catalog: &Catalog) -> Result<Plan, Vec<Diagnostic>> {
    plan_replacing(catalog, &BTreeMap::new())
}

/// [`plan`], with the shared types in `replaced` (name to Rust path) replaced by the partner's
/// own types: not generated, and named by that path wherever they appear.
pub fn plan_replacing(
    catalog: &Catalog,
    replaced: &BTreeMap<String, String>,
) -> Result<Plan, Vec<Diagnostic>> {
    let Named {
        planner,
        events,
        mut families,
        carriers,
    } = name_items(catalog, replaced);
    if !planner.errors.is_empty() {
        return Err(planner.errors);
    }
    let products = catalog
        .products
        .values()
        .map(|p| ProductItem {
            id: p.id.clone(),
            variant: p.id.to_upper_camel_case(),
            title: p.title.clone(),
        })
        .collect();
    let entries = catalog
        .events
        .iter()
        .map(|event| EntryItem {
            name: event.name.clone(),
            product: event.product.to_upper_camel_case(),
            direction: event.direction,
            schema_versions: event
                .schema_versions
                .iter()
                .map(|v| v.version.to_string())
                .collect(),
            status: event.status,
            active: event.lifecycle.active.to_string(),
            deprecated: event.lifecycle.deprecated.map(|d| d.to_string()),
            sunset: event.lifecycle.sunset.map(|d| d.to_string()),
            replacement: is_deprecated(event)
                .then(|| planner.replacements.get(event.family.as_str()))
                .flatten()
                .map(|e| e.name.clone()),
        })
        .collect();
    let conversions = planner.conversions(&events, &mut families);
    let mut types = planner.types;
    mark_defaults(&mut types);
    Ok(Plan {
        products,
        types,
        events,
        conversions,
        families,
        entries,
        parts: planner.parts,
        carriers,
    })
}

/// The naming errors of `catalog`: two generated items with one Rust name (`name-collision`),
/// each at the place that claims the name second. Validation runs this, so that every front end
/// refuses such a catalog with the same located error before generating anything.
pub fn check_names(catalog: &Catalog) -> Vec<Diagnostic> {
    name_items(catalog, &BTreeMap::new()).planner.errors
}

/// The items of a catalog with their Rust names chosen.
struct Named<'a> {
    planner: Planner<'a>,
    events: Vec<EventItem>,
    families: Vec<FamilyItem>,
    carriers: Vec<CarrierItem>,
}

/// Chooses every Rust name: the types, the event structs and the family enums, with their
/// upgrade methods.
fn name_items<'a>(catalog: &'a Catalog, replaced: &'a BTreeMap<String, String>) -> Named<'a> {
    let mut planner = Planner {
        replaced,
        catalog,
        names: SUPPORT_NAMES
            .iter()
            .map(|n| ((*n).to_owned(), None))
            .collect(),
        types: Vec::new(),
        parts: BTreeMap::new(),
        errors: Vec::new(),
        item_bounds: catalog.type_item_bounds(),
        structs: BTreeMap::new(),
        replacements: replacements(catalog),
    };
    for decl in &catalog.types {
        planner.claim(&decl.name, decl.location);
    }
    let recursive_aliases = crate::validate::recursive_aliases(catalog);
    for decl in catalog
        .types
        .iter()
        .filter(|d| !replaced.contains_key(&d.name))
    {
        // Every public item has a doc, so that `missing_docs` holds for the generated code.
        let doc = match &decl.doc {
            Some(doc) => vec![doc.clone()],
            None => vec![format!("The `{}` type of the catalog.", decl.name)],
        };
        planner.declare(&decl.name, doc, &decl.shape, decl.location);
        if recursive_aliases.contains(decl.name.as_str())
            && let Some(TypeItem::Alias(alias)) = planner.types.last_mut()
        {
            alias.newtype = true;
        }
    }
    // Event structs are inserted after these, so the indices stay valid.
    planner.structs = planner
        .types
        .iter()
        .enumerate()
        .filter_map(|(index, item)| match item {
            TypeItem::Struct(s) => Some((s.name.clone(), index)),
            _ => None,
        })
        .collect();
    let mut events = Vec::new();
    for event in &catalog.events {
        events.extend(planner.event(event));
    }
    let families = planner.families(&events);
    let carriers = planner.carriers(&events);
    Named {
        planner,
        events,
        families,
        carriers,
    }
}

/// An event version is deprecated when it is declared so or has a deprecation date.
pub fn is_deprecated(event: &Event) -> bool {
    event.status != Status::Active || event.lifecycle.deprecated.is_some()
}

/// The newest event of `event`'s family that is not deprecated.
pub fn replacement<'a>(catalog: &'a Catalog, event: &Event) -> Option<&'a Event> {
    newest_active(
        catalog
            .events
            .iter()
            .filter(|e| e.family == event.family && e.name != event.name),
    )
}

/// The [`replacement`] of every deprecated event, by family, found in one pass.
fn replacements(catalog: &Catalog) -> BTreeMap<&str, &Event> {
    let mut families: BTreeMap<&str, Vec<&Event>> = BTreeMap::new();
    for event in &catalog.events {
        families.entry(&event.family).or_default().push(event);
    }
    families
        .into_iter()
        .filter_map(|(family, members)| Some((family, newest_active(members.into_iter())?)))
        .collect()
}

/// The event of the highest major among `events` that is not deprecated.
fn newest_active<'a>(events: impl Iterator<Item = &'a Event>) -> Option<&'a Event> {
    events.filter(|e| !is_deprecated(e)).max_by_key(|e| e.major)
}

/// The Rust struct name of each schema version of `event`. A name depends only on the event
/// name and the version, never on which other versions the catalog lists, so adding a version
/// adds a name and never re-points one: version `N.0.0` of an event `...-vN` has the plain name
/// (`AwInteractionWrapUpCodesV1`), any other version has its version appended
/// (`AwInteractionWrapUpCodesV1_0_1`; a prerelease or build is appended in UpperCamelCase,
/// `XV1_0_0Alpha1`, `XV1_0_0BuildA`, so the names pass `non_camel_case_types`).
pub fn struct_names(event: &Event) -> Vec<String> {
    event
        .schema_versions
        .iter()
        .map(|v| struct_name(&event.name, &v.version))
        .collect()
}

/// The Rust struct name of schema version `version` of the event called `name`.
pub fn struct_name(name: &str, version: &semver::Version) -> String {
    let plain = name.to_upper_camel_case();
    let primary = version.minor == 0
        && version.patch == 0
        && version.pre.is_empty()
        && version.build.is_empty()
        && plain.ends_with(&format!("V{}", version.major));
    if primary {
        plain
    } else {
        let stem = plain.trim_end_matches(|c: char| c.is_ascii_digit());
        format!("{stem}{}", version_suffix(version))
    }
}

/// `1_0_0` for 1.0.0; prerelease and build identifiers follow in UpperCamelCase, numbers
/// separated from a preceding digit by `_` (`1.0.0-rc.1` gives `1_0_0Rc1`, `1.0.0-1` gives
/// `1_0_0_1`, `1.0.0+b.7` gives `1_0_0BuildB7`).
fn version_suffix(version: &semver::Version) -> String {
    let mut suffix = format!("{}_{}_{}", version.major, version.minor, version.patch);
    if !version.pre.is_empty() {
        append_identifiers(&mut suffix, version.pre.as_str());
    }
    if !version.build.is_empty() {
        suffix.push_str("Build");
        append_identifiers(&mut suffix, version.build.as_str());
    }
    suffix
}

/// Appends dot-separated semver identifiers to a name: words in UpperCamelCase, numbers as they
/// are, after a `_` when the name ends in a digit.
fn append_identifiers(name: &mut String, identifiers: &str) {
    for identifier in identifiers.split('.') {
        if identifier.chars().all(|c| c.is_ascii_digit()) {
            if name.ends_with(|c: char| c.is_ascii_digit()) {
                name.push('_');
            }
            name.push_str(identifier);
        } else {
            name.push_str(&upper_camel_ascii(identifier));
        }
    }
}

/// The `ReceivedEvent` method listing the values of a shared payload type an event carries:
/// `call_objects` for `CallObject`.
pub fn carrier_method(type_name: &str) -> String {
    crate::validate::rust_field_name(&format!("{}s", type_name.to_snake_case()))
}

/// How a field holds values of `type_name`, if it does: the type itself, an array of it, or an
/// `Option` of either (a field both optional and nullable is left out).
fn carried_in(field: &FieldItem, type_name: &str) -> Option<Carried> {
    if field.optional && field.nullable {
        return None;
    }
    let array = match &field.ty {
        TypeRef::Named(name) if name == type_name => false,
        TypeRef::Array(item) if **item == TypeRef::Named(type_name.to_owned()) => true,
        _ => return None,
    };
    Some(Carried::Field {
        rust_name: field.rust_name.clone(),
        array,
        option: field.optional || field.nullable,
    })
}

/// The method that upgrades to the version a family enum calls `variant`: `upgrade_to_v3`.
fn upgrade_method(variant: &str) -> String {
    format!("upgrade_to_{}", variant.to_ascii_lowercase())
}

struct Planner<'a> {
    catalog: &'a Catalog,
    /// Every Rust type name taken, with where it comes from.
    names: BTreeMap<String, Option<Location>>,
    types: Vec<TypeItem>,
    /// The inline types declared, with whose part each one is.
    parts: BTreeMap<String, Part>,
    errors: Vec<Diagnostic>,
    /// The item bounds of every shared type, through aliases.
    item_bounds: BTreeMap<&'a str, ItemBounds>,
    /// The shared types the partner replaced with their own, to the path of theirs.
    replaced: &'a BTreeMap<String, String>,
    /// The index in `types` of each struct declared before the events.
    structs: BTreeMap<String, usize>,
    /// The replacement of a deprecated event, by family ([`replacements`]).
    replacements: BTreeMap<&'a str, &'a Event>,
}

impl Planner<'_> {
    /// Takes a Rust type name; a name taken twice is an error at the second place.
    fn claim(&mut self, name: &str, location: Location) -> bool {
        match self.names.get(name) {
            None => {
                self.names.insert(name.to_owned(), Some(location));
                true
            }
            Some(first) => {
                let mut error = Diagnostic::error(
                    "name-collision",
                    location,
                    format!(
                        "the generated Rust type `{name}` is already taken{}",
                        if first.is_none() {
                            " by a support type eventcat generates"
                        } else {
                            ""
                        }
                    ),
                );
                if let Some(first) = first {
                    error = error.with_related(*first, "first taken here");
                }
                self.errors.push(error);
                false
            }
        }
    }

    /// Declares a named type (already claimed) with the given shape.
    fn declare(&mut self, name: &str, doc: Vec<String>, shape: &Shape, location: Location) {
        match shape {
            Shape::Object(fields) => {
                let item = self.structure(name, doc, fields, None, location);
                self.types.push(TypeItem::Struct(item));
            }
            Shape::Enum(values) => self
                .types
                .push(TypeItem::Enum(enum_item(name, doc, values, location))),
            Shape::OneOf(members) => {
                let item = self.union(name, doc, members, location);
                self.types.push(TypeItem::Union(item));
            }
            Shape::Const(value) => self.types.push(TypeItem::Constant(ConstantItem {
                name: name.to_owned(),
                doc,
                value: value.clone(),
                location,
                extra: Extra::default(),
            })),
            // A shared name for a scalar, array, map or other type: a type alias keeps the wire
            // form unchanged.
            other => {
                let ty = self.type_ref(name, "", other, location);
                let item = AliasItem {
                    name: name.to_owned(),
                    doc,
                    ty,
                    newtype: false,
                    location,
                    extra: Extra::default(),
                };
                self.types.push(TypeItem::Alias(item));
            }
        }
    }

    fn structure(
        &mut self,
        name: &str,
        doc: Vec<String>,
        fields: &[Field],
        deprecation: Option<Deprecation>,
        location: Location,
    ) -> StructItem {
        let mut items = Vec::new();
        let mut constants = Vec::new();
        for field in fields {
            if let Some(value) = self.constant_of(&field.shape) {
                constants.push(ConstantField {
                    wire_name: field.wire_name.clone(),
                    rust_name: field.rust_name.clone(),
                    value: value.clone(),
                    optional: field.optional,
                    nullable: field.nullable,
                });
                continue;
            }
            let ty = self.type_ref(name, &field.wire_name, &field.shape, field.location);
            // A partner's type is counted by its own code, if at all.
            let bounds = match ty {
                TypeRef::External(_) => ItemBounds::default(),
                _ => ItemBounds::of(&field.shape, &self.item_bounds),
            };
            items.push(FieldItem {
                rust_name: field.rust_name.clone(),
                wire_name: field.wire_name.clone(),
                doc: field.doc.clone(),
                ty,
                optional: field.optional,
                nullable: field.nullable,
                default: field.default.clone(),
                min_items: bounds.min,
                max_items: bounds.max,
                location: field.location,
                attributes: Vec::new(),
            });
        }
        StructItem {
            name: name.to_owned(),
            doc,
            fields: items,
            constants,
            deprecation,
            wraps: None,
            // Decided once every type is planned (see `mark_defaults`).
            has_default: false,
            location,
            extra: Extra::default(),
        }
    }

    /// The constant a shape stands for, directly or through shared names.
    fn constant_of<'s>(&'s self, mut shape: &'s Shape) -> Option<&'s Constant> {
        // Each step follows one shared name; more steps than names means a cycle.
        for _ in 0..=self.catalog.types.len() {
            match shape {
                Shape::Const(value) => return Some(value),
                Shape::Named(name) if self.replaced.contains_key(name) => return None,
                Shape::Named(name) => shape = &self.catalog.type_decl(name)?.shape,
                _ => return None,
            }
        }
        None
    }

    fn union(
        &mut self,
        name: &str,
        doc: Vec<String>,
        members: &[Element],
        location: Location,
    ) -> UnionItem {
        let mut variants: Vec<(String, TypeRef)> = Vec::new();
        for (index, member) in members.iter().enumerate() {
            let base = match &member.shape {
                Shape::Scalar(scalar) => scalar.as_str().to_upper_camel_case(),
                Shape::Named(type_name) => type_name.clone(),
                Shape::Array(..) => "List".to_owned(),
                Shape::Map(_) => "Map".to_owned(),
                Shape::Object(_) => "Object".to_owned(),
                Shape::Enum(_) => "Choice".to_owned(),
                Shape::Const(_) => "Constant".to_owned(),
                Shape::OneOf(_) => "Union".to_owned(),
            };
            // `[A, A3, A]`: the second `A` is `A3` by position, taken, so the count goes on.
            let mut variant = base.clone();
            let mut number = index + 1;
            while variants.iter().any(|(v, _)| *v == variant) {
                variant = format!("{base}{number}");
                number += 1;
            }
            let mut ty = self.type_ref(name, &variant, &member.shape, location);
            if member.nullable {
                ty = TypeRef::Nullable(Box::new(ty));
            }
            variants.push((variant, ty));
        }
        UnionItem {
            name: name.to_owned(),
            doc,
            variants,
            location,
            extra: Extra::default(),
        }
    }

    /// The Rust type of a shape; inline objects, enums and unions become types named
    /// `<owner><Part>`.
    fn type_ref(&mut self, owner: &str, part: &str, shape: &Shape, location: Location) -> TypeRef {
        match shape {
            Shape::Scalar(Scalar::String) => TypeRef::String,
            Shape::Scalar(Scalar::Integer) => TypeRef::Integer,
            Shape::Scalar(Scalar::Number) => TypeRef::Number,
            Shape::Scalar(Scalar::Boolean) => TypeRef::Boolean,
            Shape::Named(name) => match self.replaced.get(name) {
                Some(path) => TypeRef::External(path.clone()),
                None => TypeRef::Named(name.clone()),
            },
            Shape::Array(element, _) => {
                let item = format!("{}Item", upper_camel_ascii(part));
                TypeRef::Array(Box::new(self.element_ref(owner, &item, element, location)))
            }
            Shape::Map(element) => {
                let value = format!("{}Value", upper_camel_ascii(part));
                TypeRef::Map(Box::new(self.element_ref(owner, &value, element, location)))
            }
            // A constant inside an array, map or union is a unit type, checked like any other.
            Shape::Object(_) | Shape::Enum(_) | Shape::OneOf(_) | Shape::Const(_) => {
                let name = format!("{owner}{}", upper_camel_ascii(part));
                if self.claim(&name, location) {
                    self.parts.insert(
                        name.clone(),
                        Part {
                            owner: owner.to_owned(),
                            part: part.to_owned(),
                        },
                    );
                    let doc = vec![format!("The `{part}` part of [`{owner}`].")];
                    self.declare(&name, doc, shape, location);
                }
                TypeRef::Named(name)
            }
        }
    }

    fn element_ref(
        &mut self,
        owner: &str,
        part: &str,
        element: &Element,
        location: Location,
    ) -> TypeRef {
        let ty = self.type_ref(owner, part, &element.shape, location);
        if element.nullable {
            TypeRef::Nullable(Box::new(ty))
        } else {
            ty
        }
    }

    fn event(&mut self, event: &Event) -> Vec<EventItem> {
        let names = struct_names(event);
        let replacement = self.replacements.get(event.family.as_str()).copied();
        let deprecation = is_deprecated(event).then(|| deprecation(event, replacement));
        let product = self
            .catalog
            .products
            .get(&event.product)
            .map_or(event.product.as_str(), |p| p.title.as_str());
        let mut items = Vec::new();
        for (version, struct_name) in event.schema_versions.iter().zip(names) {
            if !self.claim(&struct_name, version.location) {
                continue;
            }
            // A payload that is a shared object type is a newtype over that type.
            let wraps = match &version.payload {
                Payload::Fields(_) => None,
                Payload::Type(type_name) => {
                    self.structs
                        .get(type_name)
                        .and_then(|&index| match &self.types[index] {
                            TypeItem::Struct(shared) => Some(shared.clone()),
                            _ => None,
                        })
                }
            };
            let fields: &[Field] = match &version.payload {
                Payload::Fields(fields) => fields,
                Payload::Type(_) => &[],
            };
            let mut doc: Vec<String> = event.doc.lines().map(str::to_owned).collect();
            if let Some(note) = &version.doc {
                doc.push(String::new());
                doc.extend(note.lines().map(str::to_owned));
            }
            doc.push(String::new());
            doc.push(format!(
                "Event `{}`, schema version {}: {} {} event.",
                event.name,
                version.version,
                product,
                match event.direction {
                    Direction::Received => "received",
                    Direction::Send => "send",
                }
            ));
            doc.push(String::new());
            doc.push(lifecycle_line(event));
            if let Some(shared) = &wraps {
                doc.push(String::new());
                doc.push(format!(
                    "The payload is a [`{}`] plus its own `schemaVersion`: this struct boxes it \
                     and dereferences to it, so one function can handle every event that carries one.",
                    shared.name
                ));
            }
            if let Some(example) = &version.example {
                doc.extend(example_doc(&example.json));
            }
            // The event struct goes before the inline types it creates.
            let position = self.types.len();
            let mut item = self.structure(
                &struct_name,
                doc,
                fields,
                deprecation.clone(),
                version.location,
            );
            if let Some(shared) = wraps {
                item.fields = shared.fields;
                item.wraps = Some(shared.name);
            }
            item.constants.push(ConstantField {
                wire_name: crate::validate::SCHEMA_VERSION_FIELD.to_owned(),
                rust_name: "schema_version".to_owned(),
                value: Constant::String(version.version.to_string()),
                optional: false,
                nullable: false,
            });
            self.types.insert(position, TypeItem::Struct(item));
            items.push(EventItem {
                struct_name,
                name: event.name.clone(),
                version: version.version.to_string(),
                family: event.family.clone(),
                product: event.product.to_upper_camel_case(),
                direction: event.direction,
                status: event.status,
                active: event.lifecycle.active.to_string(),
                deprecated: event.lifecycle.deprecated.map(|d| d.to_string()),
                sunset: event.lifecycle.sunset.map(|d| d.to_string()),
                deprecation: deprecation.clone(),
                example: version.example.as_ref().map(|e| e.json.clone()),
            });
        }
        items
    }

    /// The shared types that are the whole payload of a received event, with every received
    /// event carrying one at its top level: as its payload, or in exactly one field of the type,
    /// an array of it, or an `Option` of either. Two types whose methods would share a name are
    /// a `name-collision`.
    fn carriers(&mut self, events: &[EventItem]) -> Vec<CarrierItem> {
        let structs: BTreeMap<&str, &StructItem> = self
            .types
            .iter()
            .filter_map(|t| match t {
                TypeItem::Struct(s) => Some((s.name.as_str(), s)),
                _ => None,
            })
            .collect();
        let received: Vec<&StructItem> = events
            .iter()
            .filter(|e| e.direction == Direction::Received)
            .filter_map(|e| structs.get(e.struct_name.as_str()).copied())
            .collect();
        let payload_types: BTreeSet<&str> =
            received.iter().filter_map(|s| s.wraps.as_deref()).collect();
        let mut carriers = Vec::new();
        let mut methods: BTreeMap<String, &str> = BTreeMap::new();
        let mut collisions = Vec::new();
        for type_name in payload_types {
            let mut carrying = Vec::new();
            for event in &received {
                if event.wraps.as_deref() == Some(type_name) {
                    carrying.push((event.name.clone(), Carried::Payload));
                    continue;
                }
                let fields: Vec<Carried> = event
                    .fields
                    .iter()
                    .filter_map(|f| carried_in(f, type_name))
                    .collect();
                if let [only] = fields.as_slice() {
                    carrying.push((event.name.clone(), only.clone()));
                }
            }
            let method = carrier_method(type_name);
            if let Some(first) = methods.insert(method.clone(), type_name) {
                collisions.push((first, type_name, method.clone()));
            }
            carriers.push(CarrierItem {
                type_name: type_name.to_owned(),
                method,
                events: carrying,
            });
        }
        for (first, second, method) in collisions {
            let location = |name: &str| {
                self.catalog
                    .type_decl(name)
                    .map(|d| d.location)
                    .unwrap_or_default()
            };
            let error = Diagnostic::error(
                "name-collision",
                location(second),
                format!(
                    "the payload types `{first}` and `{second}` both give the generated method \
                     `ReceivedEvent::{method}`"
                ),
            )
            .with_related(location(first), "the other type");
            self.errors.push(error);
        }
        carriers
    }

    fn families(&mut self, events: &[EventItem]) -> Vec<FamilyItem> {
        let mut by_family: BTreeMap<&str, Vec<&EventItem>> = BTreeMap::new();
        for event in events {
            by_family.entry(&event.family).or_default().push(event);
        }
        let catalog_events: BTreeMap<&str, &Event> = self
            .catalog
            .events
            .iter()
            .map(|e| (e.name.as_str(), e))
            .collect();
        let mut families = Vec::new();
        for (family, members) in by_family {
            if members.len() < 2 {
                continue;
            }
            let name = family.to_upper_camel_case();
            let location = catalog_events
                .get(members[0].name.as_str())
                .map(|e| e.location)
                .unwrap_or_default();
            if !self.claim(&name, location) {
                continue;
            }
            let mut variants: Vec<(String, String, bool)> = Vec::new();
            let mut methods: BTreeMap<String, &EventItem> = BTreeMap::new();
            for member in &members {
                let variant = member
                    .struct_name
                    .strip_prefix(&name)
                    .unwrap_or(&member.struct_name)
                    .to_owned();
                // Upgrade methods are lowercase: versions whose names differ only in case
                // (`1.0.0-ab`, `1.0.0-aB`) would give one method twice.
                let method = upgrade_method(&variant);
                if let Some(first) = methods.insert(method.clone(), member) {
                    let location = |item: &EventItem| {
                        catalog_events
                            .get(item.name.as_str())
                            .and_then(|e| {
                                e.schema_versions
                                    .iter()
                                    .find(|v| v.version.to_string() == item.version)
                            })
                            .map(|v| v.location)
                            .unwrap_or_default()
                    };
                    self.errors.push(
                        Diagnostic::error(
                            "name-collision",
                            location(member),
                            format!(
                                "schema versions {} of `{}` and {} of `{}` both give the \
                                 generated method `{method}`",
                                first.version, first.name, member.version, member.name
                            ),
                        )
                        .with_related(location(first), "the other version"),
                    );
                }
                variants.push((
                    variant,
                    member.struct_name.clone(),
                    member.deprecation.is_some(),
                ));
            }
            families.push(FamilyItem {
                name,
                family: family.to_owned(),
                variants,
                into_oldest: None,
                extra: Extra::default(),
            });
        }
        families
    }

    /// Every pair of versions in a family, in both directions, plus what nested types need.
    fn conversions(&self, events: &[EventItem], families: &mut [FamilyItem]) -> Vec<Conversion> {
        let mut out = Converter {
            types: &self.types,
            done: BTreeMap::new(),
            order: Vec::new(),
        };
        let deprecated: BTreeSet<&str> = events
            .iter()
            .filter(|e| e.deprecation.is_some())
            .map(|e| e.struct_name.as_str())
            .collect();
        for family in families.iter_mut() {
            let structs: Vec<&str> = family.variants.iter().map(|(_, s, _)| s.as_str()).collect();
            let members: Vec<(&str, &str)> = family
                .variants
                .iter()
                .map(|(v, s, _)| (s.as_str(), v.as_str()))
                .collect();
            for (i, older) in members.iter().enumerate() {
                for newer in &members[i + 1..] {
                    out.top_level(newer.0, *older, &deprecated);
                    out.top_level(older.0, *newer, &deprecated);
                }
            }
            let oldest = structs[0];
            let all_convert = structs[1..].iter().all(|s| {
                matches!(
                    out.done.get(&(s.to_string(), oldest.to_owned())),
                    Some(Some(c)) if c.kind == ConversionKind::From
                )
            });
            family.into_oldest = all_convert.then(|| oldest.to_owned());
        }
        out.order
    }
}

fn enum_item(name: &str, doc: Vec<String>, values: &[String], location: Location) -> EnumItem {
    EnumItem {
        location,
        extra: Extra::default(),
        name: name.to_owned(),
        doc,
        variants: values
            .iter()
            .map(|v| (enum_variant_name(v), v.clone()))
            .collect(),
    }
}

/// The doc lines that show a sample payload: a heading and a JSON block.
fn example_doc(json: &str) -> Vec<String> {
    let mut lines = vec![
        String::new(),
        "# Example".to_owned(),
        String::new(),
        "```json".to_owned(),
    ];
    lines.extend(json.lines().map(str::to_owned));
    lines.push("```".to_owned());
    lines
}

fn lifecycle_line(event: &Event) -> String {
    let l = &event.lifecycle;
    let mut line = format!("Active since {}", l.active);
    if let Some(d) = l.deprecated {
        line.push_str(&format!(", deprecated since {d}"));
    }
    match l.sunset {
        Some(d) => line.push_str(&format!(", sunset on {d}.")),
        None => line.push('.'),
    }
    line
}

/// The deprecation note of `event`, naming its replacement ([`replacement`]) when there is one.
fn deprecation(event: &Event, replacement: Option<&Event>) -> Deprecation {
    let l = &event.lifecycle;
    let mut note = format!("`{}` is deprecated", event.name);
    if let Some(d) = l.deprecated {
        note.push_str(&format!(" since {d}"));
    }
    match l.sunset {
        Some(d) => note.push_str(&format!(" and sunset on {d}")),
        None => note.push_str(" (no sunset date published)"),
    }
    match replacement {
        Some(newer) => {
            let names = struct_names(newer);
            let newest = names.last().cloned().unwrap_or_default();
            note.push_str(&format!("; use `{newest}` (`{}`) instead", newer.name));
        }
        None => note.push_str("; no replacement is published"),
    }
    Deprecation {
        since: l.deprecated.map(|d| d.to_string()),
        note,
    }
}

/// Decides conversions between structs, memoised so nested types get one `From` each.
struct Converter<'a> {
    types: &'a [TypeItem],
    /// (from, to) -> the conversion, or None when impossible.
    done: BTreeMap<(String, String), Option<Conversion>>,
    /// Conversions in the order they were decided (nested ones first).
    order: Vec<Conversion>,
}

impl Converter<'_> {
    fn find_struct(&self, name: &str) -> Option<&StructItem> {
        self.types.iter().find_map(|t| match t {
            TypeItem::Struct(s) if s.name == name => Some(s),
            _ => None,
        })
    }

    fn find_enum(&self, name: &str) -> Option<&EnumItem> {
        self.types.iter().find_map(|t| match t {
            TypeItem::Enum(e) if e.name == name => Some(e),
            _ => None,
        })
    }

    /// A conversion between two event structs: `From` when possible, else an upgrade method
    /// taking the missing top-level fields.
    fn top_level(&mut self, from: &str, to: (&str, &str), deprecated: &BTreeSet<&str>) {
        let (to, to_variant) = to;
        let Some(mut conversion) = self.structs(from, to, true) else {
            return;
        };
        conversion.names_deprecated = deprecated.contains(from) || deprecated.contains(to);
        if conversion.kind != ConversionKind::From {
            conversion.kind = ConversionKind::Upgrade {
                method: upgrade_method(to_variant),
            };
        }
        self.record(from, to, Some(conversion));
    }

    fn record(&mut self, from: &str, to: &str, conversion: Option<Conversion>) {
        if let Some(c) = &conversion {
            self.order.push(c.clone());
        }
        self.done
            .insert((from.to_owned(), to.to_owned()), conversion);
    }

    /// Field-by-field conversion between two structs. With `allow_parameters`, required fields
    /// the source lacks become parameters; otherwise they make the conversion impossible.
    fn structs(&mut self, from: &str, to: &str, allow_parameters: bool) -> Option<Conversion> {
        let source = self.find_struct(from)?.clone();
        let target = self.find_struct(to)?.clone();
        let mut fields = Vec::new();
        let mut needs_parameters = false;
        for field in &target.fields {
            let source_field = source
                .fields
                .iter()
                .find(|f| f.wire_name == field.wire_name);
            let value = match source_field {
                Some(s) => {
                    let how = self.field_value(s, field)?;
                    FieldSource::Source {
                        rust_name: s.rust_name.clone(),
                        how,
                    }
                }
                None if field.default.as_ref().is_some_and(|d| {
                    (d.is_null() && field.nullable) || self.literal(d, &field.ty)
                }) =>
                {
                    FieldSource::Default(
                        field.default.clone().unwrap_or(Value::Null),
                        field.ty.clone(),
                    )
                }
                None if field.optional => FieldSource::Absent,
                None if allow_parameters => {
                    needs_parameters = true;
                    FieldSource::Parameter(field.ty.clone(), field.nullable)
                }
                None => return None,
            };
            fields.push((field.rust_name.clone(), value));
        }
        let dropped = source
            .fields
            .iter()
            .filter(|s| !target.fields.iter().any(|t| t.wire_name == s.wire_name))
            .map(|s| s.wire_name.clone())
            .collect();
        Some(Conversion {
            from: from.to_owned(),
            to: to.to_owned(),
            fields,
            dropped,
            variants: Vec::new(),
            kind: if needs_parameters {
                ConversionKind::Upgrade {
                    method: String::new(),
                }
            } else {
                ConversionKind::From
            },
            names_deprecated: false,
        })
    }

    /// Whether a catalog default can be written as a Rust expression of type `ty`.
    pub fn literal(&self, value: &Value, ty: &TypeRef) -> bool {
        literal(self.types, value, ty)
    }

    /// How a source field's value becomes the target field's, honouring optional and nullable.
    fn field_value(&mut self, source: &FieldItem, target: &FieldItem) -> Option<ValueConversion> {
        let inner = self.value(&source.ty, &target.ty)?;
        // Layers: optional (outer Option) then nullable (inner Option).
        let inner = match (source.nullable, target.nullable) {
            (false, false) | (true, true) => wrap_option(source.nullable, inner),
            (false, true) => ValueConversion::Some(Box::new(inner)),
            (true, false) => return None,
        };
        match (source.optional, target.optional) {
            (false, false) | (true, true) => Some(wrap_option(source.optional, inner)),
            (false, true) => Some(ValueConversion::Some(Box::new(inner))),
            (true, false) => None,
        }
    }

    fn value(&mut self, from: &TypeRef, to: &TypeRef) -> Option<ValueConversion> {
        if from == to {
            return Some(ValueConversion::Same);
        }
        match (from, to) {
            (TypeRef::Array(a), TypeRef::Array(b)) => {
                Some(ValueConversion::Array(Box::new(self.value(a, b)?)))
            }
            (TypeRef::Map(a), TypeRef::Map(b)) => {
                Some(ValueConversion::Map(Box::new(self.value(a, b)?)))
            }
            (TypeRef::Nullable(a), TypeRef::Nullable(b)) => {
                Some(ValueConversion::Option(Box::new(self.value(a, b)?)))
            }
            (a, TypeRef::Nullable(b)) => Some(ValueConversion::Some(Box::new(self.value(a, b)?))),
            (TypeRef::Named(a), TypeRef::Named(b)) => {
                self.nested(a, b).then_some(ValueConversion::Into)
            }
            _ => None,
        }
    }

    /// Whether a `From<a> for b` exists or can be generated between two generated types.
    fn nested(&mut self, a: &str, b: &str) -> bool {
        let key = (a.to_owned(), b.to_owned());
        if let Some(done) = self.done.get(&key) {
            return done
                .as_ref()
                .is_some_and(|c| c.kind == ConversionKind::From);
        }
        if let (Some(source), Some(target)) = (self.find_enum(a), self.find_enum(b)) {
            let variants: Option<Vec<(String, String)>> = source
                .variants
                .iter()
                .map(|(from, wire)| {
                    let to = target.variants.iter().find(|(_, w)| w == wire)?;
                    Some((from.clone(), to.0.clone()))
                })
                .collect();
            let ok = variants.is_some();
            let conversion = variants.map(|variants| Conversion {
                from: a.to_owned(),
                to: b.to_owned(),
                fields: Vec::new(),
                dropped: Vec::new(),
                variants,
                kind: ConversionKind::From,
                names_deprecated: false,
            });
            self.record(a, b, conversion);
            return ok;
        }
        // Mark in progress to stop cycles, then decide.
        self.done.insert(key, None);
        let conversion = self.structs(a, b, false);
        let ok = conversion.is_some();
        self.record(a, b, conversion);
        ok
    }
}

/// Whether a catalog default can be written as a Rust expression of type `ty`: scalars, values
/// of the enums among `types`, and empty arrays and maps. Other defaults are not used: the field
/// is then asked for, never made up.
pub fn literal(types: &[TypeItem], value: &Value, ty: &TypeRef) -> bool {
    match (value, ty) {
        (Value::String(_), TypeRef::String) | (Value::Bool(_), TypeRef::Boolean) => true,
        (Value::Number(n), TypeRef::Integer) => n.is_i64(),
        (Value::Number(_), TypeRef::Number) => true,
        (Value::String(s), TypeRef::Named(name)) => types.iter().any(|t| match t {
            TypeItem::Enum(e) => e.name == *name && e.variants.iter().any(|(_, w)| w == s),
            _ => false,
        }),
        (Value::Array(items), TypeRef::Array(_)) => items.is_empty(),
        (Value::Object(entries), TypeRef::Map(_)) => entries.is_empty(),
        _ => false,
    }
}

/// Sets `has_default` on every struct whose fields may all be absent or have a literal catalog
/// default (a `null` default for a nullable field included), and on every event struct that
/// wraps such a struct.
fn mark_defaults(types: &mut [TypeItem]) {
    let defaults: BTreeSet<String> = types
        .iter()
        .filter_map(|t| match t {
            TypeItem::Struct(s) if s.wraps.is_none() && every_field_defaults(types, s) => {
                Some(s.name.clone())
            }
            _ => None,
        })
        .collect();
    for item in types.iter_mut() {
        if let TypeItem::Struct(s) = item {
            let own = s.wraps.as_ref().unwrap_or(&s.name);
            s.has_default = defaults.contains(own);
        }
    }
}

/// Whether every field of `item` may be absent or has a literal default.
fn every_field_defaults(types: &[TypeItem], item: &StructItem) -> bool {
    item.fields.iter().all(|field| {
        field.optional
            || field
                .default
                .as_ref()
                .is_some_and(|d| (d.is_null() && field.nullable) || literal(types, d, &field.ty))
    })
}

fn wrap_option(wrapped: bool, inner: ValueConversion) -> ValueConversion {
    if wrapped && inner != ValueConversion::Same {
        ValueConversion::Option(Box::new(inner))
    } else {
        inner
    }
}
