//! `eventcat import`: compares the published events page with a catalog's lifecycle data, and
//! writes the page's values into the catalog file in place.
//!
//! What is compared, per event the page lists: that the catalog has it, its product and
//! direction (the page's section), its declared status, its active, deprecation and sunset
//! dates, and its schema versions. Catalog events the page does not list are differences too,
//! except those of a product whose section on the page has no table (the page lists them
//! elsewhere, as the newer page does for the Maestro SDK).
//!
//! Writing ([`write`]) changes only lifecycle values, through the node locations the catalog
//! parser records: a status or a date is replaced byte for byte; a missing date is inserted on
//! its own line after the active date (or the deprecation date); a date the page no longer
//! gives is removed with its line; a missing schema version is inserted in version order and an
//! event missing from the catalog is appended at the end of `events:`, both as stubs with empty
//! `fields: {}` under a `# stub: payload facts not yet gathered` comment. Everything else in the
//! file (comments, order, payload fields) is left as it is. Product and direction mismatches,
//! schema versions the page no longer lists and events missing from the page are reported, not
//! written: fixing them drops or moves payload facts, which is a person's call. The result is
//! loaded and validated again before anything is written.

use std::fmt;

use jiff::civil::Date;
use semver::Version;
use serde_json::{Value, json};

use crate::catalog::{CatalogFile, EventDef, Spanned};
use crate::diagnostic::Location;
use crate::listing::{direction_word, status_word};
use crate::model::{Catalog, Direction, Event, Status};
use crate::outcome::{self, Outcome};
use crate::page::{Page, PageRow, date_or_dash};
use crate::{LoadError, Report};

/// The comment above every stub the importer writes.
pub const STUB_COMMENT: &str = "# stub: payload facts not yet gathered";

/// The `doc` of a stub event.
pub const STUB_DOC: &str = "Listed on the events page; payload facts not yet gathered.";

/// Which lifecycle date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DateKind {
    /// `active_date`.
    Active,
    /// `deprecation_date`.
    Deprecation,
    /// `sunset_date`.
    Sunset,
}

impl DateKind {
    /// The catalog key.
    pub fn key(self) -> &'static str {
        match self {
            DateKind::Active => "active_date",
            DateKind::Deprecation => "deprecation_date",
            DateKind::Sunset => "sunset_date",
        }
    }

    /// The page's column name.
    pub fn column(self) -> &'static str {
        match self {
            DateKind::Active => "active date",
            DateKind::Deprecation => "deprecation date",
            DateKind::Sunset => "sunset date",
        }
    }
}

/// One way the page and the catalog disagree about an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// The event.
    pub event: String,
    /// The page line of its row, when the page lists it.
    pub line: Option<usize>,
    /// What differs.
    pub kind: DifferenceKind,
}

/// What differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DifferenceKind {
    /// The page lists the event; the catalog does not.
    MissingFromCatalog,
    /// The catalog has the event; the page (where it lists that product) does not.
    MissingFromPage,
    /// The page lists it under another product.
    Product {
        /// On the page.
        page: String,
        /// In the catalog.
        catalog: String,
    },
    /// The page lists it in the other direction's table.
    Direction {
        /// On the page.
        page: Direction,
        /// In the catalog.
        catalog: Direction,
    },
    /// The declared status differs.
    Status {
        /// On the page.
        page: Status,
        /// In the catalog.
        catalog: Status,
    },
    /// A date differs, or only one side has it.
    Date {
        /// Which date.
        date: DateKind,
        /// On the page.
        page: Option<Date>,
        /// In the catalog.
        catalog: Option<Date>,
    },
    /// The page lists a schema version the catalog lacks.
    VersionMissingFromCatalog(Version),
    /// The catalog has a schema version the page does not list.
    VersionMissingFromPage(Version),
}

