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

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::dispatch::{Dispatch, Text};
use crate::object::Key;
use crate::repair::with_repair;
use crate::{DecodeError, DecodeErrorKind};

/// The keys of the partner SDK envelope.
const SDK_KEYS: [&str; 2] = ["type", "message"];

/// The keys of the Maestro envelope.
const MAESTRO_KEYS: [&str; 3] = ["eventType", "status", "data"];

/// Decodes a message as the host delivers it, in either envelope; the payload is decoded where
/// it lies in the message.
pub fn from_message<E: Dispatch>(message: &str) -> Result<E, DecodeError> {
    match scan(message) {
        Some(Scanned { name, payload }) => {
            E::route(name, Text::new(name, payload, message)).or_else(|_| checked::<E>(message))
        }
        None => checked::<E>(message),
    }
}

/// The event name and payload text of a message whose envelope [`scan`] could read.
#[derive(Debug, PartialEq)]
struct Scanned<'a> {
    name: &'a str,
    payload: &'a str,
}

/// Reads the envelope of a message without a JSON parser, for the layout hosts write: string
/// members, the payload last in its object. `None` for anything else (a string with an escape,
/// a member that is not a string, a key given twice, keys of both envelopes, the payload before
/// the event name, text after it), which the checked reading then decides. What it accepts is
/// exactly the JSON text `{"k": "v", ..., "message": {"k": "v", ..., "value": P}}` or
/// `{"k": "v", ..., "data": P}` with the payload `P` a JSON value, which decoding `P` checks.
fn scan(message: &str) -> Option<Scanned<'_>> {
    let mut cursor = Cursor {
        text: message,
        at: 0,
    };
    let mut seen = Seen::default();
    cursor.expect(b'{')?;
    loop {
        let key = cursor.member_key()?;
        match key {
            "message" if seen.form(Form::Sdk) && seen.kind == Some("event") => {
                cursor.expect(b'{')?;
                return sdk_message(cursor);
            }
            "data" if seen.form(Form::Maestro) && seen.status == Some("success") => {
                let name = seen.event_type?;
                let payload = cursor.last_value(1)?;
                return Some(Scanned { name, payload });
            }
            "message" | "data" => return None,
            _ => {
                let value = cursor.string()?;
                seen.record(key, value)?;
            }
        }
        cursor.expect(b',')?;
    }
}

