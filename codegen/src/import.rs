//! `eventcat import`: compares the published events page with a catalog's lifecycle data, and
//! writes the page's values into the catalog file in place. [`import`] does what the command
//! is asked and returns an [`ImportReport`]; the `eventcat` binary prints it.
//!
//! What is compared, per event the page lists: that the catalog has it, its product and
//! direction (the page's section), its declared status, its active, deprecation and sunset
//! dates, and its schema versions. Catalog events the page does not list are differences too,
//! except those of a product whose section on the page has no table (the page lists them
//! elsewhere, as the newer page does for the Maestro SDK).
//!
//! Writing ([`write()`]) changes only lifecycle values, through the node locations the catalog
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
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use semver::Version;

use crate::diagnostic::Location;
use crate::diagnostic::Report;
use crate::load::catalog::{CatalogFile, EventDef, Spanned};
use crate::load::input::{NotUtf8, ReadError};
pub use crate::model::DateKind;
use crate::model::date_or_dash;
use crate::model::{Catalog, Direction, Event, Status, direction_word, status_word};
use crate::page::{Page, PageErrors, PageRow};
use crate::pipeline::LoadError;

/// The comment above every stub the importer writes.
pub(crate) const STUB_COMMENT: &str = "# stub: payload facts not yet gathered";

/// The `doc` of a stub event.
pub(crate) const STUB_DOC: &str = "Listed on the events page; payload facts not yet gathered.";

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
    let loaded = crate::pipeline::load_str(path, source).map_err(WriteError::Catalog)?;
    let comparison = compare(page, &loaded.catalog);
    // The edits work line by line: a lone CR is a line break (and is written back as `\n`).
    let normalized = crate::load::input::normalize_line_breaks(source);
    let source: &str = &normalized;
    let file = crate::load::parse(source).map_err(|error| {
        WriteError::Catalog(LoadError::Invalid(Report {
            path: path.to_owned(),
            source: source.to_owned(),
            diagnostics: vec![error],
        }))
    })?;
    let text = Editor::new(source, &file).apply(page, &comparison.differences);
    let reloaded = match crate::pipeline::load_str(path, &text) {
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

// ---------------------------------------------------------------------------------------------
// The command

/// What [`import`] does with the page it read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// The catalog to hold the page against (`--against`); none: only read the page.
    pub against: Option<PathBuf>,
    /// What to do with the catalog, when there is one.
    pub mode: ImportMode,
}

/// What [`import`] does with the catalog it holds the page against.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ImportMode {
    /// Report the differences (the default).
    #[default]
    Compare,
    /// Write the page's values into the catalog file (`--write`), as [`write()`] does.
    Write,
}

/// What [`import`] found, and did.
#[derive(Debug, Clone)]
pub enum ImportReport {
    /// No catalog to hold the page against: the page as read.
    Rows(Page),
    /// The page compared with a catalog.
    Compared {
        /// The page, as named on the command line.
        page_name: String,
        /// The catalog, as named on the command line.
        catalog_name: String,
        /// The differences.
        comparison: Comparison,
    },
    /// The page's values written into a catalog.
    Written {
        /// The catalog, as named on the command line.
        catalog_name: String,
        /// What was written and what was left.
        written: Written,
        /// Whether the file changed (nothing is written when nothing differs).
        file_changed: bool,
    },
}

/// Why [`import`] could not read the page, or could not compare it or write it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    /// The page file could not be read.
    #[error("cannot read page {page}: {error}")]
    ReadPage {
        /// The page, as named on the command line.
        page: String,
        /// The I/O error, which the message already says.
        error: std::io::Error,
    },
    /// The page file is not UTF-8.
    #[error("{page}:{}: {}", .bad.location, .bad.message)]
    PageNotUtf8 {
        /// The page, as named on the command line.
        page: String,
        /// Where it stops being UTF-8.
        bad: NotUtf8,
    },
    /// Rows of the page cannot be read.
    #[error("{page}: {} rows could not be read:\n{errors}", .errors.0.len())]
    Rows {
        /// The page, as named on the command line.
        page: String,
        /// Each row that cannot be read, with its line.
        errors: PageErrors,
    },
    /// The catalog does not load.
    #[error("{0}")]
    Catalog(LoadError),
    /// The catalog with the page's values written in would not load; nothing was written.
    #[error("the updated {catalog} would not load, so it was not written:\n{report}")]
    Broken {
        /// The catalog, as named on the command line.
        catalog: String,
        /// What is wrong with the updated text.
        report: Report,
    },
    /// The updated catalog file could not be written.
    #[error("cannot write {catalog}: {error}")]
    WriteCatalog {
        /// The catalog, as named on the command line.
        catalog: String,
        /// The I/O error, which the message already says.
        error: std::io::Error,
    },
}

/// `eventcat import PAGE [--against CATALOG [--write]]`: reads the page at `page_path`, then
/// compares it with the catalog of `options` or writes it into that catalog's file.
pub fn import(page_path: &Path, options: &ImportOptions) -> Result<ImportReport, ImportError> {
    let page_name = page_path.display().to_string();
    let page = read_page(page_path, &page_name)?;
    let Some(catalog_path) = &options.against else {
        return Ok(ImportReport::Rows(page));
    };
    match options.mode {
        ImportMode::Compare => {
            let loaded = crate::pipeline::load_file(catalog_path).map_err(ImportError::Catalog)?;
            Ok(ImportReport::Compared {
                page_name,
                catalog_name: catalog_path.display().to_string(),
                comparison: compare(&page, &loaded.catalog),
            })
        }
        ImportMode::Write => write_file(catalog_path, &page),
    }
}

/// Reads and parses the page file.
fn read_page(path: &Path, name: &str) -> Result<Page, ImportError> {
    let text = crate::load::input::read_text(path, "page").map_err(|err| match err {
        ReadError::NotUtf8(bad) => ImportError::PageNotUtf8 {
            page: name.to_owned(),
            bad,
        },
        ReadError::Io(error) => ImportError::ReadPage {
            page: name.to_owned(),
            error,
        },
    })?;
    crate::page::parse(&text).map_err(|errors| ImportError::Rows {
        page: name.to_owned(),
        errors,
    })
}

/// Writes the page's values into the catalog file at `path` (left as it is when nothing
/// changes).
fn write_file(path: &Path, page: &Page) -> Result<ImportReport, ImportError> {
    let catalog_name = path.display().to_string();
    let source =
        crate::pipeline::read_catalog(path, &catalog_name).map_err(ImportError::Catalog)?;
    let written = write(&catalog_name, &source, page).map_err(|err| match err {
        WriteError::Catalog(err) => ImportError::Catalog(err),
        WriteError::Broken(report) => ImportError::Broken {
            catalog: catalog_name.clone(),
            report,
        },
    })?;
    let file_changed = written.text != source;
    if file_changed && let Err(error) = std::fs::write(path, &written.text) {
        return Err(ImportError::WriteCatalog {
            catalog: catalog_name,
            error,
        });
    }
    Ok(ImportReport::Written {
        catalog_name,
        written,
        file_changed,
    })
}
