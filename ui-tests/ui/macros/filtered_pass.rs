//! A fixture catalog, filtered by product and pattern: exactly the matching events exist.
#![deny(warnings)]

#[derive(eventcat::EventCatalog)]
#[catalog(path = "catalogs/small.yaml", products = ["agent-workspace"], events = ["aw-sample-focus-*"])]
pub struct Events;

fn main() {
    let names: Vec<&str> = Events::CATALOG.iter().map(|e| e.name).collect();
    assert_eq!(names, ["aw-sample-focus-v1", "aw-sample-focus-v2"]);
    let v2 = AwSampleFocusV2 {
        interaction_id: "i-1".to_owned(),
        queue: Queue { id: "q".to_owned() },
    };
    let family = AwSampleFocus::from(v2);
    let json = match family {
        AwSampleFocus::V2(v2) => v2.to_json().expect("encodes"),
        _ => unreachable!(),
    };
    assert_eq!(json, r#"{"interactionId":"i-1","queue":{"id":"q"},"schemaVersion":"2.0.0"}"#);
}
