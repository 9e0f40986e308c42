//! Makes the random catalogs of [`catalog_gen`], keeps those eventcat accepts, and writes the
//! code generated from each to `$OUT_DIR/generated/NNN.rs` for `src/lib.rs` to compile, each in
//! a module of its own. Every catalog is also written to `$OUT_DIR/catalogs/NNN.yaml`; what
//! happened to each is summed up in `$OUT_DIR/summary.rs` for the tests.
//!
//! A catalog the validator accepts but the generator then refuses or panics on is not compiled;
//! the test `tests/accepted.rs` fails on it and names its file. Generated code that does not
//! compile fails this crate's build at `$OUT_DIR/generated/NNN.rs`, whose first lines are the
//! catalog it came from.
//!
//! `EVENTCAT_GENCHECK_SEED`, `EVENTCAT_GENCHECK_COUNT` and `EVENTCAT_GENCHECK_FEATURES` (`all`,
//! or a list of feature names: see `src/catalog_gen.rs`) change the run, for local exploration.

#[allow(dead_code)]
#[path = "src/catalog_gen.rs"]
mod catalog_gen;

#[path = "../codegen/tests/shared/scaled.rs"]
mod scaled;

use std::fmt::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use catalog_gen::Features;

/// What became of one catalog.
enum Verdict {
    /// Accepted, and its code generated.
    Generated,
    /// Refused by `load_str`, with this many errors.
    Refused,
    /// Accepted by `load_str`, then refused or failed by `generate_source`.
    GenerateFailed(String),
    /// `load_str` or `generate_source` panicked.
    Panicked(String),
}

fn env_parse<T: std::str::FromStr>(name: &str, default: T) -> T {
    println!("cargo::rerun-if-env-changed={name}");
    match std::env::var(name) {
        Ok(text) => match parse_number(&text) {
            Some(value) => value,
            None => panic!("{name}: cannot parse `{text}`"),
        },
        Err(_) => default,
    }
}

fn parse_number<T: std::str::FromStr>(text: &str) -> Option<T> {
    let text = text.trim();
    match text.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16)
            .ok()
            .and_then(|n| n.to_string().parse().ok()),
        None => text.parse().ok(),
    }
}

fn main() {
    println!("cargo::rerun-if-changed=src/catalog_gen.rs");
    println!("cargo::rerun-if-changed=build.rs");
    let seed: u64 = env_parse("EVENTCAT_GENCHECK_SEED", catalog_gen::DEFAULT_SEED);
    let count: u64 = env_parse("EVENTCAT_GENCHECK_COUNT", catalog_gen::DEFAULT_COUNT);
    println!("cargo::rerun-if-env-changed=EVENTCAT_GENCHECK_FEATURES");
    let features = match std::env::var("EVENTCAT_GENCHECK_FEATURES") {
        Ok(spec) => Features::parse(&spec).unwrap_or_else(|err| panic!("{err}")),
        Err(_) => Features::CI,
    };

    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    let catalogs_dir = out.join("catalogs");
    let generated_dir = out.join("generated");
    for dir in [&catalogs_dir, &generated_dir] {
        let _ = std::fs::remove_dir_all(dir);
        std::fs::create_dir_all(dir).expect("create an output directory");
    }

    // Panics are caught and counted; keep their messages off the build output.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));

    let mut modules = String::new();
    let mut verdicts = Vec::new();
    for index in 0..count {
        let text = catalog_gen::catalog(seed, index, &features);
        let name = format!("{index:03}");
        let catalog_path = catalogs_dir.join(format!("{name}.yaml"));
        write(&catalog_path, &text);
        let verdict = run_one(&name, &text, &generated_dir, &mut modules);
        verdicts.push((name, catalog_path, verdict));
    }
    std::panic::set_hook(default_hook);

    // Each module's catalog table, to compare with the catalog at run time.
    let _ = writeln!(
        modules,
        "/// Each generated module's name and its number of `CatalogEntry::ALL` entries.\npub const ENTRY_COUNTS: &[(&str, usize)] = &["
    );
    for (name, _, verdict) in &verdicts {
        if matches!(verdict, Verdict::Generated) {
            let _ = writeln!(
                modules,
                "    (\"{name}\", c{name}::CatalogEntry::ALL.len()),"
            );
        }
    }
    modules.push_str("];\n");
    write(&out.join("modules.rs"), &modules);
    write(
        &out.join("summary.rs"),
        &summary(seed, &features, &verdicts),
    );
    write(&out.join("corpus_ok.rs"), &render_corpus_ok(&out));
}

/// Renders every catalog of `tests/corpus/ok/` as `eventcat generate` does, to
/// `$OUT_DIR/corpus_ok/<name>.rs`, and returns the modules that include them. These are the
/// hand-written odd catalogs (non-ASCII names, prereleases, recursive aliases, one direction
/// only); a catalog there that does not generate fails the build with its diagnostics.
fn render_corpus_ok(out: &Path) -> String {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus/ok");
    println!("cargo::rerun-if-changed={}", corpus.display());
    let rendered = out.join("corpus_ok");
    std::fs::create_dir_all(&rendered).expect("create an output directory");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", corpus.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    paths.sort();
    let mut modules = String::new();
    for path in paths {
        println!("cargo::rerun-if-changed={}", path.display());
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_else(|| panic!("{}: file name is not UTF-8", path.display()));
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
        let name = format!("corpus/ok/{stem}.yaml");
        let module = stem.replace('-', "_");
        let options = eventcat_codegen::Options::default();
        render_one(&rendered, &name, &text, &options, &module, &mut modules);
        // Every shape once more with redacted `Debug`, whose impls the plain code does not have.
        if stem == "every-shape" {
            let options = options.redacted_debug();
            let module = format!("{module}_redacted_debug");
            render_one(&rendered, &name, &text, &options, &module, &mut modules);
        }
    }
    // A catalog twice today's, its events copied under new names: the limits are set for
    // ten (`codegen/tests/limits.rs`), measured in release; two compile here in every run.
    let name = "catalog.yaml, its events twice";
    let text = scaled::scaled_catalog(2);
    let options = eventcat_codegen::Options::default();
    render_one(&rendered, name, &text, &options, "scaled_two", &mut modules);
    modules
}

