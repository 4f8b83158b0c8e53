//! What does the error path cost?
//!
//! The 10k-line default mix with 0, 1, 10 and 100 injected syntax errors. Each benchmark first
//! checks that the parser reports the error it should (the first injected one), so a parser that
//! gives up early for the wrong reason cannot look fast. Throughput is the whole file's size.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use gene_bench::inputs::{self, Spec};

/// Injected error counts.
const ERRORS: [usize; 4] = [0, 1, 10, 100];

fn errors(c: &mut Criterion) {
    let mut g = c.benchmark_group("errors");
    for n in ERRORS {
        let input = inputs::get(Spec::Errors(n));
        assert_eq!(input.is_valid(), n == 0, "{}", input.name);
        input.check_parse();
        g.throughput(Throughput::ElementsAndBytes {
            elements: input.lines as u64,
            bytes: input.src.len() as u64,
        });
        g.bench_with_input(BenchmarkId::from_parameter(n), input.bytes(), |b, src| {
            b.iter(|| gene_parser::parse(black_box(src)))
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = errors
}
criterion_main!(benches);
