//! The two envelopes the host delivers events in:
//!
//! - the partner SDK's `{"type": "event", "schemaVersion": ..., "message": {"eventName": ...,
//!   "value": <payload>}}`;
//! - Maestro's `{"eventType": ..., "status": "success", "data": <payload>}`, whose
//!   `"status": "failed"` form carries the host's error in `data`.
//!
//! A message is first read in one pass that decodes the payload where it lies, as soon as its
//! event name is known. Anything unusual (an error, a key given twice, keys of both forms, the
//! name after the payload) leaves it to a checked second reading that reports precisely.

use std::cell::Cell;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::DecodeError;
use crate::dispatch::{Dispatch, Seed, Seeded, Text, capture};
use crate::object::Key;
use crate::repair::with_repair;

/// The keys of the partner SDK envelope.
const SDK_KEYS: [&str; 2] = ["type", "message"];

/// The keys of the Maestro envelope.
const MAESTRO_KEYS: [&str; 3] = ["eventType", "status", "data"];

/// Decodes a host message in either envelope.
pub(crate) fn decode<E: Dispatch>(message: &str) -> Result<E, DecodeError> {
    match in_one_pass::<E>(message) {
        Some(event) => Ok(event),
        None => checked::<E>(message),
    }
}

/// The one-pass reading: the event, or `None` for the checked reading to decide.
#[inline]
fn in_one_pass<E: Dispatch>(message: &str) -> Option<E> {
    let mut deserializer = serde_json::Deserializer::from_str(message);
    let found = deserializer.deserialize_map(Outer::<E>(PhantomData)).ok()?;
    deserializer.end().ok()?;
    match found.payload {
        Seeded::Event(event) => Some(event),
        Seeded::Text(payload) => {
            let name = found.name.as_str();
            E::route(name, Text::new(name, payload, message)).ok()
        }
    }
}

/// An event name and its payload, as the one-pass reading found them.
struct Found<'de, E> {
    name: Key<'de>,
    payload: Seeded<'de, E>,
}

/// Sets a slot once; a second value is a key given twice, left to the checked reading.
fn once<T, Er: de::Error>(slot: &mut Option<T>, value: T) -> Result<(), Er> {
    match slot {
        Some(_) => Err(Er::custom("a key given twice")),
        None => {
            *slot = Some(value);
            Ok(())
        }
    }
}

/// Reads the payload as the event called `name`.
struct Payload<'n, E> {
    name: &'n str,
    event: PhantomData<E>,
}

impl<'n, E> Payload<'n, E> {
    fn of(name: &'n str) -> Self {
        Self {
            name,
            event: PhantomData,
        }
    }
}

impl<'de, E: Dispatch> DeserializeSeed<'de> for Payload<'_, E> {
    type Value = Seeded<'de, E>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        E::route(self.name, Seed::new(deserializer))
    }
}

/// Keeps a payload whose event name is not known yet as text.
struct Later<E>(PhantomData<E>);

impl<'de, E> DeserializeSeed<'de> for Later<E> {
    type Value = Seeded<'de, E>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        capture(deserializer)
    }
}

/// The payload at the next value of `map`: decoded as the event `name` when it is known.
fn next_payload<'de, A: MapAccess<'de>, E: Dispatch>(
    map: &mut A,
    name: Option<&str>,
) -> Result<Seeded<'de, E>, A::Error> {
    match name {
        Some(name) => map.next_value_seed(Payload::<E>::of(name)),
        None => map.next_value_seed(Later(PhantomData)),
    }
}

/// Reads the outer object of a message in one pass.
struct Outer<E>(PhantomData<E>);

