//! The runtime's generic code for serde_json's reader and writer, instantiated once, here.
//!
//! rustc reuses the instances of generic functions that a dependency already holds instead of
//! compiling them again: in an unoptimized build every such instance, in an optimized one those
//! of functions it does not inline across crates (the runtime's `#[inline(never)]` ones, such as
//! `Writer::entry`, `Literal::check` and `Values::skip`). Generated code reads
//! and writes its values through the runtime with serde_json's `StrRead` reader and `Vec<u8>`
//! writer, so whatever of that does not depend on a generated type (reading a key, a plain
//! string, a boolean, a number; a value of the standard library's types only, such as a nullable
//! string or a map or list of strings, and a union's form that is one; checking a constant;
//! writing an entry) is compiled in this crate by [`instances`], and a partner's build links to
//! it: the four benchmarked events' unoptimized IR is about 40% smaller, and their optimized IR
//! a fifth smaller.

use std::collections::BTreeMap;

use serde::de::MapAccess;
use serde::ser::SerializeMap;

use crate::object::{Constant, Entry, Fields, Literal, Object, Plain, PlainWires, Writer, missing};

/// An object with a field of each kind of value that generated code reads and writes through
/// the runtime, and a constant of each kind.
#[derive(Debug, PartialEq)]
struct Sample {
    text: String,
    flag: bool,
    number: f64,
    count: Option<i64>,
    note: Option<String>,
    tags: Option<Vec<String>>,
    names: Vec<String>,
    labels: Option<BTreeMap<String, String>>,
    kind: Option<Kind>,
    score: Option<f64>,
    rank: Option<i64>,
    done: Option<bool>,
    body: Option<Body>,
}

/// A string enum.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    One,
    Two,
}

crate::__string_enum!(Kind { One => "one", Two => "two" });

/// A union of a string, a map of strings and a list of strings.
#[derive(Debug, PartialEq)]
enum Body {
    Text(String),
    Map(BTreeMap<String, String>),
    List(Vec<String>),
}

crate::__union!(Body, "a string, an object or an array" { Text => string, Map => object, List => array });

impl Fields for Sample {
    const CONSTANTS: &'static [Constant] = &[
        Constant::string("schemaVersion", "1.0.0"),
        Constant::new("level", Literal::Int(1), true, false),
        Constant::new("ratio", Literal::Num(0.5), true, true),
        Constant::new("live", Literal::Bool(true), true, false),
    ];

    const PLAIN: &'static PlainWires = &PlainWires {
        strings: &["text"],
        booleans: &["flag"],
        numbers: &["number"],
        integers: &["count"],
    };

    fn entry(wire: &str) -> Entry {
        match wire {
            "text" => Entry::String(0),
            "flag" => Entry::Boolean(0),
            "number" => Entry::Number(0),
            "count" => Entry::Integer(0),
            "note" => Entry::Field(0),
            "tags" => Entry::Field(1),
            "names" => Entry::Field(2),
            "labels" => Entry::Field(3),
            "kind" => Entry::Field(4),
            "score" => Entry::Field(5),
            "rank" => Entry::Field(6),
            "done" => Entry::Field(7),
            "body" => Entry::Field(8),
            "schemaVersion" => Entry::Constant(0),
            "level" => Entry::Constant(1),
            "ratio" => Entry::Constant(2),
            "live" => Entry::Constant(3),
            _ => Entry::Other,
        }
    }

    fn read<'de, A: MapAccess<'de>>(object: &mut Object<'de, A, Self>) -> Result<Self, A::Error> {
        struct Slots {
            text: [Option<String>; 1],
            flag: [Option<bool>; 1],
            number: [Option<f64>; 1],
            count: [Option<i64>; 1],
            names: Option<Vec<String>>,
        }
        let mut slots = Slots {
            text: [None],
            flag: [None],
            number: [None],
            count: [None],
            names: None,
        };
        let (mut note, mut tags, mut labels, mut kind) = (None, None, None, None);
        let (mut score, mut rank, mut done, mut body) = (None, None, None, None);
        let mut plain = Plain {
            strings: &mut slots.text,
            booleans: &mut slots.flag,
            numbers: &mut slots.number,
            integers: &mut slots.count,
        };
        while let Some(index) = object.next_field(&mut plain)? {
            match index {
                0 => object.fill_std(&mut note, "note")?,
                1 => object.fill_items(&mut tags, "tags", 1, 8)?,
                2 => object.fill_std(&mut slots.names, "names")?,
                3 => object.fill_std(&mut labels, "labels")?,
                4 => object.fill(&mut kind, "kind")?,
                5 => object.fill_std(&mut score, "score")?,
                6 => object.fill_std(&mut rank, "rank")?,
                7 => object.fill_std(&mut done, "done")?,
                _ => object.fill(&mut body, "body")?,
            }
        }
        let Slots {
            text: [Some(text)],
            flag: [Some(flag)],
            number: [Some(number)],
            count: [count],
            names: Some(names),
        } = slots
        else {
            return Err(missing(&[
                ("text", slots.text[0].is_none()),
                ("flag", slots.flag[0].is_none()),
                ("number", slots.number[0].is_none()),
                ("names", slots.names.is_none()),
            ]));
        };
        Ok(Self {
            text,
            flag,
            number,
            count,
            note: note.flatten(),
            tags: tags.flatten(),
            names,
            labels,
            kind: kind.flatten(),
            score: score.flatten(),
            rank: rank.flatten(),
            done: done.flatten(),
            body,
        })
    }

    fn write<M: SerializeMap>(&self, out: &mut Writer<M>) {
        out.entry("text", &self.text);
        out.entry("flag", &self.flag);
        out.entry("number", &self.number);
        out.optional("count", &self.count);
        out.entry("note", &self.note);
        out.optional_items("tags", &self.tags, 1, 8);
        out.entry("names", &self.names);
        out.optional("labels", &self.labels);
        out.optional("kind", &self.kind);
        out.entry("score", &self.score);
        out.entry("rank", &self.rank);
        out.entry("done", &self.done);
        out.optional("body", &self.body);
    }
}

