//! Facts about the bundled catalog: its events, its lints and spot checks of its payloads.

use std::collections::BTreeMap;

#[path = "../../codegen/tests/shared/bundled_lines.rs"]
mod bundled_lines;

use bundled_lines::bundled_line;
use eventcat_codegen::model::{Catalog, Field, Payload, Scalar, Shape};
use eventcat_codegen::{BUNDLED_CATALOG, Loaded, Severity};

fn bundled() -> Loaded {
    match eventcat_codegen::load_bundled() {
        Ok(loaded) => loaded,
        Err(err) => panic!("the bundled catalog must load:\n{err}"),
    }
}

/// The fields of the only schema version of `event`.
fn single_version_fields<'a>(catalog: &'a Catalog, event: &str) -> &'a [Field] {
    let event = catalog.event(event).expect("event exists");
    assert_eq!(event.schema_versions.len(), 1, "{} versions", event.name);
    match &event.schema_versions[0].payload {
        Payload::Fields(fields) => fields,
        Payload::Type(name) => panic!("{} has payload type {name}", event.name),
    }
}

/// The `nth` (0-based) name quoted in backticks in a message, or "".
fn quoted(message: &str, nth: usize) -> &str {
    message.split('`').nth(2 * nth + 1).unwrap_or("")
}

#[test]
fn has_59_events_by_product() {
    let catalog = bundled().catalog;
    assert_eq!(catalog.events.len(), 59);
    let mut by_product: BTreeMap<&str, usize> = BTreeMap::new();
    for event in &catalog.events {
        *by_product.entry(event.product.as_str()).or_default() += 1;
    }
    let expected = BTreeMap::from([
        ("agent-workspace", 15),
        ("call-manager", 22),
        ("global", 1),
        ("maestro", 21),
    ]);
    assert_eq!(by_product, expected);
    let products: Vec<&str> = catalog.products.keys().map(String::as_str).collect();
    assert_eq!(
        products,
        ["agent-workspace", "call-manager", "global", "maestro"]
    );
}

#[test]
fn event_names_are_unique_and_versioned() {
    let catalog = bundled().catalog;
    let mut seen = std::collections::BTreeSet::new();
    for event in &catalog.events {
        assert!(seen.insert(&event.name), "{} is listed twice", event.name);
        assert_eq!(event.name, format!("{}-v{}", event.family, event.major));
        for version in &event.schema_versions {
            assert_eq!(version.version.major, event.major, "{}", event.name);
        }
    }
}

#[test]
fn exactly_the_four_known_lints() {
    let report = bundled().report;
    assert!(!report.has_errors());
    let lints: Vec<(&str, &str, &str, u32)> = report
        .diagnostics
        .iter()
        .map(|d| {
            assert_eq!(d.severity, Severity::Warning, "{d:?}");
            (
                d.code,
                quoted(&d.message, 0),
                quoted(&d.message, 1),
                d.location.line,
            )
        })
        .collect();
    let focus_v2 = bundled_line("  - name: aw-interaction-focus-v2", 1);
    let focus_v3 = bundled_line("  - name: aw-interaction-focus-v3", 1) as u32;
    let deprecation = bundled_line("    deprecation_date:", focus_v2) as u32;
    let sunset = bundled_line("    sunset_date:", focus_v2) as u32;
    assert_eq!(
        lints,
        [
            (
                "deprecated-before-active",
                "aw-interaction-focus-v2",
                "",
                deprecation
            ),
            (
                "sunset-before-active",
                "aw-interaction-focus-v2",
                "",
                sunset
            ),
            (
                "newer-active-before-older",
                "aw-interaction-focus-v3",
                "aw-interaction-focus-v1",
                focus_v3
            ),
            (
                "newer-active-before-older",
                "aw-interaction-focus-v3",
                "aw-interaction-focus-v2",
                focus_v3
            ),
        ]
    );
}

#[test]
fn wrap_up_codes_has_two_schema_versions() {
    let catalog = bundled().catalog;
    let event = catalog
        .event("aw-interaction-wrap-up-codes-v1")
        .expect("event exists");
    let versions: Vec<String> = event
        .schema_versions
        .iter()
        .map(|v| v.version.to_string())
        .collect();
    assert_eq!(versions, ["1.0.0", "1.0.1"]);
    for event in &catalog.events {
        if event.name != "aw-interaction-wrap-up-codes-v1" {
            assert_eq!(event.schema_versions.len(), 1, "{}", event.name);
        }
    }
}

