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
//! look fast. Throughput of `recover/N` is the whole file (lines as elements, and bytes);
//! throughput of `first/N` is what the parser read before it stopped: the bytes before the first
//! error.
//!
//! Plots: Criterion 0.8 draws a summary line chart of time against the throughput count for
//! every set of benchmarks that share a throughput kind with different counts. `first/N` counts
//! bytes only and the rest count lines, so neither the group page nor the `errors/N` pages draw
//! one (N, the error count, is no size). The one left, `errors/first`, plots time against the
//! bytes read before the first error, which is the work done; on a log axis, since those span
//! two decades.
//!
//! `dense/10000` is the worst density: 10,000 lines, each a broken form (a wrong closer, a key
//! without a value, a bad number, a stray closer, map content that is not a key, a NUL), so
//! recovery runs once per line. Before timing it checks that every line gives exactly one
//! error, on that line, and that the first is the strict parse's.

mod support;

use std::hint::black_box;

use criterion::{
    AxisScale, BenchmarkId, Criterion, PlotConfiguration, Throughput, criterion_group,
    criterion_main,
};
use gene_bench::inputs::{self, Spec};

/// Injected error counts.
const ERRORS: [usize; 4] = [0, 1, 10, 100];

/// Lines of the dense input, each with one error.
const DENSE_LINES: usize = 10_000;

/// One-line broken forms for the dense input, used in turn.
const BROKEN_LINES: [&[u8]; 6] = [
    b"(print x (add 1 2])",
    b"(set config ^name)",
    b"(resize 12px 40)",
    b"  )",
    b"{width 10 ^height 20}",
    b"(log \"a\" \0 b)",
];

/// [`DENSE_LINES`] lines, one broken form each.
fn dense_input() -> Vec<u8> {
    let mut src = Vec::new();
    for i in 0..DENSE_LINES {
        src.extend_from_slice(BROKEN_LINES[i % BROKEN_LINES.len()]);
        src.push(b'\n');
    }
    src
}

fn dense(c: &mut Criterion) {
    let src = dense_input();
    let (_, errs) = gene_parser::parse_recovering(&src);
    let lines: Vec<u32> = errs.iter().map(|e| e.line()).collect();
    assert_eq!(
        lines,
        (1..=DENSE_LINES as u32).collect::<Vec<_>>(),
        "dense: one error per line"
    );
    assert_eq!(
        gene_parser::parse(&src).err().as_ref(),
        errs.first(),
        "dense: first error"
    );

    let mut g = c.benchmark_group("errors");
    g.throughput(Throughput::ElementsAndBytes {
        elements: DENSE_LINES as u64,
        bytes: src.len() as u64,
    });
    g.bench_with_input(
        BenchmarkId::new("dense", DENSE_LINES),
        src.as_slice(),
        |b, src| b.iter(|| gene_parser::parse_recovering(black_box(src))),
    );
    g.finish();
}

fn errors(c: &mut Criterion) {
    let mut g = c.benchmark_group("errors");
    g.plot_config(PlotConfiguration::default().summary_scale(AxisScale::Logarithmic));
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
        // Bytes only: see the module documentation.
        g.throughput(Throughput::Bytes(read as u64));
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
    targets = errors, dense
}
criterion_main!(benches);
