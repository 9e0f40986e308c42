//! The `eventcat` command line: `check` exit codes and diagnostics, `list` output checked
//! against the rows of the published events page, and `schema`: the files it writes with `-o`,
//! the AsyncAPI document it prints without, and its errors.
#![cfg(feature = "cli")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[path = "shared/bundled_lines.rs"]
mod bundled_lines;

use bundled_lines::bundled_line;
use eventcat_codegen::schema::{self, ASYNCAPI_FILE};
use serde_json::Value;

fn eventcat(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_eventcat"))
        .args(args)
        .output()
        .expect("run eventcat")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 stdout")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 stderr")
}

/// A file of the shared test data of the workspace (the `tests` package).
fn workspace_tests_file(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests")
        .join(path)
}

/// Asserts `err` reports the error of `corpus/broken/unknown-product.yaml`, read from `path`,
/// at its place.
#[track_caller]
fn assert_unknown_product_at(err: &str, path: &str) {
    assert!(
        err.contains("error[unknown-product]: unknown product `agent-workspac`"),
        "{err}"
    );
    assert!(err.contains(&format!("--> {path}:7:14")), "{err}");
}

#[test]
fn check_refuses_a_broken_catalog_with_location_and_source_line() {
    let path = workspace_tests_file("corpus/broken/unknown-product.yaml");
    let path = path.to_str().expect("UTF-8 path");
    let output = eventcat(&["check", path]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let err = stderr(&output);
    assert_unknown_product_at(&err, path);
    assert!(err.contains("7 |     product: agent-workspac"), "{err}");
    assert!(
        err.contains(&format!("{path}: 1 error, 0 warnings")),
        "{err}"
    );
    assert!(stdout(&output).is_empty());
}

#[test]
fn check_reports_a_yaml_error_with_its_location() {
    let path = workspace_tests_file("corpus/broken/yaml-syntax.yaml");
    let path = path.to_str().expect("UTF-8 path");
    let output = eventcat(&["check", path]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let err = stderr(&output);
    assert!(err.contains("error[yaml]: unclosed bracket"), "{err}");
    assert!(err.contains(&format!("--> {path}:15:26")), "{err}");
}

#[test]
fn check_accepts_a_catalog_with_lints() {
    let path = workspace_tests_file("corpus/lints/deprecated-without-sunset.yaml");
    let path = path.to_str().expect("UTF-8 path");
    let output = eventcat(&["check", path]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let err = stderr(&output);
    assert!(err.contains(&format!("--> {path}:11:23")), "{err}");
    assert!(
        err.ends_with(&format!("\n{path}: 1 event, 0 errors, 1 warning\n")),
        "{err}"
    );
    assert!(stdout(&output).is_empty());
}

#[test]
fn check_fails_on_a_missing_file() {
    let output = eventcat(&["check", "no-such-catalog.yaml"]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(stderr(&output).contains("cannot read catalog no-such-catalog.yaml"));
}

#[test]
fn check_accepts_the_bundled_catalog_with_four_warnings() {
    let output = eventcat(&["check"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let err = stderr(&output);
    assert!(
        err.ends_with("\ncatalog.yaml: 59 events, 0 errors, 4 warnings\n"),
        "{err}"
    );
    assert!(stdout(&output).is_empty());
    assert_eq!(err.matches("warning[").count(), 4, "{err}");
    assert!(!err.contains("error["), "{err}");

    let focus_v2 = bundled_line("  - name: aw-interaction-focus-v2", 1);
    let focus_v3 = bundled_line("  - name: aw-interaction-focus-v3", 1);
    let deprecation = bundled_line("    deprecation_date:", focus_v2);
    let sunset = bundled_line("    sunset_date:", focus_v2);
    for (code, location) in [
        (
            "deprecated-before-active",
            format!("catalog.yaml:{deprecation}:23"),
        ),
        ("sunset-before-active", format!("catalog.yaml:{sunset}:18")),
        (
            "newer-active-before-older",
            format!("catalog.yaml:{focus_v3}:11"),
        ),
    ] {
        let at = err
            .find(&format!("warning[{code}]"))
            .unwrap_or_else(|| panic!("no {code} warning in\n{err}"));
        let next_line = err[at..].lines().nth(1).unwrap_or_default();
        assert_eq!(next_line.trim(), format!("--> {location}"), "{err}");
    }
    assert!(err.contains(&format!("{deprecation} |     deprecation_date: 2025-01-19")));
    assert!(err.contains(&format!("{sunset} |     sunset_date: 2025-07-19")));
    assert!(err.contains(&format!("{focus_v3} |   - name: aw-interaction-focus-v3")));
    assert_eq!(
        err.matches("warning[newer-active-before-older]").count(),
        2,
        "{err}"
    );
}

/// One row of the published events page, as written down in the fixture.
#[derive(Debug)]
struct PageRow {
    name: String,
    product: String,
    direction: String,
    schema_versions: Vec<String>,
    status: String,
    active: String,
    deprecation: Option<String>,
    sunset: Option<String>,
}

fn page_rows() -> Vec<PageRow> {
    let path = workspace_tests_file("fixtures/newer-page-rows.tsv");
    let text = std::fs::read_to_string(&path).expect("fixture");
    let date = |cell: &str| (cell != "-").then(|| cell.to_owned());
    let mut lines = text.lines().filter(|l| !l.starts_with('#'));
    assert_eq!(
        lines.next(),
        Some("name\tproduct\tdirection\tschema_versions\tstatus\tactive\tdeprecation\tsunset")
    );
    lines
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            assert_eq!(cells.len(), 8, "{line}");
            PageRow {
                name: cells[0].to_owned(),
                product: cells[1].to_owned(),
                direction: cells[2].to_owned(),
                schema_versions: cells[3].split(',').map(str::to_owned).collect(),
                status: cells[4].to_owned(),
                active: cells[5].to_owned(),
                deprecation: date(cells[6]),
                sunset: date(cells[7]),
            }
        })
        .collect()
}

/// `eventcat list --format json --as-of <day>`, parsed.
fn list_json(as_of: &str) -> Vec<Value> {
    let output = eventcat(&["list", "--format", "json", "--as-of", as_of]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let value: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    value.as_array().expect("a JSON array").clone()
}

fn text<'a>(row: &'a Value, key: &str) -> &'a str {
    row[key]
        .as_str()
        .unwrap_or_else(|| panic!("`{key}` is not a string in {row}"))
}

fn optional_text(row: &Value, key: &str) -> Option<String> {
    match &row[key] {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => panic!("`{key}` is {other} in {row}"),
    }
}

#[test]
fn list_json_matches_the_published_page() {
    let page = page_rows();
    assert_eq!(page.len(), 59);
    let listed = list_json("2026-11-21");
    assert_eq!(listed.len(), 59);
    for (row, expected) in listed.iter().zip(&page) {
        let name = &expected.name;
        assert_eq!(text(row, "name"), name);
        assert_eq!(text(row, "product"), expected.product, "{name}");
        assert_eq!(text(row, "direction"), expected.direction, "{name}");
        let versions: Vec<&str> = row["schema_versions"]
            .as_array()
            .expect("schema_versions is an array")
            .iter()
            .map(|v| v.as_str().expect("a version string"))
            .collect();
        assert_eq!(versions, expected.schema_versions, "{name}");
        assert_eq!(text(row, "declared_status"), expected.status, "{name}");
        assert_eq!(text(row, "active_date"), expected.active, "{name}");
        assert_eq!(
            optional_text(row, "deprecation_date"),
            expected.deprecation,
            "{name}"
        );
        assert_eq!(optional_text(row, "sunset_date"), expected.sunset, "{name}");
        assert_eq!(text(row, "as_of"), "2026-11-21", "{name}");
        assert_eq!(row.as_object().map(|o| o.len()), Some(10), "{name}");
    }
}

#[test]
fn list_computes_status_from_dates() {
    let status = |as_of: &str, event: &str| -> String {
        let rows = list_json(as_of);
        let row = rows
            .iter()
            .find(|r| r["name"] == event)
            .unwrap_or_else(|| panic!("{event} is listed"));
        text(row, "status").to_owned()
    };
    let focus_v1 = "aw-interaction-focus-v1";
    assert_eq!(status("2025-01-01", focus_v1), "upcoming");
    assert_eq!(status("2025-06-01", focus_v1), "active");
    assert_eq!(status("2025-09-08", focus_v1), "deprecated");
    assert_eq!(status("2026-11-21", focus_v1), "deprecated");
    assert_eq!(status("2026-12-07", focus_v1), "deprecated");
    assert_eq!(status("2026-12-08", focus_v1), "sunset");
    assert_eq!(status("2026-01-01", "aw-interaction-focus-v2"), "sunset");
    assert_eq!(status("2026-01-01", "aw-interaction-focus-v3"), "active");
    assert_eq!(status("2026-01-01", "aw-interaction-ended-v1"), "upcoming");
}

#[test]
fn list_table_has_a_header_and_59_rows() {
    let output = eventcat(&["list", "--as-of", "2026-11-21"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let out = stdout(&output);
    let lines: Vec<&str> = out.lines().collect();
    let header: Vec<&str> = lines[0].split_whitespace().collect();
    assert_eq!(
        header.join(" "),
        "EVENT PRODUCT DIRECTION SCHEMAS DECLARED AS-OF ACTIVE DEPRECATED SUNSET"
    );
    let rows: Vec<Vec<&str>> = lines[1..]
        .iter()
        .filter(|l| !l.starts_with('('))
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(rows.len(), 59);
    let page = page_rows();
    for (row, expected) in rows.iter().zip(&page) {
        assert_eq!(row.len(), 9, "{row:?}");
        assert_eq!(row[0], expected.name);
        assert_eq!(row[3], expected.schema_versions.join(","));
    }
    let focus_v2 = rows
        .iter()
        .find(|r| r[0] == "aw-interaction-focus-v2")
        .expect("focus-v2 row");
    assert_eq!(
        focus_v2[1..],
        [
            "agent-workspace",
            "received",
            "2.0.0",
            "deprecated",
            "sunset",
            "2025-09-08",
            "2025-01-19",
            "2025-07-19"
        ]
    );
    assert_eq!(
        lines.last(),
        Some(&"(AS-OF status computed for 2026-11-21)")
    );
}

#[test]
fn list_refuses_a_broken_catalog_and_a_bad_date() {
    let path = workspace_tests_file("corpus/broken/unknown-product.yaml");
    let output = eventcat(&["list", path.to_str().expect("UTF-8 path")]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(stdout(&output).is_empty());
    assert!(stderr(&output).contains("error[unknown-product]"));

    let output = eventcat(&["list", "--as-of", "21 November 2026"]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(stderr(&output).contains("is not a date of the form YYYY-MM-DD"));
}

/// The CLI's messages name its own flags, not the derive's or the builder's options.
#[test]
fn generate_with_a_sunset_policy_and_no_day_names_the_flags() {
    let output = Command::new(env!("CARGO_BIN_EXE_eventcat"))
        .args(["generate", "--sunset", "omit"])
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run eventcat");
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let err = stderr(&output);
    assert_eq!(
        err,
        "error: `--sunset omit` needs a day to apply it for: set `--as-of YYYY-MM-DD` or SOURCE_DATE_EPOCH\n"
    );
    assert!(stdout(&output).is_empty());
}

/// An empty scratch directory of this test run.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("eventcat-cli-schema-{}-{name}", std::process::id()));
    if dir.exists() {
        std::fs::remove_dir_all(&dir).expect("clear the scratch directory");
    }
    dir
}

fn expected_files(catalog: &eventcat_codegen::Catalog) -> Vec<schema::ExportFile> {
    schema::export(catalog).expect("the catalog exports")
}

/// Every file below `dir`, as relative paths with `/` separators, sorted.
fn files_below(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).expect("read a directory") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let relative = path.strip_prefix(root).expect("below the root");
                let parts: Vec<String> = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.push(parts.join("/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

#[test]
fn schema_writes_every_file_of_the_export() {
    let dir = scratch("bundled");
    let dir_text = dir.to_str().expect("UTF-8 path");
    let output = eventcat(&["schema", "-o", dir_text]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(stdout(&output).is_empty());
    let err = stderr(&output);
    assert_eq!(
        err,
        format!("catalog.yaml: wrote asyncapi.json and 60 JSON Schemas to {dir_text}\n")
    );

    let loaded = eventcat_codegen::load_bundled().expect("the bundled catalog loads");
    let expected = expected_files(&loaded.catalog);
    let mut paths: Vec<String> = expected.iter().map(|f| f.path.clone()).collect();
    paths.sort();
    assert_eq!(files_below(&dir), paths);
    for file in &expected {
        let written = std::fs::read_to_string(dir.join(&file.path)).expect("a written file");
        assert_eq!(written, file.contents, "{}", file.path);
    }
    assert!(
        dir.join("schemas/aw-interaction-focus-v3/3.0.0.schema.json")
            .is_file()
    );

    // A second run over the same directory writes the same bytes.
    let again = eventcat(&["schema", "--output", dir_text]);
    assert_eq!(again.status.code(), Some(0), "{again:?}");
    for file in &expected {
        let written = std::fs::read_to_string(dir.join(&file.path)).expect("a written file");
        assert_eq!(written, file.contents, "{}", file.path);
    }
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn schema_without_output_prints_the_asyncapi_document() {
    let output = eventcat(&["schema"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(stderr(&output).is_empty(), "{}", stderr(&output));
    let loaded = eventcat_codegen::load_bundled().expect("the bundled catalog loads");
    let expected = expected_files(&loaded.catalog);
    let asyncapi = expected
        .iter()
        .find(|f| f.path == ASYNCAPI_FILE)
        .expect("asyncapi.json");
    let printed = stdout(&output);
    assert_eq!(printed, asyncapi.contents);
    let doc: Value = serde_json::from_str(&printed).expect("JSON");
    assert_eq!(doc["asyncapi"], "3.0.0");
}

#[test]
fn schema_exports_a_given_catalog() {
    let catalog = workspace_tests_file("corpus/ok/every-shape.yaml");
    let catalog = catalog.to_str().expect("UTF-8 path");
    let dir = scratch("every-shape");
    let dir_text = dir.to_str().expect("UTF-8 path");
    let output = eventcat(&["schema", catalog, "-o", dir_text]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(
        stderr(&output),
        format!("{catalog}: wrote asyncapi.json and 3 JSON Schemas to {dir_text}\n")
    );
    assert_eq!(
        files_below(&dir),
        [
            "asyncapi.json",
            "schemas/aw-example-v1/1.0.0.schema.json",
            "schemas/aw-example-v1/1.1.0.schema.json",
            "schemas/aw-example-v1/1.2.0.schema.json",
        ]
    );
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn schema_refuses_a_broken_catalog_like_check() {
    let path = workspace_tests_file("corpus/broken/unknown-product.yaml");
    let path = path.to_str().expect("UTF-8 path");
    let dir = scratch("broken");
    let output = eventcat(&["schema", path, "-o", dir.to_str().expect("UTF-8 path")]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let err = stderr(&output);
    assert_unknown_product_at(&err, path);
    // The summary line `check` prints (`1 error`, in whatever wording `check` uses).
    assert!(err.contains(&format!("{path}: 1 error")), "{err}");
    assert!(stdout(&output).is_empty());
    assert!(!dir.exists(), "nothing is written for a broken catalog");

    let missing = eventcat(&["schema", "no-such-catalog.yaml"]);
    assert_eq!(missing.status.code(), Some(1), "{missing:?}");
    assert!(
        stderr(&missing).starts_with("error: cannot read catalog no-such-catalog.yaml:"),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn schema_reports_a_directory_it_cannot_write() {
    let dir = scratch("blocked");
    std::fs::create_dir_all(&dir).expect("create the scratch directory");
    // `schemas` is a file, so no schema can be written below it.
    std::fs::write(dir.join("schemas"), "in the way").expect("write a file");
    let output = eventcat(&["schema", "-o", dir.to_str().expect("UTF-8 path")]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let err = stderr(&output);
    assert!(err.starts_with("error: cannot write "), "{err}");
    assert!(err.contains("schemas"), "{err}");
    std::fs::remove_dir_all(&dir).expect("clean up");
}
