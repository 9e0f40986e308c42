//! Lints: lifecycle dates that contradict each other or the declared status, and a newer
//! version of a family active before an older one. A lint is a warning; the catalog still loads.

use std::collections::BTreeMap;

use super::Checker;
use super::limits::MAX_FAMILY_VERSIONS;
use crate::diagnostic::{Diagnostic, Location};
use crate::load::catalog::{EventDef, Status};
use crate::model::{Catalog, Event, Lifecycle};

impl Checker {
    pub(super) fn lint_lifecycle(&mut self, def: &EventDef, event: &Event) {
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
                    crate::model::status_word(event.status)
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

    /// A newer version of a family should not become active before an older one. Each family
    /// is compared within itself; one with more events than [`MAX_FAMILY_VERSIONS`] is refused
    /// (`too-many-versions`) and not compared.
    pub(super) fn lint_families(&mut self, catalog: &Catalog) {
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
