//! Cross-crate tests of eventcat live in `tests/`; this library is empty.
