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

mod changes;
mod events;
pub mod names;
mod report;
mod shapes;

pub use changes::{Change, ChangeKind, Diff, Role, Verdict};
pub use report::{DiffOptions, DiffReport, diff_files, diff_loaded};

use std::collections::{HashMap, HashSet};

use jiff::civil::Date;
use semver::Version;

use crate::model::{Catalog, Direction, Event};
use events::Differ;
use names::NameChanges;
use shapes::Comparer;

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
