//! Tokens for a [`Plan`], one module per concept. Emitting makes no decision the plan has not
//! made, so the same plan always gives the same tokens.

mod conversions;
mod dispatch;
mod lifecycle;
mod support;
mod types;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use crate::plan::{Plan, TypeItem, TypeRef};

/// Every generated item for `plan`.
pub fn emit(plan: &Plan) -> TokenStream {
    let lifecycle = lifecycle::emit(plan);
    let types = types::emit(plan);
    let conversions = conversions::emit(plan);
    let dispatch = dispatch::emit(plan);
    let support = support::module(plan);
    quote! {
        #lifecycle
        #types
        #conversions
        #dispatch
        #support
    }
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
