//! The generated types and how they are planned: structs, string enums, unions, aliases and
//! constant types, with their fields, the Rust type of each shape, and which structs have a
//! `Default`.

use std::collections::BTreeSet;

use serde_json::Value;

use super::{Deprecation, Planner};
use crate::diagnostic::Location;
use crate::model::{Constant, Element, Field, ItemBounds, Scalar, Shape};
use crate::naming;

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

impl TypeRef {
    /// Made of the standard library's types only: no generated or partner type inside.
    pub fn is_standard(&self) -> bool {
        match self {
            Self::String | Self::Integer | Self::Number | Self::Boolean => true,
            Self::Named(_) | Self::External(_) => false,
            Self::Array(item) | Self::Map(item) | Self::Nullable(item) => item.is_standard(),
        }
    }
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
    /// The kind of JSON value each variant takes, in their order, when no two take the same
    /// kind: a value is then read by the variant of its kind, without trying the others. `None`
    /// when two may take the same kind or a variant's kind is not known (a replaced type, a
    /// nullable member, a union), and the variants are tried in order.
    pub kinds: Option<Vec<JsonKind>>,
    /// Where the catalog declares it.
    pub location: Location,
    /// What the hooks add.
    pub extra: Extra,
}

/// The kind of JSON value a union member takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum JsonKind {
    /// A string (a string scalar, a string enum or a string constant).
    String,
    /// A number (an integer or a number, or a constant of either).
    Number,
    /// A boolean.
    Boolean,
    /// An object (fields or a map).
    Object,
    /// An array.
    Array,
}

impl JsonKind {
    /// The kind as the runtime's `union!` names it: `string`.
    pub fn keyword(self) -> &'static str {
        match self {
            JsonKind::String => "string",
            JsonKind::Number => "number",
            JsonKind::Boolean => "boolean",
            JsonKind::Object => "object",
            JsonKind::Array => "array",
        }
    }

    /// What errors say a union of `kinds` expects: `a string or an object`.
    pub fn expecting(kinds: &[JsonKind]) -> String {
        let named: Vec<String> = kinds
            .iter()
            .map(|kind| match kind {
                JsonKind::Object | JsonKind::Array => format!("an {}", kind.keyword()),
                _ => format!("a {}", kind.keyword()),
            })
            .collect();
        match named.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        }
    }
}

impl<'a> Planner<'a> {
    /// Declares every shared type the partner did not replace. Event structs are inserted
    /// after these, so the indices of `structs` stay valid.
    pub(super) fn shared_types(&mut self) {
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

    pub(super) fn structure(
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

    /// The kind of JSON value each member takes, when each takes one kind that no other does.
    fn distinct_kinds(&self, members: &[Element]) -> Option<Vec<JsonKind>> {
        let kinds = members
            .iter()
            .map(|member| match member.nullable {
                true => None,
                false => self.kind_of(&member.shape),
            })
            .collect::<Option<Vec<_>>>()?;
        let distinct: BTreeSet<JsonKind> = kinds.iter().copied().collect();
        (distinct.len() == kinds.len()).then_some(kinds)
    }

    /// The one kind of JSON value a shape takes, directly or through shared names; `None` for a
    /// replaced type or a union.
    fn kind_of(&self, shape: &Shape) -> Option<JsonKind> {
        Some(match self.resolved(shape)? {
            Shape::Scalar(Scalar::String) | Shape::Enum(_) => JsonKind::String,
            Shape::Scalar(Scalar::Integer | Scalar::Number) => JsonKind::Number,
            Shape::Scalar(Scalar::Boolean) => JsonKind::Boolean,
            Shape::Const(Constant::String(_)) => JsonKind::String,
            Shape::Const(Constant::Integer(_) | Constant::Number(_)) => JsonKind::Number,
            Shape::Const(Constant::Boolean(_)) => JsonKind::Boolean,
            Shape::Object(_) | Shape::Map(_) => JsonKind::Object,
            Shape::Array(..) => JsonKind::Array,
            Shape::OneOf(_) | Shape::Named(_) => return None,
        })
    }

    /// The constant a shape stands for, directly or through shared names.
    fn constant_of<'s>(&'s self, shape: &'s Shape) -> Option<&'s Constant> {
        match self.resolved(shape)? {
            Shape::Const(value) => Some(value),
            _ => None,
        }
    }

    /// The shape a shape stands for once its shared names are followed; `None` at a replaced
    /// type (whose shape is the partner's), an unknown name or a cycle of names.
    fn resolved<'s>(&'s self, mut shape: &'s Shape) -> Option<&'s Shape> {
        // Each step follows one shared name; more steps than names means a cycle.
        for _ in 0..=self.catalog.types.len() {
            match shape {
                Shape::Named(name) if self.replaced.contains_key(name) => return None,
                Shape::Named(name) => shape = &self.catalog.type_decl(name)?.shape,
                _ => return Some(shape),
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
            kinds: self.distinct_kinds(members),
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
pub(super) fn mark_defaults(types: &mut [TypeItem]) {
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

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::plan::{Plan, plan};

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
        let text = include_str!("../../tests/item_bounds.yaml");
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

    /// The kinds planned for the union `name`.
    fn kinds(plan: &Plan, name: &str) -> Option<Vec<JsonKind>> {
        plan.types
            .iter()
            .find_map(|item| match item {
                TypeItem::Union(u) if u.name == name => Some(u.kinds.clone()),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no union {name}"))
    }

    #[test]
    fn a_union_is_read_by_kind_only_when_no_two_members_share_one() {
        let text = r#"
products:
  p: { title: P }
types:
  Queue: { fields: { id: { type: string } } }
  Name: { type: string }
  Kind: { enum: [a, b] }
  Textual: { one_of: [string, { map: string }] }
  Aliased: { one_of: [Name, Queue, { array: integer }, boolean, { const: 3 }] }
  Strings: { one_of: [string, Kind] }
  Objects: { one_of: [Queue, { map: integer }] }
  Numbers: { one_of: [integer, number] }
  Nullable: { one_of: [string, { map: string, nullable: true }] }
  Nested: { one_of: [{ one_of: [string, integer] }, boolean] }
events:
  - name: x-v1
    product: p
    direction: received
    status: active
    active_date: 2025-03-26
    doc: An event.
    schema_versions:
      - version: 1.0.0
        fields:
          a: { type: Textual }
"#;
        let loaded = crate::pipeline::load_str("kinds.yaml", text).expect("the catalog loads");
        let planned_kinds = planned(&loaded);
        use JsonKind::*;
        assert_eq!(kinds(&planned_kinds, "Textual"), Some(vec![String, Object]));
        let aliased = vec![String, Object, Array, Boolean, Number];
        assert_eq!(kinds(&planned_kinds, "Aliased"), Some(aliased));
        for tried_in_order in ["Strings", "Objects", "Numbers", "Nullable", "Nested"] {
            let found = kinds(&planned_kinds, tried_in_order);
            assert_eq!(found, None, "{tried_in_order}");
        }
        let mut replaced = BTreeMap::new();
        let path = Written::new(quote::quote! { crate::MyQueue });
        replaced.insert("Queue".to_owned(), path);
        let replacing = plan(&loaded.catalog, &loaded.names, &replaced).expect("plans");
        let found = kinds(&replacing, "Aliased");
        assert_eq!(found, None, "a replaced type's kind is unknown");
        assert_eq!(JsonKind::expecting(&[String]), "a string");
        assert_eq!(
            JsonKind::expecting(&[String, Object, Array]),
            "a string, an object or an array"
        );
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
