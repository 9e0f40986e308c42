//! `eventcat diff`: a semantic diff of two catalogs, each change classified for the two ends of
//! its event.
//!
//! Every event has a **receiver**, which decodes the payload, and a **sender**, which encodes
//! it. For a `received` event the host sends and the partner receives; for a `send` event the
//! partner sends and the host receives. A change from the OLD catalog to the NEW one is judged
//! the way Avro schema resolution and `buf breaking` judge a schema change:
//!
//! - **receiver**: can a decoder built from OLD read payloads written to NEW? (The host moved
//!   on; the partner's receiving code did not.)
//! - **sender**: can a decoder built from NEW read payloads written to OLD? (The host moved on;
//!   the partner's sending code did not.)
//!
//! A change *breaks partners* when it is breaking for the role the partner plays: the receiver
//! of a received event, the sender of a send event. `eventcat diff` exits 2 when any change
//! breaks partners (with `--strict`: when any change breaks either role), or when a Rust name
//! was removed or changed (see below). [`diff_files`] compares two catalog files and returns a
//! [`DiffReport`], from which the `eventcat` binary prints its text or JSON and its exit status.
//!
//! Decoders ignore fields they do not know (the SDK's validators strip them), and a catalog
//! `default` is used only when converting between schema versions, so a required field stays
//! required on the wire even when it has a default.
//!
//! | change | receiver (OLD decoder, NEW payload) | sender (NEW decoder, OLD payload) |
//! |---|---|---|
//! | event added | compatible | compatible |
//! | event removed | breaking: no longer delivered | breaking: no longer accepted |
//! | product changed | compatible | compatible |
//! | direction changed | breaking | breaking |
//! | status -> sunset | breaking: no longer delivered | breaking: no longer accepted |
//! | status -> active / deprecated | compatible | compatible |
//! | a date changed, added or removed | compatible (a notice; `--as-of` shows its effect) | compatible |
//! | schema version added | breaking: OLD decoders refuse the unknown `schemaVersion` | compatible |
//! | schema version removed | compatible | breaking: the host no longer lists it |
//! | field added, required | compatible: unknown fields are ignored | breaking: OLD payloads lack it |
//! | field added, optional | compatible | compatible |
//! | field removed, was required | breaking: OLD decoders require it | compatible |
//! | field removed, was optional | compatible | compatible |
//! | field made optional | breaking: NEW payloads may omit it | compatible |
//! | field made required | compatible | breaking: OLD payloads may omit it |
//! | field (or element) made nullable | breaking: NEW payloads may carry `null` | compatible |
//! | field (or element) made non-nullable | compatible | breaking: OLD payloads may carry `null` |
//! | retyped | compatible only if the OLD type accepts every NEW value (`integer` -> `number` breaks receivers) | compatible only if the NEW type accepts every OLD value (`number` -> `integer` breaks senders) |
//! | enum value (or `one_of` member) added | breaking: OLD decoders refuse it | compatible |
//! | enum value (or `one_of` member) removed | compatible | breaking: OLD payloads may carry it |
//! | constant changed | breaking | breaking |
//! | `min_items` raised or added, `max_items` lowered or added | compatible: new payloads fit the old bounds | breaking: OLD payloads may not fit the new bounds |
//! | `min_items` lowered or removed, `max_items` raised or removed | breaking: NEW payloads may not fit the old bounds | compatible |
//! | status on the `--as-of` day becomes sunset | breaking | breaking |
//! | status on the `--as-of` day becomes anything else | compatible | compatible |
//!
//! "Accepts every value" for a retyped field: a type accepts itself; `number` accepts
//! `integer`; `string` accepts an enum and a string constant; a scalar accepts a constant of its
//! kind; an enum accepts a constant among its values; a `one_of` accepts what any member
//! accepts. Shared types are compared by structure, so renaming a type changes nothing; nested
//! fields are reported with their path (`queue.id`, `messages[].id`, `variables{}`).
//!
//! **Rust names.** [`diff_files`] also plans both catalogs and lists the Rust names the change adds,
//! removes or changes ([`names`]: types, `ReceivedEvent`/`SendEvent` and family enum
//! variants, upgrade methods, conversions), so a partner sees what their code can and can no
//! longer name. A removed name, or one whose meaning changed, breaks partner code whatever role
//! the partner plays: it counts as breaking for partners (and so for `--strict`). Added names
//! are compatible. (Renaming a shared type changes no payload, but removes its old name.)

pub mod names;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt;
use std::rc::Rc;

use jiff::civil::Date;
use semver::Version;
use serde_json::{Value, json};

use crate::import::DateKind;
use crate::model::{
    Catalog, Constant, DatedStatus, Direction, Element, Event, Field, ItemBounds, Payload, Scalar,
    SchemaVersion, Shape, Status, direction_word, status_word,
};
use crate::page::date_or_dash;
use crate::plan::Plan;
use names::NameChanges;

/// The two ends of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Decodes the payload.
    Receiver,
    /// Encodes the payload.
    Sender,
}

impl Role {
    /// The role the partner plays for an event of this direction.
    pub(crate) fn of_partner(direction: Direction) -> Self {
        match direction {
            Direction::Received => Role::Receiver,
            Direction::Send => Role::Sender,
        }
    }

    /// `receiver` or `sender`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Receiver => "receiver",
            Role::Sender => "sender",
        }
    }
}

/// Whether a change breaks one role, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// True when code of that role built from the other catalog fails.
    pub breaking: bool,
    /// Why, in one sentence.
    pub reason: String,
}

impl Verdict {
    fn compatible(reason: impl Into<String>) -> Self {
        Verdict {
            breaking: false,
            reason: reason.into(),
        }
    }

