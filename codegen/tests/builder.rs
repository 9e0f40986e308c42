//! The build.rs builder and the generation options it shares with the derive and the CLI.

use std::path::{Path, PathBuf};

use eventcat_codegen::{
    BuildError, Builder, GenerateError, LoadError, Options, SelectError, SunsetPolicy,
};

/// A fresh directory under the target directory's temp space.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create a scratch directory");
    dir
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace root")
}

#[test]
fn writes_only_when_the_content_changes() {
    let dir = scratch("builder-writes");
    let out = dir.join("eventcat.rs");
    let builder = Builder::new().catalog("catalog.yaml");
    assert!(
        builder.write_to(root(), &out).expect("generates"),
        "first run writes"
    );
    let first = std::fs::metadata(&out)
        .and_then(|m| m.modified())
        .expect("written");
    assert!(
        !builder.write_to(root(), &out).expect("generates"),
        "same content: no write"
    );
    let second = std::fs::metadata(&out)
        .and_then(|m| m.modified())
        .expect("still there");
    assert_eq!(first, second);
    let text = std::fs::read_to_string(&out).expect("readable");
    assert_eq!(
        text,
        eventcat_codegen::generate_source(
            eventcat_codegen::BUNDLED_CATALOG_NAME,
            eventcat_codegen::BUNDLED_CATALOG,
            &Options::default()
        )
        .expect("the bundled catalog generates"),
        "the builder writes what the CLI prints"
    );
}

#[test]
fn a_missing_catalog_is_an_error_naming_it() {
    let err = Builder::new()
        .catalog("no-such-catalog.yaml")
        .source(root())
        .expect_err("missing file");
    assert!(err.to_string().contains("no-such-catalog.yaml"), "{err}");
    assert!(
        matches!(err, BuildError::Load(LoadError::Read { .. })),
        "{err:?}"
    );
}

#[test]
fn a_broken_catalog_reports_its_location() {
    let dir = scratch("builder-broken");
    std::fs::write(
        dir.join("catalog.yaml"),
        "products:\n  p: { title: P }\nevents:\n  - name: Bad-Name\n",
    )
    .expect("write the fixture");
    let err = Builder::new()
        .catalog("catalog.yaml")
        .source(&dir)
        .expect_err("broken");
    let message = err.to_string();
    assert!(message.contains("catalog.yaml:4:"), "{message}");
}

#[test]
fn a_bad_as_of_is_an_error() {
    let err = Builder::new()
        .sunset(SunsetPolicy::Omit)
        .as_of("2026-13-01")
        .source(root())
        .expect_err("bad day");
    assert!(
        matches!(
            err,
            BuildError::Generate(GenerateError::Select(SelectError::BadAsOf { .. }))
        ),
        "{err}"
    );
    assert_eq!(
        err.to_string(),
        "`.as_of(\"2026-13-01\")`: not a day of the form YYYY-MM-DD"
    );
}

#[test]
fn filters_select_events_and_the_types_they_use() {
    let code = Builder::new()
        .products(["agent-workspace"])
        .events(["aw-interaction-focus-*"])
        .source(root())
        .expect("generates");
    assert!(code.contains("pub struct AwInteractionFocusV3 {"));
    assert!(code.contains("pub struct Queue {"), "a type the events use");
    assert!(
        !code.contains("pub struct ChatMessage {"),
        "a type no selected event uses"
    );
    assert!(!code.contains("GlobalUserDetailsV1"));
    assert!(!code.contains("CallObject"));
}

/// An empty list selects no event: an error naming the call, as the derive's is at its option.
#[test]
fn an_empty_list_is_an_error_naming_the_call() {
    let none: [&str; 0] = [];
    for (builder, call) in [
        (Builder::new().events(none), ".events([])"),
        (Builder::new().products(none), ".products([])"),
    ] {
        let err = builder.source(root()).expect_err("an empty list");
        assert!(
            matches!(
                err,
                BuildError::Generate(GenerateError::Select(SelectError::EmptyList(_)))
            ),
            "{err}"
        );
        let message = err.to_string();
        assert!(
            message.starts_with(&format!("`{call}` selects no event")),
            "{message}"
        );
        assert!(message.contains("generate every event"), "{message}");
    }
    // The last call stands: a list given after the empty one is used.
    let code = Builder::new()
        .events(none)
        .events(["global-*"])
        .source(root())
        .expect("generates");
    assert!(code.contains("GlobalUserDetailsV1"));
}

/// The builder's messages name its own methods, not the derive's or the CLI's options.
#[test]
fn a_sunset_policy_without_a_day_names_the_builder_methods() {
    // Without `.as_of(...)` the day comes from SOURCE_DATE_EPOCH, which cargo does not set.
    let err = Builder::new()
        .sunset(SunsetPolicy::Omit)
        .source(root())
        .expect_err("no day");
    let message = err.to_string();
    assert!(
        message.contains("`.sunset(SunsetPolicy::Omit)` needs a day")
            && message.contains("set `.as_of(\"YYYY-MM-DD\")` or SOURCE_DATE_EPOCH"),
        "{message}"
    );
}

#[test]
fn a_catalog_that_is_not_a_regular_file_is_refused_before_reading() {
    let dir = scratch("builder-directory-catalog");
    let err = Builder::new()
        .catalog(&dir)
        .source(root())
        .expect_err("a directory is no catalog");
    assert!(
        err.report().contains(
            "not a regular file (a directory); a catalog is read from a regular file only"
        ),
        "{}",
        err.report()
    );
}
