//! Decoding one payload as one event struct, straight from the text; the repairs and the error
//! details are worked out on the failure path only.

use serde::Deserializer as _;
use serde::de::{IgnoredAny, MapAccess, Visitor};

use crate::object::Key;
use crate::path::{locate, trail};
use crate::{DecodeError, DecodeErrorKind, PartnerEvent};
use eventcat_json::{MAX_DEPTH, repair_surrogates};

/// Decodes `payload` as `T`, given as the `E` it converts into (the variant of a dispatching
/// enum; [`event`] gives `T` itself); `raw` is what errors keep. When `supported` lists the
/// event's schema versions, a payload whose `schemaVersion` is none of them is
/// `UnsupportedSchemaVersion`.
/// Everything beyond the one pass over the text happens on the failure path.
#[inline]
pub(crate) fn payload<T: PartnerEvent, E: From<T>>(
    payload: &str,
    raw: &str,
    supported: &'static [&'static str],
) -> Result<E, DecodeError> {
    match serde_json::from_str::<T>(payload) {
        Ok(event) => Ok(E::from(event)),
        Err(err) => recover::<T>(payload, raw, supported, &err).map(E::from),
    }
}

/// [`payload`] for `T` itself, as its own `decode` gives it: the decoded struct goes into the
/// result without a conversion between.
#[inline]
pub(crate) fn event<T: PartnerEvent>(payload: &str) -> Result<T, DecodeError> {
    serde_json::from_str::<T>(payload).or_else(|err| recover::<T>(payload, payload, &[], &err))
}

/// After a failed first pass: text that is not JSON only because of lone surrogate escapes is
/// decoded again with each replaced by U+FFFD; otherwise the error is worked out. Only the
/// decoding itself is `T`'s: the error is worked out by one function for every event.
#[cold]
#[inline(never)]
fn recover<T: PartnerEvent>(
    payload: &str,
    raw: &str,
    supported: &'static [&'static str],
    err: &serde_json::Error,
) -> Result<T, DecodeError> {
    let event = Failed {
        name: T::NAME,
        schema_version: T::SCHEMA_VERSION,
        supported,
        decode_again: decode_error::<T>,
    };
    match repair_surrogates(payload) {
        Some(repaired) => {
            serde_json::from_str(&repaired).map_err(|err| event.failure(&repaired, raw, &err))
        }
        None => Err(event.failure(payload, raw, err)),
    }
}

/// The event a payload did not decode as, with what working out the error needs of it.
struct Failed {
    name: &'static str,
    schema_version: &'static str,
    /// Its schema versions, when an unsupported `schemaVersion` is its own error.
    supported: &'static [&'static str],
    /// Decodes text as the event again, giving the error.
    decode_again: fn(&str) -> Option<serde_json::Error>,
}

/// The error of decoding `text` as `T`, if it fails.
fn decode_error<T: PartnerEvent>(text: &str) -> Option<serde_json::Error> {
    serde_json::from_str::<T>(text).err()
}

impl Failed {
    /// The error for a payload that did not decode as the event: the text is read again, to
    /// find an unsupported `schemaVersion` or the JSON path of the offending field.
    fn failure(&self, payload: &str, raw: &str, err: &serde_json::Error) -> DecodeError {
        if !err.is_data() && !too_deep(err) {
            return DecodeError::malformed(err, raw);
        }
        // Reading stops at the first problem: text that is not JSON further on says so first.
        if let Err(syntax) = serde_json::from_str::<IgnoredAny>(payload) {
            return DecodeError::malformed(&syntax, raw);
        }
        let supported = self.supported;
        let unsupported = match supported {
            [] => None,
            _ => version_of(payload).filter(|found| !supported.contains(&found.as_str())),
        };
        if let Some(found) = unsupported {
            let kind = DecodeErrorKind::UnsupportedSchemaVersion {
                event: self.name,
                found: found.as_str().to_owned(),
                supported,
            };
            return DecodeError::new(kind, raw);
        }
        // A second pass, with the trail of failed keys recorded from the start.
        trail::clear();
        let again = (self.decode_again)(payload);
        let err = again.as_ref().unwrap_or(err);
        let (path, mut message) = locate(payload, err);
        if too_deep(err) {
            message = format!(
                "nested more than {MAX_DEPTH} arrays and objects deep, the most a payload is read to"
            );
        }
        let kind = DecodeErrorKind::InvalidPayload {
            event: self.name,
            schema_version: self.schema_version,
            path,
            message,
        };
        DecodeError::new(kind, raw)
    }
}

/// True for serde_json's error at text nested deeper than [`MAX_DEPTH`] (`check` warns of the
/// limit at each recursive type: `payload-depth`): valid JSON, but more
/// than a payload may hold. serde_json classifies it as a syntax error.
fn too_deep(err: &serde_json::Error) -> bool {
    err.is_syntax() && crate::error::without_position(err) == "recursion limit exceeded"
}

/// The payload's `schemaVersion`, when it is a JSON object with a string there; every other key
/// is skipped unread.
pub(crate) fn version_of(payload: &str) -> Option<Key<'_>> {
    match probe_version(payload) {
        Ok(found) => found,
        // Not JSON: perhaps only because of lone surrogate escapes.
        Err(_) => {
            let repaired = repair_surrogates(payload)?;
            probe_version(&repaired).ok()?.map(Key::into_owned)
        }
    }
}

/// Reads `schemaVersion` alone.
fn probe_version(text: &str) -> Result<Option<Key<'_>>, serde_json::Error> {
    /// Visits the payload's object.
    struct Probe;

    impl<'de> Visitor<'de> for Probe {
        type Value = Option<Key<'de>>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a JSON object")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut found = None;
            while let Some(key) = map.next_key::<Key<'de>>()? {
                if found.is_none() && key.as_str() == "schemaVersion" {
                    found = map.next_value::<Option<Key<'de>>>()?;
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(found)
        }
    }

    serde_json::Deserializer::from_str(text).deserialize_map(Probe)
}
