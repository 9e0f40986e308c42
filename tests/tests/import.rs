//! `eventcat import`: reading both forms of the published events page, comparing it with a
//! catalog, and writing its lifecycle values into catalog text.

use eventcat_codegen::import::{self, Difference, WriteError};
use eventcat_codegen::page::{self, Page, PageForm, ProductSource};
use eventcat_codegen::{BUNDLED_CATALOG, Catalog};

/// The newer page as text copied from the rendered site: cells run together.
const NEWER_PAGE: &str = include_str!("../fixtures/pages/newer-page.txt");
/// The older page's markdown source: one flat Received table and one Send table.
const OLDER_PAGE: &str = include_str!("../fixtures/pages/older-page.md");

fn parse(text: &str) -> Page {
    match page::parse(text) {
        Ok(page) => page,
        Err(errors) => panic!("the page must parse:\n{errors}"),
    }
}

fn bundled() -> Catalog {
    match eventcat_codegen::load_bundled() {
        Ok(loaded) => loaded.catalog,
        Err(err) => panic!("the bundled catalog must load:\n{err}"),
    }
}

fn rows(page: &Page) -> Vec<String> {
    page.rows.iter().map(ToString::to_string).collect()
}

fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::to_owned).collect()
}

/// The page text with line `line` (1-based) replaced.
fn with_line(text: &str, line: usize, replacement: &str) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    lines[line - 1] = replacement;
    lines.join("\n") + "\n"
}

