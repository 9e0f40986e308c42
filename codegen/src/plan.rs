//! The resolved generation model: every Rust name chosen, every type resolved, every conversion
//! between the versions of a family decided. [`crate::emit`] turns a [`Plan`] into tokens without
//! making any further decision.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::diagnostic::{Diagnostic, Location};
use crate::model::{
    Catalog, Constant, Direction, Element, Event, Field, ItemBounds, Payload, Scalar,
    SchemaVersion, Shape, Status, direction_word,
};
pub use crate::naming::Part;
use crate::naming::{self, Names};

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
    /// The types that hold values implement `Debug` through the runtime's redacted printer,
    /// which shows no value, instead of deriving it.
    pub redacted_debug: bool,
    /// The received events of the whole catalog that the options left out, by name, sorted:
    /// decoding one says so.
    pub left_out: Vec<String>,
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

/// What the partner's hooks add to a generated type: derives and attributes, as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extra {
    /// Traits to derive, beside those eventcat derives.
    pub derives: Vec<Written>,
    /// Outer attributes.
    pub attributes: Vec<Written>,
}

/// Rust the partner wrote in a hook, checked: its tokens, which keep the spans the derive read
/// them with (so that rustc's errors about them point at the partner's attribute), compared by
/// their text.
#[derive(Debug, Clone)]
pub struct Written {
    /// The tokens.
    pub tokens: proc_macro2::TokenStream,
    /// Their text (`crate :: MyQueue`).
    pub text: String,
}

impl Written {
    /// `tokens`, with their text.
    pub fn new(tokens: proc_macro2::TokenStream) -> Self {
        let text = tokens.to_string();
        Self { tokens, text }
    }

    /// The text of a path, without spaces (`crate::MyQueue`).
    pub fn path_text(&self) -> String {
        self.text.replace(' ', "")
    }
}

impl PartialEq for Written {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for Written {}

impl PartialOrd for Written {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Written {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.text.cmp(&other.text)
    }
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
    pub attributes: Vec<Written>,
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
    External(Written),
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

/// Builds the plan for `catalog` with the `names` chosen when it was checked (or when the catalog
/// it was selected from was), the shared types in `replaced` (name to Rust path) replaced by the
/// partner's own types: not generated, and named by that path wherever they appear. The errors
/// are places `names` has no name for, which only a catalog other than the one named has.
pub(crate) fn plan(
    catalog: &Catalog,
    names: &Names,
    replaced: &BTreeMap<String, Written>,
) -> Result<Plan, Vec<Diagnostic>> {
    let mut planner = Planner {
        catalog,
        names,
        types: Vec::new(),
        parts: BTreeMap::new(),
        errors: Vec::new(),
        item_bounds: catalog.type_item_bounds(),
        replaced,
        structs: BTreeMap::new(),
        replacements: replacements(catalog),
    };
    planner.shared_types();
    let mut events = Vec::new();
    for event in &catalog.events {
        events.extend(planner.event(event));
    }
    let mut families = planner.families(&events);
    let carriers = planner.carriers(&events);
    let products = planner.products();
    let entries = planner.entries();
    let conversions = planner.conversions(&events, &mut families);
    if !planner.errors.is_empty() {
        return Err(planner.errors);
    }
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
        redacted_debug: false,
        left_out: Vec::new(),
    })
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

struct Planner<'a> {
    catalog: &'a Catalog,
    /// The Rust name of every item, chosen when the catalog was checked.
    names: &'a Names,
    types: Vec<TypeItem>,
    /// The inline types declared, with whose part each one is.
    parts: BTreeMap<String, Part>,
    /// The places `names` has no name for.
    errors: Vec<Diagnostic>,
    /// The item bounds of every shared type, through aliases.
    item_bounds: BTreeMap<&'a str, ItemBounds>,
    /// The shared types the partner replaced with their own, to the path of theirs.
    replaced: &'a BTreeMap<String, Written>,
    /// The index in `types` of each struct declared before the events.
    structs: BTreeMap<String, usize>,
    /// The replacement of a deprecated event, by family ([`replacements`]).
    replacements: BTreeMap<&'a str, &'a Event>,
}

impl<'a> Planner<'a> {
    /// The name `names` has for `what`, or an error saying it has none.
    fn named<T>(&mut self, name: Option<T>, what: impl FnOnce() -> String) -> Option<T> {
        if name.is_none() {
            let message = format!(
                "no Rust name was chosen for {}: the catalog is not the one that was checked",
                what()
            );
            self.errors
                .push(Diagnostic::error("unnamed", Location::default(), message));
        }
        name
    }

    /// The `Product` variant of a product id.
    fn product_variant(&mut self, id: &str) -> String {
        let names = self.names;
        self.named(names.product(id), || format!("product `{id}`"))
            .unwrap_or_default()
            .to_owned()
    }

