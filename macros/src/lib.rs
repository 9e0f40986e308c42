//! The `EventCatalog` derive of eventcat: typed 8x8 partner events from a catalog file,
//! expanded next to a marker type. Depend on `eventcat`, which re-exports it and holds the
//! runtime the expansion calls; its documentation of `eventcat::EventCatalog` is the reference
//! (the options, a worked handler, what to do when it does not compile).
//!
//! ```ignore
//! #[derive(eventcat::EventCatalog)]
//! #[catalog(path = "catalog.yaml", events = ["aw-interaction-*"])]
//! pub struct Events;
//! ```
//!
//! This crate only reads its attribute; all generation is `eventcat-codegen`'s, so the derive,
//! build.rs and the CLI produce the same items. Every failure is a `compile_error!` pointing at
//! the attribute or option at fault; the derive never panics.

use std::path::PathBuf;

use eventcat_codegen::{
    FrontEnd, GenerateError, HookKind, HookRef, HookTokens, ListOption, LoadError, Options,
    SelectError, SunsetPolicy,
};
use proc_macro::TokenStream;
use proc_macro2::TokenTree;
use quote::quote;
use syn::parse::ParseStream;
use syn::punctuated::Punctuated;
use syn::{DeriveInput, LitStr, Token};

/// Expands to the catalog's items next to the marker, and `CATALOG` and `entry(name)` on the
/// marker (the derive of `eventcat`, whose documentation lists the options).
#[proc_macro_derive(EventCatalog, attributes(catalog))]
pub fn derive_event_catalog(input: TokenStream) -> TokenStream {
    match syn::parse::<DeriveInput>(input) {
        Ok(input) => derive(&input).into(),
        Err(err) => err.to_compile_error().into(),
    }
}

