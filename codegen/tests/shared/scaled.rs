//! The bundled catalog with its events copied under new names: how the catalog limits are
//! measured (a catalog `copies` times today's, shared types used by every copy). Shared by the
//! limits tests and `generator-check`, which compiles a scaled catalog.

/// The bundled catalog with `copies` copies of its events: copy `k` (from 2) inserts `xk`
/// before each event's `-vN` (`aw-interaction-focusx2-v3`).
pub fn scaled_catalog(copies: usize) -> String {
    let catalog = eventcat_codegen::BUNDLED_CATALOG;
    let (head, events) = catalog
        .split_once("\nevents:\n")
        .expect("the bundled catalog lists its events");
    let mut text = format!("{head}\nevents:\n{events}");
    for copy in 2..=copies {
        for line in events.split_inclusive('\n') {
            match line.strip_prefix("  - name: ").map(str::trim_end) {
                Some(name) => {
                    let at = name.rfind("-v").expect("an event name ends in -vN");
                    let (family, major) = name.split_at(at);
                    text.push_str(&format!("  - name: {family}x{copy}{major}\n"));
                }
                None => text.push_str(line),
            }
        }
    }
    text
}
