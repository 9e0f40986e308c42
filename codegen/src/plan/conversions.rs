//! Conversions between the versions of a family, and between the nested types they need:
//! `From` where no data must be invented, an upgrade method taking the missing fields otherwise.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::{
    EnumItem, EventItem, FamilyItem, FieldItem, Planner, StructItem, TypeItem, TypeRef, literal,
};

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

impl<'a> Planner<'a> {
    /// Every pair of versions in a family, in both directions, plus what nested types need.
    pub(super) fn conversions(
        &self,
        events: &[EventItem],
        families: &mut [FamilyItem],
    ) -> Vec<Conversion> {
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

fn wrap_option(wrapped: bool, inner: ValueConversion) -> ValueConversion {
    if wrapped && inner != ValueConversion::Same {
        ValueConversion::Option(Box::new(inner))
    } else {
        inner
    }
}
