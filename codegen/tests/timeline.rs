//! The lifecycle timeline of `eventcat list --format svg`: the bundled catalog's, checked in as
//! `docs/timeline.svg`, and what every timeline draws, read back with an XML parser: a row per
//! event in its product's group, bars where the catalog's dates put them, the `--as-of` day
//! marked where it falls, and the dates out of order that `eventcat check` warns of.

use std::path::Path;

use eventcat_codegen::listing::timeline_svg;
use eventcat_codegen::model::Catalog;
use jiff::ToSpan;
use jiff::civil::{Date, date};

/// The day `docs/timeline.svg` is drawn for.
const DOCS_AS_OF: Date = date(2026, 11, 21);

const REFRESH: &str =
    "cargo run -p eventcat-codegen -- list --as-of 2026-11-21 --format svg > docs/timeline.svg";

/// The lints `eventcat check` gives for dates out of order.
const DATE_LINTS: [&str; 4] = [
    "deprecated-before-active",
    "sunset-before-deprecated",
    "sunset-before-active",
    "newer-active-before-older",
];

fn bundled() -> eventcat_codegen::Loaded {
    eventcat_codegen::load_bundled().expect("the bundled catalog loads")
}

/// A bar as drawn.
#[derive(Debug)]
struct Bar {
    event: String,
    status: String,
    from: Date,
    to: Date,
    x: f64,
    width: f64,
}

/// What a timeline draws, read back from its SVG text.
#[derive(Debug, Default)]
struct Drawn {
    /// Axis ticks: day and x.
    ticks: Vec<(Date, f64)>,
    bars: Vec<Bar>,
    /// The `--as-of` marker: day and x.
    as_of: Vec<(Date, f64)>,
    /// Markers of dates out of order: event, day and x.
    out_of_order: Vec<(String, Date, f64)>,
    /// Rows: product and event, top to bottom.
    rows: Vec<(String, String)>,
    /// The notes under the chart: event and text.
    notes: Vec<(String, String)>,
}

impl Drawn {
    /// The statuses of the bars of `event`, left to right.
    fn statuses(&self, event: &str) -> Vec<&str> {
        let bars = self.bars.iter().filter(|b| b.event == event);
        bars.map(|b| b.status.as_str()).collect()
    }
}

fn attr<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> &'a str {
    node.attribute(name)
        .unwrap_or_else(|| panic!("<{}> has no `{name}`", node.tag_name().name()))
}

fn number(node: roxmltree::Node<'_, '_>, name: &str) -> f64 {
    attr(node, name).parse().expect("a number")
}

fn day(node: roxmltree::Node<'_, '_>, name: &str) -> Date {
    attr(node, name).parse().expect("a date")
}

/// The `data-*` attribute `name` of the nearest ancestor that has it.
fn inherited<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> String {
    node.ancestors()
        .find_map(|n| n.attribute(name))
        .unwrap_or_else(|| panic!("no ancestor has `{name}`"))
        .to_owned()
}

fn drawn(svg: &str) -> Drawn {
    let document = roxmltree::Document::parse(svg).expect("the timeline is well-formed XML");
    let mut drawn = Drawn::default();
    for node in document.descendants().filter(|n| n.is_element()) {
        let class = node.attribute("class").unwrap_or_default();
        match class.split(' ').collect::<Vec<_>>().as_slice() {
            ["tick"] => drawn
                .ticks
                .push((day(node, "data-date"), number(node, "x1"))),
            ["as-of"] => drawn
                .as_of
                .push((day(node, "data-date"), number(node, "x1"))),
            ["out-of-order"] => drawn.out_of_order.push((
                inherited(node, "data-event"),
                day(node, "data-date"),
                number(node, "x1"),
            )),
            ["event"] => drawn.rows.push((
                inherited(node, "data-product"),
                attr(node, "data-event").to_owned(),
            )),
            ["note"] => drawn.notes.push((
                attr(node, "data-event").to_owned(),
                node.text().unwrap_or_default().to_owned(),
            )),
            ["bar", status] => drawn.bars.push(Bar {
                event: inherited(node, "data-event"),
                status: (*status).to_owned(),
                from: day(node, "data-from"),
                to: day(node, "data-to"),
                x: number(node, "x"),
                width: number(node, "width"),
            }),
            _ => {}
        }
    }
    drawn
}

