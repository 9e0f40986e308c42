//! The lifecycle timeline printed by `eventcat list --format svg`: one row per event, grouped by
//! product, with its active, deprecated and sunset spans on a date axis, the `--as-of` day
//! marked, and the dates published out of order drawn in red and listed under the chart.
//!
//! The text depends on the catalog and the day only: no clock, no randomness, every number
//! written with one decimal. Elements carry their dates (`data-date`, `data-from`, `data-to`)
//! so that tests can check where they are drawn.

use std::fmt::{self, Write};

use jiff::civil::Date;

use crate::model::{Catalog, DatedStatus, Event, Lifecycle};

/// Width of the image, in pixels, when the labels leave the chart at least [`MIN_CHART`].
const WIDTH: f64 = 960.0;
/// The narrowest the chart gets; longer labels widen the image instead.
const MIN_CHART: f64 = 320.0;
/// Space around everything.
const MARGIN: f64 = 16.0;
/// Advance of one character of the 11 px monospace font of the event names.
const CHAR: f64 = 6.6;
/// Advance of one character of the 10 px monospace font of the schema versions.
const SMALL_CHAR: f64 = 6.0;
/// Room for the marker before an event name.
const MARK: f64 = 14.0;
/// The first row starts here, below the title, the legend and the axis labels.
const CHART_TOP: f64 = 96.0;
/// Height of a product heading.
const GROUP_H: f64 = 24.0;
/// Height of an event row; its bars are [`BAR_H`] high.
const ROW_H: f64 = 16.0;
const BAR_H: f64 = 10.0;
/// Height of a line of the notes under the chart.
const NOTE_H: f64 = 16.0;
/// Fewest pixels between two axis labels (a year or a month's abbreviation).
const TICK_GAP: f64 = 40.0;
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
/// Months between axis ticks: the smallest that keeps labels [`TICK_GAP`] apart is used. The
/// largest fits the whole calendar jiff knows (years 0 to 9999) in [`MIN_CHART`].
const TICK_STEPS: [i32; 15] = [
    1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200, 2400, 6000, 12000, 24000,
];

const GREEN: &str = "#3a9d5d";
const AMBER: &str = "#e8a33d";
const RED: &str = "#c62828";
const BLUE: &str = "#1565c0";
const GRID: &str = "#dddddd";
const MUTED: &str = "#666666";

/// The timeline of every event of `catalog` as an SVG document, with `as_of` marked.
pub fn timeline_svg(catalog: &Catalog, as_of: Date) -> String {
    let layout = Layout::new(catalog, as_of);
    let mut out = String::new();
    // Writing to a `String` cannot fail.
    let _ = layout.write(&mut out);
    out
}

/// Where everything goes.
struct Layout<'a> {
    catalog: &'a Catalog,
    as_of: Date,
    /// Products in the order their first event appears, each with its events in catalog order.
    groups: Vec<(&'a str, Vec<&'a Event>)>,
    problems: Vec<Problem<'a>>,
    axis: Axis,
    width: f64,
    height: f64,
    /// The right edge of the schema versions column.
    versions_x: f64,
}

impl<'a> Layout<'a> {
    fn new(catalog: &'a Catalog, as_of: Date) -> Self {
        let mut groups: Vec<(&str, Vec<&Event>)> = Vec::new();
        for event in &catalog.events {
            match groups.iter_mut().find(|(id, _)| *id == event.product) {
                Some((_, events)) => events.push(event),
                None => groups.push((&event.product, vec![event])),
            }
        }
        let longest = |text: fn(&Event) -> String| {
            let chars = catalog.events.iter().map(|e| text(e).chars().count());
            chars.max().unwrap_or(0) as f64
        };
        let names = MARGIN + MARK + longest(|e| e.name.clone()) * CHAR;
        let versions_x = names + 12.0 + longest(versions_label) * SMALL_CHAR;
        let chart_x = versions_x + 12.0;
        let width = WIDTH.max(chart_x + MIN_CHART + MARGIN);
        let problems = problems(catalog);
        let bottom = rows_bottom(groups.len(), catalog.events.len());
        let height = bottom + 28.0 + (problems.len() + 1) as f64 * NOTE_H + MARGIN;
        let axis = Axis::new(catalog, as_of, chart_x, width - MARGIN - chart_x);
        Layout {
            catalog,
            as_of,
            groups,
            problems,
            axis,
            width,
            height,
            versions_x,
        }
    }

