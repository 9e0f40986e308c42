//! Reading and writing the catalog's object types, for the code eventcat generates.
//!
//! A generated struct implements [`Fields`]: one `match` from its wire keys to its fields and
//! constants, one that fills a slot for each field that is not plain (a plain string, boolean,
//! number or integer is read here, into the slots the struct gives in [`Plain`]), and a writer
//! of its fields. Everything else is here, once: reading only from a JSON object, refusing a
//! key given twice, checking and writing constants, item bounds, and the trail of failed keys
//! that error paths are built from. These items are public so that generated code can name
//! them; partner code has no need to.
//!
//! The key loop and the fillers are `inline(always)` in optimized builds, so that a type's
//! reader is one function, and only `inline` in unoptimized ones, where nothing is inlined but
//! what is forced: there, forcing it only copied the loop into every reader (the four-event crate
//! built in 0.65 of the hand-written serde's dev time instead of 0.69).

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::ops::ControlFlow;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Unexpected, Visitor};
use serde::ser::{self, SerializeMap};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::path::trail;

/// An object key or a string value, borrowed from the input when it has no escapes: what the
/// envelope and the `schemaVersion` probe read.
pub(crate) struct Key<'de>(Cow<'de, str>);

impl<'de> Key<'de> {
    /// The text.
    #[inline]
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    /// An owned copy, for a key that must outlive its input.
    pub(crate) fn into_owned(self) -> Key<'static> {
        Key(Cow::Owned(self.0.into_owned()))
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    #[inline]
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Reads a [`Key`].
struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    #[inline]
    fn visit_borrowed_str<E>(self, value: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(value)))
    }

    #[inline]
    fn visit_str<E>(self, value: &str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(value.to_owned())))
    }

    #[inline]
    fn visit_string<E>(self, value: String) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(value)))
    }
}

/// The value of a constant: what a constant key must hold, or a constant type always is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Literal {
    /// A string.
    Str(&'static str),
    /// An integer.
    Int(i64),
    /// A number.
    Num(f64),
    /// A boolean.
    Bool(bool),
}

impl Literal {
    /// Reads a value and accepts only this one. The check happens inside the parser's own call,
    /// so an error has the position of the value. Never inlined, so that a partner's build links
    /// to it in this crate (see [`crate::shared`]).
    #[inline(never)]
    pub fn check<'de, D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        match self {
            Literal::Str(_) => deserializer.deserialize_str(self),
            Literal::Int(_) => deserializer.deserialize_i64(self),
            Literal::Num(_) => deserializer.deserialize_f64(self),
            Literal::Bool(_) => deserializer.deserialize_bool(self),
        }
    }

    fn refuse<E: de::Error>(self, found: Unexpected<'_>) -> Result<(), E> {
        Err(E::invalid_value(found, &self))
    }
}

impl<'de> Visitor<'de> for Literal {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<(), E> {
        match self {
            Literal::Str(want) if want == value => Ok(()),
            _ => self.refuse(Unexpected::Str(value)),
        }
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<(), E> {
        match self {
            Literal::Int(want) if want == value => Ok(()),
            Literal::Num(want) if want == value as f64 => Ok(()),
            _ => self.refuse(Unexpected::Signed(value)),
        }
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<(), E> {
        match self {
            Literal::Int(want) if u64::try_from(want) == Ok(value) => Ok(()),
            Literal::Num(want) if want == value as f64 => Ok(()),
            _ => self.refuse(Unexpected::Unsigned(value)),
        }
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<(), E> {
        match self {
            Literal::Num(want) if want == value => Ok(()),
            _ => self.refuse(Unexpected::Float(value)),
        }
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<(), E> {
        match self {
            Literal::Bool(want) if want == value => Ok(()),
            _ => self.refuse(Unexpected::Bool(value)),
        }
    }
}

impl fmt::Display for Literal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Literal::Str(want) => write!(f, "{want:?}"),
            Literal::Int(want) => write!(f, "{want}"),
            Literal::Num(want) => write!(f, "{want:?}"),
            Literal::Bool(want) => write!(f, "{want}"),
        }
    }
}

impl Serialize for Literal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match *self {
            Literal::Str(value) => serializer.serialize_str(value),
            Literal::Int(value) => serializer.serialize_i64(value),
            Literal::Num(value) => serializer.serialize_f64(value),
            Literal::Bool(value) => serializer.serialize_bool(value),
        }
    }
}

/// A constant key of an object: checked when reading, written when writing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Constant {
    wire: &'static str,
    value: Literal,
    optional: bool,
    nullable: bool,
}

impl Constant {
    /// A string constant whose key must be present, with that value: the common case.
    pub const fn string(wire: &'static str, value: &'static str) -> Self {
        Self::new(wire, Literal::Str(value), false, false)
    }

    /// Any constant: `optional`, the key may be absent; `nullable`, the value may be `null`.
    pub const fn new(wire: &'static str, value: Literal, optional: bool, nullable: bool) -> Self {
        Self {
            wire,
            value,
            optional,
            nullable,
        }
    }
}

impl<'de> DeserializeSeed<'de> for &Constant {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        /// Accepts `null` or the literal.
        struct NullOr(Literal);

        impl<'de> Visitor<'de> for NullOr {
            type Value = ();

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "null or {}", self.0)
            }

            fn visit_none<E>(self) -> Result<(), E> {
                Ok(())
            }

            fn visit_unit<E>(self) -> Result<(), E> {
                Ok(())
            }

            fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
                self.0.check(deserializer)
            }
        }

        if self.nullable {
            deserializer.deserialize_option(NullOr(self.value))
        } else {
            self.value.check(deserializer)
        }
    }
}

