//! The shape of every node: exactly one shape key, only the attributes its place allows, item
//! bounds beside an array alone, and the fields, enum values, elements and constants it holds.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::Checker;
use super::limits::Counted;
use crate::diagnostic::{Diagnostic, Location};
use crate::load::catalog::{Entries, NodeDef, ShapeRef, Spanned};
use crate::model::{Constant, Element, Field, ItemBounds, Scalar, Shape};
use crate::naming::{KEYWORDS, enum_variant_name, is_field_name, rust_field_name};

/// Where a node stands, which decides the attributes it may carry.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum NodeRole {
    Field,
    TypeDecl,
    Element,
}

/// Where item bounds may stand, for the messages that refuse them elsewhere.
pub(super) const ONLY_FIELDS_ARE_BOUNDED: &str = "only a field's own array, or a type declared as an array \
     and used as a field's type, can carry `min_items` and `max_items`";

impl Checker {
    /// The fields of an object, with their Rust names checked for collisions.
    pub(super) fn fields(&mut self, entries: &Entries<NodeDef>) -> Option<Vec<Field>> {
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
    pub(super) fn shape(
        &mut self,
        node: &NodeDef,
        location: Location,
        role: NodeRole,
    ) -> Option<Shape> {
        self.check_attributes(node, role);
        let shape_key = self.shape_key(node, location)?;
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
        self.one_of(node.one_of.as_ref()?)
    }

    /// The one key that gives a node its shape (`const` for a constant with a scalar `type`),
    /// or an error when there is none or more than one.
    fn shape_key(&mut self, node: &NodeDef, location: Location) -> Option<&'static str> {
        let keys: Vec<(&'static str, Location)> = [
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
        Some(if is_typed_const { "const" } else { keys[0].0 })
    }

    /// A `one_of` union: at least two members, within the limit, each an element.
    fn one_of(&mut self, members: &Spanned<Vec<Spanned<ShapeRef>>>) -> Option<Shape> {
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
        let min = self.item_count("min_items", node.min_items.as_ref());
        let max = self.item_count("max_items", node.max_items.as_ref());
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

    /// The number of items a bound states: a whole number from 0 to `u64::MAX`, or an error.
    fn item_count(&mut self, key: &str, value: Option<&Spanned<Value>>) -> Option<u64> {
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
}
