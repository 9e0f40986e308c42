//! Generates the event types from the catalog at the workspace root into OUT_DIR.

fn main() {
    if let Err(err) = eventcat_codegen::Builder::new()
        .catalog("../catalog.yaml")
        .generate()
    {
        eprintln!("{}", err.report());
        std::process::exit(1);
    }
}