/// The constants and data fields of an object type: what generated code implements.
pub trait Fields: Sized {
    /// The object's constant keys, which [`Fields::entry`] names by their place here.
    const CONSTANTS: &'static [Constant] = &[];

    /// The constants that must be present, one bit each (of the first 64).
    const REQUIRED: u64 = required_bits(Self::CONSTANTS);

    /// The wire keys of the plain data fields, which [`Fields::entry`] names by their place
    /// among the fields of their kind.
    const PLAIN: &'static PlainWires = &PlainWires::NONE;

    /// Where the key `wire` goes: a data field by its place in [`Fields::read`]'s `match`, a
    /// plain field by its place in [`Fields::PLAIN`], a constant by its place in
    /// [`Fields::CONSTANTS`], or none of them.
    #[inline(always)]
    fn entry(wire: &str) -> Entry {
        let _ = wire;
        Entry::Other
    }

    /// Reads the data fields of a JSON object: the plain ones into the slots it gives
    /// [`Object::next_field`], the others by the places that gives, until it gives `None`.
    fn read<'de, A: MapAccess<'de>>(object: &mut Object<'de, A, Self>) -> Result<Self, A::Error>;

    /// Writes the data fields.
    fn write<M: SerializeMap>(&self, out: &mut Writer<M>);
}

/// Where a key of an object goes, as [`Fields::entry`] finds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// The data field with this place in the reader's `match`.
    Field(usize),
    /// The plain string field with this place in [`Plain::strings`].
    String(usize),
    /// The plain boolean field with this place in [`Plain::booleans`].
    Boolean(usize),
    /// The plain number field with this place in [`Plain::numbers`].
    Number(usize),
    /// The plain integer field with this place in [`Plain::integers`].
    Integer(usize),
    /// The constant with this place in [`Fields::CONSTANTS`] (an `extra` constant follows them).
    Constant(usize),
    /// Any other key: its value is skipped.
    Other,
}

/// The wire keys of an object type's plain data fields, by kind, in the order of their slots in
/// [`Plain`]. A plain field is a string, boolean, number or integer that is not nullable and has
/// no item bounds: the runtime reads it itself, so the type's reader has no code for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlainWires {
    /// The string fields.
    pub strings: &'static [&'static str],
    /// The boolean fields.
    pub booleans: &'static [&'static str],
    /// The number fields.
    pub numbers: &'static [&'static str],
    /// The integer fields.
    pub integers: &'static [&'static str],
}

impl PlainWires {
    /// No plain fields.
    pub const NONE: Self = Self {
        strings: &[],
        booleans: &[],
        numbers: &[],
        integers: &[],
    };
}

/// The slots of an object's plain data fields, by kind, which [`Object::next_field`] fills.
#[derive(Debug, Default)]
pub struct Plain<'s> {
    /// The string fields.
    pub strings: &'s mut [Option<String>],
    /// The boolean fields.
    pub booleans: &'s mut [Option<bool>],
    /// The number fields.
    pub numbers: &'s mut [Option<f64>],
    /// The integer fields.
    pub integers: &'s mut [Option<i64>],
}

/// Reads a key as the [`Entry`] `entry` finds for it, matching it where the parser holds the
/// text, so that no key is ever copied.
struct EntrySeed<F> {
    entry: F,
    /// The number of the type's own constants, which the `extra` ones follow.
    own: usize,
    extra: &'static [Constant],
}

impl<'de, F: Fn(&str) -> Entry> Visitor<'de> for EntrySeed<F> {
    type Value = Entry;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    #[inline]
    fn visit_str<E>(self, wire: &str) -> Result<Entry, E> {
        match (self.entry)(wire) {
            Entry::Other if !self.extra.is_empty() => Ok(extra_entry(self.extra, self.own, wire)),
            entry => Ok(entry),
        }
    }
}

impl<'de, F: Fn(&str) -> Entry> DeserializeSeed<'de> for EntrySeed<F> {
    type Value = Entry;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Entry, D::Error> {
        deserializer.deserialize_str(self)
    }
}

/// The entry of `wire` among the `extra` constants, which follow the type's `own` ones.
fn extra_entry(extra: &[Constant], own: usize, wire: &str) -> Entry {
    match extra.iter().position(|constant| constant.wire == wire) {
        Some(index) => Entry::Constant(own + index),
        None => Entry::Other,
    }
}

/// A bit for each of the first 64 constants that is not optional.
const fn required_bits(constants: &[Constant]) -> u64 {
    let mut bits = 0;
    let mut index = 0;
    while index < constants.len() && index < 64 {
        if !constants[index].optional {
            bits |= 1 << index;
        }
        index += 1;
    }
    bits
}

/// A JSON object being read as `T`: only finding where each key goes is `T`'s; reading values
/// and checking constants are [`Values`]'s, which it dereferences to, so that code is compiled
/// once for all object types instead of once for each.
pub struct Object<'de, A, T> {
    values: Values<'de, A>,
    object: PhantomData<fn() -> T>,
}

