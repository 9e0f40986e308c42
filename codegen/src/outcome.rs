//! What a report-style command (`import`, `diff`) prints and how it exits, kept apart from the
//! CLI so that it can be tested without running a process.

/// Text for stdout and stderr, and an exit code.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Outcome {
    /// Printed to stdout.
    pub stdout: String,
    /// Printed to stderr.
    pub stderr: String,
    /// The process exit code.
    pub code: u8,
}

impl Outcome {
    /// An outcome that only reports an error.
    pub fn error(message: impl Into<String>, code: u8) -> Self {
        Outcome {
            stdout: String::new(),
            stderr: message.into(),
            code,
        }
    }
}

/// A catalog that did not load, as printed by the CLI: rendered diagnostics and a summary.
pub fn load_error(err: &crate::LoadError, color: bool) -> String {
    match err {
        crate::LoadError::Invalid(report) => {
            format!("{}{}\n", report.render(color), report.summary(None))
        }
        _ => format!("error: {err}\n"),
    }
}
