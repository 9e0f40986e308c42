//! Dispatch: `ReceivedEvent` routes any received event by name and schema version to its struct
//! (the runtime's `Dispatch`, which decodes from a bare payload or either host envelope);
//! `SendEvent` encodes any send event.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::{StructVariant, deprecated_attr, doc_lines, ident, struct_enum};
use crate::model::Direction;
use crate::naming::{RECEIVED_ENUM, SEND_ENUM, type_link};
use crate::plan::{Carried, EventItem, Extra, Plan};

pub(super) fn emit(plan: &Plan, rt: &TokenStream) -> TokenStream {
    let of = |direction| -> Vec<&EventItem> {
        plan.events
            .iter()
            .filter(|e| e.direction == direction)
            .collect()
    };
    let received = received_event(plan, &of(Direction::Received), rt);
    let send = send_event(&of(Direction::Send), rt);
    quote! {
        #received
        #send
    }
}

/// The enum of `events`, one variant per event schema version named after its struct.
fn event_enum(name: &str, doc: &str, events: &[&EventItem]) -> (TokenStream, TokenStream) {
    let variants: Vec<StructVariant> = events
        .iter()
        .map(|e| StructVariant {
            variant: e.struct_name.clone(),
            struct_name: e.struct_name.clone(),
            doc: format!(" `{}`, schema version {}.", e.name, e.version),
            deprecated: deprecated_attr(e.deprecation.as_ref()),
        })
        .collect();
    struct_enum(name, doc, &variants, &Extra::default())
}

