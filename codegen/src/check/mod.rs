//! Checking: a parsed catalog file becomes the [`Catalog`] model and its [`Names`]; errors
//! refuse the catalog, lints are reported and the catalog still loads.
//!
//! This module checks products, shared type names, events and their schema versions; the rest
//! is checked by concern: [`shapes`] (each node's shape and attributes), [`references`] (names
//! of shared types, item bounds on elements, recursion, and the type graph), [`defaults`]
//! (`default` values fit their fields), [`examples`] (sample payloads fit their versions),
//! [`limits`] (what a catalog may generate) and [`lints`]
//! (warnings). The names of the generated items are chosen last ([`crate::naming`]).

mod defaults;
mod examples;
mod fit;
pub mod limits;
mod lints;
mod references;
mod shapes;

use std::collections::{BTreeMap, BTreeSet};

use heck::ToUpperCamelCase;
use jiff::civil::Date;
use semver::Version;

use crate::diagnostic::{Diagnostic, Location};
use crate::load::catalog::{CatalogFile, Entries, EventDef, NodeDef, Spanned};
use crate::model::{
    Catalog, Event, Example, Lifecycle, Payload, Product, SchemaVersion, Shape, TypeDecl,
    is_kebab_words, parse_date, parse_event_name,
};
use crate::naming::{Names, PRELUDE_TYPE_NAMES, is_support_name, is_type_name};
use limits::Counted;
pub(crate) use references::{TypeGraph, recursive_aliases};
use shapes::NodeRole;

/// The wire name every payload carries implicitly.
pub const SCHEMA_VERSION_FIELD: &str = "schemaVersion";

/// A catalog that passed every check, with the Rust name of every item it generates.
pub(crate) type Checked = (Catalog, Names);

/// Checks `file`. Returns the model and its names when there is no error, and every diagnostic
/// in file order.
pub(crate) fn check(file: &CatalogFile) -> (Option<Checked>, Vec<Diagnostic>) {
    let mut checker = Checker::default();
    let catalog = checker.catalog(file);
    let mut diagnostics = checker.diagnostics;
    let no_errors = |diagnostics: &[Diagnostic]| {
        !diagnostics
            .iter()
            .any(|d| d.severity == crate::diagnostic::Severity::Error)
    };
    // Nesting is measured on a catalog without other errors, recursive types included.
    if no_errors(&diagnostics) {
        diagnostics.extend(limits::check_nesting(&catalog));
    }
    // The names of generated items are chosen on a catalog without other errors, so that every
    // front end (`check` included) refuses a name collision before anything is generated.
    let mut names = None;
    if no_errors(&diagnostics) {
        match Names::of(&catalog) {
            Ok(chosen) => names = Some(chosen),
            Err(collisions) => diagnostics.extend(collisions),
        }
    }
    diagnostics.sort_by_key(|d| d.location.line);
    let checked = names.filter(|_| no_errors(&diagnostics));
    (checked.map(|names| (catalog, names)), diagnostics)
}

/// The catalog as far as `file` checks, errors or not: what is left of each item that has
/// errors. Only for a best-effort look at a catalog that [`check`] refused.
pub(crate) fn as_far_as_it_checks(file: &CatalogFile) -> Catalog {
    Checker::default().catalog(file)
}

#[derive(Default)]
struct Checker {
    diagnostics: Vec<Diagnostic>,
    /// Every reference to a shared type, to check once all types are known.
    type_refs: Vec<(String, Location)>,
    /// Types that are declared but were refused: references to them are not unknown.
    refused_types: BTreeSet<String>,
    /// Every shared type used as an array item, map value or `one_of` member, to check once all
    /// types are known that none of them carries item bounds.
    element_types: Vec<(String, Location)>,
}

impl Checker {
    fn error(&mut self, code: &'static str, location: Location, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::error(code, location, message));
    }

    fn warning(&mut self, code: &'static str, location: Location, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::warning(code, location, message));
    }

