//! A catalog written by hand the way eventcat generates one, for the unit tests of dispatch,
//! decoding and envelopes: `x-call-v1` (a call with an id and legs, schema version 1.0.0) and
//! `x-note-v1` (schema versions 1.0.0 and 1.1.0, the newer adding `tag`).

use serde::de::MapAccess;
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::dispatch::{Dispatch, Router};
use crate::object::{self, Constant, Entry, Fields, Object, Plain, PlainWires, Writer};
use crate::{CatalogDate, CatalogEntry, CatalogProduct, DeclaredStatus, Direction, PartnerEvent};

/// The products of the test catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Product {
    Shell,
}

impl CatalogProduct for Product {
    const ENTRIES: &'static [CatalogEntry<Self>] = &[
        entry("x-call-v1", &["1.0.0"]),
        entry("x-note-v1", &["1.0.0", "1.1.0"]),
    ];
}

/// An active received event of the test catalog.
const fn entry(
    name: &'static str,
    schema_versions: &'static [&'static str],
) -> CatalogEntry<Product> {
    CatalogEntry {
        name,
        product: Product::Shell,
        direction: Direction::Received,
        schema_versions,
        declared_status: DeclaredStatus::Active,
        active: CatalogDate::ymd(2025, 1, 1),
        deprecated: None,
        sunset: None,
        replacement: None,
    }
}

/// `x-call-v1`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Call {
    pub(crate) id: String,
    pub(crate) legs: Vec<Leg>,
}

/// One leg of a call.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Leg {
    pub(crate) number: i64,
}

/// `x-note-v1` 1.0.0.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Note {
    pub(crate) text: String,
}

/// `x-note-v1` 1.1.0.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TaggedNote {
    pub(crate) text: String,
    pub(crate) tag: Option<String>,
}

/// The received events.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Received {
    Call(Call),
    Note(Note),
    TaggedNote(TaggedNote),
}

/// A required slot's value, or the error naming it (generated code builds from all its slots at
/// once; one field at a time reads more easily here).
fn need<T, E: serde::de::Error>(slot: Option<T>, wire: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| object::missing(&[(wire, true)]))
}

/// Reading and writing through the runtime, as generated code does.
macro_rules! serde_through_fields {
    ($($type:ty),*) => {$(
        impl Serialize for $type {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                object::write(self, serializer, &[])
            }
        }

        impl<'de> Deserialize<'de> for $type {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                object::read(deserializer, &[])
            }
        }
    )*};
}

serde_through_fields!(Call, Leg, Note, TaggedNote);

impl Fields for Call {
    const CONSTANTS: &'static [Constant] = &[Constant::string("schemaVersion", "1.0.0")];

    const PLAIN: &'static PlainWires = &PlainWires {
        strings: &["id"],
        ..PlainWires::NONE
    };

    fn entry(wire: &str) -> Entry {
        match wire {
            "id" => Entry::String(0),
            "legs" => Entry::Field(0),
            "schemaVersion" => Entry::Constant(0),
            _ => Entry::Other,
        }
    }

    fn read<'de, A: MapAccess<'de>>(object: &mut Object<'de, A, Self>) -> Result<Self, A::Error> {
        let (mut strings, mut legs) = ([None], None);
        let mut plain = Plain {
            strings: &mut strings,
            ..Plain::default()
        };
        while object.next_field(&mut plain)?.is_some() {
            object.fill_items(&mut legs, "legs", 1, 3)?;
        }
        let [id] = strings;
        Ok(Self {
            id: need(id, "id")?,
            legs: need(legs, "legs")?,
        })
    }

    fn write<M: SerializeMap>(&self, out: &mut Writer<M>) {
        out.entry("id", &self.id);
        out.items("legs", &self.legs, 1, 3);
    }
}

