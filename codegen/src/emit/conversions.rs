//! Conversions between the versions of a family: `From` where no data must be invented, an
//! upgrade method taking the missing fields otherwise, and the family enums.

use super::{
    StructVariant, allow_deprecated, default_expr, doc_attr, find_struct, ident, rust_type,
    struct_enum,
};
use crate::plan::{Conversion, ConversionKind, FamilyItem, FieldSource, Plan, ValueConversion};
use proc_macro2::TokenStream;
use quote::quote;

use crate::naming::type_link;

/// One conversion: `From`, or an upgrade method, between two structs or two enums.
pub(super) fn conversion(plan: &Plan, conversion: &Conversion) -> TokenStream {
    let from = ident(&conversion.from);
    let to = ident(&conversion.to);
    if !conversion.variants.is_empty() {
        let arms = conversion.variants.iter().map(|(a, b)| {
            let (a, b) = (ident(a), ident(b));
            quote! { #from::#a => #to::#b }
        });
        return quote! {
            impl ::std::convert::From<#from> for #to {
                fn from(value: #from) -> Self {
                    match value {
                        #(#arms,)*
                    }
                }
            }
        };
    }
    let built = built_target(plan, conversion);
    let dropped = dropped_note(conversion);
    match &conversion.kind {
        ConversionKind::From => from_impl(conversion, &built, &dropped),
        ConversionKind::Upgrade { method } => upgrade_impl(conversion, method, &built, &dropped),
    }
}

