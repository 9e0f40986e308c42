//! Checking the sample payloads a catalog gives with `example`: each is JSON, carries its
//! version's `schemaVersion`, and fits the version's payload with no field left over.

use serde_json::Value;

use super::SCHEMA_VERSION_FIELD;
use super::defaults::fits;
use crate::diagnostic::{Diagnostic, Location};
use crate::model::{Catalog, Example, Payload, SchemaVersion, Shape};

/// An `example` error for every sample payload that does not fit its schema version.
pub(super) fn check_examples(catalog: &Catalog) -> Vec<Diagnostic> {
    catalog
        .events
        .iter()
        .flat_map(|event| event.schema_versions.iter().map(move |v| (event, v)))
        .filter_map(|(event, version)| {
            let example = version.example.as_ref()?;
            let (location, reason) = misfit(catalog, version, example).err()?;
            Some(Diagnostic::error(
                "example",
                location,
                format!(
                    "the example of `{}` {} does not fit it: {reason}",
                    event.name, version.version
                ),
            ))
        })
        .collect()
}

/// Where and why the sample does not fit its version, if it does not.
fn misfit(
    catalog: &Catalog,
    version: &SchemaVersion,
    example: &Example,
) -> Result<(), (Location, String)> {
    let mut value: Value = serde_json::from_str(&example.json)
        .map_err(|err| (inside(example, &err), format!("it is not JSON: {err}")))?;
    let whole = |reason: String| (example.location, reason);
    let Some(object) = value.as_object_mut() else {
        return Err(whole(
            "it is not a JSON object (a payload is one)".to_owned(),
        ));
    };
    let expected = version.version.to_string();
    match object.remove(SCHEMA_VERSION_FIELD) {
        Some(Value::String(found)) if found == expected => {}
        Some(found) => {
            return Err(whole(format!(
                "`{SCHEMA_VERSION_FIELD}` is {found}, the version is \"{expected}\""
            )));
        }
        None => return Err(whole(format!("`{SCHEMA_VERSION_FIELD}` is missing"))),
    }
    let shape = match &version.payload {
        Payload::Fields(fields) => Shape::Object(fields.clone()),
        Payload::Type(name) => Shape::Named(name.clone()),
    };
    fits(catalog, &value, &shape, false, "").map_err(whole)
}

/// Where in the catalog a JSON error inside the example is, for an example written as a block
/// scalar (`example: |`), whose lines all start at the column of its first.
fn inside(example: &Example, err: &serde_json::Error) -> Location {
    let (Ok(line), Ok(column)) = (u32::try_from(err.line()), u32::try_from(err.column())) else {
        return example.location;
    };
    if line == 0 {
        return example.location;
    }
    Location {
        line: example.location.line.saturating_add(line - 1),
        column: example
            .location
            .column
            .saturating_add(column.saturating_sub(1)),
        bytes: None,
    }
}
