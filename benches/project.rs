//! How fast is a whole code base on all cores?
//!
//! A generated project of [`inputs::PROJECT_FILES`] files whose sizes follow the real corpus
//! (median 30 lines, p90 about 118, three over 1,000: [`inputs::project_file_lines`]), parsed in
//! memory through `gene_parser::Workers::map_ordered`, the engine of `gene-parse check -j N`,
//! at 1, 2 and all cores (deduplicated). One iteration parses every file, hands the results
//! over in order, and sums their node counts. Throughput: files and bytes, so Criterion prints
//! files/s and MB/s; scaling efficiency is `rate(N) / (N * rate(1))` (README).
//!
//! At one thread `map_ordered` is the plain loop on the calling thread, no pool: the baseline
//! is the sequential parse, and the parallel figures include the pool's hand-over costs.

mod support;

use std::hint::black_box;
use std::ops::ControlFlow;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use gene_bench::inputs;
use gene_parser::Workers;

/// Parses every file on `workers` and returns the total node count (0 for a file that fails).
fn parse_all(workers: &Workers, files: &[inputs::Input]) -> usize {
    let mut nodes = 0;
    workers.map_ordered(
        files,
        |f| gene_parser::parse(black_box(f.bytes())).map_or(0, |doc| doc.node_count()),
        |n| {
            nodes += n;
            ControlFlow::Continue(())
        },
    );
    nodes
}

fn project(c: &mut Criterion) {
    let files = inputs::project(inputs::PROJECT_FILES);
    let expected: usize = files.iter().map(|f| f.nodes).sum();
    let bytes: usize = files.iter().map(|f| f.src.len()).sum();
    let mut threads = vec![1, 2, Workers::available_jobs()];
    threads.dedup();
    let mut g = c.benchmark_group("project");
    g.throughput(Throughput::ElementsAndBytes {
        elements: files.len() as u64,
        bytes: bytes as u64,
    });
    for n in threads {
        let workers = Workers::new(n).expect("thread count in range");
        // Checked outside the timing: every file parsed, whatever the thread count.
        assert_eq!(parse_all(&workers, &files), expected, "{n} threads");
        g.bench_with_input(BenchmarkId::new("threads", n), &files, |b, files| {
            b.iter(|| parse_all(&workers, files))
        });
    }
    // The reference for the hand-over's cost: the files dealt round-robin to N scoped threads,
    // each summing its share, no ordering and no pool.
    let n = Workers::available_jobs();
    if n > 1 {
        assert_eq!(split_parse(n, &files), expected);
        g.bench_with_input(BenchmarkId::new("static_split", n), &files, |b, files| {
            b.iter(|| split_parse(n, files))
        });
    }
    g.finish();
}

/// Parses file `i` on thread `i % n` of `n` scoped threads; returns the total node count.
fn split_parse(n: usize, files: &[inputs::Input]) -> usize {
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..n)
            .map(|t| {
                s.spawn(move || {
                    files
                        .iter()
                        .skip(t)
                        .step_by(n)
                        .map(|f| {
                            gene_parser::parse(black_box(f.bytes())).map_or(0, |d| d.node_count())
                        })
                        .sum::<usize>()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("no panic"))
            .sum()
    })
}

criterion_group! {
    name = benches;
    config = support::criterion(30, 1, 4);
    targets = project
}
criterion_main!(benches);
