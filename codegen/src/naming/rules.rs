//! The rules that turn catalog names into Rust names: fields, enum variants, event structs,
//! inline types, family enums and their methods, and the names a catalog may not take.

use heck::{ToSnakeCase, ToUpperCamelCase};

#[cfg(feature = "cli")]
use crate::model::Direction;
use crate::model::{Element, Event, Shape};

/// The enum with a variant per product.
pub(crate) const PRODUCT_ENUM: &str = "Product";

/// The enum with a variant per received event version, and the carrier methods.
pub(crate) const RECEIVED_ENUM: &str = "ReceivedEvent";

/// The enum with a variant per send event version.
pub(crate) const SEND_ENUM: &str = "SendEvent";

/// The enum with a variant for each event version of `direction`.
#[cfg(feature = "cli")]
pub(crate) fn dispatch_enum(direction: Direction) -> &'static str {
    match direction {
        Direction::Received => RECEIVED_ENUM,
        Direction::Send => SEND_ENUM,
    }
}

/// The runtime's types every generated catalog re-exports, so that its module names them all.
pub(crate) const RUNTIME_TYPES: &[&str] = &[
    "CatalogDate",
    "DeclaredStatus",
    "DecodeError",
    "DecodeErrorKind",
    "Direction",
    "EncodeError",
    "EncodedEvent",
    "InvalidDate",
    "LifecycleStatus",
    "PartnerEvent",
];

/// The types every generated catalog defines whatever its events.
pub(crate) const CATALOG_TYPES: &[&str] = &["CatalogEntry", PRODUCT_ENUM, RECEIVED_ENUM, SEND_ENUM];

/// Whether a generated catalog defines or re-exports an item of this name whatever its events
/// ([`RUNTIME_TYPES`], [`CATALOG_TYPES`]): catalog types may not take it.
pub(crate) fn is_support_name(name: &str) -> bool {
    RUNTIME_TYPES.contains(&name) || CATALOG_TYPES.contains(&name)
}

/// The Rust struct name of each schema version of `event`. A name depends only on the event
/// name and the version, never on which other versions the catalog lists, so adding a version
/// adds a name and never re-points one: version `N.0.0` of an event `...-vN` has the plain name
/// (`AwInteractionWrapUpCodesV1`), any other version has its version appended
/// (`AwInteractionWrapUpCodesV1_0_1`; a prerelease or build is appended in UpperCamelCase,
/// `XV1_0_0Alpha1`, `XV1_0_0BuildA`, so the names pass `non_camel_case_types`).
pub(crate) fn struct_names(event: &Event) -> Vec<String> {
    event
        .schema_versions
        .iter()
        .map(|v| struct_name(&event.name, &v.version))
        .collect()
}

/// The Rust struct name of schema version `version` of the event called `name`.
pub(crate) fn struct_name(name: &str, version: &semver::Version) -> String {
    let plain = name.to_upper_camel_case();
    let primary = version.minor == 0
        && version.patch == 0
        && version.pre.is_empty()
        && version.build.is_empty()
        && plain.ends_with(&format!("V{}", version.major));
    if primary {
        plain
    } else {
        let stem = plain.trim_end_matches(|c: char| c.is_ascii_digit());
        format!("{stem}{}", version_suffix(version))
    }
}

/// `1_0_0` for 1.0.0; prerelease and build identifiers follow in UpperCamelCase, numbers
/// separated from a preceding digit by `_` (`1.0.0-rc.1` gives `1_0_0Rc1`, `1.0.0-1` gives
/// `1_0_0_1`, `1.0.0+b.7` gives `1_0_0BuildB7`).
fn version_suffix(version: &semver::Version) -> String {
    let mut suffix = format!("{}_{}_{}", version.major, version.minor, version.patch);
    if !version.pre.is_empty() {
        append_identifiers(&mut suffix, version.pre.as_str());
    }
    if !version.build.is_empty() {
        suffix.push_str("Build");
        append_identifiers(&mut suffix, version.build.as_str());
    }
    suffix
}

/// Appends dot-separated semver identifiers to a name: words in UpperCamelCase, numbers as they
/// are, after a `_` when the name ends in a digit.
fn append_identifiers(name: &mut String, identifiers: &str) {
    for identifier in identifiers.split('.') {
        if identifier.chars().all(|c| c.is_ascii_digit()) {
            if name.ends_with(|c: char| c.is_ascii_digit()) {
                name.push('_');
            }
            name.push_str(identifier);
        } else {
            name.push_str(&upper_camel_ascii(identifier));
        }
    }
}

