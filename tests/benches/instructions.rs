//! Instruction counts (callgrind, through gungraun) of what `decode.rs` times: the generated
//! structs' own `decode`, eventcat's `ReceivedEvent::decode` and `from_message`, and the
//! hand-written serde structs of [`hand`] read with `serde_json::from_str`, on the same payloads
//! (and the generated structs read that way too, the parse without `decode`'s error);
//! and encoding them back, eventcat's `to_json` beside `serde_json::to_string`. Counts do not drift with machine
//! load as times do. Needs valgrind and `gungraun-runner` of the same version as the
//! `gungraun` dev-dependency: `cargo install gungraun-runner --version 0.20.0`.
//! `scripts/bench-ratios --instructions` tabulates a run.

// gungraun's macros write paths in full, and modules without docs.
#![allow(unused_qualifications, missing_docs)]

mod hand;
mod payloads;

use std::hint::black_box;

use eventcat::PartnerEvent as _;
use eventcat_tests::catalog::{
    AwChatInitV1, AwInteractionFocusV3, CallManagerCallConnectV1, DecodeError, EncodeError,
    MashellChatOfferedCcEventV1, ReceivedEvent,
};
use gungraun::{library_benchmark, library_benchmark_group, main};
use payloads::{CALL, CHAT_INIT, FOCUS, Host, OFFERED};

const FOCUS_NAME: &str = "aw-interaction-focus-v3";
const CALL_NAME: &str = "call-manager-call-connect-v1";
const OFFERED_NAME: &str = "mashell-chat-offered-cc-event-v1";
const CHAT_NAME: &str = "aw-chat-init-v1";

/// The payload in its host's envelope, built before the count starts (and never freed, so that
/// the count has no `free` of it either).
fn message((name, payload, host): (&'static str, &'static str, Host)) -> &'static str {
    Box::leak(host.wrap(name, payload).into_boxed_str())
}

#[library_benchmark]
#[bench::focus_v3(FOCUS_NAME, FOCUS)]
#[bench::call_connect(CALL_NAME, CALL)]
#[bench::chat_offered(OFFERED_NAME, OFFERED)]
#[bench::chat_init(CHAT_NAME, CHAT_INIT)]
fn eventcat_decode(name: &str, payload: &str) -> Result<ReceivedEvent, DecodeError> {
    black_box(ReceivedEvent::decode(black_box(name), black_box(payload)))
}

// `PartnerEvent::decode` of the generated struct itself: the same work as the hand-written
// struct's, without the dispatch by event name.
#[library_benchmark]
#[bench::focus_v3(FOCUS)]
fn eventcat_struct_decode_focus(payload: &str) -> Result<AwInteractionFocusV3, DecodeError> {
    black_box(AwInteractionFocusV3::decode(black_box(payload)))
}

#[library_benchmark]
#[bench::call_connect(CALL)]
fn eventcat_struct_decode_call(payload: &str) -> Result<CallManagerCallConnectV1, DecodeError> {
    black_box(CallManagerCallConnectV1::decode(black_box(payload)))
}

#[library_benchmark]
#[bench::chat_offered(OFFERED)]
fn eventcat_struct_decode_offered(
    payload: &str,
) -> Result<MashellChatOfferedCcEventV1, DecodeError> {
    black_box(MashellChatOfferedCcEventV1::decode(black_box(payload)))
}

#[library_benchmark]
#[bench::chat_init(CHAT_INIT)]
fn eventcat_struct_decode_chat(payload: &str) -> Result<AwChatInitV1, DecodeError> {
    black_box(AwChatInitV1::decode(black_box(payload)))
}

#[library_benchmark]
#[bench::focus_v3(args = ((FOCUS_NAME, FOCUS, Host::Sdk)), setup = message)]
#[bench::call_connect(args = ((CALL_NAME, CALL, Host::Sdk)), setup = message)]
#[bench::chat_offered(args = ((OFFERED_NAME, OFFERED, Host::Maestro)), setup = message)]
#[bench::chat_init(args = ((CHAT_NAME, CHAT_INIT, Host::Sdk)), setup = message)]
fn eventcat_from_message(message: &str) -> Result<ReceivedEvent, DecodeError> {
    black_box(ReceivedEvent::from_message(black_box(message)))
}

/// `serde_json::from_str` of `T`: a hand-written struct, or a generated one read the same way.
fn from_str<T: serde::de::DeserializeOwned>(payload: &str) -> serde_json::Result<T> {
    black_box(serde_json::from_str(black_box(payload)))
}

// The generated struct through the hand-written struct's own call, `serde_json::from_str`:
// the generated code's parse alone, with serde_json's error, which does not keep the payload.
#[library_benchmark]
#[bench::focus_v3(FOCUS)]
fn eventcat_struct_from_str_focus(payload: &str) -> serde_json::Result<AwInteractionFocusV3> {
    from_str(payload)
}

