//! Decoding and encoding again with the code generated from the bundled catalog, and comparing
//! the JSON: shared by the round-trip tests (`roundtrip.rs`) and the sample tests
//! (`samples.rs`).

use eventcat_tests::catalog::{
    AwChatMessageReceivedV1, AwInteractionWrapUpCodesReceivedV1, DecodeError, PartnerEvent,
};
use serde_json::Value;

/// The JSON of `text`, which must parse.
pub fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|err| panic!("{err}: {text}"))
}

/// JSON equality with numbers compared as `f64`: `number` fields are `f64`, so an integer `3`
/// (or `60`) comes back as `3.0` (or `60.0`).
pub fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

/// Decodes `text` as the send event `name` through its `PartnerEvent` impl and encodes it again.
pub fn send_round_trip(name: &str, text: &str) -> Result<String, DecodeError> {
    fn encode<T: PartnerEvent>(text: &str) -> Result<String, DecodeError> {
        Ok(T::decode(text)?.to_json().expect("encodes"))
    }
    match name {
        AwChatMessageReceivedV1::NAME => encode::<AwChatMessageReceivedV1>(text),
        AwInteractionWrapUpCodesReceivedV1::NAME => {
            encode::<AwInteractionWrapUpCodesReceivedV1>(text)
        }
        other => panic!("send event {other} is not covered by this test"),
    }
}
