//! The event listing printed by `eventcat list`: one row per event with its lifecycle, as a
//! table, as JSON, or drawn as a timeline ([`timeline_svg`]).

use std::fmt::Write;

use jiff::civil::Date;
use serde::Serialize;

use crate::model::{Catalog, Direction, Status};

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

/// The rows as pretty-printed JSON (an array of objects).
pub fn json(rows: &[ListRow]) -> String {
    serde_json::to_string_pretty(rows).unwrap_or_else(|err| format!("{{\"error\": \"{err}\"}}"))
}

/// The rows as an aligned text table with a header.
pub fn table(rows: &[ListRow]) -> String {
    let header = [
        "EVENT",
        "PRODUCT",
        "DIRECTION",
        "SCHEMAS",
        "DECLARED",
        "AS-OF",
        "ACTIVE",
        "DEPRECATED",
        "SUNSET",
    ];
    let cells: Vec<[String; 9]> = rows
        .iter()
        .map(|row| {
            [
                row.name.clone(),
                row.product.clone(),
                row.direction.to_owned(),
                row.schema_versions.join(","),
                row.declared_status.to_owned(),
                row.status.to_owned(),
                row.active_date.clone(),
                row.deprecation_date.clone().unwrap_or_else(|| "-".into()),
                row.sunset_date.clone().unwrap_or_else(|| "-".into()),
            ]
        })
        .collect();
    let mut widths = header.map(str::len);
    for row in &cells {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.len());
        }
    }
    let mut out = String::new();
    let mut line = |cells: &[&str]| {
        let mut text = String::new();
        for (cell, width) in cells.iter().zip(widths) {
            let _ = write!(text, "{cell:<width$}  ");
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    line(&header);
    for row in &cells {
        line(&row.each_ref().map(String::as_str));
    }
    if let Some(first) = rows.first() {
        out.push_str(&format!("(AS-OF status computed for {})\n", first.as_of));
    }
    out
}

/// `received` or `send`.
pub fn direction_word(direction: Direction) -> &'static str {
    match direction {
        Direction::Received => "received",
        Direction::Send => "send",
    }
}

/// `active`, `deprecated` or `sunset`.
pub fn status_word(status: Status) -> &'static str {
    match status {
        Status::Active => "active",
        Status::Deprecated => "deprecated",
        Status::Sunset => "sunset",
    }
}