fn errors(text: &str) -> Vec<String> {
    match page::parse(text) {
        Ok(page) => panic!("the page must be refused; it gave {} rows", page.rows.len()),
        Err(errors) => errors.0.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn the_newer_page_yields_every_row_with_its_section() {
    let page = parse(NEWER_PAGE);
    assert_eq!(page.form, PageForm::Text);
    assert_eq!(
        rows(&page),
        lines(
            "\
line 8: global/received global-user-details-v1 [1.0.0] active 2025-03-26 - -
line 15: agent-workspace/received aw-chat-init-v1 [1.0.0] active 2025-03-20 - -
line 16: agent-workspace/received aw-chat-message-sent-v1 [1.0.0] active 2025-03-20 - -
line 17: agent-workspace/received aw-close-agent-assist-v1 [1.0.0] active 2025-03-26 - -
line 18: agent-workspace/received aw-interaction-ended-v1 [1.0.0] active 2026-03-16 - -
line 19: agent-workspace/received aw-interaction-focus-v1 [1.0.0] deprecated 2025-03-26 2025-09-08 2026-12-08
line 20: agent-workspace/received aw-interaction-focus-v2 [2.0.0] deprecated 2025-09-08 2025-01-19 2025-07-19
line 21: agent-workspace/received aw-interaction-focus-v3 [3.0.0] active 2025-01-19 - -
line 22: agent-workspace/received aw-interaction-hold-v1 [1.0.0] active 2025-03-26 - -
line 23: agent-workspace/received aw-interaction-mute-v1 [1.0.0] active 2025-03-26 - -
line 24: agent-workspace/received aw-interaction-resume-v1 [1.0.0] active 2025-03-26 - -
line 25: agent-workspace/received aw-interaction-started-v1 [1.0.0] active 2026-03-16 - -
line 26: agent-workspace/received aw-interaction-unmute-v1 [1.0.0] active 2025-03-26 - -
line 27: agent-workspace/received aw-interaction-wrap-up-codes-v1 [1.0.0, 1.0.1] active 2025-03-26 - -
line 32: agent-workspace/send aw-chat-message-received-v1 [1.0.0] active 2025-09-08 - -
line 33: agent-workspace/send aw-interaction-wrap-up-codes-received-v1 [1.0.0] active 2025-10-30 - -
line 40: call-manager/received call-manager-call-autoanswer-first-connect-v1 [1.0.0] active 2026-02-12 - -
line 41: call-manager/received call-manager-call-caller-number-change-v1 [1.0.0] active 2026-02-12 - -
line 42: call-manager/received call-manager-call-conference-drop-v1 [1.0.0] active 2026-02-12 - -
line 43: call-manager/received call-manager-call-conference-start-v1 [1.0.0] active 2026-02-12 - -
line 44: call-manager/received call-manager-call-connect-v1 [1.0.0] active 2026-02-12 - -
line 45: call-manager/received call-manager-call-disconnected-v1 [1.0.0] active 2026-02-12 - -
line 46: call-manager/received call-manager-call-failed-v1 [1.0.0] active 2026-02-12 - -
line 47: call-manager/received call-manager-call-hold-v1 [1.0.0] active 2026-02-12 - -
line 48: call-manager/received call-manager-call-inbound-first-connect-v1 [1.0.0] active 2026-02-12 - -
line 49: call-manager/received call-manager-call-incoming-first-v1 [1.0.0] active 2026-02-12 - -
line 50: call-manager/received call-manager-call-incoming-v1 [1.0.0] active 2026-02-12 - -
line 51: call-manager/received call-manager-call-outbound-first-connect-v1 [1.0.0] active 2026-02-12 - -
line 52: call-manager/received call-manager-call-outgoing-v1 [1.0.0] active 2026-02-12 - -
line 53: call-manager/received call-manager-call-record-end-v1 [1.0.0] active 2026-02-12 - -
line 54: call-manager/received call-manager-call-record-failed-v1 [1.0.0] active 2026-02-12 - -
line 55: call-manager/received call-manager-call-record-start-v1 [1.0.0] active 2026-02-12 - -
line 56: call-manager/received call-manager-call-transfer-blind-success-v1 [1.0.0] active 2026-02-12 - -
line 57: call-manager/received call-manager-call-transfer-failed-v1 [1.0.0] active 2026-02-12 - -
line 58: call-manager/received call-manager-call-transfer-success-v1 [1.0.0] active 2026-02-12 - -
line 59: call-manager/received call-manager-call-transfer-voicemail-success-v1 [1.0.0] active 2026-02-12 - -
line 60: call-manager/received call-manager-mute-disabled-v1 [1.0.0] active 2026-02-12 - -
line 61: call-manager/received call-manager-mute-enabled-v1 [1.0.0] active 2026-02-12 - -"
        )
    );
    assert!(
        page.rows
            .iter()
            .all(|r| r.product_source == ProductSource::Section)
    );
    let sections: Vec<String> = page
        .sections
        .iter()
        .map(|s| {
            format!(
                "line {}: {} -> {} ({} rows)",
                s.line, s.heading, s.product, s.rows
            )
        })
        .collect();
    assert_eq!(
        sections,
        [
            "line 3: Global -> global (1 rows)",
            "line 10: Agent Workspace -> agent-workspace (15 rows)",
            "line 35: Call Manager -> call-manager (22 rows)",
            "line 63: Maestro SDK Events -> maestro (0 rows)",
        ]
    );
    assert_eq!(page.products_listed_elsewhere(), ["maestro"]);
}

#[test]
fn the_older_page_yields_every_row_with_its_product_from_the_name() {
    let page = parse(OLDER_PAGE);
    assert_eq!(page.form, PageForm::Markdown);
    assert!(page.sections.is_empty());
    assert!(
        page.rows
            .iter()
            .all(|r| r.product_source == ProductSource::NamePrefix)
    );
    let mashell = |line: usize, name: &str| {
        format!("line {line}: maestro/received {name} [1.0.0] active 2025-05-06 - -")
    };
    let mut expected = lines(
        "\
line 7: global/received global-user-details-v1 [1.0.0] active 2025-03-26 - -
line 8: agent-workspace/received aw-interaction-mute-v1 [1.0.0] active 2025-03-26 - -
line 9: agent-workspace/received aw-interaction-unmute-v1 [1.0.0] active 2025-03-26 - -
line 10: agent-workspace/received aw-interaction-hold-v1 [1.0.0] active 2025-03-26 - -
line 11: agent-workspace/received aw-close-agent-assist-v1 [1.0.0] active 2025-03-26 - -
line 12: agent-workspace/received aw-interaction-focus-v1 [1.0.0] active 2025-03-26 2025-09-08 2026-12-08
line 13: agent-workspace/received aw-interaction-focus-v2 [2.0.0] active 2025-09-08 - -
line 14: agent-workspace/received aw-interaction-resume-v1 [1.0.0] active 2025-03-26 - -
line 15: agent-workspace/received aw-interaction-wrap-up-codes-v1 [1.0.0] active 2025-03-26 - -
line 16: agent-workspace/received aw-chat-init-v1 [1.0.0] active 2025-03-20 - -
line 17: agent-workspace/received aw-chat-message-sent-v1 [1.0.0] active 2025-03-20 - -",
    );
    let maestro = [
        "mashell-chat-nextgen-offered-cc-event-v1",
        "mashell-chat-nextgen-accepted-cc-event-v1",
        "mashell-chat-nextgen-completed-cc-event-v1",
        "mashell-chat-nextgen-terminated-cc-event-v1",
        "mashell-chat-offered-cc-event-v1",
        "mashell-chat-accepted-cc-event-v1",
        "mashell-chat-completed-cc-event-v1",
        "mashell-chat-terminated-cc-event-v1",
        "mashell-email-accepted-cc-event-v1",
        "mashell-email-terminated-cc-event-v1",
        "mashell-voice-phone-offered-cc-event-v1",
        "mashell-voice-phone-accepted-cc-event-v1",
        "mashell-voice-phone-completed-cc-event-v1",
        "mashell-voice-phone-terminated-cc-event-v1",
        "mashell-voice-phone-offered-uc-event-v1",
        "mashell-voice-phone-accepted-uc-event-v1",
        "mashell-voice-phone-terminated-uc-event-v1",
        "mashell-voicemail-offered-cc-event-v1",
        "mashell-voicemail-accepted-cc-event-v1",
        "mashell-voicemail-completed-cc-event-v1",
        "mashell-voicemail-terminated-cc-event-v1",
    ];
    expected.extend(
        maestro
            .iter()
            .enumerate()
            .map(|(i, name)| mashell(18 + i, name)),
    );
    expected.extend(lines(
        "\
line 44: agent-workspace/send aw-chat-message-received-v1 [1.0.0] active 2025-09-08 - -
line 45: agent-workspace/send aw-interaction-wrap-up-codes-received-v1 [1.0.0] active 2025-10-30 - -",
    ));
    assert_eq!(rows(&page), expected);
}

#[test]
fn a_cut_text_row_fails_with_its_line() {
    let page = with_line(
        NEWER_PAGE,
        19,
        "aw-interaction-focus-v11.0.0deprecated26 March 20258 Septem",
    );
    assert_eq!(
        errors(&page),
        [
            "line 19: cannot split the row into name, schema versions, status and three dates: \
             `26 March 20258 Septem` is not an active date followed by a deprecation and a \
             sunset date, each like `8 September 2025` or `-`"
        ]
    );
}

#[test]
fn an_impossible_date_in_a_text_row_fails_with_its_line() {
    let page = with_line(
        NEWER_PAGE,
        44,
        "call-manager-call-connect-v11.0.0active30 February 2026--",
    );
    let errors = errors(&page);
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].starts_with("line 44: cannot split the row")
            && errors[0].contains("`30 February 2026` is not a date"),
        "{}",
        errors[0]
    );
}