impl<'de, A: MapAccess<'de>, T: Fields> Object<'de, A, T> {
    /// The place of the next data field in the reader's `match`: plain fields are read into
    /// `plain`, constants checked and other keys skipped on the way. At the end of the object,
    /// first checks that no required constant was missing.
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline)]
    pub fn next_field(&mut self, plain: &mut Plain<'_>) -> Result<Option<usize>, A::Error> {
        let table = Table {
            own: T::CONSTANTS,
            required: T::REQUIRED,
            plain: T::PLAIN,
        };
        // An optimized build reads the key with `T`'s own seed: the parser's reading of it is
        // then compiled into each type's reader, where `T::entry` is called directly (through
        // one seed for every type, a crate of many types kept that reading out of line, with
        // each type's `entry` called through a pointer: 4% more instructions on the smallest
        // payload). An unoptimized build has one seed for every type, whose key reading it
        // links to in the runtime (see `crate::shared`) instead of compiling it per type.
        #[cfg(not(debug_assertions))]
        let entry = T::entry;
        #[cfg(debug_assertions)]
        let entry = T::entry as fn(&str) -> Entry;
        loop {
            // The rest of the loop is `Values`', generic over the map only.
            let seed = EntrySeed {
                entry,
                own: table.own.len(),
                extra: self.values.seen.extra,
            };
            let entry = self.values.map.next_key_seed(seed)?;
            if let ControlFlow::Break(found) = self.values.take(entry, &table, plain)? {
                return Ok(found);
            }
        }
    }
}

impl<'de, A, T> std::ops::Deref for Object<'de, A, T> {
    type Target = Values<'de, A>;

    #[inline(always)]
    fn deref(&self) -> &Values<'de, A> {
        &self.values
    }
}

impl<'de, A, T> std::ops::DerefMut for Object<'de, A, T> {
    #[inline(always)]
    fn deref_mut(&mut self) -> &mut Values<'de, A> {
        &mut self.values
    }
}

/// What reading an object needs of its type, beside its reader and its key match.
struct Table {
    own: &'static [Constant],
    /// The constants among `own` that must be present, a bit for each of the first 64.
    required: u64,
    plain: &'static PlainWires,
}

/// The values of a JSON object being read, whatever its type: data fields read into their
/// slots, constants checked against the ones seen.
pub struct Values<'de, A> {
    map: A,
    seen: Seen,
    input: PhantomData<fn(&'de ())>,
}

impl<'de, A: MapAccess<'de>> Values<'de, A> {
    /// Takes the next key's entry, with what the type's table gives: breaks with the place of a
    /// data field, or with `None` at the end of the object, for [`Object::next_field`] to
    /// return; goes on once the key's value is read or skipped. It is inlined into each type's
    /// reader, where the table is known: the reading of each plain kind the type has is
    /// compiled once there, however many fields of that kind it has. (Compiled once for all
    /// types, with the table read at run time, the four-event crate built in 0.65 of the
    /// hand-written serde's release time instead of 0.75, but decoding took about 9% more
    /// instructions on the smallest payload.)
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline)]
    fn take(
        &mut self,
        entry: Option<Entry>,
        table: &Table,
        plain: &mut Plain<'_>,
    ) -> Result<ControlFlow<Option<usize>>, A::Error> {
        let wires = table.plain;
        match entry {
            Some(Entry::Field(index)) => return Ok(ControlFlow::Break(Some(index))),
            Some(Entry::String(index)) => self.fill_plain(plain.strings, wires.strings, index)?,
            Some(Entry::Boolean(index)) => {
                self.fill_plain(plain.booleans, wires.booleans, index)?;
            }
            Some(Entry::Number(index)) => self.fill_plain(plain.numbers, wires.numbers, index)?,
            Some(Entry::Integer(index)) => {
                self.fill_plain(plain.integers, wires.integers, index)?;
            }
            Some(Entry::Constant(index)) => self.constant_at(table.own, index)?,
            Some(Entry::Other) => self.skip()?,
            None => {
                self.finish(table.own, table.required)?;
                return Ok(ControlFlow::Break(None));
            }
        }
        Ok(ControlFlow::Continue(()))
    }

    /// Reads a plain field's value into the slot at `index` of `slots`; a place with no slot
    /// (which generated code never gives) skips the value.
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline)]
    fn fill_plain<V: PlainValue>(
        &mut self,
        slots: &mut [Option<V>],
        wires: &'static [&'static str],
        index: usize,
    ) -> Result<(), A::Error> {
        match slots.get_mut(index) {
            Some(slot) => self.read_slot(slot, Wire::At(wires, index), V::read_into),
            None => self.skip(),
        }
    }

    /// Reads a data field's value into its slot; a key given twice is an error.
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline)]
    pub fn fill<V: Deserialize<'de>>(
        &mut self,
        slot: &mut Option<V>,
        wire: &'static str,
    ) -> Result<(), A::Error> {
        self.fill_with(slot, Wire::Named(wire), PhantomData)
    }

    /// [`Values::fill`] for a value whose type is made of the standard library's types only (a
    /// map or list of strings, a nullable string): it is read by one function for each such
    /// type, never inlined, and a partner's build links to this crate's instances of the common
    /// ones (see [`crate::shared`]) instead of compiling them.
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline)]
    pub fn fill_std<V: Deserialize<'de>>(
        &mut self,
        slot: &mut Option<V>,
        wire: &'static str,
    ) -> Result<(), A::Error> {
        self.read_slot(slot, Wire::Named(wire), read_value)
    }

    /// [`Values::fill`] for an array with `min_items` / `max_items`: a value outside them is an
    /// error at the field.
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline)]
    pub fn fill_items<V: Deserialize<'de> + Counted>(
        &mut self,
        slot: &mut Option<V>,
        wire: &'static str,
        min: u64,
        max: u64,
    ) -> Result<(), A::Error> {
        let seed = Items::<V> {
            min,
            max,
            items: PhantomData,
        };
        self.fill_with(slot, Wire::Named(wire), seed)
    }

    /// Reads a data field's value into its slot with `seed`, as [`Values::read_slot`] does (not
    /// through it: the closure it would take is one more function per value type in an
    /// unoptimized build, which made the four events' unoptimized IR 4% larger).
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline)]
    fn fill_with<S: DeserializeSeed<'de>>(
        &mut self,
        slot: &mut Option<S::Value>,
        wire: Wire,
        seed: S,
    ) -> Result<(), A::Error> {
        if slot.is_some() {
            return Err(duplicate(wire.name()));
        }
        match self.map.next_value_seed(seed) {
            Ok(value) => {
                *slot = Some(value);
                Ok(())
            }
            Err(err) => {
                trail::push(wire.name());
                Err(err)
            }
        }
    }

    /// Reads a field's value into its slot with `read`: a key given twice is an error, and a
    /// value that fails leaves its key on the error trail.
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline)]
    fn read_slot<V>(
        &mut self,
        slot: &mut Option<V>,
        wire: Wire,
        read: impl FnOnce(&mut A, &mut Option<V>) -> Result<(), A::Error>,
    ) -> Result<(), A::Error> {
        if slot.is_some() {
            return Err(duplicate(wire.name()));
        }
        read(&mut self.map, slot).inspect_err(|_| trail::push(wire.name()))
    }

    /// Skips the value of a key the type does not have: one function for every object type,
    /// as payloads seldom hold such keys.
    #[inline(never)]
    fn skip(&mut self) -> Result<(), A::Error> {
        self.map.next_value::<IgnoredAny>().map(|_| ())
    }

    /// Checks the value of the constant at `index` of the type's constants followed by the
    /// `extra` ones: it must match, and be given once.
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline)]
    fn constant_at(&mut self, own: &'static [Constant], index: usize) -> Result<(), A::Error> {
        match self.seen.mark(own, index) {
            Mark::First(constant) => self
                .map
                .next_value_seed(constant)
                .inspect_err(|_| trail::push(constant.wire)),
            Mark::Again(constant) => Err(duplicate(constant.wire)),
            Mark::Unknown => self.skip(),
        }
    }

    /// Fails when a constant in `required` or another required one was missing.
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline)]
    fn finish(&self, own: &'static [Constant], required: u64) -> Result<(), A::Error> {
        let simple = self.seen.extra.is_empty() && own.len() <= 64;
        if simple && self.seen.bits & required == required {
            return Ok(());
        }
        match self.seen.missing(own) {
            Some(wire) => Err(missing_constant(wire)),
            None => Ok(()),
        }
    }
}