/// The x the ticks put `day` at: the line through the first and the last tick.
fn x_of(ticks: &[(Date, f64)], day: Date) -> f64 {
    let (first, last) = (ticks[0], ticks[ticks.len() - 1]);
    let span = last.0.duration_since(first.0).as_secs_f64();
    first.1 + day.duration_since(first.0).as_secs_f64() / span * (last.1 - first.1)
}

#[track_caller]
fn assert_at(ticks: &[(Date, f64)], day: Date, x: f64, what: &str) {
    let expected = x_of(ticks, day);
    assert!(
        (x - expected).abs() < 0.15,
        "{what} on {day} at x={x}, not {expected}"
    );
}

/// The axis: at least two ticks, evenly placed by date, left to right.
fn check_axis(drawn: &Drawn) {
    assert!(drawn.ticks.len() >= 2, "{:?}", drawn.ticks);
    for pair in drawn.ticks.windows(2) {
        assert!(pair[0].0 < pair[1].0 && pair[0].1 < pair[1].1, "{pair:?}");
    }
    for &(day, x) in &drawn.ticks {
        assert_at(&drawn.ticks, day, x, "tick");
    }
}

/// Every event has one row in its product's group and bars at its dates, from its first date
/// to the end of the axis, each with the status the catalog gives its days.
fn check_bars(catalog: &Catalog, drawn: &Drawn) {
    let axis_end = drawn.ticks[drawn.ticks.len() - 1].0;
    let rows: Vec<(String, String)> = catalog
        .events
        .iter()
        .map(|e| (e.product.clone(), e.name.clone()))
        .collect();
    let mut grouped = rows.clone();
    grouped.sort_by_key(|(product, _)| rows.iter().position(|(p, _)| p == product));
    assert_eq!(drawn.rows, grouped, "a row per event, grouped by product");
    for event in &catalog.events {
        let life = event.lifecycle;
        let dates: Vec<Date> = [Some(life.active), life.deprecated, life.sunset]
            .into_iter()
            .flatten()
            .collect();
        let bars: Vec<&Bar> = drawn
            .bars
            .iter()
            .filter(|b| b.event == event.name)
            .collect();
        assert!(!bars.is_empty(), "`{}` has no bars", event.name);
        assert_eq!(bars[0].from, dates.iter().copied().min().expect("a date"));
        assert_eq!(
            bars[bars.len() - 1].to,
            axis_end,
            "`{}` ends early",
            event.name
        );
        for pair in bars.windows(2) {
            assert_eq!(pair[0].to, pair[1].from, "`{}`: a gap", event.name);
            assert_ne!(pair[0].status, pair[1].status, "`{}`: split", event.name);
        }
        for bar in &bars {
            assert!(
                dates.contains(&bar.from),
                "{bar:?} starts on no date of the event"
            );
            assert!(dates.contains(&bar.to) || bar.to == axis_end, "{bar:?}");
            let last_day = bar.to.checked_sub(1.day()).expect("a day before");
            assert_eq!(bar.status, life.status_on(bar.from).as_str(), "{bar:?}");
            assert_eq!(bar.status, life.status_on(last_day).as_str(), "{bar:?}");
            assert_at(&drawn.ticks, bar.from, bar.x, "bar start");
            assert_at(&drawn.ticks, bar.to, bar.x + bar.width, "bar end");
        }
    }
}

/// Every x the timeline gives a day, in the order of the days: never to the left of an
/// earlier day's.
fn check_monotone(drawn: &Drawn) {
    let mut placed: Vec<(Date, f64)> = drawn.ticks.clone();
    placed.extend(drawn.as_of.iter().copied());
    placed.extend(drawn.out_of_order.iter().map(|(_, day, x)| (*day, *x)));
    for bar in &drawn.bars {
        placed.extend([(bar.from, bar.x), (bar.to, bar.x + bar.width)]);
    }
    placed.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    for pair in placed.windows(2) {
        assert!(pair[0].1 <= pair[1].1 + 0.1, "{pair:?}");
    }
}

