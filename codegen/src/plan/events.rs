//! Events: a struct and an item for each schema version, the enum of each family with several
//! versions, and the shared payload types that received events carry, which dispatching lists
//! (`ReceivedEvent::call_objects()`).

use std::collections::{BTreeMap, BTreeSet};

use super::lifecycle::{deprecation, lifecycle_line};
use super::{
    ConstantField, Deprecation, Extra, FieldItem, Planner, StructItem, TypeItem, TypeRef,
    is_deprecated,
};
use crate::model::{Constant, Direction, Event, Field, Payload, SchemaVersion, direction_word};
use crate::naming;

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
    /// Received or send.
    pub direction: Direction,
    /// The event's place in the catalog table ([`super::Plan::entries`]), which holds its
    /// product, status and dates.
    pub entry: usize,
    /// Set when deprecated.
    pub deprecation: Option<Deprecation>,
    /// The catalog's sample payload, as JSON text.
    pub example: Option<String>,
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

impl<'a> Planner<'a> {
    /// The struct and item of each schema version of `event`, the catalog's event at `entry`.
    pub(super) fn event(&mut self, entry: usize, event: &Event) -> Vec<EventItem> {
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
            items.push(EventItem {
                struct_name: struct_name.clone(),
                name: event.name.clone(),
                version: version.version.to_string(),
                family: event.family.clone(),
                direction: event.direction,
                entry,
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
    pub(super) fn carriers(&mut self, events: &[EventItem]) -> Vec<CarrierItem> {
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
    pub(super) fn families(&mut self, events: &[EventItem]) -> Vec<FamilyItem> {
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
