//! `debug = "redacted"`: a decoded example printed with `{:?}` (or `{:#?}`) shows the type and
//! its fields' names but no value of the payload; the result builds under `deny(warnings)`.
#![deny(warnings)]

use eventcat::PartnerEvent;

#[allow(dead_code)]
mod events {
    #[derive(eventcat::EventCatalog)]
    #[catalog(
        events = ["aw-interaction-focus-v3", "call-manager-call-connect-v1"],
        debug = "redacted",
    )]
    pub struct Events;
}

/// A catalog with a union, which shows its form but not its value.
#[allow(dead_code)]
mod picks {
    #[derive(eventcat::EventCatalog)]
    #[catalog(path = "catalogs/union.yaml", debug = "redacted")]
    pub struct Events;
}

/// Every string and number of a JSON value of three characters or more (a shorter one, `1`,
/// may be part of a name, `V1`), but the schema version (a constant, not a value).
fn values(json: &eventcat::serde_json::Value, out: &mut Vec<String>) {
    use eventcat::serde_json::Value;
    match json {
        Value::String(s) => out.push(s.clone()),
        Value::Number(n) => out.push(n.to_string()),
        Value::Array(items) => items.iter().for_each(|v| values(v, out)),
        Value::Object(map) => map
            .iter()
            .filter(|(key, _)| *key != "schemaVersion")
            .for_each(|(_, v)| values(v, out)),
        _ => {}
    }
}

fn check<E: PartnerEvent + std::fmt::Debug>() {
    let example = E::EXAMPLE.expect("an example");
    let event = E::example().expect("it decodes");
    let json = eventcat::serde_json::from_str(example).expect("JSON");
    let mut found = Vec::new();
    values(&json, &mut found);
    found.retain(|value| value.len() >= 3);
    assert!(!found.is_empty());
    for shown in [format!("{event:?}"), format!("{event:#?}")] {
        assert!(shown.contains(".."), "{shown}");
        for value in &found {
            assert!(!shown.contains(value.as_str()), "`{value}` in {shown}");
        }
    }
}

fn main() {
    let payload = r#"{"schemaVersion":"1.0.0","reference":"secret-ref"}"#;
    let pick = picks::ReceivedEvent::decode("aw-sample-pick-v1", payload).expect("decodes");
    let picks::ReceivedEvent::AwSamplePickV1(pick) = pick;
    assert_eq!(format!("{:?}", pick.reference), "Reference::String(..)");
    check::<events::AwInteractionFocusV3>();
    check::<events::CallManagerCallConnectV1>();
    let focus = events::AwInteractionFocusV3::example().expect("decodes");
    assert_eq!(
        format!("{focus:?}"),
        "AwInteractionFocusV3 { interaction_id: .., queue: .., is_manual: .. }"
    );
    let event = events::ReceivedEvent::from(focus);
    assert!(format!("{event:?}").starts_with("AwInteractionFocusV3(AwInteractionFocusV3 { interaction_id: .."));
}
