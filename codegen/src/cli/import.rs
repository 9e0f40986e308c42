//! `eventcat import`: the page's rows, the differences from a catalog or what was written into
//! it, as text or JSON, and the exit status.

use eventcat_codegen::import::{
    Comparison, DateKind, Difference, DifferenceKind, ImportError, ImportReport, Written,
};
use eventcat_codegen::model::{date_or_dash, direction_word, status_word};
use eventcat_codegen::page::{Page, PageForm, ProductSource};
use serde_json::{Value, json};

use super::{Rendered, ReportFormat, table};

/// Exit status when the page and the catalog differ (or differences are left after writing).
pub const EXIT_DIFFERENT: u8 = 1;
/// Exit status when the page or the catalog cannot be read, or the catalog cannot be written.
pub const EXIT_TROUBLE: u8 = 2;

/// What `eventcat import` prints for `result`, and its exit status: 0 when the page reads and
/// agrees with the catalog (or was written into it in full), [`EXIT_DIFFERENT`] for
/// differences, [`EXIT_TROUBLE`] for an error.
pub fn render(
    result: &Result<ImportReport, ImportError>,
    format: ReportFormat,
    color: bool,
) -> Rendered {
    let json = format == ReportFormat::Json;
    Rendered::of(
        result,
        EXIT_TROUBLE,
        |err| error(err, color),
        |report| report_rendered(report, json),
    )
}

/// What `eventcat import` prints for a report: as JSON when `json`, else as text.
fn report_rendered(report: &ImportReport, json: bool) -> Rendered {
    match report {
        ImportReport::Rows(page) if json => Rendered::stdout(pretty(&rows_json(page)), 0),
        ImportReport::Rows(page) => Rendered::stdout(rows_text(page), 0),
        ImportReport::Compared {
            page_name,
            catalog_name,
            comparison,
        } => {
            let stdout = if json {
                pretty(&comparison_json(comparison))
            } else {
                comparison_text(comparison, page_name, catalog_name)
            };
            Rendered::stdout(stdout, exit_status(&comparison.differences))
        }
        ImportReport::Written {
            catalog_name,
            written,
            file_changed,
        } => {
            let stdout = if json {
                pretty(&written_json(written, *file_changed))
            } else {
                written_text(written, catalog_name)
            };
            Rendered::stdout(stdout, exit_status(&written.left))
        }
    }
}

/// 0 when nothing is left differing, [`EXIT_DIFFERENT`] otherwise.
fn exit_status(differences: &[Difference]) -> u8 {
    if differences.is_empty() {
        0
    } else {
        EXIT_DIFFERENT
    }
}

/// A JSON value pretty-printed, with a final newline.
fn pretty(value: &Value) -> String {
    format!("{value:#}\n")
}

/// The error as printed on standard error.
fn error(err: &ImportError, color: bool) -> String {
    match err {
        ImportError::PageNotUtf8 { page, bad } => {
            format!("{page}:{}: error: {}\n", bad.location, bad.message)
        }
        ImportError::Rows { page, errors } => {
            let mut out = String::new();
            for error in &errors.0 {
                out.push_str(&format!(
                    "{page}:{}: error: {}\n",
                    error.line, error.message
                ));
            }
            out.push_str(&format!(
                "{page}: {} rows could not be read\n",
                errors.0.len()
            ));
            out
        }
        ImportError::Catalog(err) => super::load_error(err, color),
        ImportError::Broken { catalog, report } => format!(
            "{}error: the updated {catalog} would not load, so it was not written\n",
            report.render(color)
        ),
        other => format!("error: {other}\n"),
    }
}

/// The page rows as an aligned table, then notes on where products come from.
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
            [
                row.line.to_string(),
                row.product.clone(),
                direction_word(row.direction).to_owned(),
                row.name.clone(),
                versions(&row.schema_versions).join(","),
                status_word(row.status).to_owned(),
                row.active.to_string(),
                date_or_dash(row.deprecated),
                date_or_dash(row.sunset),
            ]
        })
        .collect();
    let mut out = table::render(header, &cells);
    if page
        .rows
        .iter()
        .any(|r| r.product_source == ProductSource::NamePrefix)
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

fn versions(versions: &[semver::Version]) -> Vec<String> {
    versions.iter().map(ToString::to_string).collect()
}

/// The page as JSON: its form, its sections and its rows.
pub fn rows_json(page: &Page) -> Value {
    let rows: Vec<Value> = page
        .rows
        .iter()
        .map(|row| {
            json!({
                "line": row.line,
                "product": row.product,
                "product_from": match row.product_source {
                    ProductSource::Section => "section",
                    ProductSource::NamePrefix => "name-prefix",
                },
                "direction": direction_word(row.direction),
                "name": row.name,
                "schema_versions": versions(&row.schema_versions),
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
            PageForm::Markdown => "markdown",
            PageForm::Text => "text",
        },
        "sections": sections,
        "rows": rows,
    })
}

/// One line per difference, then a summary.
pub fn comparison_text(comparison: &Comparison, page_name: &str, catalog_name: &str) -> String {
    let mut out = String::new();
    for difference in &comparison.differences {
        out.push_str(&format!("{page_name}: {difference}\n"));
    }
    if !comparison.listed_elsewhere.is_empty() {
        out.push_str(&format!(
            "{} catalog events not compared: the page lists their product elsewhere\n",
            comparison.listed_elsewhere.len()
        ));
    }
    out.push_str(&format!(
        "{page_name} against {catalog_name}: {} differences; {} page rows agree\n",
        comparison.differences.len(),
        comparison.agreeing
    ));
    out
}

/// The comparison as JSON: the differences, the rows that agree, the events not compared.
pub fn comparison_json(comparison: &Comparison) -> Value {
    json!({
        "differences": differences_json(&comparison.differences),
        "agreeing_rows": comparison.agreeing,
        "listed_elsewhere": comparison.listed_elsewhere,
    })
}

/// What was written, what was left for a person, then a summary.
pub fn written_text(written: &Written, catalog_name: &str) -> String {
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
}

/// Whether the file changed, and the differences written and left, as JSON.
pub fn written_json(written: &Written, file_changed: bool) -> Value {
    json!({
        "written": file_changed,
        "applied": differences_json(&written.applied),
        "left": differences_json(&written.left),
    })
}

fn differences_json(differences: &[Difference]) -> Vec<Value> {
    differences.iter().map(difference_json).collect()
}

/// A difference as JSON: `event`, `line`, `kind`, the two sides and the message.
pub fn difference_json(difference: &Difference) -> Value {
    let (kind, page, catalog) = sides_json(&difference.kind);
    json!({
        "event": difference.event,
        "line": difference.line,
        "kind": kind,
        "page": page,
        "catalog": catalog,
        "message": difference.to_string(),
    })
}

/// The kind's code, and what the page and the catalog say (`null` for a side that has nothing).
fn sides_json(kind: &DifferenceKind) -> (&'static str, Value, Value) {
    let date = |date: &Option<jiff::civil::Date>| json!(date.map(|d| d.to_string()));
    match kind {
        DifferenceKind::MissingFromCatalog => ("missing-from-catalog", Value::Null, Value::Null),
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
            date: which,
            page,
            catalog,
        } => (DateKind::key(*which), date(page), date(catalog)),
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
    }
}
