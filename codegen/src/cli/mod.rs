//! What the `eventcat` commands print and how they exit, computed from the values the library
//! returns: text and JSON, colours, exit codes.

pub mod diff;
pub mod import;
pub mod list;
pub mod table;

use std::io::Write;
use std::process::ExitCode;

use clap::ValueEnum;
use eventcat_codegen::LoadError;

/// The output format of `import` and `diff`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Lines of text.
    Text,
    /// A JSON document.
    Json,
}

/// What a command prints to standard output and standard error, and its exit status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// Printed to standard output.
    pub stdout: String,
    /// Printed to standard error.
    pub stderr: String,
    /// The exit status.
    pub code: u8,
}

impl Rendered {
    /// Output on standard output only.
    pub fn stdout(stdout: String, code: u8) -> Self {
        Rendered {
            stdout,
            stderr: String::new(),
            code,
        }
    }

    /// An error on standard error only.
    pub fn stderr(stderr: String, code: u8) -> Self {
        Rendered {
            stdout: String::new(),
            stderr,
            code,
        }
    }

    /// What a command prints for `result`: the rendered report, or the error as `error` words
    /// it on standard error with the exit status `trouble`.
    pub fn of<R, E>(
        result: &Result<R, E>,
        trouble: u8,
        error: impl FnOnce(&E) -> String,
        report: impl FnOnce(&R) -> Rendered,
    ) -> Self {
        match result {
            Ok(value) => report(value),
            Err(err) => Rendered::stderr(error(err), trouble),
        }
    }

    /// Prints both texts; the exit status is the command's unless standard output fails.
    pub fn finish(&self) -> ExitCode {
        let failed = print(&self.stdout);
        say(&self.stderr);
        failed.unwrap_or(ExitCode::from(self.code))
    }
}

/// A catalog that did not load: its diagnostics and their summary, or `error: ...` when it
/// could not be read.
pub fn load_error(err: &LoadError, color: bool) -> String {
    match err {
        LoadError::Invalid(report) => {
            format!("{}{}\n", report.render(color), report.summary(None))
        }
        _ => format!("error: {}\n", with_causes(err)),
    }
}

/// `err`'s message followed by those of its `source()` chain, each after `: `.
pub fn with_causes(err: &dyn std::error::Error) -> String {
    let mut message = err.to_string();
    let mut cause = err.source();
    while let Some(next) = cause {
        message.push_str(&format!(": {next}"));
        cause = next.source();
    }
    message
}

/// Writes `text` to standard output. A reader that went away (`eventcat generate | head -1`)
/// ends the output quietly, as with other Unix tools, and the command keeps its exit status;
/// any other write error is reported and gives `Some(FAILURE)`.
pub fn print(text: &str) -> Option<ExitCode> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => None,
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => None,
        Err(err) => {
            say(&format!("error: cannot write to standard output: {err}\n"));
            Some(ExitCode::FAILURE)
        }
    }
}

/// Writes `text` to standard error; there is nowhere to report a failure to, so it is ignored.
pub fn say(text: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = stderr
        .write_all(text.as_bytes())
        .and_then(|()| stderr.flush());
}
