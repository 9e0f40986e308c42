//! Payload types: one struct per object, one enum per string enum, one untagged enum per union,
//! with serde impls that keep the exact wire names, check constants on decode and write them on
//! encode.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{allow_deprecated, deprecated_attr, doc_attr, doc_lines, ident, rust_type};
use crate::model::Constant;
use crate::plan::{
    AliasItem, ConstantField, EnumItem, FieldItem, Plan, StructItem, TypeItem, UnionItem,
};

pub(super) fn emit(plan: &Plan) -> TokenStream {
    plan.types
        .iter()
        .map(|item| match item {
            TypeItem::Struct(s) => structure(s),
            TypeItem::Enum(e) => enumeration(e),
            TypeItem::Union(u) => union(u),
            TypeItem::Alias(a) => alias(a),
        })
        .collect()
}

/// The field's Rust type with its optional and nullable layers.
pub(super) fn field_type(field: &FieldItem) -> TokenStream {
    let mut ty = rust_type(&field.ty);
    if field.nullable {
        ty = quote! { ::std::option::Option<#ty> };
    }
    if field.optional {
        ty = quote! { ::std::option::Option<#ty> };
    }
    ty
}

/// Serde attributes for a field: wire name, and the absent/null rules.
fn field_serde(field: &FieldItem, serialize: bool) -> TokenStream {
    let wire = &field.wire_name;
    let rename = quote! { rename = #wire };
    if field.optional {
        // Absent -> None; present -> Some (null too, when nullable); null is refused otherwise.
        let skip =
            serialize.then(|| quote! { , skip_serializing_if = "::std::option::Option::is_none" });
        quote! { #[serde(#rename, default, deserialize_with = "eventcat_support::present" #skip)] }
    } else if field.nullable {
        // Required but may be null: a missing key is an error, not None.
        quote! { #[serde(#rename, deserialize_with = "eventcat_support::nullable")] }
    } else {
        quote! { #[serde(#rename)] }
    }
}

/// The field's doc lines, ending with its wire name; a field without a doc still names it.
fn field_doc(field: &FieldItem) -> TokenStream {
    let mut lines: Vec<String> = field
        .doc
        .as_deref()
        .map(|d| d.lines().map(str::to_owned).collect())
        .unwrap_or_default();
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.push(format!("Wire name: `{}`.", field.wire_name));
    doc_lines(&lines)
}

fn needs_raw_rename(field: &FieldItem) -> bool {
    field.rust_name.trim_start_matches("r#") != field.wire_name
}

fn structure(item: &StructItem) -> TokenStream {
    let name = ident(&item.name);
    let doc = doc_lines(&item.doc);
    let deprecated = deprecated_attr(item.deprecation.as_ref());
    let allow_camel = allow_non_camel(&item.name);
    let fields = item.fields.iter().map(|field| {
        let doc = field_doc(field);
        let rust = ident(&field.rust_name);
        let ty = field_type(field);
        let serde = if item.constants.is_empty() {
            let attrs = field_serde(field, true);
            if needs_raw_rename(field) || field.optional || field.nullable {
                attrs
            } else {
                TokenStream::new()
            }
        } else {
            TokenStream::new()
        };
        quote! { #doc #serde pub #rust: #ty }
    });
    let derives = if item.constants.is_empty() {
        quote! { #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)] }
    } else {
        quote! { #[derive(Debug, Clone, PartialEq)] }
    };
    let serde_impls = if item.constants.is_empty() {
        TokenStream::new()
    } else {
        constant_serde(item)
    };
    quote! {
        #doc
        #deprecated
        #allow_camel
        #derives
        pub struct #name {
            #(#fields,)*
        }
        #serde_impls
    }
}

fn allow_non_camel(name: &str) -> TokenStream {
    if name.contains('_') {
        quote! { #[allow(non_camel_case_types)] }
    } else {
        TokenStream::new()
    }
}

/// Serialize and Deserialize for a struct with constants: the constants are written on encode
/// and checked on decode, and a value can never hold a wrong one.
fn constant_serde(item: &StructItem) -> TokenStream {
    let name = ident(&item.name);
    let allow = allow_deprecated(item.deprecation.is_some());
    let struct_name = &item.name;
    let count = item.fields.len() + item.constants.len();
    let write_fields = item.fields.iter().map(|field| {
        let wire = &field.wire_name;
        let rust = ident(&field.rust_name);
        if field.optional {
            quote! {
                match &self.#rust {
                    ::std::option::Option::Some(value) => out.serialize_field(#wire, value)?,
                    ::std::option::Option::None => out.skip_field(#wire)?,
                }
            }
        } else {
            quote! { out.serialize_field(#wire, &self.#rust)?; }
        }
    });
    let write_constants = item.constants.iter().map(|constant| {
        let wire = &constant.wire_name;
        let value = constant_literal(&constant.value);
        quote! { out.serialize_field(#wire, &#value)?; }
    });
    let wire_fields = item.fields.iter().map(|field| {
        let rust = ident(&field.rust_name);
        let ty = field_type(field);
        let serde = field_serde(field, false);
        quote! { #serde #rust: #ty }
    });
    let check_fns = item.constants.iter().enumerate().map(check_fn);
    let wire_constants = item.constants.iter().enumerate().map(|(index, constant)| {
        let wire = &constant.wire_name;
        let check = check_fn_name(index).to_string();
        // `__` names: a data field's Rust name never starts with two underscores.
        let field = format_ident!("__constant_{index}");
        quote! {
            #[serde(rename = #wire, deserialize_with = #check)]
            #[allow(dead_code)]
            #field: ()
        }
    });
    let moves = item.fields.iter().map(|field| {
        let rust = ident(&field.rust_name);
        quote! { #rust: wire.#rust }
    });
    let decode = if item.fields.is_empty() {
        quote! {
            __Wire::deserialize(deserializer)?;
            ::std::result::Result::Ok(Self {})
        }
    } else {
        quote! {
            let wire = __Wire::deserialize(deserializer)?;
            ::std::result::Result::Ok(Self { #(#moves,)* })
        }
    };
    quote! {
        #allow
        impl ::serde::Serialize for #name {
            fn serialize<__S: ::serde::Serializer>(&self, serializer: __S) -> ::std::result::Result<__S::Ok, __S::Error> {
                use ::serde::ser::SerializeStruct as _;
                let mut out = serializer.serialize_struct(#struct_name, #count)?;
                #(#write_fields)*
                #(#write_constants)*
                out.end()
            }
        }

        #allow
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<__D: ::serde::Deserializer<'de>>(deserializer: __D) -> ::std::result::Result<Self, __D::Error> {
                #(#check_fns)*

                #[derive(::serde::Deserialize)]
                struct __Wire {
                    #(#wire_fields,)*
                    #(#wire_constants,)*
                }

                #decode
            }
        }
    }
}

/// The local check function of the struct's `index`th constant; numbered, since two constants'
/// Rust names may differ only in a raw prefix or a trailing underscore.
fn check_fn_name(index: usize) -> proc_macro2::Ident {
    format_ident!("__check_constant_{index}")
}

/// A local function that accepts only the constant's value.
fn check_fn((index, constant): (usize, &ConstantField)) -> TokenStream {
    let name = check_fn_name(index);
    let (helper, value) = match &constant.value {
        Constant::String(s) => (quote! { expect_str }, quote! { #s }),
        Constant::Boolean(b) => (quote! { expect_bool }, quote! { #b }),
        Constant::Integer(i) => (quote! { expect_i64 }, quote! { #i }),
        Constant::Number(n) => (quote! { expect_f64 }, quote! { #n }),
    };
    quote! {
        fn #name<'de, __D: ::serde::Deserializer<'de>>(deserializer: __D) -> ::std::result::Result<(), __D::Error> {
            eventcat_support::#helper(deserializer, #value)
        }
    }
}

fn constant_literal(value: &Constant) -> TokenStream {
    match value {
        Constant::String(s) => quote! { #s },
        Constant::Boolean(b) => quote! { #b },
        Constant::Integer(i) => quote! { #i },
        Constant::Number(n) => quote! { #n },
    }
}

fn enumeration(item: &EnumItem) -> TokenStream {
    let name = ident(&item.name);
    let doc = doc_lines(&item.doc);
    let variants = item.variants.iter().map(|(variant, wire)| {
        let variant = ident(variant);
        let doc = format!(" `{wire}`");
        let doc = doc_attr(&doc);
        quote! { #doc #[serde(rename = #wire)] #variant }
    });
    let arms = item.variants.iter().map(|(variant, wire)| {
        let variant = ident(variant);
        quote! { Self::#variant => #wire }
    });
    quote! {
        #doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, ::serde::Serialize, ::serde::Deserialize)]
        pub enum #name {
            #(#variants,)*
        }

        impl #name {
            /// The value on the wire.
            pub const fn as_str(&self) -> &'static str {
                match self {
                    #(#arms,)*
                }
            }
        }
    }
}

fn union(item: &UnionItem) -> TokenStream {
    let name = ident(&item.name);
    let doc = doc_lines(&item.doc);
    let variants = item.variants.iter().map(|(variant, ty)| {
        let doc = format!(" The `{variant}` form.");
        let doc = doc_attr(&doc);
        let variant = ident(variant);
        let ty = rust_type(ty);
        quote! { #doc #variant(#ty) }
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(untagged)]
        pub enum #name {
            #(#variants,)*
        }
    }
}

fn alias(item: &AliasItem) -> TokenStream {
    let name = ident(&item.name);
    let doc = doc_lines(&item.doc);
    let ty = rust_type(&item.ty);
    if item.newtype {
        // `type A = Vec<A>` would have no end; a transparent newtype has the same wire form.
        return quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
            #[serde(transparent)]
            pub struct #name(pub #ty);
        };
    }
    quote! {
        #doc
        pub type #name = #ty;
    }
}

/// The private helpers generated code calls: decoding with a field path, the absent/null
/// rules, and constant checks. Only the helpers the plan needs are generated.
pub(super) fn support_module(plan: &Plan) -> TokenStream {
    let structs: Vec<&StructItem> = plan
        .types
        .iter()
        .filter_map(|t| match t {
            TypeItem::Struct(s) => Some(s),
            _ => None,
        })
        .collect();
    let constants: Vec<&Constant> = structs
        .iter()
        .flat_map(|s| s.constants.iter().map(|c| &c.value))
        .collect();
    let fields: Vec<&FieldItem> = structs.iter().flat_map(|s| s.fields.iter()).collect();
    let uses = |pred: fn(&Constant) -> bool| constants.iter().any(|c| pred(c));
    let mut helpers = TokenStream::new();
    if uses(|c| matches!(c, Constant::String(_))) {
        helpers.extend(expect_helper(
            quote! { expect_str },
            quote! { &'static str },
            quote! { ::std::string::String },
            quote! { Str(&found) },
        ));
    }
    if uses(|c| matches!(c, Constant::Boolean(_))) {
        helpers.extend(expect_helper(
            quote! { expect_bool },
            quote! { bool },
            quote! { bool },
            quote! { Bool(found) },
        ));
    }
    if uses(|c| matches!(c, Constant::Integer(_))) {
        helpers.extend(expect_helper(
            quote! { expect_i64 },
            quote! { i64 },
            quote! { i64 },
            quote! { Signed(found) },
        ));
    }
    if uses(|c| matches!(c, Constant::Number(_))) {
        helpers.extend(expect_helper(
            quote! { expect_f64 },
            quote! { f64 },
            quote! { f64 },
            quote! { Float(found) },
        ));
    }
    if fields.iter().any(|f| f.optional) {
        helpers.extend(quote! {
            /// A key that is present: its value, wrapped in `Some` (absent keys take `default`).
            pub(super) fn present<'de, D, T>(deserializer: D) -> ::std::result::Result<::std::option::Option<T>, D::Error>
            where
                D: ::serde::Deserializer<'de>,
                T: ::serde::Deserialize<'de>,
            {
                T::deserialize(deserializer).map(::std::option::Option::Some)
            }
        });
    }
    if fields.iter().any(|f| f.nullable && !f.optional) {
        helpers.extend(quote! {
            /// A required key whose value may be null.
            pub(super) fn nullable<'de, D, T>(deserializer: D) -> ::std::result::Result<::std::option::Option<T>, D::Error>
            where
                D: ::serde::Deserializer<'de>,
                T: ::serde::Deserialize<'de>,
            {
                <::std::option::Option<T> as ::serde::Deserialize>::deserialize(deserializer)
            }
        });
    }
    // Only received events are dispatched by their `schemaVersion`.
    let schema_version = if plan
        .events
        .iter()
        .any(|e| e.direction == crate::model::Direction::Received)
    {
        quote! {
        /// The payload's `schemaVersion`, which picks the struct to decode it as. A missing key
        /// is reported at the payload's root, like any missing field.
        pub(super) fn schema_version(
            payload: &::serde_json::Value,
            event: &'static str,
            newest: &'static str,
            raw: &str,
        ) -> ::std::result::Result<::std::string::String, DecodeError> {
            let invalid = |path: &str, message: ::std::string::String| DecodeError::InvalidPayload {
                event,
                schema_version: newest,
                path: path.to_owned(),
                message,
                raw: raw.to_owned(),
            };
            match payload.get("schemaVersion") {
                ::std::option::Option::Some(::serde_json::Value::String(version)) => {
                    ::std::result::Result::Ok(version.clone())
                }
                ::std::option::Option::Some(other) => ::std::result::Result::Err(invalid(
                    "schemaVersion",
                    ::std::format!("invalid type: {other}, expected a string"),
                )),
                ::std::option::Option::None if payload.is_object() => ::std::result::Result::Err(
                    invalid(".", "missing field `schemaVersion`".to_owned()),
                ),
                ::std::option::Option::None => ::std::result::Result::Err(invalid(
                    ".",
                    ::std::format!("invalid type: {payload}, expected an object"),
                )),
            }
        }
        }
    } else {
        TokenStream::new()
    };
    quote! {
        /// Helpers of the generated code.
        mod eventcat_support {
            use super::DecodeError;

            /// Parses JSON text, keeping the text in the error.
            pub(super) fn parse(raw: &str) -> ::std::result::Result<::serde_json::Value, DecodeError> {
                ::serde_json::from_str(raw).map_err(|err| DecodeError::MalformedJson {
                    message: err.to_string(),
                    raw: raw.to_owned(),
                })
            }

            #schema_version

            /// Decodes a payload as `T`, reporting the JSON path of the first offending field.
            pub(super) fn decode_as<T: ::serde::de::DeserializeOwned>(
                event: &'static str,
                schema_version: &'static str,
                value: ::serde_json::Value,
                raw: &str,
            ) -> ::std::result::Result<T, DecodeError> {
                ::serde_path_to_error::deserialize(value).map_err(|err| DecodeError::InvalidPayload {
                    event,
                    schema_version,
                    path: err.path().to_string(),
                    message: err.inner().to_string(),
                    raw: raw.to_owned(),
                })
            }

            #helpers
        }
    }
}

fn expect_helper(
    name: TokenStream,
    expected: TokenStream,
    found: TokenStream,
    unexpected: TokenStream,
) -> TokenStream {
    quote! {
        /// Accepts only `expected`.
        pub(super) fn #name<'de, D: ::serde::Deserializer<'de>>(
            deserializer: D,
            expected: #expected,
        ) -> ::std::result::Result<(), D::Error> {
            let found = <#found as ::serde::Deserialize>::deserialize(deserializer)?;
            if found == expected {
                ::std::result::Result::Ok(())
            } else {
                ::std::result::Result::Err(::serde::de::Error::invalid_value(
                    ::serde::de::Unexpected::#unexpected,
                    &::std::format!("{expected:?}").as_str(),
                ))
            }
        }
    }
}
