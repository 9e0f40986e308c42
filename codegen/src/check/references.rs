//! References between shared types: every name a catalog uses is declared, a type with item
//! bounds is no element, and no type holds itself with no array or map between; the graph of
//! the types ([`TypeGraph`]) serves these checks, the nesting limit and the plan's newtypes.

use std::collections::{BTreeMap, BTreeSet};

use super::shapes::ONLY_FIELDS_ARE_BOUNDED;
use super::{Checker, types_by_name};
use crate::model::{Catalog, Shape};

impl Checker {
    pub(super) fn check_type_refs(&mut self, catalog: &Catalog) {
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
    pub(super) fn check_bounded_elements(&mut self, catalog: &Catalog) {
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
    pub(super) fn check_recursion(&mut self, catalog: &Catalog) {
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
}

impl Checker {
    /// A `payload-depth` warning at the first type of each group that contains itself through
    /// arrays or maps: its values nest only as deep as a payload may be read.
    pub(super) fn lint_payload_depth(&mut self, catalog: &Catalog) {
        let graph = TypeGraph::new(catalog, super::limits::all_refs);
        let components = graph.components();
        let cyclic = graph.cyclic(&components);
        // A type that holds itself directly is a `recursive-type` error already.
        let direct = TypeGraph::new(catalog, direct_refs);
        let direct = direct.cyclic(&direct.components());
        let mut warned = BTreeSet::new();
        for (index, decl) in catalog.types.iter().enumerate() {
            if !cyclic[index] || direct[index] || !warned.insert(components[index]) {
                continue;
            }
            let mut path = vec![decl.name.clone()];
            graph.cycle_path(index, index, &components, &mut path, &mut BTreeSet::new());
            self.warning(
                "payload-depth",
                decl.location,
                format!(
                    "type `{}` contains itself ({}): a payload is read at most \
                     {} arrays and objects deep, so its values nest only so far; \
                     a deeper payload is an `InvalidPayload` error",
                    decl.name,
                    path.join(" -> "),
                    eventcat_json::MAX_DEPTH
                ),
            );
        }
    }
}

/// Calls its visitor with each type name a shape refers to, by some rule.
pub(crate) type ShapeRefs = fn(&Shape, &mut dyn FnMut(&str));

/// A graph of the shared types, with an edge from a type to each type `refs` finds in its shape,
/// in the order they are written: for the recursion check, the types its value holds with no
/// array or map between; for the nesting limit ([`crate::check::limits`]), every type it refers to.
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
pub(crate) fn recursive_aliases(catalog: &Catalog) -> BTreeSet<&str> {
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
