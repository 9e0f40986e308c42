//! Errors and lints about a catalog file, each with its location, and their rendering.

use std::fmt;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde_saphyr::Spanned;

/// A place in the catalog file: 1-based line and column, plus the byte range when known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[non_exhaustive]
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
    pub(crate) fn of<T>(node: &Spanned<T>) -> Self {
        Self::from_saphyr(&node.referenced)
    }

    /// Converts a location reported by the YAML parser.
    pub(crate) fn from_saphyr(loc: &serde_saphyr::Location) -> Self {
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
pub(crate) const MAX_MESSAGE_CHARS: usize = 1_000;

/// `text` when it has at most `max` characters; else its start and its end (a message's reason
/// comes last), about `max` characters in all, joined by ` ... `.
pub(crate) fn shorten(text: String, max: usize) -> String {
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
#[non_exhaustive]
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
    /// An error at `location`. A message longer than 1,000 characters (one quoting a
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
    pub(crate) fn with_related(mut self, location: Location, note: impl Into<String>) -> Self {
        self.related.push((location, note.into()));
        self
    }
}

/// The diagnostics of one catalog file, with the file's text for rendering excerpts. Its
/// `Debug` gives the text's length, not the text: a build script's `.unwrap()` prints it.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Report {
    /// The file's name as the user gave it.
    pub path: String,
    /// The file's text.
    pub source: String,
    /// Errors and lints, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Debug for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        /// The file's text as its length.
        struct Length(usize);
        impl fmt::Debug for Length {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "<{} bytes>", self.0)
            }
        }
        f.debug_struct("Report")
            .field("path", &self.path)
            .field("source", &Length(self.source.len()))
            .field("diagnostics", &self.diagnostics)
            .finish()
    }
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

    /// How many warnings the report has, in words: `1 warning`, `3 warnings`.
    pub fn warnings_counted(&self) -> String {
        counted(self.warnings().count(), "warning")
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
        let lines = LineIndex::new(&self.source);
        let mut out = String::new();
        for diagnostic in diagnostics {
            let mut places = vec![Place::new(&lines, diagnostic.location, None)];
            for (location, note) in &diagnostic.related {
                places.push(Place::new(&lines, *location, Some(note)));
            }
            let excerpts = excerpts(&lines, &places);
            let rendered = renderer.render(&[self.group(diagnostic, &places, &excerpts)]);
            out.push_str(&self.true_columns(rendered, &lines, &places, &excerpts));
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

    /// One diagnostic as a group of excerpts (see [`excerpts`]).
    fn group<'a>(
        &'a self,
        diagnostic: &'a Diagnostic,
        places: &[Place<'a>],
        excerpts: &[Excerpt],
    ) -> Group<'a> {
        let level = match diagnostic.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let snippets = excerpts.iter().map(|excerpt| {
            let mut snippet = Snippet::source(excerpt.text(&self.source))
                .path(self.path.as_str())
                .line_start(excerpt.first_line + 1);
            for &index in &excerpt.places {
                let place = &places[index];
                let span = excerpt.span(&place.range);
                snippet = snippet.annotation(match place.note {
                    None => AnnotationKind::Primary.span(span),
                    Some(note) => AnnotationKind::Context.span(span).label(note),
                });
            }
            snippet
        });
        level
            .primary_title(diagnostic.message.as_str())
            .id(diagnostic.code)
            .elements(snippets)
    }

    /// The rendering with the true column in the heading (`--> path:line:column`) of each
    /// excerpt cut out of a long line: the renderer counts columns from the excerpt's start.
    fn true_columns(
        &self,
        mut rendered: String,
        lines: &LineIndex<'_>,
        places: &[Place<'_>],
        excerpts: &[Excerpt],
    ) -> String {
        let mut from = 0;
        for excerpt in excerpts.iter().filter(|e| e.cut_start) {
            // The renderer heads an excerpt with its primary place, else its first.
            let index = if excerpt.places.contains(&0) {
                0
            } else {
                excerpt.places[0]
            };
            let place = &places[index];
            if lines.line_of(place.range.start) != excerpt.first_line {
                continue;
            }
            let before = self.source[excerpt.bytes.start..place.range.start]
                .chars()
                .count();
            let line = excerpt.first_line + 1;
            let shown = format!("{}:{line}:{}", self.path, CUT.len() + before + 1);
            if let Some(at) = rendered[from..].find(&shown).map(|i| from + i) {
                let true_place = format!("{}:{line}:{}", self.path, place.column);
                rendered.replace_range(at..at + shown.len(), &true_place);
                from = at + true_place.len();
            }
        }
        rendered
    }
}

/// A place a diagnostic shows: the bytes to underline (on one line), its column, and its note
/// (none for the primary place).
struct Place<'a> {
    range: std::ops::Range<usize>,
    column: u32,
    note: Option<&'a str>,
}

