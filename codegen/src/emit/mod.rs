//! Tokens for a [`Plan`], one module per concept. Emitting makes no decision the plan has not
//! made, so the same plan always gives the same tokens. The tokens are data and small impls over
//! the `eventcat` runtime crate, which they name by the path `rt` (`::eventcat` unless the
//! partner re-exports it).

mod conversions;
mod dispatch;
mod failed;
mod lifecycle;
mod types;

use std::collections::BTreeMap;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;

use crate::naming::RUNTIME_TYPES;
use crate::plan::{Extra, Plan, TypeItem, TypeRef};

pub(crate) use failed::emit as emit_failed;

/// Every generated item for `plan`, calling the runtime at `rt`, in reading order: the types,
/// each followed by what belongs to it (an event struct's `PartnerEvent` impl, the conversions
/// and the family enum that complete it), then the enums of all events, then the catalog table.
pub fn emit(plan: &Plan, rt: &TokenStream) -> TokenStream {
    let runtime = runtime(rt);
    let mut after = companions(plan, rt);
    let types = plan.types.iter().enumerate().map(|(index, item)| {
        let companions = after.remove(&index).unwrap_or_default();
        let item = types::emit_item(plan, item, rt);
        quote! { #item #(#companions)* }
    });
    let types: TokenStream = types.collect();
    let unplaced = after.into_values().flatten();
    let dispatch = dispatch::emit(plan, rt);
    let tables = lifecycle::emit_tables(plan, rt);
    quote! {
        #runtime
        #types
        #(#unplaced)*
        #dispatch
        #tables
    }
}

/// The items that follow a type, by the type's index in [`Plan::types`]: an event struct's
/// `PartnerEvent` impl; a conversion after the later of its two types; a family enum after
/// its newest version. An item whose types are not generated (replaced by the partner's own)
/// comes after every type.
fn companions(plan: &Plan, rt: &TokenStream) -> BTreeMap<usize, Vec<TokenStream>> {
    let index: BTreeMap<&str, usize> = plan
        .types
        .iter()
        .enumerate()
        .map(|(at, item)| (type_name(item), at))
        .collect();
    let place = |names: &[&str]| {
        names
            .iter()
            .map(|name| index.get(name).copied())
            .try_fold(0, |latest, at| Some(latest.max(at?)))
            .unwrap_or(usize::MAX)
    };
    let mut after: BTreeMap<usize, Vec<TokenStream>> = BTreeMap::new();
    for event in &plan.events {
        let at = place(&[&event.struct_name]);
        let entry = proc_macro2::Literal::usize_unsuffixed(event.entry);
        after
            .entry(at)
            .or_default()
            .push(lifecycle::event_impl(event, entry, rt));
    }
    for conversion in &plan.conversions {
        let at = place(&[&conversion.from, &conversion.to]);
        after
            .entry(at)
            .or_default()
            .push(conversions::conversion(plan, conversion));
    }
    for family in &plan.families {
        let members: Vec<&str> = family.variants.iter().map(|(_, s, _)| s.as_str()).collect();
        after
            .entry(place(&members))
            .or_default()
            .push(conversions::family(family));
    }
    after
}

/// The Rust name of a planned type.
fn type_name(item: &TypeItem) -> &str {
    match item {
        TypeItem::Struct(s) => &s.name,
        TypeItem::Enum(e) => &e.name,
        TypeItem::Union(u) => &u.name,
        TypeItem::Alias(a) => &a.name,
        TypeItem::Constant(c) => &c.name,
    }
}

/// The check that the runtime is the version this generator emits code for, and the runtime
/// types every catalog's code uses.
fn runtime(rt: &TokenStream) -> TokenStream {
    let major = version_number(env!("CARGO_PKG_VERSION_MAJOR"));
    let minor = version_number(env!("CARGO_PKG_VERSION_MINOR"));
    let exports = runtime_exports(rt);
    quote! {
        const _: () = #rt::__private::generated_by::<#major, #minor>();

        #exports
    }
}

/// The runtime types every catalog's code uses, re-exported so that its module names them all.
fn runtime_exports(rt: &TokenStream) -> TokenStream {
    let types = RUNTIME_TYPES.iter().map(|name| ident(name));
    quote! {
        #[allow(unused_imports)]
        pub use #rt::{#(#types),*};
    }
}

/// A part of this crate's version, as an unsuffixed literal.
fn version_number(digits: &str) -> proc_macro2::Literal {
    proc_macro2::Literal::u64_unsuffixed(digits.parse().unwrap_or(0))
}

/// An identifier, raw (`r#type`) when the name says so.
fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(bare) => Ident::new_raw(bare, Span::call_site()),
        None => format_ident!("{}", name),
    }
}

