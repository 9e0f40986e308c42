//! Conversions between the versions of a family, on generated values: the focus family
//! (`aw-interaction-focus-v1`, `-v2`, `-v3`: separate events, each adding fields) and the wrap-up
//! codes family (schema versions 1.0.0 and 1.0.1 of one event, 1.0.1 adding an optional
//! `description` deep inside). Downgrades drop what the older version lacks; upgrades take it back
//! as parameters (or as `None` for an optional field), so a round trip restores the value.

use eventcat_tests::catalog::{
    AwInteractionFocus, AwInteractionFocusV3, AwInteractionWrapUpCodes, AwInteractionWrapUpCodesV1,
    AwInteractionWrapUpCodesV1_0_1, AwInteractionWrapUpCodesV1_0_1WrapUpCodesItem,
    AwInteractionWrapUpCodesV1_0_1WrapUpCodesItemAssignments,
    AwInteractionWrapUpCodesV1_0_1WrapUpCodesItemItemsItem, PartnerEvent, Queue, ReceivedEvent,
};
#[allow(deprecated)]
use eventcat_tests::catalog::{AwInteractionFocusV1, AwInteractionFocusV2};
use proptest::prelude::*;
use serde_json::Value;

fn text() -> impl Strategy<Value = String> {
    "\\PC{0,10}"
}

fn queue() -> impl Strategy<Value = Queue> {
    (text(), text(), text()).prop_map(|(id, queue_id, queue_name)| Queue {
        id,
        queue_id,
        queue_name,
    })
}

fn focus_v3() -> impl Strategy<Value = AwInteractionFocusV3> {
    (text(), queue(), any::<bool>()).prop_map(|(interaction_id, queue, is_manual)| {
        AwInteractionFocusV3 {
            interaction_id,
            queue,
            is_manual,
        }
    })
}

/// Numbers that survive a JSON round trip exactly.
fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<i32>().prop_map(f64::from),
        (any::<i32>(), 0u32..5).prop_map(|(m, k)| f64::from(m) / f64::from(1u32 << k)),
    ]
}

fn code_item() -> impl Strategy<Value = AwInteractionWrapUpCodesV1_0_1WrapUpCodesItemItemsItem> {
    (
        (text(), text(), text(), text(), text()),
        (text(), text(), text(), text(), text()),
        number(),
        proptest::option::of(text()),
    )
        .prop_map(
            |(
                (call_line_id, disposition_code, id, menu_text, ordinate),
                (parent_id, queue_obj_id, report_text, short_code_text, short_key_text),
                call_back_time,
                description,
            )| AwInteractionWrapUpCodesV1_0_1WrapUpCodesItemItemsItem {
                call_line_id,
                disposition_code,
                id,
                menu_text,
                ordinate,
                parent_id,
                queue_obj_id,
                report_text,
                short_code_text,
                short_key_text,
                call_back_time,
                description,
            },
        )
}

fn code_group() -> impl Strategy<Value = AwInteractionWrapUpCodesV1_0_1WrapUpCodesItem> {
    (
        proptest::option::of(text()),
        (text(), proptest::collection::vec(text(), 0..3)),
        (text(), text(), text()),
        proptest::collection::vec(code_item(), 0..3),
        any::<[bool; 5]>(),
    )
        .prop_map(
            |(ani, (kind, list), (id, name, primary_lang), items, flags)| {
                let [
                    auto_sort,
                    is_agent_default,
                    multi_choice,
                    req_before_outbound,
                    required,
                ] = flags;
                AwInteractionWrapUpCodesV1_0_1WrapUpCodesItem {
                    ani,
                    assignments: AwInteractionWrapUpCodesV1_0_1WrapUpCodesItemAssignments {
                        r#type: kind,
                        list,
                    },
                    auto_sort,
                    id,
                    is_agent_default,
                    items,
                    name,
                    primary_lang,
                    multi_choice,
                    req_before_outbound,
                    required,
                }
            },
        )
}

fn wrap_up_codes() -> impl Strategy<Value = AwInteractionWrapUpCodesV1_0_1> {
    (text(), proptest::collection::vec(code_group(), 0..3)).prop_map(
        |(interaction_id, wrap_up_codes)| AwInteractionWrapUpCodesV1_0_1 {
            interaction_id,
            wrap_up_codes,
        },
    )
}

