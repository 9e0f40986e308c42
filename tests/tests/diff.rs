//! `eventcat diff`: the semantic diff of two catalogs and the verdict of each change for the
//! receiver and the sender of its event.

use eventcat_codegen::diff::{self, Change, Diff, DiffOptions, Role};
use eventcat_codegen::{Catalog, Loaded, import, page};

/// Lifecycle catalog of the older events page (built with `eventcat import --write`).
const OLDER: &str = include_str!("../fixtures/catalogs/older.yaml");
/// The same, brought up to the newer events page.
const NEWER: &str = include_str!("../fixtures/catalogs/newer.yaml");
/// One event per kind of field-level change, before and after.
const FIELDS_OLD: &str = include_str!("../fixtures/catalogs/fields-old.yaml");
const FIELDS_NEW: &str = include_str!("../fixtures/catalogs/fields-new.yaml");

fn load(name: &str, text: &str) -> Catalog {
    loaded(name, text).catalog
}

fn loaded(name: &str, text: &str) -> Loaded {
    match eventcat_codegen::load_str(name, text) {
        Ok(loaded) => loaded,
        Err(err) => panic!("{name} must load:\n{err}"),
    }
}

/// `event [version] [path]: change | receiver: verdict | sender: verdict`.
fn summary(change: &Change) -> String {
    format!(
        "{change} | receiver: {} | sender: {}",
        change.receiver.word(),
        change.sender.word()
    )
}

fn summaries(diff: &Diff) -> Vec<String> {
    diff.changes.iter().map(summary).collect()
}

#[test]
fn the_lifecycle_fixtures_agree_with_their_pages() {
    let pages = [
        (
            include_str!("../fixtures/pages/older-page.md"),
            OLDER,
            "older",
        ),
        (
            include_str!("../fixtures/pages/newer-page.txt"),
            NEWER,
            "newer",
        ),
    ];
    for (page_text, catalog, name) in pages {
        let page = match page::parse(page_text) {
            Ok(page) => page,
            Err(errors) => panic!("{errors}"),
        };
        let comparison = import::compare(&page, &load(name, catalog));
        assert!(
            comparison.differences.is_empty(),
            "{name}: {:?}",
            comparison.differences
        );
    }
}

#[test]
fn the_older_page_to_the_newer_page() {
    let diff = diff::diff(&load("older", OLDER), &load("newer", NEWER), None);
    let mut expected = vec![
        "aw-interaction-focus-v1: status active -> deprecated | receiver: compatible | sender: compatible".to_owned(),
        "aw-interaction-focus-v2: status active -> deprecated | receiver: compatible | sender: compatible".to_owned(),
        "aw-interaction-focus-v2: deprecation date - -> 2025-01-19 | receiver: compatible | sender: compatible".to_owned(),
        "aw-interaction-focus-v2: sunset date - -> 2025-07-19 | receiver: compatible | sender: compatible".to_owned(),
        "aw-interaction-wrap-up-codes-v1 1.0.1: schema version added | receiver: breaking | sender: compatible".to_owned(),
        "aw-interaction-ended-v1: event added | receiver: compatible | sender: compatible".to_owned(),
        "aw-interaction-focus-v3: event added | receiver: compatible | sender: compatible".to_owned(),
        "aw-interaction-started-v1: event added | receiver: compatible | sender: compatible".to_owned(),
    ];
    let call_manager = [
        "call-autoanswer-first-connect",
        "call-caller-number-change",
        "call-conference-drop",
        "call-conference-start",
        "call-connect",
        "call-disconnected",
        "call-failed",
        "call-hold",
        "call-inbound-first-connect",
        "call-incoming-first",
        "call-incoming",
        "call-outbound-first-connect",
        "call-outgoing",
        "call-record-end",
        "call-record-failed",
        "call-record-start",
        "call-transfer-blind-success",
        "call-transfer-failed",
        "call-transfer-success",
        "call-transfer-voicemail-success",
        "mute-disabled",
        "mute-enabled",
    ];
    expected.extend(call_manager.iter().map(|event| {
        format!("call-manager-{event}-v1: event added | receiver: compatible | sender: compatible")
    }));
    assert_eq!(summaries(&diff), expected);
    // A new schema version of a received event breaks the partner, who receives it: decoders
    // generated from the older catalog refuse schemaVersion 1.0.1.
    let breaking: Vec<String> = diff
        .changes
        .iter()
        .filter(|c| c.breaks_partner())
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        breaking,
        ["aw-interaction-wrap-up-codes-v1 1.0.1: schema version added"]
    );
    assert!(diff.breaking(false));
}