    fn breaking(reason: impl Into<String>) -> Self {
        Verdict {
            breaking: true,
            reason: reason.into(),
        }
    }

    /// `compatible` or `breaking`.
    pub fn word(&self) -> &'static str {
        if self.breaking {
            "breaking"
        } else {
            "compatible"
        }
    }
}

/// What changed.
#[derive(Debug, Clone, PartialEq)]
pub enum ChangeKind {
    /// NEW has the event; OLD does not.
    EventAdded,
    /// OLD has the event; NEW does not.
    EventRemoved,
    /// The product changed.
    ProductChanged {
        /// In OLD.
        old: String,
        /// In NEW.
        new: String,
    },
    /// The direction changed.
    DirectionChanged {
        /// In OLD.
        old: Direction,
        /// In NEW.
        new: Direction,
    },
    /// The declared status changed.
    StatusChanged {
        /// In OLD.
        old: Status,
        /// In NEW.
        new: Status,
    },
    /// A lifecycle date changed, appeared or went away.
    DateChanged {
        /// Which date.
        date: DateKind,
        /// In OLD.
        old: Option<Date>,
        /// In NEW.
        new: Option<Date>,
    },
    /// NEW lists this schema version; OLD does not.
    VersionAdded,
    /// OLD lists this schema version; NEW does not.
    VersionRemoved,
    /// A field is new.
    FieldAdded {
        /// Whether it may be absent.
        optional: bool,
    },
    /// A field went away.
    FieldRemoved {
        /// Whether it was optional.
        optional: bool,
    },
    /// A field's type changed.
    FieldRetyped {
        /// The OLD type.
        old: String,
        /// The NEW type.
        new: String,
    },
    /// A required field became optional.
    FieldMadeOptional,
    /// An optional field became required.
    FieldMadeRequired,
    /// A field or element may now be `null`.
    MadeNullable,
    /// A field or element may no longer be `null`.
    MadeNonNullable,
    /// An enum gained a value.
    EnumValueAdded(String),
    /// An enum lost a value.
    EnumValueRemoved(String),
    /// A `one_of` gained a member.
    UnionMemberAdded(String),
    /// A `one_of` lost a member.
    UnionMemberRemoved(String),
    /// A constant changed.
    ConstantChanged {
        /// In OLD.
        old: String,
        /// In NEW.
        new: String,
    },
    /// An array's `min_items` changed (none is zero).
    MinItemsChanged {
        /// In OLD.
        old: Option<u64>,
        /// In NEW.
        new: Option<u64>,
    },
    /// An array's `max_items` changed (none is no upper bound).
    MaxItemsChanged {
        /// In OLD.
        old: Option<u64>,
        /// In NEW.
        new: Option<u64>,
    },
    /// The event's status on the `--as-of` day differs between the catalogs.
    StatusOnDate {
        /// The day.
        as_of: Date,
        /// Per OLD (none when OLD lacks the event).
        old: Option<DatedStatus>,
        /// Per NEW.
        new: DatedStatus,
    },
}

impl ChangeKind {
    /// A stable kebab-case name.
    pub fn code(&self) -> &'static str {
        match self {
            ChangeKind::EventAdded => "event-added",
            ChangeKind::EventRemoved => "event-removed",
            ChangeKind::ProductChanged { .. } => "product-changed",
            ChangeKind::DirectionChanged { .. } => "direction-changed",
            ChangeKind::StatusChanged { .. } => "status-changed",
            ChangeKind::DateChanged { .. } => "date-changed",
            ChangeKind::VersionAdded => "schema-version-added",
            ChangeKind::VersionRemoved => "schema-version-removed",
            ChangeKind::FieldAdded { .. } => "field-added",
            ChangeKind::FieldRemoved { .. } => "field-removed",
            ChangeKind::FieldRetyped { .. } => "field-retyped",
            ChangeKind::FieldMadeOptional => "field-made-optional",
            ChangeKind::FieldMadeRequired => "field-made-required",
            ChangeKind::MadeNullable => "made-nullable",
            ChangeKind::MadeNonNullable => "made-non-nullable",
            ChangeKind::EnumValueAdded(_) => "enum-value-added",
            ChangeKind::EnumValueRemoved(_) => "enum-value-removed",
            ChangeKind::UnionMemberAdded(_) => "union-member-added",
            ChangeKind::UnionMemberRemoved(_) => "union-member-removed",
            ChangeKind::ConstantChanged { .. } => "constant-changed",
            ChangeKind::MinItemsChanged { .. } => "min-items-changed",
            ChangeKind::MaxItemsChanged { .. } => "max-items-changed",
            ChangeKind::StatusOnDate { .. } => "status-on-date",
        }
    }
}

