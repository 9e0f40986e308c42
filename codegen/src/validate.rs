//! Checks a parsed catalog file and builds the [`Catalog`] model: errors refuse the catalog,
//! lints are reported and the catalog still loads.

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToSnakeCase, ToUpperCamelCase};
use jiff::civil::Date;
use semver::Version;
use serde_json::Value;

use crate::catalog::{CatalogFile, Entries, EventDef, NodeDef, ShapeRef, Spanned, Status};
use crate::diagnostic::{Diagnostic, Location};
use crate::example;
use crate::limits::{self, Counted};
use crate::model::{
    Catalog, Constant, Element, Event, Example, Field, ItemBounds, Lifecycle, Payload, Product,
    Scalar, SchemaVersion, Shape, TypeDecl,
};

/// The wire name every payload carries implicitly.
pub const SCHEMA_VERSION_FIELD: &str = "schemaVersion";

/// Prelude names a shared type may not take: generated items stand in the partner's module, where
/// they would shadow the prelude. The support items eventcat generates are reserved too
/// ([`crate::plan::SUPPORT_NAMES`]).
const PRELUDE_TYPE_NAMES: &[&str] = &[
    "Box", "Err", "None", "Ok", "Option", "Result", "Some", "String", "Vec",
];

/// Every name a shared type may not take, sorted: the prelude names, the generated support
/// items and the keyword `Self`.
pub fn reserved_type_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = PRELUDE_TYPE_NAMES
        .iter()
        .chain(crate::plan::SUPPORT_NAMES)
        .chain(&["Self"])
        .copied()
        .collect();
    names.sort_unstable();
    names
}

/// The most schema versions a family may have, counted over all its events: eventcat generates a
/// conversion between every two of them, so the output grows with the square of this number.
pub const MAX_FAMILY_VERSIONS: usize = 64;

/// Where item bounds may stand, for the messages that refuse them elsewhere.
const ONLY_FIELDS_ARE_BOUNDED: &str = "only a field's own array, or a type declared as an array \
     and used as a field's type, can carry `min_items` and `max_items`";

/// Rust keywords, which become raw identifiers (`r#type`).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; they get a trailing underscore instead.
const NON_RAW_KEYWORDS: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Validates `file`. Returns the model when there is no error, and every diagnostic in file order.
pub fn validate(file: &CatalogFile) -> (Option<Catalog>, Vec<Diagnostic>) {
    let mut checker = Checker::default();
    let catalog = checker.catalog(file);
    let mut diagnostics = checker.diagnostics;
    // The names of generated items are checked on a catalog without other errors, so that every
    // front end (`check` included) refuses a name collision before anything is generated.
    let no_errors = |diagnostics: &[Diagnostic]| {
        !diagnostics
            .iter()
            .any(|d| d.severity == crate::diagnostic::Severity::Error)
    };
    // Nesting is measured on a catalog without other errors, recursive types included.
    if no_errors(&diagnostics) {
        diagnostics.extend(limits::check_nesting(&catalog));
    }
    if no_errors(&diagnostics) {
        diagnostics.extend(crate::plan::check_names(&catalog));
    }
    diagnostics.sort_by_key(|d| d.location.line);
    let has_errors = diagnostics
        .iter()
        .any(|d| d.severity == crate::diagnostic::Severity::Error);
    ((!has_errors).then_some(catalog), diagnostics)
}