/// The status-on-date changes from the older lifecycle catalog to the newer one on `day`.
fn status_on(day: &str) -> Vec<String> {
    let diff = diff::diff(
        &load("older", OLDER),
        &load("newer", NEWER),
        day.parse().ok(),
    );
    diff.changes
        .iter()
        .filter(|c| c.kind.code() == "status-on-date")
        .map(summary)
        .collect()
}

#[test]
fn as_of_adds_what_became_deprecated_or_sunset() {
    // Focus v1 was already deprecated on that day by the older page's dates; focus v2 is sunset
    // by the newer page's.
    assert_eq!(
        status_on("2026-01-01"),
        [
            "aw-interaction-focus-v2: status on 2026-01-01: active -> sunset | receiver: breaking | sender: breaking"
        ]
    );
    // On 1 March 2025 focus v2 is not active yet per the older page, but already deprecated per
    // the newer page's (inconsistent) dates; focus v3, new and active then, is not reported.
    assert_eq!(
        status_on("2025-03-01"),
        [
            "aw-interaction-focus-v2: status on 2025-03-01: upcoming -> deprecated | receiver: compatible | sender: compatible"
        ]
    );
}

#[test]
fn a_catalog_does_not_differ_from_itself() {
    let bundled = match eventcat_codegen::load_bundled() {
        Ok(loaded) => loaded,
        Err(err) => panic!("{err}"),
    };
    let diff = match diff::diff_loaded(&bundled, &bundled, "2026-06-01".parse().ok()) {
        Ok(diff) => diff,
        Err(err) => panic!("a checked catalog plans: {err}"),
    };
    assert_eq!(summaries(&diff), Vec::<String>::new());
    assert!(!diff.breaking(true));
    assert!(diff.names.is_empty());
}

/// The changes of one event of the field-level fixtures.
fn field_case(event: &str) -> Vec<String> {
    let diff = diff::diff(&load("old", FIELDS_OLD), &load("new", FIELDS_NEW), None);
    diff.changes
        .iter()
        .filter(|c| c.event == event)
        .map(|c| {
            let partner = c.partner_role();
            format!(
                "{} | receiver: {} | sender: {} | partner ({}): {}",
                c.to_string().split_once(": ").map_or("", |(_, what)| what),
                c.receiver.word(),
                c.sender.word(),
                partner.as_str(),
                c.verdict(partner).word()
            )
        })
        .collect()
}

#[test]
fn field_added_required() {
    assert_eq!(
        field_case("field-added-required-v1"),
        [
            "field added (required) | receiver: compatible | sender: breaking | partner (receiver): compatible"
        ]
    );
}

#[test]
fn field_added_required_to_an_event_partners_send() {
    assert_eq!(
        field_case("send-field-added-required-v1"),
        [
            "field added (required) | receiver: compatible | sender: breaking | partner (sender): breaking"
        ]
    );
}

#[test]
fn field_added_optional() {
    assert_eq!(
        field_case("field-added-optional-v1"),
        [
            "field added (optional) | receiver: compatible | sender: compatible | partner (sender): compatible"
        ]
    );
}

#[test]
fn field_removed_required() {
    assert_eq!(
        field_case("field-removed-required-v1"),
        [
            "field removed (was required) | receiver: breaking | sender: compatible | partner (receiver): breaking"
        ]
    );
}

#[test]
fn field_removed_optional() {
    assert_eq!(
        field_case("field-removed-optional-v1"),
        [
            "field removed (was optional) | receiver: compatible | sender: compatible | partner (sender): compatible"
        ]
    );
}

#[test]
fn field_made_optional() {
    assert_eq!(
        field_case("field-made-optional-v1"),
        ["made optional | receiver: breaking | sender: compatible | partner (receiver): breaking"]
    );
}

#[test]
fn field_made_required() {
    assert_eq!(
        field_case("field-made-required-v1"),
        ["made required | receiver: compatible | sender: breaking | partner (sender): breaking"]
    );
}

#[test]
fn field_made_nullable() {
    assert_eq!(
        field_case("field-made-nullable-v1"),
        ["made nullable | receiver: breaking | sender: compatible | partner (receiver): breaking"]
    );
}