    /// Declares every shared type the partner did not replace. Event structs are inserted
    /// after these, so the indices of `structs` stay valid.
    fn shared_types(&mut self) {
        let catalog = self.catalog;
        let recursive_aliases = crate::check::recursive_aliases(catalog);
        for decl in catalog
            .types
            .iter()
            .filter(|d| !self.replaced.contains_key(&d.name))
        {
            // Every public item has a doc, so that `missing_docs` holds for the generated code.
            let doc = match &decl.doc {
                Some(doc) => vec![naming::doc_prose(doc)],
                None => vec![format!("The `{}` type of the catalog.", decl.name)],
            };
            self.declare(&decl.name, doc, &decl.shape, decl.location);
            if recursive_aliases.contains(decl.name.as_str())
                && let Some(TypeItem::Alias(alias)) = self.types.last_mut()
            {
                alias.newtype = true;
            }
        }
        self.structs = self
            .types
            .iter()
            .enumerate()
            .filter_map(|(index, item)| match item {
                TypeItem::Struct(s) => Some((s.name.clone(), index)),
                _ => None,
            })
            .collect();
    }

    /// The products, in id order.
    fn products(&mut self) -> Vec<ProductItem> {
        let catalog = self.catalog;
        catalog
            .products
            .values()
            .map(|p| ProductItem {
                id: p.id.clone(),
                variant: self.product_variant(&p.id),
                title: p.title.clone(),
            })
            .collect()
    }

    /// The runtime table: one entry per catalog event.
    fn entries(&mut self) -> Vec<EntryItem> {
        let catalog = self.catalog;
        catalog
            .events
            .iter()
            .map(|event| EntryItem {
                name: event.name.clone(),
                product: self.product_variant(&event.product),
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
                    .then(|| self.replacements.get(event.family.as_str()))
                    .flatten()
                    .map(|e| e.name.clone()),
            })
            .collect()
    }

