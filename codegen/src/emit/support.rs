//! The private `eventcat_support` module of every expansion: the code all generated types share,
//! generated once rather than per type. Object types read and write themselves through
//! [`Fields`]-style impls that call these helpers; dispatch decodes straight from the text and
//! does the slower work (field paths, repairs) on the failure path only. Helpers a catalog does
//! not need are left out, so the module is warning-free for every catalog.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::Constant;
use crate::plan::{Plan, TypeItem};

/// What the support module must hold for a plan.
struct Needs {
    /// Any object type: the `Fields` machinery and constant checks.
    objects: bool,
    /// Any received event.
    received: bool,
    /// Any field with `min_items` or `max_items`.
    bounds: bool,
    /// Any optional field with them.
    optional_bounds: bool,
    /// Any object data field without item bounds.
    fields: bool,
    /// Any object field that must be present.
    required: bool,
    /// Any object field without item bounds that may be absent.
    optional: bool,
    /// Any string enum.
    enums: bool,
    /// Any constant written `Constant::string`.
    plain_strings: bool,
    /// Any other constant, written `Constant::new`.
    other_constants: bool,
    /// The kinds of constant that occur, as `Literal` variants.
    literals: [bool; 4],
}

impl Needs {
    /// Notes the kind of a constant, for the `Literal` variants.
    fn note(&mut self, value: &Constant) {
        let index = match value {
            Constant::String(_) => 0,
            Constant::Integer(_) => 1,
            Constant::Number(_) => 2,
            Constant::Boolean(_) => 3,
        };
        self.literals[index] = true;
    }

    fn of(plan: &Plan) -> Self {
        let mut needs = Needs {
            objects: false,
            received: plan
                .events
                .iter()
                .any(|e| e.direction == crate::model::Direction::Received),
            bounds: false,
            optional_bounds: false,
            fields: false,
            required: false,
            optional: false,
            enums: false,
            plain_strings: false,
            other_constants: false,
            literals: [false; 4],
        };
        for item in &plan.types {
            match item {
                TypeItem::Struct(s) => {
                    needs.objects = true;
                    if s.wraps.is_none() {
                        needs.required |= s.fields.iter().any(|f| !f.optional);
                        for field in &s.fields {
                            if super::types::item_bounds(field).is_some() {
                                needs.bounds = true;
                                needs.optional_bounds |= field.optional;
                            } else {
                                needs.fields = true;
                                needs.optional |= field.optional;
                            }
                        }
                    }
                    for constant in &s.constants {
                        needs.note(&constant.value);
                        if super::types::plain_string(constant) {
                            needs.plain_strings = true;
                        } else {
                            needs.other_constants = true;
                        }
                    }
                }
                TypeItem::Enum(_) => needs.enums = true,
                TypeItem::Constant(c) => needs.note(&c.value),
                TypeItem::Union(_) | TypeItem::Alias(_) => {}
            }
        }
        needs
    }
}

/// The `eventcat_support` module for `plan`.
pub(super) fn module(plan: &Plan) -> TokenStream {
    let needs = Needs::of(plan);
    let mut items = TokenStream::new();
    // Every expansion has `ReceivedEvent::decode` and `from_message`, even without events.
    items.extend(key());
    if needs.enums {
        items.extend(quote! {
            /// Reads a string enum's value: one of `wires`, giving the same place of `values`.
            #[inline]
            pub(super) fn read_enum<'de, D: ::serde::Deserializer<'de>, E: ::std::marker::Copy + 'static>(
                deserializer: D,
                wires: &'static [&'static str],
                values: &'static [E],
            ) -> ::std::result::Result<E, D::Error> {
                struct EnumVisitor<E: 'static> {
                    wires: &'static [&'static str],
                    values: &'static [E],
                }

                impl<'de, E: ::std::marker::Copy + 'static> ::serde::de::Visitor<'de> for EnumVisitor<E> {
                    type Value = E;

                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str("a string")
                    }

                    fn visit_str<Er: ::serde::de::Error>(self, value: &str) -> ::std::result::Result<E, Er> {
                        let found = self.wires.iter().position(|wire| *wire == value);
                        match found.and_then(|index| self.values.get(index)) {
                            ::std::option::Option::Some(value) => ::std::result::Result::Ok(*value),
                            ::std::option::Option::None => ::std::result::Result::Err(Er::unknown_variant(value, self.wires)),
                        }
                    }
                }

                deserializer.deserialize_str(EnumVisitor { wires, values })
            }
        });
    }
    if needs.objects || needs.literals.iter().any(|used| *used) {
        items.extend(literal(&needs.literals));
    }
    if needs.objects {
        items.extend(objects(&needs));
    }
    if needs.required {
        items.extend(quote! {
            /// A required field's value, or the error that names the missing key.
            #[inline]
            pub(super) fn required<T, E: ::serde::de::Error>(slot: ::std::option::Option<T>, wire: &'static str) -> ::std::result::Result<T, E> {
                slot.ok_or_else(|| E::missing_field(wire))
            }
        });
    }
    // `PartnerEvent::decode` and `ReceivedEvent` exist in every expansion.
    items.extend(decoding(needs.received, needs.objects));
    items.extend(repair());
    items.extend(envelope());
    let uses = quote! { use super::{DecodeError, PartnerEvent}; };
    quote! {
        /// Helpers of the generated code.
        mod eventcat_support {
            #uses

            #items
        }
    }
}