/// The `ReceivedEvent` method listing the values of a shared payload type an event carries:
/// `call_objects` for `CallObject`.
pub(crate) fn carrier_method(type_name: &str) -> String {
    rust_field_name(&format!("{}s", type_name.to_snake_case()))
}

/// The method that upgrades to the version a family enum calls `variant`: `upgrade_to_v3`.
pub(crate) fn upgrade_method(variant: &str) -> String {
    format!("upgrade_to_{}", variant.to_ascii_lowercase())
}

/// Prelude names a shared type may not take: generated items stand in the partner's module, where
/// they would shadow the prelude. The support items eventcat generates are reserved too
/// ([`is_support_name`]).
pub(crate) const PRELUDE_TYPE_NAMES: &[&str] = &[
    "Box", "Err", "None", "Ok", "Option", "Result", "Some", "String", "Vec",
];

/// The prelude's derive macros. A shared type may take one of their names (`Default`), but a
/// doc link to it must then say that it means the type.
const PRELUDE_MACRO_NAMES: &[&str] = &[
    "Clone",
    "Copy",
    "Debug",
    "Default",
    "Eq",
    "Hash",
    "Ord",
    "PartialEq",
    "PartialOrd",
];

/// A doc link to the generated type `name`: ``[`Name`]``, or ``[`type@Name`]`` for a name a
/// prelude macro has too (rustdoc shows both as `Name`).
pub(crate) fn type_link(name: &str) -> String {
    if PRELUDE_MACRO_NAMES.contains(&name) {
        format!("[`type@{name}`]")
    } else {
        format!("[`{name}`]")
    }
}

/// Catalog prose as rustdoc shows it word for word: brackets, angle brackets and backslashes are
/// escaped (rustdoc would read `[attr]` as a link and `<id>` as an HTML tag, and warn), each
/// `http://` or `https://` address becomes an autolink (a bare one is a warning too), and code
/// spans, whose text Markdown shows as written, stay as they are.
pub(crate) fn doc_prose(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let taken = if let Some(code) = backticks_at(rest) {
            out.push_str(code);
            code.len()
        } else if let Some(address) = address_at(rest) {
            out.push('<');
            out.push_str(address);
            out.push('>');
            address.len()
        } else {
            if matches!(c, '\\' | '[' | ']' | '<' | '>') {
                out.push('\\');
            }
            out.push(c);
            c.len_utf8()
        };
        rest = &rest[taken..];
    }
    out
}

/// The code span `text` starts with, through the next run of as many backticks; or, when no run
/// closes it, the backticks alone (which Markdown shows as they are).
fn backticks_at(text: &str) -> Option<&str> {
    let run = |at: &str| at.len() - at.trim_start_matches('`').len();
    let ticks = run(text);
    if ticks == 0 {
        return None;
    }
    let mut from = ticks;
    while let Some(found) = text[from..].find('`') {
        let start = from + found;
        let closing = run(&text[start..]);
        if closing == ticks {
            return Some(&text[..start + ticks]);
        }
        from = start + closing;
    }
    Some(&text[..ticks])
}

/// The `http://` or `https://` address `text` starts with: up to a space or a character no
/// address holds here, without the punctuation that ends a sentence.
fn address_at(text: &str) -> Option<&str> {
    if !(text.starts_with("http://") || text.starts_with("https://")) {
        return None;
    }
    let end = text
        .find(|c: char| c.is_whitespace() || "<>[]\\\"`".contains(c))
        .unwrap_or(text.len());
    Some(text[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '\'']))
}

/// Every name a shared type may not take, sorted: the prelude names, the generated support
/// items and the keyword `Self`.
pub fn reserved_type_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = PRELUDE_TYPE_NAMES
        .iter()
        .chain(RUNTIME_TYPES)
        .chain(CATALOG_TYPES)
        .chain(&["Self"])
        .copied()
        .collect();
    names.sort_unstable();
    names
}

/// Rust keywords, which become raw identifiers (`r#type`).
pub(crate) const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; they get a trailing underscore instead.
const NON_RAW_KEYWORDS: &[&str] = &["crate", "self", "Self", "super", "_"];

