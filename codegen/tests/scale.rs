//! Validation stays near-linear in the number of types: a chain of 2,000 types, each holding
//! the next (more types and fields than a catalog may generate, so refused by those limits; and
//! a cycle closing it, which must be reported once per type on it), is checked in well under a
//! second of release time (8.8 s before the recursion check found the strongly connected
//! components once).

use std::fmt::Write as _;
use std::time::{Duration, Instant};

/// A catalog whose types `T0` .. `T{count-1}` each hold the next; with `cycle`, the last holds
/// `T0` again.
fn chained_types(count: usize, cycle: bool) -> String {
    let mut text = String::from("products:\n  p: { title: P }\ntypes:\n");
    for i in 0..count {
        let next = if i + 1 < count {
            format!("T{}", i + 1)
        } else if cycle {
            "T0".to_owned()
        } else {
            "string".to_owned()
        };
        let _ = writeln!(text, "  T{i}: {{ fields: {{ next: {{ type: {next} }} }} }}");
    }
    text.push_str(
        "events:\n  - name: x-v1\n    product: p\n    direction: received\n    status: active\n    \
         active_date: 2025-03-26\n    doc: An event.\n    schema_versions:\n      - version: \
         1.0.0\n        fields:\n          head: { type: T0 }\n",
    );
    text
}

#[test]
fn a_long_chain_of_types_is_checked_quickly() {
    let text = chained_types(5_000, false);
    let start = Instant::now();
    let loaded = eventcat_codegen::load_str("chain.yaml", &text);
    let elapsed = start.elapsed();
    let codes: Vec<&str> = match &loaded {
        Err(eventcat_codegen::LoadError::Invalid(report)) => {
            report.diagnostics.iter().map(|d| d.code).collect()
        }
        other => panic!("the chain is deeper than the nesting limit: {other:?}"),
    };
    // Too many generated types, and too many fields.
    assert_eq!(codes, ["limit", "limit"]);
    // Generous for a debug build on a shared machine; the quadratic search took minutes here.
    assert!(elapsed < Duration::from_secs(20), "took {elapsed:?}");
}

#[test]
fn a_long_cycle_of_types_is_reported_at_every_type_on_it() {
    let text = chained_types(300, true);
    let err = match eventcat_codegen::load_str("cycle.yaml", &text) {
        Ok(_) => panic!("a cycle must be refused"),
        Err(eventcat_codegen::LoadError::Invalid(report)) => report,
        Err(other) => panic!("{other}"),
    };
    let recursive = err
        .diagnostics
        .iter()
        .filter(|d| d.code == "recursive-type")
        .count();
    assert_eq!(recursive, 300);
    let first = &err.diagnostics[0].message;
    assert!(
        first.starts_with("type `T0` contains itself (T0 -> T1 -> T2"),
        "{first}"
    );
    assert!(first.contains("T299 -> T0)"), "{first}");
}