impl fmt::Display for Difference {
    /// `line 19: aw-interaction-focus-v1: status: page deprecated, catalog active`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        write!(f, "{}: ", self.event)?;
        match &self.kind {
            DifferenceKind::MissingFromCatalog => write!(f, "on the page, not in the catalog"),
            DifferenceKind::MissingFromPage => write!(f, "in the catalog, not on the page"),
            DifferenceKind::Product { page, catalog } => {
                write!(f, "product: page {page}, catalog {catalog}")
            }
            DifferenceKind::Direction { page, catalog } => write!(
                f,
                "direction: page {}, catalog {}",
                direction_word(*page),
                direction_word(*catalog)
            ),
            DifferenceKind::Status { page, catalog } => write!(
                f,
                "status: page {}, catalog {}",
                status_word(*page),
                status_word(*catalog)
            ),
            DifferenceKind::Date {
                date,
                page,
                catalog,
            } => write!(
                f,
                "{}: page {}, catalog {}",
                date.column(),
                date_or_dash(*page),
                date_or_dash(*catalog)
            ),
            DifferenceKind::VersionMissingFromCatalog(version) => {
                write!(
                    f,
                    "schema version {version}: on the page, not in the catalog"
                )
            }
            DifferenceKind::VersionMissingFromPage(version) => {
                write!(
                    f,
                    "schema version {version}: in the catalog, not on the page"
                )
            }
        }
    }
}

impl Difference {
    /// The difference as JSON: `event`, `line`, `kind` and the two sides.
    pub fn to_json(&self) -> Value {
        let (kind, page, catalog) = match &self.kind {
            DifferenceKind::MissingFromCatalog => {
                ("missing-from-catalog", Value::Null, Value::Null)
            }
            DifferenceKind::MissingFromPage => ("missing-from-page", Value::Null, Value::Null),
            DifferenceKind::Product { page, catalog } => ("product", json!(page), json!(catalog)),
            DifferenceKind::Direction { page, catalog } => (
                "direction",
                json!(direction_word(*page)),
                json!(direction_word(*catalog)),
            ),
            DifferenceKind::Status { page, catalog } => (
                "status",
                json!(status_word(*page)),
                json!(status_word(*catalog)),
            ),
            DifferenceKind::Date {
                date,
                page,
                catalog,
            } => (
                date.key(),
                json!(page.map(|d| d.to_string())),
                json!(catalog.map(|d| d.to_string())),
            ),
            DifferenceKind::VersionMissingFromCatalog(v) => (
                "schema-version-missing-from-catalog",
                json!(v.to_string()),
                Value::Null,
            ),
            DifferenceKind::VersionMissingFromPage(v) => (
                "schema-version-missing-from-page",
                Value::Null,
                json!(v.to_string()),
            ),
        };
        json!({
            "event": self.event,
            "line": self.line,
            "kind": kind,
            "page": page,
            "catalog": catalog,
            "message": self.to_string(),
        })
    }
}

/// The page compared with a catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// Every difference: page rows in page order, then catalog events the page lacks.
    pub differences: Vec<Difference>,
    /// Page rows that agree with the catalog in every respect.
    pub agreeing: usize,
    /// Catalog events of products the page lists elsewhere (a section with no table): not
    /// compared.
    pub listed_elsewhere: Vec<String>,
}

/// Compares every page row with the catalog, and the catalog's events with the page.
pub fn compare(page: &Page, catalog: &Catalog) -> Comparison {
    let mut differences = Vec::new();
    let mut agreeing = 0;
    let events: std::collections::HashMap<&str, &Event> = catalog
        .events
        .iter()
        .map(|e| (e.name.as_str(), e))
        .collect();
    let rows: std::collections::HashSet<&str> = page.rows.iter().map(|r| r.name.as_str()).collect();
    for row in &page.rows {
        let before = differences.len();
        match events.get(row.name.as_str()) {
            Some(event) => compare_event(row, event, &mut differences),
            None => differences.push(Difference {
                event: row.name.clone(),
                line: Some(row.line),
                kind: DifferenceKind::MissingFromCatalog,
            }),
        }
        if differences.len() == before {
            agreeing += 1;
        }
    }
    let elsewhere = page.products_listed_elsewhere();
    let mut listed_elsewhere = Vec::new();
    for event in &catalog.events {
        if rows.contains(event.name.as_str()) {
            continue;
        }
        if elsewhere.contains(&event.product.as_str()) {
            listed_elsewhere.push(event.name.clone());
        } else {
            differences.push(Difference {
                event: event.name.clone(),
                line: None,
                kind: DifferenceKind::MissingFromPage,
            });
        }
    }
    Comparison {
        differences,
        agreeing,
        listed_elsewhere,
    }
}