#[test]
fn a_text_row_whose_versions_do_not_match_its_name_fails() {
    let page = with_line(
        NEWER_PAGE,
        21,
        "aw-interaction-focus-v32.0.0active19 January 2025--",
    );
    assert_eq!(
        errors(&page),
        [
            "line 21: cannot split the row into name, schema versions, status and three dates: \
             after `aw-interaction-focus-v3`: schema version 2.0.0 has major 2, but the name \
             ends in -v3"
        ]
    );
}

#[test]
fn every_bad_row_is_reported() {
    let page = with_line(NEWER_PAGE, 8, "global-user-details-v11.0.0");
    let page = with_line(&page, 33, "not an event row");
    let errors = errors(&page);
    let lines: Vec<&str> = errors
        .iter()
        .map(|e| e.split(':').next().unwrap_or(""))
        .collect();
    assert_eq!(lines, ["line 8", "line 33"]);
}

#[test]
fn a_cut_markdown_row_fails_with_its_line() {
    let page = with_line(OLDER_PAGE, 12, "| aw-interaction-focus-v1 | 1.0.0 | act");
    assert_eq!(
        errors(&page),
        [
            "line 12: `aw-interaction-focus-v1`: status `act` is not one of active, deprecated, sunset"
        ]
    );
}

#[test]
fn an_impossible_date_in_a_markdown_row_fails_with_its_line() {
    let page = with_line(
        OLDER_PAGE,
        13,
        "| aw-interaction-focus-v2 | 2.0.0 | active | 31 September 2025 | - | - |",
    );
    let errors = errors(&page);
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].starts_with(
            "line 13: `aw-interaction-focus-v2`: active date `31 September 2025` is not a date:"
        ),
        "{}",
        errors[0]
    );
}

#[test]
fn a_markdown_row_with_an_unknown_status_fails() {
    let page = with_line(
        OLDER_PAGE,
        16,
        "| aw-chat-init-v1 | 1.0.0 | retired | 20 March 2025 | - | - |",
    );
    assert_eq!(
        errors(&page),
        ["line 16: `aw-chat-init-v1`: status `retired` is not one of active, deprecated, sunset"]
    );
}