/// Where a node stands, which decides the attributes it may carry.
#[derive(Clone, Copy, PartialEq, Eq)]
enum NodeRole {
    Field,
    TypeDecl,
    Element,
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
        self.check_defaults(&catalog);
        if !self
            .diagnostics
            .iter()
            .any(|d| d.severity == crate::diagnostic::Severity::Error)
        {
            self.diagnostics.extend(example::check_examples(&catalog));
        }
        self.check_family_sizes(&catalog);
        self.diagnostics.extend(limits::check_size(&catalog));
        self.lint_families(&catalog);
        catalog
    }

    fn products(
        &mut self,
        entries: &Entries<crate::catalog::ProductDef>,
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
                || crate::plan::SUPPORT_NAMES.contains(&name.value.as_str())
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

    fn schema_version(
        &mut self,
        def: &crate::catalog::SchemaVersionDef,
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

    fn reserved_field(&mut self, location: Location) {
        self.error(
            "reserved-field",
            location,
            "`schemaVersion` is implicit: every payload carries its schema version, so do not \
             declare it",
        );
    }

    fn date(&mut self, text: &Spanned<String>) -> Option<Date> {
        let parsed = crate::select::parse_date(&text.value);
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

    /// The fields of an object, with their Rust names checked for collisions.
    fn fields(&mut self, entries: &Entries<NodeDef>) -> Option<Vec<Field>> {
        let mut fields: Vec<Field> = Vec::new();
        // Each Rust name taken, without `r#` (`r#a` and `a` are one identifier to rustc), with
        // the index of the field that took it.
        let mut taken: BTreeMap<String, usize> = BTreeMap::new();
        let mut ok = self.within_limit(Counted::Fields, &entries.0, |(name, _)| Location::of(name));
        for (wire_name, node) in &entries.0 {
            let location = Location::of(wire_name);
            let shape = self.shape(node, location, NodeRole::Field);
            let rust_name = match &node.rust_name {
                Some(explicit) => {
                    if is_field_name(&explicit.value) {
                        Some(explicit.value.clone())
                    } else {
                        let hint = if KEYWORDS.contains(&explicit.value.as_str()) {
                            format!(" (a keyword: write `r#{}`)", explicit.value)
                        } else {
                            String::new()
                        };
                        self.error(
                            "rust-name",
                            Location::of(explicit),
                            format!(
                                "`{}` is not a snake_case Rust identifier{hint}",
                                explicit.value
                            ),
                        );
                        None
                    }
                }
                None => Some(rust_field_name(&wire_name.value)),
            };
            let (Some(shape), Some(rust_name)) = (shape, rust_name) else {
                ok = false;
                continue;
            };
            let bare = rust_name.trim_start_matches("r#").to_owned();
            if let Some(first) = taken.get(&bare).map(|&i| &fields[i]) {
                let message = format!(
                    "fields `{}` and `{}` both become the Rust field `{rust_name}`; \
                     give one of them a `rust_name`",
                    first.wire_name, wire_name.value
                );
                let first = first.location;
                self.diagnostics.push(
                    Diagnostic::error("rust-name-collision", location, message)
                        .with_related(first, "the other field"),
                );
                ok = false;
                continue;
            }
            taken.insert(bare, fields.len());
            fields.push(Field {
                wire_name: wire_name.value.clone(),
                rust_name,
                doc: node.doc.clone(),
                optional: node.optional.as_ref().is_some_and(|o| o.value),
                nullable: node.nullable.as_ref().is_some_and(|n| n.value),
                default: node.default.as_ref().map(|d| d.value.clone()),
                shape,
                location,
            });
        }
        ok.then_some(fields)
    }

    /// The shape of a node, after checking it has exactly one shape key and only the attributes
    /// its role allows.
    fn shape(&mut self, node: &NodeDef, location: Location, role: NodeRole) -> Option<Shape> {
        self.check_attributes(node, role);
        let keys: Vec<(&str, Location)> = [
            node.type_name.as_ref().map(|n| ("type", Location::of(n))),
            node.constant.as_ref().map(|n| ("const", Location::of(n))),
            node.variants.as_ref().map(|n| ("enum", Location::of(n))),
            node.fields.as_ref().map(|n| ("fields", Location::of(n))),
            node.array.as_ref().map(|n| ("array", Location::of(n))),
            node.map.as_ref().map(|n| ("map", Location::of(n))),
            node.one_of.as_ref().map(|n| ("one_of", Location::of(n))),
        ]
        .into_iter()
        .flatten()
        .collect();
        let is_typed_const = keys.len() == 2 && keys[0].0 == "type" && keys[1].0 == "const";
        if keys.is_empty() {
            self.error(
                "shape",
                location,
                "no shape: give exactly one of `type`, `const`, `enum`, `fields`, `array`, `map`, `one_of`",
            );
            return None;
        }
        if keys.len() > 1 && !is_typed_const {
            let names: Vec<&str> = keys.iter().map(|(k, _)| *k).collect();
            self.error(
                "shape",
                keys[1].1,
                format!(
                    "more than one shape key ({}): give exactly one (only `const` may come with a scalar `type`)",
                    names.join(", ")
                ),
            );
            return None;
        }
        let shape_key = if is_typed_const { "const" } else { keys[0].0 };
        let bounds = self.item_bounds(node, role, shape_key);
        if let Some(constant) = &node.constant {
            let declared = node.type_name.as_ref();
            return self.constant(constant, declared).map(Shape::Const);
        }
        if let Some(type_name) = &node.type_name {
            let loc = Location::of(type_name);
            return Some(match Scalar::from_keyword(&type_name.value) {
                Some(scalar) => Shape::Scalar(scalar),
                None => {
                    self.type_refs.push((type_name.value.clone(), loc));
                    Shape::Named(type_name.value.clone())
                }
            });
        }
        if let Some(variants) = &node.variants {
            return self.variants(variants).map(Shape::Enum);
        }
        if let Some(fields) = &node.fields {
            return self.fields(&fields.value).map(Shape::Object);
        }
        if let Some(element) = &node.array {
            return self
                .element(element)
                .map(|e| Shape::Array(Box::new(e), bounds));
        }
        if let Some(element) = &node.map {
            return self.element(element).map(|e| Shape::Map(Box::new(e)));
        }
        let members = node.one_of.as_ref()?;
        if members.value.len() < 2 {
            self.error(
                "one-of",
                Location::of(members),
                "`one_of` needs at least two members",
            );
            return None;
        }
        if !self.within_limit(Counted::Members, &members.value, Location::of) {
            return None;
        }
        let elements: Vec<Option<Element>> =
            members.value.iter().map(|m| self.element(m)).collect();
        elements
            .into_iter()
            .collect::<Option<Vec<_>>>()
            .map(Shape::OneOf)
    }

    fn check_attributes(&mut self, node: &NodeDef, role: NodeRole) {
        let role_name = match role {
            NodeRole::Field => return,
            NodeRole::TypeDecl => "a type declaration",
            NodeRole::Element => "an array item, map value or `one_of` member",
        };
        let mut misplaced: Vec<(&str, Location)> = Vec::new();
        if let Some(o) = &node.optional {
            misplaced.push(("optional", Location::of(o)));
        }
        if let Some(d) = &node.default {
            misplaced.push(("default", Location::of(d)));
        }
        if let Some(r) = &node.rust_name {
            misplaced.push(("rust_name", Location::of(r)));
        }
        if role == NodeRole::TypeDecl
            && let Some(n) = &node.nullable
        {
            misplaced.push(("nullable", Location::of(n)));
        }
        for (key, location) in misplaced {
            self.error(
                "misplaced-key",
                location,
                format!("`{key}` is not allowed on {role_name}; it belongs on a field"),
            );
        }
    }

    /// The bounds `min_items` and `max_items` put on the length of an array, checked: they stand
    /// only beside `array` on a field or a type declaration, each is a whole number that fits a
    /// `u64`, and the minimum is not above the maximum. What is wrong is reported and left out.
    fn item_bounds(&mut self, node: &NodeDef, role: NodeRole, shape_key: &str) -> ItemBounds {
        let given: Vec<(&'static str, &Spanned<Value>)> = [
            ("min_items", node.min_items.as_ref()),
            ("max_items", node.max_items.as_ref()),
        ]
        .into_iter()
        .filter_map(|(key, value)| value.map(|value| (key, value)))
        .collect();
        if given.is_empty() {
            return ItemBounds::NONE;
        }
        if node.array.is_none() {
            for (key, value) in given {
                self.error(
                    "item-bounds-not-array",
                    Location::of(value),
                    format!(
                        "`{key}` bounds the length of an array, but this shape is given by \
                         `{shape_key}`: write it beside `array` on a field or on a type \
                         declared as an array (a shared array type is bounded on its declaration)"
                    ),
                );
            }
            return ItemBounds::NONE;
        }
        if role == NodeRole::Element {
            for (key, value) in given {
                self.error(
                    "item-bounds-nested",
                    Location::of(value),
                    format!(
                        "`{key}` is not allowed on an array nested as an array item, map value \
                         or `one_of` member: {ONLY_FIELDS_ARE_BOUNDED}"
                    ),
                );
            }
            return ItemBounds::NONE;
        }
        let mut count = |key: &str, value: Option<&Spanned<Value>>| {
            let value = value?;
            let count = value.value.as_u64();
            if count.is_none() {
                // A whole number past `u64::MAX`, or written as `2.0`, arrives as a float.
                let float = value
                    .value
                    .as_f64()
                    .filter(|n| !value.value.is_i64() && n.fract() == 0.0);
                let hint = match (&value.value, float) {
                    (Value::String(_), _) => " (write the number without quotes)",
                    (_, Some(n)) if n >= u64::MAX as f64 => " (too large)",
                    (_, Some(n)) if n >= 0.0 => " (write it without a fraction)",
                    _ => "",
                };
                self.error(
                    "item-bounds-value",
                    Location::of(value),
                    format!(
                        "`{key}` must be a whole number of items from 0 to {}, not {}{hint}",
                        u64::MAX,
                        value.value
                    ),
                );
            }
            count
        };
        let min = count("min_items", node.min_items.as_ref());
        let max = count("max_items", node.max_items.as_ref());
        if let (Some(low), Some(high), Some(min_value), Some(max_value)) =
            (min, max, &node.min_items, &node.max_items)
            && low > high
        {
            self.diagnostics.push(
                Diagnostic::error(
                    "item-bounds-order",
                    Location::of(min_value),
                    format!(
                        "`min_items` {low} is greater than `max_items` {high}: no array fits \
                         both"
                    ),
                )
                .with_related(Location::of(max_value), "the `max_items`"),
            );
            return ItemBounds::NONE;
        }
        ItemBounds { min, max }
    }

    fn element(&mut self, element: &Spanned<ShapeRef>) -> Option<Element> {
        let location = Location::of(element);
        let element = match &element.value {
            ShapeRef::Name(name) => {
                let shape = match Scalar::from_keyword(name) {
                    Some(scalar) => Shape::Scalar(scalar),
                    None => {
                        self.type_refs.push((name.clone(), location));
                        Shape::Named(name.clone())
                    }
                };
                Element {
                    shape,
                    nullable: false,
                }
            }
            ShapeRef::Def(node) => Element {
                shape: self.shape(node, location, NodeRole::Element)?,
                nullable: node.nullable.as_ref().is_some_and(|n| n.value),
            },
        };
        if let Shape::Named(name) = &element.shape {
            self.element_types.push((name.clone(), location));
        }
        Some(element)
    }

    fn variants(&mut self, variants: &Spanned<Vec<Spanned<String>>>) -> Option<Vec<String>> {
        if variants.value.is_empty() {
            self.error(
                "enum",
                Location::of(variants),
                "an enum needs at least one value",
            );
            return None;
        }
        if !self.within_limit(Counted::EnumValues, &variants.value, Location::of) {
            return None;
        }
        let mut values: Vec<String> = Vec::new();
        let mut listed: BTreeSet<&str> = BTreeSet::new();
        let mut rust_names: BTreeMap<String, &str> = BTreeMap::new();
        for variant in &variants.value {
            let location = Location::of(variant);
            if !listed.insert(&variant.value) {
                self.error(
                    "enum",
                    location,
                    format!("enum value `{}` is listed twice", variant.value),
                );
                return None;
            }
            let rust = enum_variant_name(&variant.value);
            if let Some(other) = rust_names.insert(rust.clone(), &variant.value) {
                self.error(
                    "enum",
                    location,
                    format!(
                        "enum values `{other}` and `{}` both become the Rust variant `{rust}`",
                        variant.value
                    ),
                );
                return None;
            }
            values.push(variant.value.clone());
        }
        Some(values)
    }

    fn constant(
        &mut self,
        constant: &Spanned<Value>,
        declared: Option<&Spanned<String>>,
    ) -> Option<Constant> {
        let location = Location::of(constant);
        let value = match &constant.value {
            Value::String(s) => Constant::String(s.clone()),
            Value::Bool(b) => Constant::Boolean(*b),
            Value::Number(n) => match n.as_i64() {
                Some(i) => Constant::Integer(i),
                None if n.is_u64() => {
                    self.error(
                        "const-kind",
                        location,
                        format!(
                            "integer constant {n} is out of range: an integer is an `i64`, \
                             from {} to {}",
                            i64::MIN,
                            i64::MAX
                        ),
                    );
                    return None;
                }
                None => Constant::Number(n.as_f64().unwrap_or_default()),
            },
            Value::Null | Value::Array(_) | Value::Object(_) => {
                self.error(
                    "const-kind",
                    location,
                    "a constant must be a string, a number or a boolean",
                );
                return None;
            }
        };
        let Some(declared) = declared else {
            return Some(value);
        };
        let fits = match Scalar::from_keyword(&declared.value) {
            Some(Scalar::Number) => matches!(value, Constant::Integer(_) | Constant::Number(_)),
            Some(scalar) => value.scalar() == scalar,
            None => {
                self.error(
                    "const-kind",
                    Location::of(declared),
                    format!(
                        "a constant's `type` must be a scalar (string, integer, number, boolean), not `{}`",
                        declared.value
                    ),
                );
                return None;
            }
        };
        if !fits {
            self.error(
                "const-kind",
                location,
                format!(
                    "constant {} is a {}, but its type is `{}`",
                    constant.value,
                    value.scalar().as_str(),
                    declared.value
                ),
            );
            return None;
        }
        Some(match (value, Scalar::from_keyword(&declared.value)) {
            (Constant::Integer(i), Some(Scalar::Number)) => Constant::Number(i as f64),
            (value, _) => value,
        })
    }

    fn check_type_refs(&mut self, catalog: &Catalog) {
        let refs = std::mem::take(&mut self.type_refs);
        let types = types_by_name(&catalog.types);
        // The first declared name of each spelling in lowercase, for a hint.
        let mut folded: BTreeMap<String, &str> = BTreeMap::new();
        for decl in &catalog.types {
            folded
                .entry(decl.name.to_ascii_lowercase())
                .or_insert(&decl.name);
        }
        for (name, location) in refs {
            if !types.contains_key(name.as_str()) && !self.refused_types.contains(&name) {
                let hint = folded
                    .get(&name.to_ascii_lowercase())
                    .map(|k| format!("; did you mean `{k}`?"))
                    .unwrap_or_default();
                self.error(
                    "unknown-type",
                    location,
                    format!(
                        "unknown type `{name}`: not a scalar (string, integer, number, boolean) \
                         nor a declared type{hint}"
                    ),
                );
            }
        }
    }

    /// A shared type with item bounds (declared as a bounded array, or naming one through
    /// aliases) may be a field's type only, not an array item, map value or `one_of` member.
    fn check_bounded_elements(&mut self, catalog: &Catalog) {
        let refs = std::mem::take(&mut self.element_types);
        let bounds = catalog.type_item_bounds();
        let types = types_by_name(&catalog.types);
        for (name, location) in refs {
            let Some(stated) = bounds.get(name.as_str()).filter(|b| !b.is_none()) else {
                continue;
            };
            let via = match types.get(name.as_str()).map(|d| &d.shape) {
                Some(Shape::Array(..)) => String::new(),
                _ => " through its aliases".to_owned(),
            };
            self.error(
                "item-bounds-nested",
                location,
                format!(
                    "type `{name}` has item bounds ({stated}){via}, so it cannot be an array \
                     item, map value or `one_of` member: {ONLY_FIELDS_ARE_BOUNDED}"
                ),
            );
        }
    }

    /// A type that contains itself with no array or map between has no finite size.
    ///
    /// The types that do are those on a cycle of the "holds directly" graph; its strongly
    /// connected components are found once, in linear time, and the chain reported for each such
    /// type is searched within its component only.
    fn check_recursion(&mut self, catalog: &Catalog) {
        let graph = TypeGraph::new(catalog, direct_refs);
        let components = graph.components();
        let cyclic = graph.cyclic(&components);
        for (index, decl) in catalog.types.iter().enumerate() {
            if !cyclic[index] {
                continue;
            }
            let mut path = vec![decl.name.clone()];
            let mut seen = BTreeSet::new();
            graph.cycle_path(index, index, &components, &mut path, &mut seen);
            self.error(
                "recursive-type",
                decl.location,
                format!(
                    "type `{}` contains itself ({}) with no array or map between, so it \
                     has no finite size; wrap the reference in an `array` or `map`",
                    decl.name,
                    path.join(" -> ")
                ),
            );
        }
    }

    fn check_defaults(&mut self, catalog: &Catalog) {
        let mut objects: Vec<&[Field]> = Vec::new();
        for decl in &catalog.types {
            collect_objects(&decl.shape, &mut objects);
        }
        for event in &catalog.events {
            for version in &event.schema_versions {
                if let Payload::Fields(fields) = &version.payload {
                    objects.push(fields);
                    for field in fields {
                        collect_objects(&field.shape, &mut objects);
                    }
                }
            }
        }
        for field in objects.into_iter().flatten() {
            let Some(default) = &field.default else {
                continue;
            };
            if let Err(reason) = fits(catalog, default, &field.shape, field.nullable, "") {
                self.error(
                    "default",
                    field.location,
                    format!(
                        "default {default} of field `{}` does not fit its type: {reason}",
                        field.wire_name
                    ),
                );
            }
        }
    }

    fn lint_lifecycle(&mut self, def: &EventDef, event: &Event) {
        let Lifecycle {
            active,
            deprecated,
            sunset,
        } = event.lifecycle;
        let name = &event.name;
        let deprecation_location = def.deprecation_date.as_ref().map(Location::of);
        let sunset_location = def.sunset_date.as_ref().map(Location::of);
        if let (Some(deprecated), Some(location)) = (deprecated, deprecation_location)
            && deprecated < active
        {
            self.warning(
                "deprecated-before-active",
                location,
                format!(
                    "`{name}` is deprecated on {deprecated}, before it became active on {active}"
                ),
            );
        }
        if let (Some(sunset), Some(location)) = (sunset, sunset_location) {
            if deprecated.is_some_and(|d| sunset < d) {
                self.warning(
                    "sunset-before-deprecated",
                    location,
                    format!(
                        "`{name}` is sunset on {sunset}, before its deprecation on {}",
                        deprecated.unwrap_or(active)
                    ),
                );
            }
            if sunset < active {
                self.warning(
                    "sunset-before-active",
                    location,
                    format!("`{name}` is sunset on {sunset}, before it became active on {active}"),
                );
            }
        }
        let status_location = Location::of(&def.status);
        match event.status {
            Status::Active if deprecated.is_some() => self.warning(
                "active-with-deprecation-date",
                status_location,
                format!("`{name}` is declared active but has a deprecation date"),
            ),
            Status::Deprecated | Status::Sunset if deprecated.is_none() => self.warning(
                "deprecated-without-date",
                status_location,
                format!(
                    "`{name}` is declared {} but has no deprecation date",
                    crate::listing::status_word(event.status)
                ),
            ),
            _ => {}
        }
        if deprecated.is_some() && sunset.is_none() {
            self.warning(
                "deprecated-without-sunset",
                deprecation_location.unwrap_or(status_location),
                format!("`{name}` is deprecated but has no sunset date"),
            );
        }
    }

    /// A family (the schema versions of all its events) has at most [`MAX_FAMILY_VERSIONS`]
    /// members: a conversion is generated for every pair, so the output grows with the square.
    fn check_family_sizes(&mut self, catalog: &Catalog) {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for event in &catalog.events {
            let count = counts.entry(event.family.as_str()).or_default();
            for version in &event.schema_versions {
                *count += 1;
                if *count == MAX_FAMILY_VERSIONS + 1 {
                    self.error(
                        "too-many-versions",
                        version.location,
                        format!(
                            "the family `{}` has more than {MAX_FAMILY_VERSIONS} schema versions \
                             (counted over its events); eventcat generates a conversion between \
                             every two of them, so a family is limited to {MAX_FAMILY_VERSIONS}",
                            event.family
                        ),
                    );
                }
            }
        }
    }

    /// A newer version of a family should not become active before an older one. Each family
    /// is compared within itself; one with more events than [`MAX_FAMILY_VERSIONS`] is refused
    /// (`too-many-versions`) and not compared.
    fn lint_families(&mut self, catalog: &Catalog) {
        let mut families: BTreeMap<&str, Vec<&Event>> = BTreeMap::new();
        for event in &catalog.events {
            families.entry(&event.family).or_default().push(event);
        }
        for members in families.values() {
            if members.len() <= MAX_FAMILY_VERSIONS {
                self.lint_family(members);
            }
        }
    }

    fn lint_family(&mut self, members: &[&Event]) {
        for newer in members {
            for older in members {
                if older.major < newer.major && newer.lifecycle.active < older.lifecycle.active {
                    self.diagnostics.push(
                        Diagnostic::warning(
                            "newer-active-before-older",
                            newer.location,
                            format!(
                                "`{}` becomes active on {}, before the older `{}` (active on {})",
                                newer.name,
                                newer.lifecycle.active,
                                older.name,
                                older.lifecycle.active
                            ),
                        )
                        .with_related(older.location, "the older version"),
                    );
                }
            }
        }
    }
}

/// The shared types by name, for lookups in time logarithmic in their number.
type TypesByName<'a> = BTreeMap<&'a str, &'a TypeDecl>;

fn types_by_name(types: &[TypeDecl]) -> TypesByName<'_> {
    types.iter().map(|t| (t.name.as_str(), t)).collect()
}

/// Splits `aw-interaction-focus-v3` into its family and major.
pub fn parse_event_name(name: &str) -> Option<(String, u64)> {
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
fn is_kebab_words(text: &str) -> bool {
    !text.is_empty()
        && text.split('-').all(|word| {
            word.starts_with(|c: char| c.is_ascii_lowercase())
                && word
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
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

/// The Rust field name for a wire name: snake_case ASCII; keywords become raw identifiers.
///
/// Any wire name gives a valid identifier: a character that is not an ASCII letter or digit
/// becomes `u` and its hexadecimal code point between underscores (`x²` becomes `x_u00b2`; a name
/// of separators and symbols alone, which snake_case would drop, is escaped whole: `🎉` becomes
/// `u1f389`), and a name that would be empty or start with a digit gets the prefix `field_`.
pub fn rust_field_name(wire_name: &str) -> String {
    let mut snake = wire_name.to_snake_case();
    if snake.is_empty() {
        // Nothing but separators and symbols (`-`, `🎉`): escape every character.
        snake = wire_name.to_owned();
    }
    let mut name = String::with_capacity(snake.len());
    for c in snake.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            name.push(c.to_ascii_lowercase());
        } else {
            name.push_str(&format!("_u{:04x}_", u32::from(c)));
        }
    }
    // One underscore between words, none at the ends: `__` would trip `non_snake_case`.
    let mut name = name
        .split('_')
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, "field_");
    }
    if NON_RAW_KEYWORDS.contains(&name.as_str()) {
        name.push('_');
    } else if KEYWORDS.contains(&name.as_str()) {
        name.insert_str(0, "r#");
    }
    name
}

/// UpperCamelCase ASCII for any text: a character that is not an ASCII letter or digit becomes
/// `U` and its hexadecimal code point (`½` becomes `U00BD`); a text of separators and symbols
/// alone, which UpperCamelCase would drop, is escaped whole (`-` becomes `U002D`). The result
/// may be empty or start with a digit.
pub fn upper_camel_ascii(text: &str) -> String {
    let mut camel = text.to_upper_camel_case();
    if camel.is_empty() {
        // Nothing but separators and symbols (`-`, `🎉`): escape every character.
        camel = text.to_owned();
    }
    let mut name = String::new();
    for c in camel.chars() {
        if c.is_ascii_alphanumeric() {
            name.push(c);
        } else {
            name.push_str(&format!("U{:04X}", u32::from(c)));
        }
    }
    name
}

/// The Rust variant name for an enum value: UpperCamelCase ASCII ([`upper_camel_ascii`]), with a
/// `V` in front when it would be empty, start with a digit or be the keyword `Self`.
pub fn enum_variant_name(value: &str) -> String {
    let mut name = upper_camel_ascii(value);
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) || name == "Self" {
        name.insert(0, 'V');
    }
    name
}