    /// Declares a named type with the given shape.
    fn declare(&mut self, name: &str, doc: Vec<String>, shape: &Shape, location: Location) {
        match shape {
            Shape::Object(fields) => {
                let item = self.structure(name, doc, fields, None, location);
                self.types.push(TypeItem::Struct(item));
            }
            Shape::Enum(values) => {
                let item = self.enumeration(name, doc, values, location);
                self.types.push(TypeItem::Enum(item));
            }
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
                doc: field.doc.as_deref().map(naming::doc_prose),
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
        let names = self.names;
        let variants = self
            .named(names.union_variants(name), || {
                format!("the variants of `{name}`")
            })
            .unwrap_or_default();
        let variants = variants
            .iter()
            .zip(members)
            .map(|(variant, member)| {
                let mut ty = self.type_ref(name, variant, &member.shape, location);
                if member.nullable {
                    ty = TypeRef::Nullable(Box::new(ty));
                }
                (variant.clone(), ty)
            })
            .collect();
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
                let item = self.element_ref(owner, &naming::item_part(part), element, location);
                TypeRef::Array(Box::new(item))
            }
            Shape::Map(element) => {
                let value = self.element_ref(owner, &naming::value_part(part), element, location);
                TypeRef::Map(Box::new(value))
            }
            // A constant inside an array, map or union is a unit type, checked like any other.
            Shape::Object(_) | Shape::Enum(_) | Shape::OneOf(_) | Shape::Const(_) => {
                let names = self.names;
                let what = || format!("the `{part}` part of `{owner}`");
                let name = self
                    .named(names.inline(owner, part), what)
                    .unwrap_or_default()
                    .to_owned();
                if let Some(place) = names.part(&name) {
                    self.parts.insert(name.clone(), place.clone());
                }
                let doc = vec![format!(
                    "The `{part}` part of {}.",
                    naming::type_link(owner)
                )];
                self.declare(&name, doc, shape, location);
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

    /// A string enum, with the variants `names` has for it.
    fn enumeration(
        &mut self,
        name: &str,
        doc: Vec<String>,
        values: &[String],
        location: Location,
    ) -> EnumItem {
        let names = self.names;
        let variants = self
            .named(names.enum_variants(name), || {
                format!("the variants of `{name}`")
            })
            .unwrap_or_default();
        EnumItem {
            location,
            extra: Extra::default(),
            name: name.to_owned(),
            doc,
            variants: variants
                .iter()
                .cloned()
                .zip(values.iter().cloned())
                .collect(),
        }
    }

    /// The struct and item of each schema version of `event`.
    fn event(&mut self, event: &Event) -> Vec<EventItem> {
        let names = self.names;
        let what = || format!("the schema versions of `{}`", event.name);
        let struct_names = self
            .named(names.structs(&event.name), what)
            .unwrap_or_default();
        let replacement = self.replacements.get(event.family.as_str()).copied();
        let deprecation = is_deprecated(event).then(|| deprecation(event, replacement, names));
        let mut items = Vec::new();
        for (version, struct_name) in event.schema_versions.iter().zip(struct_names) {
            // A payload that is a shared object type is a newtype over that type.
            let wraps = match &version.payload {
                Payload::Fields(_) => None,
                Payload::Type(type_name) => self.shared_struct(type_name),
            };
            let fields: &[Field] = match &version.payload {
                Payload::Fields(fields) => fields,
                Payload::Type(_) => &[],
            };
            let doc = self.event_doc(event, version, wraps.as_ref());
            // The event struct goes before the inline types it creates.
            let position = self.types.len();
            let location = version.location;
            let mut item = self.structure(struct_name, doc, fields, deprecation.clone(), location);
            if let Some(shared) = wraps {
                item.fields = shared.fields;
                item.wraps = Some(shared.name);
            }
            item.constants.push(ConstantField {
                wire_name: crate::check::SCHEMA_VERSION_FIELD.to_owned(),
                rust_name: naming::SCHEMA_VERSION_RUST_NAME.to_owned(),
                value: Constant::String(version.version.to_string()),
                optional: false,
                nullable: false,
            });
            self.types.insert(position, TypeItem::Struct(item));
            let product = self.product_variant(&event.product);
            items.push(EventItem {
                struct_name: struct_name.clone(),
                name: event.name.clone(),
                version: version.version.to_string(),
                family: event.family.clone(),
                product,
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

    /// The struct declared for the shared type `type_name`, if it is one.
    fn shared_struct(&self, type_name: &str) -> Option<StructItem> {
        let index = *self.structs.get(type_name)?;
        match &self.types[index] {
            TypeItem::Struct(shared) => Some(shared.clone()),
            _ => None,
        }
    }

    /// The doc lines of an event struct: the event's doc, the version's note, what it is, its
    /// lifecycle, for a payload that is a shared type how the struct holds it, and the version's
    /// sample payload.
    fn event_doc(
        &self,
        event: &Event,
        version: &SchemaVersion,
        wraps: Option<&StructItem>,
    ) -> Vec<String> {
        let product = self
            .catalog
            .products
            .get(&event.product)
            .map_or(event.product.as_str(), |p| p.title.as_str());
        let product = naming::doc_prose(product);
        let mut doc: Vec<String> = event.doc.lines().map(naming::doc_prose).collect();
        if let Some(note) = &version.doc {
            doc.push(String::new());
            doc.extend(note.lines().map(naming::doc_prose));
        }
        doc.push(String::new());
        doc.push(format!(
            "Event `{}`, schema version {}: {} {} event.",
            event.name,
            version.version,
            product,
            direction_word(event.direction)
        ));
        doc.push(String::new());
        doc.push(lifecycle_line(event));
        if let Some(shared) = wraps {
            doc.push(String::new());
            doc.push(format!(
                "The payload is a {} plus its own `schemaVersion`: this struct boxes it \
                 and dereferences to it, so one function can handle every event that carries one.",
                naming::type_link(&shared.name)
            ));
        }
        if let Some(example) = &version.example {
            doc.extend(example_doc(&example.json));
        }
        doc
    }

    /// The shared types that are the whole payload of a received event, with every received
    /// event carrying one at its top level: as its payload, or in exactly one field of the type,
    /// an array of it, or an `Option` of either.
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
        let mut unnamed = Vec::new();
        for type_name in payload_types {
            let Some(method) = self.names.carrier(type_name) else {
                unnamed.push(type_name.to_owned());
                continue;
            };
            carriers.push(CarrierItem {
                type_name: type_name.to_owned(),
                method: method.to_owned(),
                events: carrying(&received, type_name),
            });
        }
        for type_name in unnamed {
            self.named(None::<()>, || format!("the values of `{type_name}`"));
        }
        carriers
    }

    /// The family enum of each family with more than one version.
    fn families(&mut self, events: &[EventItem]) -> Vec<FamilyItem> {
        let mut by_family: BTreeMap<&str, Vec<&EventItem>> = BTreeMap::new();
        for event in events {
            by_family.entry(&event.family).or_default().push(event);
        }
        let names = self.names;
        let mut families = Vec::new();
        for (family, members) in by_family {
            if members.len() < 2 {
                continue;
            }
            let what = || format!("the enum of the `{family}` family");
            let Some(family_names) = self.named(names.family(family), what) else {
                continue;
            };
            let mut variants: Vec<(String, String, bool)> = Vec::new();
            for member in members {
                let what = || format!("the `{}` variant", member.struct_name);
                let Some((variant, _)) =
                    self.named(family_names.members.get(&member.struct_name), what)
                else {
                    continue;
                };
                let deprecated = member.deprecation.is_some();
                variants.push((variant.clone(), member.struct_name.clone(), deprecated));
            }
            families.push(FamilyItem {
                name: family_names.name.clone(),
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
            let methods = self.names.family(&family.family).map(|f| &f.members);
            // (struct, the method upgrading to it), oldest first.
            let members: Vec<(&str, &str)> = family
                .variants
                .iter()
                .filter_map(|(_, s, _)| {
                    let (_, method) = methods?.get(s)?;
                    Some((s.as_str(), method.as_str()))
                })
                .collect();
            for (i, older) in members.iter().enumerate() {
                for newer in &members[i + 1..] {
                    out.top_level(newer.0, *older, &deprecated);
                    out.top_level(older.0, *newer, &deprecated);
                }
            }
            family.into_oldest = out.all_convert_into_oldest(&members);
        }
        out.order
    }
}

/// Each received event struct among `received` that carries values of `type_name` at its top
/// level, with where it holds them.
fn carrying(received: &[&StructItem], type_name: &str) -> Vec<(String, Carried)> {
    let mut carrying = Vec::new();
    for event in received {
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
    carrying
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
fn deprecation(event: &Event, replacement: Option<&Event>, names: &Names) -> Deprecation {
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
            let newest = names
                .structs(&newer.name)
                .and_then(<[String]>::last)
                .cloned()
                .unwrap_or_default();
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
    /// taking the missing top-level fields; `to` is the target struct and the method upgrading
    /// to it.
    fn top_level(&mut self, from: &str, to: (&str, &str), deprecated: &BTreeSet<&str>) {
        let (to, method) = to;
        let Some(mut conversion) = self.structs(from, to, true) else {
            return;
        };
        conversion.names_deprecated = deprecated.contains(from) || deprecated.contains(to);
        if conversion.kind != ConversionKind::From {
            conversion.kind = ConversionKind::Upgrade {
                method: method.to_owned(),
            };
        }
        self.record(from, to, Some(conversion));
    }

    /// The oldest of a family's `members` (struct, method), when every other member converts
    /// into it with `From`.
    fn all_convert_into_oldest(&self, members: &[(&str, &str)]) -> Option<String> {
        let ((oldest, _), newer) = members.split_first()?;
        let all_convert = newer.iter().all(|(s, _)| {
            matches!(
                self.done.get(&(s.to_string(), oldest.to_string())),
                Some(Some(c)) if c.kind == ConversionKind::From
            )
        });
        all_convert.then(|| oldest.to_string())
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The plan of a loaded catalog, with no type replaced.
    fn planned(loaded: &crate::pipeline::Loaded) -> Plan {
        plan(&loaded.catalog, &loaded.names, &BTreeMap::new())
            .unwrap_or_else(|errors| panic!("the catalog must plan: {errors:?}"))
    }

    /// The (`min_items`, `max_items`) of the field `wire_name` of the generated struct `owner`.
    fn bounds(plan: &Plan, owner: &str, wire_name: &str) -> (Option<u64>, Option<u64>) {
        plan.types
            .iter()
            .find_map(|item| match item {
                TypeItem::Struct(s) if s.name == owner => {
                    s.fields.iter().find(|f| f.wire_name == wire_name)
                }
                _ => None,
            })
            .map(|field| (field.min_items, field.max_items))
            .unwrap_or_else(|| panic!("no field {owner}.{wire_name}"))
    }

    #[test]
    fn bounds_reach_the_field_item_through_aliases() {
        let text = include_str!("../tests/item_bounds.yaml");
        let loaded = crate::pipeline::load_str("bounds.yaml", text).expect("the catalog loads");
        let plan = planned(&loaded);
        assert_eq!(bounds(&plan, "XV1", "direct"), (Some(1), Some(3)));
        assert_eq!(bounds(&plan, "XV1", "aliased"), (Some(1), Some(3)));
        assert_eq!(bounds(&plan, "XV1", "own"), (None, Some(7)));
        assert_eq!(bounds(&plan, "XV1", "plain"), (None, None));
        assert_eq!(bounds(&plan, "XV1", "text"), (None, None));
        // A field of an inline object inside an array item keeps its own array's bounds.
        assert_eq!(bounds(&plan, "XV1LegsItem", "stops"), (Some(2), None));
    }

    #[test]
    fn the_conference_events_bound_their_calls() {
        let loaded = crate::pipeline::load_bundled().expect("the bundled catalog loads");
        let plan = planned(&loaded);
        let drop = bounds(&plan, "CallManagerCallConferenceDropV1", "calls");
        assert_eq!(drop, (Some(1), None));
        let start = bounds(&plan, "CallManagerCallConferenceStartV1", "calls");
        assert_eq!(start, (Some(2), None));
    }
}
