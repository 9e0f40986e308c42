//! The limits on what a catalog may generate (`eventcat_codegen::check::limits`): a catalog past one is
//! refused with a located `limit` error, at the type, event, field, value or member where the
//! limit is crossed, by `check`, `generate` and the builder alike; a catalog at the limit loads.
//! The catalogs are built in memory (`hostile`).

#[path = "hostile/mod.rs"]
mod hostile;

use std::path::{Path, PathBuf};

use eventcat_codegen::{Builder, Diagnostic, LoadError};
use eventcat_codegen::{MAX_ENUM_VALUES, MAX_MEMBERS, MAX_NESTING, MAX_OBJECT_FIELDS, MAX_TYPES};

/// The errors of a catalog that must be refused (a recursive type's `payload-depth` warning
/// is left out).
fn refused(text: &str) -> Vec<Diagnostic> {
    match eventcat_codegen::load_str("limits.yaml", text) {
        Err(LoadError::Invalid(report)) => report.errors().cloned().collect(),
        Err(err) => panic!("not a catalog error: {err}"),
        Ok(_) => panic!("the catalog must be refused"),
    }
}

/// Asserts that a catalog loads.
fn loads(text: &str) {
    if let Err(err) = eventcat_codegen::load_str("limits.yaml", text) {
        panic!("the catalog must load: {err}");
    }
}

/// Asserts that `text` is refused with one error, a `limit`, at `line` and `column`, whose message
/// contains `words`.
fn refused_at(text: &str, line: Option<u32>, column: u32, words: &str) {
    let diagnostics = refused(text);
    let [only] = diagnostics.as_slice() else {
        panic!("one error expected: {diagnostics:#?}");
    };
    assert_eq!(only.code, "limit", "{only:?}");
    let line = line.expect("the expected line is in the catalog");
    assert_eq!(
        (only.location.line, only.location.column),
        (line, column),
        "{only:?}"
    );
    assert!(only.message.contains(words), "{}", only.message);
}

#[test]
fn a_chain_past_the_limit_is_refused_where_it_crosses_it() {
    let by_value = "{ type: NEXT }";
    // The event struct is a level: 99 types and the event make the limit.
    loads(&hostile::chain(MAX_NESTING - 1, by_value));
    let text = hostile::chain(MAX_NESTING, by_value);
    let version = hostile::line_of(&text, "      - version: 1.0.0");
    let words = "schema version 1.0.0 of `x-v1` is nested 101 levels deep, through `T0`";
    refused_at(&text, version, 18, words);
    // The type 101 levels deep is at fault, not the ones that hold it.
    let text = hostile::chain(130, by_value);
    let words = "type `T29` is nested 101 levels deep, through `T30`";
    refused_at(&text, hostile::line_of(&text, "  T29:"), 3, words);
}

#[test]
fn options_maps_and_arrays_are_levels_too() {
    // Each type is an object and an `Option` (2 levels), or an object, a map (9) and an
    // `Option` (11), or an object, two `Option`s, an array (3) and an `Option` (7).
    for (field, per_type) in [
        ("{ type: NEXT, optional: true }", 2),
        ("{ map: { type: NEXT, nullable: true } }", 11),
        (
            "{ array: { type: NEXT, nullable: true }, optional: true, nullable: true }",
            7,
        ),
    ] {
        // The last type is one level, the event another.
        let fits = (MAX_NESTING - 2) / per_type + 1;
        loads(&hostile::chain(fits, field));
        let text = hostile::chain(MAX_NESTING / per_type + 2, field);
        let diagnostics = refused(&text);
        assert!(
            diagnostics.iter().all(|d| d.code == "limit") && diagnostics.len() == 1,
            "{field}: {diagnostics:#?}"
        );
    }
}

#[test]
fn types_that_contain_one_another_are_counted_together() {
    // 21 types, each an object holding an array of the next, the last the first again: five
    // levels each (an object, an array of three, and one for the cycle), 105 in all.
    let types: Vec<String> = (0..21)
        .map(|i| {
            format!(
                "T{i}: {{ fields: {{ n: {{ array: T{} }} }} }}",
                (i + 1) % 21
            )
        })
        .collect();
    let event = hostile::event("x-v1", &["head: { type: T0 }".to_owned()]);
    let text = hostile::catalog(&types, std::slice::from_ref(&event));
    let words = "the types `T0`, `T1`, `T2`, `T3`, 17 more contain one another";
    refused_at(&text, hostile::line_of(&text, "  T0:"), 3, words);
    // 19 of them are 95 levels, and the event struct around them one more.
    loads(&hostile::catalog(&types[..19], &[event]).replace("array: T19", "array: T0"));
    // A group that holds a type too deep by itself leaves the error to that type.
    let chain = hostile::chain(130, "{ type: NEXT }");
    let cycle = "  A: { fields: { b: { array: B }, t: { type: T0 } } }\n  B: { fields: { a: { map: A } } }\n";
    let text = chain.replacen("types:\n", &format!("types:\n{cycle}"), 1);
    let words = "type `T29` is nested 101 levels deep, through `T30`";
    refused_at(&text, hostile::line_of(&text, "  T29:"), 3, words);
}

