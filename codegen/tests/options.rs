//! The options' rules are applied once, in `Options::resolve`, for every front end: the same
//! options given to the library, the build.rs `Builder` and `eventcat generate` get the same
//! verdict, each in its own words. (The derive's are the `ui-tests/ui/macros` cases:
//! `empty_list`, `bad_as_of`, `sunset_omit_without_day`.)

use eventcat_codegen::{
    BUNDLED_CATALOG, BUNDLED_CATALOG_NAME, BuildError, Builder, FrontEnd, GenerateError, Options,
    SelectError, SunsetPolicy,
};

/// The verdict on `options` through the library.
fn library(options: &Options) -> Option<SelectError> {
    match eventcat_codegen::generate_source(BUNDLED_CATALOG_NAME, BUNDLED_CATALOG, options) {
        Ok(_) => None,
        Err(GenerateError::Select(err)) => Some(err),
        Err(other) => panic!("not an option error: {other}"),
    }
}

/// The verdict on `options` through the builder.
fn builder(options: &Options) -> Option<SelectError> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    match Builder::new().options(options.clone()).source(root) {
        Ok(_) => None,
        Err(BuildError::Generate(GenerateError::Select(err))) => Some(err),
        Err(other) => panic!("not an option error: {other}"),
    }
}

/// `eventcat generate` with `args`: its standard error when it fails.
fn cli(args: &[&str]) -> Option<String> {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_eventcat"))
        .arg("generate")
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run eventcat");
    (!output.status.success()).then(|| String::from_utf8_lossy(&output.stderr).into_owned())
}

#[test]
fn the_library_the_builder_and_the_cli_give_the_same_verdict() {
    let cases: [(Options, &[&str]); 7] = [
        (
            Options::new()
                .as_of("2026-13-01")
                .sunset(SunsetPolicy::Omit),
            &["--as-of", "2026-13-01", "--sunset", "omit"],
        ),
        (Options::new().as_of("tomorrow"), &["--as-of", "tomorrow"]),
        (
            Options::new().products(["agent-workspac"]),
            &["--product", "agent-workspac"],
        ),
        (Options::new().events(["aw-[x"]), &["--events", "aw-[x"]),
        (
            Options::new().events(["nothing-*"]),
            &["--events", "nothing-*"],
        ),
        (
            Options::new()
                .sunset(SunsetPolicy::Error)
                .as_of("2026-12-09"),
            &["--sunset", "error", "--as-of", "2026-12-09"],
        ),
        (
            Options::new()
                .sunset(SunsetPolicy::Omit)
                .as_of("2026-12-09"),
            &["--sunset", "omit", "--as-of", "2026-12-09"],
        ),
    ];
    for (options, args) in cases {
        let verdict = library(&options);
        assert_eq!(builder(&options), verdict, "{args:?}");
        match (&verdict, cli(args)) {
            (None, None) => {}
            (Some(err), Some(stderr)) => {
                let message = err.message(FrontEnd::Cli);
                assert!(
                    stderr.contains(&message),
                    "{args:?}: `{message}` in {stderr}"
                );
            }
            (verdict, stderr) => panic!("{args:?}: {verdict:?} but the CLI says {stderr:?}"),
        }
    }
    // A list given empty: the CLI cannot give one (each flag has a value).
    let none: [&str; 0] = [];
    let empty = Options::new().events(none);
    assert!(matches!(library(&empty), Some(SelectError::EmptyList(_))));
    assert_eq!(builder(&empty), library(&empty));
}
