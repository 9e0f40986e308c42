//! The published events page: its tables of events, read from the two forms the page comes in.
//!
//! - **Markdown** (the docs' source): `#` headings and pipe tables, event names possibly written
//!   as links (`[name](/docs/events/name)`). Parsed with `pulldown-cmark`.
//! - **Text** (a copy of the rendered page): headings on lines of their own, and table rows whose
//!   six cells run together with no separator, such as
//!   `aw-interaction-focus-v11.0.0deprecated26 March 20258 September 20258 December 2026`.
//!   A row is split by the rules the data obeys: the name is `<family>-v<N>`, every schema
//!   version is a semantic version of major `N`, the status is one of `active`, `deprecated`,
//!   `sunset`, and each date is `-` or a day written like `8 September 2025` (no leading zero,
//!   English month, four-digit year). A row with no such split, or with more than one, is refused
//!   with its line number.
//!
//! Both forms have the same six columns: event name, schema versions, status, active date,
//! deprecation date, sunset date.
//!
//! Sections: a heading `Received` or `Send` sets the direction of the tables below it; a heading
//! naming a product (see `PRODUCT_HEADINGS`) sets their product. A product section with no
//! table (the newer page's "Maestro SDK Events", which only links to another page) is kept as a
//! section with no rows: its events are listed elsewhere. The older markdown page has no product
//! headings at all, only a flat `Received` and a flat `Send` table; there each row's product is
//! inferred from its name prefix (see `NAME_PREFIXES`: `global-`, `aw-`, `call-manager-`, and
//! `mashell-` for the Maestro SDK), and a row whose prefix is unknown is refused.

use std::fmt;

use jiff::civil::Date;
use jiff::fmt::strtime::BrokenDownTime;
use pulldown_cmark::{Event as Md, HeadingLevel, Options, Parser, Tag, TagEnd};
use semver::Version;

pub use crate::load::catalog::{Direction, Status};
use crate::model::parse_event_name;
use crate::model::{date_or_dash, direction_word, status_word};

/// Page headings that name a product, matched case-insensitively, with the product id.
pub(crate) const PRODUCT_HEADINGS: &[(&str, &str)] = &[
    ("Global", "global"),
    ("Platform UI Shell", "global"),
    ("Agent Workspace", "agent-workspace"),
    ("Call Manager", "call-manager"),
    ("Maestro SDK", "maestro"),
    ("Maestro SDK Events", "maestro"),
];

/// Event-name prefixes and the product they belong to, for tables outside any product section.
pub(crate) const NAME_PREFIXES: &[(&str, &str)] = &[
    ("global-", "global"),
    ("aw-", "agent-workspace"),
    ("call-manager-", "call-manager"),
    ("mashell-", "maestro"),
];

/// The column headings every events table has, in order.
pub(crate) const COLUMNS: [&str; 6] = [
    "event name",
    "schema versions",
    "status",
    "active date",
    "deprecation date",
    "sunset date",
];

/// The date format of the page: `8 September 2025`.
pub(crate) const DATE_FORMAT: &str = "%d %B %Y";

/// Which form a page was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageForm {
    /// Markdown source with pipe tables.
    Markdown,
    /// Text copied from the rendered page, cells run together.
    Text,
}

impl PageForm {
    /// Markdown when any line starts with `|` (a pipe table), text otherwise.
    pub fn detect(text: &str) -> Self {
        if text.lines().any(|line| line.trim_start().starts_with('|')) {
            PageForm::Markdown
        } else {
            PageForm::Text
        }
    }
}

/// A parsed events page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The form it was read from.
    pub form: PageForm,
    /// Product headings, in page order (none on a page without product sections).
    pub sections: Vec<Section>,
    /// Every table row, in page order.
    pub rows: Vec<PageRow>,
}

/// A product heading of the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// 1-based line of the heading.
    pub line: usize,
    /// The heading as written.
    pub heading: String,
    /// The product id it names.
    pub product: String,
    /// How many rows its tables have (0: the page lists its events elsewhere).
    pub rows: usize,
}

/// Where a row's product comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProductSource {
    /// The product heading above its table.
    Section,
    /// Its name prefix (the table stands under no product heading).
    NamePrefix,
}