fn is_type_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
        && name.to_upper_camel_case() == name
}

fn is_field_name(name: &str) -> bool {
    let bare = name.strip_prefix("r#").unwrap_or(name);
    bare.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        && !bare.contains("__")
        && bare
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !NON_RAW_KEYWORDS.contains(&bare)
        && (name.starts_with("r#") || !KEYWORDS.contains(&bare))
}

/// Calls its visitor with each type name a shape refers to, by some rule.
pub(crate) type ShapeRefs = fn(&Shape, &mut dyn FnMut(&str));

/// A graph of the shared types, with an edge from a type to each type `refs` finds in its shape,
/// in the order they are written: for the recursion check, the types its value holds with no
/// array or map between; for the nesting limit ([`crate::limits`]), every type it refers to.
pub(crate) struct TypeGraph<'a> {
    names: Vec<&'a str>,
    edges: Vec<Vec<usize>>,
}

impl<'a> TypeGraph<'a> {
    pub(crate) fn new(catalog: &'a Catalog, refs: ShapeRefs) -> Self {
        let index: BTreeMap<&str, usize> = catalog
            .types
            .iter()
            .enumerate()
            .map(|(i, t)| (t.name.as_str(), i))
            .collect();
        let edges = catalog
            .types
            .iter()
            .map(|decl| {
                let mut targets = Vec::new();
                refs(&decl.shape, &mut |name| {
                    if let Some(&target) = index.get(name) {
                        targets.push(target);
                    }
                });
                targets
            })
            .collect();
        TypeGraph {
            names: catalog.types.iter().map(|t| t.name.as_str()).collect(),
            edges,
        }
    }

