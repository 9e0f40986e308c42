//! The partner's hooks: derives and attributes by name pattern, replaced types; a derive that
//! cannot hold is an error at the field of the catalog that keeps it from holding.

use eventcat_codegen::{
    BUNDLED_CATALOG, BUNDLED_CATALOG_NAME, Builder, FrontEnd, GenerateError, HookError, HookKind,
    Options,
};

/// The focus events with the hooks of `hooks`.
fn generated(hooks: Options) -> Result<String, GenerateError> {
    let options = hooks.events(["aw-interaction-focus-*"]);
    eventcat_codegen::generate_source(BUNDLED_CATALOG_NAME, BUNDLED_CATALOG, &options)
}

fn hook_error(hooks: Options) -> HookError {
    match generated(hooks) {
        Err(GenerateError::Hook(err)) => err,
        other => panic!("expected a hook error, got {other:?}"),
    }
}

/// The hooks of the README's example: `Hash` and `Eq` on the focus types, an attribute on a
/// field, `Queue` replaced.
fn readme_hooks() -> Options {
    Options::new()
        .derive("AwInteractionFocus*", ["Hash", "Eq"])
        .field_attribute(
            "AwInteractionFocusV3.interaction_id",
            "#[doc(alias = \"id\")]",
        )
        .replace("Queue", "crate::MyQueue")
}

#[test]
fn derives_attributes_and_replacements_reach_the_generated_code() {
    let code = generated(readme_hooks()).expect("generates");
    assert_eq!(
        code.matches("#[derive(Debug, Clone, PartialEq, Eq, Hash)]")
            .count(),
        4,
        "{code}"
    );
    assert!(
        code.contains("#[doc(alias = \"id\")]\n    pub interaction_id"),
        "{code}"
    );
    assert!(code.contains("pub queue: crate::MyQueue,"), "{code}");
    assert!(
        code.contains("pub fn upgrade_to_v2(self, queue: crate::MyQueue)"),
        "{code}"
    );
    assert!(
        !code.contains("pub struct Queue"),
        "Queue is the partner's now: {code}"
    );
}

#[test]
fn a_trait_eventcat_already_derives_is_not_derived_twice() {
    let hooks = Options::new().derive("AwInteractionFocusV1", ["Debug", "Clone", "Hash"]);
    let code = generated(hooks).expect("generates");
    assert_eq!(
        code.matches("#[derive(Debug, Clone, PartialEq, Hash)]")
            .count(),
        1,
        "{code}"
    );
}

/// The 1-based line of the bundled catalog where `key` first stands after `after`.
fn catalog_line(after: &str, key: &str) -> u32 {
    let text = BUNDLED_CATALOG;
    let start = text.find(after).expect("the anchor") + after.len();
    let at = start + text[start..].find(key).expect("the key");
    u32::try_from(text[..at].lines().count()).expect("a line number")
}

#[test]
fn a_derive_that_cannot_hold_is_an_error_at_the_field_that_keeps_it_from_holding() {
    let cases = [
        // Queue derives neither, and is not replaced.
        (
            ("AwInteractionFocusV3", "Hash"),
            "field `queue` is a `Queue`, which does not derive `Hash`",
            catalog_line("- name: aw-interaction-focus-v3", "queue:"),
        ),
        // A field that must be present.
        (
            ("AwInteractionFocusV3", "Default"),
            "field `interaction_id` must be present",
            catalog_line("- name: aw-interaction-focus-v3", "interactionId:"),
        ),
        // Strings are on the heap.
        (
            ("Queue", "Copy"),
            "field `id` holds data on the heap, which is not `Copy`",
            catalog_line("\n  Queue:\n", "id:"),
        ),
    ];
    for ((pattern, trait_name), reason, line) in cases {
        let err = hook_error(Options::new().derive(pattern, [trait_name]));
        let HookError::Catalog {
            ref hook,
            ref report,
        } = err
        else {
            panic!("{err:?}");
        };
        assert_eq!(
            (hook.kind, hook.index, hook.pattern.as_str()),
            (HookKind::Derive, 0, pattern)
        );
        let diagnostic = &report.diagnostics[0];
        assert_eq!(diagnostic.code, "derive");
        assert!(
            diagnostic.message.contains(reason),
            "{}",
            diagnostic.message
        );
        assert_eq!(diagnostic.location.line, line, "{}", diagnostic.message);
        let message = err.message(FrontEnd::Builder);
        assert!(
            message.starts_with(&format!("`.derive({pattern:?}, ...)`: error[derive]:")),
            "{message}"
        );
        assert!(
            message.contains(&format!("--> catalog.yaml:{line}:")),
            "{message}"
        );
    }
}

#[test]
fn a_number_keeps_hash_and_eq_from_holding() {
    let options = Options::new().derive("CallObject", ["Eq"]);
    let err = eventcat_codegen::generate_source(BUNDLED_CATALOG_NAME, BUNDLED_CATALOG, &options)
        .expect_err("CallObject has numbers");
    let message = err.message(FrontEnd::Cli);
    assert!(
        message.contains("its field `accumulated_moslq` is a number (`f64`), which is not `Eq`"),
        "{message}"
    );
}

