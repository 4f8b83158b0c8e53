//! How does nesting depth and form length change the cost?
//!
//! The default mix at complexity levels 1 to 5, all at [`inputs::PATTERN_LINES`] lines. Higher
//! levels pack more tokens into each line, so compare MB/s rather than time.
//! Throughput: lines (Criterion's "elem/s") and bytes. Every level has the same line count, so
//! Criterion draws no line chart of time against it: the level is no size.

mod support;

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use gene_bench::inputs::{self, Spec};

fn complexity(c: &mut Criterion) {
    let mut g = c.benchmark_group("complexity");
    for level in 1..=5u8 {
        let input = inputs::get(Spec::Complexity(level));
        input.check_parse();
        g.throughput(Throughput::ElementsAndBytes {
            elements: input.lines as u64,
            bytes: input.src.len() as u64,
        });
        g.bench_with_input(
            BenchmarkId::from_parameter(level),
            input.bytes(),
            |b, src| b.iter(|| gene_parser::parse(black_box(src))),
        );
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = support::criterion(30, 1, 3);
    targets = complexity
}
criterion_main!(benches);
