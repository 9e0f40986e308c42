//! The impls that are the same for every generated type of a kind, as macros the generated code
//! invokes once per type (`eventcat::__private::serde_object!(Queue);`): the generated file
//! holds the types and their tables, not the same dozen lines again for each.
//!
//! Each macro takes the attributes to put on every impl it writes first (`#[allow(deprecated)]`
//! for a deprecated type), then the type.

/// `Serialize` and `Deserialize` for a struct that implements [`crate::object::Fields`]: its
/// fields by their wire names, its constants checked and written.
#[doc(hidden)]
#[macro_export]
macro_rules! __serde_object {
    ($(#[$attr:meta])* $name:ty) => {
        $(#[$attr])*
        impl $crate::serde::Serialize for $name {
            fn serialize<__S: $crate::serde::Serializer>(
                &self,
                serializer: __S,
            ) -> ::core::result::Result<__S::Ok, __S::Error> {
                $crate::object::write(self, serializer, &[])
            }
        }

        $(#[$attr])*
        impl<'de> $crate::serde::Deserialize<'de> for $name {
            fn deserialize<__D: $crate::serde::Deserializer<'de>>(
                deserializer: __D,
            ) -> ::core::result::Result<Self, __D::Error> {
                $crate::object::read(deserializer, &[])
            }
        }
    };
}

/// For an event whose payload is a shared object type: the newtype's `Deref`, `DerefMut`,
/// `From` its value, and serde impls that read and write the value with the event's own
/// constants (its `schemaVersion`) besides the value's.
#[doc(hidden)]
#[macro_export]
macro_rules! __payload_wrapper {
    ($(#[$attr:meta])* $name:ident($inner:ty), $constants:expr) => {
        $(#[$attr])*
        impl ::core::ops::Deref for $name {
            type Target = $inner;
            fn deref(&self) -> &$inner {
                &self.0
            }
        }

        $(#[$attr])*
        impl ::core::ops::DerefMut for $name {
            fn deref_mut(&mut self) -> &mut $inner {
                &mut self.0
            }
        }

        $(#[$attr])*
        impl ::core::convert::From<$inner> for $name {
            fn from(value: $inner) -> Self {
                Self(::std::boxed::Box::new(value))
            }
        }

        $(#[$attr])*
        impl $crate::serde::Serialize for $name {
            fn serialize<__S: $crate::serde::Serializer>(
                &self,
                serializer: __S,
            ) -> ::core::result::Result<__S::Ok, __S::Error> {
                const CONSTANTS: &[$crate::object::Constant] = $constants;
                $crate::object::write(&*self.0, serializer, CONSTANTS)
            }
        }

        $(#[$attr])*
        impl<'de> $crate::serde::Deserialize<'de> for $name {
            fn deserialize<__D: $crate::serde::Deserializer<'de>>(
                deserializer: __D,
            ) -> ::core::result::Result<Self, __D::Error> {
                const CONSTANTS: &[$crate::object::Constant] = $constants;
                $crate::object::read(deserializer, CONSTANTS)
                    .map(|value| Self(::std::boxed::Box::new(value)))
            }
        }
    };
}

/// For a string enum: `as_str`, the value on the wire, and serde impls that write it and read
/// exactly one of the listed values.
#[doc(hidden)]
#[macro_export]
macro_rules! __string_enum {
    ($name:ident { $($variant:ident => $wire:literal),* $(,)? }) => {
        impl $name {
            /// The value on the wire.
            pub const fn as_str(&self) -> &'static str {
                match self {
                    $(Self::$variant => $wire,)*
                }
            }
        }

        impl $crate::serde::Serialize for $name {
            fn serialize<__S: $crate::serde::Serializer>(
                &self,
                serializer: __S,
            ) -> ::core::result::Result<__S::Ok, __S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::serde::Deserialize<'de> for $name {
            fn deserialize<__D: $crate::serde::Deserializer<'de>>(
                deserializer: __D,
            ) -> ::core::result::Result<Self, __D::Error> {
                $crate::object::read_enum(deserializer, &[$($wire),*], &[$(Self::$variant),*])
            }
        }
    };
}

/// For a unit struct standing for a constant: serde impls that write the constant and accept
/// nothing else.
#[doc(hidden)]
#[macro_export]
macro_rules! __constant_type {
    ($name:ident = $value:expr) => {
        impl $crate::serde::Serialize for $name {
            fn serialize<__S: $crate::serde::Serializer>(
                &self,
                serializer: __S,
            ) -> ::core::result::Result<__S::Ok, __S::Error> {
                $crate::serde::Serialize::serialize(&$value, serializer)
            }
        }

        impl<'de> $crate::serde::Deserialize<'de> for $name {
            fn deserialize<__D: $crate::serde::Deserializer<'de>>(
                deserializer: __D,
            ) -> ::core::result::Result<Self, __D::Error> {
                $value.check(deserializer).map(|()| Self)
            }
        }
    };
}

/// For a union whose forms each take their own kind of JSON value (`string`, `number`,
/// `boolean`, `object` or `array`): serde impls that write the form's value and read a value by
/// its kind ([`crate::union`]).
#[doc(hidden)]
#[macro_export]
macro_rules! __union {
    ($name:ident, $expecting:literal { $($variant:ident => $kind:ident),+ $(,)? }) => {
        impl $crate::serde::Serialize for $name {
            fn serialize<__S: $crate::serde::Serializer>(
                &self,
                serializer: __S,
            ) -> ::core::result::Result<__S::Ok, __S::Error> {
                match self {
                    $(Self::$variant(value) => $crate::serde::Serialize::serialize(value, serializer),)+
                }
            }
        }

        impl<'de> $crate::serde::Deserialize<'de> for $name {
            fn deserialize<__D: $crate::serde::Deserializer<'de>>(
                deserializer: __D,
            ) -> ::core::result::Result<Self, __D::Error> {
                $crate::union::read(deserializer)
            }
        }

        impl $crate::union::Forms for $name {
            const EXPECTING: &'static str = $expecting;
            $($crate::__union!(@form $variant $kind);)+
        }
    };
    (@form $variant:ident string) => {
        fn string<__E: $crate::serde::de::Error>(value: &str) -> ::core::result::Result<Self, __E> {
            $crate::union::from_scalar(value).map(Self::$variant)
        }
    };
    (@form $variant:ident boolean) => {
        fn boolean<__E: $crate::serde::de::Error>(value: bool) -> ::core::result::Result<Self, __E> {
            $crate::union::from_scalar(value).map(Self::$variant)
        }
    };
    (@form $variant:ident number) => {
        fn signed<__E: $crate::serde::de::Error>(value: i64) -> ::core::result::Result<Self, __E> {
            $crate::union::from_scalar(value).map(Self::$variant)
        }

        fn unsigned<__E: $crate::serde::de::Error>(value: u64) -> ::core::result::Result<Self, __E> {
            $crate::union::from_scalar(value).map(Self::$variant)
        }

        fn float<__E: $crate::serde::de::Error>(value: f64) -> ::core::result::Result<Self, __E> {
            $crate::union::from_scalar(value).map(Self::$variant)
        }
    };
    (@form $variant:ident object) => {
        fn object<'de, __A: $crate::serde::de::MapAccess<'de>>(
            map: __A,
        ) -> ::core::result::Result<Self, __A::Error> {
            $crate::union::from_map(map).map(Self::$variant)
        }
    };
    (@form $variant:ident array) => {
        fn array<'de, __A: $crate::serde::de::SeqAccess<'de>>(
            seq: __A,
        ) -> ::core::result::Result<Self, __A::Error> {
            $crate::union::from_seq(seq).map(Self::$variant)
        }
    };
}
