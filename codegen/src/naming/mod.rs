//! Naming: every Rust name the generated code gives a catalog's items, by the rules of
//! [`rules`], chosen once when the catalog is checked.
//!
//! [`Names::of`] walks a checked catalog in output order and claims each generated type name
//! (shared types, inline types, event structs, family enums), each upgrade method of a family
//! and each carrier method of `ReceivedEvent`: a name claimed twice is a `name-collision` at the
//! place that claims it second, so every front end refuses such a catalog with the same located
//! error before anything is generated. The plan reads every name from the [`Names`] it is
//! handed and chooses none itself.

mod rules;

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::{Diagnostic, Location};
use crate::model::{Catalog, Direction, Element, Event, Field, Payload, SchemaVersion, Shape};
pub(crate) use rules::{
    CATALOG_TYPES, KEYWORDS, PRELUDE_TYPE_NAMES, RECEIVED_ENUM, RUNTIME_TYPES,
    SCHEMA_VERSION_RUST_NAME, SEND_ENUM, doc_prose, enum_variant_name, is_field_name,
    is_support_name, is_type_name, item_part, type_link, value_part,
};
#[cfg(feature = "cli")]
pub(crate) use rules::{PRODUCT_ENUM, dispatch_enum};
use rules::{
    carrier_method, family_enum_name, family_variant, part_type_name, product_variant,
    struct_names, union_variants, upgrade_method,
};
pub use rules::{reserved_type_names, rust_field_name};

/// Where an inline type sits: the `part` of `owner` (`XV1Status` is the `status` part of `XV1`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The Rust type it is a part of.
    pub owner: String,
    /// The part: a field's wire name, with `Item` or `Value` for an array's or map's element
    /// (`QueueItem`), or a union's variant.
    pub part: String,
}

/// The Rust names of a family enum: its own, and for each event struct of the family its
/// variant and the method upgrading to that version.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FamilyNames {
    /// The enum (`AwInteractionFocus`).
    pub(crate) name: String,
    /// Event struct name to (variant, upgrade method): `("V3", "upgrade_to_v3")`.
    pub(crate) members: BTreeMap<String, (String, String)>,
}

/// Every Rust name the generated code of one checked catalog takes, by what it names.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Names {
    /// Product id to its `Product` variant.
    products: BTreeMap<String, String>,
    /// Event name to the struct of each of its schema versions, oldest first.
    structs: BTreeMap<String, Vec<String>>,
    /// (owner, part) to the inline type there.
    inline: BTreeMap<(String, String), String>,
    /// Inline type name to where it sits.
    parts: BTreeMap<String, Part>,
    /// String enum name to its variants, in value order.
    enum_variants: BTreeMap<String, Vec<String>>,
    /// Union name to its variants, in member order.
    union_variants: BTreeMap<String, Vec<String>>,
    /// Family to the names of its enum, for a family of several events.
    families: BTreeMap<String, FamilyNames>,
    /// Shared payload type to the `ReceivedEvent` method listing its values.
    carriers: BTreeMap<String, String>,
}

impl Names {
    /// The names of `catalog`, or the `name-collision` errors that leave a name without one
    /// meaning.
    pub(crate) fn of(catalog: &Catalog) -> Result<Names, Vec<Diagnostic>> {
        let namer = Namer::run(catalog);
        if namer.errors.is_empty() {
            Ok(namer.names)
        } else {
            Err(namer.errors)
        }
    }

    /// The `Product` variant of a product id.
    pub(crate) fn product(&self, id: &str) -> Option<&str> {
        self.products.get(id).map(String::as_str)
    }

    /// The struct of each schema version of the event called `event`, oldest first.
    pub(crate) fn structs(&self, event: &str) -> Option<&[String]> {
        self.structs.get(event).map(Vec::as_slice)
    }

    /// The inline type that is the `part` of `owner`.
    pub(crate) fn inline(&self, owner: &str, part: &str) -> Option<&str> {
        let key = (owner.to_owned(), part.to_owned());
        self.inline.get(&key).map(String::as_str)
    }

    /// Where the inline type `name` sits.
    pub(crate) fn part(&self, name: &str) -> Option<&Part> {
        self.parts.get(name)
    }

    /// The variants of the string enum `name`.
    pub(crate) fn enum_variants(&self, name: &str) -> Option<&[String]> {
        self.enum_variants.get(name).map(Vec::as_slice)
    }

    /// The variants of the union `name`.
    pub(crate) fn union_variants(&self, name: &str) -> Option<&[String]> {
        self.union_variants.get(name).map(Vec::as_slice)
    }

    /// The names of the enum of `family`.
    pub(crate) fn family(&self, family: &str) -> Option<&FamilyNames> {
        self.families.get(family)
    }

    /// The `ReceivedEvent` method listing the values of the shared payload type `type_name`.
    pub(crate) fn carrier(&self, type_name: &str) -> Option<&str> {
        self.carriers.get(type_name).map(String::as_str)
    }
}

