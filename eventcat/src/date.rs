//! Calendar days, as the catalog gives lifecycle dates.

use std::fmt;
use std::str::FromStr;

/// A day of the Gregorian calendar: an active, deprecation or sunset date, or the day a
/// lifecycle question is asked for. Ordered by time; written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CatalogDate {
    year: u16,
    month: u8,
    day: u8,
}

impl CatalogDate {
    /// The day, if it exists in the Gregorian calendar.
    pub const fn new(year: u16, month: u8, day: u8) -> Option<Self> {
        if day >= 1 && day <= days_in_month(year, month) {
            Some(Self { year, month, day })
        } else {
            None
        }
    }

    /// The day, for dates known to exist, such as the catalog's.
    ///
    /// # Panics
    ///
    /// When the day does not exist; in a constant, that is a compile error.
    pub const fn ymd(year: u16, month: u8, day: u8) -> Self {
        match Self::new(year, month, day) {
            Some(date) => date,
            None => panic!("no such day in the Gregorian calendar"),
        }
    }

    /// The year.
    pub const fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    pub const fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, from 1.
    pub const fn day(self) -> u8 {
        self.day
    }
}

/// The number of days of a month; 0 for a month that is not 1 to 12.
const fn days_in_month(year: u16, month: u8) -> u8 {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for CatalogDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A text that is not a `YYYY-MM-DD` day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidDate(pub String);

impl fmt::Display for InvalidDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a date of the form YYYY-MM-DD", self.0)
    }
}

impl std::error::Error for InvalidDate {}

impl FromStr for CatalogDate {
    type Err = InvalidDate;

    /// Reads `YYYY-MM-DD`: four, two and two ASCII digits, a day that exists.
    fn from_str(text: &str) -> Result<Self, InvalidDate> {
        let invalid = || InvalidDate(text.to_owned());
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(invalid());
        }
        let number = |range: std::ops::Range<usize>| {
            let digits = &text[range];
            digits
                .bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| digits.parse::<u16>().ok())?
        };
        match (number(0..4), number(5..7), number(8..10)) {
            (Some(year), Some(month), Some(day)) => {
                let month = u8::try_from(month).map_err(|_| invalid())?;
                let day = u8::try_from(day).map_err(|_| invalid())?;
                Self::new(year, month, day).ok_or_else(invalid)
            }
            _ => Err(invalid()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_days_of_the_calendar_exist() {
        assert!(CatalogDate::new(2024, 2, 29).is_some());
        assert!(CatalogDate::new(2025, 2, 29).is_none());
        assert!(CatalogDate::new(1900, 2, 29).is_none());
        assert!(CatalogDate::new(2000, 2, 29).is_some());
        assert!(CatalogDate::new(2025, 4, 31).is_none());
        assert!(CatalogDate::new(2025, 13, 1).is_none());
        assert!(CatalogDate::new(2025, 1, 0).is_none());
    }

    #[test]
    fn dates_read_and_print_as_yyyy_mm_dd() {
        let date: CatalogDate = "2026-12-08".parse().expect("a day");
        assert_eq!(date, CatalogDate::ymd(2026, 12, 8));
        assert_eq!(date.to_string(), "2026-12-08");
        assert_eq!((date.year(), date.month(), date.day()), (2026, 12, 8));
        for bad in [
            "2026-2-08",
            "2026-02-30",
            "2026-02-3x",
            "+026-02-03",
            "2026/02/03",
            "",
            "2026-02-031",
        ] {
            assert_eq!(
                bad.parse::<CatalogDate>(),
                Err(InvalidDate(bad.to_owned())),
                "{bad}"
            );
        }
    }

    #[test]
    fn dates_order_by_time() {
        assert!(CatalogDate::ymd(2025, 12, 31) < CatalogDate::ymd(2026, 1, 1));
        assert!(CatalogDate::ymd(2026, 1, 31) < CatalogDate::ymd(2026, 2, 1));
    }

    #[test]
    #[should_panic(expected = "no such day")]
    fn ymd_refuses_a_day_that_does_not_exist() {
        let _ = CatalogDate::ymd(2025, 2, 29);
    }
}
