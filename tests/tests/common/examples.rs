//! The sample payloads of the bundled catalog (each event's `example`, the sample of its
//! documentation page), shared by the sample tests (`samples.rs`), the schema tests
//! (`schema.rs`) and the round-trip tests (`roundtrip.rs`).

use std::sync::LazyLock;

use eventcat_codegen::model::{Catalog, Direction};

/// One event's sample payload.
#[derive(Clone)]
pub struct Example {
    /// The event name.
    pub event: String,
    /// Which way the event goes.
    pub direction: Direction,
    /// The schema version the sample is of.
    pub version: String,
    /// The JSON text.
    pub json: String,
}

/// Every catalog example, in catalog order.
pub fn examples_of(catalog: &Catalog) -> Vec<Example> {
    catalog
        .events
        .iter()
        .flat_map(|event| {
            event.schema_versions.iter().filter_map(|version| {
                let example = version.example.as_ref()?;
                Some(Example {
                    event: event.name.clone(),
                    direction: event.direction,
                    version: version.version.to_string(),
                    json: example.json.clone(),
                })
            })
        })
        .collect()
}

/// Every example of the bundled catalog, read from it once for the test binary (each sample
/// test asks for dozens).
static BUNDLED: LazyLock<Vec<Example>> = LazyLock::new(|| match eventcat_codegen::load_bundled() {
    Ok(loaded) => examples_of(&loaded.catalog),
    Err(err) => panic!("the bundled catalog must load:\n{err}"),
});

/// Every example of the bundled catalog.
pub fn examples() -> Vec<Example> {
    BUNDLED.clone()
}

/// The JSON text of the example of `event` in the bundled catalog.
pub fn example(event: &str) -> String {
    BUNDLED
        .iter()
        .find(|example| example.event == event)
        .unwrap_or_else(|| panic!("{event} has no example"))
        .json
        .clone()
}
