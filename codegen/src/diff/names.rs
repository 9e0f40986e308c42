//! The Rust names a planned catalog gives partner code, each with what it means, and how two
//! catalogs' names differ: what `eventcat diff` reports as the Rust names a change adds, removes
//! or changes.
//!
//! A name is what partner code writes: a generated type (`AwInteractionFocusV3`, `Queue`,
//! `XV1Status`), a variant of `Product`, `ReceivedEvent`, `SendEvent` or a family enum
//! (`ReceivedEvent::AwInteractionFocusV3`, `AwInteractionFocus::V3`), an upgrade method
//! (`AwInteractionFocusV1::upgrade_to_v3`) or a `From` conversion
//! (`impl From<AwInteractionFocusV1> for AwInteractionFocusV2`). The support items every
//! catalog defines (`CatalogEntry`, `ReceivedEvent`, ...) are not listed. Fields, enum values and union
//! variants are not listed either: the field-level changes of `diff` report them.
//!
//! A meaning is a stable description that depends only on what the name stands for, never on
//! docs, lifecycle dates or deprecation: the same name with a different meaning in two catalogs
//! (a `status` part that was a string enum and is now a struct; an upgrade method taking other
//! arguments) is a name partner code can no longer use as it did.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Value, json};

use crate::naming::{PRODUCT_ENUM, RECEIVED_ENUM, dispatch_enum};
use crate::plan::{ConversionKind, EventItem, FieldSource, Plan, TypeItem, TypeRef};

/// Every Rust name of a plan with its meaning, in name order.
pub type Names = BTreeMap<String, String>;

/// Every Rust name partner code can write for `plan`, each with its meaning:
///
/// | name | meaning |
/// |---|---|
/// | `AwInteractionFocusV3` | struct for event `aw-interaction-focus-v3` schema version 3.0.0 |
/// | `Queue` | struct for catalog type `Queue` (or string enum, union, type alias, newtype struct) |
/// | `XV1Status` | string enum for the `status` part of `XV1` |
/// | `Product::CallManager` | variant for product `call-manager` |
/// | `ReceivedEvent::AwInteractionFocusV3` | variant for event `aw-interaction-focus-v3` schema version 3.0.0 |
/// | `AwInteractionFocus` | enum for the `aw-interaction-focus` family |
/// | `AwInteractionFocus::V3` | variant for event `aw-interaction-focus-v3` schema version 3.0.0 |
/// | `AwInteractionFocusV1::upgrade_to_v3` | method upgrading to `AwInteractionFocusV3`, taking (String) |
/// | `impl From<XV1> for XV2` | conversion |
/// | `impl From<X> for XV1` | conversion of any version of the `x` family into its oldest |
pub fn names(plan: &Plan) -> Names {
    let events: HashMap<&str, &EventItem> = plan
        .events
        .iter()
        .map(|e| (e.struct_name.as_str(), e))
        .collect();
    let mut names = Names::new();
    type_names(plan, &events, &mut names);
    variant_names(plan, &mut names);
    family_names(plan, &events, &mut names);
    conversion_names(plan, &mut names);
    names
}

/// `event `x-v1` schema version 1.0.0`.
fn event_subject(event: &EventItem) -> String {
    format!("event `{}` schema version {}", event.name, event.version)
}

/// The generated types: what kind of type each is, and what it is for.
fn type_names(plan: &Plan, events: &HashMap<&str, &EventItem>, names: &mut Names) {
    for item in &plan.types {
        let kind = match item {
            TypeItem::Struct(s) => match &s.wraps {
                Some(wrapped) => format!("newtype struct over `{wrapped}`"),
                None => "struct".to_owned(),
            },
            TypeItem::Enum(_) => "string enum".to_owned(),
            TypeItem::Union(_) => "union".to_owned(),
            TypeItem::Alias(alias) if alias.newtype => "newtype struct".to_owned(),
            TypeItem::Alias(_) => "type alias".to_owned(),
            TypeItem::Constant(_) => "constant type".to_owned(),
        };
        let name = item.name();
        let subject = match (events.get(name), plan.parts.get(name)) {
            (Some(e), _) => event_subject(e),
            (None, Some(part)) => format!("the `{}` part of `{}`", part.part, part.owner),
            (None, None) => format!("catalog type `{name}`"),
        };
        names.insert(name.to_owned(), format!("{kind} for {subject}"));
    }
}