    /// The strongly connected component of each node (Tarjan's algorithm, iterative so that a
    /// long chain of types cannot overflow the stack).
    pub(crate) fn components(&self) -> Vec<usize> {
        let count = self.edges.len();
        let mut order = vec![usize::MAX; count];
        let mut low = vec![0; count];
        let mut component = vec![usize::MAX; count];
        let mut stack: Vec<usize> = Vec::new();
        let mut on_stack = vec![false; count];
        let mut next_order = 0;
        let mut next_component = 0;
        for root in 0..count {
            if order[root] != usize::MAX {
                continue;
            }
            // (node, index of the next edge to follow)
            let mut work: Vec<(usize, usize)> = vec![(root, 0)];
            order[root] = next_order;
            low[root] = next_order;
            next_order += 1;
            stack.push(root);
            on_stack[root] = true;
            while let Some(&mut (node, ref mut edge)) = work.last_mut() {
                if let Some(&target) = self.edges[node].get(*edge) {
                    *edge += 1;
                    if order[target] == usize::MAX {
                        order[target] = next_order;
                        low[target] = next_order;
                        next_order += 1;
                        stack.push(target);
                        on_stack[target] = true;
                        work.push((target, 0));
                    } else if on_stack[target] {
                        low[node] = low[node].min(order[target]);
                    }
                    continue;
                }
                work.pop();
                if let Some(&(parent, _)) = work.last() {
                    low[parent] = low[parent].min(low[node]);
                }
                if low[node] == order[node] {
                    while let Some(member) = stack.pop() {
                        on_stack[member] = false;
                        component[member] = next_component;
                        if member == node {
                            break;
                        }
                    }
                    next_component += 1;
                }
            }
        }
        component
    }