/// The value with every `description` cleared: what survives a trip through 1.0.0.
fn without_descriptions(
    mut value: AwInteractionWrapUpCodesV1_0_1,
) -> AwInteractionWrapUpCodesV1_0_1 {
    for group in &mut value.wrap_up_codes {
        for item in &mut group.items {
            item.description = None;
        }
    }
    value
}

fn json_of<T: PartnerEvent>(event: &T) -> Value {
    serde_json::from_str(&event.to_json().expect("encodes")).expect("encodes JSON")
}

/// `value` without the key `key` in each object of `wrapUpCodes[].items[]`.
fn remove_item_key(mut value: Value, key: &str) -> Value {
    for group in value["wrapUpCodes"].as_array_mut().expect("wrapUpCodes") {
        for item in group["items"].as_array_mut().expect("items") {
            item.as_object_mut().expect("item").remove(key);
        }
    }
    value
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    #[allow(deprecated)]
    fn focus_v3_to_v1_and_back_restores_the_value(v3 in focus_v3()) {
        let v1 = AwInteractionFocusV1::from(v3.clone());
        prop_assert_eq!(&v1.interaction_id, &v3.interaction_id);
        let back = v1.upgrade_to_v3(v3.queue.clone(), v3.is_manual);
        prop_assert_eq!(back, v3);
    }

    #[test]
    #[allow(deprecated)]
    fn focus_v3_to_v2_and_back_restores_the_value(v3 in focus_v3()) {
        let v2 = AwInteractionFocusV2::from(v3.clone());
        prop_assert_eq!(&v2.interaction_id, &v3.interaction_id);
        prop_assert_eq!(&v2.queue, &v3.queue);
        let back = v2.upgrade_to_v3(v3.is_manual);
        prop_assert_eq!(back, v3);
    }

    #[test]
    #[allow(deprecated)]
    fn focus_v2_to_v1_and_back_restores_the_value(v3 in focus_v3()) {
        let v2 = AwInteractionFocusV2::from(v3);
        let v1 = AwInteractionFocusV1::from(v2.clone());
        prop_assert_eq!(&v1.interaction_id, &v2.interaction_id);
        let back = v1.upgrade_to_v2(v2.queue.clone());
        prop_assert_eq!(back, v2);
    }

    /// Converting changes the schema version on the wire and drops exactly the fields the older
    /// version lacks.
    #[test]
    #[allow(deprecated)]
    fn focus_downgrades_drop_exactly_the_new_fields(v3 in focus_v3()) {
        let mut wire = json_of(&v3);
        prop_assert_eq!(&wire["schemaVersion"], "3.0.0");
        let v2 = AwInteractionFocusV2::from(v3.clone());
        wire.as_object_mut().expect("object").remove("isManual");
        wire["schemaVersion"] = "2.0.0".into();
        prop_assert_eq!(json_of(&v2), wire.clone());
        let v1 = AwInteractionFocusV1::from(v3);
        wire.as_object_mut().expect("object").remove("queue");
        wire["schemaVersion"] = "1.0.0".into();
        prop_assert_eq!(json_of(&v1), wire);
    }

    #[test]
    #[allow(deprecated)]
    fn the_focus_family_converts_any_version_into_v1(v3 in focus_v3()) {
        let v2 = AwInteractionFocusV2::from(v3.clone());
        let v1 = AwInteractionFocusV1::from(v3.clone());
        let family = [
            AwInteractionFocus::from(v1.clone()),
            AwInteractionFocus::from(v2.clone()),
            AwInteractionFocus::from(v3.clone()),
        ];
        prop_assert!(matches!(family[0], AwInteractionFocus::V1(_)));
        prop_assert!(matches!(family[1], AwInteractionFocus::V2(_)));
        prop_assert!(matches!(family[2], AwInteractionFocus::V3(_)));
        for member in family {
            prop_assert_eq!(AwInteractionFocusV1::from(member), v1.clone());
        }
    }

    #[test]
    fn wrap_up_1_0_1_to_1_0_0_drops_descriptions(codes in wrap_up_codes()) {
        let old = AwInteractionWrapUpCodesV1::from(codes.clone());
        prop_assert_eq!(&old.interaction_id, &codes.interaction_id);
        prop_assert_eq!(old.wrap_up_codes.len(), codes.wrap_up_codes.len());
        for (old_group, group) in old.wrap_up_codes.iter().zip(&codes.wrap_up_codes) {
            prop_assert_eq!(old_group.items.len(), group.items.len());
            for (old_item, item) in old_group.items.iter().zip(&group.items) {
                prop_assert_eq!(&old_item.id, &item.id);
                prop_assert_eq!(old_item.call_back_time, item.call_back_time);
            }
        }
        // On the wire: the same payload without `description`, as schema version 1.0.0.
        let mut expected = remove_item_key(json_of(&codes), "description");
        expected["schemaVersion"] = "1.0.0".into();
        prop_assert_eq!(json_of(&old), expected);
    }

    #[test]
    fn wrap_up_1_0_0_to_1_0_1_has_no_descriptions(codes in wrap_up_codes()) {
        let old = AwInteractionWrapUpCodesV1::from(codes);
        let new = AwInteractionWrapUpCodesV1_0_1::from(old.clone());
        for group in &new.wrap_up_codes {
            for item in &group.items {
                prop_assert_eq!(&item.description, &None);
            }
        }
        let mut expected = json_of(&old);
        expected["schemaVersion"] = "1.0.1".into();
        prop_assert_eq!(json_of(&new), expected);
    }

    #[test]
    fn wrap_up_round_trip_through_1_0_0_clears_descriptions(codes in wrap_up_codes()) {
        let old = AwInteractionWrapUpCodesV1::from(codes.clone());
        let back = AwInteractionWrapUpCodesV1_0_1::from(old);
        prop_assert_eq!(back, without_descriptions(codes.clone()));
        // Without descriptions nothing is lost.
        let plain = without_descriptions(codes);
        let again = AwInteractionWrapUpCodesV1_0_1::from(AwInteractionWrapUpCodesV1::from(plain.clone()));
        prop_assert_eq!(again, plain);
    }

    #[test]
    fn the_wrap_up_family_converts_any_version_into_1_0_0(codes in wrap_up_codes()) {
        let old = AwInteractionWrapUpCodesV1::from(codes.clone());
        prop_assert_eq!(
            AwInteractionWrapUpCodesV1::from(AwInteractionWrapUpCodes::from(codes)),
            old.clone()
        );
        prop_assert_eq!(
            AwInteractionWrapUpCodesV1::from(AwInteractionWrapUpCodes::from(old.clone())),
            old
        );
    }

    /// A converted value is a valid payload of its version: the host's decoder picks it by its
    /// `schemaVersion`.
    #[test]
    fn converted_wrap_up_codes_decode_as_their_version(codes in wrap_up_codes()) {
        let old = AwInteractionWrapUpCodesV1::from(codes);
        let text = old.to_json().expect("encodes");
        let decoded = ReceivedEvent::decode(AwInteractionWrapUpCodesV1::NAME, &text)
            .map_err(|err| TestCaseError::fail(err.to_string()))?;
        prop_assert_eq!(decoded, ReceivedEvent::AwInteractionWrapUpCodesV1(old));
    }
}