fn compare_event(row: &PageRow, event: &Event, out: &mut Vec<Difference>) {
    let mut push = |kind| {
        out.push(Difference {
            event: row.name.clone(),
            line: Some(row.line),
            kind,
        });
    };
    if row.product != event.product {
        push(DifferenceKind::Product {
            page: row.product.clone(),
            catalog: event.product.clone(),
        });
    }
    if row.direction != event.direction {
        push(DifferenceKind::Direction {
            page: row.direction,
            catalog: event.direction,
        });
    }
    if row.status != event.status {
        push(DifferenceKind::Status {
            page: row.status,
            catalog: event.status,
        });
    }
    let dates = [
        (
            DateKind::Active,
            Some(row.active),
            Some(event.lifecycle.active),
        ),
        (
            DateKind::Deprecation,
            row.deprecated,
            event.lifecycle.deprecated,
        ),
        (DateKind::Sunset, row.sunset, event.lifecycle.sunset),
    ];
    for (date, page, catalog) in dates {
        if page != catalog {
            push(DifferenceKind::Date {
                date,
                page,
                catalog,
            });
        }
    }
    let catalog_versions: Vec<&Version> =
        event.schema_versions.iter().map(|v| &v.version).collect();
    for version in &row.schema_versions {
        if !catalog_versions.contains(&version) {
            push(DifferenceKind::VersionMissingFromCatalog(version.clone()));
        }
    }
    for version in catalog_versions {
        if !row.schema_versions.contains(version) {
            push(DifferenceKind::VersionMissingFromPage(version.clone()));
        }
    }
}

impl Comparison {
    /// The comparison as text: one line per difference, then a summary.
    pub fn text(&self, page_name: &str, catalog_name: &str) -> String {
        let mut out = String::new();
        for difference in &self.differences {
            out.push_str(&format!("{page_name}: {difference}\n"));
        }
        if !self.listed_elsewhere.is_empty() {
            out.push_str(&format!(
                "{} catalog events not compared: the page lists their product elsewhere\n",
                self.listed_elsewhere.len()
            ));
        }
        out.push_str(&format!(
            "{page_name} against {catalog_name}: {} differences; {} page rows agree\n",
            self.differences.len(),
            self.agreeing
        ));
        out
    }