    /// For each node, whether it lies on a cycle: it refers to itself, or its component has
    /// other nodes.
    pub(crate) fn cyclic(&self, components: &[usize]) -> Vec<bool> {
        let mut sizes = vec![0_usize; components.len()];
        for component in components {
            sizes[*component] += 1;
        }
        components
            .iter()
            .enumerate()
            .map(|(node, component)| sizes[*component] > 1 || self.edges[node].contains(&node))
            .collect()
    }

    /// Extends `path` with the first chain (in written order) from `node` back to `target`,
    /// staying within `target`'s component; true when found.
    fn cycle_path(
        &self,
        node: usize,
        target: usize,
        components: &[usize],
        path: &mut Vec<String>,
        seen: &mut BTreeSet<usize>,
    ) -> bool {
        for &next in &self.edges[node] {
            if next == target {
                path.push(self.names[next].to_owned());
                return true;
            }
            if components[next] != components[target] || !seen.insert(next) {
                continue;
            }
            path.push(self.names[next].to_owned());
            if self.cycle_path(next, target, components, path, seen) {
                return true;
            }
            path.pop();
        }
        false
    }
}

/// The shared types whose Rust type alias would contain itself through aliases alone
/// (`A: {array: A}` would be `type A = Vec<A>`, which Rust refuses): they are generated as
/// newtype structs.
pub fn recursive_aliases(catalog: &Catalog) -> BTreeSet<&str> {
    let graph = TypeGraph::new(catalog, alias_refs);
    let cyclic = graph.cyclic(&graph.components());
    catalog
        .types
        .iter()
        .enumerate()
        .filter(|(index, decl)| is_alias(&decl.shape) && cyclic[*index])
        .map(|(_, decl)| decl.name.as_str())
        .collect()
}

