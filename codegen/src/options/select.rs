//! Selection: the options' products, event patterns and sunset policy narrow a checked catalog
//! to the events to generate and the shared types they use.

use std::collections::BTreeSet;

use super::{Resolved, SelectError, SunsetPolicy};
use crate::model::{Catalog, DatedStatus, Direction, Event, Payload, Shape};

/// The received events of `catalog` that `selected` (chosen from it) does not have, by name,
/// sorted and each once.
pub(crate) fn left_out_received(catalog: &Catalog, selected: &Catalog) -> Vec<String> {
    let kept: BTreeSet<&str> = selected.events.iter().map(|e| e.name.as_str()).collect();
    let left_out: BTreeSet<&str> = catalog
        .events
        .iter()
        .filter(|e| e.direction == Direction::Received && !kept.contains(e.name.as_str()))
        .map(|e| e.name.as_str())
        .collect();
    left_out.into_iter().map(str::to_owned).collect()
}

/// Narrows `catalog` to the selected events and the shared types they use.
pub(crate) fn select(catalog: &Catalog, options: &Resolved) -> Result<Catalog, SelectError> {
    let patterns = patterns(catalog, options)?;
    let as_of = match options.sunset {
        SunsetPolicy::Keep => None,
        _ => options.as_of,
    };
    let mut events: Vec<_> = catalog
        .events
        .iter()
        .filter(|e| options.products.is_empty() || options.products.contains(&e.product))
        .filter(|e| patterns.is_empty() || patterns.iter().any(|p| p.matches(&e.name)))
        .cloned()
        .collect();
    if let Some(day) = as_of {
        let sunset: Vec<String> = events
            .iter()
            .filter(|e| e.lifecycle.status_on(day) == DatedStatus::Sunset)
            .map(|e| e.name.clone())
            .collect();
        if !sunset.is_empty() && options.sunset == SunsetPolicy::Error {
            return Err(SelectError::Sunset {
                as_of: day.to_string(),
                events: sunset.join(", "),
            });
        }
        events.retain(|e| !sunset.contains(&e.name));
    }
    let used = used_types(catalog, &events);
    let products = catalog
        .products
        .iter()
        .filter(|(id, _)| events.iter().any(|e| &e.product == *id))
        .map(|(id, p)| (id.clone(), p.clone()))
        .collect();
    let types = catalog
        .types
        .iter()
        .filter(|t| used.contains(&t.name))
        .cloned()
        .collect();
    Ok(Catalog {
        products,
        types,
        events,
    })
}

/// The event patterns of `options`, after checking that each product is declared and each
/// pattern parses and matches an event.
fn patterns(catalog: &Catalog, options: &Resolved) -> Result<Vec<glob::Pattern>, SelectError> {
    for product in &options.products {
        if !catalog.products.contains_key(product) {
            let known: Vec<&str> = catalog.products.keys().map(String::as_str).collect();
            return Err(SelectError::UnknownProduct {
                product: product.clone(),
                known: known.join(", "),
            });
        }
    }
    let patterns = options
        .events
        .iter()
        .map(|p| {
            glob::Pattern::new(p).map_err(|err| SelectError::BadPattern {
                pattern: p.clone(),
                reason: err.msg.to_owned(),
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    for (pattern, text) in patterns.iter().zip(&options.events) {
        if !catalog.events.iter().any(|e| pattern.matches(&e.name)) {
            return Err(SelectError::UnmatchedPattern {
                pattern: text.clone(),
            });
        }
    }
    Ok(patterns)
}

/// Every shared type the payloads of `events` use, directly or through other types.
fn used_types(catalog: &Catalog, events: &[Event]) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    for version in events.iter().flat_map(|e| &e.schema_versions) {
        match &version.payload {
            Payload::Fields(fields) => {
                for field in fields {
                    uses(catalog, &field.shape, &mut used);
                }
            }
            Payload::Type(name) => {
                uses(catalog, &Shape::Named(name.clone()), &mut used);
            }
        }
    }
    used
}

/// Adds every shared type `shape` uses, directly or through other types.
fn uses(catalog: &Catalog, shape: &Shape, used: &mut BTreeSet<String>) {
    match shape {
        Shape::Named(name) => {
            if used.insert(name.clone())
                && let Some(decl) = catalog.type_decl(name)
            {
                uses(catalog, &decl.shape, used);
            }
        }
        Shape::Object(fields) => fields.iter().for_each(|f| uses(catalog, &f.shape, used)),
        Shape::Array(e, _) | Shape::Map(e) => uses(catalog, &e.shape, used),
        Shape::OneOf(members) => members.iter().for_each(|m| uses(catalog, &m.shape, used)),
        Shape::Scalar(_) | Shape::Const(_) | Shape::Enum(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::Options;

    fn selected(options: &Options) -> Result<Catalog, SelectError> {
        let loaded = crate::pipeline::load_bundled().expect("loads");
        select(&loaded.catalog, &options.resolve()?)
    }

    fn names(catalog: Catalog) -> Vec<String> {
        catalog.events.into_iter().map(|e| e.name).collect()
    }

    #[test]
    fn sunset_policies() {
        let focus = |sunset| {
            Options::new()
                .events(["aw-interaction-focus-*"])
                .sunset(sunset)
                .as_of("2026-12-09")
        };
        let kept = selected(&focus(SunsetPolicy::Keep)).expect("keep");
        assert_eq!(kept.events.len(), 3);
        let omitted = selected(&focus(SunsetPolicy::Omit)).expect("omit");
        assert_eq!(names(omitted), ["aw-interaction-focus-v3"]);
        let refused = selected(&focus(SunsetPolicy::Error));
        assert!(matches!(
            refused,
            Err(SelectError::Sunset { ref events, .. })
                if events == "aw-interaction-focus-v1, aw-interaction-focus-v2"
        ));
        // The day before v1's sunset, only v2 (sunset 2025-07-19) goes.
        let before = focus(SunsetPolicy::Omit).as_of("2026-12-07");
        assert_eq!(
            names(selected(&before).expect("omit")),
            ["aw-interaction-focus-v1", "aw-interaction-focus-v3"]
        );
    }

    #[test]
    fn bad_options_are_errors() {
        assert!(matches!(
            selected(&Options::new().products(["agent-workspac"])),
            Err(SelectError::UnknownProduct { .. })
        ));
        assert!(matches!(
            selected(&Options::new().events(["aw-[x"])),
            Err(SelectError::BadPattern { .. })
        ));
        assert!(matches!(
            selected(&Options::new().events(["aw-interaction-fokus-*"])),
            Err(SelectError::UnmatchedPattern { .. })
        ));
    }
}