    fn rows_bottom(&self) -> f64 {
        rows_bottom(self.groups.len(), self.catalog.events.len())
    }

    fn write(&self, out: &mut String) -> fmt::Result {
        let (width, height) = (num(self.width), num(self.height));
        writeln!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
             viewBox=\"0 0 {width} {height}\" font-family=\"DejaVu Sans Mono, Menlo, Consolas, \
             monospace\" font-size=\"11\" data-as-of=\"{}\">",
            self.as_of
        )?;
        writeln!(out, "<title>Event lifecycles as of {}</title>", self.as_of)?;
        writeln!(
            out,
            "<defs><pattern id=\"sunset\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" \
             patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#e4e4e4\"/>\
             <rect width=\"2\" height=\"6\" fill=\"#9e9e9e\"/></pattern></defs>"
        )?;
        writeln!(
            out,
            "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>"
        )?;
        writeln!(
            out,
            "<text x=\"{}\" y=\"24\" font-size=\"15\" font-weight=\"bold\">Event lifecycles by \
             product, as of {}</text>",
            num(MARGIN),
            self.as_of
        )?;
        self.write_legend(out)?;
        self.write_grid(out)?;
        let mut y = CHART_TOP;
        for (product, events) in &self.groups {
            y = self.write_group(out, product, events, y)?;
        }
        self.write_as_of(out)?;
        self.write_notes(out)?;
        writeln!(out, "</svg>")
    }

    /// The swatches, on one line under the title.
    fn write_legend(&self, out: &mut String) -> fmt::Result {
        let y = 38.0;
        let mut x = MARGIN;
        let items: [(&str, &str); 5] = [
            ("active", GREEN),
            ("deprecated", AMBER),
            ("sunset", "url(#sunset)"),
            ("as-of day", BLUE),
            ("dates out of order", "#fdecea"),
        ];
        writeln!(out, "<g class=\"legend\">")?;
        for (label, fill) in items {
            if fill == BLUE {
                writeln!(
                    out,
                    "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"{BLUE}\" \
                     stroke-width=\"2\" stroke-dasharray=\"3 2\"/>",
                    num(y - 1.0),
                    num(y + BAR_H + 1.0),
                    x = num(x + 7.0)
                )?;
            } else {
                let stroke = if label.starts_with("dates") {
                    RED
                } else {
                    "none"
                };
                writeln!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"{}\" fill=\"{fill}\" \
                     stroke=\"{stroke}\"/>",
                    num(x),
                    num(y),
                    num(BAR_H)
                )?;
            }
            writeln!(
                out,
                "<text x=\"{}\" y=\"{}\">{}</text>",
                num(x + 20.0),
                num(y + 9.0),
                escape(label)
            )?;
            x += 20.0 + label.chars().count() as f64 * CHAR + 18.0;
        }
        writeln!(out, "</g>")
    }

    /// The vertical lines of the ticks, with their labels above and below the rows.
    fn write_grid(&self, out: &mut String) -> fmt::Result {
        let bottom = self.rows_bottom();
        writeln!(
            out,
            "<g class=\"axis\" fill=\"{MUTED}\" text-anchor=\"middle\">"
        )?;
        for day in self.axis.ticks() {
            let x = num(self.axis.x(day));
            let label = tick_label(day, self.axis.step);
            writeln!(
                out,
                "<line class=\"tick\" data-date=\"{day}\" x1=\"{x}\" y1=\"{}\" x2=\"{x}\" \
                 y2=\"{}\" stroke=\"{GRID}\"/>",
                num(CHART_TOP - 6.0),
                num(bottom + 4.0)
            )?;
            writeln!(
                out,
                "<text x=\"{x}\" y=\"{}\">{label}</text>",
                num(CHART_TOP - 10.0)
            )?;
            writeln!(
                out,
                "<text x=\"{x}\" y=\"{}\">{label}</text>",
                num(bottom + 16.0)
            )?;
        }
        writeln!(out, "</g>")
    }

    /// A product heading and its events' rows, from `y`; returns where the next group starts.
    fn write_group(
        &self,
        out: &mut String,
        product: &str,
        events: &[&Event],
        y: f64,
    ) -> Result<f64, fmt::Error> {
        let title = self
            .catalog
            .products
            .get(product)
            .map_or(product, |p| p.title.as_str());
        let count = match events.len() {
            1 => "1 event".to_owned(),
            n => format!("{n} events"),
        };
        writeln!(
            out,
            "<g class=\"product\" data-product=\"{}\">",
            escape(product)
        )?;
        writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"12\" font-weight=\"bold\">{} \
             <tspan fill=\"{MUTED}\" font-weight=\"normal\">{} · {count}</tspan></text>",
            num(MARGIN),
            num(y + 17.0),
            escape(title),
            escape(product)
        )?;
        let mut y = y + GROUP_H;
        for (i, event) in events.iter().enumerate() {
            self.write_row(out, event, y, i % 2 == 1)?;
            y += ROW_H;
        }
        writeln!(out, "</g>")?;
        Ok(y)
    }

    /// One event: its band, label, bars and the markers of its dates out of order.
    fn write_row(&self, out: &mut String, event: &Event, y: f64, striped: bool) -> fmt::Result {
        let marked = self.marked_dates(&event.name);
        let band = match (marked.is_empty(), striped) {
            (false, _) => Some("#fdecea"),
            (true, true) => Some("#f5f5f5"),
            (true, false) => None,
        };
        let name = escape(&event.name);
        writeln!(out, "<g class=\"event\" data-event=\"{name}\">")?;
        if let Some(fill) = band {
            writeln!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\"/>",
                num(MARGIN / 2.0),
                num(y),
                num(self.width - MARGIN),
                num(ROW_H)
            )?;
        }
        let text_y = num(y + 12.0);
        if !marked.is_empty() {
            write_warning_mark(out, MARGIN + 5.0, y + ROW_H / 2.0)?;
        }
        let fill = if marked.is_empty() { "#222222" } else { RED };
        writeln!(
            out,
            "<text x=\"{}\" y=\"{text_y}\" fill=\"{fill}\">{name}</text>",
            num(MARGIN + MARK)
        )?;
        writeln!(
            out,
            "<text x=\"{}\" y=\"{text_y}\" font-size=\"10\" fill=\"{MUTED}\" \
             text-anchor=\"end\">{}</text>",
            num(self.versions_x),
            escape(&versions_label(event))
        )?;
        for span in spans(&event.lifecycle, self.axis.end) {
            self.write_bar(out, event, &span, y, !marked.is_empty())?;
        }
        for day in marked {
            self.write_out_of_order(out, event, day, y)?;
        }
        writeln!(out, "</g>")
    }

    fn write_bar(
        &self,
        out: &mut String,
        event: &Event,
        span: &Span,
        y: f64,
        out_of_order: bool,
    ) -> fmt::Result {
        let (from, to) = (self.axis.x(span.from), self.axis.x(span.to));
        let status = span.status.as_str();
        let fill = match span.status {
            DatedStatus::Active => GREEN,
            DatedStatus::Deprecated => AMBER,
            DatedStatus::Upcoming | DatedStatus::Sunset => "url(#sunset)",
        };
        let stroke = if out_of_order {
            format!(" stroke=\"{RED}\" stroke-width=\"1.5\"")
        } else {
            String::new()
        };
        let until = if span.to == self.axis.end {
            "no later date published".to_owned()
        } else {
            format!("until {}", span.to)
        };
        writeln!(
            out,
            "<rect class=\"bar {status}\" data-from=\"{}\" data-to=\"{}\" x=\"{}\" y=\"{}\" \
             width=\"{}\" height=\"{}\" fill=\"{fill}\"{stroke}><title>{}: {status} from {}, \
             {until}</title></rect>",
            span.from,
            span.to,
            num(from),
            num(y + (ROW_H - BAR_H) / 2.0),
            num(round(to) - round(from)),
            num(BAR_H),
            escape(&event.name),
            span.from
        )
    }

    /// A red tick at a published date that is out of order.
    fn write_out_of_order(
        &self,
        out: &mut String,
        event: &Event,
        day: Date,
        y: f64,
    ) -> fmt::Result {
        let x = num(self.axis.x(day));
        let what = date_names(&event.lifecycle, day).join(" and ");
        writeln!(
            out,
            "<line class=\"out-of-order\" data-date=\"{day}\" x1=\"{x}\" y1=\"{}\" x2=\"{x}\" \
             y2=\"{}\" stroke=\"{RED}\" stroke-width=\"2.5\"><title>{}: {what} date {day}, \
             out of order</title></line>",
            num(y),
            num(y + ROW_H),
            escape(&event.name)
        )
    }

    /// The dashed line of the `--as-of` day over every row, labelled above the axis labels.
    fn write_as_of(&self, out: &mut String) -> fmt::Result {
        let x = self.axis.x(self.as_of);
        let label = format!("as of {}", self.as_of);
        let half = label.chars().count() as f64 * CHAR / 2.0;
        let label_x = x.clamp(self.axis.x0 + half, self.axis.x0 + self.axis.width - half);
        writeln!(
            out,
            "<line class=\"as-of\" data-date=\"{}\" x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" \
             stroke=\"{BLUE}\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/>",
            self.as_of,
            num(CHART_TOP - 26.0),
            num(self.rows_bottom() + 4.0),
            x = num(x)
        )?;
        writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" fill=\"{BLUE}\" text-anchor=\"middle\" \
             font-weight=\"bold\">{label}</text>",
            num(label_x),
            num(CHART_TOP - 30.0)
        )
    }

    /// Under the chart: what open-ended bars mean, then each date out of order, in words.
    fn write_notes(&self, out: &mut String) -> fmt::Result {
        let mut y = self.rows_bottom() + 28.0 + NOTE_H / 2.0;
        writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" fill=\"{MUTED}\">Bars run to the right edge where no later \
             date is published; hover a bar for its dates.</text>",
            num(MARGIN),
            num(y + 4.0)
        )?;
        for problem in &self.problems {
            y += NOTE_H;
            write_warning_mark(out, MARGIN + 5.0, y)?;
            writeln!(
                out,
                "<text class=\"note\" data-event=\"{}\" x=\"{}\" y=\"{}\" fill=\"{RED}\">{}</text>",
                escape(problem.event),
                num(MARGIN + MARK),
                num(y + 4.0),
                escape(&problem.text)
            )?;
        }
        Ok(())
    }

    /// The dates of `event` some problem names, sorted and each once.
    fn marked_dates(&self, event: &str) -> Vec<Date> {
        let mut dates: Vec<Date> = self
            .problems
            .iter()
            .filter(|p| p.event == event)
            .flat_map(|p| p.dates.iter().copied())
            .collect();
        dates.sort();
        dates.dedup();
        dates
    }
}

