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
//!
//! The markdown form is read in `markdown`, the text form in `text`, and the cells of a row,
//! which both forms share, in `cells`.

mod cells;
mod markdown;
mod text;

use std::fmt;

use jiff::civil::Date;
use semver::Version;

pub use crate::load::catalog::{Direction, Status};
use crate::model::{date_or_dash, direction_word, status_word};
use cells::Cells;
pub use markdown::parse_markdown;
pub use text::parse_text;

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
