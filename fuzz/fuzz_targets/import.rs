//! The events-page parser behind `eventcat import`: markdown or rendered text, either way, then
//! the comparison with the bundled catalog and the row listings. Nothing may panic.
#![no_main]

use std::sync::OnceLock;

use eventcat_codegen::{Loaded, import, page};
use libfuzzer_sys::fuzz_target;

/// The bundled catalog, loaded once: loading it on every input would leave little time for the
/// parser.
fn bundled() -> &'static Loaded {
    static BUNDLED: OnceLock<Loaded> = OnceLock::new();
    BUNDLED.get_or_init(|| eventcat_codegen::load_bundled().expect("the bundled catalog loads"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = page::PageForm::detect(text);
    let _ = page::parse_markdown(text);
    let _ = page::parse_text(text);
    match page::parse(text) {
        Ok(parsed) => {
            let _ = import::rows_text(&parsed);
            let _ = import::rows_json(&parsed);
            let comparison = import::compare(&parsed, &bundled().catalog);
            let _ = comparison.text("page", "catalog.yaml");
            let _ = comparison.to_json();
        }
        Err(errors) => {
            let _ = errors.to_string();
        }
    }
});
