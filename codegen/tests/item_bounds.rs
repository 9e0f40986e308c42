//! `min_items` and `max_items`: every shared type knows its bounds through any chain of aliases,
//! and the JSON Schema export states them (the plan's unit tests follow them to each field).

use std::collections::BTreeMap;

use eventcat_codegen::Catalog;
use eventcat_codegen::Location;
use eventcat_codegen::model::{Element, ItemBounds, Scalar, Shape, TypeDecl};

/// A catalog with bounds on a field's own array, on a shared array type and through aliases.
const CATALOG: &str = include_str!("item_bounds.yaml");

fn load(text: &str) -> Catalog {
    match eventcat_codegen::load_str("bounds.yaml", text) {
        Ok(loaded) => loaded.catalog,
        Err(err) => panic!("the catalog must load:\n{err}"),
    }
}

#[test]
fn every_shared_type_knows_its_bounds_through_its_aliases() {
    let catalog = load(CATALOG);
    let shared = catalog.type_item_bounds();
    let calls = ItemBounds {
        min: Some(1),
        max: Some(3),
    };
    assert_eq!(shared.get("Calls"), Some(&calls));
    assert_eq!(shared.get("CallsAlias"), Some(&calls));
    assert_eq!(shared.get("CallsAliasAlias"), Some(&calls));
    assert_eq!(shared.get("Names"), Some(&ItemBounds::NONE));
    assert_eq!(
        ItemBounds::of(&Shape::Named("CallsAliasAlias".to_owned()), &shared),
        calls
    );
    assert_eq!(
        ItemBounds::of(&Shape::Scalar(Scalar::String), &shared),
        ItemBounds::NONE
    );
    assert!(calls.admits(1) && calls.admits(3));
    assert!(!calls.admits(0) && !calls.admits(4));
    assert_eq!(calls.to_string(), "min_items 1, max_items 3");
}

/// A cycle of aliases, which validation refuses, still ends: a model built by hand.
#[test]
fn a_cycle_of_aliases_has_no_bounds() {
    let decl = |name: &str, shape: Shape| TypeDecl {
        name: name.to_owned(),
        doc: None,
        shape,
        location: Location::default(),
    };
    let bounded = ItemBounds {
        min: Some(2),
        max: None,
    };
    let element = Element {
        shape: Shape::Scalar(Scalar::String),
        nullable: false,
    };
    let catalog = Catalog {
        products: BTreeMap::new(),
        types: vec![
            decl("A", Shape::Named("B".to_owned())),
            decl("B", Shape::Named("A".to_owned())),
            decl("C", Shape::Named("D".to_owned())),
            decl("D", Shape::Array(Box::new(element), bounded)),
            decl("E", Shape::Named("Unknown".to_owned())),
        ],
        events: Vec::new(),
    };
    let shared = catalog.type_item_bounds();
    assert_eq!(shared.get("A"), Some(&ItemBounds::NONE));
    assert_eq!(shared.get("B"), Some(&ItemBounds::NONE));
    assert_eq!(shared.get("C"), Some(&bounded));
    assert_eq!(shared.get("E"), Some(&ItemBounds::NONE));
}

#[test]
fn the_conference_start_schema_bounds_its_calls() {
    let catalog = match eventcat_codegen::load_bundled() {
        Ok(loaded) => loaded.catalog,
        Err(err) => panic!("the bundled catalog must load:\n{err}"),
    };
    let event = catalog
        .event("call-manager-call-conference-start-v1")
        .expect("the conference start event");
    let schema = eventcat_codegen::schema::event_schema(&catalog, event, &event.schema_versions[0])
        .expect("exports");
    assert_eq!(schema["properties"]["calls"]["minItems"], 2);
    assert!(schema["properties"]["calls"].get("maxItems").is_none());
}

#[test]
fn the_schema_bounds_a_shared_array_type_on_its_definition() {
    let catalog = load(CATALOG);
    let event = &catalog.events[0];
    let schema = eventcat_codegen::schema::event_schema(&catalog, event, &event.schema_versions[0])
        .expect("exports");
    let calls = &schema["$defs"]["Calls"];
    assert_eq!(calls["minItems"], 1);
    assert_eq!(calls["maxItems"], 3);
    assert_eq!(schema["properties"]["own"]["maxItems"], 7);
    assert!(schema["properties"]["own"].get("minItems").is_none());
    assert!(schema["$defs"]["Names"].get("minItems").is_none());
}