/// `Key`: an object key or string value, borrowed from the input where it can be.
fn key() -> TokenStream {
    quote! {
        /// An object key or a string value, borrowed from the input when it has no escapes.
        pub(super) struct Key<'de>(::std::borrow::Cow<'de, str>);

        impl Key<'_> {
            /// The text.
            #[inline]
            pub(super) fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl<'de> ::serde::Deserialize<'de> for Key<'de> {
            #[inline]
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                deserializer.deserialize_str(KeyVisitor::<()>(::std::marker::PhantomData))
            }
        }

        /// Reads a `Key`; `T` only gives each object type its own copy of the code, which the
        /// compiler then inlines into that type's reader, as serde's derive does.
        pub(super) struct KeyVisitor<T>(::std::marker::PhantomData<fn() -> T>);

        impl<'de, T> ::serde::de::Visitor<'de> for KeyVisitor<T> {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str("a string")
            }

            #[inline]
            fn visit_borrowed_str<E>(self, value: &'de str) -> ::std::result::Result<Key<'de>, E> {
                ::std::result::Result::Ok(Key(::std::borrow::Cow::Borrowed(value)))
            }

            #[inline]
            fn visit_str<E>(self, value: &str) -> ::std::result::Result<Key<'de>, E> {
                ::std::result::Result::Ok(Key(::std::borrow::Cow::Owned(value.to_owned())))
            }

            #[inline]
            fn visit_string<E>(self, value: ::std::string::String) -> ::std::result::Result<Key<'de>, E> {
                ::std::result::Result::Ok(Key(::std::borrow::Cow::Owned(value)))
            }
        }

        impl<'de, T> ::serde::de::DeserializeSeed<'de> for KeyVisitor<T> {
            type Value = Key<'de>;

            #[inline]
            fn deserialize<D: ::serde::Deserializer<'de>>(self, deserializer: D) -> ::std::result::Result<Key<'de>, D::Error> {
                deserializer.deserialize_str(self)
            }
        }
    }
}

