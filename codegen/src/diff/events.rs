//! The walk over the events and schema versions of two catalogs, recording each change.

use jiff::civil::Date;
use semver::Version;

use crate::model::{
    DateKind, DatedStatus, Event, SchemaVersion, Status, date_or_dash, direction_word,
};

use super::changes::{Change, ChangeKind, Verdict};
use super::shapes::{Comparer, Item, PATH, Step, payload_fields, render_path};
use super::{MAX_CHANGES, Omitted};

/// Walks the events of two catalogs, keeping each change (up to [`MAX_CHANGES`]) and counting
/// the rest.
pub(super) struct Differ<'a> {
    pub(super) comparer: Comparer<'a>,
    pub(super) changes: Vec<Change>,
    pub(super) omitted: Vec<Omitted>,
}

impl<'a> Differ<'a> {
    fn push(
        &mut self,
        event: &Event,
        version: Option<&Version>,
        path: Option<&str>,
        kind: ChangeKind,
        receiver: Verdict,
        sender: Verdict,
    ) {
        self.changes.push(Change {
            event: event.name.clone(),
            direction: event.direction,
            version: version.cloned(),
            path: path.map(str::to_owned),
            kind,
            receiver,
            sender,
        });
    }

    /// A change of the event as a whole (no schema version, no path).
    pub(super) fn push_event(
        &mut self,
        event: &Event,
        kind: ChangeKind,
        receiver: Verdict,
        sender: Verdict,
    ) {
        self.push(event, None, None, kind, receiver, sender);
    }

    /// The changes of an event both catalogs have.
    pub(super) fn event(&mut self, old: &'a Event, new: &'a Event) {
        self.product(old, new);
        self.direction(old, new);
        self.status(old, new);
        self.dates(old, new);
        self.versions(old, new);
    }

    fn product(&mut self, old: &Event, new: &Event) {
        if old.product == new.product {
            return;
        }
        let reason = "the product only labels the event; its name and payload are unchanged";
        let kind = ChangeKind::ProductChanged {
            old: old.product.clone(),
            new: new.product.clone(),
        };
        self.push_event(
            new,
            kind,
            Verdict::compatible(reason),
            Verdict::compatible(reason),
        );
    }

    fn direction(&mut self, old: &Event, new: &Event) {
        if old.direction == new.direction {
            return;
        }
        let reason = format!(
            "the event now flows the other way ({} -> {})",
            direction_word(old.direction),
            direction_word(new.direction)
        );
        let kind = ChangeKind::DirectionChanged {
            old: old.direction,
            new: new.direction,
        };
        self.push_event(
            new,
            kind,
            Verdict::breaking(reason.clone()),
            Verdict::breaking(reason),
        );
    }

    fn status(&mut self, old: &Event, new: &Event) {
        if old.status == new.status {
            return;
        }
        let (receiver, sender) = match new.status {
            Status::Sunset => (
                Verdict::breaking("declared sunset: the host no longer delivers it"),
                Verdict::breaking("declared sunset: the host no longer accepts it"),
            ),
            Status::Deprecated => {
                let reason = "still in use until its sunset; code regenerated from the new \
                              catalog warns that it is deprecated";
                (Verdict::compatible(reason), Verdict::compatible(reason))
            }
            Status::Active => (
                Verdict::compatible("declared active: delivered as before"),
                Verdict::compatible("declared active: accepted as before"),
            ),
        };
        let kind = ChangeKind::StatusChanged {
            old: old.status,
            new: new.status,
        };
        self.push_event(new, kind, receiver, sender);
    }

    /// The lifecycle dates: notices, compatible for both roles.
    fn dates(&mut self, old: &Event, new: &Event) {
        let dates = [
            (
                DateKind::Active,
                Some(old.lifecycle.active),
                Some(new.lifecycle.active),
            ),
            (
                DateKind::Deprecation,
                old.lifecycle.deprecated,
                new.lifecycle.deprecated,
            ),
            (DateKind::Sunset, old.lifecycle.sunset, new.lifecycle.sunset),
        ];
        for (date, before, after) in dates {
            if before == after {
                continue;
            }
            let reason = match (date, after) {
                (DateKind::Sunset, Some(day)) => {
                    format!("a notice: the event goes away on {day}; nothing changes before then")
                }
                (DateKind::Deprecation, Some(day)) => {
                    format!("a notice: deprecated from {day}; it keeps working until its sunset")
                }
                _ => "a notice: the payload is unchanged".to_owned(),
            };
            let kind = ChangeKind::DateChanged {
                date,
                old: before,
                new: after,
            };
            self.push_event(
                new,
                kind,
                Verdict::compatible(reason.clone()),
                Verdict::compatible(reason),
            );
        }
    }