/// `#[doc = "..."]` attributes, one per line, with the leading space rustdoc expects. A line feed
/// inside a line, or a carriage return, starts a new line too: a bare CR is not allowed in a doc
/// comment.
fn doc_lines<S: AsRef<str>>(lines: &[S]) -> TokenStream {
    lines
        .iter()
        .flat_map(|line| {
            line.as_ref()
                .split('\n')
                .map(|l| l.strip_suffix('\r').unwrap_or(l))
                .flat_map(|l| l.split('\r'))
        })
        .map(|line| {
            if line.is_empty() {
                doc_attr("")
            } else {
                doc_attr(&format!(" {line}"))
            }
        })
        .collect()
}

/// One `#[doc = "..."]` attribute whose text is safe in a `///` comment ([`doc_text`]).
fn doc_attr(text: &str) -> TokenStream {
    let text = doc_text(text);
    quote! { #[doc = #text] }
}

/// Catalog text made safe for a doc comment: control characters (a bare CR breaks the
/// pretty-printed file, clippy refuses tabs) and the characters that change the direction of
/// text (which rustc refuses in comments) are written as escapes, `\t`, `\u{202e}`.
fn doc_text(text: &str) -> String {
    let mut safe = String::with_capacity(text.len());
    for c in text.chars() {
        let flow = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}');
        if flow || c.is_control() {
            safe.extend(c.escape_default());
        } else {
            safe.push(c);
        }
    }
    safe
}

