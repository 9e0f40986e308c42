//! eventcat's core: load an 8x8 partner-event catalog, validate it, and generate typed Rust.
//!
//! Data flows one way: [`catalog`] (the file as written) -> [`validate`] (errors and lints) ->
//! [`model`] (the checked catalog) -> [`plan`] (names, conversions, lifecycle) -> `emit` (tokens)
//! -> [`render`] (pretty-printed text). The derive, build.rs and the CLI all call [`generate`].

#[cfg(feature = "build")]
mod builder;
pub mod check;
pub mod diagnostic;
#[cfg(feature = "cli")]
pub mod diff;
mod emit;
pub mod hooks;
#[cfg(feature = "cli")]
pub mod import;
pub mod listing;
mod load;
pub mod model;
pub mod naming;
pub mod options;
#[cfg(feature = "cli")]
pub mod page;
mod pipeline;
pub mod plan;
#[cfg(feature = "build")]
mod render;
/// The catalog for tools outside Rust: JSON Schemas and an AsyncAPI document (`eventcat schema`).
pub mod schema;

#[cfg(feature = "build")]
pub use builder::{BuildError, Builder};
pub use check::parse_date;
pub use diagnostic::{Diagnostic, Location, Report, Severity};
pub use hooks::HookError;
pub use load::{MAX_ALIAS_EXPANSION, MAX_DEPTH, MAX_NODES};
pub use model::Catalog;
pub use naming::{reserved_type_names, rust_field_name};
pub use options::{
    AttributeHook, DeriveHook, FrontEnd, HookKind, HookRef, Hooks, ListOption, Options,
    Replacement, SelectError, SunsetPolicy, source_date_epoch,
};
#[cfg(feature = "build")]
pub use pipeline::generate_source;
pub use pipeline::{
    BUNDLED_CATALOG, BUNDLED_CATALOG_NAME, GenerateError, LoadError, Loaded, generate,
    generate_empty, load_bundled, load_file, load_str, read_catalog,
};
