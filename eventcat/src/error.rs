//! Why a payload could not be decoded or encoded.
//!
//! Each error says what went wrong once: its `Display` is the whole message and `source()` adds
//! nothing to it. A [`DecodeError`] keeps the text it was given ([`DecodeError::raw`]) beside
//! what went wrong ([`DecodeError::kind`]), so nothing is lost, but its `Debug` shows only the
//! text's length: payloads carry customer data, and `{:?}` ends up in logs.

use std::fmt;

pub use serde_json::error::Category as JsonCategory;

/// Why a payload or host message could not be decoded, with the raw text that did not decode.
///
/// What went wrong is its [`kind`](Self::kind), to match on; the text is [`raw`](Self::raw).
/// It is one pointer wide, as `serde_json::Error` is, so that a `Result` holding it costs no
/// more to return than the decoded struct alone.
///
/// ```
/// mod events {
///     #[derive(eventcat::EventCatalog)]
///     #[catalog(events = ["aw-interaction-focus-v3"])]
///     pub struct Events;
/// }
///
/// use eventcat::DecodeErrorKind;
///
/// let payload = r#"{"schemaVersion": "3.0.0", "interactionId": 7}"#;
/// let err = events::ReceivedEvent::decode("aw-interaction-focus-v3", payload).unwrap_err();
/// match err.kind() {
///     DecodeErrorKind::InvalidPayload { path, message, .. } => {
///         assert_eq!(path, "interactionId");
///         assert_eq!(message, "invalid type: integer, expected a string");
///     }
///     other => panic!("{other}"),
/// }
/// assert_eq!(err.raw(), payload);
/// ```
#[derive(Clone, PartialEq)]
pub struct DecodeError(Box<Failure>);

/// What a [`DecodeError`] holds.
#[derive(Clone, PartialEq)]
struct Failure {
    kind: DecodeErrorKind,
    raw: String,
}

/// What went wrong in decoding, as [`DecodeError::kind`] gives it.
#[derive(Clone, PartialEq)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// The event name is not a received event of the catalog, or was left out of the build.
    #[non_exhaustive]
    UnknownEvent {
        /// The name given.
        name: String,
        /// True when the catalog has the event but this build's options left it out.
        left_out: bool,
    },
    /// The payload's `schemaVersion` is not one the catalog lists for the event.
    #[non_exhaustive]
    UnsupportedSchemaVersion {
        /// The event name.
        event: &'static str,
        /// The version found.
        found: String,
        /// The versions the catalog lists.
        supported: &'static [&'static str],
    },
    /// The payload does not match its schema.
    #[non_exhaustive]
    InvalidPayload {
        /// The event name.
        event: &'static str,
        /// The schema version it was decoded as.
        schema_version: &'static str,
        /// The JSON path of the offending field, such as `queue.queueId` (`.` for the payload).
        path: String,
        /// What was expected there.
        message: String,
    },
    /// The text is not JSON.
    #[non_exhaustive]
    MalformedJson {
        /// The 1-based line the parser stopped at.
        line: usize,
        /// The 1-based column the parser stopped at.
        column: usize,
        /// What kind of problem: a syntax error, or the text ending early.
        category: JsonCategory,
        /// The parser's message, without the position.
        message: String,
    },
    /// The message is not a host envelope: neither form, both forms, or a key given twice.
    #[non_exhaustive]
    UnknownEnvelope {
        /// What is wrong with it.
        message: String,
    },
    /// The host reported that it could not validate the event (Maestro `status: failed`).
    #[non_exhaustive]
    HostFailure {
        /// The event name the host reported.
        event: String,
        /// The host's error code, such as `INVALID_SCHEMA`.
        code: String,
        /// The host's error details: the JSON text of `data`, as the host sent it (parse it with
        /// `serde_json::from_str` into the type you need; it is kept as text so that nothing in
        /// it is lost, however deep or large).
        detail: String,
    },
}

impl DecodeError {
    /// The error `kind` for the raw text `raw`. Built on failure paths only, out of line.
    #[cold]
    #[inline(never)]
    pub(crate) fn new(kind: DecodeErrorKind, raw: &str) -> Self {
        Self(Box::new(Failure {
            kind,
            raw: raw.to_owned(),
        }))
    }

    /// What went wrong.
    pub fn kind(&self) -> &DecodeErrorKind {
        &self.0.kind
    }

