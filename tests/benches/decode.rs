//! How long the generated code takes to decode and encode payloads, side by side with what a
//! partner would write without it: the hand-written serde structs of [`hand`], with the same
//! fields, and an untyped `serde_json::Value`.
//!
//! One criterion group per payload, named after its event, with the same eight functions in
//! each: `eventcat struct decode` is the generated struct's own `decode`, the same work as the
//! hand-written struct's; `eventcat decode` routes by event name first; every throughput is counted in payload bytes (for `eventcat from_message` too, whose
//! input is the payload in its host envelope). `scripts/bench-ratios` tabulates the results.

mod hand;
mod payloads;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use eventcat_tests::catalog::{
    AwChatInitV1, AwInteractionFocusV3, CallManagerCallConnectV1, MashellChatOfferedCcEventV1,
    PartnerEvent, ReceivedEvent,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::marker::PhantomData;

use payloads::{CALL, CHAT_INIT, FOCUS, Host, OFFERED};

/// One benchmarked payload with everything its benchmarks need, checked before any timing:
/// `S` is the generated struct of the payload, `T` the hand-written one.
struct Case<S, T> {
    /// The event name, also the criterion group name.
    name: &'static str,
    /// The bare JSON payload.
    payload: &'static str,
    /// The payload text, unchanged, in its host envelope: the input of `from_message`.
    message: String,
    /// The payload decoded by the generated code.
    event: ReceivedEvent,
    /// The payload decoded as the hand-written struct.
    hand: T,
    /// The payload as an untyped value.
    value: Value,
    /// The generated struct.
    generated: PhantomData<S>,
}

impl<S: PartnerEvent, T: Serialize + DeserializeOwned> Case<S, T>
where
    ReceivedEvent: From<S>,
{
    /// Wraps `payload` for `host`, and checks that the generated code decodes it bare and
    /// wrapped to the same event and encodes it back, and that the hand-written struct `T`
    /// round-trips it, so that it really has the payload's fields. Panics otherwise.
    fn new(name: &'static str, payload: &'static str, host: Host) -> Self {
        let value: Value = serde_json::from_str(payload)
            .unwrap_or_else(|err| panic!("{name}: the payload is not JSON: {err}"));
        let message = host.wrap(name, payload);
        let event = ReceivedEvent::decode(name, payload)
            .unwrap_or_else(|err| panic!("{name}: eventcat cannot decode the payload: {err}"));
        if S::decode(payload).map(ReceivedEvent::from).as_ref() != Ok(&event) {
            panic!(
                "{name}: {} does not decode the payload as decode does",
                S::NAME
            );
        }
        match ReceivedEvent::from_message(&message) {
            Ok(wrapped) if wrapped == event => {}
            Ok(wrapped) => panic!("{name}: from_message gives {wrapped:?}, decode {event:?}"),
            Err(err) => panic!("{name}: eventcat cannot decode the message {message}: {err}"),
        }
        let encoded = event
            .to_json()
            .unwrap_or_else(|err| panic!("{name}: eventcat cannot encode the event: {err}"));
        assert_same(name, "eventcat", &value, &encoded);
        let hand: T = serde_json::from_str(payload).unwrap_or_else(|err| {
            panic!("{name}: the hand-written struct cannot decode the payload: {err}")
        });
        let encoded = serde_json::to_string(&hand).unwrap_or_else(|err| {
            panic!("{name}: the hand-written struct cannot encode the payload: {err}")
        });
        assert_same(name, "the hand-written struct", &value, &encoded);
        Case {
            name,
            payload,
            message,
            event,
            hand,
            value,
            generated: PhantomData,
        }
    }

    /// The group of this payload: eventcat, the hand-written struct and `Value`.
    fn bench(&self, c: &mut Criterion) {
        let mut group = c.benchmark_group(self.name);
        group.throughput(Throughput::Bytes(self.payload.len() as u64));
        group.bench_function("eventcat struct decode", |b| {
            b.iter(|| S::decode(black_box(self.payload)))
        });
        group.bench_function("eventcat decode", |b| {
            b.iter(|| ReceivedEvent::decode(black_box(self.name), black_box(self.payload)))
        });
        group.bench_function("eventcat from_message", |b| {
            b.iter(|| ReceivedEvent::from_message(black_box(&self.message)))
        });
        group.bench_function("eventcat encode", |b| {
            b.iter(|| black_box(&self.event).to_json())
        });
        group.bench_function("serde struct decode", |b| {
            b.iter(|| serde_json::from_str::<T>(black_box(self.payload)))
        });
        group.bench_function("serde struct encode", |b| {
            b.iter(|| serde_json::to_string(black_box(&self.hand)))
        });
        group.bench_function("serde_json::Value decode", |b| {
            b.iter(|| serde_json::from_str::<Value>(black_box(self.payload)))
        });
        group.bench_function("serde_json::Value encode", |b| {
            b.iter(|| serde_json::to_string(black_box(&self.value)))
        });
        group.finish();
    }
}

/// Panics unless `encoded`, what `who` encoded, is the JSON value `expected`.
fn assert_same(name: &str, who: &str, expected: &Value, encoded: &str) {
    let found: Value = serde_json::from_str(encoded)
        .unwrap_or_else(|err| panic!("{name}: {who} encodes invalid JSON ({err}): {encoded}"));
    if let Some(difference) = first_difference(expected, &found, "$") {
        panic!("{name}: {who} does not round-trip the payload: at {difference}");
    }
}

/// Where `found` first differs from `expected`, with both values, or `None` if they are equal.
/// Numbers are compared as `f64`: catalog `number` fields are `f64` on both sides, so an integer
/// `60` comes back as `60.0`.
fn first_difference(expected: &Value, found: &Value, path: &str) -> Option<String> {
    match (expected, found) {
        (Value::Number(x), Value::Number(y)) if x.as_f64() == y.as_f64() => None,
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (a, b))| first_difference(a, b, &format!("{path}[{i}]"))),
        (Value::Object(x), Value::Object(y)) => x.keys().chain(y.keys()).find_map(|key| {
            let path = format!("{path}.{key}");
            match (x.get(key), y.get(key)) {
                (Some(a), Some(b)) => first_difference(a, b, &path),
                (a, b) => {
                    let shown =
                        |v: Option<&Value>| v.map_or("no field".to_owned(), Value::to_string);
                    Some(format!("{path}: expected {}, found {}", shown(a), shown(b)))
                }
            }
        }),
        _ if expected == found => None,
        _ => Some(format!("{path}: expected {expected}, found {found}")),
    }
}

/// Checks all four payloads, then benchmarks each in turn.
fn bench(c: &mut Criterion) {
    let focus = Case::<AwInteractionFocusV3, hand::AwInteractionFocusV3>::new(
        "aw-interaction-focus-v3",
        FOCUS,
        Host::Sdk,
    );
    let call = Case::<CallManagerCallConnectV1, hand::CallManagerCallConnectV1>::new(
        "call-manager-call-connect-v1",
        CALL,
        Host::Sdk,
    );
    let offered = Case::<MashellChatOfferedCcEventV1, hand::MashellChatOfferedCcEventV1>::new(
        "mashell-chat-offered-cc-event-v1",
        OFFERED,
        Host::Maestro,
    );
    let chat =
        Case::<AwChatInitV1, hand::AwChatInitV1>::new("aw-chat-init-v1", CHAT_INIT, Host::Sdk);
    focus.bench(c);
    call.bench(c);
    offered.bench(c);
    chat.bench(c);
}

criterion_group!(benches, bench);
criterion_main!(benches);