/// The carrier methods of `ReceivedEvent`, and the variants of `Product`, `ReceivedEvent` and
/// `SendEvent`.
fn variant_names(plan: &Plan, names: &mut Names) {
    for carrier in &plan.carriers {
        names.insert(
            format!("{RECEIVED_ENUM}::{}", carrier.method),
            format!(
                "method listing the `{}` values an event carries",
                carrier.type_name
            ),
        );
    }
    for product in &plan.products {
        names.insert(
            format!("{PRODUCT_ENUM}::{}", product.variant),
            format!("variant for product `{}`", product.id),
        );
    }
    for e in &plan.events {
        names.insert(
            format!("{}::{}", dispatch_enum(e.direction), e.struct_name),
            format!("variant for {}", event_subject(e)),
        );
    }
}

/// The family enums, their variants and their conversions into the oldest version.
fn family_names(plan: &Plan, events: &HashMap<&str, &EventItem>, names: &mut Names) {
    for family in &plan.families {
        names.insert(
            family.name.clone(),
            format!("enum for the `{}` family", family.family),
        );
        for (variant, struct_name, _) in &family.variants {
            let meaning = match events.get(struct_name.as_str()) {
                Some(e) => format!("variant for {}", event_subject(e)),
                None => format!("variant holding `{struct_name}`"),
            };
            names.insert(format!("{}::{variant}", family.name), meaning);
        }
        if let Some(oldest) = &family.into_oldest {
            names.insert(
                format!("impl From<{}> for {oldest}", family.name),
                format!(
                    "conversion of any version of the `{}` family into its oldest",
                    family.family
                ),
            );
        }
    }
}

/// The `From` conversions between versions, and the upgrade methods with the types of their
/// arguments.
fn conversion_names(plan: &Plan, names: &mut Names) {
    for conversion in &plan.conversions {
        match &conversion.kind {
            ConversionKind::From => {
                names.insert(
                    format!("impl From<{}> for {}", conversion.from, conversion.to),
                    "conversion".to_owned(),
                );
            }
            ConversionKind::Upgrade { method } => {
                // Arguments are passed by position: their types, not their names, are what
                // calling code depends on.
                let arguments: Vec<String> = conversion
                    .fields
                    .iter()
                    .filter_map(|(_, source)| match source {
                        FieldSource::Parameter(ty, true) => {
                            Some(format!("Option<{}>", rust_type(ty)))
                        }
                        FieldSource::Parameter(ty, false) => Some(rust_type(ty)),
                        _ => None,
                    })
                    .collect();
                names.insert(
                    format!("{}::{method}", conversion.from),
                    format!(
                        "method upgrading to `{}`, taking ({})",
                        conversion.to,
                        arguments.join(", ")
                    ),
                );
            }
        }
    }
}

/// A type as partner code writes it (`Vec<Option<i64>>`).
fn rust_type(ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "String".to_owned(),
        TypeRef::Integer => "i64".to_owned(),
        TypeRef::Number => "f64".to_owned(),
        TypeRef::Boolean => "bool".to_owned(),
        TypeRef::Named(name) => name.clone(),
        TypeRef::External(path) => path.path_text(),
        TypeRef::Array(inner) => format!("Vec<{}>", rust_type(inner)),
        TypeRef::Map(inner) => format!("BTreeMap<String, {}>", rust_type(inner)),
        TypeRef::Nullable(inner) => format!("Option<{}>", rust_type(inner)),
    }
}

