//! eventcat's core: load an 8x8 partner-event catalog, check it, and generate typed Rust.
//!
//! The derive (`eventcat-macros`), build.rs ([`Builder`]) and the `eventcat` command all call
//! [`generate`]; the command's tools return reports ([`diff`], [`import`], [`schema`],
//! [`listing`]) that the binary prints.
//!
//! # Module map
//!
//! Data flows one way, through one module per stage; each stage uses only those above it here:
//!
//! | stage | module | what it does |
//! |---|---|---|
//! | located messages | `diagnostic` | [`Diagnostic`]s and the [`Report`] that renders them |
//! | loading | `load` | read a file (`input`), parse YAML into the file as written (`catalog`), YAML errors as diagnostics (`yaml_error`) |
//! | checked model | [`model`] | the [`Catalog`] every later stage reads, and what the tools share: ISO days, event names, which lifecycle date |
//! | naming | `naming` | every Rust-name rule, and the names of a catalog chosen once (`Names`) |
//! | checking | `check` | the file becomes the model and its names: `shapes`, `references` (and the type graph), `defaults`, `examples`, `limits`, `lints` |
//! | options | `options` | [`Options`] with the partner's hooks, their rules applied once (`resolve`), and the selection they make |
//! | planning | `plan` | every Rust item, type and conversion, with the checked names |
//! | hooks | `hooks` | the partner's derives and attributes applied to a plan |
//! | emitting | `emit` | the plan as tokens |
//! | rendering | `render` | tokens as a pretty-printed file (feature `build`) |
//! | pipeline | `pipeline` | the stages end to end: [`load_str`], [`generate`], [`generate_source`] |
//! | writing | `output` | the generated file, replaced whole and only when it changes (feature `build`) |
//! | build.rs | `builder` | the [`Builder`] (feature `build`) |
//!
//! Beside the pipeline, the tools use its stages: [`listing`] (`eventcat list`), [`schema`]
//! (`eventcat schema`), [`page`] and [`import`] (`eventcat import`) and [`diff`]
//! (`eventcat diff`). The binary's `cli` module prints their reports.

#[cfg(feature = "build")]
mod builder;
mod check;
mod diagnostic;
// The tools of the `eventcat` binary and the checked model they read: public for the binary
// and the tests, hidden from the documentation, and free to change with the binary. A partner
// calls the pipeline (`load_*`, `generate*`) and the `Builder`.
#[cfg(feature = "cli")]
#[doc(hidden)]
pub mod diff;
mod emit;
mod hooks;
#[cfg(feature = "cli")]
#[doc(hidden)]
pub mod import;
#[doc(hidden)]
pub mod listing;
mod load;
#[doc(hidden)]
pub mod model;
mod naming;
mod options;
#[cfg(feature = "build")]
mod output;
#[cfg(feature = "cli")]
#[doc(hidden)]
pub mod page;
mod pipeline;
mod plan;
#[cfg(feature = "build")]
mod render;
#[doc(hidden)]
pub mod schema;

#[cfg(feature = "build")]
pub use builder::{BuildError, Builder};
pub use check::limits::{
    MAX_ENUM_VALUES, MAX_FAMILY_VERSIONS, MAX_MEMBERS, MAX_NESTING, MAX_OBJECT_FIELDS, MAX_TYPES,
};
pub use diagnostic::{Diagnostic, Location, Report, Severity};
pub use hooks::HookError;
pub use load::input::MAX_INPUT_BYTES;
pub use load::{MAX_ALIAS_EXPANSION, MAX_DEPTH, MAX_NODES};
#[doc(hidden)]
pub use model::{Catalog, parse_date};
#[doc(hidden)]
pub use naming::{reserved_type_names, rust_field_name};
pub use options::{FrontEnd, ListOption, Options, SelectError, SunsetPolicy};
// What only the derive needs: where each hook is, and the tokens it was written as.
#[doc(hidden)]
pub use options::{HookKind, HookRef, HookTokens};
#[cfg(feature = "build")]
#[doc(hidden)]
pub use output::write_if_changed;
#[cfg(feature = "build")]
pub use pipeline::generate_source;
pub use pipeline::{
    BUNDLED_CATALOG, BUNDLED_CATALOG_NAME, GenerateError, LoadError, Loaded, generate,
    load_bundled, load_file, load_str, read_catalog,
};
// What only the derive calls: generating with the hooks' tokens, and a failed expansion.
#[doc(hidden)]
pub use pipeline::{generate_failed, generate_with_tokens};
