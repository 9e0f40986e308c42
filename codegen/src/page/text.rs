//! The text form of the page, copied from the rendered page: headings on lines of their own,
//! and rows whose six cells run together, split by the rules the data obeys.

use jiff::civil::Date;
use semver::Version;

use super::cells::{Cells, DateCell, STATUS_WORDS, date_cell, versions_cell};
use super::{Builder, COLUMNS, Page, PageErrors, PageForm, Status};
use crate::model::{date_or_dash, parse_event_name, status_word};

/// The header line of a table in the text form: the column headings run together.
fn is_text_header(line: &str) -> bool {
    let squeezed: String = line.split_whitespace().collect::<Vec<_>>().join(" ");
    squeezed.eq_ignore_ascii_case(&COLUMNS.concat())
}

/// Parses the text form.
pub fn parse_text(text: &str) -> Result<Page, PageErrors> {
    let mut builder = Builder::default();
    let mut in_table = false;
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let content = raw.trim();
        if content.is_empty() {
            in_table = false;
            continue;
        }
        if is_text_header(content) {
            in_table = builder.table(line);
            continue;
        }
        if builder.heading(line, content) {
            in_table = false;
            continue;
        }
        if in_table {
            match split_text_row(content) {
                Ok(cells) => builder.row(line, cells),
                Err(message) => builder.error(line, message),
            }
        }
    }
    builder.finish(PageForm::Text)
}

/// How far an attempt to split a row got, to explain a refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    NoName,
    NoStatus,
    BadVersions,
    BadDates,
    ImpossibleDate,
}

/// The longest date cell, in characters: `30 September 2025` has 17, a five-character year
/// (jiff's `-9999`) one more.
const MAX_DATE_CHARS: usize = 18;

/// The shortest date cell: `1 May 2025`.
const MIN_DATE_CHARS: usize = 10;

/// The longest run of three date cells after the status.
const MAX_DATES_CHARS: usize = 3 * MAX_DATE_CHARS;

/// The deepest stage an attempt to split a row reached, and why it went no further.
struct Progress {
    stage: Stage,
    why: String,
}

impl Progress {
    /// Records `stage` when it is deeper than any so far (the first reason for it is kept).
    fn reach(&mut self, stage: Stage, why: impl FnOnce() -> String) {
        if stage > self.stage {
            self.stage = stage;
            self.why = why();
        }
    }
}

