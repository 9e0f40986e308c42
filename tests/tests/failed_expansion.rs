//! What a failed derive expands to: a stand-in for every type the catalog would generate, all
//! carrying the one error, so that rustc reports that error and nothing about the partner's code
//! (the trybuild cases of `ui-tests/ui/one_error` compile a realistic handler against it).

use std::collections::BTreeSet;
use std::path::Path;

use eventcat_codegen::{BUNDLED_CATALOG, Options, generate, generate_failed, load_bundled};
use quote::quote;

/// The error tokens every stand-in carries in these tests.
fn error() -> proc_macro2::TokenStream {
    quote! { ::core::compile_error! { "the error" } }
}

/// The names of the top-level types (structs, enums, aliases) that `tokens` define.
fn defined_types(tokens: proc_macro2::TokenStream) -> BTreeSet<String> {
    let file: syn::File = syn::parse2(tokens).expect("the expansion parses as a file");
    file.items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Struct(item) => Some(item.ident.to_string()),
            syn::Item::Enum(item) => Some(item.ident.to_string()),
            syn::Item::Type(item) => Some(item.ident.to_string()),
            _ => None,
        })
        .collect()
}

/// How often the error is written in `tokens`.
fn error_count(tokens: &proc_macro2::TokenStream) -> usize {
    tokens.to_string().matches("the error").count()
}

#[test]
fn every_type_of_the_bundled_catalog_has_a_stand_in() {
    let loaded = load_bundled().expect("the bundled catalog loads");
    let items = generate(&loaded, &Options::default()).expect("the bundled catalog generates");
    let failed = generate_failed(BUNDLED_CATALOG, &Options::default(), error());
    assert_eq!(error_count(&failed), 1);
    let mut stand_ins = defined_types(failed);
    assert!(stand_ins.remove("__EventcatFailedExpansion"));
    assert_eq!(stand_ins, defined_types(items));
}

#[test]
fn a_catalog_with_an_error_still_names_the_types_around_it() {
    let broken =
        BUNDLED_CATALOG.replacen("queueName: { type: string,", "queueName: { type: strng,", 1);
    assert_ne!(broken, BUNDLED_CATALOG);
    let stand_ins = defined_types(generate_failed(&broken, &Options::default(), error()));
    for name in [
        "Queue",
        "AwInteractionFocusV3",
        "AwInteractionFocus",
        "ReceivedEvent",
    ] {
        assert!(stand_ins.contains(name), "{name} has no stand-in");
    }
}

#[test]
fn every_broken_catalog_gives_stand_ins_that_parse_with_the_error_once() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/broken");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the broken corpus")
        .map(|entry| entry.expect("a corpus file").path())
        .collect();
    files.sort();
    assert!(files.len() > 50, "the corpus is there");
    for path in files {
        let source = String::from_utf8_lossy(&std::fs::read(&path).expect("read")).into_owned();
        let failed = generate_failed(&source, &Options::default(), error());
        assert_eq!(error_count(&failed), 1, "{}", path.display());
        let stand_ins = defined_types(failed);
        for support in ["CatalogEntry", "Product", "ReceivedEvent", "SendEvent"] {
            assert!(stand_ins.contains(support), "{}: {support}", path.display());
        }
    }
}