/// Where the rows of `groups` products with `events` events in all end.
fn rows_bottom(groups: usize, events: usize) -> f64 {
    CHART_TOP + groups as f64 * GROUP_H + events as f64 * ROW_H
}

/// A red disc with an exclamation mark, centred on (`x`, `y`).
fn write_warning_mark(out: &mut String, x: f64, y: f64) -> fmt::Result {
    writeln!(
        out,
        "<circle cx=\"{}\" cy=\"{}\" r=\"5.5\" fill=\"{RED}\"/><text x=\"{}\" y=\"{}\" \
         font-size=\"10\" font-weight=\"bold\" fill=\"#ffffff\" text-anchor=\"middle\">!</text>",
        num(x),
        num(y),
        num(x),
        num(y + 3.5)
    )
}

/// The date axis: days from `start` to `end` across `width` pixels from `x0`.
struct Axis {
    start: Date,
    end: Date,
    x0: f64,
    width: f64,
    /// Months between ticks.
    step: i32,
}

impl Axis {
    /// An axis from before the earliest date of the catalog (or `as_of`) to at least two months
    /// after the latest, in whole tick steps.
    fn new(catalog: &Catalog, as_of: Date, x0: f64, width: f64) -> Self {
        let dates = catalog
            .events
            .iter()
            .flat_map(|e| lifecycle_dates(&e.lifecycle));
        let (first, last) = dates
            .chain([as_of])
            .fold((as_of, as_of), |(lo, hi), day| (lo.min(day), hi.max(day)));
        let (first, last) = (month_index(first), month_index(last) + 2);
        let most = ((width / TICK_GAP).floor() as i32).max(1);
        let step = TICK_STEPS
            .into_iter()
            .find(|step| (last - first) / step < most)
            .unwrap_or(TICK_STEPS[TICK_STEPS.len() - 1]);
        Axis {
            start: month_start(first.div_euclid(step) * step),
            end: month_start((last + step - 1).div_euclid(step) * step),
            x0,
            width,
            step,
        }
    }