#[test]
fn field_made_non_nullable() {
    assert_eq!(
        field_case("field-made-non-nullable-v1"),
        [
            "made non-nullable | receiver: compatible | sender: breaking | partner (sender): breaking"
        ]
    );
}

#[test]
fn field_widened_from_integer_to_number() {
    assert_eq!(
        field_case("field-widened-v1"),
        [
            "retyped integer -> number | receiver: breaking | sender: compatible | partner (sender): compatible"
        ]
    );
}

#[test]
fn field_narrowed_from_number_to_integer() {
    assert_eq!(
        field_case("field-narrowed-v1"),
        [
            "retyped number -> integer | receiver: compatible | sender: breaking | partner (receiver): compatible"
        ]
    );
}

#[test]
fn field_retyped() {
    assert_eq!(
        field_case("field-retyped-v1"),
        [
            "retyped string -> boolean | receiver: breaking | sender: breaking | partner (receiver): breaking"
        ]
    );
}

#[test]
fn constant_widened_to_its_scalar() {
    assert_eq!(
        field_case("constant-widened-v1"),
        [
            "retyped const \"mapEvent\" -> string | receiver: breaking | sender: compatible | partner (receiver): breaking"
        ]
    );
}

#[test]
fn enum_value_added_to_a_shared_type() {
    assert_eq!(
        field_case("enum-value-added-v1"),
        [
            "enum value `sms` added | receiver: breaking | sender: compatible | partner (receiver): breaking"
        ]
    );
}

#[test]
fn enum_value_removed() {
    assert_eq!(
        field_case("enum-value-removed-v1"),
        [
            "enum value `manual` removed | receiver: compatible | sender: breaking | partner (sender): breaking"
        ]
    );
}

#[test]
fn constant_changed() {
    assert_eq!(
        field_case("constant-changed-v1"),
        [
            "constant \"mapEvent\" -> \"mapEvents\" | receiver: breaking | sender: breaking | partner (sender): breaking"
        ]
    );
}

#[test]
fn nested_field_added_inside_array_items() {
    let diff = diff::diff(&load("old", FIELDS_OLD), &load("new", FIELDS_NEW), None);
    let change = diff
        .changes
        .iter()
        .find(|c| c.event == "nested-field-added-v1");
    assert_eq!(
        change.map(|c| (c.version.as_ref().map(ToString::to_string), c.path.clone())),
        Some((
            Some("1.0.0".to_owned()),
            Some("messages[].author".to_owned())
        ))
    );
    assert_eq!(
        field_case("nested-field-added-v1"),
        [
            "field added (required) | receiver: compatible | sender: breaking | partner (receiver): compatible"
        ]
    );
}

#[test]
fn union_member_added() {
    assert_eq!(
        field_case("union-member-added-v1"),
        [
            "one_of member map of string added | receiver: breaking | sender: compatible | partner (receiver): breaking"
        ]
    );
}

#[test]
fn map_values_made_nullable() {
    assert_eq!(
        field_case("element-made-nullable-v1"),
        ["made nullable | receiver: breaking | sender: compatible | partner (receiver): breaking"]
    );
}

#[test]
fn renaming_a_shared_type_that_keeps_its_structure_changes_nothing() {
    assert_eq!(field_case("type-renamed-v1"), Vec::<String>::new());
}

#[test]
fn schema_version_added() {
    assert_eq!(
        field_case("schema-version-added-v1"),
        [
            "schema version added | receiver: breaking | sender: compatible | partner (sender): compatible"
        ]
    );
}

#[test]
fn schema_version_removed() {
    assert_eq!(
        field_case("schema-version-removed-v1"),
        [
            "schema version removed | receiver: compatible | sender: breaking | partner (receiver): compatible"
        ]
    );
}

#[test]
fn event_added_and_removed() {
    assert_eq!(
        field_case("event-added-v1"),
        ["event added | receiver: compatible | sender: compatible | partner (sender): compatible"]
    );
    assert_eq!(
        field_case("event-removed-v1"),
        ["event removed | receiver: breaking | sender: breaking | partner (receiver): breaking"]
    );
}

#[test]
fn direction_product_and_status_changes() {
    assert_eq!(
        field_case("direction-changed-v1"),
        [
            "direction received -> send | receiver: breaking | sender: breaking | partner (sender): breaking"
        ]
    );
    assert_eq!(
        field_case("product-changed-v1"),
        [
            "product alpha -> beta | receiver: compatible | sender: compatible | partner (receiver): compatible"
        ]
    );
    assert_eq!(
        field_case("status-sunset-v1"),
        [
            "status deprecated -> sunset | receiver: breaking | sender: breaking | partner (sender): breaking"
        ]
    );
}

