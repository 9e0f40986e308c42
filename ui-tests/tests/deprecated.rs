//! Compile-time behaviour of the generated code: naming a deprecated event version is an error
//! under `deny(deprecated)`, with the sunset date and replacement in the message, while code using
//! only current versions compiles cleanly under `deny(warnings)`.

#[test]
fn deprecated_event_versions() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/deprecated/*.rs");
    cases.pass("ui/deprecated/pass/*.rs");
}

/// The locked compiler output says what a user needs: the sunset date and the replacement.
#[test]
fn locked_messages_name_the_sunset_date_and_replacement() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/deprecated");
    for case in ["focus_v1", "focus_v1_variant"] {
        let path = dir.join(format!("{case}.stderr"));
        let stderr = std::fs::read_to_string(&path)
            .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
        let errors: Vec<&str> = stderr
            .lines()
            .filter(|line| line.starts_with("error: use of deprecated"))
            .collect();
        assert!(
            !errors.is_empty(),
            "{case}: no deprecation error:\n{stderr}"
        );
        for error in errors {
            assert!(error.contains("AwInteractionFocusV1"), "{case}: {error}");
            assert!(error.contains("sunset on 2026-12-08"), "{case}: {error}");
            assert!(
                error.contains("use `AwInteractionFocusV3`"),
                "{case}: {error}"
            );
        }
    }
}
