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
//! breaks partners (with `--strict`: when any change breaks either role).
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
//! | status on the `--as-of` day becomes sunset | breaking | breaking |
//! | status on the `--as-of` day becomes anything else | compatible | compatible |
//!
//! "Accepts every value" for a retyped field: a type accepts itself; `number` accepts
//! `integer`; `string` accepts an enum and a string constant; a scalar accepts a constant of its
//! kind; an enum accepts a constant among its values; a `one_of` accepts what any member
//! accepts. Shared types are compared by structure, so renaming a type changes nothing; nested
//! fields are reported with their path (`queue.id`, `messages[].id`, `variables{}`).

use std::collections::BTreeSet;
use std::fmt;

use jiff::civil::Date;
use semver::Version;
use serde_json::{Value, json};

use crate::import::DateKind;
use crate::listing::{direction_word, status_word};
use crate::model::{
    Catalog, Constant, DatedStatus, Direction, Element, Event, Field, Payload, Scalar, Shape,
    Status,
};
use crate::outcome::{self, Outcome};
use crate::page::date_or_dash;

/// Exit code of `diff` when a change breaks partners.
pub const EXIT_BREAKING: u8 = 2;
/// Exit code of `diff` when a catalog cannot be loaded.
pub const EXIT_TROUBLE: u8 = 1;

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
    pub fn of_partner(direction: Direction) -> Self {
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
    pub fn breaks_any(&self) -> bool {
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
    /// Every change, grouped by event: NEW's events in NEW's order, then the removed ones.
    pub changes: Vec<Change>,
}

impl Diff {
    /// True when a change breaks partners (or, with `strict`, either role).
    pub fn breaking(&self, strict: bool) -> bool {
        self.changes.iter().any(|c| {
            if strict {
                c.breaks_any()
            } else {
                c.breaks_partner()
            }
        })
    }

    /// The diff as text: per event a heading, then each change with both verdicts.
    pub fn text(&self, old_name: &str, new_name: &str, strict: bool) -> String {
        let mut out = String::new();
        let mut current: Option<&str> = None;
        for change in &self.changes {
            if current != Some(change.event.as_str()) {
                current = Some(&change.event);
                out.push_str(&format!(
                    "{} ({}; the partner is the {})\n",
                    change.event,
                    direction_word(change.direction),
                    change.partner_role().as_str()
                ));
            }
            let mut what = change.kind.to_string();
            match (&change.version, &change.path) {
                (Some(version), Some(path)) => what = format!("{version} `{path}`: {what}"),
                (Some(version), None) => what = format!("{version}: {what}"),
                _ => {}
            }
            out.push_str(&format!("  {what}\n"));
            for role in [Role::Receiver, Role::Sender] {
                let verdict = change.verdict(role);
                let who = if role == change.partner_role() {
                    "partner"
                } else {
                    "host"
                };
                out.push_str(&format!(
                    "    {} ({who}): {}: {}\n",
                    role.as_str(),
                    if verdict.breaking {
                        "BREAKING"
                    } else {
                        "compatible"
                    },
                    verdict.reason
                ));
            }
        }
        let events: BTreeSet<&str> = self.changes.iter().map(|c| c.event.as_str()).collect();
        let partner = self.changes.iter().filter(|c| c.breaks_partner()).count();
        let any = self.changes.iter().filter(|c| c.breaks_any()).count();
        out.push_str(&format!(
            "{old_name} -> {new_name}: {} changes in {} events; breaking: {partner} for partners, \
             {any} for either role{}\n",
            self.changes.len(),
            events.len(),
            if self.breaking(strict) {
                " (exit 2)"
            } else {
                ""
            }
        ));
        out
    }

    /// The diff as JSON.
    pub fn to_json(&self, strict: bool) -> Value {
        json!({
            "changes": self.changes.iter().map(Change::to_json).collect::<Vec<_>>(),
            "breaking_for_partners": self.changes.iter().filter(|c| c.breaks_partner()).count(),
            "breaking_for_a_role": self.changes.iter().filter(|c| c.breaks_any()).count(),
            "breaking": self.breaking(strict),
        })
    }
}

/// Diffs two checked catalogs; with `as_of`, adds how each event's status on that day changed.
pub fn diff(old: &Catalog, new: &Catalog, as_of: Option<Date>) -> Diff {
    let mut differ = Differ {
        old,
        new,
        changes: Vec::new(),
    };
    for event in &new.events {
        match old.event(&event.name) {
            Some(before) => differ.event(before, event),
            None => differ.push(
                event,
                None,
                None,
                ChangeKind::EventAdded,
                Verdict::compatible("no code built from the old catalog handles it yet"),
                Verdict::compatible("no code built from the old catalog sends it yet"),
            ),
        }
        if let Some(day) = as_of {
            differ.status_on(old.event(&event.name), event, day);
        }
    }
    for event in &old.events {
        if new.event(&event.name).is_none() {
            differ.push(
                event,
                None,
                None,
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
    }
}

struct Differ<'a> {
    old: &'a Catalog,
    new: &'a Catalog,
    changes: Vec<Change>,
}

impl Differ<'_> {
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

    fn event(&mut self, old: &Event, new: &Event) {
        if old.product != new.product {
            let reason = "the product only labels the event; its name and payload are unchanged";
            self.push(
                new,
                None,
                None,
                ChangeKind::ProductChanged {
                    old: old.product.clone(),
                    new: new.product.clone(),
                },
                Verdict::compatible(reason),
                Verdict::compatible(reason),
            );
        }
        if old.direction != new.direction {
            let reason = format!(
                "the event now flows the other way ({} -> {})",
                direction_word(old.direction),
                direction_word(new.direction)
            );
            self.push(
                new,
                None,
                None,
                ChangeKind::DirectionChanged {
                    old: old.direction,
                    new: new.direction,
                },
                Verdict::breaking(reason.clone()),
                Verdict::breaking(reason),
            );
        }
        if old.status != new.status {
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
            self.push(
                new,
                None,
                None,
                ChangeKind::StatusChanged {
                    old: old.status,
                    new: new.status,
                },
                receiver,
                sender,
            );
        }
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
            self.push(
                new,
                None,
                None,
                ChangeKind::DateChanged {
                    date,
                    old: before,
                    new: after,
                },
                Verdict::compatible(reason.clone()),
                Verdict::compatible(reason),
            );
        }
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
                (Some(before), Some(after)) => {
                    let old_fields = payload_fields(self.old, &before.payload);
                    let new_fields = payload_fields(self.new, &after.payload);
                    let mut scope = Scope {
                        differ: self,
                        event: new,
                        version,
                        seen: BTreeSet::new(),
                    };
                    scope.fields(old_fields, new_fields, "");
                }
                (None, Some(_)) => self.push(
                    new,
                    Some(version),
                    None,
                    ChangeKind::VersionAdded,
                    Verdict::breaking(format!(
                        "decoders built from the old catalog refuse payloads with schemaVersion \
                         {version}"
                    )),
                    Verdict::compatible(
                        "payloads written to the versions the old catalog lists are still \
                         accepted",
                    ),
                ),
                (Some(_), None) => self.push(
                    new,
                    Some(version),
                    None,
                    ChangeKind::VersionRemoved,
                    Verdict::compatible(
                        "the host stops sending a version old decoders know; the remaining ones \
                         still decode",
                    ),
                    Verdict::breaking(format!(
                        "payloads written as schemaVersion {version} are no longer listed as \
                         accepted"
                    )),
                ),
                (None, None) => {}
            }
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
        self.push(
            new,
            None,
            None,
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
fn payload_fields<'a>(catalog: &'a Catalog, payload: &'a Payload) -> &'a [Field] {
    match payload {
        Payload::Fields(fields) => fields,
        Payload::Type(name) => match catalog.type_decl(name).map(|t| &t.shape) {
            Some(Shape::Object(fields)) => fields,
            _ => &[],
        },
    }
}

/// Follows shared type names to the shape they stand for.
fn resolve<'a>(catalog: &'a Catalog, mut shape: &'a Shape) -> &'a Shape {
    for _ in 0..64 {
        let Shape::Named(name) = shape else {
            break;
        };
        match catalog.type_decl(name) {
            Some(decl) => shape = &decl.shape,
            None => break,
        }
    }
    shape
}

/// The shape as written: `string`, `Queue`, `enum [a, b]`, `array of string`.
fn describe(shape: &Shape) -> String {
    match shape {
        Shape::Scalar(scalar) => scalar.as_str().to_owned(),
        Shape::Named(name) => name.clone(),
        Shape::Const(constant) => format!("const {}", constant.to_json()),
        Shape::Enum(values) => format!("enum [{}]", values.join(", ")),
        Shape::Object(_) => "object".to_owned(),
        Shape::Array(element) => format!("array of {}", describe_element(element)),
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
fn accepts(
    reader_catalog: &Catalog,
    reader: &Shape,
    value_catalog: &Catalog,
    value: &Shape,
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
        | (Shape::Array(_), Shape::Array(_))
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

/// Compares the payloads of one schema version.
struct Scope<'d, 'a> {
    differ: &'d mut Differ<'a>,
    event: &'d Event,
    version: &'d Version,
    /// Shared-type pairs being compared, so that recursive types end.
    seen: BTreeSet<(String, String)>,
}

impl Scope<'_, '_> {
    fn push(&mut self, path: &str, kind: ChangeKind, receiver: Verdict, sender: Verdict) {
        let (event, version) = (self.event, self.version);
        self.differ
            .push(event, Some(version), Some(path), kind, receiver, sender);
    }

    fn fields(&mut self, old: &[Field], new: &[Field], prefix: &str) {
        for before in old {
            let path = join(prefix, &before.wire_name);
            match new.iter().find(|f| f.wire_name == before.wire_name) {
                Some(after) => self.field(before, after, &path),
                None if before.optional => self.push(
                    &path,
                    ChangeKind::FieldRemoved { optional: true },
                    Verdict::compatible("it was optional"),
                    Verdict::compatible("decoders ignore fields they do not know"),
                ),
                None => self.push(
                    &path,
                    ChangeKind::FieldRemoved { optional: false },
                    Verdict::breaking(format!(
                        "decoders built from the old catalog require `{path}`, which new \
                         payloads lack"
                    )),
                    Verdict::compatible("decoders ignore fields they do not know"),
                ),
            }
        }
        for after in new {
            if old.iter().any(|f| f.wire_name == after.wire_name) {
                continue;
            }
            let path = join(prefix, &after.wire_name);
            let sender = if after.optional {
                Verdict::compatible("the new field is optional")
            } else {
                Verdict::breaking(format!(
                    "decoders built from the new catalog require `{path}`, which payloads \
                     written to the old one lack"
                ))
            };
            self.push(
                &path,
                ChangeKind::FieldAdded {
                    optional: after.optional,
                },
                Verdict::compatible("decoders ignore fields they do not know"),
                sender,
            );
        }
    }

    fn field(&mut self, old: &Field, new: &Field, path: &str) {
        match (old.optional, new.optional) {
            (false, true) => self.push(
                path,
                ChangeKind::FieldMadeOptional,
                Verdict::breaking(format!(
                    "new payloads may omit `{path}`, which decoders built from the old catalog \
                     require"
                )),
                Verdict::compatible("payloads written to the old catalog always carry it"),
            ),
            (true, false) => self.push(
                path,
                ChangeKind::FieldMadeRequired,
                Verdict::compatible("new payloads always carry it"),
                Verdict::breaking(format!(
                    "payloads written to the old catalog may omit `{path}`, which decoders built \
                     from the new one require"
                )),
            ),
            _ => {}
        }
        self.nullable(old.nullable, new.nullable, path);
        self.shape(&old.shape, &new.shape, path);
    }

    fn nullable(&mut self, old: bool, new: bool, path: &str) {
        match (old, new) {
            (false, true) => self.push(
                path,
                ChangeKind::MadeNullable,
                Verdict::breaking(
                    "new payloads may carry null, which decoders built from the old catalog refuse",
                ),
                Verdict::compatible("payloads written to the old catalog never carry null"),
            ),
            (true, false) => self.push(
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

    fn shape(&mut self, old: &Shape, new: &Shape, path: &str) {
        if let (Shape::Named(a), Shape::Named(b)) = (old, new)
            && !self.seen.insert((a.clone(), b.clone()))
        {
            return;
        }
        let (old_catalog, new_catalog) = (self.differ.old, self.differ.new);
        let before = resolve(old_catalog, old);
        let after = resolve(new_catalog, new);
        match (before, after) {
            (Shape::Object(a), Shape::Object(b)) => self.fields(a, b, path),
            (Shape::Array(a), Shape::Array(b)) => self.element(a, b, &format!("{path}[]")),
            (Shape::Map(a), Shape::Map(b)) => self.element(a, b, &format!("{path}{{}}")),
            (Shape::Enum(a), Shape::Enum(b)) => {
                for value in b.iter().filter(|v| !a.contains(v)) {
                    self.push(
                        path,
                        ChangeKind::EnumValueAdded(value.clone()),
                        Verdict::breaking(format!(
                            "decoders built from the old catalog refuse the value `{value}`"
                        )),
                        Verdict::compatible(
                            "payloads written to the old catalog use only values the new one \
                             keeps",
                        ),
                    );
                }
                for value in a.iter().filter(|v| !b.contains(v)) {
                    self.push(
                        path,
                        ChangeKind::EnumValueRemoved(value.clone()),
                        Verdict::compatible("new payloads use only values the old catalog knows"),
                        Verdict::breaking(format!(
                            "payloads written to the old catalog may carry `{value}`, which \
                             decoders built from the new one refuse"
                        )),
                    );
                }
            }
            (Shape::Const(a), Shape::Const(b)) => {
                if a != b {
                    let (a, b) = (a.to_json(), b.to_json());
                    self.push(
                        path,
                        ChangeKind::ConstantChanged {
                            old: a.to_string(),
                            new: b.to_string(),
                        },
                        Verdict::breaking(format!(
                            "decoders built from the old catalog expect {a}; new payloads carry \
                             {b}"
                        )),
                        Verdict::breaking(format!(
                            "decoders built from the new catalog expect {b}; payloads written to \
                             the old one carry {a}"
                        )),
                    );
                }
            }
            (Shape::OneOf(a), Shape::OneOf(b)) => {
                let (a, b): (Vec<String>, Vec<String>) = (
                    a.iter().map(describe_element).collect(),
                    b.iter().map(describe_element).collect(),
                );
                for member in b.iter().filter(|m| !a.contains(m)) {
                    self.push(
                        path,
                        ChangeKind::UnionMemberAdded(member.clone()),
                        Verdict::breaking(format!(
                            "new payloads may carry {member}, which decoders built from the old \
                             catalog refuse"
                        )),
                        Verdict::compatible(
                            "payloads written to the old catalog fit members the new one keeps",
                        ),
                    );
                }
                for member in a.iter().filter(|m| !b.contains(m)) {
                    self.push(
                        path,
                        ChangeKind::UnionMemberRemoved(member.clone()),
                        Verdict::compatible("new payloads fit members the old catalog knows"),
                        Verdict::breaking(format!(
                            "payloads written to the old catalog may carry {member}, which \
                             decoders built from the new one refuse"
                        )),
                    );
                }
            }
            (Shape::Scalar(a), Shape::Scalar(b)) if a == b => {}
            _ => {
                let (old_text, new_text) = (describe(old), describe(new));
                let receiver = if accepts(old_catalog, old, new_catalog, new) {
                    Verdict::compatible(format!(
                        "decoders built from the old catalog accept every {new_text}"
                    ))
                } else {
                    Verdict::breaking(format!(
                        "decoders built from the old catalog expect {old_text}; new payloads \
                         carry {new_text}"
                    ))
                };
                let sender = if accepts(new_catalog, new, old_catalog, old) {
                    Verdict::compatible(format!(
                        "decoders built from the new catalog accept every {old_text}"
                    ))
                } else {
                    Verdict::breaking(format!(
                        "decoders built from the new catalog expect {new_text}; payloads written \
                         to the old one carry {old_text}"
                    ))
                };
                self.push(
                    path,
                    ChangeKind::FieldRetyped {
                        old: old_text,
                        new: new_text,
                    },
                    receiver,
                    sender,
                );
            }
        }
    }

    fn element(&mut self, old: &Element, new: &Element, path: &str) {
        self.nullable(old.nullable, new.nullable, path);
        self.shape(&old.shape, &new.shape, path);
    }
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}.{name}")
    }
}

/// `eventcat diff OLD NEW`: what to print and the exit code (0: nothing breaks partners;
/// [`EXIT_BREAKING`]: something does, or with `strict` breaks either role; [`EXIT_TROUBLE`]: a
/// catalog does not load).
pub fn run(
    old_path: &std::path::Path,
    new_path: &std::path::Path,
    as_of: Option<Date>,
    strict: bool,
    json_output: bool,
    color: bool,
) -> Outcome {
    let old = match crate::load_file(old_path) {
        Ok(loaded) => loaded,
        Err(err) => return Outcome::error(outcome::load_error(&err, color), EXIT_TROUBLE),
    };
    let new = match crate::load_file(new_path) {
        Ok(loaded) => loaded,
        Err(err) => return Outcome::error(outcome::load_error(&err, color), EXIT_TROUBLE),
    };
    let diff = diff(&old.catalog, &new.catalog, as_of);
    let stdout = if json_output {
        format!("{:#}\n", diff.to_json(strict))
    } else {
        diff.text(
            &old_path.display().to_string(),
            &new_path.display().to_string(),
            strict,
        )
    };
    Outcome {
        stdout,
        stderr: String::new(),
        code: if diff.breaking(strict) {
            EXIT_BREAKING
        } else {
            0
        },
    }
}