/// Where an event name may end in `line`: after `-v` and the digits of a major that fits a
/// `u64` and has no leading zero, with only name characters (`a-z`, `0-9`, `-`) before. In
/// order; found in one pass.
fn name_ends(line: &str) -> Vec<usize> {
    let bytes = line.as_bytes();
    let limit = bytes
        .iter()
        .position(|&b| !(b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'))
        .unwrap_or(bytes.len());
    let mut ends = Vec::new();
    let mut p = 0;
    while p + 2 < limit {
        if &bytes[p..p + 2] != b"-v" || bytes[p + 2] == b'0' {
            p += 1;
            continue;
        }
        let digits = bytes[p + 2..limit]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        for end in p + 3..=p + 2 + digits {
            if line[p + 2..end].parse::<u64>().is_ok() {
                ends.push(end);
            }
        }
        p += 2 + digits.max(1);
    }
    ends
}

/// Whether `rest` may start with a schema version: blanks, at most 20 digits and a `.`. A rest
/// that does not can hold no list of schema versions.
fn may_start_versions(rest: &str) -> bool {
    let rest = rest.trim_start();
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    (1..=20).contains(&digits) && rest.as_bytes().get(digits) == Some(&b'.')
}

/// The places of the status words followed by at most [`MAX_DATES_CHARS`] characters (room
/// for three dates), per word of [`STATUS_WORDS`], in order. Found from the end of the line.
fn short_tail_places(line: &str) -> Vec<Vec<usize>> {
    STATUS_WORDS
        .iter()
        .map(|(word, _)| {
            let mut places: Vec<usize> = line
                .rmatch_indices(word)
                .map(|(at, _)| at)
                .take_while(|at| line[at + word.len()..].chars().count() <= MAX_DATES_CHARS)
                .collect();
            places.reverse();
            places
        })
        .collect()
}

/// Where a status may stand after a name ending at `end`, in the order the exhaustive search
/// tries them (by word, then by place): its first place after the name, and the places that
/// leave room for exactly the three dates. Other places have longer tails, which split no
/// better than the first.
fn status_places(
    line: &str,
    end: usize,
    short: &[Vec<usize>],
) -> Vec<(usize, &'static str, Status)> {
    let mut places = Vec::new();
    for ((word, status), short) in STATUS_WORDS.iter().zip(short) {
        if let Some(first) = line[end..].find(word) {
            places.push((end + first, *word, *status));
        }
        for &at in short.iter().filter(|&&at| at >= end) {
            if places.last().is_none_or(|&(last, ..)| last < at) {
                places.push((at, *word, *status));
            }
        }
    }
    places
}

/// Splits a text row whose cells run together; exactly one split must fit the rules.
///
/// The search is linear in the length of the row: the dates come last and are short, so only
/// the statuses among the last few dozen characters (and the first after a name) are tried; a
/// name is followed by a schema version, which starts with at most 20 digits and a `.`, so only
/// the few name ends just before the row's first `.` are tried in full.
fn split_text_row(line: &str) -> Result<Cells, String> {
    let mut found: Vec<Cells> = Vec::new();
    let mut progress = Progress {
        stage: Stage::NoName,
        why: String::new(),
    };
    let short = short_tail_places(line);
    let mut dates: std::collections::HashMap<usize, Result<Vec<Dates>, (Stage, String)>> =
        std::collections::HashMap::new();
    // Where the last status word starts: a name ending after it has no status after it.
    let last_status = STATUS_WORDS
        .iter()
        .filter_map(|(word, _)| line.rfind(word))
        .max();
    for end in name_ends(line) {
        let rest = &line[end..];
        if !may_start_versions(rest) {
            let later = last_status.is_some_and(|at| at >= end);
            // Its versions cannot read: it can teach no more than `NoStatus` or `BadVersions`.
            let best = if later {
                Stage::BadVersions
            } else {
                Stage::NoStatus
            };
            if progress.stage >= best {
                continue;
            }
        }
        let name = &line[..end];
        // The major is valid, so an invalid name has an invalid family, and so has every
        // longer candidate (its family starts with this one's words).
        let Some((_, major)) = parse_event_name(name) else {
            break;
        };
        progress.reach(Stage::NoStatus, || {
            format!("no status (active, deprecated or sunset) after `{name}`")
        });
        for (at, word, status) in status_places(line, end, &short) {
            let versions = match versions_cell(&line[end..at], major) {
                Ok(versions) => versions,
                Err(why) => {
                    progress.reach(Stage::BadVersions, || format!("after `{name}`: {why}"));
                    continue;
                }
            };
            let tail = &line[at + word.len()..];
            if tail.chars().count() > MAX_DATES_CHARS {
                progress.reach(Stage::BadDates, || not_three_dates(tail));
                continue;
            }
            match dates.entry(at).or_insert_with(|| split_dates(tail)) {
                Ok(splits) => {
                    for &(active, deprecated, sunset) in splits.iter() {
                        found.push(Cells {
                            name: name.to_owned(),
                            schema_versions: versions.clone(),
                            status,
                            active,
                            deprecated,
                            sunset,
                        });
                    }
                }
                Err((stage, why)) => progress.reach(*stage, || why.clone()),
            }
        }
    }
    settle(found, progress)
}

/// The one split found, or why there is none or more than one.
fn settle(mut found: Vec<Cells>, progress: Progress) -> Result<Cells, String> {
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(format!(
            "cannot split the row into name, schema versions, status and three dates: {}",
            match progress.stage {
                Stage::NoName =>
                    "it does not start with an event name of the form `<family>-v<N>`".to_owned(),
                _ => progress.why,
            }
        )),
        n => {
            let splits: Vec<String> = found
                .iter()
                .map(|c| {
                    let versions: Vec<String> =
                        c.schema_versions.iter().map(Version::to_string).collect();
                    format!(
                        "`{} | {} | {} | {} | {} | {}`",
                        c.name,
                        versions.join(", "),
                        status_word(c.status),
                        c.active,
                        date_or_dash(c.deprecated),
                        date_or_dash(c.sunset)
                    )
                })
                .collect();
            Err(format!(
                "the row splits {n} ways, so it is ambiguous: {}",
                splits.join(" or ")
            ))
        }
    }
}

fn not_three_dates(tail: &str) -> String {
    format!(
        "`{tail}` is not an active date followed by a deprecation and a sunset date, each like \
         `8 September 2025` or `-`"
    )
}

/// An active date, and a deprecation and a sunset date when given.
type Dates = (Date, Option<Date>, Option<Date>);

/// Every way to read `tail` as an active date, a deprecation date or `-`, and a sunset date or
/// `-`, run together; or why there is none.
fn split_dates(tail: &str) -> Result<Vec<Dates>, (Stage, String)> {
    // A cell is `-` or a date of MIN_DATE_CHARS to MAX_DATE_CHARS characters; a part of another
    // length reads as neither, so only the bounds that leave parts of those lengths are tried.
    let fits = |chars: usize| chars == 1 || (MIN_DATE_CHARS..=MAX_DATE_CHARS).contains(&chars);
    dates_between(tail, |a, b, n| fits(a) && fits(b - a) && fits(n - b))
}

/// Every way to read `tail` as three cells, trying the character bounds `a <= b` (of `n`) that
/// `tried(a, b, n)` accepts, in order.
fn dates_between(
    tail: &str,
    tried: impl Fn(usize, usize, usize) -> bool,
) -> Result<Vec<Dates>, (Stage, String)> {
    let bounds: Vec<usize> = tail
        .char_indices()
        .map(|(i, _)| i)
        .chain([tail.len()])
        .collect();
    let n = bounds.len() - 1;
    let mut splits = Vec::new();
    let mut impossible: Option<String> = None;
    for (ai, &a) in bounds.iter().enumerate() {
        for (bi, &b) in bounds.iter().enumerate().skip(ai) {
            if !tried(ai, bi, n) {
                continue;
            }
            let parts = [&tail[..a], &tail[a..b], &tail[b..]];
            let cells = parts.map(date_cell);
            if let Some((part, DateCell::Impossible(why))) = parts
                .iter()
                .zip(&cells)
                .find(|(_, c)| matches!(c, DateCell::Impossible(_)))
                && cells.iter().all(|c| !matches!(c, DateCell::NotADate))
            {
                impossible.get_or_insert_with(|| format!("`{part}` is not a date: {why}"));
                continue;
            }
            match cells {
                [
                    DateCell::Date(active),
                    deprecated @ (DateCell::Date(_) | DateCell::Dash),
                    sunset @ (DateCell::Date(_) | DateCell::Dash),
                ] => splits.push((active, deprecated.date(), sunset.date())),
                _ => continue,
            }
        }
    }
    if !splits.is_empty() {
        return Ok(splits);
    }
    Err(match impossible {
        Some(why) => (Stage::ImpossibleDate, why),
        None => (Stage::BadDates, not_three_dates(tail)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        text.parse().unwrap()
    }

    #[test]
    fn splits_a_run_together_row() {
        let cells = split_text_row(
            "aw-interaction-focus-v11.0.0deprecated26 March 20258 September 20258 December 2026",
        )
        .unwrap();
        assert_eq!(cells.name, "aw-interaction-focus-v1");
        assert_eq!(cells.schema_versions, [Version::new(1, 0, 0)]);
        assert_eq!(cells.status, Status::Deprecated);
        assert_eq!(cells.active, date("2025-03-26"));
        assert_eq!(cells.deprecated, Some(date("2025-09-08")));
        assert_eq!(cells.sunset, Some(date("2026-12-08")));
    }

    #[test]
    fn the_schema_major_decides_where_the_name_ends() {
        let cells = split_text_row("x-v1111.0.0active1 May 2025--").unwrap();
        assert_eq!(cells.name, "x-v11");
        assert_eq!(cells.schema_versions, [Version::new(11, 0, 0)]);
        let err = split_text_row("x-v111.0.0active1 May 2025--").unwrap_err();
        assert!(err.contains("major"), "{err}");
    }

    #[test]
    fn several_versions_and_dashes() {
        let cells =
            split_text_row("aw-interaction-wrap-up-codes-v11.0.0, 1.0.1active26 March 2025--")
                .unwrap();
        assert_eq!(
            cells.schema_versions,
            [Version::new(1, 0, 0), Version::new(1, 0, 1)]
        );
        assert_eq!((cells.deprecated, cells.sunset), (None, None));
    }

    #[test]
    fn a_row_that_does_not_split_says_why() {
        let cut = split_text_row("aw-interaction-focus-v11.0.0deprecated26 March 20258 Sept")
            .unwrap_err();
        assert!(
            cut.contains("`26 March 20258 Sept` is not an active date"),
            "{cut}"
        );
        let impossible =
            split_text_row("aw-chat-init-v11.0.0active31 February 2025--").unwrap_err();
        assert!(
            impossible.contains("`31 February 2025` is not a date"),
            "{impossible}"
        );
        let no_status = split_text_row("aw-chat-init-v11.0.0activ20 March 2025--").unwrap_err();
        assert!(no_status.contains("no status"), "{no_status}");
    }

    #[test]
    fn a_row_of_4000_characters_splits() {
        let versions: Vec<String> = (0..600).map(|minor| format!("1.{minor}.0")).collect();
        let row = format!(
            "aw-interaction-focus-v1{}deprecated26 March 20258 September 20258 December 2026",
            versions.join(", ")
        );
        assert!(row.len() > 4_000, "{}", row.len());
        let cells = split_text_row(&row).unwrap();
        assert_eq!(cells.name, "aw-interaction-focus-v1");
        assert_eq!(cells.schema_versions.len(), 600);
        assert_eq!(cells.sunset, Some(date("2026-12-08")));
    }

    #[test]
    fn long_hostile_rows_are_refused_with_a_reason() {
        // Rows of 40,000 characters on which every name end, status or date bound would be a
        // candidate: each is answered (the splitter is linear), with the reason it gives on a
        // short row of the same kind.
        let cases = [
            ("a-v1".repeat(10_000), "no status"),
            (format!("x-v1{}", "1".repeat(40_000)), "no status"),
            (
                format!("x-v11.0.0{}", "active".repeat(7_000)),
                "is not an active date",
            ),
            (
                format!("x-v11.0.0active{}", "1 May 2025".repeat(4_000)),
                "is not an active date",
            ),
            (
                format!("{}active1 May 2025--", "x-v1".repeat(10_000)),
                "is not a semantic version",
            ),
            (
                format!("x-v1{}active1 May 2025--", ", 1.0.0".repeat(6_000)),
                "is not a semantic version",
            ),
        ];
        for (row, reason) in cases {
            let err = split_text_row(&row).unwrap_err();
            assert!(
                err.contains(reason),
                "{reason}: {}",
                &err[..err.len().min(300)]
            );
            let short: String = row.chars().take(120).collect();
            let _ = split_text_row(&short);
        }
    }

    /// Rows of the published page, and mutations of them (characters dropped, doubled or
    /// swapped), split as the exhaustive splitter splits them, with the same reasons.
    #[test]
    fn the_linear_splitter_agrees_with_the_exhaustive_one() {
        let rows: Vec<&str> = include_str!("../../../tests/fixtures/pages/newer-page.txt")
            .lines()
            .filter(|l| l.contains("-v") && l.chars().any(|c| c.is_ascii_digit()))
            .collect();
        assert!(rows.len() > 30);
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let mut compared = 0;
        for row in &rows {
            let chars: Vec<char> = row.trim().chars().collect();
            let mut variants = vec![chars.clone()];
            for _ in 0..40 {
                let mut v = chars.clone();
                for _ in 0..=next(3) {
                    let i = next(v.len());
                    match next(4) {
                        0 => {
                            v.remove(i);
                        }
                        1 => {
                            let c = v[i];
                            v.insert(i, c);
                        }
                        2 => {
                            let j = next(v.len());
                            v.swap(i, j);
                        }
                        _ => v.insert(i, ['-', '1', '.', ',', ' ', 'v', 'a'][next(7)]),
                    }
                }
                variants.push(v);
            }
            for v in variants {
                let text: String = v.into_iter().collect();
                assert_eq!(
                    split_text_row(&text),
                    reference_split(&text),
                    "row `{text}`"
                );
                compared += 1;
            }
        }
        assert!(compared > 1_000);
    }

    /// The splitter as it was before it was made linear: every name end, every status, every
    /// pair of date bounds. The reference the linear one must agree with.
    fn reference_split(line: &str) -> Result<Cells, String> {
        let mut found: Vec<Cells> = Vec::new();
        let mut deepest = (Stage::NoName, String::new());
        let mut reached = |stage: Stage, why: String| {
            if stage > deepest.0 {
                deepest = (stage, why);
            }
        };
        for (end, _) in line.char_indices().skip(1) {
            let name = &line[..end];
            let Some((_, major)) = parse_event_name(name) else {
                continue;
            };
            let rest = &line[end..];
            reached(
                Stage::NoStatus,
                format!("no status (active, deprecated or sunset) after `{name}`"),
            );
            for (word, status) in STATUS_WORDS {
                for (at, _) in rest.match_indices(word) {
                    let versions = match versions_cell(&rest[..at], major) {
                        Ok(versions) => versions,
                        Err(why) => {
                            reached(Stage::BadVersions, format!("after `{name}`: {why}"));
                            continue;
                        }
                    };
                    let tail = &rest[at + word.len()..];
                    match dates_between(tail, |_, _, _| true) {
                        Ok(splits) => {
                            for (active, deprecated, sunset) in splits {
                                found.push(Cells {
                                    name: name.to_owned(),
                                    schema_versions: versions.clone(),
                                    status: *status,
                                    active,
                                    deprecated,
                                    sunset,
                                });
                            }
                        }
                        Err((stage, why)) => reached(stage, why),
                    }
                }
            }
        }
        settle(
            found,
            Progress {
                stage: deepest.0,
                why: deepest.1,
            },
        )
    }
}
