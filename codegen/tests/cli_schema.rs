//! The `eventcat schema` command: the files it writes with `-o`, the AsyncAPI document it
//! prints without, and its errors.
#![cfg(feature = "cli")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use eventcat_codegen::schema::{self, ASYNCAPI_FILE};

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
    let doc: serde_json::Value = serde_json::from_str(&printed).expect("JSON");
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
    assert!(
        err.contains("error[unknown-product]: unknown product `agent-workspac`"),
        "{err}"
    );
    assert!(err.contains(&format!("--> {path}:7:14")), "{err}");
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