/// One event as the page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRow {
    /// 1-based line of the row.
    pub line: usize,
    /// Product id.
    pub product: String,
    /// Where the product comes from.
    pub product_source: ProductSource,
    /// Received or send, from the heading above its table.
    pub direction: Direction,
    /// Event name.
    pub name: String,
    /// Schema versions as listed.
    pub schema_versions: Vec<Version>,
    /// Declared status.
    pub status: Status,
    /// Active date.
    pub active: Date,
    /// Deprecation date.
    pub deprecated: Option<Date>,
    /// Sunset date.
    pub sunset: Option<Date>,
}

impl fmt::Display for PageRow {
    /// `line 12: agent-workspace/received aw-interaction-focus-v1 [1.0.0] deprecated 2025-03-26
    /// 2025-09-08 2026-12-08`, with `-` for a missing date.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let versions: Vec<String> = self
            .schema_versions
            .iter()
            .map(Version::to_string)
            .collect();
        write!(
            f,
            "line {}: {}/{} {} [{}] {} {} {} {}",
            self.line,
            self.product,
            direction_word(self.direction),
            self.name,
            versions.join(", "),
            status_word(self.status),
            self.active,
            date_or_dash(self.deprecated),
            date_or_dash(self.sunset),
        )
    }
}

impl Page {
    /// Products that have a section on the page but no row: the page lists their events
    /// elsewhere, so their absence says nothing.
    pub fn products_listed_elsewhere(&self) -> Vec<&str> {
        let mut products: Vec<&str> = Vec::new();
        for section in &self.sections {
            let tabulated = self
                .sections
                .iter()
                .any(|s| s.product == section.product && s.rows > 0);
            if !tabulated && !products.contains(&section.product.as_str()) {
                products.push(&section.product);
            }
        }
        products
    }

    /// The row for this event.
    pub fn row(&self, name: &str) -> Option<&PageRow> {
        self.rows.iter().find(|r| r.name == name)
    }
}

/// One thing wrong with a page, at a line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct PageError {
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Everything wrong with a page, in line order.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct PageErrors(pub Vec<PageError>);

impl fmt::Display for PageErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

/// Parses a page in the form [`PageForm::detect`] finds. A lone `\r` counts as a line break,
/// like `\n` and `\r\n`.
pub fn parse(text: &str) -> Result<Page, PageErrors> {
    let text = crate::load::input::normalize_line_breaks(text);
    match PageForm::detect(&text) {
        PageForm::Markdown => parse_markdown(&text),
        PageForm::Text => parse_text(&text),
    }
}

/// The cells of one row, checked and typed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Cells {
    name: String,
    schema_versions: Vec<Version>,
    status: Status,
    active: Date,
    deprecated: Option<Date>,
    sunset: Option<Date>,
}

/// Collects sections and rows while a page is read.
#[derive(Default)]
struct Builder {
    sections: Vec<Section>,
    /// The product section the reader is in (index into `sections`).
    section: Option<usize>,
    direction: Option<Direction>,
    rows: Vec<PageRow>,
    /// The line of each row, by event name.
    lines: std::collections::HashMap<String, usize>,
    errors: Vec<PageError>,
}

impl Builder {
    fn error(&mut self, line: usize, message: impl Into<String>) {
        self.errors.push(PageError {
            line,
            message: crate::diagnostic::shorten(
                message.into(),
                crate::diagnostic::MAX_MESSAGE_CHARS,
            ),
        });
    }

    /// A heading: a direction word, a product, or something else (ignored). True when it was
    /// a direction or product heading.
    fn heading(&mut self, line: usize, text: &str) -> bool {
        let text = text.trim();
        if let Some(direction) = direction_heading(text) {
            self.direction = Some(direction);
            return true;
        }
        if let Some(product) = product_heading(text) {
            self.sections.push(Section {
                line,
                heading: text.to_owned(),
                product: product.to_owned(),
                rows: 0,
            });
            self.section = Some(self.sections.len() - 1);
            self.direction = None;
            return true;
        }
        false
    }

    /// Checks that a table may start here: it needs a direction heading above it.
    fn table(&mut self, line: usize) -> bool {
        if self.direction.is_none() {
            self.error(
                line,
                "this events table stands under no `Received` or `Send` heading, so its \
                 direction is unknown",
            );
            return false;
        }
        true
    }

