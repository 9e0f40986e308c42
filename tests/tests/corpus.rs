//! The catalog corpus: small catalogs under `corpus/`, each stating in its header the exact
//! diagnostics eventcat must report for it.
//!
//! - `corpus/broken/`: one mistake per file; the catalog is refused.
//! - `corpus/lints/`: the catalog loads, with the stated warnings.
//! - `corpus/ok/`: the catalog loads with no diagnostic at all, or (a recursive type's
//!   `payload-depth`) with the stated warnings only; `generator-check` compiles each.
//!
//! A header line reads `# expect: <severity> <code> <line>:<column> <message substring>`, one per
//! diagnostic; a file that must load cleanly says `# expect: ok`.

use std::fmt::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use eventcat_codegen::{Diagnostic, LoadError, Report, Severity};

/// One expected diagnostic.
#[derive(Debug)]
struct Expected {
    severity: Severity,
    code: String,
    line: u32,
    column: u32,
    message: String,
}

impl Expected {
    fn matches(&self, diagnostic: &Diagnostic) -> bool {
        self.severity == diagnostic.severity
            && self.code == diagnostic.code
            && self.line == diagnostic.location.line
            && self.column == diagnostic.location.column
            && diagnostic.message.contains(&self.message)
    }
}

/// What a corpus directory requires of its files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Broken,
    Lints,
    Ok,
}

impl Kind {
    fn dir(self) -> &'static str {
        match self {
            Kind::Broken => "broken",
            Kind::Lints => "lints",
            Kind::Ok => "ok",
        }
    }
}

fn corpus_dir(kind: Kind) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(kind.dir())
}

/// Every file of a corpus directory, sorted by name.
fn corpus_files(kind: Kind) -> Vec<PathBuf> {
    let dir = corpus_dir(kind);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .collect();
    files.sort();
    files
}

/// The `# expect:` lines of a file; `None` for `# expect: ok`.
fn expectations(text: &str) -> Result<Option<Vec<Expected>>, String> {
    let mut expected = Vec::new();
    let mut ok = false;
    for line in text.lines() {
        let Some(spec) = line.strip_prefix("# expect:") else {
            continue;
        };
        let spec = spec.trim();
        if spec == "ok" {
            ok = true;
            continue;
        }
        let mut parts = spec.splitn(4, ' ');
        let (Some(severity), Some(code), Some(location), Some(message)) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(format!("malformed expectation `{line}`"));
        };
        let severity = match severity {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            other => return Err(format!("unknown severity `{other}` in `{line}`")),
        };
        let (line_no, column) = location
            .split_once(':')
            .and_then(|(l, c)| Some((l.parse().ok()?, c.parse().ok()?)))
            .ok_or_else(|| format!("malformed location `{location}` in `{line}`"))?;
        if message.trim().is_empty() {
            return Err(format!("no message substring in `{line}`"));
        }
        expected.push(Expected {
            severity,
            code: code.to_owned(),
            line: line_no,
            column,
            message: message.trim().to_owned(),
        });
    }
    match (ok, expected.is_empty()) {
        (true, true) => Ok(None),
        (true, false) => Err("`# expect: ok` together with expected diagnostics".to_owned()),
        (false, true) => Err("no `# expect:` line".to_owned()),
        (false, false) => Ok(Some(expected)),
    }
}