crate::__serde_object!(Sample);

/// Decodes `text` as an object with a field of each kind and writes it back, through the same
/// serde_json reader and writer as generated code: calling it is never needed, compiling it is
/// the point (see the module documentation).
pub fn instances(text: &str) -> Option<String> {
    let sample: Sample = serde_json::from_str(text).ok()?;
    serde_json::to_string(&sample).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_read_and_written_back() {
        let text = r#"{"text":"a","flag":true,"number":1.5,"count":2,"note":null,"tags":["x"],"names":[],"labels":{"k":"v"},"kind":"two","score":null,"rank":3,"done":false,"body":{"a":"b"},"schemaVersion":"1.0.0","level":1,"ratio":null,"live":true}"#;
        let written = instances(text).expect("the sample decodes");
        assert_eq!(
            written,
            r#"{"text":"a","flag":true,"number":1.5,"count":2,"note":null,"tags":["x"],"names":[],"labels":{"k":"v"},"kind":"two","score":null,"rank":3,"done":false,"body":{"a":"b"},"schemaVersion":"1.0.0","level":1,"ratio":0.5,"live":true}"#
        );
    }

    #[test]
    fn a_value_of_standard_types_given_twice_or_of_another_kind_is_an_error() {
        let base = r#""text":"a","flag":true,"number":1,"names":[]"#;
        for (extra, message) in [
            (r#""labels":{},"labels":{}"#, "duplicate field `labels`"),
            (r#""note":null,"note":"b""#, "duplicate field `note`"),
            (
                r#""labels":{"k":1}"#,
                "invalid type: integer `1`, expected a string",
            ),
            (
                r#""score":"high""#,
                "invalid type: string \"high\", expected f64",
            ),
            (
                r#""body":7"#,
                "invalid type: integer `7`, expected a string, an object or an array",
            ),
        ] {
            let text = format!("{{{base},{extra}}}");
            let err = serde_json::from_str::<Sample>(&text).expect_err(&text);
            assert!(err.to_string().starts_with(message), "{text}: {err}");
        }
        let text = format!(r#"{{{base},"body":["x","y"],"done":null,"schemaVersion":"1.0.0"}}"#);
        let sample: Sample = serde_json::from_str(&text).expect("the sample decodes");
        assert_eq!(sample.body, Some(Body::List(vec!["x".into(), "y".into()])));
        assert_eq!(sample.done, None);
    }

    #[test]
    fn a_sample_that_breaks_a_rule_is_refused() {
        for text in [
            r#"{"text":"a","flag":true,"number":1,"names":[]}"#,
            r#"{"text":"a","flag":true,"number":1,"names":[],"schemaVersion":"2.0.0"}"#,
            r#"{"text":"a","flag":true,"number":1,"names":[],"schemaVersion":"1.0.0","tags":[]}"#,
            r#"{"text":"a","flag":true,"number":1,"names":[],"schemaVersion":"1.0.0","kind":"three"}"#,
            r#"{"flag":true,"number":1,"names":[],"schemaVersion":"1.0.0"}"#,
        ] {
            assert_eq!(instances(text), None, "{text}");
        }
    }
}
