//! JSON helpers of the tests that decode payloads and compare what the generated code encodes
//! again (`roundtrip.rs`, `samples.rs`).

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