/// The expansion: the items, or the error carried by a stand-in for each type the catalog would
/// generate and the marker's impl, so that the error is the only one rustc reports about the
/// code naming them. Either way it names what the expansion read (the catalog file,
/// `SOURCE_DATE_EPOCH`), so that cargo expands it again when one of them changes.
fn derive(input: &DeriveInput) -> proc_macro2::TokenStream {
    let mut inputs = Inputs::default();
    match expand(input, &mut inputs) {
        Ok(items) => quote! { #inputs #items },
        Err(err) => {
            let crate_path = parse_args(input).ok().and_then(|args| args.crate_path);
            let fallback = match crate_path {
                Some(path) => Options::new().crate_path(path.value()),
                None => Options::new(),
            };
            let source = inputs.source.take().unwrap_or_else(|| catalog_text(input));
            let error = err.into_compile_error();
            let stand_ins = eventcat_codegen::generate_failed(&source, &fallback, error);
            let marker = marker_impl(input);
            quote! { #inputs #stand_ins #marker }
        }
    }
}

/// The catalog text of an expansion that failed before reading it, for its stand-ins: the file
/// that a top-level `path = "..."` of the attribute names (found without reading the rest of the
/// attribute, which may be what failed), or the bundled catalog when there is no `path` or the
/// file cannot be read (a partner's catalog is most often a copy of it, so its names are the
/// best guess at what the partner's code names).
fn catalog_text(input: &DeriveInput) -> String {
    let bundled = || eventcat_codegen::BUNDLED_CATALOG.to_owned();
    let attr = input.attrs.iter().find(|a| a.path().is_ident("catalog"));
    let Some(syn::Meta::List(list)) = attr.map(|a| &a.meta) else {
        return bundled();
    };
    let tokens: Vec<_> = list.tokens.clone().into_iter().collect();
    let relative = tokens.windows(3).find_map(|window| match window {
        [
            TokenTree::Ident(key),
            TokenTree::Punct(eq),
            TokenTree::Literal(value),
        ] if key == "path" && eq.as_char() == '=' => {
            syn::parse2::<LitStr>(TokenTree::Literal(value.clone()).into()).ok()
        }
        _ => None,
    });
    let root = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
    match (relative, root) {
        (Some(relative), Some(root)) => {
            let full = root.join(relative.value());
            eventcat_codegen::read_catalog(&full, &relative.value()).unwrap_or_else(|_| bundled())
        }
        _ => bundled(),
    }
}

/// What an expansion depends on besides its attribute, as items that make rustc record the
/// dependency: the catalog file, included (cargo re-runs the derive when it changes), and
/// `option_env!("SOURCE_DATE_EPOCH")` when that variable decides the sunset day (rustc tracks
/// the variables `env!` and `option_env!` read).
///
/// The catalog, which the derive has read as UTF-8 text, is included with `include_str!` as a
/// hidden doc comment, in a `text` block (not a doctest, not links): `cargo expand` shows it
/// as a block comment, line by line as the file is, rather than as one literal of the file.
#[derive(Default)]
struct Inputs {
    /// The catalog file's path, once read, when it is not the bundled catalog.
    catalog: Option<String>,
    /// The catalog text, once read.
    source: Option<String>,
    source_date_epoch: bool,
}

impl quote::ToTokens for Inputs {
    fn to_tokens(&self, tokens: &mut proc_macro2::TokenStream) {
        if let Some(path) = &self.catalog {
            tokens.extend(quote! {
                #[doc(hidden)]
                #[doc = "```text"]
                #[doc = include_str!(#path)]
                #[doc = "```"]
                const _: () = ();
            });
        }
        if self.source_date_epoch {
            tokens.extend(quote! {
                const _: ::std::option::Option<&str> =
                    ::std::option_env!("SOURCE_DATE_EPOCH");
            });
        }
    }
}

/// The parsed `#[catalog(...)]` options, each with the span to blame.
#[derive(Default)]
struct CatalogArgs {
    path: Option<LitStr>,
    products: Option<Vec<LitStr>>,
    events: Option<Vec<LitStr>>,
    sunset: Option<LitStr>,
    as_of: Option<LitStr>,
    crate_path: Option<LitStr>,
    debug: Option<LitStr>,
    /// Where each option's key is written (`events`, `products`), for an error about it.
    keys: Vec<(String, proc_macro2::Span)>,
    /// The hooks, in the order given.
    hooks: Options,
    /// Where each hook is written, by kind, in the order of `hooks`.
    hook_spans: [Vec<proc_macro2::Span>; 4],
    /// The Rust each hook holds, as written, spans and all.
    hook_tokens: HookTokens,
}

impl CatalogArgs {
    /// Reads a hook option: `derive("Pattern", Trait, ...)`, `type_attribute("Pattern",
    /// #[...])`, `field_attribute("Type.field", #[...])` or `replace("Type", path::To)`.
    fn hook(&mut self, kind: HookKind, meta: &syn::meta::ParseNestedMeta) -> syn::Result<()> {
        let content;
        syn::parenthesized!(content in meta.input);
        let key: LitStr = content.parse()?;
        content.parse::<Token![,]>()?;
        let index = self.hook_spans[kind as usize].len();
        let mut record = |part, tokens: &dyn quote::ToTokens| {
            let tokens = tokens.to_token_stream();
            let text = tokens.to_string();
            self.hook_tokens.insert(kind, index, part, tokens);
            text
        };
        match kind {
            HookKind::Derive => {
                let traits = Punctuated::<syn::Path, Token![,]>::parse_terminated(&content)?;
                let traits = traits
                    .iter()
                    .enumerate()
                    .map(|(i, t)| record(i, t).replace(' ', ""))
                    .collect();
                let traits: Vec<String> = traits;
                self.hooks = std::mem::take(&mut self.hooks).derive(key.value(), traits);
            }
            HookKind::TypeAttribute | HookKind::FieldAttribute => {
                let attributes = syn::Attribute::parse_outer(&content)?;
                let attributes = quote! { #(#attributes)* };
                let attribute = record(0, &attributes);
                let options = std::mem::take(&mut self.hooks);
                self.hooks = match kind {
                    HookKind::TypeAttribute => options.type_attribute(key.value(), attribute),
                    _ => options.field_attribute(key.value(), attribute),
                };
            }
            HookKind::Replace => {
                let path: syn::Path = content.parse()?;
                let path = record(0, &path).replace(' ', "");
                self.hooks = std::mem::take(&mut self.hooks).replace(key.value(), path);
            }
        }
        if !content.is_empty() {
            return Err(content.error("unexpected tokens after the hook"));
        }
        self.hook_spans[kind as usize].push(key.span());
        Ok(())
    }

    /// Where the option `key` is written, when it is.
    fn key_span(&self, key: &str) -> Option<proc_macro2::Span> {
        self.keys
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, span)| *span)
    }

    /// The error `message` at the hook: at the trait, attribute or path it is about, else at
    /// the hook's pattern.
    fn hook_error(&self, hook: &HookRef, message: String) -> Option<syn::Error> {
        if let Some(tokens) = self.hook_tokens.of(hook) {
            return Some(syn::Error::new_spanned(tokens, message));
        }
        let span = self.hook_spans[hook.kind as usize].get(hook.index)?;
        Some(syn::Error::new(*span, message))
    }
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
            args.keys
                .push((key.clone(), syn::spanned::Spanned::span(&meta.path)));
            match key.as_str() {
                "path" => set_once(&mut args.path, meta.value()?.parse()?, &meta.path)?,
                "sunset" => set_once(&mut args.sunset, meta.value()?.parse()?, &meta.path)?,
                "as_of" => set_once(&mut args.as_of, meta.value()?.parse()?, &meta.path)?,
                "crate" => set_once(&mut args.crate_path, meta.value()?.parse()?, &meta.path)?,
                "debug" => set_once(&mut args.debug, meta.value()?.parse()?, &meta.path)?,
                "products" => {
                    set_once(&mut args.products, string_list(meta.value()?)?, &meta.path)?;
                }
                "events" => set_once(&mut args.events, string_list(meta.value()?)?, &meta.path)?,
                "derive" => args.hook(HookKind::Derive, &meta)?,
                "type_attribute" => args.hook(HookKind::TypeAttribute, &meta)?,
                "field_attribute" => args.hook(HookKind::FieldAttribute, &meta)?,
                "replace" => args.hook(HookKind::Replace, &meta)?,
                _ => {
                    return Err(meta.error(format!(
                        "unknown catalog option `{key}`; expected `path`, `products`, `events`, \
                         `sunset`, `as_of`, `crate`, `debug`, `derive`, `type_attribute`, \
                         `field_attribute` or `replace`"
                    )));
                }
            }
            Ok(())
        })?;
    }
    Ok(args)
}

