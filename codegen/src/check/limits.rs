//! Limits on what a catalog may ask eventcat to generate, so that every catalog `check` accepts
//! also compiles: rustc stops at types nested too deep, and needs more memory than a build has
//! for objects with too many fields, enums with too many values and catalogs with too many
//! types or fields. Each limit is set with headroom below what was measured to compile within
//! 2 GB (see docs/limits.md).

use std::collections::{BTreeMap, BTreeSet};

use crate::check::TypeGraph;
use crate::diagnostic::{Diagnostic, Location};
use crate::model::{Catalog, Element, Event, Field, Payload, SchemaVersion, Shape, TypeDecl};

/// The deepest nesting of Rust types a value may have, in levels: each object, enum, `one_of`
/// and constant type and each `Option` (an optional or nullable field, a nullable element) is one
/// level, an array three and a map nine; an event struct is one more, and one more again for the
/// box around a shared payload type. rustdoc stops at about 121 such levels and rustc at 127 to
/// 132, depending on the shape (the recursion limit is 128).
pub const MAX_NESTING: usize = 100;

/// The levels an array counts: when rustdoc works out whether a type is `Send` (and the other
/// auto traits) it walks `Vec`'s own parts too, three steps where the catalog has one.
const ARRAY_LEVELS: usize = 3;

/// The levels a map counts: the `BTreeMap`'s node types are nine steps of that walk.
const MAP_LEVELS: usize = 9;

/// The most fields an object may have (inline, shared or an event's payload). rustc's memory
/// grows faster than the number of fields of one object.
pub const MAX_OBJECT_FIELDS: usize = 100;

/// The most values an enum, and members a `one_of`, may have.
pub const MAX_ENUM_VALUES: usize = 1_000;

/// The most Rust types a catalog may generate: one struct for each event schema version, and
/// one type for each shared type and each inline object, enum and `one_of`.
pub const MAX_TYPES: usize = 1_000;

/// The most fields, enum values and `one_of` members a catalog may have in all, over every
/// object, enum and union (event payloads, shared types and inline ones): each has its reading
/// and writing code.
pub const MAX_MEMBERS: usize = 4_000;

/// What a limit counts, for its message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Counted {
    /// The fields of one object.
    Fields,
    /// The values of one enum.
    EnumValues,
    /// The members of one `one_of`.
    Members,
    /// The Rust types the catalog generates.
    Types,
    /// The fields, enum values and `one_of` members of the whole catalog.
    CatalogMembers,
}

impl Counted {
    /// The most items allowed.
    pub(crate) fn limit(self) -> usize {
        match self {
            Counted::Fields => MAX_OBJECT_FIELDS,
            Counted::EnumValues | Counted::Members => MAX_ENUM_VALUES,
            Counted::Types => MAX_TYPES,
            Counted::CatalogMembers => MAX_MEMBERS,
        }
    }

    /// What holds the items, what they are, and what to do instead.
    fn words(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Counted::Fields => ("an object", "fields", "group fields into nested objects"),
            Counted::EnumValues => ("an enum", "values", "use `type: string`"),
            Counted::Members => ("a `one_of`", "members", "merge members"),
            Counted::Types => (
                "a catalog",
                "generated types (event schema versions, shared types and inline objects, \
                 enums and `one_of`s)",
                "split the catalog",
            ),
            Counted::CatalogMembers => (
                "a catalog",
                "fields, enum values and `one_of` members in all",
                "split the catalog",
            ),
        }
    }
}

/// The `limit` error for `count` items, more than [`Counted::limit`], at `location`: the first
/// item past the limit.
pub(crate) fn too_many(what: Counted, count: usize, location: Location) -> Diagnostic {
    let (holder, items, instead) = what.words();
    Diagnostic::error(
        "limit",
        location,
        format!(
            "{holder} may have at most {} {items}, and this one has {count} (here is the first \
             past the limit): rustc cannot compile the code for many more within 2 GB of \
             memory; {instead}",
            what.limit()
        ),
    )
}

