//! The JSON reading rules eventcat's runtime and its catalog check share, so that `eventcat
//! check` accepts a catalog's `example` exactly when the generated code decodes it.
//!
//! - Text that is not JSON only because of lone surrogate escapes (`"\ud83d"`, which a browser
//!   writes for half an emoji) is read with each replaced by U+FFFD: [`repair_surrogates`].
//! - A payload nests at most [`MAX_DEPTH`] arrays and objects.

/// How deep serde_json reads nested arrays and objects: deeper text is refused, so that a
/// hostile payload cannot exhaust the stack. eventcat keeps serde_json's limit, which is also
/// every other serde_json user's in a build.
pub const MAX_DEPTH: usize = 128;

/// `text` with every `\u` escape of a lone surrogate replaced by `\ufffd`, or `None` when it has
/// none.
#[cold]
pub fn repair_surrogates(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut repaired = String::new();
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] != b'\\' {
            at += 1;
            continue;
        }
        let lone = match unit(bytes, at) {
            Some(0xD800..=0xDBFF) => {
                if matches!(unit(bytes, at + 6), Some(0xDC00..=0xDFFF)) {
                    at += 12;
                    continue;
                }
                true
            }
            Some(0xDC00..=0xDFFF) => true,
            Some(_) => {
                at += 6;
                continue;
            }
            None => false,
        };
        if lone {
            repaired.push_str(&text[copied..at]);
            repaired.push_str("\\ufffd");
            at += 6;
            copied = at;
        } else {
            // Any other escape: the escaped character is not a quote or backslash.
            at += 2;
        }
    }
    if copied == 0 {
        return None;
    }
    repaired.push_str(&text[copied..]);
    Some(repaired)
}

/// The UTF-16 unit of a `\uXXXX` escape at `at`.
fn unit(bytes: &[u8], at: usize) -> Option<u32> {
    if bytes.get(at) != Some(&b'\\') || bytes.get(at + 1) != Some(&b'u') {
        return None;
    }
    let hex = std::str::from_utf8(bytes.get(at + 2..at + 6)?).ok()?;
    u32::from_str_radix(hex, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_surrogates_become_the_replacement_character() {
        let text = r#"{"a": "x\ud83dy", "b": "\udc00", "c": "\ud83d\ude00", "d": "\\ud800"}"#;
        let repaired = repair_surrogates(text).expect("two lone surrogates");
        assert_eq!(
            repaired,
            r#"{"a": "x\ufffdy", "b": "\ufffd", "c": "\ud83d\ude00", "d": "\\ud800"}"#
        );
        let value: serde_json::Value = serde_json::from_str(&repaired).expect("JSON now");
        assert_eq!(value["a"], "x\u{fffd}y");
    }

    #[test]
    fn text_without_lone_surrogates_is_left_alone() {
        for text in [
            r#"{"c": "\ud83d\ude00"}"#,
            r#"{"u": "\u0041\n"}"#,
            r#"{"t": "\ud8"#,
            "",
        ] {
            assert_eq!(repair_surrogates(text), None, "{text}");
        }
    }
}
