//! A partner-style crate using eventcat (in progress).

fn main() {}
