//! The generator property test. The build script makes random catalogs with hostile names
//! ([`catalog_gen`]) and generates code from every one eventcat accepts; this library compiles
//! that code, each catalog's in a module of its own (`c000`, `c001`, ...), under
//! `#![deny(warnings)]`, and CI's `cargo clippy --workspace --all-targets -- -D warnings` lints
//! it. A catalog whose code does not compile fails the build at
//! `$OUT_DIR/generated/NNN.rs`, which starts with the catalog as a comment. The hand-written
//! catalogs of `tests/corpus/ok/` are compiled here the same way.
//!
//! `tests/accepted.rs` checks what the build script counted (enough catalogs accepted, none
//! accepted and then refused by the generator); `tests/broken.rs` mutates catalogs into broken
//! ones and checks that each is refused with located errors and no panic.
#![deny(warnings)]

pub mod catalog_gen;

/// What the build script did: the seed, the features, the counts and every failure.
pub mod summary {
    include!(concat!(env!("OUT_DIR"), "/summary.rs"));
}

// Not in the library's unit-test build (it has no unit tests), so that
// `cargo clippy --all-targets` checks the generated code once, not twice.
#[cfg(not(test))]
/// The code generated from each catalog of `tests/corpus/ok/`, rendered as `eventcat generate`
/// renders it, one module per file.
pub mod corpus_ok {
    include!(concat!(env!("OUT_DIR"), "/corpus_ok.rs"));
}

// Not in the library's unit-test build (it has no unit tests), so that
// `cargo clippy --all-targets` checks the generated code once, not twice.
#[cfg(not(test))]
/// The code generated from each accepted catalog, in modules `c000`, `c001`, ...
pub mod generated {
    include!(concat!(env!("OUT_DIR"), "/modules.rs"));
}