/// A declaration with this shape is generated as a type alias (not a struct, enum or union).
fn is_alias(shape: &Shape) -> bool {
    !matches!(shape, Shape::Object(_) | Shape::Enum(_) | Shape::OneOf(_))
}

/// Calls `visit` with every type name the Rust type alias for `shape` names outside a generated
/// struct, enum or union: through arrays and maps, not into inline objects, enums or unions.
fn alias_refs(shape: &Shape, visit: &mut dyn FnMut(&str)) {
    match shape {
        Shape::Named(name) => visit(name),
        Shape::Array(element, _) | Shape::Map(element) => alias_refs(&element.shape, visit),
        Shape::Scalar(_)
        | Shape::Const(_)
        | Shape::Enum(_)
        | Shape::Object(_)
        | Shape::OneOf(_) => {}
    }
}

/// Calls `visit` with every type name `shape` holds with no array or map between.
fn direct_refs(shape: &Shape, visit: &mut dyn FnMut(&str)) {
    match shape {
        Shape::Named(name) => visit(name),
        Shape::Object(fields) => fields.iter().for_each(|f| direct_refs(&f.shape, visit)),
        Shape::OneOf(members) => members.iter().for_each(|m| direct_refs(&m.shape, visit)),
        Shape::Scalar(_) | Shape::Const(_) | Shape::Enum(_) | Shape::Array(..) | Shape::Map(_) => {}
    }
}