#[test]
fn an_object_past_the_limit_is_refused_at_its_first_field_past_it() {
    loads(&hostile::wide(MAX_OBJECT_FIELDS));
    let text = hostile::wide(MAX_OBJECT_FIELDS + 1);
    let field = format!("          f{MAX_OBJECT_FIELDS}:");
    let words = format!(
        "an object may have at most {MAX_OBJECT_FIELDS} fields, and this one has {}",
        MAX_OBJECT_FIELDS + 1
    );
    refused_at(&text, hostile::line_of(&text, &field), 11, &words);
}

#[test]
fn enums_and_unions_past_the_limit_are_refused_at_their_first_value_past_it() {
    loads(&hostile::enum_values(MAX_ENUM_VALUES));
    loads(&hostile::one_of(MAX_ENUM_VALUES));
    // The field is on line 13; its enum's values and union's members follow on that line.
    let text = hostile::enum_values(MAX_ENUM_VALUES + 1);
    let last = format!(" v{MAX_ENUM_VALUES}]");
    let column = text.lines().nth(12).and_then(|l| l.find(&last));
    let column = u32::try_from(column.expect("the last value") + 2).expect("a column");
    let words = format!("an enum may have at most {MAX_ENUM_VALUES} values");
    refused_at(&text, Some(13), column, &words);
    let text = hostile::one_of(MAX_ENUM_VALUES + 1);
    let column = text.lines().nth(12).and_then(|l| l.rfind(" string]"));
    let column = u32::try_from(column.expect("the last member") + 2).expect("a column");
    let words = format!("a `one_of` may have at most {MAX_ENUM_VALUES} members");
    refused_at(&text, Some(13), column, &words);
}

#[test]
fn a_catalog_past_the_limit_is_refused_at_its_first_type_past_it() {
    // One struct per event schema version.
    loads(&hostile::events(MAX_TYPES, 1));
    let text = hostile::events(MAX_TYPES + 1, 1);
    let event = format!("  - name: e{MAX_TYPES}-v1");
    let line = hostile::line_of(&text, &event).map(|l| l + 7);
    let words = format!("a catalog may have at most {MAX_TYPES} generated types");
    refused_at(&text, line, 18, &words);
    // A shared type is one, and so is each inline object, enum and `one_of`: with `A`, `x-v1`,
    // `b`, `c` and `d`, these make the limit; `c` as an object with an enum makes one more.
    let with = |c: &str| {
        let field = |text: &str| text.to_owned();
        let fields = [
            field("a: { type: A }"),
            format!("b: {{ fields: {{ c: {c} }} }}"),
            field("d: { array: { one_of: [string, integer] } }"),
        ];
        let mut events: Vec<String> = (5..MAX_TYPES)
            .map(|i| hostile::event(&format!("e{i}-v1"), &[]))
            .collect();
        events.push(hostile::event("x-v1", &fields));
        hostile::catalog(&["A: { enum: [y] }".to_owned()], &events)
    };
    loads(&with("{ enum: [x] }"));
    let text = with("{ fields: { e: { enum: [x] } } }");
    let words = format!("this one has {}", MAX_TYPES + 1);
    refused_at(&text, hostile::line_of(&text, "          d:"), 11, &words);
}

/// Events `e0-v1` ... of as many string fields as an object may have, and one with the rest:
/// `count` fields in all.
fn fields_in_all(count: usize) -> Vec<String> {
    (0..count)
        .step_by(MAX_OBJECT_FIELDS)
        .enumerate()
        .map(|(event, start)| {
            let fields: Vec<String> = (start..count.min(start + MAX_OBJECT_FIELDS))
                .map(|i| format!("f{i}: {{ type: string }}"))
                .collect();
            hostile::event(&format!("e{event}-v1"), &fields)
        })
        .collect()
}

