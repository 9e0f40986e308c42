//! The cross-crate tests, in one test binary: each file is a module, so that the shared
//! dependencies are linked and their generic code compiled once instead of once per file.

mod common;
// Shared by several of the files below; some use only part of it.
#[allow(dead_code)]
#[path = "common/every_shape.rs"]
mod every_shape;
#[path = "common/examples.rs"]
mod examples;
#[path = "common/round_trip.rs"]
mod round_trip;

mod bundled_catalog;
mod conversions;
mod corpus;
mod diff;
mod envelopes;
mod errors;
mod failed_expansion;
mod golden;
mod import;
mod lifecycle;
mod odd_catalogs;
mod readme;
mod roundtrip;
mod samples;
mod schema;
