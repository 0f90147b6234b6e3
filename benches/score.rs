//! Scoring throughput on the embedded default model with a full assessment
//! (`data/examples/discrete.json`, 300 requirements). Target: under 50 µs per assessment.
//! Batch scoring (`scripts/bench-batch.sh`) parses and scores each record at the `summary`
//! tier for CSV/XLSX and at the `profile` tier for NDJSON. The web form asks for a form view
//! after every answer (`cmmm::report::form_view`: the gaps tier, the radar panel, progress).

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

const EXAMPLE: &str = include_str!("../data/examples/discrete.json");

fn bench(c: &mut Criterion) {
    let model = cmmm::Model::gbt39116_2020();
    let assessment = cmmm::score::parse_assessment(EXAMPLE).expect("example parses");
    let scorer = cmmm::Scorer::new(model);
    let options = cmmm::Options::default();
    c.bench_function("score (scorer reused)", |b| {
        b.iter(|| {
            scorer
                .score(black_box(&assessment), &options)
                .expect("scores")
        })
    });
    c.bench_function("score (fresh scorer)", |b| {
        b.iter(|| cmmm::score::score(model, black_box(&assessment)).expect("scores"))
    });
    for (name, detail) in [
        ("score summary (batch to CSV/XLSX)", cmmm::Detail::Summary),
        ("score profile (batch NDJSON)", cmmm::Detail::Profile),
    ] {
        let options = cmmm::Options::new().detail(detail);
        c.bench_function(name, |b| {
            b.iter(|| {
                scorer
                    .score(black_box(&assessment), &options)
                    .expect("scores")
            })
        });
    }
    c.bench_function("parse assessment", |b| {
        b.iter(|| cmmm::score::parse_assessment(black_box(EXAMPLE)).expect("parses"))
    });
    let lang = cmmm::model::Lang::Zh;
    c.bench_function("form view (one answer of the web form)", |b| {
        b.iter(|| {
            let view = cmmm::report::form_view(&scorer, black_box(&assessment), None, 8, lang);
            serde_json::to_string(&view.expect("views")).expect("serializes")
        })
    });
    let gaps = cmmm::Options::new()
        .allow_missing(true)
        .detail(cmmm::Detail::Gaps);
    c.bench_function("score at the gaps tier (the form view's result)", |b| {
        b.iter(|| scorer.score(black_box(&assessment), &gaps).expect("scores"))
    });
    let outcome = scorer.score(&assessment, &gaps).expect("scores");
    c.bench_function("radar panel (the form view's chart)", |b| {
        b.iter(|| cmmm::report::radar::panel(model, black_box(&outcome), lang))
    });
    c.bench_function("score + serialize result", |b| {
        b.iter(|| {
            let o = scorer
                .score(black_box(&assessment), &options)
                .expect("scores");
            serde_json::to_string(&o).expect("serializes")
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
