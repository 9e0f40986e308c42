//! Lifecycle items: the catalog's `Product` enum with its table of events, and each event
//! struct's `PartnerEvent` impl with its published facts. Dates, statuses and the questions
//! asked of the table are the runtime's.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{allow_deprecated, doc_attr, ident};
use crate::model::{Direction, Status};
use crate::naming::doc_prose;
use crate::plan::{EntryItem, EventItem, Plan};

/// The `Product` enum and the catalog's table of events.
pub(super) fn emit_tables(plan: &Plan, rt: &TokenStream) -> TokenStream {
    let product = product_enum(plan);
    let table = table(plan, rt);
    quote! {
        #product
        #table
    }
}

fn product_enum(plan: &Plan) -> TokenStream {
    let variants = plan.products.iter().map(|p| {
        let variant = ident(&p.variant);
        let doc = doc_attr(&format!(" {} (`{}`).", doc_prose(&p.title), p.id));
        quote! { #doc #variant }
    });
    let ids = plan.products.iter().map(|p| {
        let variant = ident(&p.variant);
        let id = &p.id;
        quote! { Self::#variant => #id }
    });
    let titles = plan.products.iter().map(|p| {
        let variant = ident(&p.variant);
        let title = &p.title;
        quote! { Self::#variant => #title }
    });
    let (ids, titles) = if plan.products.is_empty() {
        (quote! { match *self {} }, quote! { match *self {} })
    } else {
        (
            quote! { match self { #(#ids,)* } },
            quote! { match self { #(#titles,)* } },
        )
    };
    quote! {
        /// The 8x8 product an event belongs to.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Product {
            #(#variants,)*
        }

        impl Product {
            /// The catalog id, such as `agent-workspace`.
            pub const fn id(&self) -> &'static str {
                #ids
            }

            /// The human title.
            pub const fn title(&self) -> &'static str {
                #titles
            }
        }
    }
}

fn direction(direction: Direction, rt: &TokenStream) -> TokenStream {
    match direction {
        Direction::Received => quote! { #rt::Direction::Received },
        Direction::Send => quote! { #rt::Direction::Send },
    }
}

fn status(status: Status, rt: &TokenStream) -> TokenStream {
    match status {
        Status::Active => quote! { #rt::DeclaredStatus::Active },
        Status::Deprecated => quote! { #rt::DeclaredStatus::Deprecated },
        Status::Sunset => quote! { #rt::DeclaredStatus::Sunset },
    }
}

/// A `CatalogDate` constant for a `YYYY-MM-DD` string the validator already checked.
fn date(text: &str, rt: &TokenStream) -> TokenStream {
    let mut parts = text.split('-').map(|p| p.trim_start_matches('0'));
    let mut next = || {
        let number: u16 = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
        Literal::u16_unsuffixed(number)
    };
    let (year, month, day) = (next(), next(), next());
    quote! { #rt::CatalogDate::ymd(#year, #month, #day) }
}

fn optional_date(text: Option<&String>, rt: &TokenStream) -> TokenStream {
    match text {
        Some(text) => {
            let date = date(text, rt);
            quote! { ::std::option::Option::Some(#date) }
        }
        None => quote! { ::std::option::Option::None },
    }
}

/// An event struct's `PartnerEvent` impl: its schema version, and where its event's facts are,
/// `entry` in the catalog table.
pub(super) fn event_impl(event: &EventItem, entry: Literal, rt: &TokenStream) -> TokenStream {
    let name = ident(&event.struct_name);
    let version = &event.version;
    let allow = allow_deprecated(event.deprecation.is_some());
    let example = event.example.as_deref().map(|json| {
        let json = raw_string(json);
        quote! { const EXAMPLE: ::std::option::Option<&'static str> = ::std::option::Option::Some(#json); }
    });
    quote! {
        #allow
        impl #rt::PartnerEvent for #name {
            type Product = Product;
            const ENTRY: &'static CatalogEntry = &CatalogEntry::ALL[#entry];
            const SCHEMA_VERSION: &'static str = #version;
            #example
        }
    }
}

/// A raw string literal of `text`, so a multi-line sample reads as it is written.
fn raw_string(text: &str) -> Literal {
    let hashes = (0..)
        .map(|n| "#".repeat(n))
        .find(|hashes| !text.contains(&format!("\"{hashes}")))
        .unwrap_or_default();
    format!("r{hashes}\"{text}\"{hashes}")
        .parse()
        .unwrap_or_else(|_| Literal::string(text))
}

fn table(plan: &Plan, rt: &TokenStream) -> TokenStream {
    let entries = plan.entries.iter().map(|entry| table_entry(entry, rt));
    quote! {
        /// One event of the catalog, as published: `CatalogEntry::ALL` lists them,
        /// `CatalogEntry::find(name)` finds one, `entry.status_on(day)` tells its status.
        pub type CatalogEntry = #rt::CatalogEntry<Product>;

        impl #rt::CatalogProduct for Product {
            const ENTRIES: &'static [CatalogEntry] = &[#(#entries),*];
        }
    }
}

fn table_entry(entry: &EntryItem, rt: &TokenStream) -> TokenStream {
    let name = &entry.name;
    let product = ident(&entry.product);
    let direction = direction(entry.direction, rt);
    let versions = &entry.schema_versions;
    let status = status(entry.status, rt);
    let active = date(&entry.active, rt);
    let deprecated = optional_date(entry.deprecated.as_ref(), rt);
    let sunset = optional_date(entry.sunset.as_ref(), rt);
    let replacement = match &entry.replacement {
        Some(r) => quote! { ::std::option::Option::Some(#r) },
        None => quote! { ::std::option::Option::None },
    };
    quote! {
        #rt::CatalogEntry {
            name: #name,
            product: Product::#product,
            direction: #direction,
            schema_versions: &[#(#versions),*],
            declared_status: #status,
            active: #active,
            deprecated: #deprecated,
            sunset: #sunset,
            replacement: #replacement,
        }
    }
}