#[test]
fn hooks_that_do_not_fit_are_errors_naming_the_hook() {
    let cases: [(Options, &str); 7] = [
        (
            Options::new().derive("Nothing*", ["Hash"]),
            "pattern `Nothing*` matches no type",
        ),
        (
            Options::new().derive("Queue", ["Serialize"]),
            "eventcat implements serde's traits",
        ),
        (
            Options::new().derive("Queue", ["not a path"]),
            "`not a path` is not a trait path",
        ),
        (
            Options::new().type_attribute("Queue", "#[doc"),
            "is not an attribute",
        ),
        (
            Options::new().field_attribute("Queue", "#[doc = \"x\"]"),
            "a field pattern is `Type.field`",
        ),
        (
            Options::new().field_attribute("Queue.nothing", "#[doc = \"x\"]"),
            "matches no field",
        ),
        (
            Options::new().replace("Queu", "crate::MyQueue"),
            "`Queu` is not a type of the catalog",
        ),
    ];
    for (hooks, expected) in cases {
        let err = hook_error(hooks);
        assert!(err.to_string().contains(expected), "{err}");
        assert!(
            err.message(FrontEnd::Cli).starts_with("`--"),
            "{}",
            err.message(FrontEnd::Cli)
        );
    }
}

#[test]
fn a_type_eventcat_reads_itself_cannot_be_replaced() {
    let options = Options::new().replace("CallObject", "crate::Call");
    let err = eventcat_codegen::generate_source(BUNDLED_CATALOG_NAME, BUNDLED_CATALOG, &options)
        .expect_err("CallObject is a payload");
    let message = err.message(FrontEnd::Derive);
    assert!(
        message.starts_with("`replace(\"CallObject\", ...)`: error[replace]:"),
        "{message}"
    );
    assert!(
        message
            .contains("it is the whole payload of `call-manager-call-autoanswer-first-connect-v1`"),
        "{message}"
    );
    let bad_path = hook_error(Options::new().replace("Queue", "crate::My Queue"));
    assert!(
        bad_path.to_string().contains("is not a type path"),
        "{bad_path}"
    );
}

#[test]
fn the_builder_generates_what_the_cli_options_generate() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let built = Builder::new()
        .events(["aw-interaction-focus-*"])
        .derive("AwInteractionFocus*", ["Hash", "Eq"])
        .field_attribute(
            "AwInteractionFocusV3.interaction_id",
            "#[doc(alias = \"id\")]",
        )
        .replace("Queue", "crate::MyQueue")
        .source(&root)
        .expect("generates");
    assert_eq!(built, generated(readme_hooks()).expect("generates"));
}

#[test]
fn structs_whose_fields_may_all_be_absent_have_a_default() {
    let code = eventcat_codegen::generate_source(
        BUNDLED_CATALOG_NAME,
        BUNDLED_CATALOG,
        &Options::default(),
    )
    .expect("generates");
    let call_object = code.find("pub struct CallObject {").expect("CallObject");
    assert!(code[..call_object].ends_with("#[derive(Debug, Clone, PartialEq, Default)]\n"));
    let wrapper = code
        .find("pub struct CallManagerCallConnectV1(")
        .expect("the wrapper");
    assert!(code[..wrapper].ends_with("#[derive(Debug, Clone, PartialEq, Default)]\n"));
    let focus = code
        .find("pub struct AwInteractionFocusV3 {")
        .expect("focus");
    assert!(code[..focus].ends_with("#[derive(Debug, Clone, PartialEq)]\n"));
}

/// The arguments that make `ui-tests/ui/hooks/cli_generated.rs`, which a trybuild case of
/// `ui-tests` compiles under `deny(warnings)`.
#[cfg(feature = "cli")]
const CLI_HOOKS: &[&str] = &[
    "generate",
    "--events",
    "aw-interaction-focus-*",
    "--derive",
    "AwInteractionFocus*=Hash,Eq",
    "--field-attribute",
    "AwInteractionFocusV3.interaction_id=#[doc(alias = \"id\")]",
    "--replace",
    "Queue=crate::MyQueue",
];

#[cfg(feature = "cli")]
#[test]
fn the_cli_generates_what_the_builder_generates_and_the_checked_in_file_holds() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_eventcat"))
        .args(CLI_HOOKS)
        .output()
        .expect("run eventcat");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let printed = String::from_utf8(output.stdout).expect("UTF-8");
    assert_eq!(printed, generated(readme_hooks()).expect("generates"));
    let checked_in = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../ui-tests/ui/hooks/cli_generated.rs");
    let checked_in = std::fs::read_to_string(checked_in).expect("the checked-in file");
    assert!(
        printed == checked_in,
        "ui-tests/ui/hooks/cli_generated.rs is stale: refresh it with `cargo run -p \
         eventcat-codegen -- {} -o ui-tests/ui/hooks/cli_generated.rs` (quoting the arguments)",
        CLI_HOOKS.join(" ")
    );
}