impl<'a> Place<'a> {
    fn new(lines: &LineIndex<'_>, location: Location, note: Option<&'a String>) -> Self {
        Place {
            range: lines.range(location),
            column: location.column,
            note: note.map(String::as_str),
        }
    }
}

/// Places whose excerpts would together span more than this many bytes are shown apart.
const EXCERPT_BYTES: usize = 4096;

/// A line longer than this many bytes is cut around each place, [`CUT_CONTEXT`] bytes either side.
const LONG_LINE: usize = 512;

/// How much of a long line is shown on either side of a place, in bytes.
const CUT_CONTEXT: usize = 100;

/// What stands for the cut part of a long line.
const CUT: &str = "...";

/// Some lines of the source and the places (indices into a diagnostic's places) they show.
struct Excerpt {
    /// The 0-based line the excerpt starts on.
    first_line: usize,
    bytes: std::ops::Range<usize>,
    /// The excerpt starts after the start of its first line, or ends before the end of its last.
    cut_start: bool,
    cut_end: bool,
    places: Vec<usize>,
}

impl Excerpt {
    /// The text shown, with [`CUT`] where a long line is cut.
    fn text<'a>(&self, source: &'a str) -> std::borrow::Cow<'a, str> {
        let text = &source[self.bytes.clone()];
        if !self.cut_start && !self.cut_end {
            return text.into();
        }
        let start = if self.cut_start { CUT } else { "" };
        let end = if self.cut_end { CUT } else { "" };
        format!("{start}{text}{end}").into()
    }

    /// Where bytes of the source are in [`Excerpt::text`].
    fn span(&self, range: &std::ops::Range<usize>) -> std::ops::Range<usize> {
        let shift = if self.cut_start { CUT.len() } else { 0 };
        range.start - self.bytes.start + shift..range.end - self.bytes.start + shift
    }
}

/// The excerpts for a diagnostic's places, the primary one's first: each place's line (or, on a
/// long line, its part around the place), places close together in one excerpt and a far one
/// (the first declaration of a duplicate) in its own. Each excerpt is at most a few kilobytes,
/// so rendering many diagnostics of a large file takes time in proportion to the file plus what
/// is shown, not to their product.
fn excerpts(lines: &LineIndex<'_>, places: &[Place<'_>]) -> Vec<Excerpt> {
    let mut order: Vec<usize> = (0..places.len()).collect();
    order.sort_by_key(|&i| places[i].range.start);
    let mut excerpts: Vec<Excerpt> = Vec::new();
    for index in order {
        let window = lines.window(&places[index].range);
        match excerpts.last_mut() {
            Some(last) if window.end.saturating_sub(last.bytes.start) <= EXCERPT_BYTES => {
                last.bytes.end = last.bytes.end.max(window.end);
                last.places.push(index);
            }
            _ => excerpts.push(Excerpt {
                first_line: lines.line_of(window.start),
                bytes: window,
                cut_start: false,
                cut_end: false,
                places: vec![index],
            }),
        }
    }
    for excerpt in &mut excerpts {
        excerpt.cut_start = excerpt.bytes.start != lines.line_bytes(excerpt.first_line).start;
        excerpt.cut_end = excerpt.bytes.end < lines.source.len()
            && lines.source.as_bytes()[excerpt.bytes.end - 1] != b'\n';
    }
    if let Some(primary) = excerpts.iter().position(|e| e.places.contains(&0)) {
        excerpts[..=primary].rotate_right(1);
    }
    excerpts
}