#[test]
fn every_field_case_is_covered_and_the_fixture_pair_breaks_partners() {
    let old = load("old", FIELDS_OLD);
    let new = load("new", FIELDS_NEW);
    let diff = diff::diff(&old, &new, None);
    let kinds: std::collections::BTreeSet<&str> =
        diff.changes.iter().map(|c| c.kind.code()).collect();
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        [
            "constant-changed",
            "direction-changed",
            "enum-value-added",
            "enum-value-removed",
            "event-added",
            "event-removed",
            "field-added",
            "field-made-optional",
            "field-made-required",
            "field-removed",
            "field-retyped",
            "made-non-nullable",
            "made-nullable",
            "product-changed",
            "schema-version-added",
            "schema-version-removed",
            "status-changed",
            "union-member-added",
        ]
    );
    assert!(diff.breaking(false));
    // The reverse diff swaps the roles' verdicts for field changes.
    let reverse = diff::diff(&new, &old, None);
    let added = reverse
        .changes
        .iter()
        .find(|c| c.event == "field-removed-required-v1");
    assert_eq!(
        added.map(|c| (
            c.to_string(),
            c.verdict(Role::Receiver).breaking,
            c.verdict(Role::Sender).breaking
        )),
        Some((
            "field-removed-required-v1 1.0.0 b: field added (required)".to_owned(),
            false,
            true
        ))
    );
}

#[test]
fn the_json_report_carries_both_verdicts_and_their_reasons() {
    let diff = diff::diff(&load("old", FIELDS_OLD), &load("new", FIELDS_NEW), None);
    let json = diff.to_json(false);
    let change = json["changes"]
        .as_array()
        .and_then(|changes| {
            changes
                .iter()
                .find(|c| c["event"] == "field-made-optional-v1")
        })
        .cloned()
        .unwrap_or_default();
    assert_eq!(change["kind"], "field-made-optional");
    assert_eq!(change["schema_version"], "1.0.0");
    assert_eq!(change["path"], "a");
    assert_eq!(change["partner_role"], "receiver");
    assert_eq!(change["receiver"]["verdict"], "breaking");
    assert_eq!(
        change["receiver"]["reason"],
        "new payloads may omit `a`, which decoders built from the old catalog require"
    );
    assert_eq!(change["sender"]["verdict"], "compatible");
    assert_eq!(change["breaks_partner"], true);
    assert_eq!(json["breaking"], true);
    assert_eq!(json["breaking_for_partners"], 16);
}

/// A catalog of one received event whose 1.0.0 fields are `fields` and whose shared types are
/// `types` (YAML lines, indented under `types:` and `fields:`).
fn typed_catalog(types: &str, fields: &str) -> String {
    format!(
        "products:\n  p: {{ title: P }}\ntypes:\n{types}events:\n{}",
        event_x(&format!(
            "      - version: 1.0.0\n        fields:\n{fields}"
        ))
    )
}

#[test]
fn a_long_chain_of_aliases_is_followed_to_its_end() {
    // A0 -> A1 -> ... -> A99 -> string: a catalog does not differ from itself, and retyping the
    // end of the chain is one change at the field.
    let chain = |end: &str| {
        let mut types: String = (0..99)
            .map(|i| format!("  A{i}: {{ type: A{} }}\n", i + 1))
            .collect();
        types.push_str(&format!("  A99: {{ type: {end} }}\n"));
        typed_catalog(&types, "          a: { type: A0, doc: A. }\n")
    };
    let old = load("old", &chain("string"));
    assert_eq!(
        summaries(&diff::diff(&old, &old, None)),
        Vec::<String>::new()
    );
    let new = load("new", &chain("boolean"));
    assert_eq!(
        summaries(&diff::diff(&old, &new, None)),
        ["x-v1 1.0.0 a: retyped A0 -> A0 | receiver: breaking | sender: breaking"]
    );
}

