//! The build.rs front end: generate the code for a catalog into `OUT_DIR`.
//!
//! ```no_run
//! // build.rs
//! fn main() {
//!     if let Err(err) = eventcat_codegen::Builder::new()
//!         .catalog("catalog.yaml")
//!         .events(["aw-interaction-*"])
//!         .generate()
//!     {
//!         eprintln!("{}", err.report());
//!         std::process::exit(1);
//!     }
//! }
//! ```
//!
//! and in the crate: `include!(concat!(env!("OUT_DIR"), "/eventcat.rs"));`

// The example is a whole build script, so its `fn main` is the point.
#![allow(clippy::needless_doctest_main)]

use std::path::{Path, PathBuf};

use crate::options::{FrontEnd, Options, SunsetPolicy};
use crate::pipeline::{self, BUNDLED_CATALOG, BUNDLED_CATALOG_NAME, GenerateError, LoadError};

/// Configures and runs code generation from a build script.
#[derive(Debug, Clone, Default)]
pub struct Builder {
    catalog: Option<PathBuf>,
    options: Options,
    out_file: Option<String>,
}

/// Why a build script could not generate the code. `Display` is the error's message, with the
/// catalog's file, line and column; an I/O error underneath is its `source()`.
/// [`report`](Self::report) is the message with its causes: print that and exit with an error.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// A variable cargo sets for build scripts is missing: not run by cargo?
    #[error("environment variable {0} is not set; run this from a cargo build script")]
    Env(&'static str),
    /// The catalog could not be read, or has errors (with file, line and column).
    #[error(transparent)]
    Load(LoadError),
    /// The options or hooks are wrong or do not fit the catalog (an empty list, an as-of day
    /// that is not one, a pattern that matches nothing); the message names the builder's
    /// methods.
    #[error("{}", .0.message(FrontEnd::Builder))]
    Generate(GenerateError),
    /// `.out_file(name)`: a name that leaves `OUT_DIR`, or names no file.
    #[error(
        "`.out_file(\"{0}\")`: the output is written in OUT_DIR: give a file name, or a relative path without `..`"
    )]
    OutFile(String),
    /// The output file could not be written, or is not a regular file.
    #[error("cannot write {path}")]
    Write {
        /// The output path.
        path: PathBuf,
        /// Why it could not be written.
        #[source]
        error: std::io::Error,
    },
}

impl From<GenerateError> for BuildError {
    fn from(err: GenerateError) -> Self {
        match err {
            GenerateError::Load(load) => Self::Load(load),
            other => Self::Generate(other),
        }
    }
}

impl BuildError {
    /// The message followed by its causes (`cannot read catalog x.yaml: No such file or
    /// directory (os error 2)`): what a build script prints before it exits with an error.
    pub fn report(&self) -> String {
        let mut report = self.to_string();
        let mut cause = std::error::Error::source(self);
        while let Some(err) = cause {
            report.push_str(&format!(": {err}"));
            cause = err.source();
        }
        report
    }
}

impl Builder {
    /// A builder for the bundled catalog, every event, sunset events kept.
    pub fn new() -> Self {
        Self::default()
    }

    /// The catalog file, relative to the crate root (`CARGO_MANIFEST_DIR`) unless absolute.
    pub fn catalog(mut self, path: impl Into<PathBuf>) -> Self {
        self.catalog = Some(path.into());
        self
    }

    /// Generate only events of these products (ids such as `agent-workspace`). An empty list
    /// is an error: leave the call out to generate every event. The last call stands.
    pub fn products<I: IntoIterator<Item = S>, S: Into<String>>(self, products: I) -> Self {
        self.with(|options| options.products(products))
    }

    /// Generate only events whose name matches one of these glob patterns. An empty list is an
    /// error: leave the call out to generate every event. The last call stands.
    pub fn events<I: IntoIterator<Item = S>, S: Into<String>>(self, patterns: I) -> Self {
        self.with(|options| options.events(patterns))
    }

    /// What to do with events sunset on the `as_of` day.
    pub fn sunset(self, policy: SunsetPolicy) -> Self {
        self.with(|options| options.sunset(policy))
    }

    /// The day (`YYYY-MM-DD`) the sunset policy is applied for. Without it, SOURCE_DATE_EPOCH is
    /// used; the clock never is.
    pub fn as_of(self, day: impl Into<String>) -> Self {
        self.with(|options| options.as_of(day))
    }

    /// The path the generated code names the `eventcat` crate by, for a crate that re-exports
    /// it (`my_sdk::eventcat`); default `::eventcat`.
    pub fn crate_path(self, path: impl Into<String>) -> Self {
        self.with(|options| options.crate_path(path))
    }

    /// Derives `traits` (`["Hash", "Eq"]`, or paths such as `schemars::JsonSchema`) on the
    /// generated types whose name matches the glob `pattern`. A standard trait that cannot hold
    /// for a type (`Hash` over a number, `Default` with a field that must be present, `Ord`
    /// without `Eq`) is an error at that field of the catalog or at the hook, by whatever path it
    /// is named.
    pub fn derive<I: IntoIterator<Item = S>, S: Into<String>>(
        self,
        pattern: impl Into<String>,
        traits: I,
    ) -> Self {
        self.with(|options| options.derive(pattern, traits))
    }

