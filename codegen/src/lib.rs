//! eventcat's core: load an 8x8 partner-event catalog, validate it, and generate typed Rust.
//!
//! Data flows one way: [`catalog`] (the file as written) -> [`validate`] (errors and lints) ->
//! [`model`] (the checked catalog) -> [`plan`] (names, conversions, lifecycle) -> `emit` (tokens)
//! -> [`render`] (pretty-printed text). The derive, build.rs and the CLI all call [`generate`].

mod builder;
pub mod catalog;
pub mod diagnostic;
#[cfg(feature = "cli")]
pub mod diff;
mod emit;
#[cfg(feature = "cli")]
pub mod import;
pub mod listing;
pub mod model;
#[cfg(feature = "cli")]
pub mod outcome;
#[cfg(feature = "cli")]
pub mod page;
pub mod plan;
pub mod render;
/// The catalog for tools outside Rust: JSON Schemas and an AsyncAPI document (`eventcat schema`).
pub mod schema;
pub mod select;
pub mod validate;

use std::path::Path;

pub use builder::{BuildError, Builder};
pub use diagnostic::{Diagnostic, Location, Report, Severity};
pub use model::Catalog;
pub use select::{FrontEnd, Options, SunsetPolicy};

/// The catalog bundled with eventcat: every event 8x8 publishes.
pub const BUNDLED_CATALOG: &str = include_str!("../catalog.yaml");

/// The name the bundled catalog goes by in diagnostics.
pub const BUNDLED_CATALOG_NAME: &str = "catalog.yaml";

/// A catalog that loaded, with its lints.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The checked catalog.
    pub catalog: Catalog,
    /// The lints (no errors).
    pub report: Report,
}

/// Why a catalog could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("cannot read catalog {path}: {source}")]
    Read {
        /// The path as given.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The catalog has errors; the report lists them, and the lints, with locations.
    #[error("{0}")]
    Invalid(Report),
}

/// Loads and validates catalog text; `path` names it in diagnostics.
pub fn load_str(path: &str, source: &str) -> Result<Loaded, LoadError> {
    let report = |diagnostics| Report {
        path: path.to_owned(),
        source: source.to_owned(),
        diagnostics,
    };
    let options = serde_saphyr::options! {
        strict_booleans: true,
        with_snippet: false,
    };
    let file: catalog::CatalogFile = match serde_saphyr::from_str_with_options(source, options) {
        Ok(file) => file,
        Err(err) => return Err(LoadError::Invalid(report(vec![yaml_diagnostic(&err)]))),
    };
    let (catalog, diagnostics) = validate::validate(&file);
    match catalog {
        Some(catalog) => Ok(Loaded {
            catalog,
            report: report(diagnostics),
        }),
        None => Err(LoadError::Invalid(report(diagnostics))),
    }
}

/// Reads and validates the catalog at `path`.
pub fn load_file(path: &Path) -> Result<Loaded, LoadError> {
    let display = path.display().to_string();
    let source = std::fs::read_to_string(path).map_err(|source| LoadError::Read {
        path: display.clone(),
        source,
    })?;
    load_str(&display, &source)
}

/// Loads the bundled catalog.
pub fn load_bundled() -> Result<Loaded, LoadError> {
    load_str(BUNDLED_CATALOG_NAME, BUNDLED_CATALOG)
}

/// Why code could not be generated.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    /// The catalog could not be loaded, or its names clash; the report has locations.
    #[error("{0}")]
    Load(#[from] LoadError),
    /// The options do not fit the catalog.
    #[error("{0}")]
    Select(#[from] select::SelectError),
    /// The generated tokens did not form a Rust file (a bug in eventcat).
    #[error("generated code does not parse: {0}")]
    Render(String),
}

impl GenerateError {
    /// The message in the words of `front_end` (`--as-of`, `.as_of(...)` or `as_of = ...`).
    pub fn message(&self, front_end: FrontEnd) -> String {
        match self {
            GenerateError::Select(err) => err.message(front_end),
            other => other.to_string(),
        }
    }
}

/// The generated items for a loaded catalog and options: the one code path behind the derive,
/// the build.rs builder and `eventcat generate`.
pub fn generate(
    loaded: &Loaded,
    options: &Options,
) -> Result<proc_macro2::TokenStream, GenerateError> {
    let selected = select::select(&loaded.catalog, options)?;
    let plan = plan::plan(&selected).map_err(|diagnostics| {
        LoadError::Invalid(Report {
            diagnostics,
            ..loaded.report.clone()
        })
    })?;
    Ok(emit::emit(&plan))
}

/// The items of a catalog without events: the support types (`CatalogEntry`, `ReceivedEvent`,
/// `DecodeError`, ...) and nothing else. The derive emits them beside its error, so that a
/// failed expansion is reported once instead of as a cascade of unresolved names.
pub fn generate_empty() -> proc_macro2::TokenStream {
    let empty = Catalog {
        products: Default::default(),
        types: Vec::new(),
        events: Vec::new(),
    };
    plan::plan(&empty)
        .map(|plan| emit::emit(&plan))
        .unwrap_or_default()
}

/// Loads catalog text and renders the generated code as a pretty-printed Rust file.
pub fn generate_source(
    path: &str,
    source: &str,
    options: &Options,
) -> Result<String, GenerateError> {
    let loaded = load_str(path, source)?;
    let tokens = generate(&loaded, options)?;
    render::render(tokens, path).map_err(|err| GenerateError::Render(err.to_string()))
}

/// A YAML parse or shape error as a diagnostic.
fn yaml_diagnostic(err: &serde_saphyr::Error) -> Diagnostic {
    let location = err
        .location()
        .map(|l| Location::from_saphyr(&l))
        .unwrap_or(Location {
            line: 1,
            column: 1,
            bytes: None,
        });
    let options = serde_saphyr::render_options! {
        snippets: serde_saphyr::SnippetMode::Off,
    };
    let rendered = err.without_snippet().render_with_options(options);
    let mut message = strip_location_suffix(&rendered);
    // The parser's own wording suggests a parser option; say what is wrong in the file instead.
    if let Some(rest) = message.strip_prefix("duplicate mapping key") {
        let key = rest
            .split(", set DuplicateKeyPolicy")
            .next()
            .and_then(|k| k.strip_prefix(": "));
        message = match key {
            Some(key) => format!("duplicate key `{key}`: a key may appear only once in a mapping"),
            None => "duplicate key: a key may appear only once in a mapping".to_owned(),
        };
    }
    let code = if message.starts_with("unknown field") {
        "unknown-key"
    } else if message.contains("duplicate") {
        "duplicate-key"
    } else {
        "yaml"
    };
    Diagnostic::error(code, location, message)
}

/// The parser appends " at line L column C"; the diagnostic carries the location itself.
fn strip_location_suffix(message: &str) -> String {
    let message = message.trim();
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}