/// `Literal`: a constant's value, with only the kinds the catalog uses.
fn literal(used: &[bool; 4]) -> TokenStream {
    let [string, integer, number, boolean] = *used;
    let mut variants = TokenStream::new();
    let mut reads = TokenStream::new();
    let mut visits = TokenStream::new();
    let mut shows = TokenStream::new();
    let mut writes = TokenStream::new();
    // Each check happens inside the parser's own call, so an error has the position of the value.
    let refuse = |unexpected: TokenStream| {
        quote! { ::std::result::Result::Err(::serde::de::Error::invalid_value(::serde::de::Unexpected::#unexpected, &self)) }
    };
    if string {
        variants.extend(quote! { #[doc = " A string."] Str(&'static str), });
        reads.extend(quote! { Literal::Str(_) => deserializer.deserialize_str(self), });
        let refused = refuse(quote! { Str(value) });
        visits.extend(quote! {
            fn visit_str<E: ::serde::de::Error>(self, value: &str) -> ::std::result::Result<(), E> {
                match self {
                    Literal::Str(want) if want == value => ::std::result::Result::Ok(()),
                    _ => #refused,
                }
            }
        });
        shows.extend(quote! { Literal::Str(want) => ::std::write!(f, "{want:?}"), });
        writes.extend(quote! { Literal::Str(value) => serializer.serialize_str(value), });
    }
    if integer || number {
        let int = integer.then(
            || quote! { Literal::Int(want) if want == value => ::std::result::Result::Ok(()), },
        );
        let int_u = integer.then(|| quote! { Literal::Int(want) if u64::try_from(want) == ::std::result::Result::Ok(value) => ::std::result::Result::Ok(()), });
        let num = number.then(|| quote! { Literal::Num(want) if want == value as f64 => ::std::result::Result::Ok(()), });
        let refused_signed = refuse(quote! { Signed(value) });
        let refused_unsigned = refuse(quote! { Unsigned(value) });
        visits.extend(quote! {
            fn visit_i64<E: ::serde::de::Error>(self, value: i64) -> ::std::result::Result<(), E> {
                match self {
                    #int
                    #num
                    _ => #refused_signed,
                }
            }

            fn visit_u64<E: ::serde::de::Error>(self, value: u64) -> ::std::result::Result<(), E> {
                match self {
                    #int_u
                    #num
                    _ => #refused_unsigned,
                }
            }
        });
    }
    if integer {
        variants.extend(quote! { #[doc = " An integer."] Int(i64), });
        reads.extend(quote! { Literal::Int(_) => deserializer.deserialize_i64(self), });
        shows.extend(quote! { Literal::Int(want) => ::std::write!(f, "{want}"), });
        writes.extend(quote! { Literal::Int(value) => serializer.serialize_i64(value), });
    }
    if number {
        variants.extend(quote! { #[doc = " A number."] Num(f64), });
        reads.extend(quote! { Literal::Num(_) => deserializer.deserialize_f64(self), });
        let refused = refuse(quote! { Float(value) });
        visits.extend(quote! {
            fn visit_f64<E: ::serde::de::Error>(self, value: f64) -> ::std::result::Result<(), E> {
                match self {
                    Literal::Num(want) if want == value => ::std::result::Result::Ok(()),
                    _ => #refused,
                }
            }
        });
        shows.extend(quote! { Literal::Num(want) => ::std::write!(f, "{want:?}"), });
        writes.extend(quote! { Literal::Num(value) => serializer.serialize_f64(value), });
    }
    if boolean {
        variants.extend(quote! { #[doc = " A boolean."] Bool(bool), });
        reads.extend(quote! { Literal::Bool(_) => deserializer.deserialize_bool(self), });
        let refused = refuse(quote! { Bool(value) });
        visits.extend(quote! {
            fn visit_bool<E: ::serde::de::Error>(self, value: bool) -> ::std::result::Result<(), E> {
                match self {
                    Literal::Bool(want) if want == value => ::std::result::Result::Ok(()),
                    _ => #refused,
                }
            }
        });
        shows.extend(quote! { Literal::Bool(want) => ::std::write!(f, "{want}"), });
        writes.extend(quote! { Literal::Bool(value) => serializer.serialize_bool(value), });
    }
    quote! {
        /// The value of a constant.
        #[derive(Clone, Copy)]
        pub(super) enum Literal {
            #variants
        }

        impl Literal {
            /// Accepts this value only.
            #[inline]
            pub(super) fn check<'de, D: ::serde::Deserializer<'de>>(self, deserializer: D) -> ::std::result::Result<(), D::Error> {
                match self {
                    #reads
                }
            }
        }

        impl<'de> ::serde::de::Visitor<'de> for Literal {
            type Value = ();

            fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(self, f)
            }

            #visits
        }

        impl ::std::fmt::Display for Literal {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match *self {
                    #shows
                }
            }
        }

        impl ::serde::Serialize for Literal {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                match *self {
                    #writes
                }
            }
        }
    }
}

/// Reading and writing objects: `Fields`, the constant checks, `Object` and `Writer`.
fn objects(needs: &Needs) -> TokenStream {
    // A catalog without events may have no constant at all.
    let allow =
        (!needs.plain_strings && !needs.other_constants).then(|| quote! { #[allow(dead_code)] });
    let mut constructors = TokenStream::new();
    if needs.plain_strings {
        constructors.extend(quote! {
            /// A string constant whose key must be present.
            pub(super) const fn string(wire: &'static str, value: &'static str) -> Self {
                Self(wire, Literal::Str(value), false, false)
            }
        });
    }
    if needs.other_constants {
        constructors.extend(quote! {
            /// Any constant: `optional`, the key may be absent; `nullable`, the value may be null.
            pub(super) const fn new(wire: &'static str, value: Literal, optional: bool, nullable: bool) -> Self {
                Self(wire, value, optional, nullable)
            }
        });
    }
    let constructors =
        (!constructors.is_empty()).then(|| quote! { impl Constant { #constructors } });
    // Every data field is read through `fill_seed`; `fill` and `fill_items` only pick the seed.
    let fill_seed = (needs.fields || needs.bounds).then(|| {
        quote! {
            /// Reads a data field's value into its slot with `seed`; a key given twice is an
            /// error, and a value that fails leaves its key on the error trail.
            #[inline]
            fn fill_seed<S: ::serde::de::DeserializeSeed<'de>>(
                &mut self,
                slot: &mut ::std::option::Option<S::Value>,
                wire: &'static str,
                seed: S,
            ) -> ::std::result::Result<(), A::Error> {
                if slot.is_some() {
                    return ::std::result::Result::Err(::serde::de::Error::duplicate_field(wire));
                }
                match self.map.next_value_seed(seed) {
                    ::std::result::Result::Ok(value) => {
                        *slot = ::std::option::Option::Some(value);
                        ::std::result::Result::Ok(())
                    }
                    ::std::result::Result::Err(err) => {
                        trail::push(wire);
                        ::std::result::Result::Err(err)
                    }
                }
            }
        }
    });
    let fill = needs.fields.then(|| {
        quote! {
            /// Reads a data field's value into its slot.
            #[inline]
            pub(super) fn fill<V: ::serde::Deserialize<'de>>(
                &mut self,
                slot: &mut ::std::option::Option<V>,
                wire: &'static str,
            ) -> ::std::result::Result<(), A::Error> {
                self.fill_seed(slot, wire, ::std::marker::PhantomData)
            }
        }
    });
    let fill_items = needs.bounds.then(|| {
        quote! {
            /// [`Object::fill`] for an array with `min_items` / `max_items`: a value outside them is
            /// an error at the field.
            #[inline]
            pub(super) fn fill_items<V: ::serde::Deserialize<'de> + Counted>(
                &mut self,
                slot: &mut ::std::option::Option<V>,
                wire: &'static str,
                min: u64,
                max: u64,
            ) -> ::std::result::Result<(), A::Error> {
                self.fill_seed(slot, wire, Items::<V> { min, max, items: ::std::marker::PhantomData })
            }
        }
    });
    let write_items = needs.bounds.then(|| {
        let optional = needs.optional_bounds.then(|| {
            quote! {
                /// [`Writer::items`] for an optional field, left out when it is `None`.
                pub(super) fn optional_items<V: ::serde::Serialize + Counted>(&mut self, wire: &'static str, value: &::std::option::Option<V>, min: u64, max: u64) -> ::std::result::Result<(), M::Error> {
                    match value {
                        ::std::option::Option::Some(value) => self.items(wire, value, min, max),
                        ::std::option::Option::None => ::std::result::Result::Ok(()),
                    }
                }
            }
        });
        quote! {
            /// Writes an array field with `min_items` / `max_items`, refusing a value outside them.
            pub(super) fn items<V: ::serde::Serialize + Counted>(&mut self, wire: &'static str, value: &V, min: u64, max: u64) -> ::std::result::Result<(), M::Error> {
                let counted = value.count().map(|count| (count, outside(count, min, max)));
                if let ::std::option::Option::Some((count, ::std::option::Option::Some(expected))) = counted {
                    return ::std::result::Result::Err(::serde::ser::Error::custom(::std::format_args!(
                        "`{wire}` has {count} items, expected {expected}"
                    )));
                }
                self.0.serialize_entry(wire, value)
            }

            #optional
        }
    });
    let counting = needs.bounds.then(|| {
        quote! {
            /// A value whose items count against `min_items` / `max_items`: an array, or an
            /// `Option` of one.
            pub(super) trait Counted {
                /// The number of items, if there is an array.
                fn count(&self) -> ::std::option::Option<usize>;
            }

            impl<T> Counted for ::std::vec::Vec<T> {
                fn count(&self) -> ::std::option::Option<usize> {
                    ::std::option::Option::Some(self.len())
                }
            }

            impl<T: Counted> Counted for ::std::option::Option<T> {
                fn count(&self) -> ::std::option::Option<usize> {
                    self.as_ref().and_then(Counted::count)
                }
            }

            /// What `count` items break: `at least 2 items`, or `None` within `min..=max`.
            fn outside(count: usize, min: u64, max: u64) -> ::std::option::Option<::std::string::String> {
                let count = count as u64;
                if count < min {
                    ::std::option::Option::Some(::std::format!("at least {min} items"))
                } else if count > max {
                    ::std::option::Option::Some(::std::format!("at most {max} items"))
                } else {
                    ::std::option::Option::None
                }
            }

            /// Reads a field's value and checks its item count.
            struct Items<V> {
                min: u64,
                max: u64,
                items: ::std::marker::PhantomData<V>,
            }

            impl<'de, V: ::serde::Deserialize<'de> + Counted> ::serde::de::DeserializeSeed<'de> for Items<V> {
                type Value = V;

                fn deserialize<D: ::serde::Deserializer<'de>>(self, deserializer: D) -> ::std::result::Result<V, D::Error> {
                    let value = V::deserialize(deserializer)?;
                    let count = value.count();
                    match count.and_then(|count| outside(count, self.min, self.max)) {
                        ::std::option::Option::Some(expected) => ::std::result::Result::Err(::serde::de::Error::invalid_length(
                            count.unwrap_or_default(),
                            &expected.as_str(),
                        )),
                        ::std::option::Option::None => ::std::result::Result::Ok(value),
                    }
                }
            }
        }
    });
    let write_optional = needs.optional.then(|| {
        quote! {
            /// Writes an optional field, leaving the key out when it is `None`.
            #[inline]
            pub(super) fn optional<T: ::serde::Serialize>(&mut self, wire: &'static str, value: &::std::option::Option<T>) -> ::std::result::Result<(), M::Error> {
                match value {
                    ::std::option::Option::Some(value) => self.0.serialize_entry(wire, value),
                    ::std::option::Option::None => ::std::result::Result::Ok(()),
                }
            }
        }
    });
    quote! {
        /// The constants and data fields of an object type.
        pub(super) trait Fields: ::std::marker::Sized {
            /// The object's constant keys.
            const CONSTANTS: &'static [Constant] = &[];

            /// Reads the data fields of a JSON object; other keys go to [`Object::other`].
            fn read<'de, A: ::serde::de::MapAccess<'de>>(object: &mut Object<A, Self>) -> ::std::result::Result<Self, A::Error>;

            /// Writes the data fields.
            fn write<M: ::serde::ser::SerializeMap>(&self, out: &mut Writer<M>) -> ::std::result::Result<(), M::Error>;
        }

        /// A constant key of an object, checked when reading and written when writing: the key,
        /// the value, whether the key may be absent and whether the value may be null.
        #allow
        pub(super) struct Constant(&'static str, Literal, bool, bool);

        #constructors

        impl<'de> ::serde::de::DeserializeSeed<'de> for &Constant {
            type Value = ();

            fn deserialize<D: ::serde::Deserializer<'de>>(self, deserializer: D) -> ::std::result::Result<(), D::Error> {
                struct NullOr(Literal);

                impl<'de> ::serde::de::Visitor<'de> for NullOr {
                    type Value = ();

                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        ::std::write!(f, "null or {}", self.0)
                    }

                    fn visit_none<E>(self) -> ::std::result::Result<(), E> {
                        ::std::result::Result::Ok(())
                    }

                    fn visit_unit<E>(self) -> ::std::result::Result<(), E> {
                        ::std::result::Result::Ok(())
                    }

                    fn visit_some<D: ::serde::Deserializer<'de>>(self, deserializer: D) -> ::std::result::Result<(), D::Error> {
                        self.0.check(deserializer)
                    }
                }

                if self.3 {
                    deserializer.deserialize_option(NullOr(self.1))
                } else {
                    self.1.check(deserializer)
                }
            }
        }

        /// A JSON object being read: its entries, and which constant keys were seen.
        pub(super) struct Object<A, T> {
            map: A,
            object: ::std::marker::PhantomData<fn() -> T>,
            own: &'static [Constant],
            extra: &'static [Constant],
            seen: u64,
            seen_beyond_64: ::std::vec::Vec<bool>,
        }

        impl<'de, A: ::serde::de::MapAccess<'de>, T> Object<A, T> {
            /// The next key.
            #[inline]
            pub(super) fn next_key(&mut self) -> ::std::result::Result<::std::option::Option<Key<'de>>, A::Error> {
                self.map.next_key_seed(KeyVisitor::<T>(::std::marker::PhantomData))
            }

            #fill_seed

            #fill

            #fill_items

            /// A key that is not a data field: a constant's value must match; any other key is
            /// skipped.
            #[inline]
            pub(super) fn other(&mut self, key: &str) -> ::std::result::Result<(), A::Error> {
                let (own, extra): (&'static [Constant], &'static [Constant]) = (self.own, self.extra);
                let found = own.iter().chain(extra).enumerate().find(|(_, c)| c.0 == key);
                let ::std::option::Option::Some((index, constant)) = found else {
                    return self.map.next_value::<::serde::de::IgnoredAny>().map(|_| ());
                };
                if self.mark(index) {
                    return ::std::result::Result::Err(::serde::de::Error::duplicate_field(constant.0));
                }
                self.map.next_value_seed(constant).inspect_err(|_| trail::push(constant.0))
            }

            /// Marks a constant seen; true when it was seen before.
            #[inline]
            fn mark(&mut self, index: usize) -> bool {
                if index < 64 {
                    let before = self.seen & (1 << index) != 0;
                    self.seen |= 1 << index;
                    return before;
                }
                if self.seen_beyond_64.is_empty() {
                    self.seen_beyond_64 = ::std::vec![false; self.own.len() + self.extra.len() - 64];
                }
                ::std::mem::replace(&mut self.seen_beyond_64[index - 64], true)
            }

            /// Fails when a required constant was missing.
            fn finish(&self) -> ::std::result::Result<(), A::Error> {
                for (index, constant) in self.own.iter().chain(self.extra).enumerate() {
                    let seen = if index < 64 {
                        self.seen & (1 << index) != 0
                    } else {
                        self.seen_beyond_64.get(index - 64).copied().unwrap_or(false)
                    };
                    if !seen && !constant.2 {
                        return ::std::result::Result::Err(::serde::de::Error::missing_field(constant.0));
                    }
                }
                ::std::result::Result::Ok(())
            }
        }

        /// Reads an object type from a JSON object (and nothing else), checking its constants and
        /// `extra` ones.
        #[inline]
        pub(super) fn read_object<'de, D: ::serde::Deserializer<'de>, T: Fields>(deserializer: D, extra: &'static [Constant]) -> ::std::result::Result<T, D::Error> {
            struct ObjectVisitor<T> {
                extra: &'static [Constant],
                object: ::std::marker::PhantomData<T>,
            }

            impl<'de, T: Fields> ::serde::de::Visitor<'de> for ObjectVisitor<T> {
                type Value = T;

                fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str("a JSON object")
                }

                #[inline]
                fn visit_map<A: ::serde::de::MapAccess<'de>>(self, map: A) -> ::std::result::Result<T, A::Error> {
                    let mut object = Object { map, object: ::std::marker::PhantomData, own: T::CONSTANTS, extra: self.extra, seen: 0, seen_beyond_64: ::std::vec::Vec::new() };
                    let value = T::read(&mut object)?;
                    object.finish()?;
                    ::std::result::Result::Ok(value)
                }
            }

            deserializer.deserialize_map(ObjectVisitor { extra, object: ::std::marker::PhantomData })
        }

        /// A JSON object being written.
        pub(super) struct Writer<M>(M);

        impl<M: ::serde::ser::SerializeMap> Writer<M> {
            /// Writes one entry.
            #[inline]
            pub(super) fn entry<T: ::serde::Serialize + ?::std::marker::Sized>(&mut self, wire: &'static str, value: &T) -> ::std::result::Result<(), M::Error> {
                self.0.serialize_entry(wire, value)
            }

            #write_optional

            #write_items
        }

        /// Writes an object type as a JSON object: its data fields, its constants, then `extra`.
        #[inline]
        pub(super) fn write_object<S: ::serde::Serializer, T: Fields>(value: &T, serializer: S, extra: &'static [Constant]) -> ::std::result::Result<S::Ok, S::Error> {
            use ::serde::ser::SerializeMap as _;
            let mut out = Writer(serializer.serialize_map(::std::option::Option::None)?);
            value.write(&mut out)?;
            for constant in T::CONSTANTS.iter().chain(extra) {
                out.entry(constant.0, &constant.1)?;
            }
            out.0.end()
        }

        #counting
    }
}

/// Decoding an event's payload straight from the text, with the repairs and the error details
/// computed on the failure path only.
fn decoding(received: bool, objects: bool) -> TokenStream {
    // Only object readers record failed keys.
    let push = objects.then(|| {
        quote! {
            /// Records a key whose value failed; a few dozen are plenty for any path.
            #[cold]
            pub(super) fn push(key: &'static str) {
                KEYS.with(|keys| {
                    let ::std::result::Result::Ok(mut keys) = keys.try_borrow_mut() else {
                        return;
                    };
                    if keys.len() < 64 {
                        keys.push(key);
                    }
                });
            }
        }
    });
    // Only `ReceivedEvent` dispatches into variants.
    let decode_into = received.then(|| {
        quote! {
        /// [`decode`] into one variant of a dispatching enum: each event gets its own small copy,
        /// which keeps the dispatching `match` itself small.
        #[inline(never)]
        pub(super) fn decode_into<T: PartnerEvent, E>(
            payload: &str,
            raw: &str,
            supported: &'static [&'static str],
            variant: impl ::std::ops::FnOnce(T) -> E,
        ) -> ::std::result::Result<E, DecodeError> {
            decode(payload, raw, supported).map(variant)
        }

        }
    });
    quote! {
        /// Decodes `payload` as `T` straight from the text; `raw` is what errors keep. When
        /// `supported` lists the event's schema versions, a payload whose `schemaVersion` is none
        /// of them is `UnsupportedSchemaVersion`. Everything beyond the one pass over the text
        /// happens on the failure path.
        #[inline]
        pub(super) fn decode<T: PartnerEvent>(
            payload: &str,
            raw: &str,
            supported: &'static [&'static str],
        ) -> ::std::result::Result<T, DecodeError> {
            match ::serde_json::from_str(payload) {
                ::std::result::Result::Ok(event) => ::std::result::Result::Ok(event),
                ::std::result::Result::Err(err) => recover(payload, raw, supported, &err),
            }
        }

        #decode_into

        /// After a failed first pass: text that is not JSON only because of lone surrogate escapes
        /// (`"\ud800"`, which browsers produce from a broken emoji) is decoded again with each
        /// replaced by U+FFFD; otherwise the error is worked out.
        #[cold]
        #[inline(never)]
        fn recover<T: PartnerEvent>(
            payload: &str,
            raw: &str,
            supported: &'static [&'static str],
            err: &::serde_json::Error,
        ) -> ::std::result::Result<T, DecodeError> {
            match repair_surrogates(payload) {
                ::std::option::Option::Some(repaired) => match ::serde_json::from_str(&repaired) {
                    ::std::result::Result::Ok(event) => ::std::result::Result::Ok(event),
                    ::std::result::Result::Err(err) => ::std::result::Result::Err(failure::<T>(&repaired, raw, supported, &err)),
                },
                ::std::option::Option::None => ::std::result::Result::Err(failure::<T>(payload, raw, supported, err)),
            }
        }

        /// The error for a payload that did not decode as `T`: the text is read again, to find an
        /// unsupported `schemaVersion` or the JSON path of the offending field.
        fn failure<T: PartnerEvent>(
            payload: &str,
            raw: &str,
            supported: &'static [&'static str],
            err: &::serde_json::Error,
        ) -> DecodeError {
            if !err.is_data() {
                return DecodeError::MalformedJson { message: err.to_string(), raw: raw.to_owned() };
            }
            // Reading stops at the first problem: text that is not JSON further on says so first.
            if let ::std::result::Result::Err(syntax) = ::serde_json::from_str::<::serde::de::IgnoredAny>(payload) {
                return DecodeError::MalformedJson { message: syntax.to_string(), raw: raw.to_owned() };
            }
            let unsupported = if supported.is_empty() {
                ::std::option::Option::None
            } else {
                version_of(payload).filter(|found| !supported.contains(&found.as_str()))
            };
            if let ::std::option::Option::Some(found) = unsupported {
                return DecodeError::UnsupportedSchemaVersion {
                    event: T::NAME,
                    found: found.as_str().to_owned(),
                    supported,
                    raw: raw.to_owned(),
                };
            }
            // A second pass, with the trail of failed keys recorded from the start.
            trail::clear();
            let again = ::serde_json::from_str::<T>(payload).err();
            let (path, message) = locate(payload, again.as_ref().unwrap_or(err));
            DecodeError::InvalidPayload {
                event: T::NAME,
                schema_version: T::SCHEMA_VERSION,
                path,
                message,
                raw: raw.to_owned(),
            }
        }

        /// The keys whose values failed to read, innermost first: with the parser's position,
        /// they give the path of a decode error without a second, path-tracking copy of every
        /// reader. Only the failure path writes and reads them.
        mod trail {
            ::std::thread_local! {
                static KEYS: ::std::cell::RefCell<::std::vec::Vec<&'static str>> = const {
                    ::std::cell::RefCell::new(::std::vec::Vec::new())
                };
            }

            #push

            /// Forgets the keys recorded so far.
            pub(super) fn clear() {
                KEYS.with(|keys| {
                    if let ::std::result::Result::Ok(mut keys) = keys.try_borrow_mut() {
                        keys.clear();
                    }
                });
            }

            /// The innermost key whose value failed.
            pub(super) fn innermost() -> ::std::option::Option<&'static str> {
                KEYS.with(|keys| keys.try_borrow().ok().and_then(|keys| keys.first().copied()))
            }
        }

        /// One step of a JSON path.
        #[derive(Clone, PartialEq)]
        enum Step {
            /// An object key.
            Key(::std::string::String),
            /// An array index.
            Index(usize),
        }

        /// The path (`queue.queueId`, `calls[1].callID`, `.` for the whole payload) and message
        /// of a data error.
        fn locate(text: &str, err: &::serde_json::Error) -> (::std::string::String, ::std::string::String) {
            let full = err.to_string();
            let position = ::std::format!(" at line {} column {}", err.line(), err.column());
            let message = full.strip_suffix(position.as_str()).unwrap_or(&full).to_owned();
            // A missing or repeated key is about the object that has (or lacks) it.
            let whole = message.starts_with("missing field") || message.starts_with("duplicate field");
            let steps = steps_at(text, offset_of(text, err.line(), err.column()), whole);
            if steps.is_empty() {
                return (".".to_owned(), message);
            }
            let mut path = ::std::string::String::new();
            for step in steps {
                match step {
                    Step::Key(key) => {
                        if !path.is_empty() {
                            path.push('.');
                        }
                        path.push_str(&key);
                    }
                    Step::Index(index) => path.push_str(&::std::format!("[{index}]")),
                }
            }
            (path, message)
        }

        /// The byte offset of a 1-based line and the number of bytes read on it.
        fn offset_of(text: &str, line: usize, column: usize) -> usize {
            let start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
            (start + column).min(text.len())
        }

        /// The path of the value the parser stopped just after (or inside, or at the start of) at
        /// `offset`; with `whole`, of the object around it. When what ended there is an object or
        /// array that the error followed out, the innermost failed key decides between it and
        /// its last member.
        fn steps_at(text: &str, offset: usize, whole: bool) -> ::std::vec::Vec<Step> {
            /// An open object (its current key, and whether a key comes next) or array (its
            /// current index, and whether that element has begun).
            enum Frame {
                Object(::std::option::Option<::std::string::String>, bool),
                Array(usize, bool),
            }
            fn begin_value(stack: &mut [Frame]) {
                if let ::std::option::Option::Some(Frame::Array(_, begun)) = stack.last_mut() {
                    *begun = true;
                }
            }
            fn steps(stack: &[Frame]) -> ::std::vec::Vec<Step> {
                stack
                    .iter()
                    .filter_map(|frame| match frame {
                        Frame::Object(::std::option::Option::Some(key), _) => ::std::option::Option::Some(Step::Key(key.clone())),
                        Frame::Array(index, true) => ::std::option::Option::Some(Step::Index(*index)),
                        _ => ::std::option::Option::None,
                    })
                    .collect()
            }
            let bytes = text.as_bytes();
            let end = offset.min(bytes.len());
            let mut stack: ::std::vec::Vec<Frame> = ::std::vec::Vec::new();
            let mut closed: ::std::option::Option<Frame> = ::std::option::Option::None;
            let mut at = 0;
            while at < end {
                let byte = bytes[at];
                if !byte.is_ascii_whitespace() {
                    closed = ::std::option::Option::None;
                }
                match byte {
                    b'{' => {
                        begin_value(&mut stack);
                        stack.push(Frame::Object(::std::option::Option::None, true));
                    }
                    b'[' => {
                        begin_value(&mut stack);
                        stack.push(Frame::Array(0, false));
                    }
                    b'}' | b']' => closed = stack.pop(),
                    b',' => match stack.last_mut() {
                        ::std::option::Option::Some(Frame::Object(_, key_next)) => *key_next = true,
                        ::std::option::Option::Some(Frame::Array(index, begun)) => {
                            *index += 1;
                            *begun = false;
                        }
                        ::std::option::Option::None => {}
                    },
                    b'"' => {
                        let start = at;
                        at += 1;
                        while at < bytes.len() && bytes[at] != b'"' {
                            at += if bytes[at] == b'\\' { 2 } else { 1 };
                        }
                        match stack.last_mut() {
                            ::std::option::Option::Some(Frame::Object(key, key_next)) if *key_next => {
                                *key = text.get(start..=at).and_then(|quoted| ::serde_json::from_str(quoted).ok());
                                *key_next = false;
                            }
                            _ => begin_value(&mut stack),
                        }
                    }
                    b':' => {}
                    _ if byte.is_ascii_whitespace() => {}
                    _ => begin_value(&mut stack),
                }
                at += 1;
            }
            let mut found = steps(&stack);
            match closed {
                ::std::option::Option::Some(frame) if !whole => {
                    // An error about the last member of what just ended names a key the trail
                    // has; an error about the object or array itself (its length) does not.
                    let member = steps(&[frame]);
                    let last_key_failed = match (member.first(), trail::innermost()) {
                        (::std::option::Option::Some(Step::Key(key)), ::std::option::Option::Some(failed)) => key == failed,
                        _ => false,
                    };
                    if last_key_failed {
                        found.extend(member);
                    }
                }
                ::std::option::Option::Some(_) => {}
                ::std::option::Option::None if whole => {
                    // Stopped inside the object, after the repeated key: the object itself.
                    if matches!(stack.last(), ::std::option::Option::Some(Frame::Object(::std::option::Option::Some(_), _))) {
                        found.pop();
                    }
                }
                ::std::option::Option::None => {}
            }
            found
        }

        /// The payload's `schemaVersion`, when it is a JSON object with a string there; every other
        /// key is skipped unread.
        pub(super) fn version_of(payload: &str) -> ::std::option::Option<Key<'_>> {
            struct Probe;

            impl<'de> ::serde::de::Visitor<'de> for Probe {
                type Value = ::std::option::Option<Key<'de>>;

                fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str("a JSON object")
                }

                fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::std::result::Result<Self::Value, A::Error> {
                    let mut found = ::std::option::Option::None;
                    while let ::std::option::Option::Some(key) = map.next_key::<Key<'de>>()? {
                        if found.is_none() && key.as_str() == "schemaVersion" {
                            found = map.next_value::<::std::option::Option<Key<'de>>>()?;
                        } else {
                            map.next_value::<::serde::de::IgnoredAny>()?;
                        }
                    }
                    ::std::result::Result::Ok(found)
                }
            }

            let mut deserializer = ::serde_json::Deserializer::from_str(payload);
            match ::serde::Deserializer::deserialize_map(&mut deserializer, Probe) {
                ::std::result::Result::Ok(found) => found,
                // Not JSON: perhaps only because of lone surrogate escapes.
                ::std::result::Result::Err(_) => {
                    let repaired = repair_surrogates(payload)?;
                    let mut deserializer = ::serde_json::Deserializer::from_str(&repaired);
                    let found = ::serde::Deserializer::deserialize_map(&mut deserializer, Probe).ok()??;
                    ::std::option::Option::Some(Key(::std::borrow::Cow::Owned(found.as_str().to_owned())))
                }
            }
        }

    }
}

