//! The events-page parser behind `eventcat import`: markdown or rendered text, either way, then
//! the comparison with the bundled catalog and the row listings. Nothing may panic.
#![no_main]

use eventcat_codegen::{import, page};
use libfuzzer_sys::fuzz_target;

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
            let bundled = eventcat_codegen::load_bundled().expect("the bundled catalog loads");
            let comparison = import::compare(&parsed, &bundled.catalog);
            let _ = comparison.text("page", "catalog.yaml");
            let _ = comparison.to_json();
        }
        Err(errors) => {
            let _ = errors.to_string();
        }
    }
});
