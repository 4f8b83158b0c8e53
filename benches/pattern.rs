//! What does each construct cost?
//!
//! Every generator pattern alone, and the default mix, at the same line count
//! ([`inputs::PATTERN_LINES`]), so times compare directly: the cost of a line of each construct.
//! Throughput: lines (elements) and bytes. Lines rather than top-level forms, because the
//! `comments` pattern has no forms at all.

mod support;

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use gene_bench::inputs::{self, Spec};

fn pattern(c: &mut Criterion) {
    let mut g = c.benchmark_group("pattern");
    let mut specs: Vec<(String, Spec)> = inputs::pattern_names()
        .into_iter()
        .map(|p| (p.clone(), Spec::Pattern(p)))
        .collect();
    specs.push(("mix".into(), Spec::Size(inputs::PATTERN_LINES)));
    for (id, spec) in specs {
        let input = inputs::get(spec);
        input.check_parse();
        g.throughput(Throughput::ElementsAndBytes {
            elements: input.lines as u64,
            bytes: input.src.len() as u64,
        });
        g.bench_with_input(BenchmarkId::from_parameter(id), input.bytes(), |b, src| {
            b.iter(|| gene_parser::parse(black_box(src)))
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = support::criterion(30, 1, 3);
    targets = pattern
}
criterion_main!(benches);