    /// False, with a `limit` error at the first item past the limit, when `items` are more than
    /// `what` allows.
    fn within_limit<T>(&mut self, what: Counted, items: &[T], at: impl Fn(&T) -> Location) -> bool {
        let Some(past) = items.get(what.limit()) else {
            return true;
        };
        self.diagnostics
            .push(limits::too_many(what, items.len(), at(past)));
        false
    }

    fn catalog(&mut self, file: &CatalogFile) -> Catalog {
        let products = self.products(&file.products);
        let types = self.types(&file.types);
        let events = self.events(&file.events, &products, &types_by_name(&types));
        let catalog = Catalog {
            products,
            types,
            events,
        };
        self.check_type_refs(&catalog);
        self.check_bounded_elements(&catalog);
        self.check_recursion(&catalog);
        self.lint_payload_depth(&catalog);
        self.check_defaults(&catalog);
        if !self
            .diagnostics
            .iter()
            .any(|d| d.severity == crate::diagnostic::Severity::Error)
        {
            self.diagnostics.extend(examples::check_examples(&catalog));
        }
        self.check_family_sizes(&catalog);
        self.diagnostics.extend(limits::check_size(&catalog));
        self.lint_families(&catalog);
        catalog
    }

    fn products(
        &mut self,
        entries: &Entries<crate::load::catalog::ProductDef>,
    ) -> BTreeMap<String, Product> {
        let mut products = BTreeMap::new();
        for (id, def) in &entries.0 {
            if let Err(reason) = check_product_id(&id.value) {
                self.error(
                    "product-id",
                    Location::of(id),
                    format!("product id `{}` {reason}", id.value),
                );
            }
            let product = Product {
                id: id.value.clone(),
                title: def.title.clone(),
                doc: def.doc.clone(),
            };
            if products.insert(id.value.clone(), product).is_some() {
                self.error(
                    "duplicate-product",
                    Location::of(id),
                    format!("product `{}` is declared twice", id.value),
                );
            }
        }
        products
    }

    fn types(&mut self, entries: &Entries<NodeDef>) -> Vec<TypeDecl> {
        let mut types: Vec<TypeDecl> = Vec::new();
        let mut declared: BTreeMap<&str, Location> = BTreeMap::new();
        for (name, node) in &entries.0 {
            let location = Location::of(name);
            if !is_type_name(&name.value) {
                self.error(
                    "type-name",
                    location,
                    format!(
                        "type name `{}` is not an UpperCamelCase identifier (try `{}`)",
                        name.value,
                        name.value.to_upper_camel_case()
                    ),
                );
            } else if name.value == "Self" {
                self.error(
                    "type-name",
                    location,
                    "type name `Self` is a Rust keyword and cannot name a type",
                );
            } else if PRELUDE_TYPE_NAMES.contains(&name.value.as_str())
                || is_support_name(&name.value)
            {
                self.error(
                    "type-name",
                    location,
                    format!(
                        "type name `{}` is reserved: generated code uses it",
                        name.value
                    ),
                );
            }
            if let Some(&first) = declared.get(name.value.as_str()) {
                self.diagnostics.push(
                    Diagnostic::error(
                        "duplicate-type",
                        location,
                        format!("type `{}` is declared twice", name.value),
                    )
                    .with_related(first, "first declared here"),
                );
                continue;
            }
            declared.insert(&name.value, location);
            let Some(shape) = self.shape(node, location, NodeRole::TypeDecl) else {
                self.refused_types.insert(name.value.clone());
                continue;
            };
            types.push(TypeDecl {
                name: name.value.clone(),
                doc: node.doc.clone(),
                shape,
                location,
            });
        }
        types
    }

    fn events(
        &mut self,
        defs: &[Spanned<EventDef>],
        products: &BTreeMap<String, Product>,
        types: &TypesByName,
    ) -> Vec<Event> {
        let mut events: Vec<Event> = Vec::new();
        let mut declared: BTreeMap<String, Location> = BTreeMap::new();
        for def in defs {
            let Some(event) = self.event(&def.value, products, types) else {
                continue;
            };
            if let Some(&first) = declared.get(&event.name) {
                self.diagnostics.push(
                    Diagnostic::error(
                        "duplicate-event",
                        event.location,
                        format!("event `{}` is declared twice", event.name),
                    )
                    .with_related(first, "first declared here"),
                );
                continue;
            }
            declared.insert(event.name.clone(), event.location);
            events.push(event);
        }
        events
    }

