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
pub mod input;
pub mod limits;
pub mod listing;
pub mod model;
pub mod names;
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
        input::ReadError::Io(source) => LoadError::Read {
            path: path.display().to_string(),
            source,
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
pub(crate) fn yaml_diagnostic(err: &serde_saphyr::Error) -> Diagnostic {
    let location = err
        .location()
        .map(|l| Location::from_saphyr(&l))
        .unwrap_or(Location {
            line: 1,
            column: 1,
            bytes: None,
        });
    if let Some(message) = limit_message(original(err)) {
        return Diagnostic::error("limit", location, message);
    }
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

/// The error behind the parser's wrappers (an alias's use, a snippet).
fn original(mut err: &serde_saphyr::Error) -> &serde_saphyr::Error {
    loop {
        match err {
            serde_saphyr::Error::WithSnippet { error, .. }
            | serde_saphyr::Error::AliasError { error, .. } => err = error,
            _ => return err,
        }
    }
}

/// A parser limit (see [`MAX_DEPTH`], [`MAX_NODES`], [`MAX_ALIAS_EXPANSION`]) in the words of
/// the catalog; `None` for other errors.
fn limit_message(err: &serde_saphyr::Error) -> Option<String> {
    use serde_saphyr::budget::BudgetBreach;
    let aliases = |what: &str| {
        format!(
            "{what}: a catalog's aliases may expand to at most {MAX_ALIAS_EXPANSION} values; \
             write the values out"
        )
    };
    Some(match err {
        serde_saphyr::Error::Budget { breach, .. } => match breach {
            BudgetBreach::Depth { .. } => format!(
                "nesting deeper than {MAX_DEPTH} levels: a catalog's lists and mappings may \
                 nest {MAX_DEPTH} levels deep"
            ),
            BudgetBreach::Nodes { .. } | BudgetBreach::Events { .. } => {
                format!("more than {MAX_NODES} values: the limit for a catalog")
            }
            BudgetBreach::Aliases { .. } => aliases("too many aliases"),
            BudgetBreach::Anchors { .. } => "too many anchors (`&name`)".to_owned(),
            BudgetBreach::AliasAnchorRatio {
                aliases: used,
                anchors,
            } => aliases(&format!(
                "{used} aliases of {anchors} anchors, which looks like an alias bomb"
            )),
            BudgetBreach::RecordedAnchorEvents { .. }
            | BudgetBreach::RecordedAnchorBytes { .. } => {
                aliases("aliases expand to too many values")
            }
            BudgetBreach::ScalarBytes { .. } => "too much text in values".to_owned(),
            BudgetBreach::Documents { .. } => "too many YAML documents".to_owned(),
            BudgetBreach::MergeKeys { .. } => "too many merge keys (`<<`)".to_owned(),
            _ => "the file exceeds a limit of the YAML parser".to_owned(),
        },
        serde_saphyr::Error::AliasReplayLimitExceeded { .. }
        | serde_saphyr::Error::AliasExpansionLimitExceeded { .. }
        | serde_saphyr::Error::AliasReplayCounterOverflow { .. } => {
            aliases("aliases expand to too many values")
        }
        serde_saphyr::Error::AliasReplayStackDepthExceeded { .. } => format!(
            "aliases nest deeper than {MAX_DEPTH} levels: a catalog's lists and mappings may \
             nest {MAX_DEPTH} levels deep"
        ),
        _ => return None,
    })
}
