//! A diff of two catalog files as the command line reports it: the changes, the Rust names
//! and the options.

use jiff::civil::Date;
use serde_json::Value;

use crate::plan::Plan;

use super::changes::Diff;
use super::diff;

/// A count, or `-` for none.
pub(super) fn count_or_dash(count: Option<u64>) -> String {
    count.map_or_else(|| "-".to_owned(), |n| n.to_string())
}

/// What [`diff_files`] is asked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DiffOptions {
    /// Also report how each event's status on this day changed (`--as-of`).
    pub as_of: Option<Date>,
    /// A change that breaks either role is breaking, not only one that breaks partners
    /// (`--strict`).
    pub strict: bool,
}

/// Two catalog files compared: what `eventcat diff` prints and exits with is computed from it.
#[derive(Debug, Clone, PartialEq)]
pub struct DiffReport {
    /// The OLD catalog, as named on the command line.
    pub old_name: String,
    /// The NEW catalog, as named on the command line.
    pub new_name: String,
    /// The changes, with the Rust names.
    pub diff: Diff,
    /// Whether a change that breaks either role counts as breaking.
    pub strict: bool,
}

impl DiffReport {
    /// True when the diff breaks partners (with `strict`, either role), or a Rust name was
    /// removed or changed.
    pub fn breaking(&self) -> bool {
        self.diff.breaking(self.strict)
    }

    /// The report as JSON (the fields the README documents for `diff --format json`).
    pub fn to_json(&self) -> Value {
        self.diff.to_json(self.strict)
    }
}

/// `eventcat diff OLD NEW`: loads and plans both catalogs and diffs them, with their Rust
/// names. A catalog that does not load, or cannot be planned, is the error.
pub fn diff_files(
    old_path: &std::path::Path,
    new_path: &std::path::Path,
    options: &DiffOptions,
) -> Result<DiffReport, crate::pipeline::LoadError> {
    let old = crate::pipeline::load_file(old_path)?;
    let new = crate::pipeline::load_file(new_path)?;
    let diff = diff_loaded(&old, &new, options.as_of)?;
    Ok(DiffReport {
        old_name: old_path.display().to_string(),
        new_name: new_path.display().to_string(),
        diff,
        strict: options.strict,
    })
}

/// [`diff`] of two loaded catalogs, with the Rust names the change adds, removes or changes
/// (from the plans of both). A catalog that cannot be planned is the error.
pub fn diff_loaded(
    old: &crate::pipeline::Loaded,
    new: &crate::pipeline::Loaded,
    as_of: Option<Date>,
) -> Result<Diff, crate::pipeline::LoadError> {
    let (old_plan, new_plan) = (plan_of(old)?, plan_of(new)?);
    Ok(diff(&old.catalog, &new.catalog, as_of).with_names(&old_plan, &new_plan))
}

/// The plan of a loaded catalog; its errors are the catalog's.
pub(super) fn plan_of(
    loaded: &crate::pipeline::Loaded,
) -> Result<Plan, crate::pipeline::LoadError> {
    crate::plan::plan(&loaded.catalog, &loaded.names, &Default::default()).map_err(|diagnostics| {
        crate::pipeline::LoadError::Invalid(crate::diagnostic::Report {
            diagnostics,
            ..loaded.report.clone()
        })
    })
}
