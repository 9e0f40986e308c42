//! How long the front ends take on the bundled catalog: load and validate, then generate
//! tokens, then pretty-print; how that grows with a catalog 2 and 4 times its size (236 events,
//! the largest multiple within eventcat's limits); and what
//! `check` takes on one event declared thousands of times.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use eventcat_codegen::{BUNDLED_CATALOG, BUNDLED_CATALOG_NAME, LoadError, Options};

// The catalogs the limit tests build; only the duplicates are timed here.
#[allow(dead_code)]
#[path = "../../codegen/tests/hostile/mod.rs"]
mod hostile;

// The catalogs the limits are measured with: the bundled events copied under new names.
#[path = "../../codegen/tests/shared/scaled.rs"]
mod scaled;

fn bench(c: &mut Criterion) {
    c.bench_function("load and validate the bundled catalog", |b| {
        b.iter(|| eventcat_codegen::load_str(BUNDLED_CATALOG_NAME, BUNDLED_CATALOG))
    });
    let loaded = match eventcat_codegen::load_bundled() {
        Ok(loaded) => loaded,
        Err(err) => panic!("the bundled catalog loads: {err}"),
    };
    let options = Options::default();
    c.bench_function("generate tokens (derive path)", |b| {
        b.iter(|| eventcat_codegen::generate(&loaded, &options))
    });
    c.bench_function("generate and pretty-print (build.rs and CLI path)", |b| {
        b.iter(|| {
            eventcat_codegen::generate_source(BUNDLED_CATALOG_NAME, BUNDLED_CATALOG, &options)
        })
    });
}

/// Cost against catalog size: load and validate, and generate and pretty-print, at 1x, 2x and
/// 4x the bundled catalog's events.
fn scaling(c: &mut Criterion) {
    let mut group = c.benchmark_group("catalog size");
    group.sample_size(10);
    let options = Options::default();
    for copies in [1, 2, 4] {
        let text = scaled::scaled_catalog(copies);
        if let Err(err) = eventcat_codegen::load_str("scaled.yaml", &text) {
            panic!("the {copies}x catalog loads: {err}");
        }
        group.bench_with_input(
            BenchmarkId::new("load and validate", copies),
            &text,
            |b, text| b.iter(|| eventcat_codegen::load_str("scaled.yaml", text)),
        );
        group.bench_with_input(
            BenchmarkId::new("generate and pretty-print", copies),
            &text,
            |b, text| b.iter(|| eventcat_codegen::generate_source("scaled.yaml", text, &options)),
        );
    }
    group.finish();
}

/// `eventcat check` on the event `e-v1` declared 1,000, 4,000 and 16,000 times: load and
/// validate, then render every `duplicate-event` error with its excerpts.
fn duplicates(c: &mut Criterion) {
    let mut group = c.benchmark_group("duplicate events");
    group.sample_size(10);
    for copies in [1_000, 4_000, 16_000] {
        let text = hostile::duplicates(copies);
        group.bench_with_input(BenchmarkId::new("check", copies), &text, |b, text| {
            b.iter(
                || match eventcat_codegen::load_str("duplicates.yaml", text) {
                    Err(LoadError::Invalid(report)) => report.render(false).len(),
                    _ => panic!("duplicates must be refused"),
                },
            )
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench, scaling, duplicates
}
criterion_main!(benches);