#[test]
fn focus_v3_payload() {
    let catalog = bundled().catalog;
    let fields = single_version_fields(&catalog, "aw-interaction-focus-v3");
    let summary: Vec<(&str, &str, &Shape, bool)> = fields
        .iter()
        .map(|f| {
            (
                f.wire_name.as_str(),
                f.rust_name.as_str(),
                &f.shape,
                f.optional,
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "interactionId",
                "interaction_id",
                &Shape::Scalar(Scalar::String),
                false
            ),
            ("queue", "queue", &Shape::Named("Queue".to_owned()), false),
            (
                "isManual",
                "is_manual",
                &Shape::Scalar(Scalar::Boolean),
                false
            ),
        ]
    );
    let queue = catalog.type_decl("Queue").expect("Queue is declared");
    let Shape::Object(queue_fields) = &queue.shape else {
        panic!("Queue is an object");
    };
    let names: Vec<&str> = queue_fields.iter().map(|f| f.wire_name.as_str()).collect();
    assert_eq!(names, ["id", "queueId", "queueName"]);
}

#[test]
fn call_object_has_46_optional_fields() {
    let catalog = bundled().catalog;
    let decl = catalog
        .type_decl("CallObject")
        .expect("CallObject is declared");
    let Shape::Object(fields) = &decl.shape else {
        panic!("CallObject is an object");
    };
    assert_eq!(fields.len(), 46);
    assert!(fields.iter().all(|f| f.optional && !f.nullable));
    let call_id = fields
        .iter()
        .find(|f| f.wire_name == "callID")
        .expect("callID");
    assert_eq!(call_id.rust_name, "call_id");
    let mos = fields
        .iter()
        .find(|f| f.wire_name == "accumulatedMOSLQ")
        .expect("accumulatedMOSLQ");
    assert_eq!(mos.shape, Shape::Scalar(Scalar::Number));
}

#[test]
fn wire_name_type_becomes_raw_identifier() {
    let catalog = bundled().catalog;
    let decl = catalog.type_decl("ChatMessage").expect("ChatMessage");
    let Shape::Object(fields) = &decl.shape else {
        panic!("ChatMessage is an object");
    };
    let field = fields.iter().find(|f| f.wire_name == "type").expect("type");
    assert_eq!(field.rust_name, "r#type");
    assert_eq!(eventcat_codegen::rust_field_name("type"), "r#type");
    let translated = fields
        .iter()
        .find(|f| f.wire_name == "translatedMessage")
        .expect("translatedMessage");
    assert!(translated.optional && translated.nullable);
}

#[test]
fn every_field_has_a_doc() {
    fn walk(shape: &Shape, path: &str, missing: &mut Vec<String>) {
        match shape {
            Shape::Object(fields) => {
                for field in fields {
                    let path = format!("{path}.{}", field.wire_name);
                    if field.doc.as_deref().is_none_or(str::is_empty) {
                        missing.push(path.clone());
                    }
                    walk(&field.shape, &path, missing);
                }
            }
            Shape::Array(e, _) | Shape::Map(e) => walk(&e.shape, &format!("{path}[]"), missing),
            Shape::OneOf(members) => {
                for m in members {
                    walk(&m.shape, path, missing);
                }
            }
            _ => {}
        }
    }
    let catalog = bundled().catalog;
    let mut missing = Vec::new();
    for decl in &catalog.types {
        walk(&decl.shape, &decl.name, &mut missing);
    }
    for event in &catalog.events {
        for version in &event.schema_versions {
            if let Payload::Fields(fields) = &version.payload {
                let path = format!("{}@{}", event.name, version.version);
                walk(&Shape::Object(fields.clone()), &path, &mut missing);
            }
        }
    }
    assert!(missing.is_empty(), "fields without a doc: {missing:#?}");
}

/// The catalog bundled inside `eventcat-codegen` (so the crate can be published) is a copy of
/// the workspace's `catalog.yaml`, the one source that is edited.
#[test]
fn bundled_copy_equals_the_root_catalog() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../catalog.yaml");
    let root = std::fs::read_to_string(&root).expect("read the workspace catalog.yaml");
    assert!(
        root == BUNDLED_CATALOG,
        "codegen/catalog.yaml differs from catalog.yaml; refresh it with `cp catalog.yaml codegen/catalog.yaml`"
    );
}