/// Loads one corpus file and checks it; the error says everything that is wrong.
fn check_file(kind: Kind, path: &Path) -> Result<(), String> {
    let file_name = path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or("file name is not UTF-8")?;
    if !file_name.ends_with(".yaml") {
        return Err("corpus files must end in .yaml".to_owned());
    }
    let name = format!("{}/{file_name}", kind.dir());
    let text = std::fs::read_to_string(path).map_err(|err| format!("cannot read: {err}"))?;
    let expected = expectations(&text)?;

    let loaded = catch_unwind(AssertUnwindSafe(|| {
        let result = eventcat_codegen::load_str(&name, &text);
        // The annotated rendering must not panic either.
        let rendered = match &result {
            Ok(loaded) => loaded.report.render(false),
            Err(LoadError::Invalid(report)) => report.render(false),
            Err(_) => String::new(),
        };
        (result, rendered)
    }))
    .map_err(|_| "loading the catalog panicked".to_owned())?;
    let (result, rendered) = loaded;

    let (report, refused): (Report, bool) = match result {
        Ok(loaded) => (loaded.report, false),
        Err(LoadError::Invalid(report)) => (report, true),
        Err(err) => return Err(format!("unexpected load error: {err}")),
    };
    let mut problems = String::new();
    match kind {
        Kind::Broken if !refused => problems.push_str("the catalog loaded but must be refused\n"),
        Kind::Lints | Kind::Ok if refused => {
            problems.push_str("the catalog was refused but must load\n");
        }
        _ => {}
    }
    match (kind, &expected) {
        (Kind::Ok, Some(e)) if e.iter().any(|e| e.code != "payload-depth") => {
            problems.push_str(
                "files under ok/ must say `# expect: ok` or expect `payload-depth` only\n",
            );
        }
        (Kind::Broken | Kind::Lints, None) => {
            problems.push_str("only files under ok/ may say `# expect: ok`\n");
        }
        (Kind::Broken, Some(e)) if !e.iter().any(|e| e.severity == Severity::Error) => {
            problems.push_str("a broken catalog must expect at least one error\n");
        }
        (Kind::Lints, Some(e)) if e.iter().any(|e| e.severity == Severity::Error) => {
            problems.push_str("a lint case must expect warnings only\n");
        }
        _ => {}
    }

    // Match actual against expected diagnostics: exactly the expected set, no more, no fewer.
    let mut expected = expected.unwrap_or_default();
    let mut unexpected = Vec::new();
    for diagnostic in &report.diagnostics {
        match expected.iter().position(|e| e.matches(diagnostic)) {
            Some(i) => {
                expected.remove(i);
            }
            None => unexpected.push(diagnostic),
        }
    }
    for e in &expected {
        let _ = writeln!(
            problems,
            "missing: {:?} {} {}:{} containing `{}`",
            e.severity, e.code, e.line, e.column, e.message
        );
    }
    for d in &unexpected {
        let _ = writeln!(
            problems,
            "unexpected: {:?} {} {}: {}",
            d.severity, d.code, d.location, d.message
        );
    }

    // The one-line form (`path:line:col: severity[code]: message`) and the annotated form both
    // name every diagnostic's place.
    let one_line = report.to_string();
    if one_line.lines().count() != report.diagnostics.len() {
        problems.push_str("the one-line rendering must have one line per diagnostic\n");
    }
    for d in &report.diagnostics {
        let severity = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let place = format!("{name}:{}:{}", d.location.line, d.location.column);
        let head = format!("{place}: {severity}[{}]: {}", d.code, d.message);
        if !one_line.lines().any(|l| l == head) {
            let _ = writeln!(problems, "one-line rendering lacks `{head}`:\n{one_line}");
        }
        if !rendered.contains(&format!("--> {place}\n")) {
            let _ = writeln!(problems, "annotated rendering lacks `{place}`:\n{rendered}");
        }
    }

    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Checks every file of one corpus directory and fails with all problems at once.
fn check_corpus(kind: Kind) -> usize {
    let files = corpus_files(kind);
    let mut failures = String::new();
    for path in &files {
        if let Err(problems) = check_file(kind, path) {
            let _ = writeln!(failures, "{}:\n{problems}", path.display());
        }
    }
    assert!(failures.is_empty(), "corpus failures:\n\n{failures}");
    files.len()
}

#[test]
fn broken_catalogs_report_exactly_their_errors() {
    let count = check_corpus(Kind::Broken);
    assert!(count >= 30, "the broken corpus has only {count} files");
}

#[test]
fn lint_catalogs_load_with_exactly_their_warnings() {
    let count = check_corpus(Kind::Lints);
    assert!(count >= 7, "the lint corpus has only {count} files");
}

#[test]
fn ok_catalogs_load_cleanly() {
    let count = check_corpus(Kind::Ok);
    assert!(count >= 3, "the ok corpus has only {count} files");
}

#[test]
fn corpus_covers_every_check() {
    let mut codes = std::collections::BTreeSet::new();
    for kind in [Kind::Broken, Kind::Lints] {
        for path in corpus_files(kind) {
            let text = std::fs::read_to_string(&path).expect("corpus file");
            for e in expectations(&text).ok().flatten().unwrap_or_default() {
                codes.insert(e.code);
            }
        }
    }
    for code in [
        "yaml",
        "unknown-key",
        "duplicate-key",
        "duplicate-event",
        "event-name",
        "unknown-product",
        "product-id",
        "date",
        "no-schema-version",
        "schema-version",
        "schema-version-major",
        "schema-version-order",
        "payload",
        "payload-type",
        "reserved-field",
        "type-name",
        "unknown-type",
        "recursive-type",
        "shape",
        "misplaced-key",
        "const-kind",
        "enum",
        "one-of",
        "default",
        "rust-name",
        "rust-name-collision",
        "name-collision",
        "too-many-versions",
        "item-bounds-not-array",
        "item-bounds-value",
        "item-bounds-order",
        "item-bounds-nested",
        "deprecated-before-active",
        "sunset-before-deprecated",
        "sunset-before-active",
        "active-with-deprecation-date",
        "deprecated-without-date",
        "deprecated-without-sunset",
        "newer-active-before-older",
        "limit",
    ] {
        assert!(codes.contains(code), "no corpus file expects `{code}`");
    }
}

#[test]
fn expectation_parser_rejects_malformed_headers() {
    assert!(expectations("products: {}\n").is_err());
    assert!(expectations("# expect: error code 1:1\n").is_err());
    assert!(expectations("# expect: fatal code 1:1 message\n").is_err());
    assert!(expectations("# expect: error code 1-1 message\n").is_err());
    assert!(expectations("# expect: ok\n# expect: error code 1:1 message\n").is_err());
    let parsed = expectations("# expect: warning some-code 12:14 a `message`\n")
        .expect("well-formed")
        .expect("not ok");
    assert_eq!(parsed.len(), 1);
    assert_eq!(parsed[0].severity, Severity::Warning);
    assert_eq!(parsed[0].code, "some-code");
    assert_eq!((parsed[0].line, parsed[0].column), (12, 14));
    assert_eq!(parsed[0].message, "a `message`");
}

/// `\n`, `\r\n` and a lone `\r` are each one line break: every broken catalog reports the same
/// diagnostics at the same lines and columns whichever its files use.
#[test]
fn line_ends_do_not_move_diagnostics() {
    let located = |text: &str| -> Vec<(String, u32, u32)> {
        match eventcat_codegen::load_str("line-ends.yaml", text) {
            Err(LoadError::Invalid(report)) => report
                .diagnostics
                .iter()
                .map(|d| (d.code.to_owned(), d.location.line, d.location.column))
                .collect(),
            other => panic!("a broken catalog must be refused, got {other:?}"),
        }
    };
    let mut failures = String::new();
    for path in corpus_files(Kind::Broken) {
        let text = std::fs::read_to_string(&path).expect("corpus file");
        let expected = located(&text);
        for (ends, converted) in [
            ("CRLF", text.replace('\n', "\r\n")),
            ("CR", text.replace('\n', "\r")),
        ] {
            let actual = located(&converted);
            if actual != expected {
                let _ = writeln!(
                    failures,
                    "{} with {ends} line ends: {actual:?}, with LF: {expected:?}",
                    path.display()
                );
            }
        }
    }
    assert!(failures.is_empty(), "{failures}");
}
