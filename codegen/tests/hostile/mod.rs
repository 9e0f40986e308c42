//! Catalogs at and past eventcat's limits, built in memory: chains of types, wide objects, large
//! enums and `one_of`s, many events, and one event declared many times.

use std::fmt::Write as _;

/// An event `name` (`<family>-v<N>`) with one schema version, `N.0.0`, whose payload is `fields`
/// (one line each, such as `a: { type: string }`; none: `fields: {}`).
pub fn event(name: &str, fields: &[String]) -> String {
    let major = name.rsplit_once("-v").map_or("1", |(_, major)| major);
    let mut text = format!(
        "  - name: {name}\n    product: p\n    direction: received\n    status: active\n    \
         active_date: 2025-03-26\n    doc: An event.\n    schema_versions:\n      - version: \
         {major}.0.0\n        fields:{}\n",
        if fields.is_empty() { " {}" } else { "" }
    );
    for field in fields {
        let _ = writeln!(text, "          {field}");
    }
    text
}

/// A catalog with the shared `types` (one line each, such as `T0: { enum: [a] }`) and `events`
/// (each from [`event`]).
pub fn catalog(types: &[String], events: &[String]) -> String {
    let mut text = String::from("products:\n  p: { title: P }\n");
    if !types.is_empty() {
        text.push_str("types:\n");
        for decl in types {
            let _ = writeln!(text, "  {decl}");
        }
    }
    text.push_str("events:\n");
    events.iter().for_each(|e| text.push_str(e));
    text
}

/// Types `T0` .. `T{count-1}`, each holding the next in its field `n` written as `field` with
/// `NEXT` for the next type's name (`{ type: NEXT }`), the last holding a string; and an event
/// `x-v1` holding `T0` in its field `head`.
pub fn chain(count: usize, field: &str) -> String {
    let types: Vec<String> = (0..count)
        .map(|i| {
            let next = if i + 1 < count {
                field.replace("NEXT", &format!("T{}", i + 1))
            } else {
                "{ type: string }".to_owned()
            };
            format!("T{i}: {{ fields: {{ n: {next} }} }}")
        })
        .collect();
    catalog(&types, &[event("x-v1", &["head: { type: T0 }".to_owned()])])
}

/// One event `x-v1` with `count` string fields `f0` ...
pub fn wide(count: usize) -> String {
    events(1, count).replace("e0-v1", "x-v1")
}

/// One event `x-v1` with a field `e` that is an enum of `count` values `v0` ...
pub fn enum_values(count: usize) -> String {
    let values: Vec<String> = (0..count).map(|i| format!("v{i}")).collect();
    let field = format!("e: {{ enum: [{}] }}", values.join(", "));
    catalog(&[], &[event("x-v1", &[field])])
}

/// One event `x-v1` with a field `u` that is a `one_of` of `count` string members.
pub fn one_of(count: usize) -> String {
    let field = format!("u: {{ one_of: [{}] }}", vec!["string"; count].join(", "));
    catalog(&[], &[event("x-v1", &[field])])
}

/// `count` events `e0-v1` ..., one schema version each, with `fields` string fields `f0` ...
pub fn events(count: usize, fields: usize) -> String {
    let fields: Vec<String> = (0..fields)
        .map(|i| format!("f{i}: {{ type: string }}"))
        .collect();
    let events: Vec<String> = (0..count)
        .map(|i| event(&format!("e{i}-v1"), &fields))
        .collect();
    catalog(&[], &events)
}

/// The event `e-v1` declared `count` times.
pub fn duplicates(count: usize) -> String {
    let once = event("e-v1", &["a: { type: string }".to_owned()]);
    catalog(&[], &vec![once; count])
}

/// The 1-based number of the first line of `text` that starts with `start`.
pub fn line_of(text: &str, start: &str) -> Option<u32> {
    let index = text.lines().position(|l| l.starts_with(start))?;
    u32::try_from(index + 1).ok()
}
