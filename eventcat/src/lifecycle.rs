//! What the catalog publishes about each event: its direction, declared status and dates, and
//! the status they give on any day. The clock is never read: every question names its day.

use std::fmt;

use crate::CatalogDate;

/// Whether the partner receives an event from the host or sends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Direction {
    /// The host sends it to the partner.
    Received,
    /// The partner sends it to the host.
    Send,
}

/// The status the catalog declares for an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DeclaredStatus {
    /// In use.
    Active,
    /// Still delivered, going away.
    Deprecated,
    /// No longer delivered.
    Sunset,
}

/// The status of an event on a given day, computed from its dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LifecycleStatus {
    /// Not active yet.
    Upcoming,
    /// Active, not deprecated.
    Active,
    /// Deprecated, not yet sunset.
    Deprecated,
    /// Sunset: no longer delivered.
    Sunset,
}

/// `as_str` and a `Display` that prints it, as `eventcat list` prints the value.
macro_rules! words {
    ($type:ident { $($variant:ident => $word:literal),* $(,)? }) => {
        impl $type {
            /// The word the catalog and `eventcat list` use for it.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $word,)*
                }
            }
        }

        impl fmt::Display for $type {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

words!(Direction { Received => "received", Send => "send" });
words!(DeclaredStatus { Active => "active", Deprecated => "deprecated", Sunset => "sunset" });
words!(LifecycleStatus {
    Upcoming => "upcoming",
    Active => "active",
    Deprecated => "deprecated",
    Sunset => "sunset",
});

impl LifecycleStatus {
    /// The status on `day` of an event with these dates: sunset from the sunset date,
    /// deprecated from the deprecation date, active from the active date, upcoming before.
    pub fn on(
        day: CatalogDate,
        active: CatalogDate,
        deprecated: Option<CatalogDate>,
        sunset: Option<CatalogDate>,
    ) -> Self {
        if sunset.is_some_and(|sunset| day >= sunset) {
            Self::Sunset
        } else if deprecated.is_some_and(|deprecated| day >= deprecated) {
            Self::Deprecated
        } else if day >= active {
            Self::Active
        } else {
            Self::Upcoming
        }
    }
}

/// The `Product` enum of a generated catalog, which also holds the catalog's table.
pub trait CatalogProduct: Copy + 'static {
    /// Every event of the catalog, in catalog order.
    const ENTRIES: &'static [CatalogEntry<Self>];
}

/// One event of a catalog, as published. A generated catalog names it `CatalogEntry`, with its
/// own `Product` as `P`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CatalogEntry<P: 'static> {
    /// The event name.
    pub name: &'static str,
    /// The product.
    pub product: P,
    /// Received or send.
    pub direction: Direction,
    /// Payload schema versions, oldest first.
    pub schema_versions: &'static [&'static str],
    /// The declared status.
    pub declared_status: DeclaredStatus,
    /// The day it became active.
    pub active: CatalogDate,
    /// The day it was deprecated, if it is.
    pub deprecated: Option<CatalogDate>,
    /// The day it is no longer delivered, if published.
    pub sunset: Option<CatalogDate>,
    /// The event that replaces it, when it is deprecated and a replacement is published.
    pub replacement: Option<&'static str>,
}

impl<P: CatalogProduct> CatalogEntry<P> {
    /// Every event of the catalog, in catalog order.
    pub const ALL: &'static [Self] = P::ENTRIES;

    /// The event with this name.
    pub fn find(name: &str) -> Option<&'static Self> {
        Self::ALL.iter().find(|entry| entry.name == name)
    }

    /// The events that are deprecated (and not yet sunset) on `day`.
    pub fn deprecated_on(day: CatalogDate) -> impl Iterator<Item = &'static Self> {
        Self::ALL
            .iter()
            .filter(move |entry| entry.status_on(day) == LifecycleStatus::Deprecated)
    }

    /// The events that are sunset on `day`.
    pub fn sunset_on(day: CatalogDate) -> impl Iterator<Item = &'static Self> {
        Self::ALL
            .iter()
            .filter(move |entry| entry.status_on(day) == LifecycleStatus::Sunset)
    }
}

impl<P> CatalogEntry<P> {
    /// Its status on `day` (see [`LifecycleStatus::on`]).
    pub fn status_on(&self, day: CatalogDate) -> LifecycleStatus {
        LifecycleStatus::on(day, self.active, self.deprecated, self.sunset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const fn day(year: u16, month: u8, day: u8) -> CatalogDate {
        CatalogDate::ymd(year, month, day)
    }

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Product {
        Shell,
    }

    impl CatalogProduct for Product {
        const ENTRIES: &'static [CatalogEntry<Self>] = &[
            entry(
                "a-v1",
                day(2025, 1, 1),
                Some(day(2025, 6, 1)),
                Some(day(2026, 1, 1)),
            ),
            entry("b-v1", day(2025, 1, 1), Some(day(2025, 6, 1)), None),
            entry("c-v1", day(2025, 3, 1), None, None),
        ];
    }

    const fn entry(
        name: &'static str,
        active: CatalogDate,
        deprecated: Option<CatalogDate>,
        sunset: Option<CatalogDate>,
    ) -> CatalogEntry<Product> {
        CatalogEntry {
            name,
            product: Product::Shell,
            direction: Direction::Received,
            schema_versions: &["1.0.0"],
            declared_status: DeclaredStatus::Active,
            active,
            deprecated,
            sunset,
            replacement: None,
        }
    }

    #[test]
    fn the_status_follows_the_dates_from_the_day_they_name() {
        let (active, deprecated, sunset) = (day(2025, 1, 1), day(2025, 6, 1), day(2026, 1, 1));
        let on = |d| LifecycleStatus::on(d, active, Some(deprecated), Some(sunset));
        assert_eq!(on(day(2024, 12, 31)), LifecycleStatus::Upcoming);
        assert_eq!(on(active), LifecycleStatus::Active);
        assert_eq!(on(day(2025, 5, 31)), LifecycleStatus::Active);
        assert_eq!(on(deprecated), LifecycleStatus::Deprecated);
        assert_eq!(on(sunset), LifecycleStatus::Sunset);
        // Published out of order: the later state wins from its day on.
        let odd = LifecycleStatus::on(
            day(2025, 2, 1),
            day(2025, 9, 8),
            Some(day(2025, 1, 19)),
            None,
        );
        assert_eq!(odd, LifecycleStatus::Deprecated);
    }

    #[test]
    fn the_table_answers_by_name_and_by_day() {
        type Entry = CatalogEntry<Product>;
        assert_eq!(Entry::ALL.len(), 3);
        assert_eq!(Entry::find("b-v1").map(|e| e.name), Some("b-v1"));
        assert!(Entry::find("d-v1").is_none());
        let names =
            |it: &mut dyn Iterator<Item = &'static Entry>| it.map(|e| e.name).collect::<Vec<_>>();
        assert_eq!(
            names(&mut Entry::deprecated_on(day(2025, 7, 1))),
            ["a-v1", "b-v1"]
        );
        assert_eq!(names(&mut Entry::deprecated_on(day(2026, 1, 1))), ["b-v1"]);
        assert_eq!(names(&mut Entry::sunset_on(day(2026, 1, 1))), ["a-v1"]);
    }

    #[test]
    fn statuses_print_as_the_catalog_writes_them() {
        assert_eq!(Direction::Send.to_string(), "send");
        assert_eq!(DeclaredStatus::Deprecated.as_str(), "deprecated");
        assert_eq!(LifecycleStatus::Upcoming.to_string(), "upcoming");
    }
}