/// Every type the generated code of `catalog` defines (its own types and the catalog support
/// types, not the runtime's re-exports), claimed as [`Names::of`] claims them but through any
/// collision: the names a failed expansion stands in for, best effort on a catalog with errors.
pub(crate) fn type_names(catalog: &Catalog) -> BTreeSet<String> {
    let mut names: BTreeSet<String> = Namer::run(catalog).taken.into_keys().collect();
    names.retain(|name| can_stand_in(name));
    names
}

/// Whether a name taken in a catalog with errors can name a stand-in: a Rust identifier (an
/// erroneous type name may be none, or `Self`) that shadows neither the prelude nor the
/// runtime's re-exports.
fn can_stand_in(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name != "Self"
        && !PRELUDE_TYPE_NAMES.contains(&name)
        && !RUNTIME_TYPES.contains(&name)
}

/// The types every generated catalog defines, whatever its events.
pub(crate) fn catalog_support_types() -> BTreeSet<String> {
    CATALOG_TYPES
        .iter()
        .map(|name| (*name).to_owned())
        .collect()
}

/// An event struct that took its name: the event, its schema version and the struct name.
type Claimed<'a> = (&'a Event, &'a SchemaVersion, String);

/// Chooses the names of one catalog, claiming each in output order.
struct Namer<'a> {
    catalog: &'a Catalog,
    /// Every Rust type name taken, with where (`None` for a support type).
    taken: BTreeMap<String, Option<Location>>,
    names: Names,
    errors: Vec<Diagnostic>,
}

impl<'a> Namer<'a> {
    /// Claims every name of `catalog` in output order, recording the collisions.
    fn run(catalog: &'a Catalog) -> Namer<'a> {
        let support = RUNTIME_TYPES.iter().chain(CATALOG_TYPES);
        let mut namer = Namer {
            catalog,
            taken: support.map(|n| ((*n).to_owned(), None)).collect(),
            names: Names::default(),
            errors: Vec::new(),
        };
        for product in catalog.products.values() {
            let variant = product_variant(&product.id);
            namer.names.products.insert(product.id.clone(), variant);
        }
        for decl in &catalog.types {
            namer.claim(&decl.name, decl.location);
        }
        for decl in &catalog.types {
            namer.declare(&decl.name, &decl.shape, decl.location);
        }
        let mut claimed = Vec::new();
        for event in &catalog.events {
            namer.event(event, &mut claimed);
        }
        namer.families(&claimed);
        namer.carriers(&claimed);
        namer
    }

    /// Takes a Rust type name; a name taken twice is an error at the second place.
    fn claim(&mut self, name: &str, location: Location) -> bool {
        let Some(first) = self.taken.get(name) else {
            self.taken.insert(name.to_owned(), Some(location));
            return true;
        };
        let by_support = if first.is_none() {
            " by a support type eventcat generates"
        } else {
            ""
        };
        let mut error = Diagnostic::error(
            "name-collision",
            location,
            format!("the generated Rust type `{name}` is already taken{by_support}"),
        );
        if let Some(first) = first {
            error = error.with_related(*first, "first taken here");
        }
        self.errors.push(error);
        false
    }

    /// Names what a named type (already claimed) of this shape generates inside it.
    fn declare(&mut self, name: &str, shape: &Shape, location: Location) {
        match shape {
            Shape::Object(fields) => self.structure(name, fields),
            Shape::Enum(values) => {
                let variants = values.iter().map(|v| enum_variant_name(v)).collect();
                self.names.enum_variants.insert(name.to_owned(), variants);
            }
            Shape::OneOf(members) => self.union(name, members, location),
            Shape::Const(_) => {}
            // A type alias: its array items and map values may be inline types.
            other => self.type_ref(name, "", other, location),
        }
    }

    /// Names the inline types of a struct's data fields (constant fields have none).
    fn structure(&mut self, name: &str, fields: &[Field]) {
        for field in fields {
            if !self.is_constant(&field.shape) {
                self.type_ref(name, &field.wire_name, &field.shape, field.location);
            }
        }
    }

    /// Whether a shape stands for a constant, directly or through shared names.
    fn is_constant<'s>(&'s self, mut shape: &'s Shape) -> bool {
        // Each step follows one shared name; more steps than names means a cycle.
        for _ in 0..=self.catalog.types.len() {
            match shape {
                Shape::Const(_) => return true,
                Shape::Named(name) => match self.catalog.type_decl(name) {
                    Some(decl) => shape = &decl.shape,
                    None => return false,
                },
                _ => return false,
            }
        }
        false
    }

    fn union(&mut self, name: &str, members: &[Element], location: Location) {
        let variants = union_variants(members);
        for (variant, member) in variants.iter().zip(members) {
            self.type_ref(name, variant, &member.shape, location);
        }
        self.names.union_variants.insert(name.to_owned(), variants);
    }

