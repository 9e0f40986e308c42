//! The YAML parser's errors as diagnostics.
//!
//! The code and the place come from the variant of the parser's typed error and its fields,
//! never from its message text. The message is the catalog's own where the parser's words would
//! name its options, its API or Rust types; it carries no location wording, since a diagnostic
//! holds its place itself.

use std::borrow::Cow;

use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::{DefaultMessageFormatter, Error, Localizer, MessageFormatter, SnippetMode};

use super::{MAX_ALIAS_EXPANSION, MAX_DEPTH, MAX_NODES};
use crate::diagnostic::{Diagnostic, Location};

/// Where an error the parser cannot place stands: the start of the file.
const START: Location = Location {
    line: 1,
    column: 1,
    bytes: None,
};

/// A YAML parse or shape error as a diagnostic: at the parser's location (for an error through
/// an alias, the alias), with the place inside the aliased value as a related note.
pub(crate) fn yaml_diagnostic(err: &Error) -> Diagnostic {
    let location = err
        .location()
        .map_or(START, |location| Location::from_saphyr(&location));
    let failed = original(err);
    if let Some(message) = limit_message(failed) {
        return Diagnostic::error("limit", location, message);
    }
    let code = match failed {
        Error::SerdeUnknownField { .. } => "unknown-key",
        Error::DuplicateMappingKey { .. } => "duplicate-key",
        _ => "yaml",
    };
    let message = err.render_with_options(serde_saphyr::render_options! {
        formatter: &CatalogMessages,
        snippets: SnippetMode::Off,
    });
    let diagnostic = Diagnostic::error(code, location, message);
    match aliased_value(err) {
        Some(at) => diagnostic.with_related(at, "here, in the value the alias stands for"),
        None => diagnostic,
    }
}

/// The error behind the parser's wrappers (an alias's use, a snippet).
fn original(mut err: &Error) -> &Error {
    while let Error::WithSnippet { error, .. } | Error::AliasError { error, .. } = err {
        err = error;
    }
    err
}

/// For an error met through an alias (`*name`), where the aliased value fails, unless that is
/// the alias itself.
fn aliased_value(mut err: &Error) -> Option<Location> {
    while let Error::WithSnippet { error, .. } = err {
        err = error;
    }
    let Error::AliasError {
        error, locations, ..
    } = err
    else {
        return None;
    };
    let at = original(error).location()?;
    (at != locations.reference_location).then(|| Location::from_saphyr(&at))
}

/// The parser's messages in the catalog's words where the parser's would suggest one of its
/// options, its API or a Rust type, and where tests pin the wording (unknown keys and variants,
/// missing keys, wrong types), so that a parser release does not change it; the parser's own
/// otherwise. No location wording (see [`Unlocated`]).
struct CatalogMessages;

impl MessageFormatter for CatalogMessages {
    fn localizer(&self) -> &dyn Localizer {
        &Unlocated
    }

    fn format_message<'a>(&self, err: &'a Error) -> Cow<'a, str> {
        let message = match err {
            Error::DuplicateMappingKey { key: Some(key), .. } => {
                format!("duplicate key `{key}`: a key may appear only once in a mapping")
            }
            Error::DuplicateMappingKey { key: None, .. } => {
                "duplicate key: a key may appear only once in a mapping".to_owned()
            }
            Error::SerdeUnknownField {
                field, expected, ..
            } => format!(
                "unknown field `{field}`, expected one of {}",
                expected.join(", ")
            ),
            Error::SerdeUnknownVariant {
                variant, expected, ..
            } => format!(
                "unknown variant `{variant}`, expected one of {}",
                expected.join(", ")
            ),
            Error::SerdeMissingField { field, .. } => format!("missing field `{field}`"),
            Error::SerdeInvalidType {
                unexpected,
                expected,
                ..
            } => format!("invalid type: {unexpected}, expected {expected}"),
            Error::NullIntoString { .. } => "expected a string, found null".to_owned(),
            Error::InvalidBooleanStrict { .. } => {
                "invalid boolean: write `true` or `false`".to_owned()
            }
            Error::MultipleDocuments { .. } => {
                "a second YAML document: a catalog is a single document".to_owned()
            }
            Error::NonFiniteFloat { value, .. } => format!(
                "`{value}` is not a finite number: `default`, `const` and item bounds hold JSON, \
                 which has no NaN or infinity"
            ),
            Error::BinaryNotUtf8 { .. } => {
                "not UTF-8 text: a `!!binary` value here must decode to text".to_owned()
            }
            _ => return DefaultMessageFormatter.format_message(err),
        };
        Cow::Owned(message)
    }
}