#[test]
fn a_change_in_a_shared_type_is_reported_at_every_path_that_uses_it() {
    let catalog = |values: &str| {
        typed_catalog(
            &format!(
                "  Channel: {{ enum: [{values}] }}
  Leg: {{ fields: {{ channel: {{ type: Channel }}, next: {{ array: Leg }} }} }}
"
            ),
            "          first: { type: Channel, doc: A. }
          second: { type: Channel, doc: B. }
          legs: { array: Leg, doc: C. }
          byId: { map: Leg, doc: D. }
",
        )
    };
    let old = load("old", &catalog("phone, chat"));
    let new = load("new", &catalog("phone, chat, sms"));
    let diff = diff::diff(&old, &new, None);
    let paths: Vec<String> = diff.changes.iter().filter_map(|c| c.path.clone()).collect();
    assert_eq!(
        paths,
        ["first", "second", "legs[].channel", "byId{}.channel"],
        "{:#?}",
        summaries(&diff)
    );
    assert!(diff.changes.iter().all(|c| c.receiver.breaking));
}

#[test]
fn a_required_field_added_to_a_shared_type_names_each_full_path() {
    let catalog = |extra: &str| {
        typed_catalog(
            &format!("  Queue: {{ fields: {{ id: {{ type: string }}{extra} }} }}\n"),
            "          queue: { type: Queue, doc: A. }
          backup: { type: Queue, doc: B. }
",
        )
    };
    let old = load("old", &catalog(""));
    let new = load("new", &catalog(", name: { type: string }"));
    let diff = diff::diff(&old, &new, None);
    let reasons: Vec<&str> = diff
        .changes
        .iter()
        .map(|c| c.sender.reason.as_str())
        .collect();
    assert_eq!(
        reasons,
        [
            "decoders built from the new catalog require `queue.name`, which payloads written to \
             the old one lack",
            "decoders built from the new catalog require `backup.name`, which payloads written to \
             the old one lack",
        ]
    );
}

#[test]
fn a_shared_type_used_at_exponentially_many_paths_is_listed_up_to_the_limit() {
    // T0 uses T1 twice, T1 uses T2 twice, ... T39 uses Leaf twice: 2^40 paths reach Leaf.
    let catalog = |values: &str| {
        let mut types: String = (0..39)
            .map(|i| {
                format!(
                    "  T{i}: {{ fields: {{ a: {{ type: T{n} }}, b: {{ type: T{n} }} }} }}\n",
                    n = i + 1
                )
            })
            .collect();
        types.push_str("  T39: { fields: { a: { type: Leaf }, b: { type: Leaf } } }\n");
        types.push_str(&format!("  Leaf: {{ enum: [{values}] }}\n"));
        typed_catalog(&types, "          root: { type: T0, doc: A. }\n")
    };
    let old = load("old", &catalog("a"));
    let new = load("new", &catalog("a, b"));
    let diff = diff::diff(&old, &new, None);
    assert_eq!(diff.changes.len(), diff::MAX_CHANGES);
    assert_eq!(diff.omitted_count(), (1usize << 40) - diff::MAX_CHANGES);
    assert!(diff.breaking(false));
    assert_eq!(
        diff.changes.first().and_then(|c| c.path.as_deref()),
        Some(format!("root{}", ".a".repeat(40)).as_str())
    );
    assert!(diff.omitted_breaking(false));
}

#[test]
fn a_chain_of_thousands_of_nested_types_is_compared_without_running_out_of_stack() {
    // Built in memory (loading such a catalog is the validator's business): T0 { x: T1 }, ...,
    // T4999 { x: Leaf }, Leaf an enum that gains a value.
    let catalog = |values: &[&str]| {
        let mut catalog = load(
            "chain",
            &typed_catalog(
                "  T0: { fields: { x: { type: string } } }\n",
                "          root: { type: T0, doc: A. }\n",
            ),
        );
        let Some(field) = catalog.types.first().and_then(|t| match &t.shape {
            eventcat_codegen::model::Shape::Object(fields) => fields.first().cloned(),
            _ => None,
        }) else {
            panic!("T0 has a field");
        };
        let template = catalog.types[0].clone();
        catalog.types = (0..5_000)
            .map(|i| {
                let next = if i == 4_999 {
                    "Leaf".to_owned()
                } else {
                    format!("T{}", i + 1)
                };
                let mut field = field.clone();
                field.shape = eventcat_codegen::model::Shape::Named(next);
                eventcat_codegen::model::TypeDecl {
                    name: format!("T{i}"),
                    shape: eventcat_codegen::model::Shape::Object(vec![field]),
                    ..template.clone()
                }
            })
            .collect();
        catalog.types.push(eventcat_codegen::model::TypeDecl {
            name: "Leaf".to_owned(),
            shape: eventcat_codegen::model::Shape::Enum(
                values.iter().map(|v| (*v).to_owned()).collect(),
            ),
            ..template
        });
        catalog
    };
    let diff = diff::diff(&catalog(&["a"]), &catalog(&["a", "b"]), None);
    let paths: Vec<Option<String>> = diff.changes.iter().map(|c| c.path.clone()).collect();
    assert_eq!(paths, [Some(format!("root{}", ".x".repeat(5_000)))]);
}

