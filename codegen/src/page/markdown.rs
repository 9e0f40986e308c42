//! The markdown form of the page: `#` headings and pipe tables, read with `pulldown-cmark`.

use pulldown_cmark::{Event as Md, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::cells::{Cells, DateCell, date_cell, status_cell, versions_cell};
use super::{Builder, COLUMNS, Page, PageErrors, PageForm};
use crate::model::parse_event_name;

/// Parses the markdown form.
pub fn parse_markdown(text: &str) -> Result<Page, PageErrors> {
    let lines = LineIndex::new(text);
    let mut builder = Builder::default();
    let mut heading: Option<(usize, String)> = None;
    // The table being read: whether it is an events table, and the cells of the current row.
    let mut table: Option<bool> = None;
    let mut row: Option<(usize, Vec<String>)> = None;
    let mut cell: Option<String> = None;
    for (event, range) in Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter() {
        let line = lines.line_of(range.start);
        match event {
            Md::Start(Tag::Heading { level, .. }) if level <= HeadingLevel::H4 => {
                heading = Some((line, String::new()));
            }
            Md::End(TagEnd::Heading(_)) => {
                if let Some((line, text)) = heading.take() {
                    builder.heading(line, &text);
                }
            }
            Md::Start(Tag::Table(_)) => table = Some(false),
            Md::End(TagEnd::Table) => table = None,
            Md::Start(Tag::TableHead | Tag::TableRow) => row = Some((line, Vec::new())),
            Md::End(TagEnd::TableHead) => {
                if let Some((line, cells)) = row.take() {
                    let is_events = header_matches(&cells);
                    if !is_events {
                        builder.error(
                            line,
                            format!(
                                "table columns are `{}`; an events table has `{}`",
                                cells.join(" | "),
                                COLUMNS.join(" | ")
                            ),
                        );
                    }
                    table = Some(is_events && builder.table(line));
                }
            }
            Md::End(TagEnd::TableRow) => {
                if let (Some((line, cells)), Some(true)) = (row.take(), table) {
                    match markdown_cells(&cells) {
                        Ok(cells) => builder.row(line, cells),
                        Err(message) => builder.error(line, message),
                    }
                }
            }
            Md::Start(Tag::TableCell) => cell = Some(String::new()),
            Md::End(TagEnd::TableCell) => {
                if let (Some(text), Some((_, cells))) = (cell.take(), row.as_mut()) {
                    cells.push(text.trim().to_owned());
                }
            }
            Md::Text(text) | Md::Code(text) => {
                if let Some(cell) = cell.as_mut() {
                    cell.push_str(&text);
                } else if let Some((_, heading)) = heading.as_mut() {
                    heading.push_str(&text);
                }
            }
            _ => {}
        }
    }
    builder.finish(PageForm::Markdown)
}

fn header_matches(cells: &[String]) -> bool {
    cells.len() == COLUMNS.len()
        && cells
            .iter()
            .zip(COLUMNS)
            .all(|(cell, column)| normalize_space(cell).eq_ignore_ascii_case(column))
}

fn normalize_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Checks the six cells of a markdown row.
fn markdown_cells(cells: &[String]) -> Result<Cells, String> {
    let cell = |i: usize| cells.get(i).map_or("", String::as_str);
    if cells.len() != COLUMNS.len() || cells.iter().all(String::is_empty) {
        return Err(format!(
            "the row has {} cells; an events row has {} ({})",
            cells.iter().filter(|c| !c.is_empty()).count(),
            COLUMNS.len(),
            COLUMNS.join(", ")
        ));
    }
    let name = cell(0);
    let (_, major) = parse_event_name(name)
        .ok_or_else(|| format!("`{name}` is not an event name of the form `<family>-v<N>`"))?;
    let schema_versions = versions_cell(cell(1), major).map_err(|e| format!("`{name}`: {e}"))?;
    let status = status_cell(cell(2)).ok_or_else(|| {
        format!(
            "`{name}`: status `{}` is not one of active, deprecated, sunset",
            cell(2)
        )
    })?;
    let mut dates = [None; 3];
    for (i, date) in dates.iter_mut().enumerate() {
        let column = COLUMNS[3 + i];
        *date = match date_cell(cell(3 + i)) {
            DateCell::Dash => None,
            DateCell::Date(date) => Some(date),
            DateCell::Impossible(why) => {
                return Err(format!(
                    "`{name}`: {column} `{}` is not a date: {why}",
                    cell(3 + i)
                ));
            }
            DateCell::NotADate => {
                return Err(format!(
                    "`{name}`: {column} `{}` is neither `-` nor a date like `8 September 2025`",
                    cell(3 + i)
                ));
            }
        };
    }
    let [active, deprecated, sunset] = dates;
    let active = active.ok_or_else(|| format!("`{name}`: the active date is missing"))?;
    Ok(Cells {
        name: name.to_owned(),
        schema_versions,
        status,
        active,
        deprecated,
        sunset,
    })
}

/// Byte offset -> 1-based line.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { starts }
    }

    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index() {
        let index = LineIndex::new("a\nbc\n\nd");
        assert_eq!(
            [0, 1, 2, 4, 5, 6].map(|o| index.line_of(o)),
            [1, 1, 2, 2, 3, 4]
        );
    }
}