/// A localizer that adds no location wording to a message.
struct Unlocated;

impl Localizer for Unlocated {
    fn attach_location<'a>(&self, base: Cow<'a, str>, _: serde_saphyr::Location) -> Cow<'a, str> {
        base
    }

    fn alias_defined_at(&self, _: serde_saphyr::Location) -> String {
        String::new()
    }

    fn alias_used_at(&self, _: serde_saphyr::Location) -> String {
        String::new()
    }
}

/// A parser limit (see [`MAX_DEPTH`], [`MAX_NODES`], [`MAX_ALIAS_EXPANSION`]) in the words of
/// the catalog; `None` for other errors.
fn limit_message(err: &Error) -> Option<String> {
    let aliases = |what: &str| {
        format!(
            "{what}: a catalog's aliases may expand to at most {MAX_ALIAS_EXPANSION} values; \
             write the values out"
        )
    };
    Some(match err {
        Error::Budget { breach, .. } => match breach {
            BudgetBreach::Depth { .. } => format!(
                "nesting deeper than {MAX_DEPTH} levels: a catalog's lists and mappings may \
                 nest {MAX_DEPTH} levels deep"
            ),
            BudgetBreach::Nodes { .. } | BudgetBreach::Events { .. } => {
                format!("more than {MAX_NODES} values: the limit for a catalog")
            }
            BudgetBreach::Aliases { .. } => aliases("too many aliases"),
            BudgetBreach::Anchors { .. } => "too many anchors (`&name`)".to_owned(),
            BudgetBreach::AliasAnchorRatio {
                aliases: used,
                anchors,
            } => aliases(&format!(
                "{used} aliases of {anchors} anchors, which looks like an alias bomb"
            )),
            BudgetBreach::RecordedAnchorEvents { .. }
            | BudgetBreach::RecordedAnchorBytes { .. } => {
                aliases("aliases expand to too many values")
            }
            BudgetBreach::ScalarBytes { .. } => "too much text in values".to_owned(),
            BudgetBreach::Documents { .. } => "too many YAML documents".to_owned(),
            BudgetBreach::MergeKeys { .. } => "too many merge keys (`<<`)".to_owned(),
            _ => "the file exceeds a limit of the YAML parser".to_owned(),
        },
        Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayCounterOverflow { .. } => aliases("aliases expand to too many values"),
        Error::AliasReplayStackDepthExceeded { .. } => format!(
            "aliases nest deeper than {MAX_DEPTH} levels: a catalog's lists and mappings may \
             nest {MAX_DEPTH} levels deep"
        ),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const UNKNOWN: serde_saphyr::Location = serde_saphyr::Location::UNKNOWN;

    /// The diagnostic for the catalog text `text`, which must not parse.
    fn diagnose(text: &str) -> Diagnostic {
        match serde_saphyr::from_str_with_options::<crate::load::catalog::CatalogFile>(
            text,
            crate::load::yaml_options(),
        ) {
            Err(err) => yaml_diagnostic(&err),
            Ok(_) => panic!("parsed, but must not:\n{text}"),
        }
    }

    /// Asserts that each parser error gives its code and message, at the start of the file.
    fn assert_classified<const N: usize>(cases: [(Error, &str, &str); N]) {
        for (err, code, message) in cases {
            let diagnostic = yaml_diagnostic(&err);
            assert_eq!(
                (diagnostic.code, diagnostic.message.as_str()),
                (code, message)
            );
            assert_eq!(diagnostic.location, START, "{message}");
        }
    }

    /// Keys and serde's errors: the variant decides the code and the message.
    #[test]
    fn the_variant_decides_the_code_and_the_message() {
        assert_classified([
            (
                Error::DuplicateMappingKey {
                    key: Some("doc".to_owned()),
                    location: UNKNOWN,
                },
                "duplicate-key",
                "duplicate key `doc`: a key may appear only once in a mapping",
            ),
            (
                Error::DuplicateMappingKey {
                    key: None,
                    location: UNKNOWN,
                },
                "duplicate-key",
                "duplicate key: a key may appear only once in a mapping",
            ),
            (
                Error::SerdeUnknownField {
                    field: "name".to_owned(),
                    expected: vec!["title", "doc"],
                    location: UNKNOWN,
                },
                "unknown-key",
                "unknown field `name`, expected one of title, doc",
            ),
            (
                Error::SerdeUnknownVariant {
                    variant: "sent".to_owned(),
                    expected: vec!["received", "send"],
                    location: UNKNOWN,
                },
                "yaml",
                "unknown variant `sent`, expected one of received, send",
            ),
            (
                Error::SerdeMissingField {
                    field: "doc",
                    location: UNKNOWN,
                },
                "yaml",
                "missing field `doc`",
            ),
            (
                Error::SerdeInvalidType {
                    unexpected: "integer `7`".to_owned(),
                    expected: "a type name".to_owned(),
                    location: UNKNOWN,
                },
                "yaml",
                "invalid type: integer `7`, expected a type name",
            ),
        ]);
    }

    /// Values, documents and the parser's limits: the variant decides the code and the message.
    #[test]
    fn values_documents_and_limits_have_their_own_messages() {
        assert_classified([
            (
                Error::NullIntoString { location: UNKNOWN },
                "yaml",
                "expected a string, found null",
            ),
            (
                Error::InvalidBooleanStrict { location: UNKNOWN },
                "yaml",
                "invalid boolean: write `true` or `false`",
            ),
            (
                Error::MultipleDocuments {
                    hint: "use from_str_multiple",
                    location: UNKNOWN,
                },
                "yaml",
                "a second YAML document: a catalog is a single document",
            ),
            (
                Error::NonFiniteFloat {
                    value: ".inf".to_owned(),
                    location: UNKNOWN,
                },
                "yaml",
                "`.inf` is not a finite number: `default`, `const` and item bounds hold JSON, \
                 which has no NaN or infinity",
            ),
            (
                Error::BinaryNotUtf8 { location: UNKNOWN },
                "yaml",
                "not UTF-8 text: a `!!binary` value here must decode to text",
            ),
            (
                Error::Budget {
                    breach: BudgetBreach::Depth { depth: 65 },
                    location: UNKNOWN,
                },
                "limit",
                "nesting deeper than 64 levels: a catalog's lists and mappings may nest 64 \
                 levels deep",
            ),
            (
                Error::AliasReplayLimitExceeded {
                    total_replayed_events: 100_001,
                    max_total_replayed_events: 100_000,
                    location: UNKNOWN,
                },
                "limit",
                "aliases expand to too many values: a catalog's aliases may expand to at most \
                 100000 values; write the values out",
            ),
        ]);
    }

    #[test]
    fn an_error_through_an_alias_is_at_the_alias_and_notes_the_aliased_value() {
        let diagnostic = diagnose(
            "events: []\n\
             types:\n  \
               T: { type: string, default: &p { title: A, name: a } }\n\
             products:\n  \
               a: *p\n",
        );
        assert_eq!(diagnostic.code, "unknown-key");
        assert_eq!(
            diagnostic.message,
            "unknown field `name`, expected one of title, doc"
        );
        assert_eq!(
            (diagnostic.location.line, diagnostic.location.column),
            (5, 6)
        );
        let related: Vec<_> = diagnostic
            .related
            .iter()
            .map(|(at, note)| (at.line, at.column, note.as_str()))
            .collect();
        assert_eq!(
            related,
            [(3, 46, "here, in the value the alias stands for")]
        );
    }

    /// A diagnostic holds its place; the parser's location wording stays out of the message,
    /// whether the message is the catalog's or the parser's.
    #[test]
    fn messages_carry_no_location_wording() {
        for text in [
            "products: {}\nevents: *nowhere\n",
            "products: {}\nevents: [\n",
            "events: []\nproducts: &p [1]\ntypes: *p\n",
        ] {
            let diagnostic = diagnose(text);
            assert!(
                !diagnostic.message.contains("line") && !diagnostic.message.contains("column"),
                "{}",
                diagnostic.message
            );
        }
    }

    #[test]
    fn a_file_without_a_document_is_a_yaml_error_where_it_ends() {
        let diagnostic = diagnose("# products: {}\n# events: []\n");
        assert_eq!(diagnostic.code, "yaml");
        assert_eq!(
            (diagnostic.location.line, diagnostic.location.column),
            (3, 1)
        );
    }

    #[test]
    fn an_error_without_a_place_is_at_the_start_of_the_file() {
        let diagnostic = yaml_diagnostic(&Error::InvalidUtf8Input);
        assert_eq!((diagnostic.code, diagnostic.location), ("yaml", START));
    }
}