// ------------------------------------------------------------------------------------------------
// Rust names.

/// The diff of two catalog texts, with their Rust names.
fn diff_with_names(old: &str, new: &str) -> Diff {
    let (old, new) = (loaded("old", old), loaded("new", new));
    match diff::diff_loaded(&old, &new, None) {
        Ok(diff) => diff,
        Err(err) => panic!("a checked catalog plans: {err}"),
    }
}

/// `added NAME: meaning`, `removed NAME: meaning`, `changed NAME: old -> new`, in that order.
fn name_lines(diff: &Diff) -> Vec<String> {
    let names = &diff.names;
    let added = names
        .added
        .iter()
        .map(|n| format!("added {}: {}", n.name, n.meaning));
    let removed = names
        .removed
        .iter()
        .map(|n| format!("removed {}: {}", n.name, n.meaning));
    let changed = names
        .changed
        .iter()
        .map(|c| format!("changed {}: {} -> {}", c.name, c.old, c.new));
    added.chain(removed).chain(changed).collect()
}

/// A catalog of products `p`, with `events` (YAML list items, indented under `events:`).
fn events_catalog(events: &str) -> String {
    format!("products:\n  p: {{ title: P }}\nevents:\n{events}")
}

/// The received event `x-v1` with the given schema versions (YAML, indented under
/// `schema_versions:`).
fn event_x(versions: &str) -> String {
    format!(
        "  - name: x-v1
    product: p
    direction: received
    status: active
    active_date: 2025-01-01
    doc: X.
    schema_versions:
{versions}"
    )
}

const X_1_0_0: &str = "      - version: 1.0.0
        fields:
          status: { enum: [open, closed] }
";

#[test]
fn adding_schema_version_1_0_1_only_adds_names() {
    let old = events_catalog(&event_x(X_1_0_0));
    let new = events_catalog(&event_x(&format!(
        "{X_1_0_0}      - version: 1.0.1
        fields:
          status: {{ enum: [open, closed] }}
          agent: {{ type: string }}
"
    )));
    let diff = diff_with_names(&old, &new);
    assert_eq!(
        name_lines(&diff),
        [
            "added ReceivedEvent::XV1_0_1: variant for event `x-v1` schema version 1.0.1",
            "added X: enum for the `x` family",
            "added X::V1: variant for event `x-v1` schema version 1.0.0",
            "added X::V1_0_1: variant for event `x-v1` schema version 1.0.1",
            "added XV1::upgrade_to_v1_0_1: method upgrading to `XV1_0_1`, taking (String)",
            "added XV1_0_1: struct for event `x-v1` schema version 1.0.1",
            "added XV1_0_1Status: string enum for the `status` part of `XV1_0_1`",
            "added impl From<X> for XV1: conversion of any version of the `x` family into its \
             oldest",
            "added impl From<XV1Status> for XV1_0_1Status: conversion",
            "added impl From<XV1_0_1> for XV1: conversion",
            "added impl From<XV1_0_1Status> for XV1Status: conversion",
        ]
    );
    assert!(!diff.names.breaking());
    // The new version breaks receivers built from the old catalog (it refuses 1.0.1), not the
    // names their code uses.
    assert_eq!(
        summaries(&diff),
        ["x-v1 1.0.1: schema version added | receiver: breaking | sender: compatible"]
    );
}

#[test]
fn removing_an_event_removes_its_names() {
    let y = "  - name: y-v1
    product: p
    direction: send
    status: active
    active_date: 2025-01-01
    doc: Y.
    schema_versions:
      - version: 1.0.0
        fields:
          mode: { enum: [auto, manual] }
";
    let old = events_catalog(&format!("{}{y}", event_x(X_1_0_0)));
    let new = events_catalog(&event_x(X_1_0_0));
    let diff = diff_with_names(&old, &new);
    assert_eq!(
        name_lines(&diff),
        [
            "removed SendEvent::YV1: variant for event `y-v1` schema version 1.0.0",
            "removed YV1: struct for event `y-v1` schema version 1.0.0",
            "removed YV1Mode: string enum for the `mode` part of `YV1`",
        ]
    );
    assert!(diff.names.breaking());
}