    /// The x of the start of `day`.
    fn x(&self, day: Date) -> f64 {
        let total = days(self.start, self.end).max(1) as f64;
        self.x0 + days(self.start, day) as f64 / total * self.width
    }

    /// The first day of every `step`-th month from `start`, then `end` (which is one of them
    /// unless the last year jiff knows cut the axis short).
    fn ticks(&self) -> Vec<Date> {
        let first = month_index(self.start);
        let mut ticks: Vec<Date> = (0..)
            .map(|i| month_start(first + i * self.step))
            .take_while(|&day| day < self.end)
            .collect();
        ticks.push(self.end);
        ticks
    }
}

/// A tick's label: the year in January, or wherever ticks are a year or more apart, else the
/// month's abbreviation.
fn tick_label(day: Date, step: i32) -> String {
    let month = usize::try_from(day.month() - 1).ok();
    match month.and_then(|m| MONTHS.get(m)) {
        Some(name) if day.month() != 1 && step < 12 => (*name).to_owned(),
        _ => format!("<tspan fill=\"#222222\">{:04}</tspan>", day.year()),
    }
}

/// Months since year 0 of the month of `day`.
fn month_index(day: Date) -> i32 {
    i32::from(day.year()) * 12 + i32::from(day.month()) - 1
}

/// The first day of the month `index` (see [`month_index`]), within the years jiff supports.
fn month_start(index: i32) -> Date {
    let year = i16::try_from(index.div_euclid(12)).unwrap_or(i16::MAX);
    let month = i8::try_from(index.rem_euclid(12) + 1).unwrap_or(1);
    Date::new(year, month, 1).unwrap_or(Date::MAX)
}

