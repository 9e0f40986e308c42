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
mod example;
pub mod hooks;
#[cfg(feature = "cli")]
pub mod import;
pub mod input;
pub mod limits;
pub mod listing;
pub mod model;
#[cfg(feature = "cli")]
pub mod page;
pub mod plan;
pub mod render;
/// The catalog for tools outside Rust: JSON Schemas and an AsyncAPI document (`eventcat schema`).
pub mod schema;
pub mod select;
pub mod validate;
mod yaml_error;

use std::path::Path;

pub use builder::{BuildError, Builder};
pub use diagnostic::{Diagnostic, Location, Report, Severity};
pub use model::Catalog;
pub use select::{FrontEnd, Options, SunsetPolicy};
use yaml_error::yaml_diagnostic;

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
///
/// Every error of this crate says its whole message in `Display`, and wrappers
/// (`GenerateError::Load`, `BuildError::Generate`) show the error they wrap: walking a chain
/// with `source()` never meets the same message twice.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// The file could not be read.
    #[error("cannot read catalog {path}: {error}")]
    Read {
        /// The path as given.
        path: String,
        /// The I/O error, which the message already says.
        error: std::io::Error,
    },
    /// The catalog has errors; the report lists them, and the lints, with locations.
    #[error("{0}")]
    Invalid(Report),
}

/// The deepest nesting of lists and mappings a catalog may have.
pub const MAX_DEPTH: usize = 64;

/// The most values (scalars, lists and mappings, aliases expanded) a catalog may have.
pub const MAX_NODES: usize = 8_000_000;

/// The most values aliases (`*name`) may expand to in one catalog, against alias bombs.
pub const MAX_ALIAS_EXPANSION: usize = 100_000;

/// The parser options every catalog is read with: strict booleans and the limits above.
pub(crate) fn yaml_options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = MAX_DEPTH;
    budget.max_nodes = MAX_NODES;
    budget.max_events = 2 * MAX_NODES;
    budget.max_aliases = MAX_ALIAS_EXPANSION;
    budget.max_recorded_anchor_events = MAX_ALIAS_EXPANSION;
    let alias_limits = serde_saphyr::alias_limits! {
        max_total_replayed_events: MAX_ALIAS_EXPANSION,
        max_replay_stack_depth: MAX_DEPTH,
    };
    serde_saphyr::options! {
        strict_booleans: true,
        with_snippet: false,
        budget: Some(budget),
        alias_limits: alias_limits,
    }
}

/// Loads and validates catalog text; `path` names it in diagnostics. A lone `\r` counts as a
/// line break, like `\n` and `\r\n` (see [`input::normalize_line_breaks`]).
pub fn load_str(path: &str, source: &str) -> Result<Loaded, LoadError> {
    let source = input::normalize_line_breaks(source);
    let report = |diagnostics| Report {
        path: path.to_owned(),
        source: source.clone().into_owned(),
        diagnostics,
    };
    let file: catalog::CatalogFile =
        match serde_saphyr::from_str_with_options(&source, yaml_options()) {
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

/// Reads the catalog file at `path` (see [`input`]: regular files of at most
/// [`input::MAX_INPUT_BYTES`], UTF-8); `name` names it in diagnostics. A file that is not
/// UTF-8 is an `encoding` error at the first invalid byte.
pub fn read_catalog(path: &Path, name: &str) -> Result<String, LoadError> {
    input::read_text(path, "catalog").map_err(|err| match err {
        input::ReadError::Io(error) => LoadError::Read {
            path: path.display().to_string(),
            error,
        },
        input::ReadError::NotUtf8(bad) => LoadError::Invalid(Report {
            path: name.to_owned(),
            source: input::normalize_line_breaks(&bad.lossy).into_owned(),
            diagnostics: vec![Diagnostic::error("encoding", bad.location, bad.message)],
        }),
    })
}

/// Reads and validates the catalog at `path`.
pub fn load_file(path: &Path) -> Result<Loaded, LoadError> {
    let display = path.display().to_string();
    let source = read_catalog(path, &display)?;
    load_str(&display, &source)
}

/// Loads the bundled catalog.
pub fn load_bundled() -> Result<Loaded, LoadError> {
    load_str(BUNDLED_CATALOG_NAME, BUNDLED_CATALOG)
}

/// Why code could not be generated.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GenerateError {
    /// The catalog could not be loaded, or its names clash; the report has locations.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The options do not fit the catalog.
    #[error(transparent)]
    Select(#[from] select::SelectError),
    /// A hook does not fit the catalog.
    #[error(transparent)]
    Hook(#[from] hooks::HookError),
    /// The generated tokens did not form a Rust file (a bug in eventcat).
    #[error("generated code does not parse: {0}")]
    Render(String),
}

impl GenerateError {
    /// The message in the words of `front_end` (`--as-of`, `.as_of(...)` or `as_of = ...`).
    pub fn message(&self, front_end: FrontEnd) -> String {
        match self {
            GenerateError::Select(err) => err.message(front_end),
            GenerateError::Hook(err) => err.message(front_end),
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
    let runtime = options.runtime_path()?;
    let selected = select::select(&loaded.catalog, options)?;
    let hooks = &options.hooks;
    let replaced = hooks::replacements(&loaded.catalog, &selected, hooks, &loaded.report)?;
    let mut plan = plan::plan_replacing(&selected, &replaced).map_err(|diagnostics| {
        LoadError::Invalid(Report {
            diagnostics,
            ..loaded.report.clone()
        })
    })?;
    hooks::apply(&mut plan, hooks, &loaded.report)?;
    Ok(emit::emit(&plan, &runtime))
}

/// The items of a catalog without events: the support types (`CatalogEntry`, `ReceivedEvent`,
/// `DecodeError`, ...) and nothing else, calling the runtime at `options`' crate path (or
/// `::eventcat`, when that path is the error). The derive emits them beside its error, so that
/// a failed expansion is reported once instead of as a cascade of unresolved names.
pub fn generate_empty(options: &Options) -> proc_macro2::TokenStream {
    let empty = Catalog {
        products: Default::default(),
        types: Vec::new(),
        events: Vec::new(),
    };
    let runtime = options
        .runtime_path()
        .unwrap_or_else(|_| quote::quote! { ::eventcat });
    plan::plan(&empty)
        .map(|plan| emit::emit(&plan, &runtime))
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
