//! Random broken catalogs: valid catalogs (random ones from [`catalog_gen`] and the `ok/`
//! corpus) mutated by deleting, duplicating and retyping keys, bad dates and names, truncation,
//! byte edits and YAML syntax breaks. For each, loading and generating must not panic; a refused
//! catalog's every error must stand at a line and column inside the file, and its rendered report
//! must name the file.
//!
//! The runner's seed is fixed, so every run checks the same catalogs (300 of them; set
//! `EVENTCAT_BROKEN_CASES` for more). A failing catalog is
//! written to `$CARGO_TARGET_TMPDIR/broken-catalogs/` for a closer look.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use eventcat_codegen::{GenerateError, LoadError, Options, Report};
use eventcat_generator_check::catalog_gen::{self, Features, Rng};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};

/// The path the catalogs go by in diagnostics.
const PATH: &str = "mutated/catalog.yaml";

/// The `ok/` corpus of the `eventcat-tests` crate: small valid catalogs with every shape.
fn corpus() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus/ok");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|path| std::fs::read_to_string(path).expect("a corpus file"))
        .collect()
}

/// One edit of the catalog text.
#[derive(Debug, Clone, Copy)]
enum Mutation {
    DeleteLine,
    DuplicateLine,
    Retype,
    BadDate,
    BadName,
    Truncate,
    ByteEdit,
    SyntaxBreak,
    LineEndings,
    Indent,
}

const MUTATIONS: [Mutation; 10] = [
    Mutation::DeleteLine,
    Mutation::DuplicateLine,
    Mutation::Retype,
    Mutation::BadDate,
    Mutation::BadName,
    Mutation::Truncate,
    Mutation::ByteEdit,
    Mutation::SyntaxBreak,
    Mutation::LineEndings,
    Mutation::Indent,
];

