//! What a diff finds: each change, its kind and its verdict for the two ends of its event.

use std::collections::BTreeSet;
use std::fmt;

use jiff::civil::Date;
use semver::Version;
use serde_json::{Value, json};

use crate::model::{
    DateKind, DatedStatus, Direction, Status, date_or_dash, direction_word, status_word,
};
use crate::plan::Plan;

use super::Omitted;
use super::names::NameChanges;
use super::report::count_or_dash;

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
    pub(super) fn compatible(reason: impl Into<String>) -> Self {
        Verdict {
            breaking: false,
            reason: reason.into(),
        }
    }

    pub(super) fn breaking(reason: impl Into<String>) -> Self {
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
    /// most [`MAX_CHANGES`](super::MAX_CHANGES).
    pub changes: Vec<Change>,
    /// The changes past [`MAX_CHANGES`](super::MAX_CHANGES), counted per event schema version.
    pub omitted: Vec<Omitted>,
    /// The Rust names added, removed or changed: empty from [`diff`](super::diff()), which compares catalogs;
    /// filled from the two catalogs' plans by [`diff_loaded`](super::diff_loaded) (and so by [`diff_files`](super::diff_files)).
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
    pub(super) fn with_names(self, old: &Plan, new: &Plan) -> Self {
        Diff {
            names: super::names::changes(old, new),
            ..self
        }
    }
}
