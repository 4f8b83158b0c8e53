//! How fast does the generator build inputs? (Target: at least 50 MB/s.)
//!
//! The default mix at 1k and 10k lines, from the suite's fixed seed. Each benchmark checks the
//! exact line count and that the output is identical to the cached input before timing.
//! Throughput: lines generated (Criterion's "elem/s") and bytes.

mod support;

use std::hint::black_box;

use criterion::{
    AxisScale, BenchmarkId, Criterion, PlotConfiguration, Throughput, criterion_group,
    criterion_main,
};
use gene_bench::inputs;

fn generate(c: &mut Criterion) {
    let mut g = c.benchmark_group("generate");
    // 1k and 10k lines: a decade apart.
    g.plot_config(PlotConfiguration::default().summary_scale(AxisScale::Logarithmic));
    for lines in [1_000, 10_000] {
        let config = inputs::generator_config(lines);
        let out = gene_gen::generate(&config);
        assert_eq!(inputs::count_lines(out.as_bytes()), lines);
        assert_eq!(
            out.as_bytes(),
            inputs::sized(lines).bytes(),
            "generation is deterministic"
        );
        g.throughput(Throughput::ElementsAndBytes {
            elements: lines as u64,
            bytes: out.len() as u64,
        });
        g.bench_with_input(BenchmarkId::from_parameter(lines), &config, |b, config| {
            b.iter(|| gene_gen::generate(black_box(config)))
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = support::criterion(30, 1, 3);
    targets = generate
}
criterion_main!(benches);