    fn event(
        &mut self,
        def: &EventDef,
        products: &BTreeMap<String, Product>,
        types: &TypesByName,
    ) -> Option<Event> {
        let location = Location::of(&def.name);
        let name = &def.name.value;
        let parsed_name = self.event_name(name, location);
        if !products.contains_key(&def.product.value) {
            let known: Vec<&str> = products.keys().map(String::as_str).collect();
            self.error(
                "unknown-product",
                Location::of(&def.product),
                format!(
                    "unknown product `{}` (declared products: {})",
                    def.product.value,
                    known.join(", ")
                ),
            );
        }
        let active = self.date(&def.active_date);
        let deprecated = def.deprecation_date.as_ref().map(|d| self.date(d));
        let sunset = def.sunset_date.as_ref().map(|d| self.date(d));

        if def.schema_versions.is_empty() {
            self.error(
                "no-schema-version",
                location,
                format!("event `{name}` lists no schema version"),
            );
        }
        let major = parsed_name.as_ref().map(|(_, major)| *major);
        let schema_versions = self.schema_versions(def, major, types);

        let (family, major) = parsed_name?;
        let lifecycle = Lifecycle {
            active: active?,
            deprecated: deprecated.flatten(),
            sunset: sunset.flatten(),
        };
        if deprecated.is_some_and(|d| d.is_none()) || sunset.is_some_and(|d| d.is_none()) {
            return None;
        }
        let event = Event {
            name: name.clone(),
            family,
            major,
            product: def.product.value.clone(),
            direction: def.direction.value,
            status: def.status.value,
            lifecycle,
            doc: def.doc.clone(),
            schema_versions,
            location,
        };
        self.lint_lifecycle(def, &event);
        Some(event)
    }

    /// The family and major of an event name, after checking its form.
    fn event_name(&mut self, name: &str, location: Location) -> Option<(String, u64)> {
        let parsed_name = parse_event_name(name);
        match &parsed_name {
            None => self.error(
                "event-name",
                location,
                format!(
                    "event name `{name}` is not of the form `<family>-v<N>` \
                     (lowercase words joined by `-`, then `-v` and a version number)"
                ),
            ),
            Some((family, _)) if family == "self" => self.error(
                "event-name",
                location,
                format!(
                    "event name `{name}`: the family `self` is reserved, since its Rust family \
                     enum would be the keyword `Self`"
                ),
            ),
            Some(_) => {}
        }
        parsed_name
    }

    /// The schema versions of an event that check, each after the one before it.
    fn schema_versions(
        &mut self,
        def: &EventDef,
        major: Option<u64>,
        types: &TypesByName,
    ) -> Vec<SchemaVersion> {
        let mut schema_versions: Vec<SchemaVersion> = Vec::new();
        for version_def in &def.schema_versions {
            let Some(version) = self.schema_version(&version_def.value, major, types) else {
                continue;
            };
            if let Some(previous) = schema_versions.last()
                && version.version <= previous.version
            {
                self.diagnostics.push(
                    Diagnostic::error(
                        "schema-version-order",
                        version.location,
                        format!(
                            "schema version {} must come after {}: list each version once, oldest first",
                            version.version, previous.version
                        ),
                    )
                    .with_related(previous.location, "previous version"),
                );
                continue;
            }
            schema_versions.push(version);
        }
        schema_versions
    }

