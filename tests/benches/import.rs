//! How long `eventcat import` takes to split a text-form row whose cells run together, as the
//! row grows: a row of the published page (82 characters) and the same row with 10 and 100
//! times as many characters (more schema versions). The splitter is linear in the row length.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

/// A text-form page of one received table holding one row with `versions` schema versions.
fn page(versions: usize) -> String {
    let versions: Vec<String> = (0..versions).map(|minor| format!("1.{minor}.0")).collect();
    format!(
        "Agent Workspace\nReceived\nEvent NameSchema VersionsStatusActive DateDeprecation \
         DateSunset Date\naw-interaction-focus-v1{}deprecated26 March 20258 September 20258 \
         December 2026\n",
        versions.join(", ")
    )
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("import: split a text row");
    // 1, 95 and 900 schema versions: rows of 82, 820 and 8,600 characters or so.
    for (label, versions) in [("1x", 1), ("10x", 95), ("100x", 900)] {
        let text = page(versions);
        let row_chars = text.lines().nth(3).map_or(0, |row| row.chars().count());
        group.bench_with_input(
            BenchmarkId::new(label, format!("{row_chars} characters")),
            &text,
            |b, text| {
                b.iter(|| match eventcat_codegen::page::parse(text) {
                    Ok(page) => page.rows.len(),
                    Err(err) => panic!("the row splits: {err}"),
                })
            },
        );
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