#[library_benchmark]
#[bench::call_connect(CALL)]
fn eventcat_struct_from_str_call(payload: &str) -> serde_json::Result<CallManagerCallConnectV1> {
    from_str(payload)
}

#[library_benchmark]
#[bench::chat_offered(OFFERED)]
fn eventcat_struct_from_str_offered(
    payload: &str,
) -> serde_json::Result<MashellChatOfferedCcEventV1> {
    from_str(payload)
}

#[library_benchmark]
#[bench::chat_init(CHAT_INIT)]
fn eventcat_struct_from_str_chat(payload: &str) -> serde_json::Result<AwChatInitV1> {
    from_str(payload)
}

#[library_benchmark]
#[bench::focus_v3(FOCUS)]
fn serde_struct_decode_focus(payload: &str) -> serde_json::Result<hand::AwInteractionFocusV3> {
    from_str(payload)
}

#[library_benchmark]
#[bench::call_connect(CALL)]
fn serde_struct_decode_call(payload: &str) -> serde_json::Result<hand::CallManagerCallConnectV1> {
    from_str(payload)
}

#[library_benchmark]
#[bench::chat_offered(OFFERED)]
fn serde_struct_decode_offered(
    payload: &str,
) -> serde_json::Result<hand::MashellChatOfferedCcEventV1> {
    from_str(payload)
}

#[library_benchmark]
#[bench::chat_init(CHAT_INIT)]
fn serde_struct_decode_chat(payload: &str) -> serde_json::Result<hand::AwChatInitV1> {
    from_str(payload)
}

/// The payload decoded by eventcat, before the count starts (and never freed).
fn event((name, payload): (&'static str, &'static str)) -> &'static ReceivedEvent {
    let event = ReceivedEvent::decode(name, payload).expect("eventcat decodes the payload");
    Box::leak(Box::new(event))
}

/// The payload decoded as a hand-written struct, before the count starts (and never freed).
fn hand_value<T: serde::de::DeserializeOwned>(payload: &'static str) -> &'static T {
    let value = serde_json::from_str(payload).expect("the hand-written struct decodes it");
    Box::leak(Box::new(value))
}

#[library_benchmark]
#[bench::focus_v3(args = ((FOCUS_NAME, FOCUS)), setup = event)]
#[bench::call_connect(args = ((CALL_NAME, CALL)), setup = event)]
#[bench::chat_offered(args = ((OFFERED_NAME, OFFERED)), setup = event)]
#[bench::chat_init(args = ((CHAT_NAME, CHAT_INIT)), setup = event)]
fn eventcat_encode(event: &ReceivedEvent) -> Result<String, EncodeError> {
    black_box(black_box(event).to_json())
}

/// `serde_json::to_string` of a hand-written struct.
fn hand_encode<T: serde::Serialize>(value: &T) -> serde_json::Result<String> {
    black_box(serde_json::to_string(black_box(value)))
}

#[library_benchmark]
#[bench::focus_v3(args = (FOCUS), setup = hand_value)]
fn serde_struct_encode_focus(value: &hand::AwInteractionFocusV3) -> serde_json::Result<String> {
    hand_encode(value)
}

#[library_benchmark]
#[bench::call_connect(args = (CALL), setup = hand_value)]
fn serde_struct_encode_call(value: &hand::CallManagerCallConnectV1) -> serde_json::Result<String> {
    hand_encode(value)
}

#[library_benchmark]
#[bench::chat_offered(args = (OFFERED), setup = hand_value)]
fn serde_struct_encode_offered(
    value: &hand::MashellChatOfferedCcEventV1,
) -> serde_json::Result<String> {
    hand_encode(value)
}

#[library_benchmark]
#[bench::chat_init(args = (CHAT_INIT), setup = hand_value)]
fn serde_struct_encode_chat(value: &hand::AwChatInitV1) -> serde_json::Result<String> {
    hand_encode(value)
}

library_benchmark_group!(
    name = encoding;
    benchmarks =
        eventcat_encode,
        serde_struct_encode_focus,
        serde_struct_encode_call,
        serde_struct_encode_offered,
        serde_struct_encode_chat
);

library_benchmark_group!(
    name = decoding;
    benchmarks =
        eventcat_decode,
        eventcat_struct_decode_focus,
        eventcat_struct_decode_call,
        eventcat_struct_decode_offered,
        eventcat_struct_decode_chat,
        eventcat_struct_from_str_focus,
        eventcat_struct_from_str_call,
        eventcat_struct_from_str_offered,
        eventcat_struct_from_str_chat,
        eventcat_from_message,
        serde_struct_decode_focus,
        serde_struct_decode_call,
        serde_struct_decode_offered,
        serde_struct_decode_chat
);

main!(library_benchmark_groups = decoding, encoding);
