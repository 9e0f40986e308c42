//! Cross-crate tests of eventcat. The library holds the code generated from the bundled catalog
//! (the golden file, checked in as `generated-example/src/generated.rs`), compiled here under
//! `#![deny(warnings)]` so that any warning in generated code fails the build; the tests in
//! `tests/` exercise it. (The `corpus/ok/` catalogs are compiled by `generator-check`.)
#![deny(warnings)]

/// The README's Rust snippets, compiled (and run, unless marked otherwise) as doctests; its
/// `include!` snippet includes what `build.rs` generates.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeSnippets;

/// The items eventcat generates from the bundled catalog.yaml.
pub mod catalog {
    include!("../../generated-example/src/generated.rs");
}
