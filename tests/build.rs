//! Generates what the README's build.rs example generates (the Agent Workspace interaction
//! events of the catalog), so that the README's `include!` snippet compiles as a doctest here.

fn main() {
    if let Err(err) = eventcat_codegen::Builder::new()
        .catalog("../catalog.yaml")
        .products(["agent-workspace"])
        .events(["aw-interaction-*"])
        .sunset(eventcat_codegen::SunsetPolicy::Keep)
        .generate()
    {
        eprintln!("{}", err.report());
        std::process::exit(1);
    }
}
