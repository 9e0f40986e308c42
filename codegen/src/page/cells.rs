//! The cells of an events row, read strictly as both forms of the page write them: the typed
//! row, and the date, schema-versions and status cells.

use jiff::civil::Date;
use jiff::fmt::strtime::BrokenDownTime;
use semver::Version;

use super::{DATE_FORMAT, Status};

/// The cells of one row, checked and typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Cells {
    pub(super) name: String,
    pub(super) schema_versions: Vec<Version>,
    pub(super) status: Status,
    pub(super) active: Date,
    pub(super) deprecated: Option<Date>,
    pub(super) sunset: Option<Date>,
}

pub(super) const STATUS_WORDS: &[(&str, Status)] = &[
    ("active", Status::Active),
    ("deprecated", Status::Deprecated),
    ("sunset", Status::Sunset),
];

/// A date cell, read strictly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum DateCell {
    /// `-`: no date.
    Dash,
    /// A valid date.
    Date(Date),
    /// Written like a date, but no such day exists (`31 February 2025`).
    Impossible(String),
    /// Anything else.
    NotADate,
}

impl DateCell {
    pub(super) fn date(&self) -> Option<Date> {
        match self {
            DateCell::Date(date) => Some(*date),
            _ => None,
        }
    }
}

/// Reads `-` or a date written exactly as the page writes them: `8 September 2025`.
pub(super) fn date_cell(text: &str) -> DateCell {
    if text == "-" {
        return DateCell::Dash;
    }
    let Ok(parts) = BrokenDownTime::parse(DATE_FORMAT, text) else {
        return DateCell::NotADate;
    };
    let (Some(year), Some(month), Some(day)) = (parts.year(), parts.month(), parts.day()) else {
        return DateCell::NotADate;
    };
    let month_name = Date::new(2000, month, 1).map(|d| d.strftime("%B").to_string());
    let canonical = format!("{day} {} {year:04}", month_name.unwrap_or_default());
    if text != canonical {
        return DateCell::NotADate;
    }
    match parts.to_date() {
        Ok(date) => DateCell::Date(date),
        Err(err) => DateCell::Impossible(err.to_string()),
    }
}

/// Reads `1.0.0, 1.0.1`: semantic versions of major `major`, separated by commas.
pub(super) fn versions_cell(text: &str, major: u64) -> Result<Vec<Version>, String> {
    if text.trim().is_empty() {
        return Err("no schema version".to_owned());
    }
    text.split(',')
        .map(|part| {
            let part = part.trim();
            let version = Version::parse(part)
                .map_err(|_| format!("`{part}` is not a semantic version such as 1.0.0"))?;
            if version.major != major {
                return Err(format!(
                    "schema version {version} has major {}, but the name ends in -v{major}",
                    version.major
                ));
            }
            Ok(version)
        })
        .collect()
}

pub(super) fn status_cell(text: &str) -> Option<Status> {
    STATUS_WORDS
        .iter()
        .find(|(word, _)| *word == text)
        .map(|(_, status)| *status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_strictly() {
        assert_eq!(
            date_cell("8 September 2025"),
            DateCell::Date("2025-09-08".parse().unwrap())
        );
        assert_eq!(date_cell("08 September 2025"), DateCell::NotADate);
        assert_eq!(date_cell("8 september 2025"), DateCell::NotADate);
        assert_eq!(date_cell("8 September 25"), DateCell::NotADate);
        assert!(matches!(
            date_cell("31 February 2025"),
            DateCell::Impossible(_)
        ));
    }
}