/// The Rust type for a [`TypeRef`].
fn rust_type(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String => quote! { ::std::string::String },
        TypeRef::Integer => quote! { i64 },
        TypeRef::Number => quote! { f64 },
        TypeRef::Boolean => quote! { bool },
        TypeRef::Named(name) => {
            let name = ident(name);
            quote! { #name }
        }
        TypeRef::External(path) => path.tokens.clone(),
        TypeRef::Array(item) => {
            let item = rust_type(item);
            quote! { ::std::vec::Vec<#item> }
        }
        TypeRef::Map(value) => {
            let value = rust_type(value);
            quote! { ::std::collections::BTreeMap<::std::string::String, #value> }
        }
        TypeRef::Nullable(inner) => {
            let inner = rust_type(inner);
            quote! { ::std::option::Option<#inner> }
        }
    }
}

/// The struct with this name.
fn find_struct<'a>(plan: &'a Plan, name: &str) -> Option<&'a crate::plan::StructItem> {
    plan.types.iter().find_map(|t| match t {
        TypeItem::Struct(s) if s.name == name => Some(s),
        _ => None,
    })
}

/// `#[allow(deprecated)]` when `names_deprecated`.
fn allow_deprecated(names_deprecated: bool) -> TokenStream {
    if names_deprecated {
        quote! { #[allow(deprecated)] }
    } else {
        TokenStream::new()
    }
}

/// `#[deprecated(...)]` for a deprecated event version. `since` carries the deprecation date, which
/// clippy's `deprecated_semver` would take for a malformed crate version.
fn deprecated_attr(deprecation: Option<&crate::plan::Deprecation>) -> TokenStream {
    match deprecation {
        Some(d) => {
            let note = &d.note;
            match &d.since {
                Some(since) => quote! {
                    #[deprecated(since = #since, note = #note)]
                    #[allow(clippy::deprecated_semver)]
                },
                None => quote! { #[deprecated(note = #note)] },
            }
        }
        None => TokenStream::new(),
    }
}

/// One variant of an enum over event structs, `Variant(Struct)`: its doc and `#[deprecated]`.
struct StructVariant {
    variant: String,
    struct_name: String,
    doc: String,
    deprecated: TokenStream,
}

/// An enum with one [`StructVariant`] each and `From` each struct (the event structs of
/// `ReceivedEvent` and `SendEvent`, the versions of a family enum), and the
/// `#[allow(deprecated)]` the enum's other impls need.
fn struct_enum(
    name: &str,
    doc: &str,
    variants: &[StructVariant],
    extra: &Extra,
) -> (TokenStream, TokenStream) {
    let name = ident(name);
    let any_deprecated = variants.iter().any(|v| !v.deprecated.is_empty());
    let allow = allow_deprecated(any_deprecated);
    let arms = variants.iter().map(|v| {
        let (variant, ty) = (ident(&v.variant), ident(&v.struct_name));
        let (doc, deprecated) = (doc_attr(&v.doc), &v.deprecated);
        quote! { #doc #deprecated #variant(#ty) }
    });
    let froms = variants.iter().map(|v| {
        let (variant, ty) = (ident(&v.variant), ident(&v.struct_name));
        let allow = allow_deprecated(!v.deprecated.is_empty());
        quote! {
            #allow
            impl ::std::convert::From<#ty> for #name {
                fn from(value: #ty) -> Self {
                    Self::#variant(value)
                }
            }
        }
    });
    let doc = doc_lines(&[doc]);
    let derives = derives(&paths(crate::plan::STRUCT_DERIVES), extra);
    // The variants are held by value, as partners match on them; one much larger than another
    // is expected, not a mistake.
    let items = quote! {
        #doc
        #allow
        #[allow(clippy::large_enum_variant)]
        #derives
        pub enum #name {
            #(#arms,)*
        }

        #(#froms)*
    };
    (items, allow)
}

/// `#[derive(...)]` with the traits eventcat derives (`base`) and those the hooks add, then the
/// hooks' attributes, as the partner wrote them.
fn derives(base: &[TokenStream], extra: &Extra) -> TokenStream {
    let added = extra.derives.iter().map(|path| path.tokens.clone());
    let all = base.iter().cloned().chain(added);
    let attributes = extra.attributes.iter().map(|a| &a.tokens);
    quote! {
        #[derive(#(#all),*)]
        #(#attributes)*
    }
}

/// The tokens of derive paths: `["Debug", "Clone"]`.
fn paths(names: &[&str]) -> Vec<TokenStream> {
    names
        .iter()
        .map(|name| name.parse().unwrap_or_default())
        .collect()
}

/// A Rust expression for a catalog default the plan accepted as a literal.
fn default_expr(plan: &Plan, value: &Value, ty: &TypeRef) -> TokenStream {
    match (value, ty) {
        (Value::String(s), TypeRef::String) => quote! { ::std::string::String::from(#s) },
        (Value::Bool(b), _) => quote! { #b },
        (Value::Number(n), TypeRef::Integer) => {
            let n = n.as_i64().unwrap_or_default();
            quote! { #n }
        }
        (Value::Number(n), _) => {
            let n = n.as_f64().unwrap_or_default();
            quote! { #n }
        }
        (Value::String(s), TypeRef::Named(name)) => {
            let variant = plan.types.iter().find_map(|t| match t {
                TypeItem::Enum(e) if &e.name == name => e
                    .variants
                    .iter()
                    .find(|(_, w)| w == s)
                    .map(|(v, _)| ident(v)),
                _ => None,
            });
            let name = ident(name);
            quote! { #name::#variant }
        }
        (_, TypeRef::Map(_)) => quote! { ::std::collections::BTreeMap::new() },
        _ => quote! { ::std::vec::Vec::new() },
    }
}