/// The inside of the SDK envelope's `message` object, whose `value` is the payload.
fn sdk_message(mut cursor: Cursor<'_>) -> Option<Scanned<'_>> {
    let mut name = None;
    loop {
        let key = cursor.member_key()?;
        if key == "value" {
            let payload = cursor.last_value(2)?;
            return Some(Scanned {
                name: name?,
                payload,
            });
        }
        let value = cursor.string()?;
        if key == "eventName" && name.replace(value).is_some() {
            return None;
        }
        cursor.expect(b',')?;
    }
}

/// The number of bytes before the first `"`, `\\` or control character (all of `bytes` when
/// there is none), eight at a time: a byte is one of them when it is below 0x20 or, XORed with
/// the quote or the backslash, zero.
#[inline]
fn plain_length(bytes: &[u8]) -> usize {
    const ONES: u64 = u64::MAX / 255;
    const HIGHS: u64 = ONES << 7;
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        let control = word.wrapping_sub(ONES * 0x20) & !word;
        let quote = (word ^ (ONES * u64::from(b'"'))).wrapping_sub(ONES)
            & !(word ^ (ONES * u64::from(b'"')));
        let backslash = (word ^ (ONES * u64::from(b'\\'))).wrapping_sub(ONES)
            & !(word ^ (ONES * u64::from(b'\\')));
        let found = (control | quote | backslash) & HIGHS;
        if found != 0 {
            return at + (found.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    let tail = chunks.remainder();
    at + tail
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
        .unwrap_or(tail.len())
}

/// Which envelope a key belongs to.
#[derive(Clone, Copy, PartialEq)]
enum Form {
    Sdk,
    Maestro,
}

/// The envelope keys [`scan`] has read before the payload, with their string values.
#[derive(Default)]
struct Seen<'a> {
    form: Option<Form>,
    kind: Option<&'a str>,
    event_type: Option<&'a str>,
    status: Option<&'a str>,
}

impl<'a> Seen<'a> {
    /// Whether a key of `form` may come: no key of the other form came before.
    fn form(&mut self, form: Form) -> bool {
        *self.form.get_or_insert(form) == form
    }

    /// Records a string member: a key of one envelope (once), or any other key (skipped).
    fn record(&mut self, key: &str, value: &'a str) -> Option<()> {
        let form = match key {
            "type" => Form::Sdk,
            "eventType" | "status" => Form::Maestro,
            _ => return Some(()),
        };
        if !self.form(form) {
            return None;
        }
        let slot = match key {
            "type" => &mut self.kind,
            "eventType" => &mut self.event_type,
            _ => &mut self.status,
        };
        slot.replace(value).is_none().then_some(())
    }
}

/// A position in the text being scanned.
struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Cursor<'a> {
    /// The byte at the cursor, after JSON whitespace.
    #[inline]
    fn next_byte(&mut self) -> Option<u8> {
        let bytes = self.text.as_bytes();
        loop {
            match *bytes.get(self.at)? {
                b' ' | b'\t' | b'\n' | b'\r' => self.at += 1,
                byte => return Some(byte),
            }
        }
    }

    /// Skips whitespace, then the byte `byte`.
    #[inline]
    fn expect(&mut self, byte: u8) -> Option<()> {
        // Hosts write compact JSON: the byte is usually right there.
        if self.text.as_bytes().get(self.at) != Some(&byte) && self.next_byte()? != byte {
            return None;
        }
        self.at += 1;
        Some(())
    }

    /// A string without escapes or control characters, after whitespace.
    #[inline]
    fn string(&mut self) -> Option<&'a str> {
        self.expect(b'"')?;
        let start = self.at;
        let rest = self.text.as_bytes().get(start..)?;
        let length = plain_length(rest);
        if rest.get(length) != Some(&b'"') {
            return None;
        }
        self.at = start + length + 1;
        self.text.get(start..start + length)
    }

    /// A member's key and the colon after it.
    #[inline]
    fn member_key(&mut self) -> Option<&'a str> {
        let key = self.string()?;
        self.expect(b':')?;
        Some(key)
    }

    /// The rest of the text as the last value of `depth` nested objects: what is left once
    /// the closing braces (and whitespace) at the end are taken off.
    fn last_value(mut self, depth: usize) -> Option<&'a str> {
        self.next_byte()?;
        let bytes = self.text.as_bytes();
        let mut end = bytes.len();
        for _ in 0..depth {
            while end > self.at && matches!(bytes[end - 1], b' ' | b'\t' | b'\n' | b'\r') {
                end -= 1;
            }
            if end <= self.at + 1 || bytes[end - 1] != b'}' {
                return None;
            }
            end -= 1;
        }
        self.text.get(self.at..end)
    }
}

/// The checked reading, when the scan gave up: it opens the envelope with every check,
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
            let data = payload(data);
            // The code is read alone, the rest skipped unparsed: `data` too deep, or holding a
            // number too large, for a `Value` still keeps it, and is kept as its text.
            let code = match fields(data, ["error"]) {
                Ok([error]) => string(error),
                Err(_) => None,
            };
            let kind = DecodeErrorKind::HostFailure {
                event: event.as_str().to_owned(),
                code: code.as_ref().map_or("", Key::as_str).to_owned(),
                detail: data.to_owned(),
            };
            Err(DecodeError::new(kind, raw))
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

#[cfg(test)]
mod tests {
    use super::*;

    const PAYLOAD: &str = r#"{"schemaVersion":"3.0.0","a":[1,{"b":"}"}]}"#;

    fn scanned(message: &str) -> Option<(String, serde_json::Value)> {
        let Scanned { name, payload } = scan(message)?;
        let value = serde_json::from_str(payload).ok()?;
        Some((name.to_owned(), value))
    }

    fn opened(message: &str) -> Result<(String, serde_json::Value), DecodeError> {
        let (name, payload) = open(message, message)?;
        let value = serde_json::from_str(payload).unwrap_or(serde_json::Value::Null);
        Ok((name.as_str().to_owned(), value))
    }