#[test]
fn a_flat_row_with_an_unknown_prefix_fails() {
    let page = with_line(
        OLDER_PAGE,
        16,
        "| zz-chat-init-v1 | 1.0.0 | active | 20 March 2025 | - | - |",
    );
    assert_eq!(
        errors(&page),
        [
            "line 16: `zz-chat-init-v1` stands under no product heading and its name has no known \
          product prefix (global-, aw-, call-manager-, mashell-)"
        ]
    );
}

#[test]
fn a_table_needs_a_direction_heading() {
    let page = "Global\n\nevent nameschema versionsstatusactive datedeprecation datesunset date\n\
                global-user-details-v11.0.0active26 March 2025--\n";
    assert_eq!(
        errors(page),
        [
            "line 3: this events table stands under no `Received` or `Send` heading, so its \
          direction is unknown"
        ]
    );
}

#[test]
fn an_event_listed_twice_fails() {
    let page = with_line(NEWER_PAGE, 16, "aw-chat-init-v11.0.0active20 March 2025--");
    assert_eq!(
        errors(&page),
        ["line 16: `aw-chat-init-v1` is listed twice (first on line 15)"]
    );
}

#[test]
fn the_newer_page_agrees_with_the_bundled_catalog() {
    let comparison = import::compare(&parse(NEWER_PAGE), &bundled());
    let differences: Vec<String> = comparison
        .differences
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(differences, Vec::<String>::new());
    assert_eq!(comparison.agreeing, 38);
    // The newer page lists the Maestro SDK events on another page.
    assert_eq!(comparison.listed_elsewhere.len(), 21);
    assert!(
        comparison
            .listed_elsewhere
            .iter()
            .all(|name| name.starts_with("mashell-"))
    );
}

#[test]
fn the_older_page_differs_from_the_bundled_catalog_where_the_page_changed() {
    let comparison = import::compare(&parse(OLDER_PAGE), &bundled());
    let differences: Vec<String> = comparison
        .differences
        .iter()
        .map(ToString::to_string)
        .collect();
    let mut expected = lines(
        "\
line 12: aw-interaction-focus-v1: status: page active, catalog deprecated
line 13: aw-interaction-focus-v2: status: page active, catalog deprecated
line 13: aw-interaction-focus-v2: deprecation date: page -, catalog 2025-01-19
line 13: aw-interaction-focus-v2: sunset date: page -, catalog 2025-07-19
line 15: aw-interaction-wrap-up-codes-v1: schema version 1.0.1: in the catalog, not on the page
aw-interaction-ended-v1: in the catalog, not on the page
aw-interaction-focus-v3: in the catalog, not on the page
aw-interaction-started-v1: in the catalog, not on the page",
    );
    let call_manager = bundled()
        .events
        .iter()
        .filter(|e| e.product == "call-manager")
        .map(|e| format!("{}: in the catalog, not on the page", e.name))
        .collect::<Vec<_>>();
    assert_eq!(call_manager.len(), 22);
    expected.extend(call_manager);
    assert_eq!(differences, expected);
    assert_eq!(comparison.agreeing, 31);
    assert!(comparison.listed_elsewhere.is_empty());
}

