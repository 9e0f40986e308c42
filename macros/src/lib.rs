//! The `EventCatalog` derive: typed 8x8 partner events from a catalog file, expanded next to a
//! marker type.
//!
//! ```ignore
//! #[derive(eventcat_macros::EventCatalog)]
//! #[catalog(path = "catalog.yaml", events = ["aw-interaction-*"])]
//! pub struct Events;
//! ```
//!
//! This crate only reads its attribute; all generation is `eventcat-codegen`'s, so the derive,
//! build.rs and the CLI produce the same items. Every failure is a `compile_error!` pointing at
//! the attribute or option at fault; the derive never panics.

use std::path::PathBuf;

use eventcat_codegen::{FrontEnd, GenerateError, LoadError, Options, SunsetPolicy, select};
use proc_macro::TokenStream;
use quote::quote;
use syn::parse::ParseStream;
use syn::punctuated::Punctuated;
use syn::{DeriveInput, LitStr, Token};

/// Generates the catalog's event types next to the marker type, and an inherent impl on the
/// marker giving the catalog table. See the crate docs for the `#[catalog(...)]` options.
#[proc_macro_derive(EventCatalog, attributes(catalog))]
pub fn derive_event_catalog(input: TokenStream) -> TokenStream {
    let input = match syn::parse::<DeriveInput>(input) {
        Ok(input) => input,
        Err(err) => return err.to_compile_error().into(),
    };
    match expand(&input) {
        Ok(items) => items.into(),
        Err(err) => {
            // The error, plus the items of an empty catalog and the marker's impl, so that the
            // code naming them reports no further errors.
            let error = err.into_compile_error();
            let support = eventcat_codegen::generate_empty();
            let marker = marker_impl(&input);
            quote! { #error #support #marker }.into()
        }
    }
}

/// The parsed `#[catalog(...)]` options, each with the span to blame.
#[derive(Default)]
struct CatalogArgs {
    path: Option<LitStr>,
    products: Vec<LitStr>,
    events: Vec<LitStr>,
    sunset: Option<LitStr>,
    as_of: Option<LitStr>,
}

fn parse_args(input: &DeriveInput) -> syn::Result<CatalogArgs> {
    let mut args = CatalogArgs::default();
    let mut seen_attr = false;
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("catalog")) {
        if seen_attr {
            return Err(syn::Error::new_spanned(
                attr,
                "only one #[catalog(...)] attribute is allowed",
            ));
        }
        seen_attr = true;
        // A bare `#[catalog]` takes every default.
        if matches!(attr.meta, syn::Meta::Path(_)) {
            continue;
        }
        attr.parse_nested_meta(|meta| {
            let key = meta
                .path
                .get_ident()
                .map(ToString::to_string)
                .unwrap_or_default();
            match key.as_str() {
                "path" => set_once(&mut args.path, meta.value()?.parse()?, &meta.path)?,
                "sunset" => set_once(&mut args.sunset, meta.value()?.parse()?, &meta.path)?,
                "as_of" => set_once(&mut args.as_of, meta.value()?.parse()?, &meta.path)?,
                "products" => args.products = string_list(meta.value()?)?,
                "events" => args.events = string_list(meta.value()?)?,
                _ => {
                    return Err(meta.error(format!(
                        "unknown catalog option `{key}`; expected `path`, `products`, `events`, `sunset` or `as_of`"
                    )));
                }
            }
            Ok(())
        })?;
    }
    Ok(args)
}

fn set_once(slot: &mut Option<LitStr>, value: LitStr, path: &syn::Path) -> syn::Result<()> {
    if slot.is_some() {
        return Err(syn::Error::new_spanned(path, "this option is given twice"));
    }
    *slot = Some(value);
    Ok(())
}

/// `["a", "b"]`.
fn string_list(input: ParseStream) -> syn::Result<Vec<LitStr>> {
    let content;
    syn::bracketed!(content in input);
    let items = Punctuated::<LitStr, Token![,]>::parse_terminated(&content)?;
    Ok(items.into_iter().collect())
}

