//! The command line on hostile input: special files, files that are not UTF-8, odd line ends,
//! parser limits, and a reader that goes away. Every case ends quickly, without a panic, and
//! with a located message.
#![cfg(feature = "cli")]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// A fresh directory under the target directory's temp space.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-robust-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create a scratch directory");
    dir
}

/// Runs eventcat, killing it (and failing) when it has not finished within 30 seconds.
fn eventcat(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_eventcat"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run eventcat");
    let deadline = Instant::now() + Duration::from_secs(30);
    while child.try_wait().expect("wait for eventcat").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("eventcat {args:?} still runs after 30 seconds");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("collect the output")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn assert_no_panic(output: &Output) {
    assert_ne!(output.status.code(), Some(101), "{}", stderr(output));
    assert!(!stderr(output).contains("panicked"), "{}", stderr(output));
}

/// The one-event catalog most cases start from; `a`'s line is `FIELD`.
const FRAME: &str = "products:
  p: { title: P }
events:
  - name: x-v1
    product: p
    direction: received
    status: active
    active_date: 2025-01-01
    doc: X.
    schema_versions:
      - version: 1.0.0
        fields:
          FIELD
";

fn catalog(dir: &Path, name: &str, field: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, FRAME.replace("FIELD", field)).expect("write a catalog");
    path.display().to_string()
}