/// A derive hook that must be refused: the pattern, the traits as written, and what the message
/// says. Each would otherwise reach rustc and fail inside the generated code.
const REFUSED_DERIVES: &[(&str, &[&str], &str)] = &[
    (
        "AwInteractionFocusV1",
        &["Ord"],
        "`Ord` cannot be derived for `AwInteractionFocusV1` without `Eq`",
    ),
    (
        "AwInteractionFocusV1",
        &["PartialOrd", "Ord"],
        "`Ord` cannot be derived for `AwInteractionFocusV1` without `Eq`",
    ),
    (
        "AwInteractionFocusV1",
        &["eventcat::serde::Serialize"],
        "eventcat implements serde's traits",
    ),
    (
        "AwInteractionFocusV1",
        &["serde::Deserialize"],
        "eventcat implements serde's traits",
    ),
    (
        "AwInteractionFocusV1",
        &["::serde::Serialize"],
        "eventcat implements serde's traits",
    ),
    (
        "AwInteractionFocusV1",
        &["Hash<T>"],
        "`Hash<T>` names a trait with generic arguments",
    ),
    (
        "CallObject",
        &["std::cmp::Eq"],
        "its field `accumulated_moslq` is a number (`f64`), which is not `Eq`",
    ),
    (
        "CallObject",
        &["::core::hash::Hash"],
        "its field `accumulated_moslq` is a number (`f64`), which is not `Hash`",
    ),
    (
        "Queue",
        &["core::marker::Copy"],
        "its field `id` holds data on the heap, which is not `Copy`",
    ),
    (
        "AwInteractionFocusV3",
        &["std::default::Default"],
        "its field `interaction_id` must be present",
    ),
];

/// The bundled catalog's code with one derive hook, from the builder.
fn built_with(pattern: &str, traits: &[&str]) -> Result<String, eventcat_codegen::BuildError> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    Builder::new()
        .derive(pattern, traits.iter().copied())
        .source(&root)
}

#[test]
fn refused_derives_are_one_error_at_the_hook_in_the_builder() {
    for (pattern, traits, expected) in REFUSED_DERIVES {
        let err = built_with(pattern, traits).expect_err(expected);
        let message = err.to_string();
        assert!(message.contains(expected), "{traits:?}: {message}");
        assert!(
            message.starts_with(&format!("`.derive({pattern:?}, ...)`:")),
            "{traits:?}: {message}"
        );
        assert!(message.matches("error[").count() <= 1, "{message}");
    }
}

#[test]
fn a_refused_derive_names_the_trait_it_is_about() {
    for (pattern, traits, _) in REFUSED_DERIVES {
        let options = Options::new().derive(*pattern, traits.iter().copied());
        let err =
            eventcat_codegen::generate_source(BUNDLED_CATALOG_NAME, BUNDLED_CATALOG, &options)
                .expect_err("refused");
        let GenerateError::Hook(err) = err else {
            panic!("{traits:?}: {err:?}");
        };
        let last = u32::try_from(traits.len() - 1).ok();
        assert_eq!(err.hook().part, last, "{traits:?}: {err}");
    }
}

#[cfg(feature = "cli")]
#[test]
fn refused_derives_are_one_error_at_the_hook_on_the_command_line() {
    for (pattern, traits, expected) in REFUSED_DERIVES {
        let flag = format!("{pattern}={}", traits.join(","));
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_eventcat"))
            .args(["generate", "--derive", &flag])
            .output()
            .expect("run eventcat");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{flag}: {stderr}");
        assert!(output.stdout.is_empty(), "{flag}");
        assert!(stderr.contains(expected), "{flag}: {stderr}");
        assert!(
            stderr.contains(&format!("`--derive {pattern}=...`")),
            "{flag}: {stderr}"
        );
    }
}

/// A trait named twice, by two paths or by a path to one eventcat derives already, is derived
/// once: the code has the first path given, and no other.
#[test]
fn a_trait_named_twice_or_derived_already_is_derived_once() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["Hash", "std::hash::Hash"],
            "#[derive(Debug, Clone, PartialEq, Hash)]",
        ),
        (
            &["::core::hash::Hash", "Hash"],
            "#[derive(Debug, Clone, PartialEq, ::core::hash::Hash)]",
        ),
        (
            &["core::clone::Clone"],
            "#[derive(Debug, Clone, PartialEq)]",
        ),
        // A trait eventcat does not know is left to rustc, once.
        (
            &["schemars::JsonSchema", "schemars::JsonSchema"],
            "#[derive(Debug, Clone, PartialEq, schemars::JsonSchema)]",
        ),
        (
            &["std::fmt::Debug", "Eq", "std::cmp::Eq"],
            "#[derive(Debug, Clone, PartialEq, Eq)]",
        ),
    ];
    for (traits, expected) in cases {
        let code = built_with("AwInteractionFocusV1", traits).expect("generates");
        let at = code.find("pub struct AwInteractionFocusV1 {").expect("V1");
        let derive_line = code[..at].lines().last().expect("a line");
        assert_eq!(derive_line, *expected, "{traits:?}");
    }
}