/// Whole days from `from` to `to`.
fn days(from: Date, to: Date) -> i64 {
    to.duration_since(from).as_secs() / 86_400
}

/// The dates an event's lifecycle publishes.
fn lifecycle_dates(lifecycle: &Lifecycle) -> impl Iterator<Item = Date> {
    [
        Some(lifecycle.active),
        lifecycle.deprecated,
        lifecycle.sunset,
    ]
    .into_iter()
    .flatten()
}

/// Which of an event's dates `day` is: `active`, `deprecation`, `sunset`, or several.
fn date_names(lifecycle: &Lifecycle, day: Date) -> Vec<&'static str> {
    let named = [
        ("active", Some(lifecycle.active)),
        ("deprecation", lifecycle.deprecated),
        ("sunset", lifecycle.sunset),
    ];
    named
        .into_iter()
        .filter(|(_, date)| *date == Some(day))
        .map(|(name, _)| name)
        .collect()
}

/// An event's schema versions: all of them up to three, else the first, the last and the count.
fn versions_label(event: &Event) -> String {
    let versions: Vec<String> = event
        .schema_versions
        .iter()
        .map(|v| v.version.to_string())
        .collect();
    match versions.as_slice() {
        [first, .., last] if versions.len() > 3 => {
            format!("{first} … {last} ({})", versions.len())
        }
        _ => versions.join(", "),
    }
}

