//! Redacted `Debug`: the generated types print their name and their fields' names, never a
//! value, and the option is the same from the options, the builder and the command line.

use eventcat_codegen::{BUNDLED_CATALOG, BUNDLED_CATALOG_NAME, Builder, Options};

const EVENTS: &str = "aw-interaction-focus-*";

fn from_options(redacted_debug: bool) -> String {
    let options = Options::new().events([EVENTS]);
    let options = if redacted_debug {
        options.redacted_debug()
    } else {
        options
    };
    eventcat_codegen::generate_source(BUNDLED_CATALOG_NAME, BUNDLED_CATALOG, &options)
        .expect("generates")
}

/// The line before `pub struct {name}` or `pub enum {name}`.
fn derive_line<'a>(code: &'a str, item: &str) -> &'a str {
    let at = code.find(item).unwrap_or_else(|| panic!("{item}"));
    code[..at].lines().last().expect("a line")
}

#[test]
fn redacted_types_implement_debug_through_the_runtime_without_their_values() {
    let code = from_options(true);
    assert_eq!(
        derive_line(&code, "pub struct AwInteractionFocusV3 {"),
        "#[derive(Clone, PartialEq)]"
    );
    assert!(
        code.contains(
            "::eventcat::redacted::fields(\n            f,\n            \"AwInteractionFocusV3\",\n            \
             &[\"interaction_id\", \"queue\", \"is_manual\"],\n        )"
        ),
        "{code}"
    );
    // A string enum's values are the catalog's, not the customer's: its derive stays.
    let plain = from_options(false);
    assert_eq!(
        derive_line(&plain, "pub struct AwInteractionFocusV3 {"),
        "#[derive(Debug, Clone, PartialEq)]"
    );
    assert!(!plain.contains("redacted"), "{plain}");
}

#[test]
fn the_builder_gives_what_the_options_give() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let built = Builder::new()
        .events([EVENTS])
        .redacted_debug()
        .source(&root)
        .expect("generates");
    assert_eq!(built, from_options(true));
}

#[cfg(feature = "cli")]
#[test]
fn the_command_line_gives_what_the_options_give() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_eventcat"))
        .args(["generate", "--events", EVENTS, "--redacted-debug"])
        .output()
        .expect("run eventcat");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        String::from_utf8(output.stdout).expect("UTF-8"),
        from_options(true)
    );
}