/// A name and its meaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// The Rust name.
    pub name: String,
    /// What it means.
    pub meaning: String,
}

/// A name both catalogs have, with different meanings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repointed {
    /// The Rust name.
    pub name: String,
    /// What it means in OLD.
    pub old: String,
    /// What it means in NEW.
    pub new: String,
}

/// How the Rust names of two catalogs differ, each list in name order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NameChanges {
    /// Names NEW has and OLD has not.
    pub added: Vec<Named>,
    /// Names OLD has and NEW has not: partner code naming them stops compiling.
    pub removed: Vec<Named>,
    /// Names whose meaning differs: partner code using them as they were stops compiling.
    pub changed: Vec<Repointed>,
}

/// The Rust names of OLD against those of NEW.
pub fn compare(old: &Names, new: &Names) -> NameChanges {
    let mut changes = NameChanges::default();
    for (name, meaning) in old {
        match new.get(name) {
            None => changes.removed.push(Named {
                name: name.clone(),
                meaning: meaning.clone(),
            }),
            Some(after) if after != meaning => changes.changed.push(Repointed {
                name: name.clone(),
                old: meaning.clone(),
                new: after.clone(),
            }),
            Some(_) => {}
        }
    }
    for (name, meaning) in new {
        if !old.contains_key(name) {
            changes.added.push(Named {
                name: name.clone(),
                meaning: meaning.clone(),
            });
        }
    }
    changes
}

/// The Rust names of the OLD plan against those of the NEW one.
pub fn changes(old: &Plan, new: &Plan) -> NameChanges {
    compare(&names(old), &names(new))
}

impl NameChanges {
    /// True when no name was added, removed or changed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }

    /// True when a name was removed or changed: partner code built from OLD may stop
    /// compiling once regenerated from NEW, whatever role the partner plays.
    pub fn breaking(&self) -> bool {
        !self.removed.is_empty() || !self.changed.is_empty()
    }

    /// The changes as JSON: `added` and `removed` (each `name` and `meaning`), `changed` (each
    /// `name`, `old` and `new`), and `breaking`.
    pub fn to_json(&self) -> Value {
        let named = |list: &[Named]| {
            list.iter()
                .map(|n| json!({"name": n.name, "meaning": n.meaning}))
                .collect::<Vec<_>>()
        };
        json!({
            "added": named(&self.added),
            "removed": named(&self.removed),
            "changed": self
                .changed
                .iter()
                .map(|c| json!({"name": c.name, "old": c.old, "new": c.new}))
                .collect::<Vec<_>>(),
            "breaking": self.breaking(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(entries: &[(&str, &str)]) -> Names {
        entries
            .iter()
            .map(|(n, m)| ((*n).to_owned(), (*m).to_owned()))
            .collect()
    }

    #[test]
    fn names_are_compared_by_name_and_meaning() {
        let old = map(&[("A", "struct for x"), ("B", "struct for y"), ("C", "same")]);
        let new = map(&[
            ("A", "string enum for x"),
            ("C", "same"),
            ("D", "struct for z"),
        ]);
        let changes = compare(&old, &new);
        assert_eq!(
            changes.added,
            [Named {
                name: "D".to_owned(),
                meaning: "struct for z".to_owned()
            }]
        );
        assert_eq!(
            changes.removed,
            [Named {
                name: "B".to_owned(),
                meaning: "struct for y".to_owned()
            }]
        );
        assert_eq!(
            changes.changed,
            [Repointed {
                name: "A".to_owned(),
                old: "struct for x".to_owned(),
                new: "string enum for x".to_owned()
            }]
        );
        assert!(changes.breaking());
        let only_added = compare(&old, &{
            let mut more = old.clone();
            more.insert("E".to_owned(), "struct for e".to_owned());
            more
        });
        assert!(!only_added.breaking());
        assert!(compare(&old, &old).is_empty());
    }
}
