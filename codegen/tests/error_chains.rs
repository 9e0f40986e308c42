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
    assert_eq!(
        missing.to_string(),
        "cannot read catalog no/such/catalog.yaml"
    );
    assert_said_once("a missing file", &missing);
    let invalid = eventcat_codegen::load_str("bad.yaml", "products: [").expect_err("not YAML");
    assert_said_once("invalid YAML", &invalid);
    assert_said_once("a wrapped load error", &GenerateError::from(invalid));
}

#[test]
fn option_errors_say_their_message_once() {
    let none: [&str; 0] = [];
    let cases = [
        Options::new().products(["maestro"]),
        Options::new().events(["["]),
        Options::new().events(["nothing-*"]),
        Options::new().events(none),
        Options::new().as_of("2026-13-01"),
        Options::new().sunset(SunsetPolicy::Omit),
        Options::new()
            .sunset(SunsetPolicy::Error)
            .as_of("2026-06-01"),
        Options::new().crate_path("my sdk"),
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

/// The I/O error under a read or write failure is its `source()`, for a caller to look at.
#[test]
fn io_errors_are_the_source() {
    use std::error::Error as _;
    let kind = |err: &dyn std::error::Error| {
        err.source()
            .and_then(|source| source.downcast_ref::<std::io::Error>())
            .map(std::io::Error::kind)
    };
    let missing =
        eventcat_codegen::load_file(Path::new("no/such/catalog.yaml")).expect_err("no file");
    assert_eq!(kind(&missing), Some(std::io::ErrorKind::NotFound));
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("io-sources");
    std::fs::create_dir_all(&scratch).expect("a scratch directory");
    let unread = Builder::new()
        .catalog("none.yaml")
        .source(&scratch)
        .expect_err("no file");
    assert_eq!(kind(&unread), Some(std::io::ErrorKind::NotFound));
    assert!(
        unread.report().starts_with("cannot read catalog ")
            && unread
                .report()
                .ends_with(&missing.source().expect("a cause").to_string()),
        "{}",
        unread.report()
    );
    std::fs::write(scratch.join("small.yaml"), SMALL).expect("a catalog");
    let write = Builder::new()
        .catalog("small.yaml")
        .write_to(&scratch, &scratch)
        .expect_err("a directory is not a file");
    assert_eq!(kind(&write), Some(std::io::ErrorKind::InvalidInput));
}

/// A build script's `.unwrap()` prints `Debug`: it names the file and each diagnostic, not the
/// catalog's text.
#[test]
fn debug_of_a_load_error_leaves_the_catalog_text_out() {
    let typo = eventcat_codegen::BUNDLED_CATALOG.replacen("type: string", "type: strnig", 1);
    let err = eventcat_codegen::load_str("catalog.yaml", &typo).expect_err("a typo");
    let build = BuildError::from(GenerateError::from(err));
    let debug = format!("{build:?}");
    assert!(
        debug.contains(&format!("<{} bytes>", typo.len())),
        "{debug}"
    );
    assert!(debug.contains("strnig"), "the diagnostic is there: {debug}");
    assert!(debug.len() < 2_000, "{} bytes: {debug}", debug.len());
}

/// `out_file` writes inside `OUT_DIR` only: a name that leaves it is refused before anything
/// is generated.
#[test]
fn out_file_stays_inside_out_dir() {
    for name in [
        "../eventcat.rs",
        "/tmp/eventcat.rs",
        "gen/../../x.rs",
        "",
        ".",
    ] {
        let err = Builder::new().out_file(name).generate().expect_err(name);
        assert!(
            matches!(err, BuildError::OutFile(ref given) if given == name),
            "{err:?}"
        );
        assert_said_once(name, &err);
    }
}

/// A named pipe where the output goes is refused at once: opening it to write would wait for a
/// reader forever.
#[cfg(unix)]
#[test]
fn a_named_pipe_as_the_output_is_refused_at_once() {
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("named-pipe");
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).expect("a scratch directory");
    let pipe = scratch.join("eventcat.rs");
    let made = std::process::Command::new("mkfifo").arg(&pipe).status();
    assert!(made.is_ok_and(|status| status.success()), "mkfifo");
    let (send, receive) = std::sync::mpsc::channel();
    let (root, out) = (scratch.clone(), pipe.clone());
    std::thread::spawn(move || {
        let _ = send.send(Builder::new().write_to(&root, &out));
    });
    let written = receive
        .recv_timeout(std::time::Duration::from_secs(30))
        .expect("write_to returns instead of blocking on the pipe");
    let err = written.expect_err("a named pipe is not a regular file");
    assert!(err.report().contains("a named pipe"), "{}", err.report());
    let mut cli = std::process::Command::new(env!("CARGO_BIN_EXE_eventcat"))
        .arg("generate")
        .arg("-o")
        .arg(&pipe)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the CLI runs");
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = cli.try_wait().expect("waits") {
            break status;
        }
        if started.elapsed() > std::time::Duration::from_secs(30) {
            let _ = cli.kill();
            panic!("`eventcat generate -o PIPE` blocks");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert!(!status.success());
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut cli.stderr.take().expect("stderr"), &mut stderr)
        .expect("stderr is text");
    assert!(stderr.contains("a named pipe"), "{stderr}");
}