/// The Rust field name for a wire name: snake_case ASCII; keywords become raw identifiers.
///
/// Any wire name gives a valid identifier: a character that is not an ASCII letter or digit
/// becomes `u` and its hexadecimal code point between underscores (`x²` becomes `x_u00b2`; a name
/// of separators and symbols alone, which snake_case would drop, is escaped whole: `🎉` becomes
/// `u1f389`), and a name that would be empty or start with a digit gets the prefix `field_`.
pub fn rust_field_name(wire_name: &str) -> String {
    let mut snake = wire_name.to_snake_case();
    if snake.is_empty() {
        // Nothing but separators and symbols (`-`, `🎉`): escape every character.
        snake = wire_name.to_owned();
    }
    let mut name = String::with_capacity(snake.len());
    for c in snake.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            name.push(c.to_ascii_lowercase());
        } else {
            name.push_str(&format!("_u{:04x}_", u32::from(c)));
        }
    }
    // One underscore between words, none at the ends: `__` would trip `non_snake_case`.
    let mut name = name
        .split('_')
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, "field_");
    }
    if NON_RAW_KEYWORDS.contains(&name.as_str()) {
        name.push('_');
    } else if KEYWORDS.contains(&name.as_str()) {
        name.insert_str(0, "r#");
    }
    name
}

/// UpperCamelCase ASCII for any text: a character that is not an ASCII letter or digit becomes
/// `U` and its hexadecimal code point (`½` becomes `U00BD`); a text of separators and symbols
/// alone, which UpperCamelCase would drop, is escaped whole (`-` becomes `U002D`). The result
/// may be empty or start with a digit.
pub(crate) fn upper_camel_ascii(text: &str) -> String {
    let mut camel = text.to_upper_camel_case();
    if camel.is_empty() {
        // Nothing but separators and symbols (`-`, `🎉`): escape every character.
        camel = text.to_owned();
    }
    let mut name = String::new();
    for c in camel.chars() {
        if c.is_ascii_alphanumeric() {
            name.push(c);
        } else {
            name.push_str(&format!("U{:04X}", u32::from(c)));
        }
    }
    name
}

/// The Rust variant name for an enum value: UpperCamelCase ASCII ([`upper_camel_ascii`]), with a
/// `V` in front when it would be empty, start with a digit or be the keyword `Self`.
pub(crate) fn enum_variant_name(value: &str) -> String {
    let mut name = upper_camel_ascii(value);
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) || name == "Self" {
        name.insert(0, 'V');
    }
    name
}

/// True for an UpperCamelCase ASCII identifier, which a shared type's name must be.
pub(crate) fn is_type_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
        && name.to_upper_camel_case() == name
}

/// True for a snake_case Rust identifier (raw for a keyword), which an explicit `rust_name` must
/// be.
pub(crate) fn is_field_name(name: &str) -> bool {
    let bare = name.strip_prefix("r#").unwrap_or(name);
    bare.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        && !bare.contains("__")
        && bare
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !NON_RAW_KEYWORDS.contains(&bare)
        && (name.starts_with("r#") || !KEYWORDS.contains(&bare))
}

/// The Rust field that holds the `schemaVersion` every payload carries.
pub(crate) const SCHEMA_VERSION_RUST_NAME: &str = "schema_version";

/// The `Product` variant of a product id: `agent-workspace` gives `AgentWorkspace`.
pub(crate) fn product_variant(id: &str) -> String {
    id.to_upper_camel_case()
}

/// The enum of an event family with several versions: `aw-interaction-focus` gives
/// `AwInteractionFocus`.
pub(crate) fn family_enum_name(family: &str) -> String {
    family.to_upper_camel_case()
}

/// The variant of a family enum for an event struct: the struct name after the enum's
/// (`V3` for `AwInteractionFocusV3` in `AwInteractionFocus`).
pub(crate) fn family_variant(enum_name: &str, struct_name: &str) -> String {
    struct_name
        .strip_prefix(enum_name)
        .unwrap_or(struct_name)
        .to_owned()
}

/// The Rust name of an inline type (an object, enum, union or constant written in place): the
/// owner's name and the part in UpperCamelCase (`XV1Status` for the `status` part of `XV1`).
pub(crate) fn part_type_name(owner: &str, part: &str) -> String {
    format!("{owner}{}", upper_camel_ascii(part))
}

/// The part an array's item is: `QueuesItem` for the items of `queues` (`Item` for an array
/// that is a whole shared type).
pub(crate) fn item_part(part: &str) -> String {
    format!("{}Item", upper_camel_ascii(part))
}

/// The part a map's value is: `VariablesValue` for the values of `variables`.
pub(crate) fn value_part(part: &str) -> String {
    format!("{}Value", upper_camel_ascii(part))
}