/// Sets an option, refusing a second occurrence (the error points at it).
fn set_once<T>(slot: &mut Option<T>, value: T, path: &syn::Path) -> syn::Result<()> {
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

fn expand(input: &DeriveInput, inputs: &mut Inputs) -> syn::Result<proc_macro2::TokenStream> {
    let args = parse_args(input)?;
    let marker = &input.ident;
    let options = options(&args)?;
    inputs.source_date_epoch = options.reads_source_date_epoch();

    let (name, source) = match &args.path {
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
                    LoadError::Read { error, .. } => format!(
                        "cannot read catalog `{relative}` (relative to the crate root, CARGO_MANIFEST_DIR): {error}"
                    ),
                    _ => load_message(&err),
                };
                syn::Error::new(lit.span(), message)
            })?;
            inputs.catalog = Some(full.display().to_string());
            (relative, source)
        }
        None => (
            eventcat_codegen::BUNDLED_CATALOG_NAME.to_owned(),
            eventcat_codegen::BUNDLED_CATALOG.to_owned(),
        ),
    };

    inputs.source = Some(source);
    let source = inputs.source.as_deref().unwrap_or_default();
    let loaded = eventcat_codegen::load_str(&name, source)
        .map_err(|err| syn::Error::new(span_of(&args.path, marker), load_message(&err)))?;
    let generated = eventcat_codegen::generate_with_tokens(&loaded, &options, &args.hook_tokens);
    let items = generated.map_err(|err| generate_error(&args, &err, marker))?;

    let marker = marker_impl(input);
    Ok(quote! {
        #items
        #marker
    })
}

/// The options as the attribute gives them: the derive reads its tokens, and generating applies
/// the rules (empty lists, the as-of day, `SOURCE_DATE_EPOCH`), as for build.rs and the CLI.
fn options(args: &CatalogArgs) -> syn::Result<Options> {
    let mut options = args.hooks.clone();
    let values = |list: &[LitStr]| list.iter().map(LitStr::value).collect::<Vec<_>>();
    if let Some(products) = &args.products {
        options = options.products(values(products));
    }
    if let Some(events) = &args.events {
        options = options.events(values(events));
    }
    if let Some(lit) = &args.sunset {
        let policy = SunsetPolicy::parse(&lit.value()).ok_or_else(|| {
            syn::Error::new(
                lit.span(),
                "`sunset` must be \"keep\", \"omit\" or \"error\"",
            )
        })?;
        options = options.sunset(policy);
    }
    if let Some(lit) = &args.as_of {
        options = options.as_of(lit.value());
    }
    if let Some(lit) = &args.crate_path {
        options = options.crate_path(lit.value());
    }
    if redacted_debug(args.debug.as_ref())? {
        options = options.redacted_debug();
    }
    Ok(options)
}

