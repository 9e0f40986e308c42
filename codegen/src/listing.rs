//! The event listing printed by `eventcat list`: one row per event with its lifecycle (which the
//! command prints as a table or as JSON), or drawn as a timeline ([`timeline_svg`]).

use jiff::civil::Date;
use serde::Serialize;

use crate::model::{Catalog, direction_word, status_word};

mod timeline;

pub use timeline::timeline_svg;

/// One event as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListRow {
    /// Event name.
    pub name: String,
    /// Product id.
    pub product: String,
    /// `received` or `send`.
    pub direction: &'static str,
    /// Schema versions, oldest first.
    pub schema_versions: Vec<String>,
    /// The status the catalog declares.
    pub declared_status: &'static str,
    /// The status on `as_of`, computed from the dates.
    pub status: &'static str,
    /// The day `status` is computed for.
    pub as_of: String,
    /// Active date.
    pub active_date: String,
    /// Deprecation date, if any.
    pub deprecation_date: Option<String>,
    /// Sunset date, if any.
    pub sunset_date: Option<String>,
}

/// The rows for every event of `catalog`, in catalog order, with statuses on `as_of`.
pub fn rows(catalog: &Catalog, as_of: Date) -> Vec<ListRow> {
    catalog
        .events
        .iter()
        .map(|event| ListRow {
            name: event.name.clone(),
            product: event.product.clone(),
            direction: direction_word(event.direction),
            schema_versions: event
                .schema_versions
                .iter()
                .map(|v| v.version.to_string())
                .collect(),
            declared_status: status_word(event.status),
            status: event.lifecycle.status_on(as_of).as_str(),
            as_of: as_of.to_string(),
            active_date: event.lifecycle.active.to_string(),
            deprecation_date: event.lifecycle.deprecated.map(|d| d.to_string()),
            sunset_date: event.lifecycle.sunset.map(|d| d.to_string()),
        })
        .collect()
}