/// The errors for a catalog that generates more types than [`MAX_TYPES`], or has more fields,
/// enum values and `one_of` members than [`MAX_MEMBERS`]: each at the place in the file where
/// its count passes the limit.
pub(crate) fn check_size(catalog: &Catalog) -> Vec<Diagnostic> {
    let mut census = Census::default();
    census.catalog(catalog);
    let mut errors = Vec::new();
    for (what, mut places) in [
        (Counted::Types, census.types),
        (Counted::CatalogMembers, census.members),
    ] {
        let count: usize = places.iter().map(|(_, n)| n).sum();
        if count <= what.limit() {
            continue;
        }
        places.sort_unstable_by_key(|(at, _)| (at.line, at.column));
        let mut seen = 0;
        let crossing = places.iter().find(|(_, n)| {
            seen += n;
            seen > what.limit()
        });
        if let Some((at, _)) = crossing {
            errors.push(too_many(what, count, *at));
        }
    }
    errors
}

/// What a catalog generates, for the catalog-wide limits: each type and each count of members
/// (fields, enum values, `one_of` members) with the place it stands.
#[derive(Default)]
struct Census {
    types: Vec<(Location, usize)>,
    members: Vec<(Location, usize)>,
}

impl Census {
    fn catalog(&mut self, catalog: &Catalog) {
        for decl in &catalog.types {
            self.types.push((decl.location, 1));
            self.shape(&decl.shape, decl.location, false);
        }
        for version in catalog.events.iter().flat_map(|e| &e.schema_versions) {
            self.types.push((version.location, 1));
            if let Payload::Fields(fields) = &version.payload {
                self.fields(fields);
            }
        }
    }

    fn fields(&mut self, fields: &[Field]) {
        for field in fields {
            self.members.push((field.location, 1));
            self.shape(&field.shape, field.location, true);
        }
    }

    /// Counts `shape`, found at `at`; an `inline` object, enum or `one_of` is a type of its own.
    fn shape(&mut self, shape: &Shape, at: Location, inline: bool) {
        if inline && matches!(shape, Shape::Object(_) | Shape::Enum(_) | Shape::OneOf(_)) {
            self.types.push((at, 1));
        }
        match shape {
            Shape::Object(fields) => self.fields(fields),
            Shape::Enum(values) => self.members.push((at, values.len())),
            Shape::OneOf(members) => {
                self.members.push((at, members.len()));
                members.iter().for_each(|m| self.shape(&m.shape, at, true));
            }
            Shape::Array(element, _) | Shape::Map(element) => self.shape(&element.shape, at, true),
            Shape::Scalar(_) | Shape::Named(_) | Shape::Const(_) => {}
        }
    }
}

/// How deep a value is nested, and the shared type the deepest path goes through first.
#[derive(Debug, Clone, Copy, Default)]
struct Depth<'a> {
    levels: usize,
    via: Option<&'a str>,
}

impl<'a> Depth<'a> {
    /// `levels` more levels around `inner`.
    fn around(inner: Depth<'a>, levels: usize) -> Self {
        Depth {
            levels: inner.levels + levels,
            via: inner.via,
        }
    }

    /// The deeper of the two; the first on a tie.
    fn max(self, other: Depth<'a>) -> Self {
        if other.levels > self.levels {
            other
        } else {
            self
        }
    }
}

/// The nesting of every shared type, found once in time linear in the catalog: types in a group
/// that contain one another (a recursion through arrays or maps) are counted together.
struct Nesting<'a> {
    /// The depth of each shared type, by name.
    depths: BTreeMap<&'a str, Depth<'a>>,
    /// The component (group of types that contain one another) of each shared type.
    components: BTreeMap<&'a str, usize>,
    /// Each component that is a cycle, by component.
    cycles: BTreeMap<usize, Cycle<'a>>,
}

/// A group of types that contain one another.
struct Cycle<'a> {
    /// Their names, in file order.
    names: Vec<&'a str>,
    /// One of them holds a type outside the group that is too deep itself.
    holds_too_deep: bool,
}

