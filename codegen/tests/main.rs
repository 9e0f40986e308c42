//! The tests of eventcat-codegen through its public API and its binary, in one test binary:
//! each file is a module, so that the dependencies are linked and their generic code compiled
//! once instead of once per file.

mod builder;
mod cli;
mod cli_import_diff;
mod cli_robust;
mod error_chains;
mod hooks;
mod item_bounds;
mod layout;
mod limits;
mod options;
mod readme_examples;
mod redacted_debug;
mod scale;
mod timeline;
