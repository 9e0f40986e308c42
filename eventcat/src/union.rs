//! Reading a union whose forms each take a different kind of JSON value (a string, a number, a
//! boolean, an object or an array): the kind of value found says which form it is, so the value
//! is read once, by that form, where serde's `untagged` would buffer it and try each form in turn.
//! Generated code implements [`Forms`] for such a union (through `__private::union!`); a union
//! whose forms share a kind stays `untagged`. These items are public so that generated code can
//! name them; partner code has no need to.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{
    self, Deserialize, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Unexpected, Visitor,
};

/// A union's forms by the kind of JSON value each takes: generated code overrides the method of
/// each kind the union has; the others refuse the value.
pub trait Forms: Sized {
    /// The kinds the union takes, for errors: `a string or an object`.
    const EXPECTING: &'static str;

    /// The form that is a string.
    fn string<E: de::Error>(value: &str) -> Result<Self, E> {
        Err(refuse::<Self, E>(Unexpected::Str(value)))
    }

    /// The form that is a boolean.
    fn boolean<E: de::Error>(value: bool) -> Result<Self, E> {
        Err(refuse::<Self, E>(Unexpected::Bool(value)))
    }

    /// The form that is a number, given a negative integer.
    fn signed<E: de::Error>(value: i64) -> Result<Self, E> {
        Err(refuse::<Self, E>(Unexpected::Signed(value)))
    }

    /// The form that is a number, given a non-negative integer.
    fn unsigned<E: de::Error>(value: u64) -> Result<Self, E> {
        Err(refuse::<Self, E>(Unexpected::Unsigned(value)))
    }

    /// The form that is a number, given a number with a fraction or an exponent.
    fn float<E: de::Error>(value: f64) -> Result<Self, E> {
        Err(refuse::<Self, E>(Unexpected::Float(value)))
    }

    /// The form that is an object.
    fn object<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
        let _ = map;
        Err(refuse::<Self, A::Error>(Unexpected::Map))
    }

    /// The form that is an array.
    fn array<'de, A: SeqAccess<'de>>(seq: A) -> Result<Self, A::Error> {
        let _ = seq;
        Err(refuse::<Self, A::Error>(Unexpected::Seq))
    }
}

/// The error for a value of a kind the union has no form for.
#[cold]
fn refuse<T: Forms, E: de::Error>(found: Unexpected<'_>) -> E {
    E::invalid_type(found, &T::EXPECTING)
}

/// Reads a union by the kind of the value.
#[inline]
pub fn read<'de, D: Deserializer<'de>, T: Forms>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_any(FormVisitor(PhantomData))
}

/// Hands the value to the form of its kind.
struct FormVisitor<T>(PhantomData<T>);

impl<'de, T: Forms> Visitor<'de> for FormVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        T::string(value)
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<T, E> {
        T::boolean(value)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<T, E> {
        T::signed(value)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<T, E> {
        T::unsigned(value)
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<T, E> {
        T::float(value)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::object(map)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<T, A::Error> {
        T::array(seq)
    }
}

/// A form's value read from the string, boolean or number found (through serde's own
/// deserializer for it).
#[inline]
pub fn from_scalar<'a, V, S, E>(value: S) -> Result<V, E>
where
    V: Deserialize<'a>,
    S: IntoDeserializer<'a, E>,
    E: de::Error,
{
    V::deserialize(value.into_deserializer())
}

/// A form's value read from the object found. Never inlined, so that a partner's build links
/// to this crate's instance for a map of strings (see the module `shared`).
#[inline(never)]
pub fn from_map<'de, V: Deserialize<'de>, A: MapAccess<'de>>(map: A) -> Result<V, A::Error> {
    V::deserialize(MapAccessDeserializer::new(map))
}

/// A form's value read from the array found. Never inlined, as [`from_map`] is.
#[inline(never)]
pub fn from_seq<'de, V: Deserialize<'de>, A: SeqAccess<'de>>(seq: A) -> Result<V, A::Error> {
    V::deserialize(SeqAccessDeserializer::new(seq))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    /// A union of every kind, as generated code declares one.
    #[derive(Debug, PartialEq)]
    enum Any {
        Text(String),
        Count(f64),
        Flag(bool),
        Map(BTreeMap<String, String>),
        List(Vec<i64>),
    }

    crate::__union!(Any, "a string, a number, a boolean, an object or an array" {
        Text => string, Count => number, Flag => boolean, Map => object, List => array,
    });

    /// A union without numbers, booleans or arrays.
    #[derive(Debug, PartialEq)]
    enum Content {
        Text(String),
        Map(BTreeMap<String, String>),
    }

    crate::__union!(Content, "a string or an object" { Text => string, Map => object });

    fn read<T: for<'de> serde::Deserialize<'de>>(text: &str) -> Result<T, String> {
        serde_json::from_str(text).map_err(|err| err.to_string())
    }

    #[test]
    fn each_kind_is_read_by_its_form_and_written_back() {
        let map = BTreeMap::from([("k".to_owned(), "v".to_owned())]);
        let cases = [
            (r#""a\"b""#, Any::Text("a\"b".into())),
            ("-2", Any::Count(-2.0)),
            ("18446744073709551615", Any::Count(u64::MAX as f64)),
            ("2.5", Any::Count(2.5)),
            ("true", Any::Flag(true)),
            (r#"{"k":"v"}"#, Any::Map(map)),
            ("[1,2]", Any::List(vec![1, 2])),
        ];
        for (text, expected) in cases {
            assert_eq!(read::<Any>(text).as_ref(), Ok(&expected), "{text}");
            let written = serde_json::to_string(&expected).expect("writes");
            assert_eq!(read::<Any>(&written), Ok(expected), "{written}");
        }
        assert_eq!(
            serde_json::to_string(&Content::Text("hi".into())).expect("writes"),
            r#""hi""#
        );
    }

    #[test]
    fn a_value_of_no_form_or_that_its_form_refuses_is_an_error() {
        let cases = [
            (
                "3",
                "invalid type: integer `3`, expected a string or an object",
            ),
            ("null", "invalid type: null, expected a string or an object"),
            (
                "[]",
                "invalid type: sequence, expected a string or an object",
            ),
            (
                "false",
                "invalid type: boolean `false`, expected a string or an object",
            ),
            (
                r#"{"k":1}"#,
                "invalid type: integer `1`, expected a string at line 1 column 6",
            ),
        ];
        for (text, expected) in cases {
            let err = read::<Content>(text).expect_err(text);
            assert!(err.starts_with(expected), "{text}: {err}");
        }
        let err = read::<Any>("[1.5]").expect_err("not an integer");
        assert!(
            err.starts_with("invalid type: floating point `1.5`, expected i64"),
            "{err}"
        );
    }
}