    /// The comparison as JSON.
    pub fn to_json(&self) -> Value {
        json!({
            "differences": self.differences.iter().map(Difference::to_json).collect::<Vec<_>>(),
            "agreeing_rows": self.agreeing,
            "listed_elsewhere": self.listed_elsewhere,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Writing

/// The catalog text with the page's lifecycle values written in.
#[derive(Debug, Clone)]
pub struct Written {
    /// The new file text (equal to the old when nothing could be written).
    pub text: String,
    /// The differences the new text no longer has.
    pub applied: Vec<Difference>,
    /// The differences left for a person (see the module documentation).
    pub left: Vec<Difference>,
    /// The new text's lints.
    pub report: Report,
}

/// Why the page could not be written into the catalog.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WriteError {
    /// The catalog does not load as it is.
    #[error("{0}")]
    Catalog(LoadError),
    /// The edited text would not load; nothing is written. The report is about the edited text.
    #[error("the updated catalog would not load:\n{0}")]
    Broken(Report),
}

/// Writes the page's lifecycle values into the catalog text `source` (named `path` in
/// diagnostics), as the module documentation describes.
pub fn write(path: &str, source: &str, page: &Page) -> Result<Written, WriteError> {
    let loaded = crate::load_str(path, source).map_err(WriteError::Catalog)?;
    let comparison = compare(page, &loaded.catalog);
    // The edits work line by line: a lone CR is a line break (and is written back as `\n`).
    let normalized = crate::input::normalize_line_breaks(source);
    let source: &str = &normalized;
    let file: CatalogFile = serde_saphyr::from_str_with_options(source, crate::yaml_options())
        .map_err(|err| {
            WriteError::Catalog(LoadError::Invalid(Report {
                path: path.to_owned(),
                source: source.to_owned(),
                diagnostics: vec![crate::yaml_diagnostic(&err)],
            }))
        })?;
    let text = Editor::new(source, &file).apply(page, &comparison.differences);
    let reloaded = match crate::load_str(path, &text) {
        Ok(reloaded) => reloaded,
        Err(LoadError::Invalid(report)) => return Err(WriteError::Broken(report)),
        Err(err) => return Err(WriteError::Catalog(err)),
    };
    let after = compare(page, &reloaded.catalog);
    let applied = comparison
        .differences
        .into_iter()
        .filter(|d| !after.differences.contains(d))
        .collect();
    Ok(Written {
        text,
        applied,
        left: after.differences,
        report: reloaded.report,
    })
}

/// Byte edits of the catalog text.
struct Editor<'a> {
    source: &'a str,
    file: &'a CatalogFile,
    /// (start, end, replacement), in the order made; insertions have start == end.
    edits: Vec<(usize, usize, String)>,
}

impl<'a> Editor<'a> {
    fn new(source: &'a str, file: &'a CatalogFile) -> Self {
        Editor {
            source,
            file,
            edits: Vec::new(),
        }
    }

    fn apply(mut self, page: &Page, differences: &[Difference]) -> String {
        let mut events: Vec<&str> = Vec::new();
        for difference in differences {
            if !events.contains(&difference.event.as_str()) {
                events.push(&difference.event);
            }
        }
        let mut stubs = Vec::new();
        for name in events {
            let Some(row) = page.row(name) else {
                continue;
            };
            let of_event: Vec<&DifferenceKind> = differences
                .iter()
                .filter(|d| d.event == name)
                .map(|d| &d.kind)
                .collect();
            if of_event.contains(&&DifferenceKind::MissingFromCatalog) {
                stubs.push(row);
                continue;
            }
            if let Some(def) = self.event_def(name) {
                self.lifecycle(def, &of_event);
            }
        }
        if !stubs.is_empty() {
            self.stubs(&stubs);
        }
        let mut edits: Vec<(usize, (usize, usize, String))> =
            self.edits.into_iter().enumerate().collect();
        edits.sort_by_key(|(seq, (start, _, _))| (*start, *seq));
        let mut text = self.source.to_owned();
        for (_, (start, end, replacement)) in edits.into_iter().rev() {
            text.replace_range(start..end, &replacement);
        }
        text
    }

    fn event_def(&self, name: &str) -> Option<&'a Spanned<EventDef>> {
        self.file.events.iter().find(|e| e.value.name.value == name)
    }

    fn lifecycle(&mut self, def: &Spanned<EventDef>, kinds: &[&DifferenceKind]) {
        let event = &def.value;
        let indent = " ".repeat(column_of(def).saturating_sub(1));
        for kind in kinds {
            match kind {
                DifferenceKind::Status { page, .. } => {
                    self.replace(&event.status, status_word(*page));
                }
                DifferenceKind::Date {
                    date: DateKind::Active,
                    page: Some(date),
                    ..
                } => self.replace(&event.active_date, &date.to_string()),
                _ => {}
            }
        }
        let changes = |which: DateKind| {
            kinds.iter().find_map(|k| match k {
                DifferenceKind::Date { date, page, .. } if *date == which => Some(*page),
                _ => None,
            })
        };
        // Deprecation date: replace, remove or insert after the active date.
        let mut deprecation_line_kept = event.deprecation_date.is_some();
        match (changes(DateKind::Deprecation), &event.deprecation_date) {
            (Some(Some(date)), Some(node)) => self.replace(node, &date.to_string()),
            (Some(None), Some(node)) if self.remove_line(node, DateKind::Deprecation.key()) => {
                deprecation_line_kept = false;
            }
            (Some(Some(date)), None) => {
                self.insert_after_line(&event.active_date, &indent, DateKind::Deprecation, &date);
            }
            _ => {}
        }
        let anchor = match &event.deprecation_date {
            Some(node) if deprecation_line_kept => node,
            _ => &event.active_date,
        };
        match (changes(DateKind::Sunset), &event.sunset_date) {
            (Some(Some(date)), Some(node)) => self.replace(node, &date.to_string()),
            (Some(None), Some(node)) => {
                self.remove_line(node, DateKind::Sunset.key());
            }
            (Some(Some(date)), None) => {
                self.insert_after_line(anchor, &indent, DateKind::Sunset, &date);
            }
            _ => {}
        }
        let mut missing: Vec<&Version> = kinds
            .iter()
            .filter_map(|k| match k {
                DifferenceKind::VersionMissingFromCatalog(v) => Some(v),
                _ => None,
            })
            .collect();
        missing.sort();
        for version in missing {
            self.version_stub(def, version);
        }
    }

    fn replace<T>(&mut self, node: &Spanned<T>, text: &str) {
        if let Some((start, end)) = Location::of(node).bytes {
            self.edits.push((start, end, text.to_owned()));
        }
    }

    /// Removes the line `key: <node>` when the node is alone on it; false when it is not.
    fn remove_line(&mut self, node: &Spanned<String>, key: &str) -> bool {
        let Some((start, end)) = Location::of(node).bytes else {
            return false;
        };
        let (line_start, line_end) = self.line_bounds(start);
        let line = &self.source[line_start..line_end];
        let expected = format!("{key}: {}", &self.source[start..end]);
        if line.trim() != expected || end > line_end {
            return false;
        }
        let next = self.next_line_start(line_end);
        self.edits.push((line_start, next, String::new()));
        true
    }

    fn insert_after_line(
        &mut self,
        anchor: &Spanned<String>,
        indent: &str,
        key: DateKind,
        date: &Date,
    ) {
        let Some((start, _)) = Location::of(anchor).bytes else {
            return;
        };
        let (_, line_end) = self.line_bounds(start);
        let at = self.next_line_start(line_end);
        let newline = if at == line_end { "\n" } else { "" };
        self.edits
            .push((at, at, format!("{newline}{indent}{}: {date}\n", key.key())));
    }

    /// Inserts a stub schema version in version order.
    fn version_stub(&mut self, def: &Spanned<EventDef>, version: &Version) {
        let versions = &def.value.schema_versions;
        let Some(first) = versions.first() else {
            return;
        };
        let prefix = self.line_prefix(first);
        let key_indent = " ".repeat(prefix.chars().count());
        let dash_indent = " ".repeat(indentation(&prefix));
        let stub = format!(
            "{dash_indent}{STUB_COMMENT}\n{prefix}version: {version}\n{key_indent}fields: {{}}\n"
        );
        let later = versions.iter().find(|v| {
            Version::parse(&v.value.version.value).is_ok_and(|existing| existing > *version)
        });
        match later {
            Some(later) => {
                let (line_start, _) = self.line_bounds(offset_of(later));
                self.edits.push((line_start, line_start, stub));
            }
            None => {
                let last = versions.last().unwrap_or(first);
                let at = self.block_end(offset_of(last));
                let newline = if at == self.source.len() && !self.source.ends_with('\n') {
                    "\n"
                } else {
                    ""
                };
                self.edits.push((at, at, format!("{newline}{stub}")));
            }
        }
    }

    /// Appends stub events after the last event, when `events:` is the file's last section.
    fn stubs(&mut self, rows: &[&PageRow]) {
        let Some(last) = self.file.events.last() else {
            return;
        };
        let last_offset = offset_of(last);
        let others_before = self
            .file
            .products
            .0
            .iter()
            .map(|(k, _)| k)
            .chain(self.file.types.0.iter().map(|(k, _)| k))
            .all(|key| Location::of(key).bytes.is_none_or(|(s, _)| s < last_offset));
        if !others_before {
            return;
        }
        let prefix = self.line_prefix(last);
        let key_indent = " ".repeat(prefix.chars().count());
        let dash_indent = " ".repeat(indentation(&prefix));
        let at = self.block_end(last_offset);
        let mut text = String::new();
        if at == self.source.len() && !self.source.ends_with('\n') {
            text.push('\n');
        }
        for row in rows {
            text.push('\n');
            text.push_str(&format!("{dash_indent}{STUB_COMMENT}\n"));
            text.push_str(&format!("{prefix}name: {}\n", row.name));
            let mut keys = vec![
                ("product", row.product.clone()),
                ("direction", direction_word(row.direction).to_owned()),
                ("status", status_word(row.status).to_owned()),
                (DateKind::Active.key(), row.active.to_string()),
            ];
            if let Some(date) = row.deprecated {
                keys.push((DateKind::Deprecation.key(), date.to_string()));
            }
            if let Some(date) = row.sunset {
                keys.push((DateKind::Sunset.key(), date.to_string()));
            }
            keys.push(("doc", STUB_DOC.to_owned()));
            for (key, value) in keys {
                text.push_str(&format!("{key_indent}{key}: {value}\n"));
            }
            text.push_str(&format!("{key_indent}schema_versions:\n"));
            for version in &row.schema_versions {
                text.push_str(&format!("{key_indent}  - version: {version}\n"));
                text.push_str(&format!("{key_indent}    fields: {{}}\n"));
            }
        }
        self.edits.push((at, at, text));
    }

    /// The text of the node's line before the node: `  - ` for a sequence item's first key.
    fn line_prefix<T>(&self, node: &Spanned<T>) -> String {
        let offset = offset_of(node);
        let (line_start, _) = self.line_bounds(offset);
        self.source[line_start..offset].to_owned()
    }

    /// The start and end (before the newline) of the line holding `offset`.
    fn line_bounds(&self, offset: usize) -> (usize, usize) {
        let start = self.source[..offset].rfind('\n').map_or(0, |i| i + 1);
        let end = self.source[offset..]
            .find('\n')
            .map_or(self.source.len(), |i| offset + i);
        (start, end)
    }

    fn next_line_start(&self, line_end: usize) -> usize {
        (line_end + 1).min(self.source.len())
    }

    /// Where the block-style sequence item whose first key stands at `offset` ends: after its
    /// last line that is indented deeper than its dash (blank and comment lines after it are
    /// not part of it).
    fn block_end(&self, offset: usize) -> usize {
        let (line_start, line_end) = self.line_bounds(offset);
        let dash_indent = indentation(&self.source[line_start..line_end]);
        let mut end = self.next_line_start(line_end);
        let mut at = end;
        while at < self.source.len() {
            let (_, next_end) = self.line_bounds(at);
            let text = &self.source[at..next_end];
            let trimmed = text.trim_start();
            let following = self.next_line_start(next_end);
            if !(trimmed.is_empty() || trimmed.starts_with('#')) {
                if indentation(text) <= dash_indent {
                    break;
                }
                end = following;
            }
            at = following;
        }
        end
    }
}

fn indentation(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

fn offset_of<T>(node: &Spanned<T>) -> usize {
    Location::of(node).bytes.map_or(0, |(start, _)| start)
}

fn column_of<T>(node: &Spanned<T>) -> usize {
    Location::of(node).column as usize
}

/// The page rows as an aligned text table.
pub fn rows_text(page: &Page) -> String {
    let header = [
        "LINE",
        "PRODUCT",
        "DIRECTION",
        "EVENT",
        "SCHEMAS",
        "STATUS",
        "ACTIVE",
        "DEPRECATED",
        "SUNSET",
    ];
    let cells: Vec<[String; 9]> = page
        .rows
        .iter()
        .map(|row| {
            let versions: Vec<String> =
                row.schema_versions.iter().map(Version::to_string).collect();
            [
                row.line.to_string(),
                row.product.clone(),
                direction_word(row.direction).to_owned(),
                row.name.clone(),
                versions.join(","),
                status_word(row.status).to_owned(),
                row.active.to_string(),
                date_or_dash(row.deprecated),
                date_or_dash(row.sunset),
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
        let text: Vec<String> = cells
            .iter()
            .zip(widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        out.push_str(text.join("  ").trim_end());
        out.push('\n');
    };
    line(&header);
    for row in &cells {
        line(&row.each_ref().map(String::as_str));
    }
    if page
        .rows
        .iter()
        .any(|r| r.product_source == crate::page::ProductSource::NamePrefix)
    {
        out.push_str("(products from the event-name prefixes: the page has no product headings)\n");
    }
    for section in page.sections.iter().filter(|s| s.rows == 0) {
        out.push_str(&format!(
            "(line {}: section `{}` ({}) has no table: the page lists its events elsewhere)\n",
            section.line, section.heading, section.product
        ));
    }
    out
}

/// The page rows as JSON.
pub fn rows_json(page: &Page) -> Value {
    let rows: Vec<Value> = page
        .rows
        .iter()
        .map(|row| {
            json!({
                "line": row.line,
                "product": row.product,
                "product_from": match row.product_source {
                    crate::page::ProductSource::Section => "section",
                    crate::page::ProductSource::NamePrefix => "name-prefix",
                },
                "direction": direction_word(row.direction),
                "name": row.name,
                "schema_versions": row.schema_versions.iter().map(Version::to_string).collect::<Vec<_>>(),
                "status": status_word(row.status),
                "active_date": row.active.to_string(),
                "deprecation_date": row.deprecated.map(|d| d.to_string()),
                "sunset_date": row.sunset.map(|d| d.to_string()),
            })
        })
        .collect();
    let sections: Vec<Value> = page
        .sections
        .iter()
        .map(
            |s| json!({"line": s.line, "heading": s.heading, "product": s.product, "rows": s.rows}),
        )
        .collect();
    json!({
        "form": match page.form {
            crate::page::PageForm::Markdown => "markdown",
            crate::page::PageForm::Text => "text",
        },
        "sections": sections,
        "rows": rows,
    })
}

/// Exit code of `import` when the page and the catalog differ.
pub const EXIT_DIFFERENT: u8 = 1;
/// Exit code of `import` when the page or the catalog cannot be read.
pub const EXIT_TROUBLE: u8 = 2;

/// `eventcat import PAGE [--against CATALOG [--write]]`: what to print and the exit code
/// (0: the page reads, and agrees with the catalog or was written into it in full;
/// [`EXIT_DIFFERENT`]: differences, or differences left after writing; [`EXIT_TROUBLE`]: the
/// page or the catalog cannot be read).
pub fn run(
    page_path: &std::path::Path,
    against: Option<&std::path::Path>,
    write_catalog: bool,
    json_output: bool,
    color: bool,
) -> Outcome {
    let page_name = page_path.display().to_string();
    let text = match crate::input::read_text(page_path, "page") {
        Ok(text) => text,
        Err(crate::input::ReadError::NotUtf8(bad)) => {
            return Outcome::error(
                format!("{page_name}:{}: error: {}\n", bad.location, bad.message),
                EXIT_TROUBLE,
            );
        }
        Err(err) => {
            return Outcome::error(
                format!("error: cannot read page {page_name}: {err}\n"),
                EXIT_TROUBLE,
            );
        }
    };
    let page = match crate::page::parse(&text) {
        Ok(page) => page,
        Err(errors) => {
            let mut message = String::new();
            for error in &errors.0 {
                message.push_str(&format!(
                    "{page_name}:{}: error: {}\n",
                    error.line, error.message
                ));
            }
            message.push_str(&format!(
                "{page_name}: {} rows could not be read\n",
                errors.0.len()
            ));
            return Outcome::error(message, EXIT_TROUBLE);
        }
    };
    let Some(catalog_path) = against else {
        let stdout = if json_output {
            format!("{:#}\n", rows_json(&page))
        } else {
            rows_text(&page)
        };
        return Outcome {
            stdout,
            stderr: String::new(),
            code: 0,
        };
    };
    let catalog_name = catalog_path.display().to_string();
    if write_catalog {
        let source = match crate::read_catalog(catalog_path, &catalog_name) {
            Ok(source) => source,
            Err(err) => return Outcome::error(outcome::load_error(&err, color), EXIT_TROUBLE),
        };
        let written = match write(&catalog_name, &source, &page) {
            Ok(written) => written,
            Err(WriteError::Catalog(err)) => {
                return Outcome::error(outcome::load_error(&err, color), EXIT_TROUBLE);
            }
            Err(WriteError::Broken(report)) => {
                return Outcome::error(
                    format!(
                        "{}error: the updated {catalog_name} would not load, so it was not \
                         written\n",
                        report.render(color)
                    ),
                    EXIT_TROUBLE,
                );
            }
        };
        if written.text != source
            && let Err(err) = std::fs::write(catalog_path, &written.text)
        {
            return Outcome::error(
                format!("error: cannot write {catalog_name}: {err}\n"),
                EXIT_TROUBLE,
            );
        }
        let stdout = if json_output {
            let list = |d: &[Difference]| d.iter().map(Difference::to_json).collect::<Vec<_>>();
            format!(
                "{:#}\n",
                json!({
                    "written": written.text != source,
                    "applied": list(&written.applied),
                    "left": list(&written.left),
                })
            )
        } else {
            let mut out = String::new();
            for difference in &written.applied {
                out.push_str(&format!("written: {difference}\n"));
            }
            for difference in &written.left {
                out.push_str(&format!("left for a person: {difference}\n"));
            }
            out.push_str(&format!(
                "{catalog_name}: {} differences written, {} left\n",
                written.applied.len(),
                written.left.len()
            ));
            out
        };
        return Outcome {
            stdout,
            stderr: String::new(),
            code: if written.left.is_empty() {
                0
            } else {
                EXIT_DIFFERENT
            },
        };
    }
    let loaded = match crate::load_file(catalog_path) {
        Ok(loaded) => loaded,
        Err(err) => return Outcome::error(outcome::load_error(&err, color), EXIT_TROUBLE),
    };
    let comparison = compare(&page, &loaded.catalog);
    let stdout = if json_output {
        format!("{:#}\n", comparison.to_json())
    } else {
        comparison.text(&page_name, &catalog_name)
    };
    Outcome {
        stdout,
        stderr: String::new(),
        code: if comparison.differences.is_empty() {
            0
        } else {
            EXIT_DIFFERENT
        },
    }
}
