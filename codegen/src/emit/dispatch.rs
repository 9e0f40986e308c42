//! Dispatch: `ReceivedEvent` decodes any received event by name and schema version, from a bare
//! payload or either host envelope; `SendEvent` encodes any send event. `DecodeError` says what
//! went wrong and keeps the raw text.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::{allow_deprecated, deprecated_attr, doc_attr, doc_lines, ident};
use crate::model::Direction;
use crate::plan::{Carried, EventItem, Plan};

pub(super) fn emit(plan: &Plan) -> TokenStream {
    let error = decode_error();
    let received: Vec<&EventItem> = plan
        .events
        .iter()
        .filter(|e| e.direction == Direction::Received)
        .collect();
    let send: Vec<&EventItem> = plan
        .events
        .iter()
        .filter(|e| e.direction == Direction::Send)
        .collect();
    let received = received_event(plan, &received);
    let send = send_event(&send);
    quote! {
        #error
        #received
        #send
    }
}

fn decode_error() -> TokenStream {
    quote! {
        /// Why a payload could not be decoded. Every variant keeps the raw text it was given.
        #[derive(Debug, Clone, PartialEq)]
        pub enum DecodeError {
            /// The event name is not in the catalog.
            UnknownEvent {
                /// The name given.
                name: ::std::string::String,
                /// The raw payload or message.
                raw: ::std::string::String,
            },
            /// The payload's `schemaVersion` is not one the catalog lists for the event.
            UnsupportedSchemaVersion {
                /// The event name.
                event: &'static str,
                /// The version found.
                found: ::std::string::String,
                /// The versions the catalog lists.
                supported: &'static [&'static str],
                /// The raw payload or message.
                raw: ::std::string::String,
            },
            /// The payload does not match its schema.
            InvalidPayload {
                /// The event name.
                event: &'static str,
                /// The schema version it was decoded as.
                schema_version: &'static str,
                /// The JSON path of the offending field, such as `queue.queueId`.
                path: ::std::string::String,
                /// What was expected there.
                message: ::std::string::String,
                /// The raw payload or message.
                raw: ::std::string::String,
            },
            /// The text is not JSON.
            MalformedJson {
                /// The parser's message, with line and column.
                message: ::std::string::String,
                /// The raw text.
                raw: ::std::string::String,
            },
            /// The message is neither a bare payload nor a known host envelope.
            UnknownEnvelope {
                /// What is missing.
                message: ::std::string::String,
                /// The raw message.
                raw: ::std::string::String,
            },
            /// The host reported that it could not validate the event (Maestro `status: failed`).
            HostFailure {
                /// The event name the host reported.
                event: ::std::string::String,
                /// The host's error code, such as `INVALID_SCHEMA`.
                code: ::std::string::String,
                /// The host's error details.
                detail: ::serde_json::Value,
                /// The raw message.
                raw: ::std::string::String,
            },
        }

        impl DecodeError {
            /// The raw text that could not be decoded.
            pub fn raw(&self) -> &str {
                match self {
                    Self::UnknownEvent { raw, .. }
                    | Self::UnsupportedSchemaVersion { raw, .. }
                    | Self::InvalidPayload { raw, .. }
                    | Self::MalformedJson { raw, .. }
                    | Self::UnknownEnvelope { raw, .. }
                    | Self::HostFailure { raw, .. } => raw,
                }
            }
        }

        impl ::std::fmt::Display for DecodeError {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    Self::UnknownEvent { name, .. } => write!(f, "unknown event `{name}`"),
                    Self::UnsupportedSchemaVersion { event, found, supported, .. } => write!(
                        f,
                        "`{event}` has no schema version `{found}` (supported: {})",
                        supported.join(", ")
                    ),
                    Self::InvalidPayload { event, schema_version, path, message, .. } => write!(
                        f,
                        "invalid `{event}` {schema_version} payload at `{path}`: {message}"
                    ),
                    Self::MalformedJson { message, .. } => write!(f, "malformed JSON: {message}"),
                    Self::UnknownEnvelope { message, .. } => write!(f, "unknown message envelope: {message}"),
                    Self::HostFailure { event, code, .. } => {
                        write!(f, "the host reported `{code}` for `{event}`")
                    }
                }
            }
        }

        impl ::std::error::Error for DecodeError {}

        /// An event ready to send: its name and its JSON payload.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct EncodedEvent {
            /// The event name, the first argument of the SDK's `sendEvent`.
            pub name: &'static str,
            /// The JSON payload, `schemaVersion` included.
            pub payload: ::std::string::String,
        }
    }
}