impl<'de, E: Dispatch> Visitor<'de> for Outer<E> {
    type Value = Found<'de, E>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a host message")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let (mut kind, mut message, mut event_type, mut status, mut data) =
            (None, None, None, None, None);
        while let Some(key) = map.next_key::<Key<'de>>()? {
            match key.as_str() {
                "type" => once(&mut kind, map.next_value::<Key<'de>>()?)?,
                "message" => once(
                    &mut message,
                    map.next_value_seed(Message::<E>(PhantomData))?,
                )?,
                "eventType" => once(&mut event_type, map.next_value::<Key<'de>>()?)?,
                "status" => once(&mut status, map.next_value::<Key<'de>>()?)?,
                "data" => {
                    let success = status
                        .as_ref()
                        .is_some_and(|s: &Key| s.as_str() == "success");
                    let name = event_type.as_ref().filter(|_| success).map(Key::as_str);
                    once(&mut data, next_payload::<A, E>(&mut map, name)?)?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let sdk = kind.is_some() || message.is_some();
        let maestro = event_type.is_some() || status.is_some() || data.is_some();
        let is = |key: &Option<Key>, word: &str| key.as_ref().is_some_and(|k| k.as_str() == word);
        match (sdk, maestro) {
            (true, false) if is(&kind, "event") => {
                message.ok_or_else(|| de::Error::custom("no message"))
            }
            (false, true) if is(&status, "success") => match event_type {
                Some(name) => Ok(Found {
                    name,
                    payload: data.unwrap_or(Seeded::Text("null")),
                }),
                None => Err(de::Error::custom("no event type")),
            },
            _ => Err(de::Error::custom("not a known envelope")),
        }
    }
}

/// Reads the SDK envelope's `message` object in one pass.
struct Message<E>(PhantomData<E>);

impl<'de, E: Dispatch> DeserializeSeed<'de> for Message<E> {
    type Value = Found<'de, E>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, E: Dispatch> Visitor<'de> for Message<E> {
    type Value = Found<'de, E>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an event message")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let (mut name, mut payload) = (None, None);
        while let Some(key) = map.next_key::<Key<'de>>()? {
            match key.as_str() {
                "eventName" => once(&mut name, map.next_value::<Key<'de>>()?)?,
                "value" => {
                    let known = name.as_ref().map(Key::as_str);
                    once(&mut payload, next_payload::<A, E>(&mut map, known)?)?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        match (name, payload) {
            (Some(name), Some(payload)) => Ok(Found { name, payload }),
            _ => Err(de::Error::custom("an incomplete message")),
        }
    }
}

/// The checked reading, after the one pass gave up: it opens the envelope with every check,
/// then decodes the payload as text; lone surrogate escapes are repaired.
#[cold]
#[inline(never)]
fn checked<E: Dispatch>(message: &str) -> Result<E, DecodeError> {
    with_repair(message, |text| {
        let (name, payload) = open(text, message)?;
        E::route(name.as_str(), Text::new(name.as_str(), payload, message))
    })
}

/// The event name and payload text of a host message; `raw` is what errors keep.
pub(crate) fn open<'a>(text: &'a str, raw: &str) -> Result<(Key<'a>, &'a str), DecodeError> {
    let keys = ["type", "message", "eventType", "status", "data"];
    let [kind, message, event_type, status, data] = match fields(text, keys) {
        Ok(values) => values,
        Err(Opening::Twice(key)) => return Err(twice(key, raw)),
        Err(Opening::NotObject) => {
            return Err(DecodeError::unknown_envelope(
                "the message is not a JSON object",
                raw,
            ));
        }
        Err(Opening::Malformed(err)) => return Err(DecodeError::malformed(&err, raw)),
    };
    let sdk = [kind, message].iter().any(Option::is_some);
    let maestro = [event_type, status, data].iter().any(Option::is_some);
    match (sdk, maestro) {
        (true, true) => Err(DecodeError::unknown_envelope(
            format!(
                "the message has keys of both envelopes (partner SDK: {}; Maestro: {})",
                listed(&SDK_KEYS),
                listed(&MAESTRO_KEYS)
            ),
            raw,
        )),
        (false, true) => maestro_payload(event_type, status, data, raw),
        (true, false) => sdk_payload(kind, message, raw),
        (false, false) => Err(DecodeError::unknown_envelope(
            "expected {\"type\": \"event\", \"message\": {...}} or {\"eventType\", \"status\", \"data\"}",
            raw,
        )),
    }
}

/// `` `a`, `b` ``.
fn listed(keys: &[&str]) -> String {
    keys.iter()
        .map(|key| format!("`{key}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A key of the envelope given twice.
fn twice(key: &str, raw: &str) -> DecodeError {
    DecodeError::unknown_envelope(format!("the key `{key}` appears twice"), raw)
}

/// The payload of a Maestro envelope, or the host's failure it reports.
fn maestro_payload<'a>(
    event_type: Option<&'a RawValue>,
    status: Option<&'a RawValue>,
    data: Option<&'a RawValue>,
    raw: &str,
) -> Result<(Key<'a>, &'a str), DecodeError> {
    let Some(event) = string(event_type) else {
        return Err(DecodeError::unknown_envelope(
            "`eventType` must be a string",
            raw,
        ));
    };
    match string(status).as_ref().map(Key::as_str) {
        Some("success") => Ok((event, payload(data))),
        Some("failed") => {
            let detail: serde_json::Value =
                serde_json::from_str(payload(data)).unwrap_or(serde_json::Value::Null);
            let code = detail.get("error").and_then(serde_json::Value::as_str);
            Err(DecodeError::HostFailure {
                event: event.as_str().to_owned(),
                code: code.unwrap_or_default().to_owned(),
                detail,
                raw: raw.to_owned(),
            })
        }
        _ => Err(DecodeError::unknown_envelope(
            "`status` must be \"success\" or \"failed\"",
            raw,
        )),
    }
}

/// The payload of a partner SDK envelope.
fn sdk_payload<'a>(
    kind: Option<&'a RawValue>,
    message: Option<&'a RawValue>,
    raw: &str,
) -> Result<(Key<'a>, &'a str), DecodeError> {
    if string(kind).as_ref().map(Key::as_str) != Some("event") {
        return Err(DecodeError::unknown_envelope(
            "`type` must be \"event\"",
            raw,
        ));
    }
    let not_object = || DecodeError::unknown_envelope("`message` must be an object", raw);
    let message = message.ok_or_else(not_object)?;
    let [event_name, value] = match fields(message.get(), ["eventName", "value"]) {
        Ok(values) => values,
        Err(Opening::Twice(key)) => return Err(twice(&format!("message.{key}"), raw)),
        Err(_) => return Err(not_object()),
    };
    let Some(event) = string(event_name) else {
        return Err(DecodeError::unknown_envelope(
            "`message.eventName` must be a string",
            raw,
        ));
    };
    Ok((event, payload(value)))
}

/// A JSON string value, if it is one.
fn string(value: Option<&RawValue>) -> Option<Key<'_>> {
    serde_json::from_str(value?.get()).ok()
}

/// The text of a payload; an absent one is `null`, which no payload type accepts.
fn payload(value: Option<&RawValue>) -> &str {
    value.map_or("null", RawValue::get)
}

/// Why an object could not be opened.
enum Opening {
    /// The text is JSON, but not an object.
    NotObject,
    /// The text is not JSON.
    Malformed(serde_json::Error),
    /// One of the keys asked for appears twice.
    Twice(&'static str),
}

/// The values of the given keys of a JSON object, unparsed; other keys are skipped.
fn fields<'a, const N: usize>(
    text: &'a str,
    keys: [&'static str; N],
) -> Result<[Option<&'a RawValue>; N], Opening> {
    let twice = Cell::new(None);
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let values = deserializer
        .deserialize_map(RawFields {
            keys,
            twice: &twice,
        })
        .and_then(|values| deserializer.end().map(|()| values));
    match (values, twice.get()) {
        (_, Some(key)) => Err(Opening::Twice(key)),
        (Ok(values), None) => Ok(values),
        (Err(err), None) if err.is_data() => Err(Opening::NotObject),
        (Err(err), None) => Err(Opening::Malformed(err)),
    }
}

/// Visits an object for [`fields`], noting a key given twice in `twice`.
struct RawFields<'t, const N: usize> {
    keys: [&'static str; N],
    twice: &'t Cell<Option<&'static str>>,
}

impl<'de, const N: usize> Visitor<'de> for RawFields<'_, N> {
    type Value = [Option<&'de RawValue>; N];

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut values = [None; N];
        while let Some(key) = map.next_key::<Key<'de>>()? {
            let Some(index) = self.keys.iter().position(|k| *k == key.as_str()) else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            if values[index].is_some() {
                self.twice.set(Some(self.keys[index]));
                return Err(de::Error::custom("a key given twice"));
            }
            values[index] = Some(map.next_value()?);
        }
        Ok(values)
    }
}