    /// Every schema version either catalog lists, in version order: added, removed, or its
    /// payloads compared.
    fn versions(&mut self, old: &'a Event, new: &'a Event) {
        let mut versions: Vec<&Version> = old
            .schema_versions
            .iter()
            .chain(&new.schema_versions)
            .map(|v| &v.version)
            .collect();
        versions.sort();
        versions.dedup();
        for version in versions {
            let before = old.schema_versions.iter().find(|v| &v.version == version);
            let after = new.schema_versions.iter().find(|v| &v.version == version);
            match (before, after) {
                (Some(before), Some(after)) => self.payloads(new, version, before, after),
                (None, Some(_)) => self.version_added(new, version),
                (Some(_), None) => self.version_removed(new, version),
                (None, None) => {}
            }
        }
    }

    /// The field changes between the payloads of one schema version.
    fn payloads(
        &mut self,
        event: &Event,
        version: &Version,
        old: &'a SchemaVersion,
        new: &'a SchemaVersion,
    ) {
        let old_fields = payload_fields(&self.comparer.old, &old.payload);
        let new_fields = payload_fields(&self.comparer.new, &new.payload);
        let mut items = Vec::new();
        self.comparer
            .fields(old_fields, new_fields, &[], &mut items);
        self.report(event, version, &[], &items);
    }

    fn version_added(&mut self, event: &Event, version: &Version) {
        self.push(
            event,
            Some(version),
            None,
            ChangeKind::VersionAdded,
            Verdict::breaking(format!(
                "decoders built from the old catalog refuse payloads with schemaVersion {version}"
            )),
            Verdict::compatible(
                "payloads written to the versions the old catalog lists are still accepted",
            ),
        );
    }

    fn version_removed(&mut self, event: &Event, version: &Version) {
        self.push(
            event,
            Some(version),
            None,
            ChangeKind::VersionRemoved,
            Verdict::compatible(
                "the host stops sending a version old decoders know; the remaining ones still \
                 decode",
            ),
            Verdict::breaking(format!(
                "payloads written as schemaVersion {version} are no longer listed as accepted"
            )),
        );
    }

    /// Lists the changes `items` stand for, at their full paths under `prefix`, up to
    /// [`MAX_CHANGES`]; counts the rest.
    fn report(&mut self, event: &Event, version: &Version, prefix: &[Step], items: &[Item]) {
        for item in items {
            match item {
                Item::Change {
                    path,
                    kind,
                    receiver,
                    sender,
                } => {
                    if self.changes.len() >= MAX_CHANGES {
                        self.omit(event, version, 1, (receiver.breaking, sender.breaking));
                        continue;
                    }
                    let path = render_path(&[prefix, path].concat());
                    let reason = |v: &Verdict| Verdict {
                        breaking: v.breaking,
                        reason: v.reason.replace(PATH, &path),
                    };
                    let (receiver, sender) = (reason(receiver), reason(sender));
                    self.push(
                        event,
                        Some(version),
                        Some(&path),
                        kind.clone(),
                        receiver,
                        sender,
                    );
                }
                Item::Nested { path, node } => {
                    if self.changes.len() >= MAX_CHANGES {
                        self.omit(event, version, node.count, node.breaks);
                    } else {
                        self.report(event, version, &[prefix, path].concat(), &node.items);
                    }
                }
            }
        }
    }

    fn omit(&mut self, event: &Event, version: &Version, count: usize, breaks: (bool, bool)) {
        match self
            .omitted
            .last_mut()
            .filter(|o| o.event == event.name && &o.version == version)
        {
            Some(omitted) => {
                omitted.count = omitted.count.saturating_add(count);
                omitted.breaks_receiver |= breaks.0;
                omitted.breaks_sender |= breaks.1;
            }
            None => self.omitted.push(Omitted {
                event: event.name.clone(),
                direction: event.direction,
                version: version.clone(),
                count,
                breaks_receiver: breaks.0,
                breaks_sender: breaks.1,
            }),
        }
    }

    pub(super) fn status_on(&mut self, old: Option<&Event>, new: &Event, day: Date) {
        let before = old.map(|e| e.lifecycle.status_on(day));
        let after = new.lifecycle.status_on(day);
        let reportable = match before {
            Some(before) => before != after,
            None => matches!(after, DatedStatus::Deprecated | DatedStatus::Sunset),
        };
        if !reportable {
            return;
        }
        let sunset = new.lifecycle.sunset.map_or_else(
            || "no sunset date yet".to_owned(),
            |d| format!("sunset on {d}"),
        );
        let (receiver, sender) = match after {
            DatedStatus::Sunset => (
                Verdict::breaking(format!("{sunset}: the host no longer delivers it")),
                Verdict::breaking(format!("{sunset}: the host no longer accepts it")),
            ),
            DatedStatus::Deprecated => {
                let reason = format!(
                    "deprecated since {}; {sunset}",
                    date_or_dash(new.lifecycle.deprecated)
                );
                (
                    Verdict::compatible(reason.clone()),
                    Verdict::compatible(reason),
                )
            }
            DatedStatus::Active | DatedStatus::Upcoming => (
                Verdict::compatible(format!("{} on that day", after.as_str())),
                Verdict::compatible(format!("{} on that day", after.as_str())),
            ),
        };
        self.push_event(
            new,
            ChangeKind::StatusOnDate {
                as_of: day,
                old: before,
                new: after,
            },
            receiver,
            sender,
        );
    }
}