/// Where each line of a text starts, found once for all the diagnostics of a report.
struct LineIndex<'a> {
    source: &'a str,
    /// The byte offset of each line's first byte; the first is 0.
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(source: &'a str) -> Self {
        let breaks = source.match_indices('\n').map(|(i, _)| i + 1);
        LineIndex {
            source,
            starts: std::iter::once(0).chain(breaks).collect(),
        }
    }

    /// The 0-based line a byte offset is on.
    fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1)
    }

    /// The bytes of a 0-based line, with its line break.
    fn line_bytes(&self, line: usize) -> std::ops::Range<usize> {
        let start = self.starts.get(line).copied().unwrap_or(self.source.len());
        let end = self
            .starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.source.len());
        start..end
    }

    /// What an excerpt shows of the line of `range`: the whole line, or for a long one, the part
    /// around `range`.
    fn window(&self, range: &std::ops::Range<usize>) -> std::ops::Range<usize> {
        let line = self.line_bytes(self.line_of(range.start));
        if line.len() <= LONG_LINE {
            return line;
        }
        let mut start = range.start.saturating_sub(CUT_CONTEXT).max(line.start);
        while !self.source.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = range.end.saturating_add(CUT_CONTEXT).min(line.end);
        while !self.source.is_char_boundary(end) {
            end += 1;
        }
        start..end
    }

    /// The byte range to underline: the node's own range (on its first line), else the rest of
    /// its line's token.
    fn range(&self, location: Location) -> std::ops::Range<usize> {
        let source = self.source;
        if let Some((start, end)) = location.bytes
            && start < end
            && end <= source.len()
            && source.is_char_boundary(start)
            && source.is_char_boundary(end)
        {
            let line_end = source[start..end].find('\n').map_or(end, |i| start + i);
            return start..line_end.max(start + 1).min(end);
        }
        let start = self.offset(location);
        let rest = &source[start..];
        let len = rest
            .find(['\n', ',', '}', ']'])
            .unwrap_or(rest.len())
            .max(usize::from(!rest.is_empty()));
        start..start + len.min(rest.len())
    }

    /// The byte offset of a line and column, clamped to the text.
    fn offset(&self, location: Location) -> usize {
        let line = location.line.saturating_sub(1) as usize;
        if line >= self.starts.len() {
            return self.source.len();
        }
        let bytes = self.line_bytes(line);
        let text = self.source[bytes.clone()].split('\n').next().unwrap_or("");
        let column = text
            .char_indices()
            .nth(location.column.saturating_sub(1) as usize)
            .map_or(text.len(), |(i, _)| i);
        bytes.start + column
    }
}

/// `1 error`, `2 errors`.
pub(crate) fn counted(n: usize, noun: &str) -> String {
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
    fn places_far_apart_are_shown_in_excerpts_of_their_own() {
        let source: String = (1..=2000).map(|i| format!("line{i}\n")).collect();
        let at = |line| Location {
            line,
            column: 1,
            bytes: None,
        };
        let diagnostic = |line, first, message: &str| {
            Diagnostic::error("duplicate-event", at(line), message)
                .with_related(at(first), "first declared here")
        };
        let report = Report {
            path: "x.yaml".to_owned(),
            source,
            diagnostics: vec![diagnostic(1500, 2, "far"), diagnostic(20, 5, "near")],
        };
        let rendered = report.render(false);
        let (far, near) = rendered
            .split_once("error[duplicate-event]: near")
            .expect("both");
        // The primary place comes first; the far first declaration follows in its own excerpt.
        let primary = far.find("--> x.yaml:1500:1").expect("the primary place");
        let first = far.find("::: x.yaml:2:1").expect("the first declaration");
        assert!(primary < first, "{far}");
        assert!(
            far.contains("1500 | line1500\n") && far.contains("2 | line2\n"),
            "{far}"
        );
        // Places close together share one excerpt, with the lines between folded.
        assert!(
            near.contains("--> x.yaml:20:1") && !near.contains(":::"),
            "{near}"
        );
        assert!(
            near.contains(" 5 | line5\n") && near.contains("...\n20 | line20"),
            "{near}"
        );
    }

    #[test]
    fn a_long_line_is_cut_around_each_place_with_its_true_column() {
        let mut source = "x".repeat(100_000);
        source.replace_range(10..14, "e-v1");
        source.replace_range(90_000..90_004, "e-v1");
        let at = |start: usize| Location {
            line: 1,
            column: u32::try_from(start + 1).expect("a column"),
            bytes: Some((start, start + 4)),
        };
        let report = Report {
            path: "x.yaml".to_owned(),
            source,
            diagnostics: vec![
                Diagnostic::error("duplicate-event", at(90_000), "twice")
                    .with_related(at(10), "first declared here"),
            ],
        };
        let rendered = report.render(false);
        assert!(rendered.len() < 2_000, "{} bytes", rendered.len());
        let primary = rendered
            .find("--> x.yaml:1:90001\n")
            .expect("the true column");
        let first = rendered
            .find("::: x.yaml:1:11\n")
            .expect("the first place's");
        assert!(primary < first, "{rendered}");
        // Cut before the far place, whole from the line's start for the near one.
        assert!(rendered.contains("1 | ...xxxx"), "{rendered}");
        assert!(rendered.contains("1 | xxxxxxxxxxe-v1xxxx"), "{rendered}");
    }

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