    /// Envelopes both readings accept, in the layouts hosts write and others.
    fn good() -> Vec<String> {
        vec![
            format!(
                r#"{{"type":"event","schemaVersion":"1.0.0","message":{{"eventName":"x-v1","value":{PAYLOAD}}}}}"#
            ),
            format!(
                r#"{{"schemaVersion":"1.0.0","type":"event","message":{{"value2":"v","eventName":"x-v1","value":{PAYLOAD}}}}}"#
            ),
            format!(
                "{{ \"type\" : \"event\" ,\n \"message\" :\t{{ \"eventName\" : \"x-v1\" , \"value\" : {PAYLOAD} }} }}\n"
            ),
            format!(r#"{{"eventType":"x-v1","status":"success","data":{PAYLOAD}}}"#),
            format!(r#"{{"status":"success","eventType":"x-v1","note":"n","data":{PAYLOAD} }}"#),
        ]
    }

    #[test]
    fn the_scan_reads_what_the_checked_reading_reads() {
        for message in good() {
            let expected = opened(&message).expect("a valid envelope");
            assert_eq!(scanned(&message), Some(expected), "{message}");
        }
    }

    #[test]
    fn the_scan_leaves_every_other_message_to_the_checked_reading() {
        let unusual = [
            // An escape, a member that is not a string, the payload first or not last.
            format!(
                r#"{{"type":"ev\u0065nt","message":{{"eventName":"x-v1","value":{PAYLOAD}}}}}"#
            ),
            format!(
                r#"{{"type":"event","schemaVersion":1,"message":{{"eventName":"x-v1","value":{PAYLOAD}}}}}"#
            ),
            format!(r#"{{"message":{{"eventName":"x-v1","value":{PAYLOAD}}},"type":"event"}}"#),
            format!(r#"{{"type":"event","message":{{"value":{PAYLOAD},"eventName":"x-v1"}}}}"#),
            format!(r#"{{"eventType":"x-v1","data":{PAYLOAD},"status":"success"}}"#),
            // Text after the payload, or braces that do not close it.
            format!(r#"{{"eventType":"x-v1","status":"success","data":{PAYLOAD}}}}}"#),
            format!(r#"{{"eventType":"x-v1","status":"success","data":{PAYLOAD}}} x"#),
            r#"{"eventType":"x-v1","status":"success","data":}"#.to_owned(),
        ];
        // Either the scan gives up, or what it takes for the payload is not one JSON value,
        // which decoding the payload refuses.
        for message in &unusual {
            assert_eq!(scanned(message), None, "{message}");
        }
    }

    #[test]
    fn the_scan_refuses_what_the_checked_reading_refuses() {
        let refused = [
            // A key given twice, keys of both envelopes, a failure or an unknown status.
            format!(
                r#"{{"type":"event","type":"event","message":{{"eventName":"x-v1","value":{PAYLOAD}}}}}"#
            ),
            format!(
                r#"{{"type":"event","message":{{"eventName":"x-v1","eventName":"y-v1","value":{PAYLOAD}}}}}"#
            ),
            format!(
                r#"{{"eventType":"x-v1","eventType":"y-v1","status":"success","data":{PAYLOAD}}}"#
            ),
            format!(r#"{{"type":"event","eventType":"x-v1","status":"success","data":{PAYLOAD}}}"#),
            format!(
                r#"{{"eventType":"x-v1","type":"event","message":{{"eventName":"x-v1","value":{PAYLOAD}}}}}"#
            ),
            format!(r#"{{"eventType":"x-v1","status":"failed","data":{PAYLOAD}}}"#),
            format!(r#"{{"eventType":"x-v1","status":"pending","data":{PAYLOAD}}}"#),
            format!(r#"{{"type":"request","message":{{"eventName":"x-v1","value":{PAYLOAD}}}}}"#),
            format!(r#"{{"type":"event","message":{{"value":{PAYLOAD}}}}}"#),
        ];
        for message in &refused {
            assert_eq!(scanned(message), None, "{message}");
            assert!(opened(message).is_err(), "{message}");
        }
    }

    #[test]
    fn a_key_given_twice_or_both_envelopes_are_named() {
        let message = format!(
            r#"{{"type":"event","message":{{"eventName":"x-v1","value":{PAYLOAD}}},"message":{{}}}}"#
        );
        let err = opened(&message).expect_err("two messages");
        assert!(
            err.to_string().contains("the key `message` appears twice"),
            "{err}"
        );
        assert_eq!(err.raw(), message);
        let inner = r#"{"type":"event","message":{"eventName":"a","eventName":"b","value":{}}}"#;
        let err = opened(inner).expect_err("two names");
        assert!(
            err.to_string()
                .contains("`message.eventName` appears twice"),
            "{err}"
        );
        let both = r#"{"type":"event","message":{"eventName":"a","value":{}},"data":{}}"#;
        let err = opened(both).expect_err("both forms");
        assert!(err.to_string().contains("keys of both envelopes"), "{err}");
    }

    #[test]
    fn plain_strings_end_at_the_first_quote_backslash_or_control_character() {
        for (text, length) in [
            ("abc\"", 3),
            ("0123456789abcdef\"", 16),
            ("0123456\\u", 7),
            ("01234567890\n\"", 11),
            ("\u{e9}t\u{e9}\"", 5),
            ("no end", 6),
        ] {
            assert_eq!(plain_length(text.as_bytes()), length, "{text:?}");
        }
    }
}
