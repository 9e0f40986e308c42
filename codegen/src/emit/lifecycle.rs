//! Lifecycle items: dates, products, statuses, the `PartnerEvent` trait with its per-event
//! constants, and the runtime catalog table.

use proc_macro2::TokenStream;
use quote::quote;

use super::{allow_deprecated, doc_attr, ident};
use crate::model::{Direction, Status};
use crate::plan::Plan;

pub(super) fn emit(plan: &Plan) -> TokenStream {
    let date = date_type(plan);
    let kinds = kind_enums(plan);
    let event_trait = event_trait(plan);
    let table = table(plan);
    quote! {
        #date
        #kinds
        #event_trait
        #table
    }
}

fn date_type(plan: &Plan) -> TokenStream {
    // Only the dates of events are written with it.
    let ymd = (!plan.events.is_empty()).then(|| {
        quote! {
            /// A day the generator already checked.
            const fn ymd(year: u16, month: u8, day: u8) -> Self {
                Self { year, month, day }
            }
        }
    });
    quote! {
        /// A calendar day, as the catalog gives lifecycle dates.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct CatalogDate {
            year: u16,
            month: u8,
            day: u8,
        }

        impl CatalogDate {
            /// The day, if it exists in the Gregorian calendar.
            pub const fn new(year: u16, month: u8, day: u8) -> ::std::option::Option<Self> {
                let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
                let days = match month {
                    1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
                    4 | 6 | 9 | 11 => 30,
                    2 if leap => 29,
                    2 => 28,
                    _ => 0,
                };
                if day >= 1 && day <= days {
                    ::std::option::Option::Some(Self { year, month, day })
                } else {
                    ::std::option::Option::None
                }
            }

            #ymd

            /// The year.
            pub const fn year(self) -> u16 {
                self.year
            }

            /// The month, 1 to 12.
            pub const fn month(self) -> u8 {
                self.month
            }

            /// The day of the month, from 1.
            pub const fn day(self) -> u8 {
                self.day
            }
        }

        impl ::std::fmt::Display for CatalogDate {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
            }
        }

        /// A text that is not a `YYYY-MM-DD` day.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct InvalidDate(pub ::std::string::String);

        impl ::std::fmt::Display for InvalidDate {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                write!(f, "`{}` is not a date of the form YYYY-MM-DD", self.0)
            }
        }

        impl ::std::error::Error for InvalidDate {}

        impl ::std::str::FromStr for CatalogDate {
            type Err = InvalidDate;

            fn from_str(text: &str) -> ::std::result::Result<Self, InvalidDate> {
                let invalid = || InvalidDate(text.to_owned());
                let bytes = text.as_bytes();
                let digits = |range: ::std::ops::Range<usize>| {
                    bytes[range.clone()].iter().all(u8::is_ascii_digit).then(|| &text[range])
                };
                if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
                    return ::std::result::Result::Err(invalid());
                }
                let (year, month, day) = match (digits(0..4), digits(5..7), digits(8..10)) {
                    (Some(y), Some(m), Some(d)) => (y.parse().ok(), m.parse().ok(), d.parse().ok()),
                    _ => return ::std::result::Result::Err(invalid()),
                };
                match (year, month, day) {
                    (Some(y), Some(m), Some(d)) => Self::new(y, m, d).ok_or_else(invalid),
                    _ => ::std::result::Result::Err(invalid()),
                }
            }
        }
    }
}