    fn row(&mut self, line: usize, cells: Cells) {
        let Some(direction) = self.direction else {
            return;
        };
        let (product, product_source) = match self.section {
            Some(index) => {
                self.sections[index].rows += 1;
                (self.sections[index].product.clone(), ProductSource::Section)
            }
            None => match product_of_name(&cells.name) {
                Some(product) => (product.to_owned(), ProductSource::NamePrefix),
                None => {
                    let prefixes: Vec<&str> = NAME_PREFIXES.iter().map(|(p, _)| *p).collect();
                    self.error(
                        line,
                        format!(
                            "`{}` stands under no product heading and its name has no known \
                             product prefix ({})",
                            cells.name,
                            prefixes.join(", ")
                        ),
                    );
                    return;
                }
            },
        };
        if let Some(first) = self.lines.get(&cells.name) {
            let message = format!("`{}` is listed twice (first on line {first})", cells.name);
            self.error(line, message);
            return;
        }
        self.lines.insert(cells.name.clone(), line);
        self.rows.push(PageRow {
            line,
            product,
            product_source,
            direction,
            name: cells.name,
            schema_versions: cells.schema_versions,
            status: cells.status,
            active: cells.active,
            deprecated: cells.deprecated,
            sunset: cells.sunset,
        });
    }

    fn finish(mut self, form: PageForm) -> Result<Page, PageErrors> {
        if self.errors.is_empty() && self.rows.is_empty() {
            self.error(1, "no events table found");
        }
        if self.errors.is_empty() {
            Ok(Page {
                form,
                sections: self.sections,
                rows: self.rows,
            })
        } else {
            self.errors.sort_by_key(|e| e.line);
            Err(PageErrors(self.errors))
        }
    }
}

fn direction_heading(text: &str) -> Option<Direction> {
    if text.eq_ignore_ascii_case("received") {
        Some(Direction::Received)
    } else if text.eq_ignore_ascii_case("send") {
        Some(Direction::Send)
    } else {
        None
    }
}

fn product_heading(text: &str) -> Option<&'static str> {
    PRODUCT_HEADINGS
        .iter()
        .find(|(heading, _)| heading.eq_ignore_ascii_case(text))
        .map(|(_, product)| *product)
}

/// The product an event name's prefix belongs to.
pub(crate) fn product_of_name(name: &str) -> Option<&'static str> {
    NAME_PREFIXES
        .iter()
        .find(|(prefix, _)| name.starts_with(prefix))
        .map(|(_, product)| *product)
}

// ---------------------------------------------------------------------------------------------
// Markdown

/// Parses the markdown form.
pub fn parse_markdown(text: &str) -> Result<Page, PageErrors> {
    let lines = LineIndex::new(text);
    let mut builder = Builder::default();
    let mut heading: Option<(usize, String)> = None;
    // The table being read: whether it is an events table, and the cells of the current row.
    let mut table: Option<bool> = None;
    let mut row: Option<(usize, Vec<String>)> = None;
    let mut cell: Option<String> = None;
    for (event, range) in Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter() {
        let line = lines.line_of(range.start);
        match event {
            Md::Start(Tag::Heading { level, .. }) if level <= HeadingLevel::H4 => {
                heading = Some((line, String::new()));
            }
            Md::End(TagEnd::Heading(_)) => {
                if let Some((line, text)) = heading.take() {
                    builder.heading(line, &text);
                }
            }
            Md::Start(Tag::Table(_)) => table = Some(false),
            Md::End(TagEnd::Table) => table = None,
            Md::Start(Tag::TableHead | Tag::TableRow) => row = Some((line, Vec::new())),
            Md::End(TagEnd::TableHead) => {
                if let Some((line, cells)) = row.take() {
                    let is_events = header_matches(&cells);
                    if !is_events {
                        builder.error(
                            line,
                            format!(
                                "table columns are `{}`; an events table has `{}`",
                                cells.join(" | "),
                                COLUMNS.join(" | ")
                            ),
                        );
                    }
                    table = Some(is_events && builder.table(line));
                }
            }
            Md::End(TagEnd::TableRow) => {
                if let (Some((line, cells)), Some(true)) = (row.take(), table) {
                    match markdown_cells(&cells) {
                        Ok(cells) => builder.row(line, cells),
                        Err(message) => builder.error(line, message),
                    }
                }
            }
            Md::Start(Tag::TableCell) => cell = Some(String::new()),
            Md::End(TagEnd::TableCell) => {
                if let (Some(text), Some((_, cells))) = (cell.take(), row.as_mut()) {
                    cells.push(text.trim().to_owned());
                }
            }
            Md::Text(text) | Md::Code(text) => {
                if let Some(cell) = cell.as_mut() {
                    cell.push_str(&text);
                } else if let Some((_, heading)) = heading.as_mut() {
                    heading.push_str(&text);
                }
            }
            _ => {}
        }
    }
    builder.finish(PageForm::Markdown)
}