impl fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChangeKind::EventAdded => write!(f, "event added"),
            ChangeKind::EventRemoved => write!(f, "event removed"),
            ChangeKind::ProductChanged { old, new } => write!(f, "product {old} -> {new}"),
            ChangeKind::DirectionChanged { old, new } => write!(
                f,
                "direction {} -> {}",
                direction_word(*old),
                direction_word(*new)
            ),
            ChangeKind::StatusChanged { old, new } => {
                write!(f, "status {} -> {}", status_word(*old), status_word(*new))
            }
            ChangeKind::DateChanged { date, old, new } => write!(
                f,
                "{} {} -> {}",
                date.column(),
                date_or_dash(*old),
                date_or_dash(*new)
            ),
            ChangeKind::VersionAdded => write!(f, "schema version added"),
            ChangeKind::VersionRemoved => write!(f, "schema version removed"),
            ChangeKind::FieldAdded { optional: true } => write!(f, "field added (optional)"),
            ChangeKind::FieldAdded { optional: false } => write!(f, "field added (required)"),
            ChangeKind::FieldRemoved { optional: true } => {
                write!(f, "field removed (was optional)")
            }
            ChangeKind::FieldRemoved { optional: false } => {
                write!(f, "field removed (was required)")
            }
            ChangeKind::FieldRetyped { old, new } => write!(f, "retyped {old} -> {new}"),
            ChangeKind::FieldMadeOptional => write!(f, "made optional"),
            ChangeKind::FieldMadeRequired => write!(f, "made required"),
            ChangeKind::MadeNullable => write!(f, "made nullable"),
            ChangeKind::MadeNonNullable => write!(f, "made non-nullable"),
            ChangeKind::EnumValueAdded(value) => write!(f, "enum value `{value}` added"),
            ChangeKind::EnumValueRemoved(value) => write!(f, "enum value `{value}` removed"),
            ChangeKind::UnionMemberAdded(member) => write!(f, "one_of member {member} added"),
            ChangeKind::UnionMemberRemoved(member) => {
                write!(f, "one_of member {member} removed")
            }
            ChangeKind::ConstantChanged { old, new } => write!(f, "constant {old} -> {new}"),
            ChangeKind::MinItemsChanged { old, new } => {
                write!(
                    f,
                    "min_items {} -> {}",
                    count_or_dash(*old),
                    count_or_dash(*new)
                )
            }
            ChangeKind::MaxItemsChanged { old, new } => {
                write!(
                    f,
                    "max_items {} -> {}",
                    count_or_dash(*old),
                    count_or_dash(*new)
                )
            }
            ChangeKind::StatusOnDate { as_of, old, new } => write!(
                f,
                "status on {as_of}: {} -> {}",
                old.map_or("absent", DatedStatus::as_str),
                new.as_str()
            ),
        }
    }
}

/// One classified change.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The event.
    pub event: String,
    /// Its direction (in NEW, or in OLD when NEW lacks it).
    pub direction: Direction,
    /// The schema version, for version and field changes.
    pub version: Option<Version>,
    /// The field path inside the payload, for field changes.
    pub path: Option<String>,
    /// What changed.
    pub kind: ChangeKind,
    /// For the receiver (a decoder built from OLD, NEW payloads).
    pub receiver: Verdict,
    /// For the sender (payloads written to OLD, a decoder built from NEW).
    pub sender: Verdict,
}

impl Change {
    /// The role the partner plays for this event.
    pub fn partner_role(&self) -> Role {
        Role::of_partner(self.direction)
    }

    /// The verdict for a role.
    pub fn verdict(&self, role: Role) -> &Verdict {
        match role {
            Role::Receiver => &self.receiver,
            Role::Sender => &self.sender,
        }
    }

    /// True when the change breaks the partner's role.
    pub fn breaks_partner(&self) -> bool {
        self.verdict(self.partner_role()).breaking
    }

    /// True when the change breaks either role.
    pub(crate) fn breaks_any(&self) -> bool {
        self.receiver.breaking || self.sender.breaking
    }

    /// The change as JSON.
    pub fn to_json(&self) -> Value {
        let verdict = |v: &Verdict| json!({"verdict": v.word(), "reason": v.reason});
        json!({
            "event": self.event,
            "direction": direction_word(self.direction),
            "partner_role": self.partner_role().as_str(),
            "schema_version": self.version.as_ref().map(Version::to_string),
            "path": self.path,
            "kind": self.kind.code(),
            "change": self.kind.to_string(),
            "receiver": verdict(&self.receiver),
            "sender": verdict(&self.sender),
            "breaks_partner": self.breaks_partner(),
        })
    }
}

impl fmt::Display for Change {
    /// `aw-interaction-wrap-up-codes-v1 1.0.1 queue.id: field added (required)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.event)?;
        if let Some(version) = &self.version {
            write!(f, " {version}")?;
        }
        if let Some(path) = &self.path {
            write!(f, " {path}")?;
        }
        write!(f, ": {}", self.kind)
    }
}

/// The changes from one catalog to another.
#[derive(Debug, Clone, PartialEq)]
pub struct Diff {
    /// Every change, grouped by event: NEW's events in NEW's order, then the removed ones; at
    /// most [`MAX_CHANGES`].
    pub changes: Vec<Change>,
    /// The changes past [`MAX_CHANGES`], counted per event schema version.
    pub omitted: Vec<Omitted>,
    /// The Rust names added, removed or changed: empty from [`diff`], which compares catalogs;
    /// filled from the two catalogs' plans by [`diff_loaded`] (and so by [`diff_files`]).
    pub names: NameChanges,
}

impl Diff {
    /// True when a change breaks partners (or, with `strict`, either role), or a Rust name was
    /// removed or changed.
    pub fn breaking(&self, strict: bool) -> bool {
        self.changes.iter().any(|c| {
            if strict {
                c.breaks_any()
            } else {
                c.breaks_partner()
            }
        }) || self.omitted_breaking(strict)
            || self.names.breaking()
    }

    /// How many changes are counted but not listed.
    pub fn omitted_count(&self) -> usize {
        self.omitted
            .iter()
            .fold(0usize, |n, o| n.saturating_add(o.count))
    }

    /// True when a change counted but not listed breaks partners (or, with `strict`, either
    /// role).
    pub fn omitted_breaking(&self, strict: bool) -> bool {
        self.omitted.iter().any(|o| o.breaking(strict))
    }

