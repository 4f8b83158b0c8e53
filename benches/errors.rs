//! What does the error path cost?
//!
//! The 10k-line default mix with 0, 1, 10 and 100 injected syntax errors, parsed two ways:
//! - `first/N`: `gene_parser::parse`, which stops at the first error (less work as N grows: the
//!   first error comes earlier);
//! - `recover/N`: `gene_parser::parse_recovering`, which reports every error in one pass and
//!   resumes at the next top-level form: the cost of a full pass over a broken file.
//!
//! Before timing, each benchmark checks that the parser reports exactly the errors the generator
//! injected, at the offsets it reports, so a parser that gives up early for the wrong reason cannot
//! look fast. Throughput of `recover/N` is the whole file (lines and bytes); throughput of
//! `first/N` is what the parser read before it stopped: the bytes before the first error and the
//! lines they hold.

mod support;

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use gene_bench::inputs::{self, Spec};

/// Injected error counts.
const ERRORS: [usize; 4] = [0, 1, 10, 100];

fn errors(c: &mut Criterion) {
    let mut g = c.benchmark_group("errors");
    for n in ERRORS {
        let input = inputs::get(Spec::Errors(n));
        assert_eq!(input.is_valid(), n == 0, "{}", input.name);
        assert_eq!(input.injected_errors.len(), n, "{}", input.name);
        input.check_parse();
        let (_, errs) = gene_parser::parse_recovering(input.bytes());
        let offsets: Vec<usize> = errs.iter().map(|e| e.offset()).collect();
        assert_eq!(
            offsets, input.injected_errors,
            "{}: recovered errors",
            input.name
        );

        let read = input.error_offset.unwrap_or(input.src.len());
        g.throughput(Throughput::ElementsAndBytes {
            elements: inputs::count_lines(&input.src[..read]) as u64,
            bytes: read as u64,
        });
        g.bench_with_input(BenchmarkId::new("first", n), input.bytes(), |b, src| {
            b.iter(|| gene_parser::parse(black_box(src)))
        });
        g.throughput(Throughput::ElementsAndBytes {
            elements: input.lines as u64,
            bytes: input.src.len() as u64,
        });
        g.bench_with_input(BenchmarkId::new("recover", n), input.bytes(), |b, src| {
            b.iter(|| gene_parser::parse_recovering(black_box(src)))
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = support::criterion(30, 1, 3);
    targets = errors
}
criterion_main!(benches);
