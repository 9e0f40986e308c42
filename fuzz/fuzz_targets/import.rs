//! The events-page parser behind `eventcat import`: markdown or rendered text, either way, then
//! the comparison with the bundled catalog and its messages. Nothing may panic.
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
            let _ = parsed.rows.iter().map(ToString::to_string).count();
            let comparison = import::compare(&parsed, &bundled().catalog);
            let _ = comparison
                .differences
                .iter()
                .map(ToString::to_string)
                .count();
        }
        Err(errors) => {
            let _ = errors.to_string();
        }
    }
});