/// A plain field's kind of value, read into its slot. Each kind is read by one function for
/// every object type, never inlined, which a partner's build links to in this crate (see
/// [`crate::shared`]) instead of compiling it and the parsing under it.
trait PlainValue: Sized {
    /// Reads the next value of `map` into `slot`.
    fn read_into<'de, A: MapAccess<'de>>(
        map: &mut A,
        slot: &mut Option<Self>,
    ) -> Result<(), A::Error>;
}

impl PlainValue for String {
    /// The string is made where the slot is, not moved there.
    #[inline(never)]
    fn read_into<'de, A: MapAccess<'de>>(
        map: &mut A,
        slot: &mut Option<Self>,
    ) -> Result<(), A::Error> {
        map.next_value_seed(StringSlot(slot))
    }
}

impl PlainValue for bool {
    #[inline(never)]
    fn read_into<'de, A: MapAccess<'de>>(
        map: &mut A,
        slot: &mut Option<Self>,
    ) -> Result<(), A::Error> {
        map.next_value_seed(BoolSlot(slot))
    }
}

/// `f64` and `i64`.
macro_rules! plain_number {
    ($($kind:ty),*) => {$(
        impl PlainValue for $kind {
            #[inline(always)]
            fn read_into<'de, A: MapAccess<'de>>(
                map: &mut A,
                slot: &mut Option<Self>,
            ) -> Result<(), A::Error> {
                read_value(map, slot)
            }
        }
    )*};
}

plain_number!(f64, i64);

/// Reads the next value of `map` into `slot`: one function for each type of value, never
/// inlined, for the values whose instances this crate holds.
#[inline(never)]
fn read_value<'de, A: MapAccess<'de>, V: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<V>,
) -> Result<(), A::Error> {
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Reads a string into a slot, as serde's `String` reads one (text, or bytes that are UTF-8).
struct StringSlot<'s>(&'s mut Option<String>);

impl<'de> DeserializeSeed<'de> for StringSlot<'_> {
    type Value = ();

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_string(self)
    }
}

impl<'de> Visitor<'de> for StringSlot<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    #[inline]
    fn visit_str<E>(self, value: &str) -> Result<(), E> {
        *self.0 = Some(value.to_owned());
        Ok(())
    }

    #[inline]
    fn visit_string<E>(self, value: String) -> Result<(), E> {
        *self.0 = Some(value);
        Ok(())
    }

    fn visit_bytes<E: de::Error>(self, value: &[u8]) -> Result<(), E> {
        match std::str::from_utf8(value) {
            Ok(text) => self.visit_str(text),
            Err(_) => Err(E::invalid_value(Unexpected::Bytes(value), &self)),
        }
    }
}

/// Reads a boolean into a slot, as serde's `bool` reads one.
struct BoolSlot<'s>(&'s mut Option<bool>);

impl<'de> DeserializeSeed<'de> for BoolSlot<'_> {
    type Value = ();

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_bool(self)
    }
}

impl<'de> Visitor<'de> for BoolSlot<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a boolean")
    }

    #[inline]
    fn visit_bool<E>(self, value: bool) -> Result<(), E> {
        *self.0 = Some(value);
        Ok(())
    }
}

/// A field's wire name, as a filler is given it: looked up only on the error paths.
#[derive(Clone, Copy)]
enum Wire {
    /// The name itself.
    Named(&'static str),
    /// The name at a place of a type's plain wires (empty when there is none, which generated
    /// code never gives).
    At(&'static [&'static str], usize),
}