    /// How many events the listed changes are of.
    pub fn changed_events(&self) -> usize {
        let events: BTreeSet<&str> = self.changes.iter().map(|c| c.event.as_str()).collect();
        events.len()
    }

    /// How many listed changes break partners.
    pub fn breaking_for_partners(&self) -> usize {
        self.changes.iter().filter(|c| c.breaks_partner()).count()
    }

    /// How many listed changes break either role.
    pub fn breaking_for_a_role(&self) -> usize {
        self.changes.iter().filter(|c| c.breaks_any()).count()
    }

    /// The diff as JSON.
    pub fn to_json(&self, strict: bool) -> Value {
        json!({
            "changes": self.changes.iter().map(Change::to_json).collect::<Vec<_>>(),
            "breaking_for_partners": self.breaking_for_partners(),
            "breaking_for_a_role": self.breaking_for_a_role(),
            "breaking": self.breaking(strict),
            "omitted_changes": self.omitted_count(),
            "rust_names": self.names.to_json(),
        })
    }
}

/// The Rust names of a diff (see [`names`]).
impl Diff {
    /// The diff with the Rust names the change adds, removes or changes, from the plans of the
    /// OLD and NEW catalogs.
    fn with_names(self, old: &Plan, new: &Plan) -> Self {
        Diff {
            names: names::changes(old, new),
            ..self
        }
    }
}

/// The stack of the thread [`diff`] compares on: shared types nest as deep as a catalog has
/// types, and each level is a few frames of the comparison.
const DIFF_STACK_BYTES: usize = 256 * 1024 * 1024;

/// Diffs two checked catalogs; with `as_of`, adds how each event's status on that day changed.
pub fn diff(old: &Catalog, new: &Catalog, as_of: Option<Date>) -> Diff {
    std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name("eventcat-diff".to_owned())
            .stack_size(DIFF_STACK_BYTES)
            .spawn_scoped(scope, || diff_here(old, new, as_of));
        match spawned {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(_) => diff_here(old, new, as_of),
        }
    })
}

/// [`diff`], on the calling thread.
fn diff_here(old: &Catalog, new: &Catalog, as_of: Option<Date>) -> Diff {
    let mut differ = Differ {
        comparer: Comparer::new(old, new),
        changes: Vec::new(),
        omitted: Vec::new(),
    };
    let old_events: HashMap<&str, &Event> =
        old.events.iter().map(|e| (e.name.as_str(), e)).collect();
    let new_events: HashSet<&str> = new.events.iter().map(|e| e.name.as_str()).collect();
    for event in &new.events {
        let before = old_events.get(event.name.as_str()).copied();
        match before {
            Some(before) => differ.event(before, event),
            None => differ.push_event(
                event,
                ChangeKind::EventAdded,
                Verdict::compatible("no code built from the old catalog handles it yet"),
                Verdict::compatible("no code built from the old catalog sends it yet"),
            ),
        }
        if let Some(day) = as_of {
            differ.status_on(before, event, day);
        }
    }
    for event in &old.events {
        if !new_events.contains(event.name.as_str()) {
            differ.push_event(
                event,
                ChangeKind::EventRemoved,
                Verdict::breaking(
                    "the host no longer lists it: receiving code stops getting it, and code \
                     naming its type stops compiling once regenerated",
                ),
                Verdict::breaking("the host no longer lists it, so it may refuse it"),
            );
        }
    }
    Diff {
        changes: differ.changes,
        omitted: differ.omitted,
        names: NameChanges::default(),
    }
}

/// The most changes a diff lists. A shared type used at many paths is reported at each of
/// them, which a catalog can multiply without end (a type used twice by a type used twice
/// ...); past this many, the changes are counted in [`Diff::omitted`] instead.
pub const MAX_CHANGES: usize = 100_000;

/// Changes counted but not listed, past [`MAX_CHANGES`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Omitted {
    /// The event.
    pub event: String,
    /// Its direction.
    pub direction: Direction,
    /// The schema version.
    pub version: Version,
    /// How many changes (saturating).
    pub count: usize,
    /// Whether any of them breaks receivers.
    pub breaks_receiver: bool,
    /// Whether any of them breaks senders.
    pub breaks_sender: bool,
}

impl Omitted {
    /// True when an omitted change breaks partners (or, with `strict`, either role).
    pub fn breaking(&self, strict: bool) -> bool {
        let partner = match Role::of_partner(self.direction) {
            Role::Receiver => self.breaks_receiver,
            Role::Sender => self.breaks_sender,
        };
        partner || (strict && (self.breaks_receiver || self.breaks_sender))
    }
}