/// Collects every object's field list inside `shape`.
fn collect_objects<'a>(shape: &'a Shape, out: &mut Vec<&'a [Field]>) {
    match shape {
        Shape::Object(fields) => {
            out.push(fields);
            for field in fields {
                collect_objects(&field.shape, out);
            }
        }
        Shape::Array(element, _) | Shape::Map(element) => collect_objects(&element.shape, out),
        Shape::OneOf(members) => members.iter().for_each(|m| collect_objects(&m.shape, out)),
        Shape::Scalar(_) | Shape::Named(_) | Shape::Const(_) | Shape::Enum(_) => {}
    }
}

/// Whether a JSON value fits a shape; the error names the path inside the value and why.
pub fn fits(
    catalog: &Catalog,
    value: &Value,
    shape: &Shape,
    nullable: bool,
    path: &str,
) -> Result<(), String> {
    let at = |what: &str| {
        if path.is_empty() {
            what.to_owned()
        } else {
            format!("at `{path}`, {what}")
        }
    };
    if value.is_null() {
        return if nullable {
            Ok(())
        } else {
            Err(at("null is not allowed (the field is not nullable)"))
        };
    }
    match shape {
        Shape::Scalar(scalar) => {
            let ok = match scalar {
                Scalar::String => value.is_string(),
                Scalar::Integer => value.is_i64(),
                Scalar::Number => value.is_number(),
                Scalar::Boolean => value.is_boolean(),
            };
            if ok {
                Ok(())
            } else {
                Err(at(&format!("expected {}, found {value}", scalar.as_str())))
            }
        }
        Shape::Named(name) => match catalog.type_decl(name) {
            Some(decl) => fits(catalog, value, &decl.shape, false, path),
            None => Err(at(&format!("type `{name}` is unknown"))),
        },
        Shape::Const(constant) => {
            if constant.to_json() == *value {
                Ok(())
            } else {
                Err(at(&format!("expected the constant {}", constant.to_json())))
            }
        }
        Shape::Enum(values) => match value.as_str() {
            Some(s) if values.iter().any(|v| v == s) => Ok(()),
            _ => Err(at(&format!("expected one of {}", values.join(", ")))),
        },
        Shape::Object(fields) => {
            let Some(object) = value.as_object() else {
                return Err(at("expected an object"));
            };
            for field in fields {
                let child = join(path, &field.wire_name);
                match object.get(&field.wire_name) {
                    Some(v) => fits(catalog, v, &field.shape, field.nullable, &child)?,
                    None if field.optional => {}
                    None => return Err(format!("missing required field `{child}`")),
                }
            }
            if let Some(key) = object
                .keys()
                .find(|k| !fields.iter().any(|f| &f.wire_name == *k))
            {
                return Err(at(&format!("unknown field `{key}`")));
            }
            Ok(())
        }
        Shape::Array(element, bounds) => {
            let Some(items) = value.as_array() else {
                return Err(at("expected an array"));
            };
            let len = u64::try_from(items.len()).unwrap_or(u64::MAX);
            if !bounds.admits(len) {
                let items = if len == 1 { "item" } else { "items" };
                return Err(at(&format!(
                    "expected an array within its bounds ({bounds}), found {len} {items}"
                )));
            }
            items.iter().enumerate().try_for_each(|(i, item)| {
                fits(
                    catalog,
                    item,
                    &element.shape,
                    element.nullable,
                    &format!("{path}[{i}]"),
                )
            })
        }
        Shape::Map(element) => {
            let Some(object) = value.as_object() else {
                return Err(at("expected a mapping"));
            };
            object.iter().try_for_each(|(key, item)| {
                fits(
                    catalog,
                    item,
                    &element.shape,
                    element.nullable,
                    &join(path, key),
                )
            })
        }
        Shape::OneOf(members) => {
            if members
                .iter()
                .any(|m| fits(catalog, value, &m.shape, m.nullable, path).is_ok())
            {
                Ok(())
            } else {
                Err(at("fits none of the `one_of` members"))
            }
        }
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names no Rust identifier rule lets through unescaped.
    const HOSTILE: &[&str] = &[
        "",
        "_",
        "-",
        "__",
        "1p",
        "0",
        "x²",
        "½",
        "🎉",
        "café",
        "self",
        "Self",
        "super",
        "crate",
        "type",
        "r#type",
        "a__b",
        "_x",
        "x_",
        "callID",
        "1st",
        "\u{202e}a",
        "a\rb",
        "日本",
    ];

    /// Asserts that `name_of` gives each expected name.
    fn assert_names(name_of: fn(&str) -> String, expected: &[(&str, &str)]) {
        for (text, name) in expected {
            assert_eq!(name_of(text), *name, "{text:?}");
        }
    }

    #[test]
    fn every_wire_name_gives_an_ascii_snake_case_field_name() {
        for wire in HOSTILE {
            let name = rust_field_name(wire);
            let bare = name.strip_prefix("r#").unwrap_or(&name);
            assert!(
                syn::parse_str::<syn::Ident>(&name).is_ok() && name.is_ascii(),
                "{wire:?} -> {name:?}"
            );
            assert!(
                !bare.contains("__") && !bare.starts_with('_') && is_field_name(&name),
                "{wire:?} -> {name:?}"
            );
        }
        assert_names(
            rust_field_name,
            &[
                ("x²", "x_u00b2"),
                ("café", "caf_u00e9"),
                ("interactionId", "interaction_id"),
                ("self", "self_"),
                ("", "field_"),
                ("🎉", "u1f389"),
                ("-", "u002d"),
            ],
        );
    }

    #[test]
    fn every_enum_value_gives_an_ascii_upper_camel_case_variant() {
        for value in HOSTILE {
            let name = enum_variant_name(value);
            assert!(
                syn::parse_str::<syn::Ident>(&name).is_ok()
                    && name.chars().all(|c| c.is_ascii_alphanumeric())
                    && name.starts_with(|c: char| c.is_ascii_uppercase())
                    && name != "Self",
                "{value:?} -> {name:?}"
            );
        }
        assert_names(
            enum_variant_name,
            &[
                ("½", "U00BD"),
                ("in-bound", "InBound"),
                ("self", "VSelf"),
                ("2xl", "V2xl"),
            ],
        );
        assert_names(
            enum_variant_name,
            &[("🎉", "U1F389"), ("-", "U002D"), ("", "V")],
        );
    }

    #[test]
    fn dates_have_four_digit_years_from_0001() {
        assert!(crate::select::parse_date("2025-09-08").is_some());
        assert!(crate::select::parse_date("0001-01-01").is_some());
        assert!(crate::select::parse_date("2024-02-29").is_some());
        for text in [
            "-001-01-01",
            "0000-01-01",
            "2025-9-8",
            "2025-02-30",
            "+025-01-01",
            "2025-01-1 ",
            "２025-01-01",
        ] {
            assert!(crate::select::parse_date(text).is_none(), "{text}");
        }
    }
}
