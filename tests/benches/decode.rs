//! How long the generated code takes to decode and encode payloads.

use criterion::{Criterion, criterion_group, criterion_main};
use eventcat_tests::catalog::{PartnerEvent, ReceivedEvent};

const FOCUS: &str = r#"{"interactionId":"int-1003","queue":{"id":"12345","queueId":"tenantId~~queue~~chat~~12345","queueName":"Queue name"},"isManual":true,"schemaVersion":"3.0.0"}"#;

const FOCUS_MESSAGE: &str = r#"{"type":"event","schemaVersion":"1.0.0","message":{"eventName":"aw-interaction-focus-v3","value":{"interactionId":"int-1003","queue":{"id":"12345","queueId":"tenantId~~queue~~chat~~12345","queueName":"Queue name"},"isManual":true,"schemaVersion":"3.0.0"}}}"#;

const CALL: &str = include_str!("../fixtures/samples/call-manager-call-connect-v1.json");

fn bench(c: &mut Criterion) {
    c.bench_function("decode aw-interaction-focus-v3 payload", |b| {
        b.iter(|| ReceivedEvent::decode("aw-interaction-focus-v3", FOCUS))
    });
    c.bench_function("decode aw-interaction-focus-v3 SDK envelope", |b| {
        b.iter(|| ReceivedEvent::from_message(FOCUS_MESSAGE))
    });
    c.bench_function("decode call-manager-call-connect-v1 (46 fields)", |b| {
        b.iter(|| ReceivedEvent::decode("call-manager-call-connect-v1", CALL))
    });
    let event = match ReceivedEvent::decode("aw-interaction-focus-v3", FOCUS) {
        Ok(ReceivedEvent::AwInteractionFocusV3(event)) => event,
        other => panic!("the focus payload decodes: {other:?}"),
    };
    c.bench_function("encode aw-interaction-focus-v3", |b| {
        b.iter(|| event.to_json())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
