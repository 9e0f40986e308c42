//! Text that is not JSON only because of lone surrogate escapes (`"\ud83d"`, which a browser
//! writes for half an emoji) is decoded with each replaced by U+FFFD, instead of losing the event.

use eventcat_json::repair_surrogates;

use crate::{DecodeError, DecodeErrorKind};

/// Runs `attempt` on `text`; when the text is not JSON only because of lone surrogate escapes,
/// runs it again on the repaired text. Errors keep the text as given.
#[inline]
pub(crate) fn with_repair<T>(
    text: &str,
    attempt: impl Fn(&str) -> Result<T, DecodeError>,
) -> Result<T, DecodeError> {
    match attempt(text) {
        Err(err) if matches!(err.kind(), DecodeErrorKind::MalformedJson { .. }) => {
            retry_repaired(text, err, attempt)
        }
        result => result,
    }
}

/// The second attempt of [`with_repair`], on the repaired text if there is one.
#[cold]
#[inline(never)]
fn retry_repaired<T>(
    text: &str,
    err: DecodeError,
    attempt: impl Fn(&str) -> Result<T, DecodeError>,
) -> Result<T, DecodeError> {
    match repair_surrogates(text) {
        Some(repaired) => attempt(&repaired),
        None => Err(err),
    }
}
