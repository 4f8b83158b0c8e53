//! How fast is a full parse, and how does it scale from 1k to 100k lines?
//!
//! The default generator mix at the four preset sizes. Each iteration parses the whole file into a
//! complete document and drops it (the `phases` group separates the two).
//! Throughput: lines (elements) and bytes.

mod support;

use std::hint::black_box;

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use gene_bench::inputs;

fn size(c: &mut Criterion) {
    let mut g = c.benchmark_group("size");
    // Flat sampling: a 100k-line parse takes milliseconds, and linear sampling would need thousands
    // of iterations per sample to finish.
    g.sampling_mode(SamplingMode::Flat);
    for lines in inputs::SIZES {
        let input = inputs::sized(lines);
        input.check_parse();
        g.throughput(Throughput::ElementsAndBytes {
            elements: input.lines as u64,
            bytes: input.src.len() as u64,
        });
        g.bench_with_input(
            BenchmarkId::from_parameter(lines),
            input.bytes(),
            |b, src| b.iter(|| gene_parser::parse(black_box(src))),
        );
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = support::criterion(40, 2, 6);
    targets = size
}
criterion_main!(benches);
