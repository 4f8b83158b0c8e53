//! What do reused buffers save a program that parses many files?
//!
//! `gene_parser::Buffers` against fresh `gene_parser::parse` calls, on two workloads: the
//! generated project of [`inputs::PROJECT_FILES`] files whose sizes follow the real corpus
//! ([`inputs::project`], many small files), and a few large files (three files of 100k lines,
//! different seeds). One iteration parses every file of the workload once and sums the node
//! counts; the reused variant gives each document back to the buffers before the next parse,
//! as a program that is done with a file would. Throughput: files and bytes.
//!
//! Every variant's node count is checked against the inputs' before timing. The allocations
//! saved are counted, deterministically, by `tests/reuse_memory.rs`.

mod support;

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use gene_bench::inputs::{self, Input};
use gene_parser::Buffers;

/// Lines of each large file.
const LARGE_LINES: usize = 100_000;

/// Large files per iteration.
const LARGE_FILES: u64 = 3;

/// Parses every file fresh; returns the total node count.
fn fresh(files: &[&[u8]]) -> usize {
    files
        .iter()
        .map(|src| gene_parser::parse(black_box(src)).map_or(0, |doc| doc.node_count()))
        .sum()
}

/// Parses every file through `bufs`, giving each document back; returns the total node count.
fn reused(bufs: &mut Buffers, files: &[&[u8]]) -> usize {
    let mut nodes = 0;
    for src in files {
        if let Ok(doc) = bufs.parse(black_box(src)) {
            nodes += doc.node_count();
            bufs.recycle(doc);
        }
    }
    nodes
}

fn workload(c: &mut Criterion, name: &str, inputs: &[Input]) {
    let files: Vec<&[u8]> = inputs.iter().map(Input::bytes).collect();
    let expected: usize = inputs.iter().map(|f| f.nodes).sum();
    let bytes: usize = files.iter().map(|f| f.len()).sum();
    let mut bufs = Buffers::new();
    // Checked outside the timing: both ways parse every file to the same node count.
    assert_eq!(fresh(&files), expected, "{name}: fresh");
    assert_eq!(reused(&mut bufs, &files), expected, "{name}: reused");
    let mut g = c.benchmark_group(format!("reuse/{name}"));
    g.throughput(Throughput::ElementsAndBytes {
        elements: files.len() as u64,
        bytes: bytes as u64,
    });
    g.bench_with_input(BenchmarkId::from_parameter("fresh"), &files, |b, files| {
        b.iter(|| fresh(files))
    });
    g.bench_with_input(BenchmarkId::from_parameter("reused"), &files, |b, files| {
        b.iter(|| reused(&mut bufs, files))
    });
    g.finish();
}

fn reuse(c: &mut Criterion) {
    workload(c, "project", &inputs::project(inputs::PROJECT_FILES));
    let large: Vec<Input> = (0..LARGE_FILES)
        .map(|seed| {
            let config = inputs::generator_config(LARGE_LINES).with_seed(inputs::SEED + seed);
            let input = Input::new(format!("large/{seed}.gene"), gene_gen::generate(&config));
            assert!(input.is_valid(), "{}: generated files parse", input.name);
            input
        })
        .collect();
    workload(c, "large", &large);
}

criterion_group! {
    name = benches;
    config = support::criterion(20, 1, 4);
    targets = reuse
}
criterion_main!(benches);