/// The lines removed from `before` (`-`) and added in `after` (`+`), by longest common
/// subsequence, in order.
fn changed_lines(before: &str, after: &str) -> Vec<String> {
    let (a, b): (Vec<&str>, Vec<&str>) = (before.lines().collect(), after.lines().collect());
    // common[i][j]: length of the longest common subsequence of a[i..] and b[j..].
    let mut common = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            common[i][j] = if a[i] == b[j] {
                common[i + 1][j + 1] + 1
            } else {
                common[i + 1][j].max(common[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            (i, j) = (i + 1, j + 1);
        } else if i < a.len() && (j == b.len() || common[i + 1][j] >= common[i][j + 1]) {
            out.push(format!("-{}", a[i]));
            i += 1;
        } else {
            out.push(format!("+{}", b[j]));
            j += 1;
        }
    }
    out
}

#[test]
fn writing_the_older_page_changes_only_lifecycle_values_and_the_newer_page_restores_them() {
    let older = parse(OLDER_PAGE);
    let written = match import::write("catalog.yaml", BUNDLED_CATALOG, &older) {
        Ok(written) => written,
        Err(err) => panic!("{err}"),
    };
    // Only the lifecycle lines of focus v1 and v2 change; comments, order and payloads stay.
    assert_eq!(
        changed_lines(BUNDLED_CATALOG, &written.text),
        [
            "-    status: deprecated",
            "+    status: active",
            "-    status: deprecated",
            "+    status: active",
            "-    deprecation_date: 2025-01-19",
            "-    sunset_date: 2025-07-19",
        ]
    );
    let applied: Vec<String> = written.applied.iter().map(ToString::to_string).collect();
    assert_eq!(
        applied,
        [
            "line 12: aw-interaction-focus-v1: status: page active, catalog deprecated",
            "line 13: aw-interaction-focus-v2: status: page active, catalog deprecated",
            "line 13: aw-interaction-focus-v2: deprecation date: page -, catalog 2025-01-19",
            "line 13: aw-interaction-focus-v2: sunset date: page -, catalog 2025-07-19",
        ]
    );
    // What the page lacks is not deleted: it is left for a person.
    assert_eq!(written.left.len(), 26);
    assert!(written.left.iter().all(|d| matches!(
        d.kind,
        import::DifferenceKind::MissingFromPage | import::DifferenceKind::VersionMissingFromPage(_)
    )));

    // Writing the newer page back gives the bundled catalog, byte for byte.
    let restored = match import::write("catalog.yaml", &written.text, &parse(NEWER_PAGE)) {
        Ok(restored) => restored,
        Err(err) => panic!("{err}"),
    };
    assert_eq!(restored.text, BUNDLED_CATALOG);
    assert_eq!(restored.left, Vec::<Difference>::new());
}

const SMALL_CATALOG: &str = "\
products:
  agent-workspace: { title: Agent Workspace }
  call-manager: { title: Call Manager }

events:
  # The page is the source of these dates.
  - name: aw-interaction-focus-v2
    product: agent-workspace
    direction: received
    status: active
    active_date: 2025-09-08
    doc: Focus moved.
    schema_versions:
      - version: 2.0.0
        fields:
          interactionId: { type: string, doc: Kept as it is. }
  - name: aw-interaction-wrap-up-codes-v1
    product: agent-workspace
    direction: received
    status: active
    active_date: 2025-03-01
    deprecation_date: 2025-04-01
    doc: Wrap-up codes.
    schema_versions:
      - version: 1.0.1
        fields:
          codes: { array: string }
";

const SMALL_PAGE: &str = "\
Agent Workspace

Received

event nameschema versionsstatusactive datedeprecation datesunset date
aw-interaction-focus-v22.0.0deprecated8 September 202519 January 202519 July 2025
aw-interaction-wrap-up-codes-v11.0.0, 1.0.1active26 March 2025--

Call Manager

Received

event nameschema versionsstatusactive datedeprecation datesunset date
call-manager-call-connect-v11.0.0active12 February 2026--
";

#[test]
fn writing_inserts_dates_versions_and_stub_events_in_place() {
    let written = match import::write("small.yaml", SMALL_CATALOG, &parse(SMALL_PAGE)) {
        Ok(written) => written,
        Err(err) => panic!("{err}"),
    };
    assert_eq!(
        changed_lines(SMALL_CATALOG, &written.text),
        lines(
            "\
-    status: active
+    status: deprecated
+    deprecation_date: 2025-01-19
+    sunset_date: 2025-07-19
-    active_date: 2025-03-01
-    deprecation_date: 2025-04-01
+    active_date: 2025-03-26
+      # stub: payload facts not yet gathered
+      - version: 1.0.0
+        fields: {}
+
+  # stub: payload facts not yet gathered
+  - name: call-manager-call-connect-v1
+    product: call-manager
+    direction: received
+    status: active
+    active_date: 2026-02-12
+    doc: Listed on the events page; payload facts not yet gathered.
+    schema_versions:
+      - version: 1.0.0
+        fields: {}"
        )
    );
    assert_eq!(written.left, Vec::<Difference>::new());
    assert_eq!(written.applied.len(), 7);
    // The result loads, and agrees with the page.
    let reloaded = match eventcat_codegen::load_str("small.yaml", &written.text) {
        Ok(loaded) => loaded.catalog,
        Err(err) => panic!("{err}"),
    };
    let comparison = import::compare(&parse(SMALL_PAGE), &reloaded);
    assert!(comparison.differences.is_empty());
}

#[test]
fn writing_refuses_a_result_that_would_not_load() {
    // The page's Call Manager event needs a product the catalog does not declare.
    let catalog = SMALL_CATALOG.replace("  call-manager: { title: Call Manager }\n", "");
    match import::write("small.yaml", &catalog, &parse(SMALL_PAGE)) {
        Err(WriteError::Broken(report)) => {
            let codes: Vec<&str> = report.errors().map(|d| d.code).collect();
            assert_eq!(codes, ["unknown-product"]);
        }
        Err(err) => panic!("expected a broken result, got {err}"),
        Ok(_) => panic!("expected a broken result"),
    }
}
