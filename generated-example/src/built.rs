//! The event types build.rs generated from the catalog (see `generated.rs` for the same text).

include!(concat!(env!("OUT_DIR"), "/eventcat.rs"));