/// A string field `a` whose `default` is a mapping of `levels` anchored lists: the first holds
/// `leaves`, each other one ten aliases of the one before.
fn aliased_default(leaves: &str, levels: usize) -> String {
    let mut field = format!(
        "a:\n            type: string\n            doc: A.\n            default:\n              \
         l0: &l0 [{leaves}]\n"
    );
    for level in 1..levels {
        let aliases = vec![format!("*l{}", level - 1); 10].join(", ");
        field.push_str(&format!("              l{level}: &l{level} [{aliases}]\n"));
    }
    field
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_refused_without_waiting_for_a_writer() {
    let dir = scratch("fifo");
    let fifo = dir.join("catalog.yaml");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("run mkfifo");
    assert!(made.success());
    let fifo = fifo.display().to_string();
    let good = catalog(&dir, "good.yaml", "a: { type: string, doc: A. }");
    for args in [
        vec!["check", fifo.as_str()],
        vec!["generate", fifo.as_str()],
        vec!["list", fifo.as_str()],
        vec!["schema", fifo.as_str()],
        vec!["diff", fifo.as_str(), good.as_str()],
        vec!["import", fifo.as_str()],
        vec!["import", "--against", fifo.as_str(), fifo.as_str()],
    ] {
        let output = eventcat(&args);
        assert_no_panic(&output);
        assert!(!output.status.success(), "{args:?}");
        let err = stderr(&output);
        assert!(
            err.contains(&format!("{fifo}: not a regular file (a named pipe)")),
            "{args:?}: {err}"
        );
    }
}

#[cfg(unix)]
#[test]
fn an_endless_device_and_a_directory_are_refused() {
    let dir = scratch("special");
    let dir_name = dir.display().to_string();
    for (path, kind) in [
        ("/dev/zero", "a device"),
        (dir_name.as_str(), "a directory"),
    ] {
        let output = eventcat(&["check", path]);
        assert_eq!(output.status.code(), Some(1));
        let err = stderr(&output);
        assert!(
            err.contains(&format!(
                "cannot read catalog {path}: not a regular file ({kind})"
            )),
            "{err}"
        );
    }
}

#[test]
fn the_first_byte_that_is_not_utf8_is_located() {
    let dir = scratch("utf8");
    let path = dir.join("latin1.yaml");
    let mut bytes = FRAME
        .replace("FIELD", "a: { type: string, doc: Caf\u{e9}. }")
        .into_bytes();
    // Latin-1 `é` instead of UTF-8 in the doc of `a`, line 13 column 38.
    let at = bytes.iter().position(|&b| b == 0xC3).expect("the UTF-8 é");
    bytes.splice(at..at + 2, [0xE9]);
    std::fs::write(&path, bytes).expect("write");
    let path = path.display().to_string();
    for command in ["check", "generate"] {
        let output = eventcat(&[command, &path]);
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        let err = stderr(&output);
        assert!(
            err.contains("error[encoding]: the file is not UTF-8: byte 0xE9 at line 13, column 38"),
            "{err}"
        );
        assert!(err.contains(&format!("--> {path}:13:38")), "{err}");
    }
    let page = dir.join("page.txt");
    std::fs::write(&page, b"Received\n\xff\n").expect("write");
    let page = page.display().to_string();
    let output = eventcat(&["import", &page]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains(&format!("{page}:2:1: error: the file is not UTF-8")),
        "{}",
        stderr(&output)
    );
}

#[test]
fn cr_only_line_ends_give_the_right_lines() {
    let dir = scratch("cr");
    let path = dir.join("cr.yaml");
    let text = FRAME.replace("FIELD", "a: { type: strin, doc: A. }");
    std::fs::write(&path, text.replace('\n', "\r")).expect("write");
    let path = path.display().to_string();
    let output = eventcat(&["check", &path]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains(&format!("--> {path}:13:22")), "{err}");
    assert!(
        err.contains("13 |           a: { type: strin, doc: A. }"),
        "{err}"
    );
}

#[test]
fn parser_limits_are_errors_in_the_catalogs_words() {
    let dir = scratch("limits");
    let nested = format!("{}{}", "[".repeat(70), "]".repeat(70));
    let deep = catalog(
        &dir,
        "deep.yaml",
        &format!("a: {{ type: string, doc: A., default: {nested} }}"),
    );
    let output = eventcat(&["check", &deep]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("error[limit]: nesting deeper than 64 levels"),
        "{err}"
    );
    assert!(err.contains(&format!("--> {deep}:13:")), "{err}");
    assert!(!err.contains("budget"), "{err}");

    // A billion laughs in a default: ten levels of ten aliases each.
    let bomb = catalog(&dir, "bomb.yaml", &aliased_default("x, x, x, x, x", 10));
    let output = eventcat(&["check", &bomb]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("error[limit]: "), "{err}");
    assert!(
        err.contains("aliases may expand to at most 100000 values"),
        "{err}"
    );
    assert!(err.len() < 2_000, "{err}");
}

#[test]
fn a_message_quoting_a_large_value_is_cut() {
    let dir = scratch("quote");
    // Four levels, three of ten aliases: 5,000 values, within the limits, quoted by the
    // `default` error.
    let field = aliased_default(
        "xxxxxxxxxx, xxxxxxxxxx, xxxxxxxxxx, xxxxxxxxxx, xxxxxxxxxx",
        4,
    );
    let path = catalog(&dir, "quote.yaml", &field);
    let output = eventcat(&["check", &path]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("error[default]: default {"), "{err}");
    assert!(err.contains(" ... "), "{err}");
    assert!(err.len() < 3_000, "{} bytes: {err}", err.len());
}

/// Runs eventcat with a standard output whose reader is already gone, as in
/// `eventcat generate | head -1` once `head` has its line.
fn with_closed_stdout(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_eventcat"))
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run eventcat");
    drop(child.stdout.take());
    let mut err = String::new();
    if let Some(mut stderr) = child.stderr.take() {
        stderr.read_to_string(&mut err).expect("read stderr");
    }
    let status = child.wait().expect("wait for eventcat");
    Output {
        status,
        stdout: Vec::new(),
        stderr: err.into_bytes(),
    }
}

#[test]
fn a_reader_that_goes_away_ends_the_output_quietly() {
    for (args, code) in [
        (vec!["generate"], 0),
        (vec!["list", "--as-of", "2026-01-01"], 0),
        (vec!["list", "--format", "json"], 0),
        (vec!["schema"], 0),
        (vec!["import", "tests/fixtures/pages/newer-page.txt"], 0),
        (
            vec![
                "diff",
                "tests/fixtures/catalogs/older.yaml",
                "tests/fixtures/catalogs/newer.yaml",
            ],
            2,
        ),
    ] {
        let output = with_closed_stdout(&args);
        assert_no_panic(&output);
        assert_eq!(
            output.status.code(),
            Some(code),
            "{args:?}: {}",
            stderr(&output)
        );
        assert_eq!(stderr(&output), "", "{args:?}");
    }
}
