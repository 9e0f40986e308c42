//! What the build script did with its random catalogs: enough of them accepted and compiled
//! (so the generator stays meaningful), none accepted by the validator and then refused by the
//! generator or panicking, and every compiled module's catalog table matching its catalog.

use eventcat_generator_check::catalog_gen::{self, Features};
use eventcat_generator_check::generated::ENTRY_COUNTS;
use eventcat_generator_check::summary;

/// The directory the build script wrote the catalogs to.
fn catalogs_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("OUT_DIR")).join("catalogs")
}

#[test]
fn every_accepted_catalog_is_generated() {
    assert_eq!(
        summary::FAILED,
        0,
        "{} of {} catalogs (seed {}, features {}) were accepted by load_str but not generated; \
         the catalogs are in {}:\n\n{}",
        summary::FAILED,
        summary::MADE,
        summary::SEED,
        summary::FEATURES,
        catalogs_dir().display(),
        summary::FAILURES
    );
}

#[test]
fn most_catalogs_are_accepted() {
    eprintln!(
        "seed {}, features {}: {} catalogs made, {} generated and compiled, {} refused",
        summary::SEED,
        summary::FEATURES,
        summary::MADE,
        summary::GENERATED,
        summary::REFUSED
    );
    assert!(summary::MADE > 0, "no catalog was made");
    // Some hostile names collide (`a-b` and `a_b`, `self` and `Self`) and must be refused; a
    // good part of the catalogs must still get through, or the check compiles little.
    assert!(
        summary::GENERATED * 3 >= summary::MADE,
        "only {} of {} catalogs were accepted (seed {}, features {}); the catalogs are in {}",
        summary::GENERATED,
        summary::MADE,
        summary::SEED,
        summary::FEATURES,
        catalogs_dir().display()
    );
    assert_eq!(ENTRY_COUNTS.len(), summary::GENERATED);
}

#[test]
fn generated_tables_list_every_event() {
    for (name, entries) in ENTRY_COUNTS {
        let path = catalogs_dir().join(format!("{name}.yaml"));
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
        let loaded = eventcat_codegen::load_str(&path.display().to_string(), &text)
            .unwrap_or_else(|err| panic!("{} no longer loads: {err}", path.display()));
        assert_eq!(
            *entries,
            loaded.catalog.events.len(),
            "{}: the generated CatalogEntry::ALL",
            path.display()
        );
    }
}

#[test]
fn catalogs_are_deterministic_and_parse_as_yaml() {
    for index in 0..20 {
        let first = catalog_gen::catalog(7, index, &Features::ALL);
        assert_eq!(first, catalog_gen::catalog(7, index, &Features::ALL));
        // Every catalog is well-formed YAML with the top-level keys: any refusal is by the
        // validator, never by the parser.
        if let Err(eventcat_codegen::LoadError::Invalid(report)) =
            eventcat_codegen::load_str("c.yaml", &first)
        {
            assert!(
                report.errors().all(|d| d.code != "yaml"),
                "catalog {index} does not parse:\n{first}\n{report}"
            );
        }
    }
}

#[test]
fn feature_specs_parse() {
    assert_eq!(Features::parse("all"), Ok(Features::ALL));
    assert_eq!(Features::parse("none"), Ok(Features::NONE));
    assert_eq!(Features::parse("ci"), Ok(Features::CI));
    let one = Features::parse("prereleases").expect("a feature name");
    assert!(one.prereleases && !one.recursion);
    let all_but = Features::parse("all,-recursion").expect("a negated feature");
    assert!(all_but.prereleases && !all_but.recursion);
    assert!(Features::parse("nonsense").is_err());
    assert_eq!(
        Features::ALL.describe().split(',').count(),
        catalog_gen::FEATURE_NAMES.len()
    );
    assert_eq!(Features::NONE.describe(), "none");
}
