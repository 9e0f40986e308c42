//! `eventcat diff`: the changes between two catalogs with both verdicts, and the Rust names, as
//! text or JSON, and the exit status.

use eventcat_codegen::LoadError;
use eventcat_codegen::diff::names::NameChanges;
use eventcat_codegen::diff::{Change, Diff, DiffReport, MAX_CHANGES, Role};
use eventcat_codegen::model::direction_word;

use super::{Rendered, ReportFormat};

/// Exit status when the diff breaks partners (see [`DiffReport::breaking`]).
pub const EXIT_BREAKING: u8 = 2;
/// Exit status when a catalog does not load or cannot be planned.
pub const EXIT_TROUBLE: u8 = 1;

/// What `eventcat diff` prints for `result`, and its exit status: 0 when nothing breaks
/// partners, [`EXIT_BREAKING`] when something does, [`EXIT_TROUBLE`] when a catalog does not
/// load.
pub fn render(
    result: &Result<DiffReport, LoadError>,
    format: ReportFormat,
    color: bool,
) -> Rendered {
    let error = |err: &LoadError| super::load_error(err, color);
    Rendered::of(result, EXIT_TROUBLE, error, |report| {
        let stdout = match format {
            ReportFormat::Json => format!("{:#}\n", report.to_json()),
            ReportFormat::Text => text(report),
        };
        let code = if report.breaking() { EXIT_BREAKING } else { 0 };
        Rendered::stdout(stdout, code)
    })
}

/// The diff as text: per event a heading, then each change with both verdicts; the changes
/// not listed; the Rust names; a summary.
pub fn text(report: &DiffReport) -> String {
    let diff = &report.diff;
    let mut out = changes_text(&diff.changes);
    out.push_str(&omitted_text(diff, report.strict));
    out.push_str(&names_text(&diff.names));
    out.push_str(&summary(report));
    out
}

/// Each change under the heading of its event.
fn changes_text(changes: &[Change]) -> String {
    let mut out = String::new();
    let mut current: Option<&str> = None;
    for change in changes {
        if current != Some(change.event.as_str()) {
            current = Some(&change.event);
            out.push_str(&format!(
                "{} ({}; the partner is the {})\n",
                change.event,
                direction_word(change.direction),
                change.partner_role().as_str()
            ));
        }
        out.push_str(&change_text(change));
    }
    out
}

/// `  1.0.1 `queue.id`: field added (required)`, then the verdict of each role.
fn change_text(change: &Change) -> String {
    let what = match (&change.version, &change.path) {
        (Some(version), Some(path)) => format!("{version} `{path}`: {}", change.kind),
        (Some(version), None) => format!("{version}: {}", change.kind),
        _ => change.kind.to_string(),
    };
    let mut out = format!("  {what}\n");
    for role in [Role::Receiver, Role::Sender] {
        let verdict = change.verdict(role);
        let who = if role == change.partner_role() {
            "partner"
        } else {
            "host"
        };
        let word = if verdict.breaking {
            "BREAKING"
        } else {
            "compatible"
        };
        out.push_str(&format!(
            "    {} ({who}): {word}: {}\n",
            role.as_str(),
            verdict.reason
        ));
    }
    out
}

/// The line counting the changes not listed, when there are any.
fn omitted_text(diff: &Diff, strict: bool) -> String {
    let omitted = diff.omitted_count();
    if omitted == 0 {
        return String::new();
    }
    let breaking = if diff.omitted_breaking(strict) {
        "; some of them are BREAKING"
    } else {
        ""
    };
    format!(
        "... and {omitted} more changes at further paths of shared types, not listed (a diff \
         lists at most {MAX_CHANGES}){breaking}\n"
    )
}