fn expand(input: &DeriveInput) -> syn::Result<proc_macro2::TokenStream> {
    let args = parse_args(input)?;
    let marker = &input.ident;

    let sunset = match &args.sunset {
        Some(lit) => SunsetPolicy::parse(&lit.value()).ok_or_else(|| {
            syn::Error::new(
                lit.span(),
                "`sunset` must be \"keep\", \"omit\" or \"error\"",
            )
        })?,
        None => SunsetPolicy::Keep,
    };
    let as_of = match &args.as_of {
        Some(lit) => Some(select::parse_date(&lit.value()).ok_or_else(|| {
            syn::Error::new(
                lit.span(),
                "`as_of` must be a day of the form \"YYYY-MM-DD\"",
            )
        })?),
        None if sunset != SunsetPolicy::Keep => match select::source_date_epoch() {
            Some(Ok(day)) => Some(day),
            Some(Err(message)) => {
                return Err(syn::Error::new(span_of(&args.sunset, marker), message));
            }
            None => None,
        },
        None => None,
    };
    let options = Options {
        products: args.products.iter().map(LitStr::value).collect(),
        events: args.events.iter().map(LitStr::value).collect(),
        sunset,
        as_of,
    };

    let (name, source, tracked) = match &args.path {
        Some(lit) => {
            let relative = lit.value();
            let root = std::env::var_os("CARGO_MANIFEST_DIR")
                .map(PathBuf::from)
                .ok_or_else(|| {
                    syn::Error::new(
                        lit.span(),
                        "CARGO_MANIFEST_DIR is not set; build with cargo",
                    )
                })?;
            let full = root.join(&relative);
            let source = eventcat_codegen::read_catalog(&full, &relative).map_err(|err| {
                let message = match &err {
                    LoadError::Read { source, .. } => format!(
                        "cannot read catalog `{relative}` (relative to the crate root, CARGO_MANIFEST_DIR): {source}"
                    ),
                    LoadError::Invalid(_) => load_message(&err),
                };
                syn::Error::new(lit.span(), message)
            })?;
            let full = full.display().to_string();
            (relative, source, Some(full))
        }
        None => (
            eventcat_codegen::BUNDLED_CATALOG_NAME.to_owned(),
            eventcat_codegen::BUNDLED_CATALOG.to_owned(),
            None,
        ),
    };

    let loaded = eventcat_codegen::load_str(&name, &source)
        .map_err(|err| syn::Error::new(span_of(&args.path, marker), load_message(&err)))?;
    let items = eventcat_codegen::generate(&loaded, &options).map_err(|err| {
        let span = match &err {
            GenerateError::Select(select::SelectError::UnknownProduct { product, .. }) => {
                blame(&args.products, product).unwrap_or_else(|| span_of(&args.path, marker))
            }
            GenerateError::Select(
                select::SelectError::BadPattern { pattern, .. }
                | select::SelectError::UnmatchedPattern { pattern },
            ) => blame(&args.events, pattern).unwrap_or_else(|| span_of(&args.path, marker)),
            GenerateError::Select(
                select::SelectError::Sunset { .. } | select::SelectError::NoAsOf { .. },
            ) => span_of(&args.sunset, marker),
            GenerateError::Load(_) | GenerateError::Render(_) => span_of(&args.path, marker),
        };
        let message = match &err {
            GenerateError::Load(load) => load_message(load),
            other => other.message(FrontEnd::Derive),
        };
        syn::Error::new(span, message)
    })?;

    // Reading the file through include_bytes! makes cargo re-run the derive when it changes.
    let track = tracked.map(|path| quote! { const _: &[u8] = include_bytes!(#path); });
    let marker = marker_impl(input);
    Ok(quote! {
        #track
        #items
        #marker
    })
}

/// The marker's inherent impl: the catalog table.
fn marker_impl(input: &DeriveInput) -> proc_macro2::TokenStream {
    let marker = &input.ident;
    let (impl_generics, type_generics, where_clause) = input.generics.split_for_impl();
    quote! {
        impl #impl_generics #marker #type_generics #where_clause {
            /// Every event this derive generated, as published.
            pub const CATALOG: &'static [CatalogEntry] = CatalogEntry::ALL;

            /// The generated event with this name.
            pub fn entry(name: &str) -> ::std::option::Option<&'static CatalogEntry> {
                CatalogEntry::find(name)
            }
        }
    }
}

fn span_of(lit: &Option<LitStr>, marker: &syn::Ident) -> proc_macro2::Span {
    lit.as_ref().map_or_else(|| marker.span(), LitStr::span)
}

fn blame(list: &[LitStr], value: &str) -> Option<proc_macro2::Span> {
    list.iter()
        .find(|lit| lit.value() == value)
        .map(LitStr::span)
}

/// A catalog error as compiler-message text: each error with its file, line, column and source
/// excerpt. Lints are left to `eventcat check`, which the message names when there are any.
fn load_message(err: &LoadError) -> String {
    match err {
        LoadError::Invalid(report) => {
            let mut message = format!(
                "invalid event catalog\n{}",
                report.render_errors(false).trim_end()
            );
            let lints = report.warnings().count();
            if lints > 0 {
                message.push_str(&format!(
                    "\nthe catalog also has {}, not shown here: `eventcat check {}` shows every warning",
                    eventcat_codegen::diagnostic::counted(lints, "warning"),
                    report.path
                ));
            }
            message
        }
        LoadError::Read { .. } => err.to_string(),
    }
}
