//! Loading: catalog text as written. [`input`] reads a file (regular, capped, UTF-8),
//! [`catalog`] is the serde model of the file, and [`parse`] reads text into it with the
//! parser's limits, a YAML error becoming a located diagnostic ([`yaml_error`]).

pub(crate) mod catalog;
pub(crate) mod input;
mod yaml_error;

use crate::diagnostic::Diagnostic;
use catalog::CatalogFile;

/// The deepest nesting of lists and mappings a catalog may have.
pub const MAX_DEPTH: usize = 64;

/// The most values (scalars, lists and mappings, aliases expanded) a catalog may have.
pub const MAX_NODES: usize = 8_000_000;

/// The most values aliases (`*name`) may expand to in one catalog, against alias bombs.
pub const MAX_ALIAS_EXPANSION: usize = 100_000;

/// The parser options every catalog is read with: strict booleans and the limits above.
fn yaml_options() -> serde_saphyr::Options {
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

/// Parses catalog text (its line breaks already normalized) into the file as written, or the
/// YAML error as a diagnostic.
pub(crate) fn parse(source: &str) -> Result<CatalogFile, Diagnostic> {
    serde_saphyr::from_str_with_options(source, yaml_options())
        .map_err(|err| yaml_error::yaml_diagnostic(&err))
}