/// The Rust names section: a heading with the counts, the verdict for partner code, then each
/// name added, removed or changed. Empty when no name changed.
fn names_text(names: &NameChanges) -> String {
    if names.is_empty() {
        return String::new();
    }
    let mut out = format!("Rust names: {}\n", name_counts(names));
    if names.breaking() {
        out.push_str(
            "  partner code: BREAKING: code naming a removed name, or using a changed one as it \
             was, stops compiling once regenerated\n",
        );
    } else {
        out.push_str(
            "  partner code: compatible: every name of the old catalog keeps its meaning\n",
        );
    }
    for named in &names.added {
        out.push_str(&format!("  added `{}`: {}\n", named.name, named.meaning));
    }
    for named in &names.removed {
        out.push_str(&format!("  removed `{}`: {}\n", named.name, named.meaning));
    }
    for changed in &names.changed {
        out.push_str(&format!(
            "  changed `{}`: {} -> {}\n",
            changed.name, changed.old, changed.new
        ));
    }
    out
}

/// `3 added, 1 removed, 0 changed`.
fn name_counts(names: &NameChanges) -> String {
    format!(
        "{} added, {} removed, {} changed",
        names.added.len(),
        names.removed.len(),
        names.changed.len()
    )
}

/// The last line: how many changes, how many break, the Rust names, the exit status.
fn summary(report: &DiffReport) -> String {
    let diff = &report.diff;
    let names = if diff.names.is_empty() {
        String::new()
    } else {
        format!("; Rust names: {}", name_counts(&diff.names))
    };
    let exit = if report.breaking() {
        format!(" (exit {EXIT_BREAKING})")
    } else {
        String::new()
    };
    format!(
        "{} -> {}: {} changes in {} events; breaking: {} for partners, {} for either role\
         {names}{exit}\n",
        report.old_name,
        report.new_name,
        diff.changes.len(),
        diff.changed_events(),
        diff.breaking_for_partners(),
        diff.breaking_for_a_role(),
    )
}

#[cfg(test)]
mod tests {
    use eventcat_codegen::diff::names::{NameChanges, Repointed};
    use eventcat_codegen::diff::{Diff, DiffReport, Omitted};
    use eventcat_codegen::model::Direction;

    use super::text;

    fn report(diff: Diff, strict: bool) -> DiffReport {
        DiffReport {
            old_name: "old".to_owned(),
            new_name: "new".to_owned(),
            diff,
            strict,
        }
    }

    #[test]
    fn changes_past_the_limit_are_counted_in_a_line_that_says_whether_they_break() {
        // A send event: the partner is the sender, so a break of receivers counts only with
        // --strict.
        let diff = Diff {
            changes: Vec::new(),
            omitted: vec![Omitted {
                event: "x-v1".to_owned(),
                direction: Direction::Send,
                version: semver::Version::new(1, 0, 0),
                count: 7,
                breaks_receiver: true,
                breaks_sender: false,
            }],
            names: NameChanges::default(),
        };
        let line = "... and 7 more changes at further paths of shared types, not listed (a diff \
                    lists at most 100000)";
        let last = "old -> new: 0 changes in 0 events; breaking: 0 for partners, 0 for either role";
        assert_eq!(
            text(&report(diff.clone(), false)),
            format!("{line}\n{last}\n")
        );
        assert_eq!(
            text(&report(diff, true)),
            format!("{line}; some of them are BREAKING\n{last} (exit 2)\n")
        );
    }

    #[test]
    fn changed_rust_names_have_a_section_and_a_place_in_the_last_line() {
        let names = NameChanges {
            changed: vec![Repointed {
                name: "XV1Status".to_owned(),
                old: "string enum for the `status` part of `XV1`".to_owned(),
                new: "struct for the `status` part of `XV1`".to_owned(),
            }],
            ..NameChanges::default()
        };
        let diff = Diff {
            changes: Vec::new(),
            omitted: Vec::new(),
            names,
        };
        assert_eq!(
            text(&report(diff, false)),
            "Rust names: 0 added, 0 removed, 1 changed\n  partner code: BREAKING: code naming a \
             removed name, or using a changed one as it was, stops compiling once regenerated\n  \
             changed `XV1Status`: string enum for the `status` part of `XV1` -> struct for the \
             `status` part of `XV1`\nold -> new: 0 changes in 0 events; breaking: 0 for \
             partners, 0 for either role; Rust names: 0 added, 0 removed, 1 changed (exit 2)\n"
        );
    }
}