    /// Puts `attribute` (Rust source, `"#[non_exhaustive]"`) on the types matching `pattern`.
    pub fn type_attribute(self, pattern: impl Into<String>, attribute: impl Into<String>) -> Self {
        self.with(|options| options.type_attribute(pattern, attribute))
    }

    /// Puts `attribute` on the fields matching `pattern`, `Type.field` with a glob on each side
    /// and the field by its Rust name (`"AwInteractionFocusV3.interaction_id"`).
    pub fn field_attribute(self, pattern: impl Into<String>, attribute: impl Into<String>) -> Self {
        self.with(|options| options.field_attribute(pattern, attribute))
    }

    /// Uses the partner's type at the Rust path `path` (`"crate::model::Queue"`) wherever the
    /// catalog's shared type `type_name` appears, instead of generating it. The type must
    /// implement serde's `Serialize` and `Deserialize` (with the catalog's wire form) and what the
    /// types that hold it derive (`Debug`, `Clone`, `PartialEq`, and any derive hook's traits).
    pub fn replace(self, type_name: impl Into<String>, path: impl Into<String>) -> Self {
        self.with(|options| options.replace(type_name, path))
    }

    /// Generates types whose `Debug` shows their name and their fields' names but no value
    /// (prost-build's `skip_debug`, without writing the impls yourself).
    pub fn redacted_debug(self) -> Self {
        self.with(Options::redacted_debug)
    }

    /// Every option at once, replacing those set so far (the CLI and the derive build theirs
    /// the same way).
    pub fn options(mut self, options: Options) -> Self {
        self.options = options;
        self
    }

    /// The builder with `change` applied to its options.
    fn with(mut self, change: impl FnOnce(Options) -> Options) -> Self {
        self.options = change(std::mem::take(&mut self.options));
        self
    }

    /// The output file's name (default `eventcat.rs`), in `OUT_DIR` or a directory below it
    /// that exists (`generated/events.rs`). A name that would leave `OUT_DIR` (absolute, or
    /// with `..`) is an error ([`BuildError::OutFile`]), as is a path that holds something other
    /// than a regular file ([`BuildError::Write`]).
    pub fn out_file(mut self, name: impl Into<String>) -> Self {
        self.out_file = Some(name.into());
        self
    }

    /// Generates into `OUT_DIR`, prints the `cargo::rerun-if-changed` lines, and returns the
    /// output path. The file is rewritten only when its content changes.
    pub fn generate(self) -> Result<PathBuf, BuildError> {
        let name = self.out_file_name()?;
        let out_dir = std::env::var_os("OUT_DIR").ok_or(BuildError::Env("OUT_DIR"))?;
        let manifest_dir =
            std::env::var_os("CARGO_MANIFEST_DIR").ok_or(BuildError::Env("CARGO_MANIFEST_DIR"))?;
        let out = Path::new(&out_dir).join(name);
        if let Some(catalog) = &self.catalog {
            let path = Path::new(&manifest_dir).join(catalog);
            println!("cargo::rerun-if-changed={}", path.display());
        } else {
            println!("cargo::rerun-if-changed=build.rs");
        }
        if self.options.reads_source_date_epoch() {
            println!("cargo::rerun-if-env-changed=SOURCE_DATE_EPOCH");
        }
        self.write_to(Path::new(&manifest_dir), &out)?;
        Ok(out)
    }

    /// The output file's path below `OUT_DIR`: `out_file`'s, checked, or `eventcat.rs`.
    fn out_file_name(&self) -> Result<&Path, BuildError> {
        let Some(name) = &self.out_file else {
            return Ok(Path::new("eventcat.rs"));
        };
        let path = Path::new(name);
        let inside = path
            .components()
            .all(|part| matches!(part, std::path::Component::Normal(_)));
        match inside && path.file_name().is_some() {
            true => Ok(path),
            false => Err(BuildError::OutFile(name.clone())),
        }
    }

    /// Generates the code and writes it to `out` unless it already holds exactly that; a
    /// relative catalog path resolves against `root`. Returns whether the file was written.
    pub fn write_to(&self, root: &Path, out: &Path) -> Result<bool, BuildError> {
        let code = self.source(root)?;
        crate::output::write_if_changed(out, &code).map_err(|error| BuildError::Write {
            path: out.to_owned(),
            error,
        })
    }

    /// The generated source text; a relative catalog path resolves against `root`.
    pub fn source(&self, root: &Path) -> Result<String, BuildError> {
        let generated = match &self.catalog {
            Some(catalog) => {
                let name = catalog.display().to_string();
                let source = pipeline::read_catalog(&root.join(catalog), &name)
                    .map_err(GenerateError::Load)?;
                pipeline::generate_source(&name, &source, &self.options)
            }
            None => pipeline::generate_source(BUNDLED_CATALOG_NAME, BUNDLED_CATALOG, &self.options),
        };
        Ok(generated?)
    }
}
