//! Generates the code of every catalog under `corpus/ok/` as the CLI and build.rs render it, so
//! that the library compiles each under `#![deny(warnings)]` (and CI runs clippy on it with
//! `-D warnings`): the pretty-printed text, not only the derive's tokens, must be clean.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    if let Err(err) = generate_corpus() {
        eprintln!("{err}");
        std::process::exit(1);
    }
}

fn generate_corpus() -> Result<(), String> {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").map_err(|err| err.to_string())?;
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").map_err(|err| err.to_string())?);
    let dir = Path::new(&manifest).join("corpus").join("ok");
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|err| format!("cannot read {}: {err}", dir.display()))?
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
            .ok_or_else(|| format!("{}: file name is not UTF-8", path.display()))?;
        let text = std::fs::read_to_string(&path)
            .map_err(|err| format!("cannot read {}: {err}", path.display()))?;
        let name = format!("corpus/ok/{stem}.yaml");
        let source = eventcat_codegen::generate_source(&name, &text, &Default::default())
            .map_err(|err| format!("{name} does not generate:\n{err}"))?;
        let file = out_dir.join(format!("{stem}.rs"));
        std::fs::write(&file, source)
            .map_err(|err| format!("cannot write {}: {err}", file.display()))?;
        let module = stem.replace('-', "_");
        let _ = writeln!(
            modules,
            "/// The code generated from `{name}`.\npub mod {module} {{\n    \
             include!(concat!(env!(\"OUT_DIR\"), \"/{stem}.rs\"));\n}}\n"
        );
    }
    let index = out_dir.join("corpus_ok.rs");
    std::fs::write(&index, modules)
        .map_err(|err| format!("cannot write {}: {err}", index.display()))
}