impl Fields for Leg {
    const PLAIN: &'static PlainWires = &PlainWires {
        integers: &["number"],
        ..PlainWires::NONE
    };

    fn entry(wire: &str) -> Entry {
        match wire {
            "number" => Entry::Integer(0),
            _ => Entry::Other,
        }
    }

    fn read<'de, A: MapAccess<'de>>(object: &mut Object<'de, A, Self>) -> Result<Self, A::Error> {
        let mut integers = [None];
        let mut plain = Plain {
            integers: &mut integers,
            ..Plain::default()
        };
        while object.next_field(&mut plain)?.is_some() {}
        let [number] = integers;
        Ok(Self {
            number: need(number, "number")?,
        })
    }

    fn write<M: SerializeMap>(&self, out: &mut Writer<M>) {
        out.entry("number", &self.number);
    }
}

impl Fields for Note {
    const CONSTANTS: &'static [Constant] = &[Constant::string("schemaVersion", "1.0.0")];

    fn entry(wire: &str) -> Entry {
        match wire {
            "text" => Entry::Field(0),
            "schemaVersion" => Entry::Constant(0),
            _ => Entry::Other,
        }
    }

    fn read<'de, A: MapAccess<'de>>(object: &mut Object<'de, A, Self>) -> Result<Self, A::Error> {
        let mut text = None;
        while object.next_field(&mut Plain::default())?.is_some() {
            object.fill(&mut text, "text")?;
        }
        Ok(Self {
            text: need(text, "text")?,
        })
    }

    fn write<M: SerializeMap>(&self, out: &mut Writer<M>) {
        out.entry("text", &self.text);
    }
}

impl Fields for TaggedNote {
    const CONSTANTS: &'static [Constant] = &[Constant::string("schemaVersion", "1.1.0")];

    fn entry(wire: &str) -> Entry {
        match wire {
            "text" => Entry::Field(0),
            "tag" => Entry::Field(1),
            "schemaVersion" => Entry::Constant(0),
            _ => Entry::Other,
        }
    }

    fn read<'de, A: MapAccess<'de>>(object: &mut Object<'de, A, Self>) -> Result<Self, A::Error> {
        let (mut text, mut tag) = (None, None);
        while let Some(field) = object.next_field(&mut Plain::default())? {
            match field {
                0 => object.fill(&mut text, "text")?,
                _ => object.fill(&mut tag, "tag")?,
            }
        }
        Ok(Self {
            text: need(text, "text")?,
            tag,
        })
    }

    fn write<M: SerializeMap>(&self, out: &mut Writer<M>) {
        out.entry("text", &self.text);
        out.optional("tag", &self.tag);
    }
}

/// The published facts of a test event.
macro_rules! event {
    ($type:ty, $variant:ident, $entry:literal, $version:literal) => {
        impl PartnerEvent for $type {
            type Product = Product;
            const ENTRY: &'static CatalogEntry<Product> = &CatalogEntry::<Product>::ALL[$entry];
            const SCHEMA_VERSION: &'static str = $version;
        }

        impl From<$type> for Received {
            fn from(event: $type) -> Self {
                Self::$variant(event)
            }
        }
    };
}

event!(Call, Call, 0, "1.0.0");
event!(Note, Note, 1, "1.0.0");
event!(TaggedNote, TaggedNote, 1, "1.1.0");

impl Dispatch for Received {
    fn route<R: Router<Self>>(name: &str, mut router: R) -> R::Output {
        match name {
            "x-call-v1" => router.event::<Call>(&["1.0.0"]),
            "x-note-v1" => {
                const VERSIONS: &[&str] = &["1.0.0", "1.1.0"];
                match router.version(VERSIONS) {
                    Some(0) => router.event::<Note>(VERSIONS),
                    _ => router.event::<TaggedNote>(VERSIONS),
                }
            }
            _ => router.unknown(),
        }
    }

    const LEFT_OUT: &'static [&'static str] = &["x-fax-v1", "x-memo-v2"];
}

/// A `x-call-v1` payload with these legs.
pub(crate) fn call_payload(legs: &str) -> String {
    format!(r#"{{"schemaVersion":"1.0.0","id":"c-1","legs":{legs}}}"#)
}
