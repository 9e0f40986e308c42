//! How long the front ends take on the bundled catalog: load and validate, then generate
//! tokens, then pretty-print.

use criterion::{Criterion, criterion_group, criterion_main};
use eventcat_codegen::{BUNDLED_CATALOG, BUNDLED_CATALOG_NAME, Options};

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

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
