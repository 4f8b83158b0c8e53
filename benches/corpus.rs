//! How fast is hand-written code?
//!
//! Parses every `*.gene` file of `benchmarks/data/corpus/` (committed), and, when the environment
//! variable `GENE_CORPUS` names a directory, every `*.gene` file below it, one benchmark per
//! directory (all files of the directory in one iteration). Small files measure the per-file
//! overhead that large generated inputs hide.
//! Throughput: lines (Criterion's "elem/s") and bytes of each directory.

mod support;

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use gene_bench::inputs;

fn corpus(c: &mut Criterion) {
    let dirs = inputs::corpus();
    let mut g = c.benchmark_group("corpus");
    for dir in &dirs {
        for f in &dir.files {
            f.check_parse();
        }
        g.throughput(Throughput::ElementsAndBytes {
            elements: dir.lines() as u64,
            bytes: dir.bytes() as u64,
        });
        g.bench_with_input(BenchmarkId::from_parameter(&dir.label), dir, |b, dir| {
            b.iter(|| {
                for f in &dir.files {
                    // Files with syntax errors are timed too: that is what the code base costs.
                    let _ = black_box(gene_parser::parse(black_box(f.bytes())));
                }
            })
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = support::criterion(30, 1, 3);
    targets = corpus
}
criterion_main!(benches);