struct Differ<'a> {
    comparer: Comparer<'a>,
    changes: Vec<Change>,
    omitted: Vec<Omitted>,
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
    fn push_event(&mut self, event: &Event, kind: ChangeKind, receiver: Verdict, sender: Verdict) {
        self.push(event, None, None, kind, receiver, sender);
    }

    /// The changes of an event both catalogs have.
    fn event(&mut self, old: &'a Event, new: &'a Event) {
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

    fn status_on(&mut self, old: Option<&Event>, new: &Event, day: Date) {
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

/// The fields of a payload (a shared object type's fields when the payload names one).
fn payload_fields<'a>(types: &Types<'a>, payload: &'a Payload) -> &'a [Field] {
    match payload {
        Payload::Fields(fields) => fields,
        Payload::Type(name) => match types.get(name.as_str()) {
            Some(Shape::Object(fields)) => fields,
            _ => &[],
        },
    }
}

/// Follows shared type names to the shape they stand for, however long the chain of aliases.
/// A cycle of aliases (which the validator refuses) ends at the name that closes it.
fn resolve<'a>(types: &Types<'a>, mut shape: &'a Shape) -> &'a Shape {
    let mut seen = HashSet::new();
    while let Shape::Named(name) = shape {
        if !seen.insert(name.as_str()) {
            break;
        }
        match types.get(name.as_str()) {
            Some(declared) => shape = declared,
            None => break,
        }
    }
    shape
}

/// A catalog's shared types by name.
type Types<'a> = HashMap<&'a str, &'a Shape>;

fn types_of(catalog: &Catalog) -> Types<'_> {
    catalog
        .types
        .iter()
        .map(|t| (t.name.as_str(), &t.shape))
        .collect()
}

/// The shape as written: `string`, `Queue`, `enum [a, b]`, `array of string`.
fn describe(shape: &Shape) -> String {
    match shape {
        Shape::Scalar(scalar) => scalar.as_str().to_owned(),
        Shape::Named(name) => name.clone(),
        Shape::Const(constant) => format!("const {}", constant.to_json()),
        Shape::Enum(values) => format!("enum [{}]", values.join(", ")),
        Shape::Object(_) => "object".to_owned(),
        Shape::Array(element, _) => format!("array of {}", describe_element(element)),
        Shape::Map(element) => format!("map of {}", describe_element(element)),
        Shape::OneOf(members) => format!(
            "one_of [{}]",
            members
                .iter()
                .map(describe_element)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn describe_element(element: &Element) -> String {
    let shape = describe(&element.shape);
    if element.nullable {
        format!("{shape} or null")
    } else {
        shape
    }
}

/// Whether every value of `value` (in `value_catalog`) is accepted by `reader` (in
/// `reader_catalog`), judged on the outer type: objects, arrays and maps accept their own kind
/// (their insides are compared field by field).
fn accepts<'a>(
    reader_catalog: &Types<'a>,
    reader: &'a Shape,
    value_catalog: &Types<'a>,
    value: &'a Shape,
) -> bool {
    let reader = resolve(reader_catalog, reader);
    let value = resolve(value_catalog, value);
    match (reader, value) {
        (Shape::Scalar(a), Shape::Scalar(b)) => {
            a == b || (*a == Scalar::Number && *b == Scalar::Integer)
        }
        (Shape::Scalar(scalar), Shape::Const(constant)) => {
            constant.scalar() == *scalar
                || (*scalar == Scalar::Number && constant.scalar() == Scalar::Integer)
        }
        (Shape::Scalar(Scalar::String), Shape::Enum(_)) => true,
        (Shape::Enum(values), Shape::Const(Constant::String(s))) => values.contains(s),
        (Shape::Enum(a), Shape::Enum(b)) => b.iter().all(|v| a.contains(v)),
        (Shape::Const(a), Shape::Const(b)) => a == b,
        (Shape::Object(_), Shape::Object(_))
        | (Shape::Array(..), Shape::Array(..))
        | (Shape::Map(_), Shape::Map(_)) => true,
        (_, Shape::OneOf(members)) => members
            .iter()
            .all(|m| accepts(reader_catalog, reader, value_catalog, &m.shape)),
        (Shape::OneOf(members), _) => members
            .iter()
            .any(|m| accepts(reader_catalog, &m.shape, value_catalog, value)),
        _ => false,
    }
}

/// Stands for the full path of a change in the reasons of changes inside shared types, which
/// are compared once and reported at every path that uses them.
const PATH: &str = "\u{1}";

/// One step of a field path: a field, the items of an array, the values of a map.
#[derive(Debug, Clone)]
enum Step {
    Field(String),
    Array,
    Map,
}

/// `queue.id`, `messages[].author`, `variables{}`.
fn render_path(steps: &[Step]) -> String {
    let mut out = String::new();
    for step in steps {
        match step {
            Step::Field(name) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(name);
            }
            Step::Array => out.push_str("[]"),
            Step::Map => out.push_str("{}"),
        }
    }
    out
}

fn with(path: &[Step], step: Step) -> Vec<Step> {
    let mut path = path.to_vec();
    path.push(step);
    path
}

/// What a comparison found, with paths relative to where it started.
#[derive(Debug)]
enum Item {
    /// A change.
    Change {
        path: Vec<Step>,
        kind: ChangeKind,
        receiver: Verdict,
        sender: Verdict,
    },
    /// The changes of a pair of shared types, used at `path`.
    Nested { path: Vec<Step>, node: Rc<Node> },
}

/// The changes between a pair of shared types: compared once, reported at every use.
#[derive(Debug)]
struct Node {
    items: Vec<Item>,
    /// How many changes the items stand for (saturating).
    count: usize,
    /// Whether any of them breaks a receiver, a sender.
    breaks: (bool, bool),
}

impl Node {
    fn new(items: Vec<Item>) -> Self {
        let mut count = 0usize;
        let mut breaks = (false, false);
        for item in &items {
            match item {
                Item::Change {
                    receiver, sender, ..
                } => {
                    count = count.saturating_add(1);
                    breaks.0 |= receiver.breaking;
                    breaks.1 |= sender.breaking;
                }
                Item::Nested { node, .. } => {
                    count = count.saturating_add(node.count);
                    breaks.0 |= node.breaks.0;
                    breaks.1 |= node.breaks.1;
                }
            }
        }
        Node {
            items,
            count,
            breaks,
        }
    }
}

/// Compares payloads. A pair of shared types is compared once per diff and its changes are
/// reported at every path that uses it; a pair met again inside itself (a recursive type) is
/// not compared again there.
struct Comparer<'a> {
    old: Types<'a>,
    new: Types<'a>,
    /// Pairs compared, with what was found; only results that do not depend on the pairs
    /// being compared around them are kept.
    memo: HashMap<(&'a str, &'a str), Rc<Node>>,
    /// The pairs being compared, by depth.
    stack: HashMap<(&'a str, &'a str), usize>,
    /// The shallowest pair of `stack` the current comparison met again.
    lowest_cut: usize,
}

impl<'a> Comparer<'a> {
    fn new(old: &'a Catalog, new: &'a Catalog) -> Self {
        Comparer {
            old: types_of(old),
            new: types_of(new),
            memo: HashMap::new(),
            stack: HashMap::new(),
            lowest_cut: usize::MAX,
        }
    }

    fn push(
        &mut self,
        out: &mut Vec<Item>,
        path: &[Step],
        kind: ChangeKind,
        receiver: Verdict,
        sender: Verdict,
    ) {
        out.push(Item::Change {
            path: path.to_vec(),
            kind,
            receiver,
            sender,
        });
    }

    fn fields(&mut self, old: &'a [Field], new: &'a [Field], prefix: &[Step], out: &mut Vec<Item>) {
        let by_name: HashMap<&str, &'a Field> =
            new.iter().map(|f| (f.wire_name.as_str(), f)).collect();
        let old_names: HashSet<&str> = old.iter().map(|f| f.wire_name.as_str()).collect();
        for before in old {
            let path = with(prefix, Step::Field(before.wire_name.clone()));
            match by_name.get(before.wire_name.as_str()) {
                Some(after) => self.field(before, after, &path, out),
                None if before.optional => self.push(
                    out,
                    &path,
                    ChangeKind::FieldRemoved { optional: true },
                    Verdict::compatible("it was optional"),
                    Verdict::compatible("decoders ignore fields they do not know"),
                ),
                None => self.push(
                    out,
                    &path,
                    ChangeKind::FieldRemoved { optional: false },
                    Verdict::breaking(format!(
                        "decoders built from the old catalog require `{PATH}`, which new \
                         payloads lack"
                    )),
                    Verdict::compatible("decoders ignore fields they do not know"),
                ),
            }
        }
        for after in new {
            if old_names.contains(after.wire_name.as_str()) {
                continue;
            }
            let path = with(prefix, Step::Field(after.wire_name.clone()));
            let sender = if after.optional {
                Verdict::compatible("the new field is optional")
            } else {
                Verdict::breaking(format!(
                    "decoders built from the new catalog require `{PATH}`, which payloads \
                     written to the old one lack"
                ))
            };
            self.push(
                out,
                &path,
                ChangeKind::FieldAdded {
                    optional: after.optional,
                },
                Verdict::compatible("decoders ignore fields they do not know"),
                sender,
            );
        }
    }

    fn field(&mut self, old: &'a Field, new: &'a Field, path: &[Step], out: &mut Vec<Item>) {
        match (old.optional, new.optional) {
            (false, true) => self.push(
                out,
                path,
                ChangeKind::FieldMadeOptional,
                Verdict::breaking(format!(
                    "new payloads may omit `{PATH}`, which decoders built from the old catalog \
                     require"
                )),
                Verdict::compatible("payloads written to the old catalog always carry it"),
            ),
            (true, false) => self.push(
                out,
                path,
                ChangeKind::FieldMadeRequired,
                Verdict::compatible("new payloads always carry it"),
                Verdict::breaking(format!(
                    "payloads written to the old catalog may omit `{PATH}`, which decoders built \
                     from the new one require"
                )),
            ),
            _ => {}
        }
        self.nullable(old.nullable, new.nullable, path, out);
        self.shape(&old.shape, &new.shape, path, out);
    }

    fn nullable(&mut self, old: bool, new: bool, path: &[Step], out: &mut Vec<Item>) {
        match (old, new) {
            (false, true) => self.push(
                out,
                path,
                ChangeKind::MadeNullable,
                Verdict::breaking(
                    "new payloads may carry null, which decoders built from the old catalog refuse",
                ),
                Verdict::compatible("payloads written to the old catalog never carry null"),
            ),
            (true, false) => self.push(
                out,
                path,
                ChangeKind::MadeNonNullable,
                Verdict::compatible("new payloads never carry null"),
                Verdict::breaking(
                    "payloads written to the old catalog may carry null, which decoders built \
                     from the new one refuse",
                ),
            ),
            _ => {}
        }
    }

    fn shape(&mut self, old: &'a Shape, new: &'a Shape, path: &[Step], out: &mut Vec<Item>) {
        let (Shape::Named(a), Shape::Named(b)) = (old, new) else {
            return self.resolved(old, new, path, out);
        };
        let key = (a.as_str(), b.as_str());
        if let Some(&depth) = self.stack.get(&key) {
            self.lowest_cut = self.lowest_cut.min(depth);
            return;
        }
        let node = match self.memo.get(&key) {
            Some(node) => Rc::clone(node),
            None => {
                let depth = self.stack.len();
                self.stack.insert(key, depth);
                let outer = std::mem::replace(&mut self.lowest_cut, usize::MAX);
                let mut items = Vec::new();
                self.resolved(old, new, &[], &mut items);
                self.stack.remove(&key);
                let inner = std::mem::replace(&mut self.lowest_cut, outer);
                let node = Rc::new(Node::new(items));
                if inner >= depth {
                    self.memo.insert(key, Rc::clone(&node));
                } else {
                    self.lowest_cut = self.lowest_cut.min(inner);
                }
                node
            }
        };
        if node.count > 0 {
            out.push(Item::Nested {
                path: path.to_vec(),
                node,
            });
        }
    }

    /// Compares two shapes by what they stand for (following shared type names).
    fn resolved(&mut self, old: &'a Shape, new: &'a Shape, path: &[Step], out: &mut Vec<Item>) {
        let before = resolve(&self.old, old);
        let after = resolve(&self.new, new);
        match (before, after) {
            (Shape::Object(a), Shape::Object(b)) => self.fields(a, b, path, out),
            (Shape::Array(a, a_bounds), Shape::Array(b, b_bounds)) => {
                self.item_bounds(*a_bounds, *b_bounds, path, out);
                self.element(a, b, &with(path, Step::Array), out);
            }
            (Shape::Map(a), Shape::Map(b)) => self.element(a, b, &with(path, Step::Map), out),
            (Shape::Enum(a), Shape::Enum(b)) => self.enum_values(a, b, path, out),
            (Shape::Const(a), Shape::Const(b)) if a != b => self.constant(a, b, path, out),
            (Shape::Const(_), Shape::Const(_)) => {}
            (Shape::OneOf(a), Shape::OneOf(b)) => self.union_members(a, b, path, out),
            (Shape::Scalar(a), Shape::Scalar(b)) if a == b => {}
            _ => self.retyped(old, new, path, out),
        }
    }

    /// The values an enum gained and lost.
    fn enum_values(&mut self, old: &[String], new: &[String], path: &[Step], out: &mut Vec<Item>) {
        for value in new.iter().filter(|v| !old.contains(v)) {
            self.push(
                out,
                path,
                ChangeKind::EnumValueAdded(value.clone()),
                Verdict::breaking(format!(
                    "decoders built from the old catalog refuse the value `{value}`"
                )),
                Verdict::compatible(
                    "payloads written to the old catalog use only values the new one keeps",
                ),
            );
        }
        for value in old.iter().filter(|v| !new.contains(v)) {
            self.push(
                out,
                path,
                ChangeKind::EnumValueRemoved(value.clone()),
                Verdict::compatible("new payloads use only values the old catalog knows"),
                Verdict::breaking(format!(
                    "payloads written to the old catalog may carry `{value}`, which decoders \
                     built from the new one refuse"
                )),
            );
        }
    }

    /// A constant that changed: breaking both ways.
    fn constant(&mut self, old: &Constant, new: &Constant, path: &[Step], out: &mut Vec<Item>) {
        let (a, b) = (old.to_json(), new.to_json());
        self.push(
            out,
            path,
            ChangeKind::ConstantChanged {
                old: a.to_string(),
                new: b.to_string(),
            },
            Verdict::breaking(format!(
                "decoders built from the old catalog expect {a}; new payloads carry {b}"
            )),
            Verdict::breaking(format!(
                "decoders built from the new catalog expect {b}; payloads written to the old one \
                 carry {a}"
            )),
        );
    }

    /// The members a `one_of` gained and lost, told apart by how they are written.
    fn union_members(
        &mut self,
        old: &[Element],
        new: &[Element],
        path: &[Step],
        out: &mut Vec<Item>,
    ) {
        let old: Vec<String> = old.iter().map(describe_element).collect();
        let new: Vec<String> = new.iter().map(describe_element).collect();
        for member in new.iter().filter(|m| !old.contains(m)) {
            self.push(
                out,
                path,
                ChangeKind::UnionMemberAdded(member.clone()),
                Verdict::breaking(format!(
                    "new payloads may carry {member}, which decoders built from the old catalog \
                     refuse"
                )),
                Verdict::compatible(
                    "payloads written to the old catalog fit members the new one keeps",
                ),
            );
        }
        for member in old.iter().filter(|m| !new.contains(m)) {
            self.push(
                out,
                path,
                ChangeKind::UnionMemberRemoved(member.clone()),
                Verdict::compatible("new payloads fit members the old catalog knows"),
                Verdict::breaking(format!(
                    "payloads written to the old catalog may carry {member}, which decoders \
                     built from the new one refuse"
                )),
            );
        }
    }

    /// A shape that became another: compatible for a role when its decoder's type accepts
    /// every value of the other's.
    fn retyped(&mut self, old: &'a Shape, new: &'a Shape, path: &[Step], out: &mut Vec<Item>) {
        let (old_text, new_text) = (describe(old), describe(new));
        let receiver = if accepts(&self.old, old, &self.new, new) {
            Verdict::compatible(format!(
                "decoders built from the old catalog accept every {new_text}"
            ))
        } else {
            Verdict::breaking(format!(
                "decoders built from the old catalog expect {old_text}; new payloads carry \
                 {new_text}"
            ))
        };
        let sender = if accepts(&self.new, new, &self.old, old) {
            Verdict::compatible(format!(
                "decoders built from the new catalog accept every {old_text}"
            ))
        } else {
            Verdict::breaking(format!(
                "decoders built from the new catalog expect {new_text}; payloads written to the \
                 old one carry {old_text}"
            ))
        };
        let kind = ChangeKind::FieldRetyped {
            old: old_text,
            new: new_text,
        };
        self.push(out, path, kind, receiver, sender);
    }

    fn element(&mut self, old: &'a Element, new: &'a Element, path: &[Step], out: &mut Vec<Item>) {
        self.nullable(old.nullable, new.nullable, path, out);
        self.shape(&old.shape, &new.shape, path, out);
    }

    /// A change of an array's item bounds. Tightening (a new or higher `min_items`, a new or
    /// lower `max_items`) is like making a field required: new payloads still fit old decoders,
    /// payloads written to the old catalog may not fit new ones. Loosening is the reverse.
    fn item_bounds(
        &mut self,
        old: ItemBounds,
        new: ItemBounds,
        path: &[Step],
        out: &mut Vec<Item>,
    ) {
        self.min_items(old.min, new.min, path, out);
        self.max_items(old.max, new.max, path, out);
    }

    /// A change of `min_items` (none is zero).
    fn min_items(
        &mut self,
        old: Option<u64>,
        new: Option<u64>,
        path: &[Step],
        out: &mut Vec<Item>,
    ) {
        let (old_min, new_min) = (old.unwrap_or(0), new.unwrap_or(0));
        if old_min != new_min {
            let kind = ChangeKind::MinItemsChanged { old, new };
            let (receiver, sender) = if new_min > old_min {
                (
                    Verdict::compatible(format!("new payloads carry at least {new_min} items")),
                    Verdict::breaking(format!(
                        "payloads written to the old catalog may carry fewer than {new_min} items \
                         in `{PATH}`, which decoders built from the new one refuse"
                    )),
                )
            } else {
                (
                    Verdict::breaking(format!(
                        "new payloads may carry fewer than {old_min} items in `{PATH}`, which \
                         decoders built from the old catalog refuse"
                    )),
                    Verdict::compatible(format!(
                        "payloads written to the old catalog carry at least {old_min} items"
                    )),
                )
            };
            self.push(out, path, kind, receiver, sender);
        }
    }

    /// A change of `max_items` (none is no upper bound: a new one, or a lower one, tightens).
    fn max_items(
        &mut self,
        old: Option<u64>,
        new: Option<u64>,
        path: &[Step],
        out: &mut Vec<Item>,
    ) {
        if old != new {
            let kind = ChangeKind::MaxItemsChanged { old, new };
            let (receiver, sender) = match (old, new) {
                (old_max, Some(new_max)) if old_max.is_none_or(|old_max| new_max < old_max) => (
                    Verdict::compatible(format!("new payloads carry at most {new_max} items")),
                    Verdict::breaking(format!(
                        "payloads written to the old catalog may carry more than {new_max} items \
                         in `{PATH}`, which decoders built from the new one refuse"
                    )),
                ),
                (Some(old_max), _) => (
                    Verdict::breaking(format!(
                        "new payloads may carry more than {old_max} items in `{PATH}`, which \
                         decoders built from the old catalog refuse"
                    )),
                    Verdict::compatible(format!(
                        "payloads written to the old catalog carry at most {old_max} items"
                    )),
                ),
                // Not reached: `(None, None)`, equal bounds, and `(None, Some(_))`, a tightening.
                (None, _) => return,
            };
            self.push(out, path, kind, receiver, sender);
        }
    }
}

/// A count, or `-` for none.
fn count_or_dash(count: Option<u64>) -> String {
    count.map_or_else(|| "-".to_owned(), |n| n.to_string())
}

/// What [`diff_files`] is asked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DiffOptions {
    /// Also report how each event's status on this day changed (`--as-of`).
    pub as_of: Option<Date>,
    /// A change that breaks either role is breaking, not only one that breaks partners
    /// (`--strict`).
    pub strict: bool,
}

