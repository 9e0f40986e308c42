//! Lifecycle: the products, which event versions are deprecated and what replaces them, the
//! deprecation notes, and the runtime table with one entry per catalog event.

use std::collections::BTreeMap;

use super::Planner;
use crate::model::{Catalog, Direction, Event, Status};
use crate::naming::Names;

/// A product as generated: a variant of `Product`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductItem {
    /// Catalog id.
    pub id: String,
    /// Variant name.
    pub variant: String,
    /// Human title.
    pub title: String,
}

/// What a deprecated event version's attribute says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deprecation {
    /// The deprecation date, if published.
    pub since: Option<String>,
    /// The note: sunset date and replacement.
    pub note: String,
}

/// One event in the runtime table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryItem {
    /// Event name.
    pub name: String,
    /// Product variant.
    pub product: String,
    /// Direction.
    pub direction: Direction,
    /// Schema versions, oldest first.
    pub schema_versions: Vec<String>,
    /// Declared status.
    pub status: Status,
    /// Dates.
    pub active: String,
    /// Deprecation date.
    pub deprecated: Option<String>,
    /// Sunset date.
    pub sunset: Option<String>,
    /// The newest non-deprecated event of the family, when this one is deprecated.
    pub replacement: Option<String>,
}

/// An event version is deprecated when it is declared so or has a deprecation date.
pub fn is_deprecated(event: &Event) -> bool {
    event.status != Status::Active || event.lifecycle.deprecated.is_some()
}

/// The newest event of `event`'s family that is not deprecated.
pub fn replacement<'a>(catalog: &'a Catalog, event: &Event) -> Option<&'a Event> {
    newest_active(
        catalog
            .events
            .iter()
            .filter(|e| e.family == event.family && e.name != event.name),
    )
}

/// The [`replacement`] of every deprecated event, by family, found in one pass.
pub(super) fn replacements(catalog: &Catalog) -> BTreeMap<&str, &Event> {
    let mut families: BTreeMap<&str, Vec<&Event>> = BTreeMap::new();
    for event in &catalog.events {
        families.entry(&event.family).or_default().push(event);
    }
    families
        .into_iter()
        .filter_map(|(family, members)| Some((family, newest_active(members.into_iter())?)))
        .collect()
}

/// The event of the highest major among `events` that is not deprecated.
fn newest_active<'a>(events: impl Iterator<Item = &'a Event>) -> Option<&'a Event> {
    events.filter(|e| !is_deprecated(e)).max_by_key(|e| e.major)
}

impl<'a> Planner<'a> {
    /// The products, in id order.
    pub(super) fn products(&mut self) -> Vec<ProductItem> {
        let catalog = self.catalog;
        catalog
            .products
            .values()
            .map(|p| ProductItem {
                id: p.id.clone(),
                variant: self.product_variant(&p.id),
                title: p.title.clone(),
            })
            .collect()
    }

    /// The runtime table: one entry per catalog event.
    pub(super) fn entries(&mut self) -> Vec<EntryItem> {
        let catalog = self.catalog;
        catalog
            .events
            .iter()
            .map(|event| EntryItem {
                name: event.name.clone(),
                product: self.product_variant(&event.product),
                direction: event.direction,
                schema_versions: event
                    .schema_versions
                    .iter()
                    .map(|v| v.version.to_string())
                    .collect(),
                status: event.status,
                active: event.lifecycle.active.to_string(),
                deprecated: event.lifecycle.deprecated.map(|d| d.to_string()),
                sunset: event.lifecycle.sunset.map(|d| d.to_string()),
                replacement: is_deprecated(event)
                    .then(|| self.replacements.get(event.family.as_str()))
                    .flatten()
                    .map(|e| e.name.clone()),
            })
            .collect()
    }
}

pub(super) fn lifecycle_line(event: &Event) -> String {
    let l = &event.lifecycle;
    let mut line = format!("Active since {}", l.active);
    if let Some(d) = l.deprecated {
        line.push_str(&format!(", deprecated since {d}"));
    }
    match l.sunset {
        Some(d) => line.push_str(&format!(", sunset on {d}.")),
        None => line.push('.'),
    }
    line
}

/// The deprecation note of `event`, naming its replacement ([`replacement`]) when there is one.
pub(super) fn deprecation(
    event: &Event,
    replacement: Option<&Event>,
    names: &Names,
) -> Deprecation {
    let l = &event.lifecycle;
    let mut note = format!("`{}` is deprecated", event.name);
    if let Some(d) = l.deprecated {
        note.push_str(&format!(" since {d}"));
    }
    match l.sunset {
        Some(d) => note.push_str(&format!(" and sunset on {d}")),
        None => note.push_str(" (no sunset date published)"),
    }
    match replacement {
        Some(newer) => {
            let newest = names
                .structs(&newer.name)
                .and_then(<[String]>::last)
                .cloned()
                .unwrap_or_default();
            note.push_str(&format!("; use `{newest}` (`{}`) instead", newer.name));
        }
        None => note.push_str("; no replacement is published"),
    }
    Deprecation {
        since: l.deprecated.map(|d| d.to_string()),
        note,
    }
}