impl Wire {
    /// The name.
    #[cold]
    fn name(self) -> &'static str {
        match self {
            Wire::Named(wire) => wire,
            Wire::At(wires, index) => wires.get(index).copied().unwrap_or_default(),
        }
    }
}

/// The error for a key given twice.
#[cold]
fn duplicate<E: de::Error>(wire: &'static str) -> E {
    trail::object_failed();
    E::duplicate_field(wire)
}

/// The error for a required constant that is missing.
#[cold]
fn missing_constant<E: de::Error>(wire: &'static str) -> E {
    trail::object_failed();
    E::missing_field(wire)
}

/// Which constant keys of an object were seen: the type's own, then the `extra` ones (an
/// event's own `schemaVersion` beside a shared type's).
struct Seen {
    extra: &'static [Constant],
    bits: u64,
    beyond_64: Option<Box<[bool]>>,
}

/// What marking a constant seen found.
enum Mark {
    /// The constant, seen for the first time.
    First(&'static Constant),
    /// The constant, seen before.
    Again(&'static Constant),
    /// No constant has that place.
    Unknown,
}

impl Seen {
    /// Nothing seen yet, of the type's own constants and `extra`.
    #[inline(always)]
    fn new(extra: &'static [Constant]) -> Self {
        Self {
            extra,
            bits: 0,
            beyond_64: None,
        }
    }

    /// Marks the constant at `index` of `own` and then `extra` seen.
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline)]
    fn mark(&mut self, own: &'static [Constant], index: usize) -> Mark {
        let constant = match index.checked_sub(own.len()) {
            None => own.get(index),
            Some(extra) => self.extra.get(extra),
        };
        let Some(constant) = constant else {
            return Mark::Unknown;
        };
        let before = if index < 64 {
            let before = self.bits & (1 << index) != 0;
            self.bits |= 1 << index;
            before
        } else {
            self.mark_beyond_64(own.len() + self.extra.len(), index)
        };
        if before {
            Mark::Again(constant)
        } else {
            Mark::First(constant)
        }
    }

    /// Marks a constant past the first 64 seen; true when it was seen before.
    #[cold]
    fn mark_beyond_64(&mut self, count: usize, index: usize) -> bool {
        let beyond = self
            .beyond_64
            .get_or_insert_with(|| vec![false; count.saturating_sub(64)].into_boxed_slice());
        beyond
            .get_mut(index - 64)
            .is_some_and(|seen| std::mem::replace(seen, true))
    }

    /// The wire name of the first required constant that was not seen.
    #[cold]
    fn missing(&self, own: &'static [Constant]) -> Option<&'static str> {
        let beyond = self.beyond_64.as_deref().unwrap_or_default();
        let all = own.iter().chain(self.extra).enumerate();
        all.filter(|(_, constant)| !constant.optional)
            .find(|(index, _)| match index.checked_sub(64) {
                None => self.bits & (1 << index) == 0,
                Some(past) => !beyond.get(past).copied().unwrap_or(false),
            })
            .map(|(_, constant)| constant.wire)
    }
}

/// The error for the first required field that is missing, given each required field's wire
/// name and whether its slot is empty.
#[cold]
pub fn missing<E: de::Error>(fields: &[(&'static str, bool)]) -> E {
    trail::object_failed();
    match fields.iter().find(|(_, missing)| *missing) {
        Some((wire, _)) => E::missing_field(wire),
        None => E::custom("a required field is missing"),
    }
}

/// Reads an object type from a JSON object (and nothing else), checking its constants and
/// `extra` ones (an event's own `schemaVersion`, beside a shared type's constants).
#[inline]
pub fn read<'de, D: Deserializer<'de>, T: Fields>(
    deserializer: D,
    extra: &'static [Constant],
) -> Result<T, D::Error> {
    /// Visits the JSON object.
    struct ObjectVisitor<T> {
        extra: &'static [Constant],
        object: PhantomData<T>,
    }

    impl<'de, T: Fields> Visitor<'de> for ObjectVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a JSON object")
        }

        #[inline]
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            let mut object = Object {
                values: Values {
                    map,
                    seen: Seen::new(self.extra),
                    input: PhantomData,
                },
                object: PhantomData,
            };
            T::read(&mut object)
        }
    }

    let visitor = ObjectVisitor {
        extra,
        object: PhantomData,
    };
    deserializer.deserialize_map(visitor)
}

/// A JSON object being written. The first error is kept, and the entries after it are not
/// written, so writing a struct's fields is one call each, with no branch on a result between.
pub struct Writer<M: SerializeMap> {
    map: M,
    error: Option<M::Error>,
}

impl<M: SerializeMap> Writer<M> {
    /// Writes one entry. Only writing the value is `T`'s; the key is written by one function for
    /// every type of value. Never inlined: a struct's writer is then one call per field.
    #[inline(never)]
    pub fn entry<T: Serialize + ?Sized>(&mut self, wire: &'static str, value: &T) {
        if self.key(wire) {
            let written = self.map.serialize_value(value);
            self.keep(written);
        }
    }

    /// Writes a key, unless an error came first: true when its value is to be written.
    #[inline]
    fn key(&mut self, wire: &'static str) -> bool {
        if self.error.is_some() {
            return false;
        }
        let written = self.map.serialize_key(wire);
        self.keep(written)
    }

    /// Keeps the first error: true when there is none.
    #[inline]
    fn keep(&mut self, written: Result<(), M::Error>) -> bool {
        match written {
            Ok(()) => true,
            Err(err) => {
                self.error = Some(err);
                false
            }
        }
    }