/// Two catalog files compared: what `eventcat diff` prints and exits with is computed from it.
#[derive(Debug, Clone, PartialEq)]
pub struct DiffReport {
    /// The OLD catalog, as named on the command line.
    pub old_name: String,
    /// The NEW catalog, as named on the command line.
    pub new_name: String,
    /// The changes, with the Rust names.
    pub diff: Diff,
    /// Whether a change that breaks either role counts as breaking.
    pub strict: bool,
}

impl DiffReport {
    /// True when the diff breaks partners (with `strict`, either role), or a Rust name was
    /// removed or changed.
    pub fn breaking(&self) -> bool {
        self.diff.breaking(self.strict)
    }

    /// The report as JSON (the fields the README documents for `diff --format json`).
    pub fn to_json(&self) -> Value {
        self.diff.to_json(self.strict)
    }
}

/// `eventcat diff OLD NEW`: loads and plans both catalogs and diffs them, with their Rust
/// names. A catalog that does not load, or cannot be planned, is the error.
pub fn diff_files(
    old_path: &std::path::Path,
    new_path: &std::path::Path,
    options: &DiffOptions,
) -> Result<DiffReport, crate::pipeline::LoadError> {
    let old = crate::pipeline::load_file(old_path)?;
    let new = crate::pipeline::load_file(new_path)?;
    let diff = diff_loaded(&old, &new, options.as_of)?;
    Ok(DiffReport {
        old_name: old_path.display().to_string(),
        new_name: new_path.display().to_string(),
        diff,
        strict: options.strict,
    })
}

/// [`diff`] of two loaded catalogs, with the Rust names the change adds, removes or changes
/// (from the plans of both). A catalog that cannot be planned is the error.
pub fn diff_loaded(
    old: &crate::pipeline::Loaded,
    new: &crate::pipeline::Loaded,
    as_of: Option<Date>,
) -> Result<Diff, crate::pipeline::LoadError> {
    let (old_plan, new_plan) = (plan_of(old)?, plan_of(new)?);
    Ok(diff(&old.catalog, &new.catalog, as_of).with_names(&old_plan, &new_plan))
}

/// The plan of a loaded catalog; its errors are the catalog's.
fn plan_of(loaded: &crate::pipeline::Loaded) -> Result<Plan, crate::pipeline::LoadError> {
    crate::plan::plan(&loaded.catalog, &loaded.names, &Default::default()).map_err(|diagnostics| {
        crate::pipeline::LoadError::Invalid(crate::diagnostic::Report {
            diagnostics,
            ..loaded.report.clone()
        })
    })
}
