//! The pipeline end to end: [`load_str`] reads catalog text ([`crate::load`]) and checks it
//! ([`crate::check`], which also chooses the names, [`crate::naming`]); [`generate`] selects
//! what the options ask for ([`crate::options`]), plans it ([`crate::plan`]), applies the hooks
//! ([`crate::hooks`]) and emits the tokens ([`crate::emit`]); [`generate_source`] renders them as
//! a Rust file ([`crate::render`]).

use std::collections::BTreeSet;
use std::path::Path;

use crate::diagnostic::{Diagnostic, Report};
use crate::hooks::{self, HookError};
use crate::model::Catalog;
use crate::options::{self, FrontEnd, HookTokens, Options, SelectError};
#[cfg(feature = "build")]
use crate::render;
use crate::{check, emit, load, naming, plan};

/// The catalog bundled with eventcat: every event 8x8 publishes.
pub const BUNDLED_CATALOG: &str = include_str!("../catalog.yaml");

/// The name the bundled catalog goes by in diagnostics.
pub const BUNDLED_CATALOG_NAME: &str = "catalog.yaml";

/// A catalog that loaded, with its lints.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Loaded {
    /// The checked catalog (the model the tools read).
    #[doc(hidden)]
    pub catalog: Catalog,
    /// The lints (no errors).
    pub report: Report,
    /// The Rust name of every item the catalog generates, chosen when it was checked.
    pub(crate) names: naming::Names,
}

/// Why a catalog could not be loaded.
///
/// Every error of this crate says its own message in `Display`; an I/O error underneath is its
/// `source()`, not repeated in the message, and wrappers (`GenerateError::Load`,
/// `BuildError::Load`) are the error they wrap: walking a chain with `source()` never meets the
/// same message twice.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// The file could not be read; `source()` is the I/O error.
    #[error("cannot read catalog {path}")]
    Read {
        /// The path as given.
        path: String,
        /// Why it could not be read.
        #[source]
        error: std::io::Error,
    },
    /// The catalog has errors; the report lists them, and the lints, with locations.
    #[error("{0}")]
    Invalid(Report),
}

/// Loads and validates catalog text; `path` names it in diagnostics. A lone `\r` counts as a
/// line break, like `\n` and `\r\n`.
pub fn load_str(path: &str, source: &str) -> Result<Loaded, LoadError> {
    let source = load::input::normalize_line_breaks(source);
    let report = |diagnostics| Report {
        path: path.to_owned(),
        source: source.clone().into_owned(),
        diagnostics,
    };
    let file = load::parse(&source).map_err(|error| LoadError::Invalid(report(vec![error])))?;
    let (checked, diagnostics) = check::check(&file);
    match checked {
        Some((catalog, names)) => Ok(Loaded {
            catalog,
            report: report(diagnostics),
            names,
        }),
        None => Err(LoadError::Invalid(report(diagnostics))),
    }
}

/// Reads the catalog file at `path` (a regular file of at most [`crate::MAX_INPUT_BYTES`], in
/// UTF-8); `name` names it in diagnostics. A file that is not
/// UTF-8 is an `encoding` error at the first invalid byte.
pub fn read_catalog(path: &Path, name: &str) -> Result<String, LoadError> {
    load::input::read_text(path, "catalog").map_err(|err| match err {
        load::input::ReadError::Io(error) => LoadError::Read {
            path: path.display().to_string(),
            error,
        },
        load::input::ReadError::NotUtf8(bad) => LoadError::Invalid(Report {
            path: name.to_owned(),
            source: load::input::normalize_line_breaks(&bad.lossy).into_owned(),
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
    Select(#[from] SelectError),
    /// A hook does not fit the catalog.
    #[error(transparent)]
    Hook(#[from] HookError),
    /// The generated tokens did not form a Rust file (a bug in eventcat).
    #[cfg(feature = "build")]
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
    generate_with_tokens(loaded, options, &HookTokens::default())
}

/// [`generate`], with the Rust of the hooks taken from the `tokens` the derive read it from:
/// the generated code holds them, spans and all.
pub fn generate_with_tokens(
    loaded: &Loaded,
    options: &Options,
    tokens: &HookTokens,
) -> Result<proc_macro2::TokenStream, GenerateError> {
    let runtime = options.runtime_path()?;
    let resolved = options.resolve()?;
    let selected = options::select(&loaded.catalog, &resolved)?;
    let hooks = options.hooks();
    let replaced = hooks::replacements(&loaded.catalog, &selected, hooks, tokens, &loaded.report)?;
    let mut plan = plan::plan(&selected, &loaded.names, &replaced).map_err(|diagnostics| {
        LoadError::Invalid(Report {
            diagnostics,
            ..loaded.report.clone()
        })
    })?;
    plan.redacted_debug = options.is_redacted_debug();
    plan.left_out = options::left_out_received(&loaded.catalog, &selected);
    hooks::apply(&mut plan, hooks, tokens, &loaded.report)?;
    Ok(emit::emit(&plan, &runtime))
}

/// What a failed expansion expands to instead of the items: `error` (one or more
/// `compile_error!` invocations) carried by a stand-in for each type the catalog would generate,
/// so that the error is the only one rustc reports. The types are those of the catalog text
/// `source`, named best effort as far as it checks; when it does not parse, those every catalog
/// generates (`ReceivedEvent`, `CatalogEntry`, ...). The runtime's re-exports are named at `options`' crate path (or `::eventcat`,
/// when that path is the error).
pub fn generate_failed(
    source: &str,
    options: &Options,
    error: proc_macro2::TokenStream,
) -> proc_macro2::TokenStream {
    let runtime = options
        .runtime_path()
        .unwrap_or_else(|_| quote::quote! { ::eventcat });
    let types = catalog_types(source);
    emit::emit_failed(&types, &runtime, error)
}

/// The types the catalog `source` generates, as far as it checks.
fn catalog_types(source: &str) -> BTreeSet<String> {
    let source = load::input::normalize_line_breaks(source);
    match load::parse(&source) {
        Ok(file) => naming::type_names(&check::as_far_as_it_checks(&file)),
        Err(_) => naming::catalog_support_types(),
    }
}

/// Loads catalog text and renders the generated code as a pretty-printed Rust file.
#[cfg(feature = "build")]
pub fn generate_source(
    path: &str,
    source: &str,
    options: &Options,
) -> Result<String, GenerateError> {
    let loaded = load_str(path, source)?;
    let tokens = generate(&loaded, options)?;
    render::render(tokens, path).map_err(|err| GenerateError::Render(err.to_string()))
}