fn kind_enums(plan: &Plan) -> TokenStream {
    let product_variants = plan.products.iter().map(|p| {
        let variant = ident(&p.variant);
        let doc = format!(" {} (`{}`).", p.title, p.id);
        let doc = doc_attr(&doc);
        quote! { #doc #variant }
    });
    let product_ids = plan.products.iter().map(|p| {
        let variant = ident(&p.variant);
        let id = &p.id;
        quote! { Self::#variant => #id }
    });
    let product_titles = plan.products.iter().map(|p| {
        let variant = ident(&p.variant);
        let title = &p.title;
        quote! { Self::#variant => #title }
    });
    let product_match = if plan.products.is_empty() {
        (quote! { match *self {} }, quote! { match *self {} })
    } else {
        (
            quote! { match self { #(#product_ids,)* } },
            quote! { match self { #(#product_titles,)* } },
        )
    };
    let (ids, titles) = product_match;
    quote! {
        /// The 8x8 product an event belongs to.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Product {
            #(#product_variants,)*
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

        /// Whether the partner receives an event from the host or sends it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Direction {
            /// The host sends it to the partner.
            Received,
            /// The partner sends it to the host.
            Send,
        }

        /// The status the catalog declares for an event.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum DeclaredStatus {
            /// In use.
            Active,
            /// Still delivered, going away.
            Deprecated,
            /// No longer delivered.
            Sunset,
        }

        /// The status of an event on a given day, computed from its dates.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum LifecycleStatus {
            /// Not active yet.
            Upcoming,
            /// Active, not deprecated.
            Active,
            /// Deprecated, not yet sunset.
            Deprecated,
            /// Sunset: no longer delivered.
            Sunset,
        }
    }
}

fn direction(direction: Direction) -> TokenStream {
    match direction {
        Direction::Received => quote! { Direction::Received },
        Direction::Send => quote! { Direction::Send },
    }
}

fn status(status: Status) -> TokenStream {
    match status {
        Status::Active => quote! { DeclaredStatus::Active },
        Status::Deprecated => quote! { DeclaredStatus::Deprecated },
        Status::Sunset => quote! { DeclaredStatus::Sunset },
    }
}

/// A `CatalogDate` literal for a `YYYY-MM-DD` string the validator already checked.
fn date(text: &str) -> TokenStream {
    let mut parts = text.split('-').map(|p| p.trim_start_matches('0'));
    let mut next = || {
        let number: u16 = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
        proc_macro2::Literal::u16_unsuffixed(number)
    };
    let (year, month, day) = (next(), next(), next());
    quote! { CatalogDate::ymd(#year, #month, #day) }
}

fn optional_date(text: Option<&String>) -> TokenStream {
    match text {
        Some(text) => {
            let date = date(text);
            quote! { ::std::option::Option::Some(#date) }
        }
        None => quote! { ::std::option::Option::None },
    }
}

fn event_trait(plan: &Plan) -> TokenStream {
    let impls = plan.events.iter().map(|event| {
        let name = ident(&event.struct_name);
        let event_name = &event.name;
        let version = &event.version;
        let product = ident(&event.product);
        let direction = direction(event.direction);
        let status = status(event.status);
        let active = date(&event.active);
        let deprecated = optional_date(event.deprecated.as_ref());
        let sunset = optional_date(event.sunset.as_ref());
        let allow = allow_deprecated(event.deprecation.is_some());
        quote! {
            #allow
            impl PartnerEvent for #name {
                const NAME: &'static str = #event_name;
                const SCHEMA_VERSION: &'static str = #version;
                const PRODUCT: Product = Product::#product;
                const DIRECTION: Direction = #direction;
                const DECLARED_STATUS: DeclaredStatus = #status;
                const ACTIVE: CatalogDate = #active;
                const DEPRECATED: ::std::option::Option<CatalogDate> = #deprecated;
                const SUNSET: ::std::option::Option<CatalogDate> = #sunset;
            }
        }
    });
    quote! {
        /// An event schema version of the catalog, with its published facts.
        pub trait PartnerEvent:
            ::serde::Serialize + ::serde::de::DeserializeOwned + ::std::marker::Sized
        {
            /// The event name, such as `aw-interaction-focus-v3`.
            const NAME: &'static str;
            /// The payload schema version.
            const SCHEMA_VERSION: &'static str;
            /// The product that publishes or accepts it.
            const PRODUCT: Product;
            /// Received or send.
            const DIRECTION: Direction;
            /// The declared status.
            const DECLARED_STATUS: DeclaredStatus;
            /// The day it became active.
            const ACTIVE: CatalogDate;
            /// The day it was deprecated, if it is.
            const DEPRECATED: ::std::option::Option<CatalogDate>;
            /// The day it is no longer delivered, if published.
            const SUNSET: ::std::option::Option<CatalogDate>;

            /// Decodes a JSON payload of this event; unknown fields are ignored.
            fn decode(payload: &str) -> ::std::result::Result<Self, DecodeError> {
                eventcat_support::decode(payload, payload, &[])
            }

            /// The JSON payload, `schemaVersion` included.
            fn to_json(&self) -> ::std::result::Result<::std::string::String, ::serde_json::Error> {
                ::serde_json::to_string(self)
            }
        }

        #(#impls)*
    }
}

fn table(plan: &Plan) -> TokenStream {
    let entries = plan.entries.iter().map(|entry| {
        let name = &entry.name;
        let product = ident(&entry.product);
        let direction = direction(entry.direction);
        let versions = &entry.schema_versions;
        let status = status(entry.status);
        let active = date(&entry.active);
        let deprecated = optional_date(entry.deprecated.as_ref());
        let sunset = optional_date(entry.sunset.as_ref());
        let replacement = match &entry.replacement {
            Some(r) => quote! { ::std::option::Option::Some(#r) },
            None => quote! { ::std::option::Option::None },
        };
        quote! {
            CatalogEntry {
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
    });
    quote! {
        /// One event of the catalog, as published.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct CatalogEntry {
            /// The event name.
            pub name: &'static str,
            /// The product.
            pub product: Product,
            /// Received or send.
            pub direction: Direction,
            /// Payload schema versions, oldest first.
            pub schema_versions: &'static [&'static str],
            /// The declared status.
            pub declared_status: DeclaredStatus,
            /// The day it became active.
            pub active: CatalogDate,
            /// The day it was deprecated, if it is.
            pub deprecated: ::std::option::Option<CatalogDate>,
            /// The day it is no longer delivered, if published.
            pub sunset: ::std::option::Option<CatalogDate>,
            /// The event that replaces it, when it is deprecated and a replacement is published.
            pub replacement: ::std::option::Option<&'static str>,
        }

        impl CatalogEntry {
            /// Every event of the catalog, in catalog order.
            pub const ALL: &'static [CatalogEntry] = &[#(#entries),*];

            /// The event with this name.
            pub fn find(name: &str) -> ::std::option::Option<&'static CatalogEntry> {
                Self::ALL.iter().find(|entry| entry.name == name)
            }

            /// Its status on `day`: sunset from the sunset date, deprecated from the deprecation
            /// date, active from the active date.
            pub fn status_on(&self, day: CatalogDate) -> LifecycleStatus {
                if self.sunset.is_some_and(|sunset| day >= sunset) {
                    LifecycleStatus::Sunset
                } else if self.deprecated.is_some_and(|deprecated| day >= deprecated) {
                    LifecycleStatus::Deprecated
                } else if day >= self.active {
                    LifecycleStatus::Active
                } else {
                    LifecycleStatus::Upcoming
                }
            }

            /// The events that are deprecated (and not yet sunset) on `day`.
            pub fn deprecated_on(day: CatalogDate) -> impl ::std::iter::Iterator<Item = &'static CatalogEntry> {
                Self::ALL
                    .iter()
                    .filter(move |entry| entry.status_on(day) == LifecycleStatus::Deprecated)
            }

            /// The events that are sunset on `day`.
            pub fn sunset_on(day: CatalogDate) -> impl ::std::iter::Iterator<Item = &'static CatalogEntry> {
                Self::ALL
                    .iter()
                    .filter(move |entry| entry.status_on(day) == LifecycleStatus::Sunset)
            }
        }
    }
}