    /// The raw text that could not be decoded.
    pub fn raw(&self) -> &str {
        &self.0.raw
    }

    /// The raw text, taken out of the error (to queue or log the payload).
    pub fn into_raw(self) -> String {
        self.0.raw
    }

    /// What went wrong and the raw text, taken out of the error.
    pub fn into_parts(self) -> (DecodeErrorKind, String) {
        let Failure { kind, raw } = *self.0;
        (kind, raw)
    }

    /// A parser error for `raw`: malformed JSON, with the parser's position and category.
    pub(crate) fn malformed(err: &serde_json::Error, raw: &str) -> Self {
        let kind = DecodeErrorKind::MalformedJson {
            line: err.line(),
            column: err.column(),
            category: err.classify(),
            message: without_position(err),
        };
        Self::new(kind, raw)
    }

    /// No event of the build is called `name`; `left_out` when the catalog has one.
    pub(crate) fn unknown_event(name: &str, left_out: bool, raw: &str) -> Self {
        let name = name.to_owned();
        Self::new(DecodeErrorKind::UnknownEvent { name, left_out }, raw)
    }

    /// The message is not an envelope eventcat knows, for the reason `message`.
    pub(crate) fn unknown_envelope(message: impl Into<String>, raw: &str) -> Self {
        let message = message.into();
        Self::new(DecodeErrorKind::UnknownEnvelope { message }, raw)
    }
}

/// serde_json's message without the ` at line L column C` it appends when it knows the position.
pub(crate) fn without_position(err: &serde_json::Error) -> String {
    let full = err.to_string();
    let position = format!(" at line {} column {}", err.line(), err.column());
    match full.strip_suffix(&position) {
        Some(message) => message.to_owned(),
        None => full,
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.kind(), f)
    }
}

impl fmt::Display for DecodeErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownEvent {
                name,
                left_out: true,
            } => write!(
                f,
                "the event `{name}` is in the catalog but left out of this build by its options (`products`, `events` or the sunset policy)"
            ),
            Self::UnknownEvent { name, .. } => write!(f, "unknown event `{name}`"),
            Self::UnsupportedSchemaVersion {
                event,
                found,
                supported,
            } => write!(
                f,
                "`{event}` has no schema version `{found}` (supported: {})",
                supported.join(", ")
            ),
            Self::InvalidPayload {
                event,
                schema_version,
                path,
                message,
            } => write!(
                f,
                "invalid `{event}` {schema_version} payload at `{path}`: {message}"
            ),
            Self::MalformedJson {
                line,
                column,
                message,
                ..
            } => write!(
                f,
                "malformed JSON at line {line} column {column}: {message}"
            ),
            Self::UnknownEnvelope { message } => {
                write!(f, "unknown message envelope: {message}")
            }
            Self::HostFailure { event, code, .. } => {
                write!(f, "the host reported `{code}` for `{event}`")
            }
        }
    }
}

/// Stands for the raw text in `Debug`: its length, not its content.
struct Length(usize);

impl fmt::Debug for Length {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} bytes>", self.0)
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError")
            .field("kind", self.kind())
            .field("raw", &Length(self.raw().len()))
            .finish()
    }
}

impl fmt::Debug for DecodeErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownEvent { name, left_out } => f
                .debug_struct("UnknownEvent")
                .field("name", name)
                .field("left_out", left_out)
                .finish(),
            Self::UnsupportedSchemaVersion {
                event,
                found,
                supported,
            } => f
                .debug_struct("UnsupportedSchemaVersion")
                .field("event", event)
                .field("found", found)
                .field("supported", supported)
                .finish(),
            Self::InvalidPayload {
                event,
                schema_version,
                path,
                message,
            } => f
                .debug_struct("InvalidPayload")
                .field("event", event)
                .field("schema_version", schema_version)
                .field("path", path)
                .field("message", message)
                .finish(),
            Self::MalformedJson {
                line,
                column,
                category,
                message,
            } => f
                .debug_struct("MalformedJson")
                .field("line", line)
                .field("column", column)
                .field("category", category)
                .field("message", message)
                .finish(),
            Self::UnknownEnvelope { message } => f
                .debug_struct("UnknownEnvelope")
                .field("message", message)
                .finish(),
            // The host's details may quote the payload.
            Self::HostFailure { event, code, .. } => f
                .debug_struct("HostFailure")
                .field("event", event)
                .field("code", code)
                .finish_non_exhaustive(),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Why an event could not be encoded: a value the schema does not allow, such as an array
