//! Checking the sample payloads a catalog gives with `example`: each is JSON, carries its
//! version's `schemaVersion`, and fits the version's payload with no field left over.
//!
//! The text is read as the generated code reads a payload, so that `check` accepts an example
//! exactly when its struct's `example()` decodes it: lone surrogate escapes are repaired (the
//! rule `eventcat-json` holds for both), nesting stops at the same depth, and an object of
//! fields that gives a key twice is refused.

use std::cell::RefCell;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::SCHEMA_VERSION_FIELD;
use super::fit::{Duplicates, Fit, join};
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
    let (mut value, duplicates) = read(&example.json)
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
    Fit::with_duplicates(catalog, &duplicates)
        .fits(&value, &shape, false, "")
        .map_err(whole)
}

/// The JSON `text` as a value, with the objects that give a key twice; text that is not JSON
/// only because of lone surrogate escapes is read repaired. Errors are the first reading's.
fn read(text: &str) -> Result<(Value, Duplicates), serde_json::Error> {
    let attempt = |text: &str| {
        let duplicates = RefCell::new(Duplicates::new());
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let value = Reader {
            path: String::new(),
            duplicates: &duplicates,
        }
        .deserialize(&mut deserializer)?;
        deserializer.end()?;
        Ok((value, duplicates.into_inner()))
    };
    attempt(text).or_else(
        |err: serde_json::Error| match eventcat_json::repair_surrogates(text) {
            Some(repaired) if err.is_syntax() => attempt(&repaired).map_err(|_| err),
            _ => Err(err),
        },
    )
}

/// Reads one JSON value at `path`, noting in `duplicates` each object that gives a key twice.
struct Reader<'a> {
    path: String,
    duplicates: &'a RefCell<Duplicates>,
}

impl Reader<'_> {
    fn at(&self, path: String) -> Self {
        Reader {
            path,
            duplicates: self.duplicates,
        }
    }
}

impl<'de> DeserializeSeed<'de> for Reader<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Reader<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) =
            seq.next_element_seed(self.at(format!("{}[{}]", self.path, items.len())))?
        {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(self.at(join(&self.path, &key)))?;
            if object.insert(key.clone(), value).is_some() {
                self.duplicates
                    .borrow_mut()
                    .entry(self.path.clone())
                    .or_insert(key);
            }
        }
        Ok(Value::Object(object))
    }
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