#[test]
fn a_name_that_means_something_else_is_changed_and_breaks_partners() {
    // `queue`, an optional array of objects, goes; `queueItem`, an optional object, comes: both
    // compatible for the partner, who receives the event. But `XV1QueueItem` was the type of
    // `queue`'s items and is now the type of `queueItem`, and `XV1Status`, a string enum, is now
    // a struct.
    let old = events_catalog(&event_x(
        "      - version: 1.0.0
        fields:
          status: { enum: [open, closed] }
          queue: { optional: true, array: { fields: { id: { type: string } } } }
",
    ));
    let new = events_catalog(&event_x(
        "      - version: 1.0.0
        fields:
          status: { fields: { open: { type: boolean } } }
          queueItem: { optional: true, fields: { id: { type: string } } }
",
    ));
    let diff = diff_with_names(&old, &new);
    assert_eq!(
        name_lines(&diff),
        [
            "changed XV1QueueItem: struct for the `QueueItem` part of `XV1` -> struct for the \
             `queueItem` part of `XV1`",
            "changed XV1Status: string enum for the `status` part of `XV1` -> struct for the \
             `status` part of `XV1`",
        ]
    );
    assert!(diff.names.breaking());
    assert!(diff.breaking(false));
}

#[test]
fn renaming_a_shared_type_changes_no_payload_but_removes_its_name() {
    let catalog = |name: &str| {
        typed_catalog(
            &format!("  {name}: {{ fields: {{ id: {{ type: string }} }} }}\n"),
            &format!("          queue: {{ type: {name}, doc: A. }}\n"),
        )
    };
    let diff = diff_with_names(&catalog("Queue"), &catalog("QueueRef"));
    assert_eq!(summaries(&diff), Vec::<String>::new());
    assert_eq!(
        name_lines(&diff),
        [
            "added QueueRef: struct for catalog type `QueueRef`",
            "removed Queue: struct for catalog type `Queue`",
        ]
    );
    // No change breaks a payload, yet code naming `Queue` stops compiling: the diff breaks
    // partners, and `diff` exits 2.
    assert!(diff.breaking(false));
    assert_eq!(diff.to_json(false)["breaking"], true);
}

#[test]
fn an_upgrade_method_that_takes_other_arguments_is_changed() {
    let catalog = |agent: &str| {
        events_catalog(&event_x(&format!(
            "{X_1_0_0}      - version: 1.0.1
        fields:
          status: {{ enum: [open, closed] }}
          agent: {{ type: {agent} }}
"
        )))
    };
    let diff = diff_with_names(&catalog("string"), &catalog("integer"));
    assert_eq!(
        name_lines(&diff),
        [
            "changed XV1::upgrade_to_v1_0_1: method upgrading to `XV1_0_1`, taking (String) -> \
             method upgrading to `XV1_0_1`, taking (i64)"
        ]
    );
}

#[test]
fn diff_files_lists_the_rust_names_and_gives_them_in_json() {
    let fixture = |name: &str| {
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/catalogs")
            .join(name)
    };
    let (old, new) = (fixture("fields-old.yaml"), fixture("fields-new.yaml"));
    let report = match diff::diff_files(&old, &new, &DiffOptions::default()) {
        Ok(report) => report,
        Err(err) => panic!("the fixtures load: {err}"),
    };
    assert!(report.breaking());
    let names = &report.diff.names;
    assert_eq!(
        (names.added.len(), names.removed.len(), names.changed.len()),
        (12, 12, 0)
    );
    assert!(
        names
            .removed
            .iter()
            .any(|n| n.name == "Queue" && n.meaning == "struct for catalog type `Queue`"),
        "{names:?}"
    );
    let json = report.to_json();
    let names = &json["rust_names"];
    assert_eq!(names["breaking"], true);
    assert_eq!(
        names["added"][1],
        serde_json::json!({"name": "QueueRef", "meaning": "struct for catalog type `QueueRef`"})
    );
    assert_eq!(names["removed"].as_array().map(Vec::len), Some(12));
    assert_eq!(names["changed"], serde_json::json!([]));
    // A catalog against itself: no name changes, nothing breaks.
    let same = match diff::diff_files(&old, &old, &DiffOptions::default()) {
        Ok(report) => report,
        Err(err) => panic!("the fixture loads: {err}"),
    };
    assert!(same.diff.names.is_empty());
    assert!(!same.breaking());
}

