//! Catalog text -> load and validate -> generate -> pretty-print. Nothing may panic; a refused
//! catalog's errors must be located inside the file; an accepted one must generate (the
//! validator and the generator give the same verdict) and render.
#![no_main]

use eventcat_codegen::{GenerateError, LoadError, Options, Report};
use libfuzzer_sys::fuzz_target;

const PATH: &str = "fuzz.yaml";

fn check_located(report: &Report, text: &str) {
    // Lines as YAML counts them: a line break is LF, CRLF or a lone CR.
    let lines: Vec<&str> = text
        .split("\r\n")
        .flat_map(|l| l.split(['\n', '\r']))
        .collect();
    for d in report.errors() {
        let (line, column) = (d.location.line as usize, d.location.column as usize);
        assert!(
            line >= 1 && column >= 1 && line <= lines.len(),
            "error[{}] at {}:{} outside the file: {}",
            d.code,
            line,
            column,
            d.message
        );
        assert!(
            column <= lines[line - 1].chars().count() + 1,
            "error[{}] at {line}:{column} past the end of its line: {}",
            d.code,
            d.message
        );
    }
    let rendered = report.render(false);
    assert!(rendered.contains(PATH), "the report does not name the file");
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match eventcat_codegen::load_str(PATH, text) {
        Err(LoadError::Invalid(report)) => check_located(&report, text),
        Err(err) => panic!("unexpected load error: {err}"),
        Ok(loaded) => {
            let _ = loaded.report.render(false);
            match eventcat_codegen::generate(&loaded, &Options::default()) {
                Ok(tokens) => {
                    if let Err(err) = eventcat_codegen::render::render(tokens, PATH) {
                        panic!("accepted catalog renders no Rust file: {err}");
                    }
                }
                Err(GenerateError::Load(LoadError::Invalid(report))) => {
                    check_located(&report, text);
                    panic!("load_str accepted what generate refused:\n{report}");
                }
                Err(err) => panic!("generate failed on an accepted catalog: {err}"),
            }
        }
    }
});