fn header_matches(cells: &[String]) -> bool {
    cells.len() == COLUMNS.len()
        && cells
            .iter()
            .zip(COLUMNS)
            .all(|(cell, column)| normalize_space(cell).eq_ignore_ascii_case(column))
}

fn normalize_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Checks the six cells of a markdown row.
fn markdown_cells(cells: &[String]) -> Result<Cells, String> {
    let cell = |i: usize| cells.get(i).map_or("", String::as_str);
    if cells.len() != COLUMNS.len() || cells.iter().all(String::is_empty) {
        return Err(format!(
            "the row has {} cells; an events row has {} ({})",
            cells.iter().filter(|c| !c.is_empty()).count(),
            COLUMNS.len(),
            COLUMNS.join(", ")
        ));
    }
    let name = cell(0);
    let (_, major) = parse_event_name(name)
        .ok_or_else(|| format!("`{name}` is not an event name of the form `<family>-v<N>`"))?;
    let schema_versions = versions_cell(cell(1), major).map_err(|e| format!("`{name}`: {e}"))?;
    let status = status_cell(cell(2)).ok_or_else(|| {
        format!(
            "`{name}`: status `{}` is not one of active, deprecated, sunset",
            cell(2)
        )
    })?;
    let mut dates = [None; 3];
    for (i, date) in dates.iter_mut().enumerate() {
        let column = COLUMNS[3 + i];
        *date = match date_cell(cell(3 + i)) {
            DateCell::Dash => None,
            DateCell::Date(date) => Some(date),
            DateCell::Impossible(why) => {
                return Err(format!(
                    "`{name}`: {column} `{}` is not a date: {why}",
                    cell(3 + i)
                ));
            }
            DateCell::NotADate => {
                return Err(format!(
                    "`{name}`: {column} `{}` is neither `-` nor a date like `8 September 2025`",
                    cell(3 + i)
                ));
            }
        };
    }
    let [active, deprecated, sunset] = dates;
    let active = active.ok_or_else(|| format!("`{name}`: the active date is missing"))?;
    Ok(Cells {
        name: name.to_owned(),
        schema_versions,
        status,
        active,
        deprecated,
        sunset,
    })
}

// ---------------------------------------------------------------------------------------------
// Text

/// The header line of a table in the text form: the column headings run together.
fn is_text_header(line: &str) -> bool {
    let squeezed: String = line.split_whitespace().collect::<Vec<_>>().join(" ");
    squeezed.eq_ignore_ascii_case(&COLUMNS.concat())
}

/// Parses the text form.
pub fn parse_text(text: &str) -> Result<Page, PageErrors> {
    let mut builder = Builder::default();
    let mut in_table = false;
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let content = raw.trim();
        if content.is_empty() {
            in_table = false;
            continue;
        }
        if is_text_header(content) {
            in_table = builder.table(line);
            continue;
        }
        if builder.heading(line, content) {
            in_table = false;
            continue;
        }
        if in_table {
            match split_text_row(content) {
                Ok(cells) => builder.row(line, cells),
                Err(message) => builder.error(line, message),
            }
        }
    }
    builder.finish(PageForm::Text)
}

/// How far an attempt to split a row got, to explain a refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    NoName,
    NoStatus,
    BadVersions,
    BadDates,
    ImpossibleDate,
}

/// The longest date cell, in characters: `30 September 2025` has 17, a five-character year
/// (jiff's `-9999`) one more.
const MAX_DATE_CHARS: usize = 18;

/// The shortest date cell: `1 May 2025`.
const MIN_DATE_CHARS: usize = 10;

/// The longest run of three date cells after the status.
const MAX_DATES_CHARS: usize = 3 * MAX_DATE_CHARS;

/// The deepest stage an attempt to split a row reached, and why it went no further.
struct Progress {
    stage: Stage,
    why: String,
}

impl Progress {
    /// Records `stage` when it is deeper than any so far (the first reason for it is kept).
    fn reach(&mut self, stage: Stage, why: impl FnOnce() -> String) {
        if stage > self.stage {
            self.stage = stage;
            self.why = why();
        }
    }
}

