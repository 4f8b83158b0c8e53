//! How fast is a full parse, and how does it scale from 1k to 1M lines?
//!
//! The default generator mix at the four preset sizes and 1M lines (26 MB), plus 10M lines
//! (about 260 MB) with `GENE_BENCH_HUGE=1` ([`inputs::sweep_sizes`]). Each input is generated
//! once per process and checked before it is timed; files of 1M lines and more take 10 samples
//! (Criterion's least) instead of 40, so that the group's time stays near its budget. Each iteration parses the whole file into a
//! complete document and drops it (the `phases` group separates the two).
//! Throughput: lines (elements) and bytes.
//!
//! `size_lex_tape` lexes the same files into a reused `TokenTape`. Its bulk steps take few
//! branches, each on the data, and a file lexed over and over lets the branch predictor learn
//! part of them: on the 10k-line file it ran a quarter faster than on a 50k-line file, while
//! the same 10k lines repeated five times in one 50k file ran almost as fast as the 10k file.
//! The larger sizes give the figure for a file lexed once. Throughput: tokens and bytes.
//!
//! `size_threads` parses the files of 100k lines and more with `parse_parallel` at 1, 2 and
//! all cores (`threads-N/LINES`; 1 is the sequential parse, which `parse_parallel` falls back
//! to), the merge into one document included. Before timing, each split parse is checked to
//! build the full parse's document (`storage_difference`). Throughput: lines and bytes.

mod support;

use std::hint::black_box;

use criterion::{
    AxisScale, BenchmarkId, Criterion, PlotConfiguration, SamplingMode, Throughput,
    criterion_group, criterion_main,
};
use gene_bench::inputs;
use gene_parser::TokenTape;

/// Samples per size: 40, or 10 from 1M lines (a 1M-line parse takes about 150 ms, so 40 flat
/// samples would need 6 s of a 6 s budget for the parse alone).
fn samples_for(lines: usize) -> usize {
    if lines >= 1_000_000 { 10 } else { 40 }
}

fn size(c: &mut Criterion) {
    let mut g = c.benchmark_group("size");
    // Sizes span decades: on a linear axis the small ones crowd the origin.
    g.plot_config(PlotConfiguration::default().summary_scale(AxisScale::Logarithmic));
    // Flat sampling: a 100k-line parse takes milliseconds, and linear sampling would need thousands
    // of iterations per sample to finish.
    g.sampling_mode(SamplingMode::Flat);
    for lines in inputs::sweep_sizes() {
        let input = inputs::sized(lines);
        input.check_parse();
        g.sample_size(samples_for(lines));
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

fn size_lex_tape(c: &mut Criterion) {
    let mut g = c.benchmark_group("size_lex_tape");
    g.plot_config(PlotConfiguration::default().summary_scale(AxisScale::Logarithmic));
    g.sampling_mode(SamplingMode::Flat);
    // One tape reused, as in `phases/lex_tape`.
    let mut tape = TokenTape::default();
    for lines in inputs::sweep_sizes() {
        let input = inputs::sized(lines);
        g.sample_size(samples_for(lines));
        assert_eq!(TokenTape::new(input.bytes()).len(), input.tokens);
        g.throughput(Throughput::ElementsAndBytes {
            elements: input.tokens as u64,
            bytes: input.src.len() as u64,
        });
        g.bench_with_input(
            BenchmarkId::from_parameter(lines),
            input.bytes(),
            |b, src| {
                b.iter(|| {
                    tape.relex(black_box(src));
                    tape.len()
                })
            },
        );
    }
    g.finish();
}

/// The thread counts of `size_threads`: 1, 2 and all cores, without repeats.
fn thread_counts() -> Vec<usize> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut counts = vec![1, 2, cores];
    counts.sort_unstable();
    counts.dedup();
    counts
}

fn size_threads(c: &mut Criterion) {
    let mut g = c.benchmark_group("size_threads");
    g.sampling_mode(SamplingMode::Flat);
    for lines in inputs::sweep_sizes().into_iter().filter(|&l| l >= 100_000) {
        let input = inputs::sized(lines);
        let full = gene_parser::parse(input.bytes()).expect("the input parses");
        g.sample_size(samples_for(lines));
        g.throughput(Throughput::ElementsAndBytes {
            elements: input.lines as u64,
            bytes: input.src.len() as u64,
        });
        for threads in thread_counts() {
            let split = gene_parser::parse_parallel(input.bytes(), threads).expect("parses");
            assert_eq!(gene_parser::storage_difference(&full, &split), None);
            drop(split);
            g.bench_with_input(
                BenchmarkId::new(format!("threads-{threads}"), lines),
                input.bytes(),
                |b, src| b.iter(|| gene_parser::parse_parallel(black_box(src), threads)),
            );
        }
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = support::criterion(40, 2, 6);
    targets = size, size_lex_tape, size_threads
}
criterion_main!(benches);