/// `match self { Self::A(event) => .., }` with one arm per event (`Self::A(_)` when the arms
/// do not use `event`), or `match *self {}` for none.
fn per_variant(
    events: &[&EventItem],
    uses_event: bool,
    arm: impl Fn(&EventItem) -> TokenStream,
) -> TokenStream {
    if events.is_empty() {
        return quote! { match *self {} };
    }
    let binding = if uses_event {
        quote! { event }
    } else {
        quote! { _ }
    };
    let arms = events.iter().map(|e| {
        let ty = ident(&e.struct_name);
        let value = arm(e);
        quote! { Self::#ty(#binding) => #value }
    });
    quote! { match self { #(#arms,)* } }
}

fn received_event(plan: &Plan, events: &[&EventItem], rt: &TokenStream) -> TokenStream {
    let doc = "Any event the host sends to the partner, one variant per event schema version.\n\n\
               Decode a message as the host delivers it with [`ReceivedEvent::from_message`], \
               or a payload with [`ReceivedEvent::decode`], then match on the variants; each \
               struct converts into the other versions of its event with `From` and \
               `upgrade_to_*`. A [`DecodeError`] keeps the text that did not decode.";
    let (items, allow) = event_enum(RECEIVED_ENUM, doc, events);
    let route = route(events, rt);
    let left_out = (!plan.left_out.is_empty()).then(|| {
        let names = &plan.left_out;
        quote! { const LEFT_OUT: &'static [&'static str] = &[#(#names),*]; }
    });
    let carriers = carrier_methods(plan, events);
    let names = per_variant(events, false, |e| {
        let name = &e.name;
        quote! { #name }
    });
    let versions = per_variant(events, false, |e| {
        let version = &e.version;
        quote! { #version }
    });
    let to_json = per_variant(
        events,
        true,
        |_| quote! { #rt::PartnerEvent::to_json(event) },
    );
    quote! {
        #items

        #allow
        impl #rt::Dispatch for ReceivedEvent {
            #route
            #left_out
        }

        #allow
        impl ReceivedEvent {
            /// Decodes the JSON `payload` of the event called `name`, choosing the struct by the
            /// payload's `schemaVersion`. Unknown fields are ignored.
            pub fn decode(name: &str, payload: &str) -> ::std::result::Result<Self, #rt::DecodeError> {
                #rt::dispatch::decode(name, payload)
            }

            /// Decodes a message as the host delivers it: the partner SDK envelope
            /// `{"type": "event", "message": {"eventName", "value"}}` or the Maestro envelope
            /// `{"eventType", "status", "data"}`, whose `failed` form becomes
            /// [`DecodeErrorKind::HostFailure`]. The payload is decoded where it lies in the message.
            pub fn from_message(message: &str) -> ::std::result::Result<Self, #rt::DecodeError> {
                #rt::envelope::from_message(message)
            }

            #carriers

            /// The event name.
            pub fn name(&self) -> &'static str {
                #names
            }

            /// The payload schema version.
            pub fn schema_version(&self) -> &'static str {
                #versions
            }

            /// The JSON payload, `schemaVersion` included.
            pub fn to_json(&self) -> ::std::result::Result<::std::string::String, #rt::EncodeError> {
                #to_json
            }
        }
    }
}

/// `Dispatch::route`: one arm per event name, naming the struct of each schema version.
fn route(events: &[&EventItem], rt: &TokenStream) -> TokenStream {
    let mut by_name: BTreeMap<&str, Vec<&EventItem>> = BTreeMap::new();
    for e in events {
        by_name.entry(&e.name).or_default().push(e);
    }
    let several = by_name.values().any(|versions| versions.len() > 1);
    let arms = by_name.iter().map(|(name, versions)| {
        let supported: Vec<&str> = versions.iter().map(|e| e.version.as_str()).collect();
        let supported = quote! { &[#(#supported),*] };
        let event = |e: &EventItem| {
            let ty = ident(&e.struct_name);
            quote! { router.event::<#ty>(VERSIONS) }
        };
        let body = match versions.as_slice() {
            [only] => event(only),
            [older @ .., newest] => {
                let arms = older.iter().enumerate().map(|(index, e)| {
                    let event = event(e);
                    quote! { ::std::option::Option::Some(#index) => #event }
                });
                let newest = event(newest);
                quote! {
                    match router.version(VERSIONS) {
                        #(#arms,)*
                        _ => #newest,
                    }
                }
            }
            [] => quote! { router.unknown() },
        };
        quote! {
            #name => {
                const VERSIONS: &[&str] = #supported;
                #body
            }
        }
    });
    let router = if several {
        quote! { mut router: __R }
    } else {
        quote! { router: __R }
    };
    // Without received events every name is unknown.
    let (name, body) = if events.is_empty() {
        (quote! { _name }, quote! { router.unknown() })
    } else {
        let body = quote! {
            match name {
                #(#arms,)*
                _ => router.unknown(),
            }
        };
        (quote! { name }, body)
    };
    quote! {
        fn route<__R: #rt::dispatch::Router<Self>>(#name: &str, #router) -> __R::Output {
            #body
        }
    }
}

fn send_event(events: &[&EventItem], rt: &TokenStream) -> TokenStream {
    let doc = "Any event the partner sends to the host, one variant per event schema version.\n\n\
               Build one `From` its struct and hand [`SendEvent::encode`]'s name and payload to \
               the SDK's `sendEvent`.";
    let (items, allow) = event_enum(SEND_ENUM, doc, events);
    let encode = per_variant(
        events,
        true,
        |_| quote! { #rt::PartnerEvent::encode(event) },
    );
    quote! {
        #items

        #allow
        impl SendEvent {
            /// The event name and JSON payload to hand to the SDK's `sendEvent`.
            pub fn encode(&self) -> ::std::result::Result<#rt::EncodedEvent, #rt::EncodeError> {
                #encode
            }
        }
    }
}

/// `<type>s()` for every shared object type that is the whole payload of a received event: every
/// value of it the event carries, so one function can handle them all.
fn carrier_methods(plan: &Plan, events: &[&EventItem]) -> TokenStream {
    plan.carriers
        .iter()
        .map(|carrier| {
            let method = ident(&carrier.method);
            let ty = ident(&carrier.type_name);
            let arms = carrier.events.iter().map(|(struct_name, carried)| {
                let variant = ident(struct_name);
                let values = carried_values(carried);
                quote! { Self::#variant(event) => #values }
            });
            let others = (carrier.events.len() < events.len()).then(|| quote! { _ => &[], });
            let doc = doc_lines(&[format!(
                "Every {} the event carries: {} of the {} received event schema versions \
                 carry them, as their payload or in one field; the others carry none.",
                type_link(&carrier.type_name),
                carrier.events.len(),
                events.len()
            )]);
            quote! {
                #doc
                pub fn #method(&self) -> &[#ty] {
                    match self {
                        #(#arms,)*
                        #others
                    }
                }
            }
        })
        .collect()
}

/// The slice of carried values of `event`.
fn carried_values(carried: &Carried) -> TokenStream {
    match carried {
        Carried::Payload => quote! { ::std::slice::from_ref(&*event.0) },
        Carried::Field {
            rust_name,
            array,
            option,
        } => {
            let field = ident(rust_name);
            match (array, option) {
                (false, false) => quote! { ::std::slice::from_ref(&event.#field) },
                (true, false) => quote! { &event.#field },
                (false, true) => quote! { event.#field.as_slice() },
                (true, true) => quote! { event.#field.as_deref().unwrap_or_default() },
            }
        }
    }
}
