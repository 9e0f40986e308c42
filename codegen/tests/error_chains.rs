//! Every error the library returns says its message once: walking its chain with `source()`
//! meets no message that an earlier one already contains.

use std::path::Path;

#[path = "shared/error_chain.rs"]
mod error_chain;

use error_chain::assert_said_once;
use eventcat_codegen::{BuildError, Builder, GenerateError, LoadError, Options, SunsetPolicy};

const SMALL: &str = "products:
  agent-workspace:
    title: Agent Workspace
events:
  - name: aw-sample-focus-v1
    product: agent-workspace
    direction: received
    status: deprecated
    active_date: 2025-01-01
    deprecation_date: 2025-06-01
    sunset_date: 2026-01-01
    doc: A sample event.
    schema_versions:
      - version: 1.0.0
        fields:
          interactionId: { type: string }
";

fn small() -> eventcat_codegen::Loaded {
    eventcat_codegen::load_str("small.yaml", SMALL).expect("loads")
}

fn generate(options: Options) -> GenerateError {
    eventcat_codegen::generate(&small(), &options).expect_err("options that do not fit")
}

#[test]
fn load_errors_say_their_message_once() {
    let missing =
        eventcat_codegen::load_file(Path::new("no/such/catalog.yaml")).expect_err("no file");
    assert!(matches!(missing, LoadError::Read { .. }), "{missing:?}");
    assert!(
        missing
            .to_string()
            .starts_with("cannot read catalog no/such/catalog.yaml: ")
    );
    assert_said_once("a missing file", &missing);
    let invalid = eventcat_codegen::load_str("bad.yaml", "products: [").expect_err("not YAML");
    assert_said_once("invalid YAML", &invalid);
    assert_said_once("a wrapped load error", &GenerateError::from(invalid));
}

#[test]
fn option_errors_say_their_message_once() {
    let day = eventcat_codegen::parse_date("2026-06-01");
    let cases = [
        Options {
            products: vec!["maestro".into()],
            ..Options::default()
        },
        Options {
            events: vec!["[".into()],
            ..Options::default()
        },
        Options {
            events: vec!["nothing-*".into()],
            ..Options::default()
        },
        Options {
            sunset: SunsetPolicy::Omit,
            ..Options::default()
        },
        Options {
            sunset: SunsetPolicy::Error,
            as_of: day,
            ..Options::default()
        },
        Options {
            crate_path: Some("my sdk".into()),
            ..Options::default()
        },
    ];
    for options in cases {
        let err = generate(options.clone());
        assert_said_once(&format!("{options:?}"), &err);
        assert_said_once(&format!("{options:?} in build.rs"), &BuildError::from(err));
    }
}

#[test]
fn build_errors_say_their_message_once() {
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("error-chains");
    std::fs::create_dir_all(&scratch).expect("a scratch directory");
    std::fs::write(scratch.join("small.yaml"), SMALL).expect("a catalog");
    // The output is a directory: it cannot be written.
    let write = Builder::new()
        .catalog("small.yaml")
        .write_to(&scratch, &scratch)
        .expect_err("a directory is not a file");
    assert!(matches!(write, BuildError::Write { .. }), "{write:?}");
    let as_of = Builder::new()
        .as_of("tomorrow")
        .source(&scratch)
        .expect_err("not a day");
    let unread = Builder::new()
        .catalog("none.yaml")
        .source(&scratch)
        .expect_err("no file");
    for (what, err) in [("write", write), ("as_of", as_of), ("read", unread)] {
        assert_said_once(what, &err);
    }
    // Not run by cargo as a build script: no OUT_DIR (this test crate has no build script).
    if std::env::var_os("OUT_DIR").is_none() {
        let env = Builder::new().generate().expect_err("no OUT_DIR");
        assert_said_once("env", &env);
    }
}
