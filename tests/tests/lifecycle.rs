//! The generator (for `eventcat list`, `diff` and the sunset policy) and the runtime (for partner
//! code) each compute an event's status on a day; they cannot share the code (the runtime may
//! not depend on the generator), so this test holds them to the same answers and the same words,
//! for every event of the bundled catalog on every day from 2024 to 2028.

use eventcat::CatalogDate;
use eventcat_codegen::model::{direction_word, status_word};
use eventcat_tests::catalog::CatalogEntry;

#[test]
fn the_generator_and_the_runtime_give_every_event_the_same_status_on_every_day() {
    let catalog = eventcat_codegen::load_bundled().expect("loads").catalog;
    let mut day = jiff::civil::date(2024, 1, 1);
    let end = jiff::civil::date(2029, 1, 1);
    let mut checked = 0;
    while day < end {
        let runtime_day =
            CatalogDate::new(day.year() as u16, day.month() as u8, day.day() as u8).expect("a day");
        for event in &catalog.events {
            let entry = CatalogEntry::find(&event.name).expect("generated");
            let generator = event.lifecycle.status_on(day).as_str();
            let runtime = entry.status_on(runtime_day);
            assert_eq!(generator, runtime.to_string(), "{} on {day}", event.name);
            assert_eq!(generator, runtime.as_str());
            checked += 1;
        }
        day = day.tomorrow().expect("a later day");
    }
    assert!(checked > 59 * 1800, "{checked}");
}

#[test]
fn the_runtime_prints_statuses_and_directions_as_the_cli_does() {
    let catalog = eventcat_codegen::load_bundled().expect("loads").catalog;
    for event in &catalog.events {
        let entry = CatalogEntry::find(&event.name).expect("generated");
        assert_eq!(entry.declared_status.to_string(), status_word(event.status));
        assert_eq!(entry.direction.to_string(), direction_word(event.direction));
    }
}

/// Each event struct's facts are its own entry's: `ENTRY` points at the entry of its name, and
/// the constants read from it.
#[test]
fn each_event_struct_reads_its_facts_from_its_own_entry() {
    use eventcat::PartnerEvent;
    use eventcat_tests::catalog as c;
    fn holds<T: PartnerEvent<Product = c::Product>>() {
        let entry = CatalogEntry::find(T::NAME).expect("an entry of that name");
        assert_eq!(entry, T::ENTRY, "{}", T::NAME);
        assert!(
            entry.schema_versions.contains(&T::SCHEMA_VERSION),
            "{}",
            T::NAME
        );
        assert_eq!(
            (T::PRODUCT, T::DIRECTION, T::DECLARED_STATUS),
            (entry.product, entry.direction, entry.declared_status)
        );
        assert_eq!(
            (T::ACTIVE, T::DEPRECATED, T::SUNSET),
            (entry.active, entry.deprecated, entry.sunset)
        );
    }
    #[allow(deprecated)]
    {
        holds::<c::GlobalUserDetailsV1>();
        holds::<c::AwInteractionFocusV1>();
        holds::<c::AwInteractionFocusV3>();
        holds::<c::AwInteractionWrapUpCodesV1_0_1>();
        holds::<c::CallManagerCallConnectV1>();
        holds::<c::MashellVoicemailTerminatedCcEventV1>();
    }
    assert_eq!(c::AwInteractionFocusV3::NAME, "aw-interaction-focus-v3");
}