    /// Starts writing an object: one function for every object type.
    fn open<S: Serializer<SerializeMap = M, Error = M::Error>>(
        serializer: S,
    ) -> Result<Self, S::Error> {
        Ok(Writer {
            map: serializer.serialize_map(None)?,
            error: None,
        })
    }

    /// Writes the constants `own`, then `extra`, and ends the object (or gives the first
    /// error): one function for every object type.
    fn close(mut self, own: &[Constant], extra: &[Constant]) -> Result<M::Ok, M::Error> {
        for constant in own.iter().chain(extra) {
            self.entry(constant.wire, &constant.value);
        }
        self.end()
    }

    /// Writes an optional field, leaving the key out when it is `None`.
    #[inline]
    pub fn optional<T: Serialize>(&mut self, wire: &'static str, value: &Option<T>) {
        if let Some(value) = value {
            self.entry(wire, value);
        }
    }

    /// Writes an array field with `min_items` / `max_items`, refusing a value outside them.
    pub fn items<V: Serialize + Counted>(
        &mut self,
        wire: &'static str,
        value: &V,
        min: u64,
        max: u64,
    ) {
        let Some(count) = value.count() else {
            return self.entry(wire, value);
        };
        match outside(count, min, max) {
            Some(expected) if self.error.is_none() => {
                self.error = Some(ser::Error::custom(format_args!(
                    "`{wire}` has {count} items, expected {expected}"
                )));
            }
            Some(_) => {}
            None => self.entry(wire, value),
        }
    }

    /// [`Writer::items`] for an optional field, left out when it is `None`.
    pub fn optional_items<V: Serialize + Counted>(
        &mut self,
        wire: &'static str,
        value: &Option<V>,
        min: u64,
        max: u64,
    ) {
        if let Some(value) = value {
            self.items(wire, value, min, max);
        }
    }

    /// Ends the object, or gives the first error.
    fn end(self) -> Result<M::Ok, M::Error> {
        match self.error {
            None => self.map.end(),
            Some(err) => Err(err),
        }
    }
}

/// Writes an object type as a JSON object: its data fields, its constants, then `extra`.
#[inline]
pub fn write<S: Serializer, T: Fields>(
    value: &T,
    serializer: S,
    extra: &'static [Constant],
) -> Result<S::Ok, S::Error> {
    let mut out = Writer::open(serializer)?;
    value.write(&mut out);
    out.close(T::CONSTANTS, extra)
}

/// Reads a string enum's value: one of `wires`, giving the value at the same place of `values`.
#[inline]
pub fn read_enum<'de, D: Deserializer<'de>, E: Copy + 'static>(
    deserializer: D,
    wires: &'static [&'static str],
    values: &'static [E],
) -> Result<E, D::Error> {
    let index = deserializer.deserialize_str(VariantVisitor { wires })?;
    // `wires` and `values` are one list each of the same enum, in the same order.
    values
        .get(index)
        .copied()
        .ok_or_else(|| de::Error::unknown_variant("", wires))
}

/// Reads a string enum's value as its place in `wires`: one visitor for every enum type, so
/// reading the string is compiled once, not once for each.
struct VariantVisitor {
    wires: &'static [&'static str],
}

impl<'de> Visitor<'de> for VariantVisitor {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<usize, E> {
        match self.wires.iter().position(|wire| *wire == value) {
            Some(index) => Ok(index),
            None => Err(E::unknown_variant(value, self.wires)),
        }
    }
}

/// A value whose items count against `min_items` / `max_items`: an array, or an `Option` of one.
pub trait Counted {
    /// The number of items, if there is an array.
    fn count(&self) -> Option<usize>;
}

impl<T> Counted for Vec<T> {
    fn count(&self) -> Option<usize> {
        Some(self.len())
    }
}

impl<T: Counted> Counted for Option<T> {
    fn count(&self) -> Option<usize> {
        self.as_ref().and_then(Counted::count)
    }
}

/// What `count` items break: `at least 2 items`, or `None` within `min..=max`.
fn outside(count: usize, min: u64, max: u64) -> Option<String> {
    let count = count as u64;
    if count < min {
        Some(format!("at least {min} items"))
    } else if count > max {
        Some(format!("at most {max} items"))
    } else {
        None
    }
}

/// Reads a field's value and checks its item count.
struct Items<V> {
    min: u64,
    max: u64,
    items: PhantomData<V>,
}

