//! Errors and lints about a catalog file, each with its location, and their rendering.

use std::fmt;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde_saphyr::Spanned;

/// A place in the catalog file: 1-based line and column, plus the byte range when known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Location {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// Byte range of the node in the source, when known.
    pub bytes: Option<(usize, usize)>,
}

impl Location {
    /// Where a spanned node stands (where it is defined, for an alias).
    pub fn of<T>(node: &Spanned<T>) -> Self {
        Self::from_saphyr(&node.referenced)
    }

    /// Converts a location reported by the YAML parser.
    pub fn from_saphyr(loc: &serde_saphyr::Location) -> Self {
        let span = loc.span();
        let bytes = match (span.byte_offset(), span.byte_len()) {
            (Some(start), Some(len)) => usize::try_from(start)
                .ok()
                .zip(usize::try_from(len).ok())
                .map(|(start, len)| (start, start + len)),
            _ => None,
        };
        Location {
            line: u32::try_from(loc.line()).unwrap_or(u32::MAX),
            column: u32::try_from(loc.column()).unwrap_or(u32::MAX),
            bytes,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// The longest diagnostic message, in characters; longer ones are cut in the middle.
pub const MAX_MESSAGE_CHARS: usize = 1_000;

/// `text` when it has at most `max` characters; else its start and its end (a message's reason
/// comes last), about `max` characters in all, joined by ` ... `.
pub fn shorten(text: String, max: usize) -> String {
    let count = text.chars().count();
    if count <= max {
        return text;
    }
    let head = max * 2 / 3;
    let tail = max.saturating_sub(head + 5);
    let start: String = text.chars().take(head).collect();
    let end: String = text.chars().skip(count - tail).collect();
    format!("{start} ... {end}")
}

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The catalog is refused.
    Error,
    /// Reported; the catalog still loads.
    Warning,
}

/// One error or lint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable kebab-case name of the check, such as `unknown-product`.
    pub code: &'static str,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Where it is wrong.
    pub location: Location,
    /// Other places that explain it (the first definition of a duplicate, say).
    pub related: Vec<(Location, String)>,
}

impl Diagnostic {
    /// An error at `location`. A message longer than [`MAX_MESSAGE_CHARS`] (one quoting a
    /// huge value, say) keeps its start and end around a `...`.
    pub fn error(code: &'static str, location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: shorten(message.into(), MAX_MESSAGE_CHARS),
            location,
            related: Vec::new(),
        }
    }

    /// A lint at `location`.
    pub fn warning(code: &'static str, location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Self::error(code, location, message)
        }
    }

    /// Adds a related place.
    pub fn with_related(mut self, location: Location, note: impl Into<String>) -> Self {
        self.related.push((location, note.into()));
        self
    }
}

/// The diagnostics of one catalog file, with the file's text for rendering excerpts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The file's name as the user gave it.
    pub path: String,
    /// The file's text.
    pub source: String,
    /// Errors and lints, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// The errors.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
    }

    /// The lints.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
    }

    /// True when any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }

    /// Errors first, then lints, each in file order: the reason a catalog is refused comes
    /// before what is merely worth a look.
    fn ordered(&self) -> impl Iterator<Item = &Diagnostic> {
        self.errors().chain(self.warnings())
    }

    /// Renders every diagnostic (errors first) with an excerpt of the source, rustc style.
    pub fn render(&self, color: bool) -> String {
        self.render_each(self.ordered(), color)
    }

    /// Renders the errors alone, for a front end that shows lints only when asked.
    pub fn render_errors(&self, color: bool) -> String {
        self.render_each(self.errors(), color)
    }

    fn render_each<'a>(
        &'a self,
        diagnostics: impl Iterator<Item = &'a Diagnostic>,
        color: bool,
    ) -> String {
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let mut out = String::new();
        for diagnostic in diagnostics {
            out.push_str(&renderer.render(&[self.group(diagnostic)]));
            out.push_str("\n\n");
        }
        out
    }

    /// `path: 1 error, 2 warnings`, with the number of events when the catalog loaded.
    pub fn summary(&self, events: Option<usize>) -> String {
        let events = events.map_or(String::new(), |n| format!("{}, ", counted(n, "event")));
        format!(
            "{}: {events}{}, {}",
            self.path,
            counted(self.errors().count(), "error"),
            counted(self.warnings().count(), "warning")
        )
    }

    fn group<'a>(&'a self, diagnostic: &'a Diagnostic) -> Group<'a> {
        let level = match diagnostic.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let mut snippet = Snippet::source(self.source.as_str())
            .path(self.path.as_str())
            .annotation(AnnotationKind::Primary.span(self.range(diagnostic.location)));
        for (location, note) in &diagnostic.related {
            snippet = snippet.annotation(
                AnnotationKind::Context
                    .span(self.range(*location))
                    .label(note.as_str()),
            );
        }
        level
            .primary_title(diagnostic.message.as_str())
            .id(diagnostic.code)
            .element(snippet)
    }

    /// The byte range to underline: the node's own range, else the rest of its line's token.
    fn range(&self, location: Location) -> std::ops::Range<usize> {
        if let Some((start, end)) = location.bytes
            && start < end
            && end <= self.source.len()
            && self.source.is_char_boundary(start)
            && self.source.is_char_boundary(end)
        {
            let line_end = self.source[start..end]
                .find('\n')
                .map_or(end, |i| start + i);
            return start..line_end.max(start + 1).min(end);
        }
        let start = offset_of(&self.source, location);
        let rest = &self.source[start..];
        let len = rest
            .find(['\n', ',', '}', ']'])
            .unwrap_or(rest.len())
            .max(usize::from(!rest.is_empty()));
        start..start + len.min(rest.len())
    }
}

/// The byte offset of a line and column, clamped to the text.
fn offset_of(source: &str, location: Location) -> usize {
    let line_start = source
        .split_inclusive('\n')
        .take(location.line.saturating_sub(1) as usize)
        .map(str::len)
        .sum::<usize>()
        .min(source.len());
    let line = source[line_start..].split('\n').next().unwrap_or("");
    let column = line
        .char_indices()
        .nth(location.column.saturating_sub(1) as usize)
        .map_or(line.len(), |(i, _)| i);
    line_start + column
}

/// `1 error`, `2 errors`.
pub fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

impl fmt::Display for Report {
    /// One line per diagnostic, errors first: `path:line:column: error[code]: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in self.ordered() {
            let severity = match diagnostic.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            writeln!(
                f,
                "{}:{}: {severity}[{}]: {}",
                self.path, diagnostic.location, diagnostic.code, diagnostic.message
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_message_keeps_its_start_and_its_end() {
        let long = format!("default {} does not fit: why", "[1, ".repeat(100_000));
        let diagnostic = Diagnostic::error("default", Location::default(), long);
        let count = diagnostic.message.chars().count();
        assert!(count <= MAX_MESSAGE_CHARS, "{count}");
        assert!(diagnostic.message.starts_with("default [1, "));
        assert!(diagnostic.message.contains(" ... "));
        assert!(diagnostic.message.ends_with("does not fit: why"));
        assert_eq!(shorten("short".to_owned(), 10), "short");
    }
}
