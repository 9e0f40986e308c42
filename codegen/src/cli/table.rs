//! The aligned text tables `list` and `import` print.

/// The table of `header` and `rows`: each column as wide as its widest cell, columns two spaces
/// apart, a line per row after the header's, with no trailing spaces.
pub fn render<const N: usize>(header: [&str; N], rows: &[[String; N]]) -> String {
    let mut widths = header.map(str::len);
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.len());
        }
    }
    let mut out = String::new();
    let mut line = |cells: [&str; N]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        out.push_str(padded.join("  ").trim_end());
        out.push('\n');
    };
    line(header);
    for row in rows {
        line(row.each_ref().map(String::as_str));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn columns_are_as_wide_as_their_widest_cell() {
        let rows = [
            ["a".to_owned(), "long cell".to_owned(), "x".to_owned()],
            ["wider".to_owned(), "b".to_owned(), String::new()],
        ];
        assert_eq!(
            render(["H1", "H2", "H3"], &rows),
            "H1     H2         H3\na      long cell  x\nwider  b\n"
        );
    }
}