impl<'de, V: Deserialize<'de> + Counted> DeserializeSeed<'de> for Items<V> {
    type Value = V;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<V, D::Error> {
        let value = V::deserialize(deserializer)?;
        let count = value.count();
        match count.and_then(|count| outside(count, self.min, self.max)) {
            Some(expected) => Err(de::Error::invalid_length(
                count.unwrap_or_default(),
                &expected.as_str(),
            )),
            None => Ok(value),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An object with a required string, an optional bounded array and two constants.
    #[derive(Debug, PartialEq)]
    struct Call {
        id: String,
        legs: Option<Vec<i64>>,
    }

    impl Fields for Call {
        const CONSTANTS: &'static [Constant] = &[
            Constant::string("schemaVersion", "1.0.0"),
            Constant::new("flag", Literal::Bool(true), true, true),
        ];

        fn entry(wire: &str) -> Entry {
            match wire {
                "id" => Entry::Field(0),
                "legs" => Entry::Field(1),
                "schemaVersion" => Entry::Constant(0),
                "flag" => Entry::Constant(1),
                _ => Entry::Other,
            }
        }

        fn read<'de, A: MapAccess<'de>>(
            object: &mut Object<'de, A, Self>,
        ) -> Result<Self, A::Error> {
            let (mut id, mut legs) = (None, None);
            while let Some(field) = object.next_field(&mut Plain::default())? {
                match field {
                    0 => object.fill(&mut id, "id")?,
                    _ => object.fill_items(&mut legs, "legs", 1, 2)?,
                }
            }
            Ok(Self {
                id: id.ok_or_else(|| missing(&[("id", true)]))?,
                legs,
            })
        }

        fn write<M: SerializeMap>(&self, out: &mut Writer<M>) {
            out.entry("id", &self.id);
            out.optional_items("legs", &self.legs, 1, 2);
        }
    }

    impl<'de> Deserialize<'de> for Call {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            read(deserializer, &[])
        }
    }

    impl Serialize for Call {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            write(self, serializer, &[])
        }
    }

    fn decode(text: &str) -> Result<Call, String> {
        serde_json::from_str(text).map_err(|err| err.to_string())
    }

    #[test]
    fn an_object_round_trips_with_its_constants() {
        let text = r#"{"id":"c-1","legs":[1,2],"schemaVersion":"1.0.0","flag":true}"#;
        let call = decode(text).expect("decodes");
        assert_eq!(
            call,
            Call {
                id: "c-1".into(),
                legs: Some(vec![1, 2])
            }
        );
        assert_eq!(serde_json::to_string(&call).expect("encodes"), text);
        let bare = decode(r#"{"id":"c-2","schemaVersion":"1.0.0","flag":null,"other":[{}]}"#);
        assert_eq!(
            bare,
            Ok(Call {
                id: "c-2".into(),
                legs: None
            })
        );
    }

    #[test]
    fn a_plain_string_is_read_into_its_slot_from_text_or_bytes_that_are_utf8() {
        use serde::de::value::{BytesDeserializer, Error, StrDeserializer, StringDeserializer};

        let mut slot = None;
        let read = StringSlot(&mut slot).deserialize(StrDeserializer::<Error>::new("a"));
        assert_eq!((read, slot.as_deref()), (Ok(()), Some("a")));
        let mut slot = None;
        let read = StringSlot(&mut slot).deserialize(StringDeserializer::<Error>::new("b".into()));
        assert_eq!((read, slot.as_deref()), (Ok(()), Some("b")));
        let mut slot = None;
        let read = StringSlot(&mut slot).deserialize(BytesDeserializer::<Error>::new(b"c"));
        assert_eq!((read, slot.as_deref()), (Ok(()), Some("c")));
        let mut slot = None;
        let read = StringSlot(&mut slot).deserialize(BytesDeserializer::<Error>::new(&[0xff]));
        assert!(read.is_err() && slot.is_none(), "{read:?}");
    }

    #[test]
    fn a_plain_boolean_is_read_into_its_slot_and_nothing_else_is() {
        use serde::de::value::{BoolDeserializer, Error, StrDeserializer};

        let mut slot = None;
        let read = BoolSlot(&mut slot).deserialize(BoolDeserializer::<Error>::new(true));
        assert_eq!((read, slot), (Ok(()), Some(true)));
        let mut slot = None;
        let read = BoolSlot(&mut slot).deserialize(StrDeserializer::<Error>::new("true"));
        let err = read.expect_err("a string is not a boolean");
        assert!(err.to_string().ends_with("expected a boolean"), "{err}");
        assert_eq!(slot, None);
    }

    /// An object of plain fields only, one of each kind (the count optional), read as
    /// generated code reads it: the runtime fills the slots.
    #[derive(Debug, PartialEq)]
    struct Reading {
        unit: String,
        valid: bool,
        value: f64,
        count: Option<i64>,
    }

    impl Fields for Reading {
        const PLAIN: &'static PlainWires = &PlainWires {
            strings: &["unit"],
            booleans: &["valid"],
            numbers: &["value"],
            integers: &["count"],
        };

        fn entry(wire: &str) -> Entry {
            match wire {
                "unit" => Entry::String(0),
                "valid" => Entry::Boolean(0),
                "value" => Entry::Number(0),
                "count" => Entry::Integer(0),
                _ => Entry::Other,
            }
        }

        fn read<'de, A: MapAccess<'de>>(
            object: &mut Object<'de, A, Self>,
        ) -> Result<Self, A::Error> {
            struct Slots {
                strings: [Option<String>; 1],
                booleans: [Option<bool>; 1],
                numbers: [Option<f64>; 1],
                integers: [Option<i64>; 1],
            }
            let mut slots = Slots {
                strings: [None],
                booleans: [None],
                numbers: [None],
                integers: [None],
            };
            let mut plain = Plain {
                strings: &mut slots.strings,
                booleans: &mut slots.booleans,
                numbers: &mut slots.numbers,
                integers: &mut slots.integers,
            };
            while object.next_field(&mut plain)?.is_some() {}
            let Slots {
                strings: [Some(unit)],
                booleans: [Some(valid)],
                numbers: [Some(value)],
                integers: [count],
            } = slots
            else {
                return Err(missing(&[
                    ("unit", slots.strings[0].is_none()),
                    ("valid", slots.booleans[0].is_none()),
                    ("value", slots.numbers[0].is_none()),
                ]));
            };
            Ok(Self {
                unit,
                valid,
                value,
                count,
            })
        }

        fn write<M: SerializeMap>(&self, out: &mut Writer<M>) {
            out.entry("unit", &self.unit);
            out.entry("valid", &self.valid);
            out.entry("value", &self.value);
            out.optional("count", &self.count);
        }
    }

    impl<'de> Deserialize<'de> for Reading {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            read(deserializer, &[])
        }
    }

    #[test]
    fn plain_fields_are_read_into_their_slots_and_checked_like_the_others() {
        let read = |text: &str| serde_json::from_str::<Reading>(text).map_err(|e| e.to_string());
        let text = r#"{"count":3,"other":{"unit":"x"},"value":2.5,"unit":"C","valid":true}"#;
        let expected = Reading {
            unit: "C".into(),
            valid: true,
            value: 2.5,
            count: Some(3),
        };
        assert_eq!(read(text), Ok(expected));
        let cases = [
            (r#"{"unit":"C","valid":true}"#, "missing field `value`"),
            (
                r#"{"unit":"C","unit":"F","valid":true,"value":1}"#,
                "duplicate field `unit`",
            ),
            (
                r#"{"unit":"C","valid":"yes","value":1}"#,
                "invalid type: string \"yes\", expected a boolean",
            ),
            (
                r#"{"unit":"C","valid":true,"value":1,"count":1.5}"#,
                "invalid type: floating point `1.5`, expected i64",
            ),
        ];
        for (text, expected) in cases {
            let err = read(text).expect_err(text);
            assert!(err.starts_with(expected), "{text}: {err}");
        }
    }

    #[test]
    fn constants_keys_and_bounds_are_checked() {
        let cases = [
            (
                r#"{"id":"c","schemaVersion":"2.0.0"}"#,
                "invalid value: string \"2.0.0\", expected \"1.0.0\"",
            ),
            (r#"{"id":"c"}"#, "missing field `schemaVersion`"),
            (r#"{"schemaVersion":"1.0.0"}"#, "missing field `id`"),
            (
                r#"{"id":"c","id":"d","schemaVersion":"1.0.0"}"#,
                "duplicate field `id`",
            ),
            (
                r#"{"id":"c","schemaVersion":"1.0.0","schemaVersion":"1.0.0"}"#,
                "duplicate field `schemaVersion`",
            ),
            (
                r#"{"id":"c","schemaVersion":"1.0.0","flag":false}"#,
                "invalid value: boolean `false`, expected true",
            ),
            (
                r#"{"id":"c","schemaVersion":"1.0.0","legs":[]}"#,
                "invalid length 0, expected at least 1 items",
            ),
            (
                r#"["c","1.0.0"]"#,
                "invalid type: sequence, expected a JSON object",
            ),
        ];
        for (text, expected) in cases {
            let err = decode(text).expect_err(text);
            assert!(err.starts_with(expected), "{text}: {err}");
        }
    }

    #[test]
    fn escaped_keys_and_extra_constants_are_read_like_the_others() {
        let escaped = r#"{"i\u0064":"c","schemaVers\u0069on":"1.0.0"}"#;
        let call = Call {
            id: "c".into(),
            legs: None,
        };
        assert_eq!(decode(escaped), Ok(call));
        const EXTRA: &[Constant] = &[Constant::string("kind", "call")];
        let read_extra = |text: &str| {
            read::<_, Call>(&mut serde_json::Deserializer::from_str(text), EXTRA)
                .map(|_| ())
                .map_err(|e| e.to_string())
        };
        assert_eq!(
            read_extra(r#"{"kind":"call","id":"c","schemaVersion":"1.0.0"}"#),
            Ok(())
        );
        let cases = [
            (
                r#"{"id":"c","schemaVersion":"1.0.0"}"#,
                "missing field `kind`",
            ),
            (
                r#"{"id":"c","schemaVersion":"1.0.0","kind":"x"}"#,
                "invalid value: string \"x\", expected \"call\"",
            ),
            (
                r#"{"id":"c","schemaVersion":"1.0.0","kind":"call","kind":"call"}"#,
                "duplicate field `kind`",
            ),
        ];
        for (text, expected) in cases {
            let err = read_extra(text).expect_err(text);
            assert!(err.starts_with(expected), "{text}: {err}");
        }
    }

    #[test]
    fn writing_refuses_an_array_outside_its_bounds() {
        let call = Call {
            id: "c".into(),
            legs: Some(vec![1, 2, 3]),
        };
        let err = serde_json::to_string(&call).expect_err("three legs");
        assert_eq!(
            err.to_string(),
            "`legs` has 3 items, expected at most 2 items"
        );
    }

    #[test]
    fn literals_accept_only_their_value() {
        let check = |literal: Literal, text: &str| {
            literal
                .check(&mut serde_json::Deserializer::from_str(text))
                .map_err(|e| e.to_string())
        };
        assert!(check(Literal::Int(3), "3").is_ok());
        assert!(check(Literal::Int(3), "3.0").is_err());
        assert!(check(Literal::Num(3.0), "3").is_ok());
        assert!(check(Literal::Num(0.5), "0.5").is_ok());
        assert!(check(Literal::Int(-1), "18446744073709551615").is_err());
        assert!(check(Literal::Str("a"), "\"b\"").is_err());
        assert!(check(Literal::Bool(false), "false").is_ok());
    }

    #[test]
    fn enum_values_are_read_from_strings_only() {
        #[derive(Debug, Clone, Copy, PartialEq)]
        enum Media {
            Chat,
            Voice,
        }
        let read = |text: &str| {
            let mut de = serde_json::Deserializer::from_str(text);
            read_enum(&mut de, &["chat", "voice"], &[Media::Chat, Media::Voice])
                .map_err(|e| e.to_string())
        };
        assert_eq!(read("\"voice\""), Ok(Media::Voice));
        assert!(
            read("\"fax\"")
                .expect_err("not a value")
                .starts_with("unknown variant `fax`")
        );
        assert!(read("{\"value\":null}").is_err());
    }
}
