//! `min_items` and `max_items`: the bounds reach the plan's `FieldItem` from a field's own array
//! and from a shared array type, through any chain of aliases, and the JSON Schema export.

use std::collections::BTreeMap;

use eventcat_codegen::Catalog;
use eventcat_codegen::diagnostic::Location;
use eventcat_codegen::model::{Element, ItemBounds, Scalar, Shape, TypeDecl};
use eventcat_codegen::plan::{self, FieldItem, Plan, TypeItem};

const CATALOG: &str = "products:
  p: { title: P }
types:
  Calls: { array: string, min_items: 1, max_items: 3 }
  CallsAlias: { type: Calls }
  CallsAliasAlias: { type: CallsAlias }
  Names: { array: string }
events:
  - name: x-v1
    product: p
    direction: received
    status: active
    active_date: 2025-03-26
    doc: An event.
    schema_versions:
      - version: 1.0.0
        fields:
          direct: { type: Calls, doc: The bounded type itself. }
          aliased: { type: CallsAliasAlias, optional: true, doc: Through two aliases. }
          own: { array: integer, max_items: 7, doc: Its own bounds. }
          plain: { type: Names, doc: An array type without bounds. }
          text: { type: string, doc: Not an array. }
          legs: { array: { fields: { stops: { array: string, min_items: 2, doc: Stops. } } }, doc: Legs. }
";

fn load(text: &str) -> Catalog {
    match eventcat_codegen::load_str("bounds.yaml", text) {
        Ok(loaded) => loaded.catalog,
        Err(err) => panic!("the catalog must load:\n{err}"),
    }
}

fn planned(catalog: &Catalog) -> Plan {
    plan::plan(catalog).unwrap_or_else(|errors| panic!("the catalog must plan: {errors:?}"))
}

/// The field `wire_name` of the generated struct `owner`.
fn field<'a>(plan: &'a Plan, owner: &str, wire_name: &str) -> &'a FieldItem {
    plan.types
        .iter()
        .find_map(|item| match item {
            TypeItem::Struct(s) if s.name == owner => {
                s.fields.iter().find(|f| f.wire_name == wire_name)
            }
            _ => None,
        })
        .unwrap_or_else(|| panic!("no field {owner}.{wire_name}"))
}

fn bounds(item: &FieldItem) -> (Option<u64>, Option<u64>) {
    (item.min_items, item.max_items)
}

#[test]
fn bounds_reach_the_field_item_through_aliases() {
    let catalog = load(CATALOG);
    let plan = planned(&catalog);
    assert_eq!(bounds(field(&plan, "XV1", "direct")), (Some(1), Some(3)));
    assert_eq!(bounds(field(&plan, "XV1", "aliased")), (Some(1), Some(3)));
    assert_eq!(bounds(field(&plan, "XV1", "own")), (None, Some(7)));
    assert_eq!(bounds(field(&plan, "XV1", "plain")), (None, None));
    assert_eq!(bounds(field(&plan, "XV1", "text")), (None, None));
    // A field of an inline object inside an array item keeps its own array's bounds.
    assert_eq!(
        bounds(field(&plan, "XV1LegsItem", "stops")),
        (Some(2), None)
    );
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
fn the_conference_events_bound_their_calls() {
    let catalog = match eventcat_codegen::load_bundled() {
        Ok(loaded) => loaded.catalog,
        Err(err) => panic!("the bundled catalog must load:\n{err}"),
    };
    let plan = planned(&catalog);
    let drop = field(&plan, "CallManagerCallConferenceDropV1", "calls");
    assert_eq!(bounds(drop), (Some(1), None));
    let start = field(&plan, "CallManagerCallConferenceStartV1", "calls");
    assert_eq!(bounds(start), (Some(2), None));
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