#[test]
fn item_bounds_tightened_break_senders_and_loosened_break_receivers() {
    let catalog = |a: &str, b: &str| {
        typed_catalog(
            "  Names: { array: string }\n",
            &format!(
                "          a: {{ array: string, {a}doc: A. }}\n          b: {{ array: string, {b}doc: B. }}\n"
            ),
        )
    };
    let old = load(
        "old",
        &catalog("min_items: 1, max_items: 5, ", "min_items: 2, "),
    );
    let new = load(
        "new",
        &catalog("min_items: 2, max_items: 3, ", "max_items: 4, "),
    );
    let diff = diff::diff(&old, &new, None);
    assert_eq!(
        summaries(&diff),
        [
            "x-v1 1.0.0 a: min_items 1 -> 2 | receiver: compatible | sender: breaking",
            "x-v1 1.0.0 a: max_items 5 -> 3 | receiver: compatible | sender: breaking",
            "x-v1 1.0.0 b: min_items 2 -> - | receiver: breaking | sender: compatible",
            "x-v1 1.0.0 b: max_items - -> 4 | receiver: compatible | sender: breaking",
        ]
    );
    let codes: Vec<&str> = diff.changes.iter().map(|c| c.kind.code()).collect();
    assert_eq!(
        codes,
        [
            "min-items-changed",
            "max-items-changed",
            "min-items-changed",
            "max-items-changed"
        ]
    );
    // Tightening: payloads written to the old catalog (old traffic) may fail the new bounds.
    assert_eq!(
        diff.changes[0].sender.reason,
        "payloads written to the old catalog may carry fewer than 2 items in `a`, which decoders \
         built from the new one refuse"
    );
    assert_eq!(
        diff.changes[2].receiver.reason,
        "new payloads may carry fewer than 2 items in `b`, which decoders built from the old \
         catalog refuse"
    );
    // The other way round, each verdict swaps.
    let back = diff::diff(&new, &old, None);
    assert_eq!(
        summaries(&back),
        [
            "x-v1 1.0.0 a: min_items 2 -> 1 | receiver: breaking | sender: compatible",
            "x-v1 1.0.0 a: max_items 3 -> 5 | receiver: breaking | sender: compatible",
            "x-v1 1.0.0 b: min_items - -> 2 | receiver: compatible | sender: breaking",
            "x-v1 1.0.0 b: max_items 4 -> - | receiver: breaking | sender: compatible",
        ]
    );
    // A bound of zero items is no bound.
    let zero = load(
        "zero",
        &catalog("min_items: 1, max_items: 5, ", "min_items: 0, "),
    );
    let none = load("none", &catalog("min_items: 1, max_items: 5, ", ""));
    assert_eq!(
        summaries(&diff::diff(&zero, &none, None)),
        Vec::<String>::new()
    );
}

#[test]
fn item_bounds_of_a_shared_array_type_are_compared_through_aliases() {
    let catalog = |calls: &str| {
        typed_catalog(
            &format!("  Calls: {{ array: string{calls} }}\n  CallsAlias: {{ type: Calls }}\n"),
            "          calls: { type: CallsAlias, doc: A. }\n          more: { type: Calls, doc: B. }\n",
        )
    };
    let old = load("old", &catalog(", min_items: 1"));
    let new = load("new", &catalog(", min_items: 2"));
    let diff = diff::diff(&old, &new, None);
    assert_eq!(
        summaries(&diff),
        [
            "x-v1 1.0.0 calls: min_items 1 -> 2 | receiver: compatible | sender: breaking",
            "x-v1 1.0.0 more: min_items 1 -> 2 | receiver: compatible | sender: breaking",
        ]
    );
    // For a received event the partner is the receiver: tightening breaks only with --strict.
    assert!(!diff.breaking(false));
    assert!(diff.breaking(true));
    // An inline array with the same bounds as the shared type is no change.
    let inline = load(
        "inline",
        &typed_catalog(
            "  Unused: { type: string }\n",
            "          calls: { array: string, min_items: 2, doc: A. }\n          more: { array: string, min_items: 2, doc: B. }\n",
        ),
    );
    assert_eq!(
        summaries(&diff::diff(&new, &inline, None)),
        Vec::<String>::new()
    );
}