fn received_event(plan: &Plan, events: &[&EventItem]) -> TokenStream {
    let variants = events.iter().map(|e| {
        let ty = ident(&e.struct_name);
        let deprecated = deprecated_attr(e.deprecation.as_ref());
        let doc = format!(" `{}`, schema version {}.", e.name, e.version);
        let doc = doc_attr(&doc);
        quote! { #doc #deprecated #ty(#ty) }
    });
    let any_deprecated = events.iter().any(|e| e.deprecation.is_some());
    let allow = allow_deprecated(any_deprecated);
    let mut by_name: BTreeMap<&str, Vec<&EventItem>> = BTreeMap::new();
    for e in events {
        by_name.entry(&e.name).or_default().push(e);
    }
    let name_arms = by_name.iter().map(|(name, versions)| {
        let supported: Vec<&str> = versions.iter().map(|e| e.version.as_str()).collect();
        let supported = quote! { &[#(#supported),*] };
        let decode = |e: &EventItem| {
            let ty = ident(&e.struct_name);
            quote! { eventcat_support::decode_into(payload, raw, #supported, Self::#ty) }
        };
        match versions.as_slice() {
            [only] => {
                let decode = decode(only);
                quote! { #name => #decode }
            }
            _ => {
                // Several versions: a cheap first pass reads `schemaVersion` alone. Anything else
                // is decoded as the newest, which reports the precise error.
                let arms = versions.iter().map(|e| {
                    let version = &e.version;
                    let decode = decode(e);
                    quote! { ::std::option::Option::Some(#version) => #decode }
                });
                let newest = versions.last().map(|e| decode(e));
                quote! {
                    #name => match eventcat_support::version_of(payload).as_ref().map(eventcat_support::Key::as_str) {
                        #(#arms,)*
                        _ => #newest,
                    }
                }
            }
        }
    });
    let accessors = carrier_methods(plan, events);
    let names = events.iter().map(|e| {
        let ty = ident(&e.struct_name);
        let name = &e.name;
        quote! { Self::#ty(_) => #name }
    });
    let versions = events.iter().map(|e| {
        let ty = ident(&e.struct_name);
        let version = &e.version;
        quote! { Self::#ty(_) => #version }
    });
    let to_json = events.iter().map(|e| {
        let ty = ident(&e.struct_name);
        quote! { Self::#ty(event) => event.to_json() }
    });
    let self_match = |arms: Vec<TokenStream>| {
        if arms.is_empty() {
            quote! { match *self {} }
        } else {
            quote! { match self { #(#arms,)* } }
        }
    };
    let unknown = quote! {
        ::std::result::Result::Err(DecodeError::UnknownEvent {
            name: name.to_owned(),
            raw: raw.to_owned(),
        })
    };
    // Without received events every name is unknown and the payload is not read.
    let (payload, decode_body) = if events.is_empty() {
        (quote! { _payload }, unknown)
    } else {
        (
            quote! { payload },
            quote! {
                match name {
                    #(#name_arms,)*
                    _ => #unknown,
                }
            },
        )
    };
    let from_message = quote! {
        eventcat_support::with_repair(message, |text| {
            let (name, payload) = eventcat_support::open_envelope(text, message)?;
            Self::dispatch(name.as_str(), payload, message)
        })
    };
    let names = self_match(names.collect());
    let versions = self_match(versions.collect());
    let to_json = self_match(to_json.collect());
    quote! {
        /// Any event the host sends to the partner, one variant per event schema version.
        #allow
        #[allow(clippy::large_enum_variant)]
        #[derive(Debug, Clone, PartialEq)]
        pub enum ReceivedEvent {
            #(#variants,)*
        }

        #allow
        impl ReceivedEvent {
            /// Decodes the JSON `payload` of the event called `name`, choosing the struct by the
            /// payload's `schemaVersion`. Unknown fields are ignored.
            pub fn decode(name: &str, payload: &str) -> ::std::result::Result<Self, DecodeError> {
                Self::dispatch(name, payload, payload)
            }

            /// Decodes a message as the host delivers it: the partner SDK envelope
            /// `{"type": "event", "message": {"eventName", "value"}}` or the Maestro envelope
            /// `{"eventType", "status", "data"}`, whose `failed` form becomes
            /// [`DecodeError::HostFailure`]. The payload is decoded where it lies in the message.
            pub fn from_message(message: &str) -> ::std::result::Result<Self, DecodeError> {
                #from_message
            }

            /// Decodes `payload` as the event called `name`; errors keep `raw`.
            fn dispatch(name: &str, #payload: &str, raw: &str) -> ::std::result::Result<Self, DecodeError> {
                #decode_body
            }

            #accessors

            /// The event name.
            pub fn name(&self) -> &'static str {
                #names
            }

            /// The payload schema version.
            pub fn schema_version(&self) -> &'static str {
                #versions
            }

            /// The JSON payload, `schemaVersion` included.
            pub fn to_json(&self) -> ::std::result::Result<::std::string::String, ::serde_json::Error> {
                #to_json
            }
        }
    }
}

fn send_event(events: &[&EventItem]) -> TokenStream {
    let variants = events.iter().map(|e| {
        let ty = ident(&e.struct_name);
        let deprecated = deprecated_attr(e.deprecation.as_ref());
        let doc = format!(" `{}`, schema version {}.", e.name, e.version);
        let doc = doc_attr(&doc);
        quote! { #doc #deprecated #ty(#ty) }
    });
    let wraps = events.iter().map(|e| {
        let ty = ident(&e.struct_name);
        let allow = allow_deprecated(e.deprecation.is_some());
        quote! {
            #allow
            impl ::std::convert::From<#ty> for SendEvent {
                fn from(event: #ty) -> Self {
                    Self::#ty(event)
                }
            }
        }
    });
    let any_deprecated = events.iter().any(|e| e.deprecation.is_some());
    let allow = allow_deprecated(any_deprecated);
    let arms: Vec<TokenStream> = events
        .iter()
        .map(|e| {
            let ty = ident(&e.struct_name);
            quote! {
                Self::#ty(event) => EncodedEvent {
                    name: <#ty as PartnerEvent>::NAME,
                    payload: event.to_json()?,
                }
            }
        })
        .collect();
    let body = if arms.is_empty() {
        quote! { match *self {} }
    } else {
        quote! { ::std::result::Result::Ok(match self { #(#arms,)* }) }
    };
    quote! {
        /// Any event the partner sends to the host, one variant per event schema version.
        #allow
        #[allow(clippy::large_enum_variant)]
        #[derive(Debug, Clone, PartialEq)]
        pub enum SendEvent {
            #(#variants,)*
        }

        #(#wraps)*

        #allow
        impl SendEvent {
            /// The event name and JSON payload to hand to the SDK's `sendEvent`.
            pub fn encode(&self) -> ::std::result::Result<EncodedEvent, ::serde_json::Error> {
                #body
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
                let values = match carried {
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
                };
                quote! { Self::#variant(event) => #values }
            });
            let others = (carrier.events.len() < events.len()).then(|| quote! { _ => &[], });
            let doc = doc_lines(&[format!(
                "Every [`{}`] the event carries: {} of the {} received events carry them, as \
                     their payload or in one field; the others carry none.",
                carrier.type_name,
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