    fn schema_version(
        &mut self,
        def: &crate::load::catalog::SchemaVersionDef,
        major: Option<u64>,
        types: &TypesByName,
    ) -> Option<SchemaVersion> {
        let location = Location::of(&def.version);
        let version = match Version::parse(&def.version.value) {
            Ok(version) => version,
            Err(err) => {
                self.error(
                    "schema-version",
                    location,
                    format!(
                        "schema version `{}` is not a semantic version such as 1.0.0: {err}",
                        def.version.value
                    ),
                );
                return None;
            }
        };
        if let Some(major) = major
            && version.major != major
        {
            self.error(
                "schema-version-major",
                location,
                format!(
                    "schema version {version} has major {} but the event name ends in -v{major}",
                    version.major
                ),
            );
        }
        let payload = self.payload(def, location, types)?;
        Some(SchemaVersion {
            version,
            doc: def.doc.clone(),
            payload,
            example: def.example.as_ref().map(|text| Example {
                json: text.value.trim_end().to_owned(),
                location: Location::of(text),
            }),
            location,
        })
    }

    /// The payload of a schema version: its own `fields`, or a shared object type.
    fn payload(
        &mut self,
        def: &crate::load::catalog::SchemaVersionDef,
        location: Location,
        types: &TypesByName,
    ) -> Option<Payload> {
        let payload = match (&def.fields, &def.payload) {
            (Some(fields), None) => Payload::Fields(self.fields(&fields.value)?),
            (None, Some(type_name)) => {
                let type_location = Location::of(type_name);
                match types.get(type_name.value.as_str()).copied() {
                    Some(TypeDecl {
                        shape: Shape::Object(fields),
                        ..
                    }) => {
                        if let Some(field) =
                            fields.iter().find(|f| f.wire_name == SCHEMA_VERSION_FIELD)
                        {
                            self.reserved_field(field.location);
                        }
                    }
                    Some(_) => self.error(
                        "payload-type",
                        type_location,
                        format!(
                            "payload type `{}` is not an object type (it needs `fields`)",
                            type_name.value
                        ),
                    ),
                    None => self
                        .type_refs
                        .push((type_name.value.clone(), type_location)),
                }
                Payload::Type(type_name.value.clone())
            }
            (Some(_), Some(type_name)) => {
                self.error(
                    "payload",
                    Location::of(type_name),
                    "a schema version has either `fields` or `payload`, not both",
                );
                return None;
            }
            (None, None) => {
                self.error(
                    "payload",
                    location,
                    "a schema version needs `fields` (an empty mapping `{}` when the payload \
                     has only its schemaVersion) or `payload: <object type>`",
                );
                return None;
            }
        };
        if let Payload::Fields(fields) = &payload
            && let Some(field) = fields.iter().find(|f| f.wire_name == SCHEMA_VERSION_FIELD)
        {
            self.reserved_field(field.location);
        }
        Some(payload)
    }

    fn reserved_field(&mut self, location: Location) {
        self.error(
            "reserved-field",
            location,
            "`schemaVersion` is implicit: every payload carries its schema version, so do not \
             declare it",
        );
    }

    fn date(&mut self, text: &Spanned<String>) -> Option<Date> {
        let parsed = parse_date(&text.value);
        if parsed.is_none() {
            self.error(
                "date",
                Location::of(text),
                format!(
                    "`{}` is not a valid date of the form YYYY-MM-DD",
                    text.value
                ),
            );
        }
        parsed
    }
}

/// The shared types by name, for lookups in time logarithmic in their number.
type TypesByName<'a> = BTreeMap<&'a str, &'a TypeDecl>;

fn types_by_name(types: &[TypeDecl]) -> TypesByName<'_> {
    types.iter().map(|t| (t.name.as_str(), t)).collect()
}

/// Why a product id cannot be used, if it cannot: ids follow the word rules of event families,
/// so that each gives a distinct `Product` variant, and `self` would give the keyword `Self`.
fn check_product_id(id: &str) -> Result<(), &'static str> {
    if !is_kebab_words(id) {
        Err(
            "is not lowercase words joined by `-` (each word starts with a letter and holds \
             lowercase letters and digits), like `agent-workspace`",
        )
    } else if id == "self" {
        Err("is reserved: its Rust variant would be the keyword `Self`")
    } else {
        Ok(())
    }
}