/// Draws `catalog` for `as_of` and checks everything drawn against it.
fn check_timeline(catalog: &Catalog, as_of: Date) -> Drawn {
    let drawn = drawn(&timeline_svg(catalog, as_of));
    check_axis(&drawn);
    check_bars(catalog, &drawn);
    check_monotone(&drawn);
    assert_eq!(drawn.as_of.len(), 1, "one as-of marker");
    assert_eq!(drawn.as_of[0].0, as_of);
    assert_at(&drawn.ticks, as_of, drawn.as_of[0].1, "the as-of marker");
    drawn
}

#[test]
fn the_checked_in_timeline_is_what_the_code_draws() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/timeline.svg");
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == timeline_svg(&bundled().catalog, DOCS_AS_OF),
        "docs/timeline.svg is not what `eventcat list --format svg` draws; refresh it with \
         `{REFRESH}`"
    );
}

#[test]
fn the_bundled_catalog_is_drawn_at_its_dates() {
    let catalog = bundled().catalog;
    for as_of in [DOCS_AS_OF, date(2025, 2, 1), date(2031, 6, 30)] {
        let drawn = check_timeline(&catalog, as_of);
        assert_eq!(drawn.rows.len(), 59);
        let mut days: Vec<(Date, f64)> = drawn.bars.iter().map(|b| (b.from, b.x)).collect();
        days.sort_by_key(|(day, _)| *day);
        for pair in days.windows(2) {
            let later = pair[0].0 < pair[1].0;
            assert!(
                !later || pair[0].1 < pair[1].1,
                "a later day, no further right: {pair:?}"
            );
        }
    }
}

#[test]
fn dates_out_of_order_are_marked_as_check_warns_of_them() {
    let loaded = bundled();
    let drawn = check_timeline(&loaded.catalog, DOCS_AS_OF);
    let warned: Vec<(String, String)> = loaded
        .report
        .diagnostics
        .iter()
        .filter(|d| DATE_LINTS.contains(&d.code))
        .map(|d| {
            let event = d.message.split('`').nth(1).expect("an event name");
            (event.to_owned(), d.message.replace('`', ""))
        })
        .collect();
    assert_eq!(warned.len(), 4);
    assert_eq!(drawn.notes, warned);
    let marked = |event: &str| -> Vec<Date> {
        let marks = drawn.out_of_order.iter().filter(|(e, ..)| e == event);
        marks.map(|(_, day, _)| *day).collect()
    };
    let v2 = ["2025-01-19", "2025-07-19", "2025-09-08"].map(|d| d.parse().expect("a date"));
    assert_eq!(marked("aw-interaction-focus-v2"), v2);
    assert_eq!(marked("aw-interaction-focus-v3"), [date(2025, 1, 19)]);
    assert_eq!(
        drawn.out_of_order.len(),
        4,
        "only those two events are marked"
    );
    assert_eq!(
        drawn.statuses("aw-interaction-focus-v2"),
        ["deprecated", "sunset"],
        "sunset before it is ever active"
    );
}

#[test]
fn an_odd_catalog_is_drawn_escaped_and_in_place() {
    let source = r#"
products:
  a-b: { title: "Fish & <Chips>" }
  z: { title: Zed }
events:
  - name: z-early-v1
    product: z
    direction: send
    status: sunset
    active_date: 0001-01-01
    deprecation_date: 0001-01-02
    sunset_date: 9999-11-30
    doc: Spans the whole calendar.
    schema_versions:
      - { version: 1.0.0, fields: {} }
      - { version: 1.0.1, fields: {} }
      - { version: 1.1.0, fields: {} }
      - { version: 1.2.0-rc.1, fields: {} }
  - name: a-b-same-day-v2
    product: a-b
    direction: received
    status: deprecated
    active_date: 2025-03-01
    deprecation_date: 2025-03-01
    sunset_date: 2025-03-01
    doc: Every date on one day.
    schema_versions:
      - { version: 2.0.0, fields: {} }
"#;
    let catalog = eventcat_codegen::load_str("odd.yaml", source)
        .expect("the catalog loads")
        .catalog;
    let svg = timeline_svg(&catalog, date(2025, 3, 1));
    assert!(svg.contains("Fish &amp; &lt;Chips&gt;"), "{svg}");
    assert!(svg.contains("1.0.0 … 1.2.0-rc.1 (4)"), "{svg}");
    let drawn = check_timeline(&catalog, date(2025, 3, 1));
    assert_eq!(drawn.statuses("a-b-same-day-v2"), ["sunset"]);
}
