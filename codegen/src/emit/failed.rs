//! Stand-ins for the items of an expansion that failed. Each type the catalog would have
//! generated becomes an alias of one type that carries the error, so the error is reported once
//! and rustc reports nothing more about the partner's code that names the types: a path, a
//! method or a field of a type whose definition failed is not looked up again.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::{ident, runtime_exports};

/// The runtime's re-exports, and every name in `types` as an alias of the type that carries
/// `error` (one or more `compile_error!` invocations).
pub(crate) fn emit(types: &BTreeSet<String>, rt: &TokenStream, error: TokenStream) -> TokenStream {
    let exports = runtime_exports(rt);
    let types = types.iter().map(|name| ident(name));
    quote! {
        /// The type of every item a failed expansion stands in for: its error.
        #[doc(hidden)]
        pub type __EventcatFailedExpansion =
            <[(); { #error 0 }] as ::core::ops::Deref>::Target;

        #exports

        #(
            #[allow(dead_code)]
            pub type #types = __EventcatFailedExpansion;
        )*
    }
}