/// A stretch of days with one status, `to` excluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    status: DatedStatus,
    from: Date,
    to: Date,
}

/// The spans of `lifecycle` from its first date to `end`, with the status
/// [`Lifecycle::status_on`] gives each day: dates out of order give the latest stage reached,
/// so a deprecation before the active date starts a deprecated span, not an active one.
fn spans(lifecycle: &Lifecycle, end: Date) -> Vec<Span> {
    let mut bounds: Vec<Date> = lifecycle_dates(lifecycle).filter(|d| *d < end).collect();
    bounds.sort();
    bounds.dedup();
    let mut spans: Vec<Span> = Vec::new();
    for (i, &from) in bounds.iter().enumerate() {
        let to = bounds.get(i + 1).copied().unwrap_or(end);
        let status = lifecycle.status_on(from);
        match spans.last_mut() {
            Some(last) if last.status == status => last.to = to,
            _ => spans.push(Span { status, from, to }),
        }
    }
    spans
}

/// A date published out of order, as `eventcat check` warns of it.
struct Problem<'a> {
    event: &'a str,
    text: String,
    /// The event's dates involved.
    dates: Vec<Date>,
}

/// Every date out of order, in catalog order: within an event's lifecycle, and a newer version
/// of a family active before an older one.
fn problems(catalog: &Catalog) -> Vec<Problem<'_>> {
    let mut problems = Vec::new();
    for event in &catalog.events {
        let Lifecycle {
            active,
            deprecated,
            sunset,
        } = event.lifecycle;
        let mut add = |text: String, dates: Vec<Date>| {
            problems.push(Problem {
                event: &event.name,
                text: format!("{} {text}", event.name),
                dates,
            });
        };
        if let Some(d) = deprecated
            && d < active
        {
            let text = format!("is deprecated on {d}, before it became active on {active}");
            add(text, vec![d, active]);
        }
        if let (Some(s), Some(d)) = (sunset, deprecated)
            && s < d
        {
            add(
                format!("is sunset on {s}, before its deprecation on {d}"),
                vec![s, d],
            );
        }
        if let Some(s) = sunset
            && s < active
        {
            let text = format!("is sunset on {s}, before it became active on {active}");
            add(text, vec![s, active]);
        }
        let older_versions = catalog.events.iter().filter(|older| {
            older.family == event.family
                && older.major < event.major
                && active < older.lifecycle.active
        });
        for older in older_versions {
            add(
                format!(
                    "becomes active on {active}, before the older {} (active on {})",
                    older.name, older.lifecycle.active
                ),
                vec![active],
            );
        }
    }
    problems
}

/// `value` rounded to tenths.
fn round(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// `value` with one decimal, as every number in the document is written.
fn num(value: f64) -> String {
    format!("{:.1}", round(value))
}

/// `text` with the characters XML gives a meaning escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            _ => out.push(c),
        }
    }
    out
}