/// A generation error as the derive reports it: at the option, hook or part of a hook at fault.
fn generate_error(args: &CatalogArgs, err: &GenerateError, marker: &syn::Ident) -> syn::Error {
    let message = match err {
        GenerateError::Load(load) => load_message(load),
        other => other.message(FrontEnd::Derive),
    };
    if let GenerateError::Hook(hook) = err
        && let Some(error) = args.hook_error(hook.hook(), message.clone())
    {
        return error;
    }
    let products = args.products.as_deref().unwrap_or_default();
    let events = args.events.as_deref().unwrap_or_default();
    let span = match err {
        GenerateError::Select(SelectError::UnknownProduct { product, .. }) => {
            blame(products, product).unwrap_or_else(|| span_of(&args.path, marker))
        }
        GenerateError::Select(
            SelectError::BadPattern { pattern, .. } | SelectError::UnmatchedPattern { pattern },
        ) => blame(events, pattern).unwrap_or_else(|| span_of(&args.path, marker)),
        GenerateError::Select(
            SelectError::Sunset { .. }
            | SelectError::NoAsOf { .. }
            | SelectError::BadSourceDateEpoch { .. },
        ) => span_of(&args.sunset, marker),
        GenerateError::Select(SelectError::BadAsOf { .. }) => span_of(&args.as_of, marker),
        GenerateError::Select(SelectError::EmptyList(option)) => {
            let key = match option {
                ListOption::Products => "products",
                _ => "events",
            };
            args.key_span(key).unwrap_or_else(|| marker.span())
        }
        GenerateError::Select(SelectError::BadCratePath { .. }) => {
            span_of(&args.crate_path, marker)
        }
        _ => span_of(&args.path, marker),
    };
    syn::Error::new(span, message)
}

/// Whether `debug = "redacted"` is asked for (the default is `"derived"`).
fn redacted_debug(debug: Option<&LitStr>) -> syn::Result<bool> {
    match debug.map(|lit| (lit, lit.value())) {
        None => Ok(false),
        Some((_, value)) if value == "derived" => Ok(false),
        Some((_, value)) if value == "redacted" => Ok(true),
        Some((lit, _)) => Err(syn::Error::new(
            lit.span(),
            "`debug` must be \"derived\" or \"redacted\"",
        )),
    }
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
                    report.warnings_counted(),
                    report.path
                ));
            }
            message
        }
        _ => err.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn expansion(attribute: &str) -> String {
        let input: DeriveInput =
            syn::parse_str(&format!("{attribute} pub struct Events;")).expect("a derive input");
        derive(&input).to_string()
    }

    const TRACKED: &str = "option_env ! (\"SOURCE_DATE_EPOCH\")";

    /// What `cargo expand` shows of an expansion: rustc expands `include_str!` into the file's
    /// text as one string literal, and cargo-expand prints the result with prettyplease.
    fn expanded_as_cargo_expand_shows_it(attribute: &str, catalog: &Path) -> String {
        let tokens = expansion(attribute);
        let text = std::fs::read_to_string(catalog).expect("the catalog");
        let include = format!(
            "include_str ! ({})",
            proc_macro2::Literal::string(&catalog.display().to_string())
        );
        assert!(
            tokens.contains(&include),
            "the expansion includes the catalog: {tokens}"
        );
        let literal = proc_macro2::Literal::string(&text).to_string();
        let expanded = tokens.replace(&include, &literal);
        prettyplease::unparse(&syn::parse_file(&expanded).expect("a Rust file"))
    }

    #[test]
    fn cargo_expand_shows_no_line_of_a_thousand_characters() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let catalog = root.join("../catalog.yaml");
        let shown =
            expanded_as_cargo_expand_shows_it("#[catalog(path = \"../catalog.yaml\")]", &catalog);
        let longest = shown.lines().map(str::len).max().unwrap_or(0);
        assert!(longest < 1_000, "a line of {longest} characters");
        // The catalog is there, as its own lines, in a block comment.
        assert!(
            shown.contains("\n  - name: aw-interaction-focus-v3\n"),
            "the catalog's lines"
        );
        assert!(shown.lines().count() > 10_000);
    }

    #[test]
    fn the_expansion_depends_on_source_date_epoch_when_it_decides_the_day() {
        // With or without the variable set, the expansion reads it, and says so (an error when
        // it is not set, since `omit` then has no day).
        for policy in ["omit", "error"] {
            let text = expansion(&format!("#[catalog(sunset = \"{policy}\")]"));
            assert!(text.contains(TRACKED), "{policy}: {text}");
        }
        for attribute in [
            "#[catalog]",
            "#[catalog(sunset = \"keep\")]",
            "#[catalog(sunset = \"omit\", as_of = \"2026-01-01\")]",
        ] {
            assert!(!expansion(attribute).contains(TRACKED), "{attribute}");
        }
    }

    #[test]
    fn an_empty_list_option_is_an_error() {
        for option in ["events", "products"] {
            let text = expansion(&format!("#[catalog({option} = [])]"));
            let expected = format!("`{option} = []` selects no event");
            assert!(text.contains(&expected), "{text}");
            assert!(text.contains("compile_error"), "{text}");
        }
    }

    #[test]
    fn a_list_option_given_twice_is_an_error() {
        for option in ["events", "products"] {
            let text = expansion(&format!(
                "#[catalog({option} = [\"a\"], {option} = [\"b\"])]"
            ));
            assert!(text.contains("this option is given twice"), "{text}");
        }
    }
}