/// Retrying text that is not JSON only because of lone surrogate escapes.
fn repair() -> TokenStream {
    quote! {
        /// Runs `attempt` on `text`; when the text is not JSON only because of lone surrogate
        /// escapes (`"\ud800"`, which browsers produce from a broken emoji), runs it again with
        /// each replaced by U+FFFD. Errors keep the text as given.
        #[inline]
        pub(super) fn with_repair<T>(
            text: &str,
            attempt: impl Fn(&str) -> ::std::result::Result<T, DecodeError>,
        ) -> ::std::result::Result<T, DecodeError> {
            match attempt(text) {
                ::std::result::Result::Err(DecodeError::MalformedJson { message, raw }) => retry_repaired(text, message, raw, attempt),
                result => result,
            }
        }

        /// The second attempt of [`with_repair`], on the repaired text if there is one.
        #[cold]
        #[inline(never)]
        fn retry_repaired<T>(
            text: &str,
            message: ::std::string::String,
            raw: ::std::string::String,
            attempt: impl Fn(&str) -> ::std::result::Result<T, DecodeError>,
        ) -> ::std::result::Result<T, DecodeError> {
            match repair_surrogates(text) {
                ::std::option::Option::Some(repaired) => attempt(&repaired),
                ::std::option::Option::None => ::std::result::Result::Err(DecodeError::MalformedJson { message, raw }),
            }
        }

        /// `text` with every `\u` escape of a lone surrogate replaced by `\ufffd`, or `None` when it
        /// has none.
        #[cold]
        fn repair_surrogates(text: &str) -> ::std::option::Option<::std::string::String> {
            fn unit(bytes: &[u8], at: usize) -> ::std::option::Option<u32> {
                if bytes.get(at) != ::std::option::Option::Some(&b'\\') || bytes.get(at + 1) != ::std::option::Option::Some(&b'u') {
                    return ::std::option::Option::None;
                }
                let hex = ::std::str::from_utf8(bytes.get(at + 2..at + 6)?).ok()?;
                u32::from_str_radix(hex, 16).ok()
            }
            let bytes = text.as_bytes();
            let mut repaired = ::std::string::String::new();
            let mut copied = 0;
            let mut at = 0;
            while at < bytes.len() {
                if bytes[at] != b'\\' {
                    at += 1;
                    continue;
                }
                let lone = match unit(bytes, at) {
                    ::std::option::Option::Some(0xD800..=0xDBFF) => {
                        if matches!(unit(bytes, at + 6), ::std::option::Option::Some(0xDC00..=0xDFFF)) {
                            at += 12;
                            continue;
                        }
                        true
                    }
                    ::std::option::Option::Some(0xDC00..=0xDFFF) => true,
                    ::std::option::Option::Some(_) => {
                        at += 6;
                        continue;
                    }
                    ::std::option::Option::None => false,
                };
                if lone {
                    repaired.push_str(&text[copied..at]);
                    repaired.push_str("\\ufffd");
                    at += 6;
                    copied = at;
                } else {
                    // Any other escape: the escaped character is not a quote or backslash.
                    at += 2;
                }
            }
            if copied == 0 {
                return ::std::option::Option::None;
            }
            repaired.push_str(&text[copied..]);
            ::std::option::Option::Some(repaired)
        }
    }
}