/// The expression building the target struct of a struct conversion from the source (`value`
/// for `From`, `self` for an upgrade method) and the method's parameters.
fn built_target(plan: &Plan, conversion: &Conversion) -> TokenStream {
    let to = ident(&conversion.to);
    let target = find_struct(plan, &conversion.to);
    let mut receiver = match conversion.kind {
        ConversionKind::From => quote! { value },
        ConversionKind::Upgrade { .. } => quote! { self },
    };
    // An event wrapping a shared object type holds its fields one level down.
    if find_struct(plan, &conversion.from).is_some_and(|s| s.wraps.is_some()) {
        receiver = quote! { #receiver.0 };
    }
    let fields = conversion.fields.iter().map(|(rust_name, source)| {
        let name = ident(rust_name);
        let field = target.and_then(|t| t.fields.iter().find(|f| &f.rust_name == rust_name));
        let value = match source {
            FieldSource::Source { rust_name, how } => {
                let source = ident(rust_name);
                value_expr(how, quote! { #receiver.#source })
            }
            FieldSource::Absent => quote! { ::std::option::Option::None },
            FieldSource::Default(default, ty) => {
                let mut expr = default_expr(plan, default, ty);
                if default.is_null() {
                    expr = quote! { ::std::option::Option::None };
                } else if field.is_some_and(|f| f.nullable) {
                    expr = quote! { ::std::option::Option::Some(#expr) };
                }
                if field.is_some_and(|f| f.optional) {
                    expr = quote! { ::std::option::Option::Some(#expr) };
                }
                expr
            }
            FieldSource::Parameter(..) => return quote! { #name },
        };
        quote! { #name: #value }
    });
    let fields: Vec<TokenStream> = fields.collect();
    match target.and_then(|t| t.wraps.as_deref()) {
        Some(wrapped) => {
            let wrapped = ident(wrapped);
            quote! { #to(::std::boxed::Box::new(#wrapped { #(#fields,)* })) }
        }
        None => quote! { #to { #(#fields,)* } },
    }
}

/// ` Drops `a`, `b`, which [`To`] does not have.`, or nothing when no field is dropped.
fn dropped_note(conversion: &Conversion) -> String {
    if conversion.dropped.is_empty() {
        return String::new();
    }
    let list: Vec<String> = conversion
        .dropped
        .iter()
        .map(|d| format!("`{d}`"))
        .collect();
    format!(
        " Drops {}, which {} does not have.",
        list.join(", "),
        type_link(&conversion.to)
    )
}

/// `impl From<from> for to`.
fn from_impl(conversion: &Conversion, built: &TokenStream, dropped: &str) -> TokenStream {
    let (from, to) = (ident(&conversion.from), ident(&conversion.to));
    let allow = allow_deprecated(conversion.names_deprecated);
    let doc = format!(
        " Converts {} into {}.{dropped}",
        type_link(&conversion.from),
        type_link(&conversion.to)
    );
    let doc = doc_attr(&doc);
    // A target with no data fields reads nothing from the source.
    let value = if conversion
        .fields
        .iter()
        .any(|(_, source)| matches!(source, FieldSource::Source { .. }))
    {
        quote! { value }
    } else {
        quote! { _value }
    };
    quote! {
        #doc
        #allow
        impl ::std::convert::From<#from> for #to {
            fn from(#value: #from) -> Self {
                #built
            }
        }
    }
}

/// `impl from { pub fn method(self, missing fields...) -> to }`.
fn upgrade_impl(
    conversion: &Conversion,
    method: &str,
    built: &TokenStream,
    dropped: &str,
) -> TokenStream {
    let (from, to) = (ident(&conversion.from), ident(&conversion.to));
    let allow = allow_deprecated(conversion.names_deprecated);
    let method = ident(method);
    let params: Vec<TokenStream> = conversion
        .fields
        .iter()
        .filter_map(|(rust_name, source)| match source {
            FieldSource::Parameter(ty, nullable) => {
                let name = ident(rust_name);
                let mut ty = rust_type(ty);
                if *nullable {
                    ty = quote! { ::std::option::Option<#ty> };
                }
                Some(quote! { #name: #ty })
            }
            _ => None,
        })
        .collect();
    let missing: Vec<String> = conversion
        .fields
        .iter()
        .filter(|(_, s)| matches!(s, FieldSource::Parameter(..)))
        .map(|(n, _)| format!("`{}`", n.trim_start_matches("r#")))
        .collect();
    let doc = format!(
        " Upgrades to {}, which also needs {}.{dropped}",
        type_link(&conversion.to),
        missing.join(", ")
    );
    let doc = doc_attr(&doc);
    let many = (params.len() > 6).then(|| quote! { #[allow(clippy::too_many_arguments)] });
    quote! {
        #allow
        impl #from {
            #doc
            #many
            pub fn #method(self, #(#params),*) -> #to {
                #built
            }
        }
    }
}

/// The expression converting `source` as `how` says.
fn value_expr(how: &ValueConversion, source: TokenStream) -> TokenStream {
    match how {
        ValueConversion::Same => source,
        ValueConversion::Into => quote! { #source.into() },
        ValueConversion::Some(inner) => {
            let inner = value_expr(inner, source);
            quote! { ::std::option::Option::Some(#inner) }
        }
        ValueConversion::Option(inner) => match inner.as_ref() {
            ValueConversion::Into => quote! { #source.map(::std::convert::Into::into) },
            inner => {
                let body = value_expr(inner, quote! { item });
                quote! { #source.map(|item| #body) }
            }
        },
        ValueConversion::Array(inner) => match inner.as_ref() {
            ValueConversion::Into => {
                quote! { #source.into_iter().map(::std::convert::Into::into).collect() }
            }
            inner => {
                let body = value_expr(inner, quote! { item });
                quote! { #source.into_iter().map(|item| #body).collect() }
            }
        },
        ValueConversion::Map(inner) => {
            let body = value_expr(inner, quote! { item });
            quote! { #source.into_iter().map(|(key, item)| (key, #body)).collect() }
        }
    }
}

/// A family's enum of its versions, with the conversions into its oldest.
pub(super) fn family(family: &FamilyItem) -> TokenStream {
    let name = ident(&family.name);
    let doc = format!(
        "Any schema version of the `{}` family, oldest first.",
        family.family
    );
    let variants: Vec<StructVariant> = family
        .variants
        .iter()
        .map(|(variant, struct_name, deprecated)| StructVariant {
            variant: variant.clone(),
            struct_name: struct_name.clone(),
            doc: format!(" {}", type_link(struct_name)),
            deprecated: if *deprecated {
                let note = format!("`{struct_name}` is deprecated; see its documentation");
                quote! { #[deprecated(note = #note)] }
            } else {
                TokenStream::new()
            },
        })
        .collect();
    let (items, allow) = struct_enum(&family.name, &doc, &variants, &family.extra);
    let into_oldest = family.into_oldest.as_ref().map(|oldest| {
        let oldest_ty = ident(oldest);
        let arms = family.variants.iter().map(|(variant, struct_name, _)| {
            let variant = ident(variant);
            if struct_name == oldest {
                quote! { #name::#variant(value) => value }
            } else {
                quote! { #name::#variant(value) => value.into() }
            }
        });
        let doc = format!(
            " Converts any version into the oldest, {}, dropping what it lacks.",
            type_link(oldest)
        );
        let doc = doc_attr(&doc);
        quote! {
            #doc
            #allow
            impl ::std::convert::From<#name> for #oldest_ty {
                fn from(value: #name) -> Self {
                    match value {
                        #(#arms,)*
                    }
                }
            }
        }
    });
    quote! {
        #items
        #into_oldest
    }
}