/// outside its `min_items` / `max_items`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct EncodeError {
    /// The event name.
    pub event: &'static str,
    /// The schema version.
    pub schema_version: &'static str,
    /// What is wrong, such as ``calls` has 1 items, expected at least 2``.
    pub message: String,
}

impl EncodeError {
    /// The error of encoding the event `event` (`schema_version`) that failed with `err`.
    pub(crate) fn new(
        event: &'static str,
        schema_version: &'static str,
        err: &serde_json::Error,
    ) -> Self {
        Self {
            event,
            schema_version,
            message: without_position(err),
        }
    }
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot encode `{}` {}: {}",
            self.event, self.schema_version, self.message
        )
    }
}

impl std::error::Error for EncodeError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_error(text: &str) -> serde_json::Error {
        serde_json::from_str::<serde_json::Value>(text).expect_err("not JSON")
    }

    #[test]
    fn malformed_json_keeps_the_position_and_the_category_and_says_it_once() {
        let err = DecodeError::malformed(&parse_error("{\n  \"a\": tru }"), "raw");
        let DecodeErrorKind::MalformedJson {
            line,
            column,
            category,
            ref message,
        } = *err.kind()
        else {
            panic!("{err:?}");
        };
        assert_eq!((line, column, category), (2, 11, JsonCategory::Syntax));
        assert_eq!(message, "expected ident");
        assert_eq!(
            err.to_string(),
            "malformed JSON at line 2 column 11: expected ident"
        );
        let eof = DecodeError::malformed(&parse_error("{"), "{");
        assert!(matches!(
            eof.kind(),
            DecodeErrorKind::MalformedJson {
                category: JsonCategory::Eof,
                ..
            }
        ));
    }

    #[test]
    fn debug_shows_the_length_of_the_raw_text_not_the_text() {
        let secret = r#"{"customer": "Ada Lovelace", "phone": "+44 20 7946 0000"}"#;
        let errors = [
            DecodeError::unknown_event("x-v1", false, secret),
            DecodeError::unknown_envelope("neither form", secret),
            DecodeError::malformed(&parse_error("{"), secret),
            DecodeError::new(
                DecodeErrorKind::InvalidPayload {
                    event: "x-v1",
                    schema_version: "1.0.0",
                    path: "queue.queueId".to_owned(),
                    message: "invalid type: integer `7`, expected a string".to_owned(),
                },
                secret,
            ),
            DecodeError::new(
                DecodeErrorKind::HostFailure {
                    event: "x-v1".to_owned(),
                    code: "INVALID_SCHEMA".to_owned(),
                    detail: r#"{"customer":"Ada Lovelace"}"#.to_owned(),
                },
                secret,
            ),
        ];
        for err in errors {
            let debug = format!("{err:?}");
            assert!(!debug.contains("Ada"), "{debug}");
            assert!(
                debug.contains(&format!("<{} bytes>", secret.len())),
                "{debug}"
            );
            assert_eq!(err.raw(), secret);
            assert_eq!(err.clone().into_raw(), secret);
            let (kind, raw) = err.clone().into_parts();
            assert_eq!((&kind, raw.as_str()), (err.kind(), secret));
        }
    }

    #[test]
    fn an_error_is_one_pointer_wide_so_a_result_holding_it_stays_small() {
        assert_eq!(size_of::<DecodeError>(), size_of::<usize>());
        assert_eq!(size_of::<Result<(), DecodeError>>(), size_of::<usize>());
    }

    #[test]
    fn errors_have_no_source_to_repeat_their_message() {
        use std::error::Error as _;
        let decode = DecodeError::unknown_event("x-v1", false, "{}");
        assert!(decode.source().is_none());
        let encode = EncodeError::new(
            "x-v1",
            "1.0.0",
            &serde::ser::Error::custom("`calls` has 1 items, expected at least 2"),
        );
        assert_eq!(
            encode.to_string(),
            "cannot encode `x-v1` 1.0.0: `calls` has 1 items, expected at least 2"
        );
        assert!(encode.source().is_none());
    }
}