    /// Names the inline types of a shape standing as the `part` of `owner`: an object, enum,
    /// union or constant in place is a type of its own, named after its owner and part.
    fn type_ref(&mut self, owner: &str, part: &str, shape: &Shape, location: Location) {
        match shape {
            Shape::Scalar(_) | Shape::Named(_) => {}
            Shape::Array(element, _) => {
                self.type_ref(owner, &item_part(part), &element.shape, location);
            }
            Shape::Map(element) => {
                self.type_ref(owner, &value_part(part), &element.shape, location);
            }
            Shape::Object(_) | Shape::Enum(_) | Shape::OneOf(_) | Shape::Const(_) => {
                let name = part_type_name(owner, part);
                if self.claim(&name, location) {
                    let place = (owner.to_owned(), part.to_owned());
                    self.names.inline.insert(place, name.clone());
                    let part = Part {
                        owner: owner.to_owned(),
                        part: part.to_owned(),
                    };
                    self.names.parts.insert(name.clone(), part);
                    self.declare(&name, shape, location);
                }
            }
        }
    }

    /// Claims the struct of each schema version of `event`, then names its inline types.
    fn event(&mut self, event: &'a Event, claimed: &mut Vec<Claimed<'a>>) {
        let names = struct_names(event);
        for (version, struct_name) in event.schema_versions.iter().zip(&names) {
            if !self.claim(struct_name, version.location) {
                continue;
            }
            if let Payload::Fields(fields) = &version.payload {
                self.structure(struct_name, fields);
            }
            claimed.push((event, version, struct_name.clone()));
        }
        self.names.structs.insert(event.name.clone(), names);
    }

    /// Claims the enum of each family of several events, with a variant and an upgrade method
    /// per version: methods are lowercase, so versions whose names differ only in case
    /// (`1.0.0-ab`, `1.0.0-aB`) would give one method twice.
    fn families(&mut self, claimed: &[Claimed<'a>]) {
        let mut by_family: BTreeMap<&str, Vec<&Claimed<'a>>> = BTreeMap::new();
        for member in claimed {
            by_family.entry(&member.0.family).or_default().push(member);
        }
        for (family, members) in by_family {
            if members.len() < 2 {
                continue;
            }
            let name = family_enum_name(family);
            if !self.claim(&name, members[0].0.location) {
                continue;
            }
            let mut methods: BTreeMap<String, &Claimed<'a>> = BTreeMap::new();
            let mut names = FamilyNames {
                name,
                members: BTreeMap::new(),
            };
            for member in members {
                let (event, version, struct_name) = member;
                let variant = family_variant(&names.name, struct_name);
                let method = upgrade_method(&variant);
                if let Some((first_event, first_version, _)) =
                    methods.insert(method.clone(), member)
                {
                    let message = format!(
                        "schema versions {} of `{}` and {} of `{}` both give the generated \
                         method `{method}`",
                        first_version.version, first_event.name, version.version, event.name
                    );
                    let error = Diagnostic::error("name-collision", version.location, message)
                        .with_related(first_version.location, "the other version");
                    self.errors.push(error);
                }
                names.members.insert(struct_name.clone(), (variant, method));
            }
            self.names.families.insert(family.to_owned(), names);
        }
    }

    /// Names the `ReceivedEvent` method of each shared object type that is the whole payload of
    /// a received event; two types whose methods would share a name are a `name-collision`.
    fn carriers(&mut self, claimed: &[Claimed<'a>]) {
        let payload_types: BTreeSet<&str> = claimed
            .iter()
            .filter(|(event, _, _)| event.direction == Direction::Received)
            .filter_map(|(_, version, _)| match &version.payload {
                Payload::Type(name) => Some(name.as_str()),
                Payload::Fields(_) => None,
            })
            .filter(|name| {
                self.catalog
                    .type_decl(name)
                    .is_some_and(|d| matches!(d.shape, Shape::Object(_)))
            })
            .collect();
        let mut methods: BTreeMap<String, &str> = BTreeMap::new();
        let mut collisions = Vec::new();
        for type_name in payload_types {
            let method = carrier_method(type_name);
            if let Some(first) = methods.insert(method.clone(), type_name) {
                collisions.push((first, type_name, method.clone()));
            }
            self.names.carriers.insert(type_name.to_owned(), method);
        }
        let location = |name: &str| {
            self.catalog
                .type_decl(name)
                .map(|d| d.location)
                .unwrap_or_default()
        };
        let errors: Vec<Diagnostic> = collisions
            .into_iter()
            .map(|(first, second, method)| {
                let message = format!(
                    "the payload types `{first}` and `{second}` both give the generated method \
                     `ReceivedEvent::{method}`"
                );
                Diagnostic::error("name-collision", location(second), message)
                    .with_related(location(first), "the other type")
            })
            .collect();
        self.errors.extend(errors);
    }
}
