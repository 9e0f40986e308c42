//! Cross-crate tests of eventcat. The library holds the code generated from the bundled catalog
//! (the golden file, checked in as `generated-example/src/generated.rs`) and from every catalog
//! of `corpus/ok/` (written by `build.rs`), compiled here under `#![deny(warnings)]` so that any
//! warning in generated code fails the build; the tests in `tests/` exercise it.
#![deny(warnings)]

/// The items eventcat generates from the bundled catalog.yaml.
pub mod catalog {
    include!("../../generated-example/src/generated.rs");
}

/// The items eventcat generates from each catalog of `corpus/ok/`, one module per file.
pub mod corpus_ok {
    include!(concat!(env!("OUT_DIR"), "/corpus_ok.rs"));
}
