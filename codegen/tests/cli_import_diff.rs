//! Exit codes and output of `eventcat import` and `eventcat diff`, run as a process.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn eventcat(args: &[&str]) -> Output {
    match Command::new(env!("CARGO_BIN_EXE_eventcat"))
        .args(args)
        .output()
    {
        Ok(output) => output,
        Err(err) => panic!("cannot run eventcat: {err}"),
    }
}

fn code(output: &Output) -> Option<i32> {
    output.status.code()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A file under the workspace: the shared test fixtures and the bundled catalog.
fn workspace(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(path)
        .display()
        .to_string()
}

fn fixture(path: &str) -> String {
    workspace(&format!("tests/fixtures/{path}"))
}

/// A scratch file for this test process, written with `text`.
fn scratch(name: &str, text: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("eventcat-cli-{}-{name}", std::process::id()));
    if let Err(err) = std::fs::write(&path, text) {
        panic!("cannot write {}: {err}", path.display());
    }
    path
}

fn read(path: &str) -> String {
    match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) => panic!("cannot read {path}: {err}"),
    }
}

#[test]
fn import_prints_the_rows_of_a_page() {
    let output = eventcat(&["import", &fixture("pages/newer-page.txt")]);
    assert_eq!(code(&output), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.starts_with("LINE  PRODUCT"), "{text}");
    assert!(text.contains("19    agent-workspace  received   aw-interaction-focus-v1"));
    assert!(text.contains("section `Maestro SDK Events` (maestro) has no table"));
}

#[test]
fn import_json_lists_rows_with_their_sections() {
    let output = eventcat(&[
        "import",
        &fixture("pages/older-page.md"),
        "--format",
        "json",
    ]);
    assert_eq!(code(&output), Some(0));
    let json: serde_json::Value = match serde_json::from_str(&stdout(&output)) {
        Ok(json) => json,
        Err(err) => panic!("not JSON: {err}"),
    };
    assert_eq!(json["form"], "markdown");
    assert_eq!(json["rows"].as_array().map(Vec::len), Some(34));
    assert_eq!(json["rows"][5]["name"], "aw-interaction-focus-v1");
    assert_eq!(json["rows"][5]["line"], 12);
    assert_eq!(json["rows"][5]["product"], "agent-workspace");
    assert_eq!(json["rows"][5]["product_from"], "name-prefix");
    assert_eq!(json["rows"][5]["deprecation_date"], "2025-09-08");
}

#[test]
fn import_against_an_agreeing_catalog_exits_0() {
    let output = eventcat(&[
        "import",
        &fixture("pages/newer-page.txt"),
        "--against",
        &workspace("catalog.yaml"),
    ]);
    assert_eq!(code(&output), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).ends_with("0 differences; 38 page rows agree\n"));
}

#[test]
fn import_against_a_differing_catalog_exits_1() {
    let output = eventcat(&[
        "import",
        &fixture("pages/older-page.md"),
        "--against",
        &workspace("catalog.yaml"),
    ]);
    assert_eq!(code(&output), Some(1));
    let text = stdout(&output);
    assert!(
        text.contains("older-page.md: line 12: aw-interaction-focus-v1: status: page active, catalog deprecated\n"),
        "{text}"
    );
    assert!(
        text.ends_with("30 differences; 31 page rows agree\n"),
        "{text}"
    );
}

#[test]
fn import_of_a_malformed_page_exits_2_with_the_line() {
    let page = read(&fixture("pages/newer-page.txt")).replace(
        "aw-interaction-focus-v33.0.0active19 January 2025--",
        "aw-interaction-focus-v33.0.0active19 Janu",
    );
    let path = scratch("cut-page.txt", &page);
    let output = eventcat(&["import", &path.display().to_string()]);
    let _ = std::fs::remove_file(&path);
    assert_eq!(code(&output), Some(2));
    let text = stderr(&output);
    assert!(
        text.contains("cut-page.txt:21: error: cannot split the row"),
        "{text}"
    );
}

#[test]
fn import_write_updates_the_catalog_in_place() {
    let path = scratch("older.yaml", &read(&fixture("catalogs/older.yaml")));
    let catalog = path.display().to_string();
    let page = fixture("pages/newer-page.txt");
    let output = eventcat(&["import", &page, "--against", &catalog, "--write"]);
    assert_eq!(
        code(&output),
        Some(0),
        "{}{}",
        stdout(&output),
        stderr(&output)
    );
    assert!(stdout(&output).ends_with(": 30 differences written, 0 left\n"));
    let again = eventcat(&["import", &page, "--against", &catalog]);
    let written = std::fs::read_to_string(&path).unwrap_or_default();
    let _ = std::fs::remove_file(&path);
    assert_eq!(code(&again), Some(0), "{}", stdout(&again));
    // The result is the checked-in newer lifecycle catalog, but for its header comment.
    let body = |text: &str| text.split_once("\nproducts:").map(|(_, b)| b.to_owned());
    assert_eq!(body(&written), body(&read(&fixture("catalogs/newer.yaml"))));
}

#[test]
fn import_write_needs_a_catalog() {
    let output = eventcat(&["import", &fixture("pages/newer-page.txt"), "--write"]);
    assert_eq!(code(&output), Some(2));
    assert!(stderr(&output).contains("--against"));
}