impl<'a> Nesting<'a> {
    fn new(catalog: &'a Catalog) -> Self {
        let graph = TypeGraph::new(catalog, all_refs);
        let components = graph.components();
        let cyclic = graph.cyclic(&components);
        let mut groups: Vec<Vec<usize>> = vec![Vec::new(); components.len()];
        for (index, &component) in components.iter().enumerate() {
            groups[component].push(index);
        }
        let mut nesting = Nesting {
            depths: BTreeMap::new(),
            components: catalog
                .types
                .iter()
                .zip(&components)
                .map(|(t, &c)| (t.name.as_str(), c))
                .collect(),
            cycles: BTreeMap::new(),
        };
        // Tarjan's algorithm numbers a component after every component it refers to, so each
        // group is measured after the types it holds.
        for (component, group) in groups.iter().enumerate() {
            let decls: Vec<&'a TypeDecl> = group.iter().map(|&i| &catalog.types[i]).collect();
            match decls.as_slice() {
                [] => {}
                [decl] if !cyclic[group[0]] => {
                    let depth = nesting.shape(&decl.shape, None);
                    nesting.depths.insert(&decl.name, depth);
                }
                _ => nesting.measure_cycle(component, &decls),
            }
        }
        nesting
    }

    /// Records the depth of a group of types that contain one another: their own levels added,
    /// plus one each (a recursive alias is a newtype struct), since a path through them may
    /// pass every one.
    fn measure_cycle(&mut self, component: usize, group: &[&'a TypeDecl]) {
        let levels = group
            .iter()
            .map(|decl| self.shape(&decl.shape, Some(component)).levels + 1)
            .sum();
        for decl in group {
            let depth = Depth { levels, via: None };
            self.depths.insert(&decl.name, depth);
        }
        let cycle = Cycle {
            names: group.iter().map(|d| d.name.as_str()).collect(),
            holds_too_deep: group
                .iter()
                .any(|d| self.holds_too_deep(&d.shape, Some(component))),
        };
        self.cycles.insert(component, cycle);
    }

    /// The depth of a shape; references into `inside` (the group being measured) count
    /// nothing, since the group is counted as a whole.
    fn shape(&self, shape: &'a Shape, inside: Option<usize>) -> Depth<'a> {
        match shape {
            Shape::Scalar(_) => Depth::default(),
            Shape::Const(_) | Shape::Enum(_) => Depth {
                levels: 1,
                via: None,
            },
            Shape::Named(name) => {
                if inside.is_some() && self.components.get(name.as_str()).copied() == inside {
                    return Depth::default();
                }
                let levels = self.depths.get(name.as_str()).map_or(0, |d| d.levels);
                Depth {
                    levels,
                    via: Some(name),
                }
            }
            Shape::Object(fields) => Depth::around(self.fields(fields, inside), 1),
            Shape::Array(element, _) => Depth::around(self.element(element, inside), ARRAY_LEVELS),
            Shape::Map(element) => Depth::around(self.element(element, inside), MAP_LEVELS),
            Shape::OneOf(members) => {
                let deepest = members
                    .iter()
                    .map(|m| self.element(m, inside))
                    .fold(Depth::default(), Depth::max);
                Depth::around(deepest, 1)
            }
        }
    }

    /// The depth of the deepest of `fields`, with its `Option`s.
    fn fields(&self, fields: &'a [Field], inside: Option<usize>) -> Depth<'a> {
        fields
            .iter()
            .map(|f| {
                let options = usize::from(f.optional) + usize::from(f.nullable);
                Depth::around(self.shape(&f.shape, inside), options)
            })
            .fold(Depth::default(), Depth::max)
    }

    fn element(&self, element: &'a Element, inside: Option<usize>) -> Depth<'a> {
        let nullable = usize::from(element.nullable);
        Depth::around(self.shape(&element.shape, inside), nullable)
    }

    /// True when a type `shape` refers to outside the group `inside` is too deep itself: the
    /// error belongs to that type, where the limit is crossed.
    fn holds_too_deep(&self, shape: &Shape, inside: Option<usize>) -> bool {
        let mut found = false;
        all_refs(shape, &mut |name| {
            found |= self.components.get(name).copied() != inside
                && self
                    .depths
                    .get(name)
                    .is_some_and(|d| d.levels > MAX_NESTING);
        });
        found
    }

    /// The error for a shared type nested too deep, unless it only holds one that is; for a
    /// group of types that contain one another, once, at the first of them.
    fn type_error(&self, decl: &TypeDecl, reported: &mut BTreeSet<usize>) -> Option<Diagnostic> {
        let depth = self.depths.get(decl.name.as_str()).copied()?;
        let component = self.components.get(decl.name.as_str()).copied()?;
        if depth.levels <= MAX_NESTING {
            return None;
        }
        let what = match self.cycles.get(&component) {
            Some(cycle) if cycle.holds_too_deep || !reported.insert(component) => return None,
            Some(cycle) => format!(
                "the types {} contain one another, through arrays or maps, and are counted \
                 together: {} levels deep",
                list_names(&cycle.names),
                depth.levels
            ),
            None if self.holds_too_deep(&decl.shape, Some(component)) => return None,
            None => format!("type `{}` is nested {}", decl.name, describe(depth)),
        };
        Some(nesting_error(decl.location, &what))
    }

    /// The error for an event schema version nested too deep (its struct is a level, and the
    /// box around a shared payload type another), unless it only holds a type that is.
    fn version_error(&self, event: &Event, version: &'a SchemaVersion) -> Option<Diagnostic> {
        let (depth, deeper) = match &version.payload {
            Payload::Fields(fields) => (
                Depth::around(self.fields(fields, None), 1),
                fields.iter().any(|f| self.holds_too_deep(&f.shape, None)),
            ),
            Payload::Type(name) => {
                let known = self.depths.get(name.as_str()).map_or(0, |d| d.levels);
                let depth = Depth {
                    levels: known + 2,
                    via: Some(name),
                };
                (depth, known > MAX_NESTING)
            }
        };
        if depth.levels <= MAX_NESTING || deeper {
            return None;
        }
        let what = format!(
            "schema version {} of `{}` is nested {}",
            version.version,
            event.name,
            describe(depth)
        );
        Some(nesting_error(version.location, &what))
    }
}

/// The errors for values nested deeper than [`MAX_NESTING`] levels, each at the shared type or
/// event schema version that crosses the limit (not at those that hold it), once for a group of
/// types that contain one another.
pub(crate) fn check_nesting(catalog: &Catalog) -> Vec<Diagnostic> {
    let nesting = Nesting::new(catalog);
    let mut reported = BTreeSet::new();
    let mut errors: Vec<Diagnostic> = catalog
        .types
        .iter()
        .filter_map(|decl| nesting.type_error(decl, &mut reported))
        .collect();
    for event in &catalog.events {
        let versions = event.schema_versions.iter();
        errors.extend(versions.filter_map(|version| nesting.version_error(event, version)));
    }
    errors
}

/// `101 levels deep, through `T1``.
fn describe(depth: Depth<'_>) -> String {
    match depth.via {
        Some(via) => format!("{} levels deep, through `{via}`", depth.levels),
        None => format!("{} levels deep", depth.levels),
    }
}

/// `` `A`, `B`, `C`, `D`, 3 more ``.
fn list_names(names: &[&str]) -> String {
    const SHOWN: usize = 4;
    let mut text: Vec<String> = names.iter().take(SHOWN).map(|n| format!("`{n}`")).collect();
    if names.len() > SHOWN {
        text.push(format!("{} more", names.len() - SHOWN));
    }
    text.join(", ")
}

fn nesting_error(location: Location, what: &str) -> Diagnostic {
    Diagnostic::error(
        "limit",
        location,
        format!(
            "{what}; eventcat generates at most {MAX_NESTING} levels of Rust types inside one \
             another, since rustdoc stops at about 121 (each object, enum, `one_of` and optional \
             or nullable value is a level, an array {ARRAY_LEVELS} and a map {MAP_LEVELS}): \
             flatten the payload"
        ),
    )
}

/// Calls `visit` with every type name `shape` refers to, however it holds it.
pub(super) fn all_refs(shape: &Shape, visit: &mut dyn FnMut(&str)) {
    match shape {
        Shape::Named(name) => visit(name),
        Shape::Object(fields) => fields.iter().for_each(|f| all_refs(&f.shape, visit)),
        Shape::Array(element, _) | Shape::Map(element) => all_refs(&element.shape, visit),
        Shape::OneOf(members) => members.iter().for_each(|m| all_refs(&m.shape, visit)),
        Shape::Scalar(_) | Shape::Const(_) | Shape::Enum(_) => {}
    }
}

/// The most schema versions a family may have, counted over all its events: eventcat generates a
/// conversion between every two of them, so the output grows with the square of this number.
pub const MAX_FAMILY_VERSIONS: usize = 64;

impl super::Checker {
    /// A family (the schema versions of all its events) has at most [`MAX_FAMILY_VERSIONS`]
    /// members: a conversion is generated for every pair, so the output grows with the square.
    pub(super) fn check_family_sizes(&mut self, catalog: &Catalog) {
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
}