/// Where an event name may end in `line`: after `-v` and the digits of a major that fits a
/// `u64` and has no leading zero, with only name characters (`a-z`, `0-9`, `-`) before. In
/// order; found in one pass.
fn name_ends(line: &str) -> Vec<usize> {
    let bytes = line.as_bytes();
    let limit = bytes
        .iter()
        .position(|&b| !(b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'))
        .unwrap_or(bytes.len());
    let mut ends = Vec::new();
    let mut p = 0;
    while p + 2 < limit {
        if &bytes[p..p + 2] != b"-v" || bytes[p + 2] == b'0' {
            p += 1;
            continue;
        }
        let digits = bytes[p + 2..limit]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        for end in p + 3..=p + 2 + digits {
            if line[p + 2..end].parse::<u64>().is_ok() {
                ends.push(end);
            }
        }
        p += 2 + digits.max(1);
    }
    ends
}

/// Whether `rest` may start with a schema version: blanks, at most 20 digits and a `.`. A rest
/// that does not can hold no list of schema versions.
fn may_start_versions(rest: &str) -> bool {
    let rest = rest.trim_start();
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    (1..=20).contains(&digits) && rest.as_bytes().get(digits) == Some(&b'.')
}

/// The places of the status words followed by at most [`MAX_DATES_CHARS`] characters (room
/// for three dates), per word of [`STATUS_WORDS`], in order. Found from the end of the line.
fn short_tail_places(line: &str) -> Vec<Vec<usize>> {
    STATUS_WORDS
        .iter()
        .map(|(word, _)| {
            let mut places: Vec<usize> = line
                .rmatch_indices(word)
                .map(|(at, _)| at)
                .take_while(|at| line[at + word.len()..].chars().count() <= MAX_DATES_CHARS)
                .collect();
            places.reverse();
            places
        })
        .collect()
}

/// Where a status may stand after a name ending at `end`, in the order the exhaustive search
/// tries them (by word, then by place): its first place after the name, and the places that
/// leave room for exactly the three dates. Other places have longer tails, which split no
/// better than the first.
fn status_places(
    line: &str,
    end: usize,
    short: &[Vec<usize>],
) -> Vec<(usize, &'static str, Status)> {
    let mut places = Vec::new();
    for ((word, status), short) in STATUS_WORDS.iter().zip(short) {
        if let Some(first) = line[end..].find(word) {
            places.push((end + first, *word, *status));
        }
        for &at in short.iter().filter(|&&at| at >= end) {
            if places.last().is_none_or(|&(last, ..)| last < at) {
                places.push((at, *word, *status));
            }
        }
    }
    places
}

/// Splits a text row whose cells run together; exactly one split must fit the rules.
///
/// The search is linear in the length of the row: the dates come last and are short, so only
/// the statuses among the last few dozen characters (and the first after a name) are tried; a
/// name is followed by a schema version, which starts with at most 20 digits and a `.`, so only
/// the few name ends just before the row's first `.` are tried in full.
fn split_text_row(line: &str) -> Result<Cells, String> {
    let mut found: Vec<Cells> = Vec::new();
    let mut progress = Progress {
        stage: Stage::NoName,
        why: String::new(),
    };
    let short = short_tail_places(line);
    let mut dates: std::collections::HashMap<usize, Result<Vec<Dates>, (Stage, String)>> =
        std::collections::HashMap::new();
    // Where the last status word starts: a name ending after it has no status after it.
    let last_status = STATUS_WORDS
        .iter()
        .filter_map(|(word, _)| line.rfind(word))
        .max();
    for end in name_ends(line) {
        let rest = &line[end..];
        if !may_start_versions(rest) {
            let later = last_status.is_some_and(|at| at >= end);
            // Its versions cannot read: it can teach no more than `NoStatus` or `BadVersions`.
            let best = if later {
                Stage::BadVersions
            } else {
                Stage::NoStatus
            };
            if progress.stage >= best {
                continue;
            }
        }
        let name = &line[..end];
        // The major is valid, so an invalid name has an invalid family, and so has every
        // longer candidate (its family starts with this one's words).
        let Some((_, major)) = parse_event_name(name) else {
            break;
        };
        progress.reach(Stage::NoStatus, || {
            format!("no status (active, deprecated or sunset) after `{name}`")
        });
        for (at, word, status) in status_places(line, end, &short) {
            let versions = match versions_cell(&line[end..at], major) {
                Ok(versions) => versions,
                Err(why) => {
                    progress.reach(Stage::BadVersions, || format!("after `{name}`: {why}"));
                    continue;
                }
            };
            let tail = &line[at + word.len()..];
            if tail.chars().count() > MAX_DATES_CHARS {
                progress.reach(Stage::BadDates, || not_three_dates(tail));
                continue;
            }
            match dates.entry(at).or_insert_with(|| split_dates(tail)) {
                Ok(splits) => {
                    for &(active, deprecated, sunset) in splits.iter() {
                        found.push(Cells {
                            name: name.to_owned(),
                            schema_versions: versions.clone(),
                            status,
                            active,
                            deprecated,
                            sunset,
                        });
                    }
                }
                Err((stage, why)) => progress.reach(*stage, || why.clone()),
            }
        }
    }
    settle(found, progress)
}

/// The one split found, or why there is none or more than one.
fn settle(mut found: Vec<Cells>, progress: Progress) -> Result<Cells, String> {
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(format!(
            "cannot split the row into name, schema versions, status and three dates: {}",
            match progress.stage {
                Stage::NoName =>
                    "it does not start with an event name of the form `<family>-v<N>`".to_owned(),
                _ => progress.why,
            }
        )),
        n => {
            let splits: Vec<String> = found
                .iter()
                .map(|c| {
                    let versions: Vec<String> =
                        c.schema_versions.iter().map(Version::to_string).collect();
                    format!(
                        "`{} | {} | {} | {} | {} | {}`",
                        c.name,
                        versions.join(", "),
                        status_word(c.status),
                        c.active,
                        date_or_dash(c.deprecated),
                        date_or_dash(c.sunset)
                    )
                })
                .collect();
            Err(format!(
                "the row splits {n} ways, so it is ambiguous: {}",
                splits.join(" or ")
            ))
        }
    }
}

fn not_three_dates(tail: &str) -> String {
    format!(
        "`{tail}` is not an active date followed by a deprecation and a sunset date, each like \
         `8 September 2025` or `-`"
    )
}

const STATUS_WORDS: &[(&str, Status)] = &[
    ("active", Status::Active),
    ("deprecated", Status::Deprecated),
    ("sunset", Status::Sunset),
];

/// An active date, and a deprecation and a sunset date when given.
type Dates = (Date, Option<Date>, Option<Date>);

/// Every way to read `tail` as an active date, a deprecation date or `-`, and a sunset date or
/// `-`, run together; or why there is none.
fn split_dates(tail: &str) -> Result<Vec<Dates>, (Stage, String)> {
    // A cell is `-` or a date of MIN_DATE_CHARS to MAX_DATE_CHARS characters; a part of another
    // length reads as neither, so only the bounds that leave parts of those lengths are tried.
    let fits = |chars: usize| chars == 1 || (MIN_DATE_CHARS..=MAX_DATE_CHARS).contains(&chars);
    dates_between(tail, |a, b, n| fits(a) && fits(b - a) && fits(n - b))
}

/// Every way to read `tail` as three cells, trying the character bounds `a <= b` (of `n`) that
/// `tried(a, b, n)` accepts, in order.
fn dates_between(
    tail: &str,
    tried: impl Fn(usize, usize, usize) -> bool,
) -> Result<Vec<Dates>, (Stage, String)> {
    let bounds: Vec<usize> = tail
        .char_indices()
        .map(|(i, _)| i)
        .chain([tail.len()])
        .collect();
    let n = bounds.len() - 1;
    let mut splits = Vec::new();
    let mut impossible: Option<String> = None;
    for (ai, &a) in bounds.iter().enumerate() {
        for (bi, &b) in bounds.iter().enumerate().skip(ai) {
            if !tried(ai, bi, n) {
                continue;
            }
            let parts = [&tail[..a], &tail[a..b], &tail[b..]];
            let cells = parts.map(date_cell);
            if let Some((part, DateCell::Impossible(why))) = parts
                .iter()
                .zip(&cells)
                .find(|(_, c)| matches!(c, DateCell::Impossible(_)))
                && cells.iter().all(|c| !matches!(c, DateCell::NotADate))
            {
                impossible.get_or_insert_with(|| format!("`{part}` is not a date: {why}"));
                continue;
            }
            match cells {
                [
                    DateCell::Date(active),
                    deprecated @ (DateCell::Date(_) | DateCell::Dash),
                    sunset @ (DateCell::Date(_) | DateCell::Dash),
                ] => splits.push((active, deprecated.date(), sunset.date())),
                _ => continue,
            }
        }
    }
    if !splits.is_empty() {
        return Ok(splits);
    }
    Err(match impossible {
        Some(why) => (Stage::ImpossibleDate, why),
        None => (Stage::BadDates, not_three_dates(tail)),
    })
}

/// A date cell, read strictly.
#[derive(Debug, Clone, PartialEq, Eq)]
enum DateCell {
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
    fn date(&self) -> Option<Date> {
        match self {
            DateCell::Date(date) => Some(*date),
            _ => None,
        }
    }
}

/// Reads `-` or a date written exactly as the page writes them: `8 September 2025`.
fn date_cell(text: &str) -> DateCell {
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
fn versions_cell(text: &str, major: u64) -> Result<Vec<Version>, String> {
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

fn status_cell(text: &str) -> Option<Status> {
    STATUS_WORDS
        .iter()
        .find(|(word, _)| *word == text)
        .map(|(_, status)| *status)
}

/// Byte offset -> 1-based line.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { starts }
    }

    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        text.parse().unwrap()
    }

    #[test]
    fn splits_a_run_together_row() {
        let cells = split_text_row(
            "aw-interaction-focus-v11.0.0deprecated26 March 20258 September 20258 December 2026",
        )
        .unwrap();
        assert_eq!(cells.name, "aw-interaction-focus-v1");
        assert_eq!(cells.schema_versions, [Version::new(1, 0, 0)]);
        assert_eq!(cells.status, Status::Deprecated);
        assert_eq!(cells.active, date("2025-03-26"));
        assert_eq!(cells.deprecated, Some(date("2025-09-08")));
        assert_eq!(cells.sunset, Some(date("2026-12-08")));
    }

    #[test]
    fn the_schema_major_decides_where_the_name_ends() {
        let cells = split_text_row("x-v1111.0.0active1 May 2025--").unwrap();
        assert_eq!(cells.name, "x-v11");
        assert_eq!(cells.schema_versions, [Version::new(11, 0, 0)]);
        let err = split_text_row("x-v111.0.0active1 May 2025--").unwrap_err();
        assert!(err.contains("major"), "{err}");
    }

    #[test]
    fn several_versions_and_dashes() {
        let cells =
            split_text_row("aw-interaction-wrap-up-codes-v11.0.0, 1.0.1active26 March 2025--")
                .unwrap();
        assert_eq!(
            cells.schema_versions,
            [Version::new(1, 0, 0), Version::new(1, 0, 1)]
        );
        assert_eq!((cells.deprecated, cells.sunset), (None, None));
    }

    #[test]
    fn a_row_that_does_not_split_says_why() {
        let cut = split_text_row("aw-interaction-focus-v11.0.0deprecated26 March 20258 Sept")
            .unwrap_err();
        assert!(
            cut.contains("`26 March 20258 Sept` is not an active date"),
            "{cut}"
        );
        let impossible =
            split_text_row("aw-chat-init-v11.0.0active31 February 2025--").unwrap_err();
        assert!(
            impossible.contains("`31 February 2025` is not a date"),
            "{impossible}"
        );
        let no_status = split_text_row("aw-chat-init-v11.0.0activ20 March 2025--").unwrap_err();
        assert!(no_status.contains("no status"), "{no_status}");
    }

    #[test]
    fn dates_are_read_strictly() {
        assert_eq!(
            date_cell("8 September 2025"),
            DateCell::Date(date("2025-09-08"))
        );
        assert_eq!(date_cell("08 September 2025"), DateCell::NotADate);
        assert_eq!(date_cell("8 september 2025"), DateCell::NotADate);
        assert_eq!(date_cell("8 September 25"), DateCell::NotADate);
        assert!(matches!(
            date_cell("31 February 2025"),
            DateCell::Impossible(_)
        ));
    }

    #[test]
    fn a_row_of_4000_characters_splits() {
        let versions: Vec<String> = (0..600).map(|minor| format!("1.{minor}.0")).collect();
        let row = format!(
            "aw-interaction-focus-v1{}deprecated26 March 20258 September 20258 December 2026",
            versions.join(", ")
        );
        assert!(row.len() > 4_000, "{}", row.len());
        let cells = split_text_row(&row).unwrap();
        assert_eq!(cells.name, "aw-interaction-focus-v1");
        assert_eq!(cells.schema_versions.len(), 600);
        assert_eq!(cells.sunset, Some(date("2026-12-08")));
    }

    #[test]
    fn long_hostile_rows_are_refused_with_a_reason() {
        // Rows of 40,000 characters on which every name end, status or date bound would be a
        // candidate: each is answered (the splitter is linear), with the reason it gives on a
        // short row of the same kind.
        let cases = [
            ("a-v1".repeat(10_000), "no status"),
            (format!("x-v1{}", "1".repeat(40_000)), "no status"),
            (
                format!("x-v11.0.0{}", "active".repeat(7_000)),
                "is not an active date",
            ),
            (
                format!("x-v11.0.0active{}", "1 May 2025".repeat(4_000)),
                "is not an active date",
            ),
            (
                format!("{}active1 May 2025--", "x-v1".repeat(10_000)),
                "is not a semantic version",
            ),
            (
                format!("x-v1{}active1 May 2025--", ", 1.0.0".repeat(6_000)),
                "is not a semantic version",
            ),
        ];
        for (row, reason) in cases {
            let err = split_text_row(&row).unwrap_err();
            assert!(
                err.contains(reason),
                "{reason}: {}",
                &err[..err.len().min(300)]
            );
            let short: String = row.chars().take(120).collect();
            let _ = split_text_row(&short);
        }
    }

    /// Rows of the published page, and mutations of them (characters dropped, doubled or
    /// swapped), split as the exhaustive splitter splits them, with the same reasons.
    #[test]
    fn the_linear_splitter_agrees_with_the_exhaustive_one() {
        let rows: Vec<&str> = include_str!("../../tests/fixtures/pages/newer-page.txt")
            .lines()
            .filter(|l| l.contains("-v") && l.chars().any(|c| c.is_ascii_digit()))
            .collect();
        assert!(rows.len() > 30);
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let mut compared = 0;
        for row in &rows {
            let chars: Vec<char> = row.trim().chars().collect();
            let mut variants = vec![chars.clone()];
            for _ in 0..40 {
                let mut v = chars.clone();
                for _ in 0..=next(3) {
                    let i = next(v.len());
                    match next(4) {
                        0 => {
                            v.remove(i);
                        }
                        1 => {
                            let c = v[i];
                            v.insert(i, c);
                        }
                        2 => {
                            let j = next(v.len());
                            v.swap(i, j);
                        }
                        _ => v.insert(i, ['-', '1', '.', ',', ' ', 'v', 'a'][next(7)]),
                    }
                }
                variants.push(v);
            }
            for v in variants {
                let text: String = v.into_iter().collect();
                assert_eq!(
                    split_text_row(&text),
                    reference_split(&text),
                    "row `{text}`"
                );
                compared += 1;
            }
        }
        assert!(compared > 1_000);
    }

    /// The splitter as it was before it was made linear: every name end, every status, every
    /// pair of date bounds. The reference the linear one must agree with.
    fn reference_split(line: &str) -> Result<Cells, String> {
        let mut found: Vec<Cells> = Vec::new();
        let mut deepest = (Stage::NoName, String::new());
        let mut reached = |stage: Stage, why: String| {
            if stage > deepest.0 {
                deepest = (stage, why);
            }
        };
        for (end, _) in line.char_indices().skip(1) {
            let name = &line[..end];
            let Some((_, major)) = parse_event_name(name) else {
                continue;
            };
            let rest = &line[end..];
            reached(
                Stage::NoStatus,
                format!("no status (active, deprecated or sunset) after `{name}`"),
            );
            for (word, status) in STATUS_WORDS {
                for (at, _) in rest.match_indices(word) {
                    let versions = match versions_cell(&rest[..at], major) {
                        Ok(versions) => versions,
                        Err(why) => {
                            reached(Stage::BadVersions, format!("after `{name}`: {why}"));
                            continue;
                        }
                    };
                    let tail = &rest[at + word.len()..];
                    match dates_between(tail, |_, _, _| true) {
                        Ok(splits) => {
                            for (active, deprecated, sunset) in splits {
                                found.push(Cells {
                                    name: name.to_owned(),
                                    schema_versions: versions.clone(),
                                    status: *status,
                                    active,
                                    deprecated,
                                    sunset,
                                });
                            }
                        }
                        Err((stage, why)) => reached(stage, why),
                    }
                }
            }
        }
        settle(
            found,
            Progress {
                stage: deepest.0,
                why: deepest.1,
            },
        )
    }

    #[test]
    fn line_index() {
        let index = LineIndex::new("a\nbc\n\nd");
        assert_eq!(
            [0, 1, 2, 4, 5, 6].map(|o| index.line_of(o)),
            [1, 1, 2, 2, 3, 4]
        );
    }
}