#[test]
fn diff_exits_2_when_a_change_breaks_partners() {
    let output = eventcat(&[
        "diff",
        &fixture("catalogs/older.yaml"),
        &fixture("catalogs/newer.yaml"),
    ]);
    assert_eq!(code(&output), Some(2));
    let text = stdout(&output);
    assert!(
        text.contains(
            "aw-interaction-wrap-up-codes-v1 (received; the partner is the receiver)\n  \
             1.0.1: schema version added\n    receiver (partner): BREAKING: decoders built from \
             the old catalog refuse payloads with schemaVersion 1.0.1\n"
        ),
        "{text}"
    );
    // The Rust names the update adds: the new events' structs and `ReceivedEvent` variants, the
    // new family enum of wrap-up codes 1.0.0 and 1.0.1, and their conversions; none removed.
    assert!(
        text.contains(
            "Rust names: 63 added, 0 removed, 0 changed\n  partner code: compatible: every name \
             of the old catalog keeps its meaning\n"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "  added `AwInteractionWrapUpCodesV1_0_1`: struct for event \
             `aw-interaction-wrap-up-codes-v1` schema version 1.0.1\n"
        ),
        "{text}"
    );
    assert!(
        text.ends_with(
            "30 changes in 28 events; breaking: 1 for partners, 1 for either role; Rust names: \
             63 added, 0 removed, 0 changed (exit 2)\n"
        ),
        "{text}"
    );
}

#[test]
fn diff_lists_the_rust_names_a_change_removes() {
    let output = eventcat(&[
        "diff",
        &fixture("catalogs/fields-old.yaml"),
        &fixture("catalogs/fields-new.yaml"),
    ]);
    assert_eq!(code(&output), Some(2));
    let text = stdout(&output);
    assert!(
        text.contains(
            "Rust names: 12 added, 12 removed, 0 changed\n  partner code: BREAKING: code naming \
             a removed name, or using a changed one as it was, stops compiling once regenerated\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("  removed `Queue`: struct for catalog type `Queue`\n"),
        "{text}"
    );
    assert!(
        text.ends_with("; Rust names: 12 added, 12 removed, 0 changed (exit 2)\n"),
        "{text}"
    );
}

#[test]
fn diff_of_a_catalog_against_itself_has_no_rust_names_section() {
    let catalog = fixture("catalogs/fields-old.yaml");
    let output = eventcat(&["diff", &catalog, &catalog]);
    assert_eq!(code(&output), Some(0));
    let text = stdout(&output);
    assert!(!text.contains("Rust names"), "{text}");
    assert!(
        text.ends_with(": 0 changes in 0 events; breaking: 0 for partners, 0 for either role\n"),
        "{text}"
    );
}

#[test]
fn diff_exits_0_when_nothing_breaks_partners() {
    // Deprecating an event and announcing its sunset is a notice, not a break.
    let old = read(&fixture("catalogs/older.yaml"));
    let new = old.replacen(
        "    status: active\n    active_date: 2025-03-20\n",
        "    status: deprecated\n    active_date: 2025-03-20\n    deprecation_date: 2026-01-01\n    \
         sunset_date: 2027-01-01\n",
        1,
    );
    assert_ne!(old, new);
    let path = scratch("deprecated.yaml", &new);
    let output = eventcat(&[
        "diff",
        &fixture("catalogs/older.yaml"),
        &path.display().to_string(),
    ]);
    let _ = std::fs::remove_file(&path);
    assert_eq!(code(&output), Some(0), "{}", stdout(&output));
    assert!(
        stdout(&output)
            .contains("3 changes in 1 events; breaking: 0 for partners, 0 for either role\n")
    );
}

#[test]
fn diff_strict_gates_on_either_role() {
    // A new schema version of a send event: the partner (the sender) is fine, the host's
    // decoders of the old catalog are not.
    let old = fixture("catalogs/fields-old.yaml");
    let new_text = read(&old).replace(
        "        fields:\n          a: { type: string }\n\n  - name: schema-version-removed-v1",
        "        fields:\n          a: { type: string }\n      - version: 1.1.0\n        fields:\n          \
         a: { type: string }\n\n  - name: schema-version-removed-v1",
    );
    let path = scratch("version-added.yaml", &new_text);
    let new = path.display().to_string();
    let lenient = eventcat(&["diff", &old, &new]);
    let strict = eventcat(&["diff", &old, &new, "--strict"]);
    let _ = std::fs::remove_file(&path);
    assert_eq!(code(&lenient), Some(0), "{}", stdout(&lenient));
    assert_eq!(code(&strict), Some(2), "{}", stdout(&strict));
}

#[test]
fn diff_json_with_as_of() {
    let output = eventcat(&[
        "diff",
        &fixture("catalogs/older.yaml"),
        &fixture("catalogs/newer.yaml"),
        "--as-of",
        "2026-01-01",
        "--format",
        "json",
    ]);
    assert_eq!(code(&output), Some(2));
    let json: serde_json::Value = match serde_json::from_str(&stdout(&output)) {
        Ok(json) => json,
        Err(err) => panic!("not JSON: {err}"),
    };
    let dated: Vec<&serde_json::Value> = json["changes"]
        .as_array()
        .map(|c| c.iter().filter(|c| c["kind"] == "status-on-date").collect())
        .unwrap_or_default();
    assert_eq!(dated.len(), 1);
    assert_eq!(dated[0]["event"], "aw-interaction-focus-v2");
    assert_eq!(dated[0]["change"], "status on 2026-01-01: active -> sunset");
    assert_eq!(json["breaking_for_partners"], 2);
}

#[test]
fn diff_of_an_invalid_catalog_exits_1() {
    let path = scratch("invalid.yaml", "products: {}\nevents: []\nnonsense: 1\n");
    let output = eventcat(&[
        "diff",
        &path.display().to_string(),
        &fixture("catalogs/older.yaml"),
    ]);
    let _ = std::fs::remove_file(&path);
    assert_eq!(code(&output), Some(1));
    assert!(stderr(&output).contains("error"), "{}", stderr(&output));
}
