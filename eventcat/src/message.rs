//! Decode error messages without the payload's values.
//!
//! serde's messages quote what they found (`invalid type: string "Ada", expected a boolean`),
//! and payloads carry customer data, while error messages end up in logs. The message keeps
//! what kind of value was found and what was expected; the value itself stays in the error's
//! raw text, for the caller alone.

/// The kinds of value serde names with the value after them, and how each quotes it.
const QUOTED_KINDS: [(&str, Quote); 5] = [
    ("string ", Quote::Debug),
    ("integer ", Quote::Backticks),
    ("floating point ", Quote::Backticks),
    ("boolean ", Quote::Backticks),
    ("character ", Quote::Backticks),
];

/// How serde quotes a value in a message.
#[derive(Clone, Copy)]
enum Quote {
    /// `"…"`, with `"` and `\` escaped (a string's `Debug`).
    Debug,
    /// `` `…` ``, unescaped; the value is a number, a boolean or one character.
    Backticks,
}

/// `message` with every payload value serde quoted in it left out: `invalid type: string,
/// expected a boolean`, `unknown variant, expected one of `a`, `b``. Other messages are kept.
pub(crate) fn without_values(message: &str) -> String {
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = message.strip_prefix(prefix) {
            return format!("{prefix}{}", without_found_value(rest));
        }
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        return format!("unknown variant{}", after_variant(rest));
    }
    message.to_owned()
}

/// `string "x", expected …` as `string, expected …`.
fn without_found_value(rest: &str) -> String {
    for (kind, quote) in QUOTED_KINDS {
        if let Some(quoted) = rest.strip_prefix(kind) {
            let kind = kind.trim_end();
            return match after_quoted(quoted, quote) {
                Some(tail) => format!("{kind}{tail}"),
                None => kind.to_owned(),
            };
        }
    }
    rest.to_owned()
}

/// What follows a value quoted the `quote` way at the start of `text`, or `None` when `text`
/// does not start with one.
fn after_quoted(text: &str, quote: Quote) -> Option<&str> {
    match quote {
        Quote::Debug => {
            let body = text.strip_prefix('"')?;
            let mut escaped = false;
            for (at, c) in body.char_indices() {
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' => return Some(&body[at + 1..]),
                    _ => {}
                }
            }
            None
        }
        Quote::Backticks => {
            let body = text.strip_prefix('`')?;
            // A character may itself be a backtick: the value is at least one character long.
            let first = body.chars().next()?.len_utf8();
            let end = first + body[first..].find('`')?;
            Some(&body[end + 1..])
        }
    }
}

/// What follows the unknown variant, found from the end: the expected variants come from the
/// catalog, the variant from the payload, so a payload cannot make its text survive.
fn after_variant(rest: &str) -> &str {
    ["`, expected ", "`, there are no variants"]
        .iter()
        .filter_map(|marker| rest.rfind(marker).map(|at| &rest[at + 1..]))
        .min_by_key(|tail| tail.len())
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::without_values;

    #[test]
    fn found_values_are_left_out_and_the_kinds_kept() {
        let cases = [
            (
                r#"invalid type: string "Ada Lovelace", expected a boolean"#,
                "invalid type: string, expected a boolean",
            ),
            (
                r#"invalid value: string "a \"quoted\", expected \\ x", expected "1.0.0""#,
                r#"invalid value: string, expected "1.0.0""#,
            ),
            (
                "invalid type: integer `447946000000`, expected a string",
                "invalid type: integer, expected a string",
            ),
            (
                "invalid type: floating point `1.5`, expected u32",
                "invalid type: floating point, expected u32",
            ),
            (
                "invalid value: boolean `false`, expected true",
                "invalid value: boolean, expected true",
            ),
            (
                "invalid type: character ```, expected a string",
                "invalid type: character, expected a string",
            ),
            (
                "unknown variant `Ada`, expected one of `call`, `chat`",
                "unknown variant, expected one of `call`, `chat`",
            ),
            (
                "unknown variant `a`, expected x`, expected `b`",
                "unknown variant, expected `b`",
            ),
            (
                "unknown variant `Ada`, there are no variants",
                "unknown variant, there are no variants",
            ),
        ];
        for (message, expected) in cases {
            assert_eq!(without_values(message), expected, "{message}");
        }
    }

    #[test]
    fn messages_without_values_are_kept() {
        for message in [
            "invalid type: null, expected a string",
            "invalid type: sequence, expected a JSON object",
            "invalid length 1, expected at least 2 items",
            "missing field `queueId`",
            "duplicate field `queueId`",
        ] {
            assert_eq!(without_values(message), message);
        }
    }

    #[test]
    fn a_truncated_quote_keeps_no_value() {
        assert_eq!(
            without_values(r#"invalid type: string "Ada"#),
            "invalid type: string"
        );
        assert_eq!(without_values("unknown variant `Ada"), "unknown variant");
    }
}