#[test]
fn a_catalog_past_the_limit_is_refused_where_its_members_pass_it() {
    // Fields up to the limit, then an event `z-v1` with a field `z` that is an enum of
    // `values` values.
    let with = |fields: usize, values: usize| {
        let values: Vec<String> = (0..values).map(|i| format!("v{i}")).collect();
        let z = format!("z: {{ enum: [{}] }}", values.join(", "));
        let mut events = fields_in_all(fields);
        events.push(hostile::event("z-v1", &[z]));
        hostile::catalog(&[], &events)
    };
    loads(&hostile::catalog(&[], &fields_in_all(MAX_MEMBERS)));
    // The field `z` is one too many, and so is one enum value past the limit.
    let words = format!(
        "a catalog may have at most {MAX_MEMBERS} fields, enum values and `one_of` members in all"
    );
    let text = with(MAX_MEMBERS, 1);
    refused_at(&text, hostile::line_of(&text, "          z:"), 11, &words);
    loads(&with(MAX_MEMBERS - 101, 100));
    let text = with(MAX_MEMBERS - 101, 101);
    let words = format!("this one has {}", MAX_MEMBERS + 1);
    refused_at(&text, hostile::line_of(&text, "          z:"), 11, &words);
}

#[test]
fn every_copy_of_a_duplicated_event_is_reported_with_the_first() {
    let copies = 2_000;
    let text = hostile::duplicates(copies);
    let diagnostics = refused(&text);
    assert_eq!(diagnostics.len(), copies - 1);
    let first = hostile::line_of(&text, "  - name: e-v1").expect("the first copy");
    for (copy, diagnostic) in diagnostics.iter().enumerate() {
        let line = first + 10 * u32::try_from(copy + 1).expect("a line");
        assert_eq!(diagnostic.code, "duplicate-event");
        assert_eq!(diagnostic.location.line, line, "{diagnostic:?}");
        assert_eq!(diagnostic.related[0].0.line, first, "{diagnostic:?}");
    }
}

/// A fresh directory under the target directory's temp space.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("limits-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create a scratch directory");
    dir
}

/// A deep chain and a wide object, each with where its error stands (`file:line:column`).
fn written_cases(dir: &Path) -> Vec<(&'static str, String)> {
    let chain = hostile::chain(130, "{ type: NEXT }");
    let chain_at = hostile::line_of(&chain, "  T29:").map(|l| format!("deep.yaml:{l}:3"));
    let wide = hostile::wide(MAX_OBJECT_FIELDS + 1);
    let field = format!("          f{MAX_OBJECT_FIELDS}:");
    let wide_at = hostile::line_of(&wide, &field).map(|l| format!("wide.yaml:{l}:11"));
    std::fs::write(dir.join("deep.yaml"), chain).expect("write the chain");
    std::fs::write(dir.join("wide.yaml"), wide).expect("write the object");
    vec![
        ("deep.yaml", chain_at.expect("T29")),
        ("wide.yaml", wide_at.expect("the field")),
    ]
}

#[test]
fn the_builder_reports_where_a_limit_is_crossed() {
    let dir = scratch("builder");
    for (file, at) in written_cases(&dir) {
        let err = Builder::new()
            .catalog(file)
            .source(&dir)
            .expect_err("past a limit");
        let message = err.to_string();
        assert!(
            message.contains(&format!("{at}: error[limit]")),
            "{at}: {message}"
        );
    }
}

#[cfg(feature = "cli")]
#[test]
fn check_and_generate_report_where_a_limit_is_crossed() {
    let dir = scratch("cli");
    for (file, at) in written_cases(&dir) {
        for command in ["check", "generate"] {
            let output = std::process::Command::new(env!("CARGO_BIN_EXE_eventcat"))
                .args([command, file])
                .current_dir(&dir)
                .output()
                .expect("run eventcat");
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(output.status.code(), Some(1), "{command} {file}: {stderr}");
            assert!(stderr.contains("error[limit]"), "{stderr}");
            assert!(stderr.contains(&format!("--> {at}\n")), "{at}: {stderr}");
        }
    }
}

#[path = "shared/scaled.rs"]
mod scaled;

/// A catalog ten times today's (its events copied under new names) is accepted: it compiles in
/// release within 2 GB (docs/limits.md has the figures; `generator-check` compiles two copies
/// in every test run). Thirteen copies fit the limits, fourteen do not.
#[test]
fn a_catalog_of_ten_times_todays_events_is_accepted() {
    for copies in [10, 13] {
        let text = scaled::scaled_catalog(copies);
        let loaded = eventcat_codegen::load_str("scaled.yaml", &text)
            .unwrap_or_else(|err| panic!("{copies} copies: {err}"));
        assert_eq!(loaded.catalog.events.len(), copies * 59);
    }
    let refused = refused(&scaled::scaled_catalog(14));
    assert!(refused.iter().all(|d| d.code == "limit"), "{refused:#?}");
}