/// The variant names of a `one_of` union, in member order: by the member's shape (`String`,
/// the type's name, `List`, `Map`, `Object`, `Choice`, `Constant`, `Union`), a repeated one
/// numbered by its position, counting on past names already taken (`[A, A3, A]` gives `A`,
/// `A3`, `A4`).
pub(crate) fn union_variants(members: &[Element]) -> Vec<String> {
    let mut variants: Vec<String> = Vec::new();
    for (index, member) in members.iter().enumerate() {
        let base = match &member.shape {
            Shape::Scalar(scalar) => scalar.as_str().to_upper_camel_case(),
            Shape::Named(type_name) => type_name.clone(),
            Shape::Array(..) => "List".to_owned(),
            Shape::Map(_) => "Map".to_owned(),
            Shape::Object(_) => "Object".to_owned(),
            Shape::Enum(_) => "Choice".to_owned(),
            Shape::Const(_) => "Constant".to_owned(),
            Shape::OneOf(_) => "Union".to_owned(),
        };
        let mut variant = base.clone();
        let mut number = index + 1;
        while variants.contains(&variant) {
            variant = format!("{base}{number}");
            number += 1;
        }
        variants.push(variant);
    }
    variants
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names no Rust identifier rule lets through unescaped.
    const HOSTILE: &[&str] = &[
        "",
        "_",
        "-",
        "__",
        "1p",
        "0",
        "x²",
        "½",
        "🎉",
        "café",
        "self",
        "Self",
        "super",
        "crate",
        "type",
        "r#type",
        "a__b",
        "_x",
        "x_",
        "callID",
        "1st",
        "\u{202e}a",
        "a\rb",
        "日本",
    ];

    /// Asserts that `name_of` gives each expected name.
    fn assert_names(name_of: fn(&str) -> String, expected: &[(&str, &str)]) {
        for (text, name) in expected {
            assert_eq!(name_of(text), *name, "{text:?}");
        }
    }

    #[test]
    fn every_wire_name_gives_an_ascii_snake_case_field_name() {
        for wire in HOSTILE {
            let name = rust_field_name(wire);
            let bare = name.strip_prefix("r#").unwrap_or(&name);
            assert!(
                syn::parse_str::<syn::Ident>(&name).is_ok() && name.is_ascii(),
                "{wire:?} -> {name:?}"
            );
            assert!(
                !bare.contains("__") && !bare.starts_with('_') && is_field_name(&name),
                "{wire:?} -> {name:?}"
            );
        }
        assert_names(
            rust_field_name,
            &[
                ("x²", "x_u00b2"),
                ("café", "caf_u00e9"),
                ("interactionId", "interaction_id"),
                ("self", "self_"),
                ("", "field_"),
                ("🎉", "u1f389"),
                ("-", "u002d"),
            ],
        );
    }

    #[test]
    fn every_enum_value_gives_an_ascii_upper_camel_case_variant() {
        for value in HOSTILE {
            let name = enum_variant_name(value);
            assert!(
                syn::parse_str::<syn::Ident>(&name).is_ok()
                    && name.chars().all(|c| c.is_ascii_alphanumeric())
                    && name.starts_with(|c: char| c.is_ascii_uppercase())
                    && name != "Self",
                "{value:?} -> {name:?}"
            );
        }
        assert_names(
            enum_variant_name,
            &[
                ("½", "U00BD"),
                ("in-bound", "InBound"),
                ("self", "VSelf"),
                ("2xl", "V2xl"),
            ],
        );
        assert_names(
            enum_variant_name,
            &[("🎉", "U1F389"), ("-", "U002D"), ("", "V")],
        );
    }

    #[test]
    fn catalog_prose_reads_in_rustdoc_as_written() {
        let cases = [
            (
                "Plain text, `code` and *emphasis*.",
                "Plain text, `code` and *emphasis*.",
            ),
            ("Has #[attr] and [x]", "Has #\\[attr\\] and \\[x\\]"),
            ("The <id> of a\\b", "The \\<id\\> of a\\\\b"),
            ("See https://8x8.com/docs.", "See <https://8x8.com/docs>."),
            (
                "(http://a.example/x) or https://b.example",
                "(<http://a.example/x>) or <https://b.example>",
            ),
            (
                "Code as written: `Vec<[u8]>` and ``a ` b`` (https://c.example).",
                "Code as written: `Vec<[u8]>` and ``a ` b`` (<https://c.example>).",
            ),
            (
                "An open ` tick, <then> text",
                "An open ` tick, \\<then\\> text",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(doc_prose(text), expected, "{text}");
        }
    }

    #[test]
    fn links_to_types_named_like_prelude_macros_say_they_mean_the_type() {
        assert_eq!(type_link("CallObject"), "[`CallObject`]");
        assert_eq!(type_link("Default"), "[`type@Default`]");
    }
}