/// The byte offset of a char boundary near `at` (taken modulo the length, plus one).
fn boundary(text: &str, at: u64) -> usize {
    let mut i = (at % (text.len() as u64 + 1)) as usize;
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The byte range of one line (without its newline), picked by `at`.
fn line_range(text: &str, at: u64) -> std::ops::Range<usize> {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .filter(|&i| i <= text.len())
        .collect();
    let start = starts[(at % starts.len() as u64) as usize];
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    start..end
}

/// The value after the first `: ` of a line, as a byte range.
fn value_range(text: &str, line: std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
    let colon = text[line.clone()].find(": ")?;
    Some(line.start + colon + 2..line.end)
}

fn apply(text: &mut String, mutation: Mutation, at: u64, pick: u64) {
    let mut rng = Rng::new(pick, at);
    match mutation {
        Mutation::DeleteLine => {
            let line = line_range(text, at);
            let end = (line.end + 1).min(text.len());
            text.replace_range(line.start..end, "");
        }
        Mutation::DuplicateLine => {
            let line = line_range(text, at);
            let copy = format!("{}\n", &text[line.clone()]);
            text.insert_str(line.start, &copy);
        }
        Mutation::Retype => {
            let line = line_range(text, at);
            if let Some(value) = value_range(text, line) {
                let new = rng.pick(&[
                    "[]",
                    "{}",
                    "7",
                    "-1",
                    "1.5",
                    "true",
                    "null",
                    "~",
                    "\"x\"",
                    "[a, b]",
                    "{ type: string }",
                    "18446744073709551615",
                    "99999999999999999999999",
                    ".nan",
                    "!!binary aGk=",
                    "yes",
                ]);
                text.replace_range(value, new);
            }
        }
        Mutation::BadDate => {
            let dates: Vec<std::ops::Range<usize>> = text
                .match_indices("_date")
                .filter_map(|(i, _)| {
                    let end = text[i..].find('\n').map_or(text.len(), |n| i + n);
                    value_range(text, i..end)
                })
                .collect();
            if !dates.is_empty() {
                let range = dates[(at % dates.len() as u64) as usize].clone();
                let (start, end) = (range.start, range.end);
                let new = rng.pick(&[
                    "2025-02-30",
                    "-001-01-01",
                    "2025-1-1",
                    "8 September 2025",
                    "2025-13-01",
                    "0000-00-00",
                    "99999-01-01",
                    "2025-09-08T00:00:00Z",
                    "",
                    "\"\"",
                    "2025-09-08 # comment",
                ]);
                text.replace_range(start..end, new);
            }
        }
        Mutation::BadName => {
            let mut names = vec![
                "\"\"",
                "_",
                "-",
                "self",
                "Self",
                "super",
                "crate",
                "a b",
                "a-b",
                "a_b",
                "A",
                "type",
                "\"r#a\"",
                "Wire",
                "D",
                "schemaVersion",
                "schema_version",
                "CatalogEntry",
                "DecodeError",
                "x-v0",
                "x-v01",
                "X-v1",
                "x_v1",
                "x-v1",
                "v1",
                "\"\\u202E\"",
                "\"a\\rb\"",
                "\"tab\\there\"",
            ];
            // Names that made eventcat panic before it checked them (a product `1p`, a field
            // `x²`, an enum value `½`).
            names.extend(["1p", "0", "x²", "½", "😀", "café"]);
            let new = rng.pick(&names);
            let line = line_range(text, at);
            let content = &text[line.clone()];
            let indent = content.len() - content.trim_start().len();
            let dash = usize::from(content[indent..].starts_with("- ")) * 2;
            let key_start = line.start + indent + dash;
            match text[key_start..line.end].find(':') {
                // Rename the key or replace the value, as `pick` says.
                Some(colon) if rng.percent(50) => {
                    text.replace_range(key_start..key_start + colon, new);
                }
                _ => {
                    if let Some(value) = value_range(text, line) {
                        text.replace_range(value, new);
                    }
                }
            }
        }
        Mutation::Truncate => {
            let at = boundary(text, at);
            text.truncate(at);
        }
        Mutation::ByteEdit => {
            let at = boundary(text, at);
            let c = rng.pick(&[
                ':', '-', '[', ']', '{', '}', '"', '\'', '&', '*', '!', '|', '>', '#', '\t', '\r',
                '\n', ' ', ',', '?', '%', '@', '`', '\\', '\u{0}', '\u{7f}', '\u{85}', '\u{feff}',
                '\u{202e}', 'é', '²', '😀', 'a', '0',
            ]);
            if rng.percent(50) && at < text.len() {
                let len = text[at..].chars().next().map_or(0, char::len_utf8);
                text.replace_range(at..at + len, c.encode_utf8(&mut [0; 4]));
            } else {
                text.insert(at, c);
            }
        }
        Mutation::SyntaxBreak => {
            let at = boundary(text, at);
            let new = rng.pick(&[
                "[",
                "{",
                "]",
                "}",
                "\"",
                "'",
                "&a ",
                "*a",
                "*nothing ",
                "? ",
                "\n---\n",
                "\n...\n",
                "%YAML 1.2\n",
                "!!map ",
                "<<: *a\n",
                "\t",
                "key: value: more",
                "- \n",
                "{a: [}",
                "&a [*a]",
            ]);
            text.insert_str(at, new);
        }
        Mutation::LineEndings => {
            let ending = rng.pick(&["\r", "\r\n", "\u{2028}", "\u{85}"]);
            *text = text.replace('\n', ending);
        }
        Mutation::Indent => {
            let line = line_range(text, at);
            if rng.percent(50) {
                text.insert_str(line.start, rng.pick(&[" ", "   ", "\t"]));
            } else if text[line.clone()].starts_with(' ') {
                text.remove(line.start);
            }
        }
    }
}

/// Every error of `report` stands inside the file, and the rendering names the file.
fn check_report(report: &Report, text: &str, stage: &str) -> Result<(), String> {
    if report.path != PATH {
        return Err(format!("{stage}: the report names `{}`", report.path));
    }
    // Lines as YAML counts them: a line break is LF, CRLF or a lone CR.
    let lines: Vec<&str> = text
        .split("\r\n")
        .flat_map(|l| l.split(['\n', '\r']))
        .collect();
    for d in report.errors() {
        let (line, column) = (d.location.line, d.location.column);
        let ok = line >= 1 && column >= 1 && (line as usize) <= lines.len() && {
            // One past the line's last character stands for its end (a missing value).
            let chars = lines[line as usize - 1].chars().count();
            column as usize <= chars + 1
        };
        if !ok {
            return Err(format!(
                "{stage}: error[{}] `{}` at {line}:{column}, outside the file ({} lines)",
                d.code,
                d.message,
                lines.len()
            ));
        }
    }
    let rendered = report.render(false);
    if report.has_errors() && !rendered.contains(PATH) {
        return Err(format!(
            "{stage}: the rendered report does not name {PATH}:\n{rendered}"
        ));
    }
    if report.has_errors() && !report.to_string().contains(PATH) {
        return Err(format!("{stage}: the one-line report does not name {PATH}"));
    }
    Ok(())
}

/// Loads and generates `text`; `Err` says what went wrong.
fn check(text: &str) -> Result<(), String> {
    let outcome = catch_unwind(AssertUnwindSafe(|| -> Result<(), String> {
        match eventcat_codegen::load_str(PATH, text) {
            Err(LoadError::Invalid(report)) => {
                if !report.has_errors() {
                    return Err("refused without an error".to_owned());
                }
                check_report(&report, text, "load_str")
            }
            Err(err) => Err(format!("load_str: unexpected error: {err}")),
            Ok(loaded) => {
                check_report(&loaded.report, text, "load_str")?;
                let _ = loaded.report.render(false);
                match eventcat_codegen::generate_source(PATH, text, &Options::default()) {
                    Ok(_) => Ok(()),
                    Err(GenerateError::Load(LoadError::Invalid(report))) => {
                        check_report(&report, text, "generate")
                    }
                    Err(err) => Err(format!("generate: {err}")),
                }
            }
        }
    }));
    match outcome {
        Ok(result) => result,
        Err(panic) => Err(format!(
            "panicked: {}",
            panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("(no message)")
        )),
    }
}

#[test]
fn broken_catalogs_are_refused_with_located_errors_and_no_panic() {
    let bases: Vec<String> = corpus();
    let failures = Path::new(env!("CARGO_TARGET_TMPDIR")).join("broken-catalogs");
    // `EVENTCAT_BROKEN_CASES` runs more cases locally; CI runs 300 (a few seconds).
    let cases = std::env::var("EVENTCAT_BROKEN_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300);
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let strategy = (
        any::<u64>(),
        prop::collection::vec((0..MUTATIONS.len(), any::<u64>(), any::<u64>()), 1..4),
    );
    // Panics are caught and reported as failures; keep their messages off the test output.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = runner.run(&strategy, |(base, mutations)| {
        let mut text = match base % 3 {
            0 => bases[(base / 3 % bases.len() as u64) as usize].clone(),
            _ => catalog_gen::catalog(base, 0, &Features::CI),
        };
        for (kind, at, pick) in &mutations {
            apply(&mut text, MUTATIONS[*kind], *at, *pick);
        }
        check(&text).map_err(|problem| {
            let _ = std::fs::create_dir_all(&failures);
            let file = failures.join("last-failure.yaml");
            let _ = std::fs::write(&file, &text);
            TestCaseError::fail(format!("{problem}\n(the catalog is in {})", file.display()))
        })
    });
    std::panic::set_hook(hook);
    if let Err(err) = result {
        panic!("{err}");
    }
}

#[test]
fn mutations_change_the_text() {
    let base = catalog_gen::catalog(1, 0, &Features::CI);
    for (i, mutation) in MUTATIONS.iter().enumerate() {
        let mut changed = 0;
        for at in 0..20u64 {
            let mut text = base.clone();
            apply(&mut text, *mutation, at * 7919 + i as u64, at);
            changed += usize::from(text != base);
        }
        assert!(changed > 0, "{mutation:?} never changes the catalog");
    }
}