/// Opening the two host envelopes without parsing the payload inside.
fn envelope() -> TokenStream {
    quote! {
        /// The values of the given keys of a JSON object, unparsed; other keys are skipped.
        fn raw_fields<'a, const N: usize>(
            text: &'a str,
            keys: [&'static str; N],
        ) -> ::std::result::Result<[::std::option::Option<&'a ::serde_json::value::RawValue>; N], ::serde_json::Error> {
            struct Fields<const N: usize>([&'static str; N]);

            impl<'de, const N: usize> ::serde::de::Visitor<'de> for Fields<N> {
                type Value = [::std::option::Option<&'de ::serde_json::value::RawValue>; N];

                fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str("a JSON object")
                }

                fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::std::result::Result<Self::Value, A::Error> {
                    let mut values = [::std::option::Option::None; N];
                    while let ::std::option::Option::Some(key) = map.next_key::<Key<'de>>()? {
                        match self.0.iter().position(|k| *k == key.as_str()) {
                            ::std::option::Option::Some(index) => values[index] = ::std::option::Option::Some(map.next_value()?),
                            ::std::option::Option::None => {
                                map.next_value::<::serde::de::IgnoredAny>()?;
                            }
                        }
                    }
                    ::std::result::Result::Ok(values)
                }
            }

            let mut deserializer = ::serde_json::Deserializer::from_str(text);
            let values = ::serde::Deserializer::deserialize_map(&mut deserializer, Fields(keys))?;
            deserializer.end()?;
            ::std::result::Result::Ok(values)
        }

        /// A JSON string value, if it is one.
        fn string(value: ::std::option::Option<&::serde_json::value::RawValue>) -> ::std::option::Option<Key<'_>> {
            ::serde_json::from_str(value?.get()).ok()
        }

        /// The event name and payload text of a host message: the partner SDK envelope
        /// `{"type": "event", "message": {"eventName", "value"}}` or the Maestro envelope
        /// `{"eventType", "status", "data"}`. `raw` is what errors keep.
        pub(super) fn open_envelope<'a>(text: &'a str, raw: &str) -> ::std::result::Result<(Key<'a>, &'a str), DecodeError> {
            let unknown = |message: &str| DecodeError::UnknownEnvelope { message: message.to_owned(), raw: raw.to_owned() };
            let [kind, message, event_type, status, data] = match raw_fields(text, ["type", "message", "eventType", "status", "data"]) {
                ::std::result::Result::Ok(fields) => fields,
                ::std::result::Result::Err(err) if err.is_data() => return ::std::result::Result::Err(unknown("the message is not a JSON object")),
                ::std::result::Result::Err(err) => return ::std::result::Result::Err(DecodeError::MalformedJson { message: err.to_string(), raw: raw.to_owned() }),
            };
            let payload = |value: ::std::option::Option<&'a ::serde_json::value::RawValue>| value.map_or("null", |v| v.get());
            if let ::std::option::Option::Some(event) = string(event_type) {
                return match string(status).as_ref().map(Key::as_str) {
                    ::std::option::Option::Some("success") => ::std::result::Result::Ok((event, payload(data))),
                    ::std::option::Option::Some("failed") => {
                        let detail: ::serde_json::Value = ::serde_json::from_str(payload(data)).unwrap_or(::serde_json::Value::Null);
                        ::std::result::Result::Err(DecodeError::HostFailure {
                            event: event.as_str().to_owned(),
                            code: detail.get("error").and_then(::serde_json::Value::as_str).unwrap_or_default().to_owned(),
                            detail,
                            raw: raw.to_owned(),
                        })
                    }
                    _ => ::std::result::Result::Err(unknown("`status` must be \"success\" or \"failed\"")),
                };
            }
            if string(kind).as_ref().map(Key::as_str) == ::std::option::Option::Some("event") {
                let ::std::option::Option::Some(::std::result::Result::Ok([event_name, value])) = message.map(|m| raw_fields(m.get(), ["eventName", "value"])) else {
                    return ::std::result::Result::Err(unknown("`message` must be an object"));
                };
                let ::std::option::Option::Some(event) = string(event_name) else {
                    return ::std::result::Result::Err(unknown("`message.eventName` must be a string"));
                };
                return ::std::result::Result::Ok((event, payload(value)));
            }
            ::std::result::Result::Err(unknown(
                "expected {\"type\": \"event\", \"message\": {...}} or {\"eventType\", \"status\", \"data\"}",
            ))
        }
    }
}