/// Renders one catalog with `options` to `$OUT_DIR/corpus_ok/<module>.rs`, and adds the module
/// that includes it to `modules`.
fn render_one(
    rendered: &Path,
    name: &str,
    text: &str,
    options: &eventcat_codegen::Options,
    module: &str,
    modules: &mut String,
) {
    let code = eventcat_codegen::generate_source(name, text, options)
        .unwrap_or_else(|err| panic!("{name} does not generate:\n{err}"));
    write(&rendered.join(format!("{module}.rs")), &code);
    let _ = writeln!(
        modules,
        "/// The code generated from `{name}`.\npub mod {module} {{\n    \
         include!(concat!(env!(\"OUT_DIR\"), \"/corpus_ok/{module}.rs\"));\n}}"
    );
}

fn run_one(name: &str, text: &str, generated_dir: &Path, modules: &mut String) -> Verdict {
    let path = format!("{name}.yaml");
    let options = eventcat_codegen::Options::default();
    let result = catch_unwind(AssertUnwindSafe(|| {
        match eventcat_codegen::load_str(&path, text) {
            Err(eventcat_codegen::LoadError::Invalid(report)) if report.has_errors() => {
                return Ok(None);
            }
            Err(err) => return Err(format!("load_str: {err}")),
            Ok(_) => {}
        }
        eventcat_codegen::generate_source(&path, text, &options)
            .map(Some)
            .map_err(|err| format!("generate_source refused what load_str accepted:\n{err}"))
    }));
    match result {
        Ok(Ok(None)) => Verdict::Refused,
        Ok(Ok(Some(code))) => {
            let mut file = String::new();
            let _ = writeln!(file, "// The catalog:");
            for line in text.lines() {
                let _ = writeln!(file, "// {}", comment_safe(line));
            }
            file.push('\n');
            file.push_str(&code);
            write(&generated_dir.join(format!("{name}.rs")), &file);
            let _ = writeln!(
                modules,
                "/// The code generated from catalog {name}.\npub mod c{name} {{\n    include!(concat!(env!(\"OUT_DIR\"), \"/generated/{name}.rs\"));\n}}"
            );
            Verdict::Generated
        }
        Ok(Err(message)) => Verdict::GenerateFailed(message),
        Err(panic) => Verdict::Panicked(panic_message(panic.as_ref())),
    }
}

/// `line` with every character that is not a letter, digit, punctuation or space escaped
/// (`\u{202e}`), so that the comment holds no control or bidi character of its own.
fn comment_safe(line: &str) -> String {
    line.chars()
        .map(|c| {
            if c == ' ' || c.is_ascii_graphic() || (!c.is_ascii() && c.is_alphanumeric()) {
                c.to_string()
            } else {
                c.escape_unicode().to_string()
            }
        })
        .collect()
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(text) = panic.downcast_ref::<&str>() {
        (*text).to_owned()
    } else if let Some(text) = panic.downcast_ref::<String>() {
        text.clone()
    } else {
        "a panic without a message".to_owned()
    }
}

fn summary(seed: u64, features: &Features, verdicts: &[(String, PathBuf, Verdict)]) -> String {
    let count = |f: fn(&Verdict) -> bool| verdicts.iter().filter(|(_, _, v)| f(v)).count();
    let generated = count(|v| matches!(v, Verdict::Generated));
    let refused = count(|v| matches!(v, Verdict::Refused));
    let mut failures = String::new();
    for (name, path, verdict) in verdicts {
        let (what, message) = match verdict {
            Verdict::GenerateFailed(message) => ("generation failed", message),
            Verdict::Panicked(message) => ("panicked", message),
            _ => continue,
        };
        let _ = writeln!(
            failures,
            "catalog {name} ({}): {what}: {message}\n",
            path.display()
        );
    }
    let failed = verdicts.len() - generated - refused;
    format!(
        "/// The seed of this build's catalogs.\npub static SEED: u64 = {seed};\n\
         /// The hostile features this build's catalogs use.\npub static FEATURES: &str = {:?};\n\
         /// How many catalogs were made.\npub static MADE: usize = {};\n\
         /// How many were accepted and compiled here.\npub static GENERATED: usize = {generated};\n\
         /// How many the validator refused.\npub static REFUSED: usize = {refused};\n\
         /// How many were accepted but not generated (refused by the generator, or a panic).\npub static FAILED: usize = {failed};\n\
         /// Each failure: the catalog's file and what went wrong.\npub static FAILURES: &str = {:?};\n",
        features.describe(),
        verdicts.len(),
        failures
    )
}

fn write(path: &Path, text: &str) {
    // Rewrite only on change, so that an unchanged run does not recompile the crate.
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return;
    }
    std::fs::write(path, text)
        .unwrap_or_else(|err| panic!("cannot write {}: {err}", path.display()));
}