/// A fixed example, spelled out: one group with one described item.
#[test]
fn wrap_up_description_is_dropped_and_comes_back_as_none() {
    let payload = r#"{
        "schemaVersion": "1.0.1",
        "interactionId": "interaction-12345",
        "wrapUpCodes": [{
            "assignments": { "type": "agent", "list": ["agent-1"] },
            "autoSort": false, "id": "group-1", "isAgentDefault": true,
            "items": [{
                "callLineId": "line-1", "dispositionCode": "RESOLVED", "id": "item-1",
                "menuText": "Resolved", "ordinate": "1", "parentId": "parent-1",
                "queueObjId": "queue-1", "reportText": "Resolved", "shortCodeText": "RES",
                "shortKeyText": "R", "callBackTime": 60, "description": "Issue resolved"
            }],
            "multiChoice": false, "name": "Default", "primaryLang": "en",
            "reqBeforeOutbound": false, "required": true
        }]
    }"#;
    let codes = AwInteractionWrapUpCodesV1_0_1::decode(payload).expect("decodes");
    assert_eq!(
        codes.wrap_up_codes[0].items[0].description.as_deref(),
        Some("Issue resolved")
    );
    let old = AwInteractionWrapUpCodesV1::from(codes.clone());
    let old_json = old.to_json().expect("encodes");
    assert!(!old_json.contains("description"), "{old_json}");
    assert!(
        old_json.contains("\"schemaVersion\":\"1.0.0\""),
        "{old_json}"
    );
    let back = AwInteractionWrapUpCodesV1_0_1::from(old);
    assert_eq!(back.wrap_up_codes[0].items[0].description, None);
    assert_eq!(back, without_descriptions(codes));
}
