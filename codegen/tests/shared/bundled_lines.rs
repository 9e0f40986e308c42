//! Where things stand in the bundled catalog (shared with the `tests` package).

/// The 1-based line of the first line of the bundled catalog at or after `from` that starts
/// with `prefix`.
pub fn bundled_line(prefix: &str, from: usize) -> usize {
    eventcat_codegen::BUNDLED_CATALOG
        .lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find(|(_, line)| line.starts_with(prefix))
        .map(|(i, _)| i + 1)
        .unwrap_or_else(|| panic!("no line starts with `{prefix}`"))
}
