//! Hooks through `eventcat generate` (`cli_generated.rs`, whose command is in
//! `codegen/tests/cli.rs`): the same derives, attribute and replaced type as `derive_pass.rs`.
#![deny(warnings)]

use std::collections::HashSet;

include!("my_queue.rs");

#[allow(dead_code)]
mod events {
    include!("cli_generated.rs");
}

fn main() {
    let payload = r#"{"schemaVersion":"2.0.0","interactionId":"i-1",
        "queue":{"id":"1","queueId":"t~~queue~~chat~~1","queueName":"Sales"}}"#;
    #[allow(deprecated)]
    let Ok(events::ReceivedEvent::AwInteractionFocusV2(focus)) =
        events::ReceivedEvent::decode("aw-interaction-focus-v2", payload)
    else {
        panic!("decodes");
    };
    #[allow(deprecated)]
    let upgraded = focus.upgrade_to_v3(true);
    let set: HashSet<_> = [upgraded.clone(), upgraded].into_iter().collect();
    assert_eq!(set.len(), 1);
}
