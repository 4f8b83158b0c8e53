//! Instruction counts of a full parse, under Callgrind (opt-in; see README "Instruction counts").
//!
//! Wall time on a shared CI runner moves by several percent between identical runs; the number of
//! instructions executed does not. This target counts them with gungraun (Valgrind's Callgrind)
//! for the 10k- and 100k-line default-mix inputs and fails when instructions (`Ir`) grow by more
//! than [`IR_LIMIT_PERCENT`] against the previous run or a named baseline.
//!
//! ```text
//! cargo bench --features instructions --bench instructions -- --save-baseline=main
//! cargo bench --features instructions --bench instructions -- --baseline=main
//! ```
//!
//! Needs `valgrind` and `gungraun-runner` of the same version as the `gungraun` crate. Input
//! generation happens in the setup function, which gungraun does not count.

#![allow(
    missing_docs,
    reason = "gungraun's macros generate undocumented public items"
)]

use std::hint::black_box;

use gungraun::{
    Callgrind, EventKind, LibraryBenchmarkConfig, library_benchmark, library_benchmark_group, main,
};

/// Regression limit on executed instructions, in percent. Instruction counts of the same binary
/// on the same input are reproducible to a fraction of a percent, so 2 % is a real change.
const IR_LIMIT_PERCENT: f64 = 2.0;

fn input(lines: usize) -> Vec<u8> {
    let input = gene_bench::inputs::sized(lines);
    input.check_parse();
    input.src.clone()
}

#[library_benchmark]
#[bench::lines_10k(args = (10_000), setup = input)]
#[bench::lines_100k(args = (100_000), setup = input)]
fn parse(src: Vec<u8>) -> usize {
    let doc = gene_parser::parse(black_box(&src)).expect("generated input parses");
    black_box(doc.node_count())
}

library_benchmark_group!(name = size, benchmarks = parse);

main!(
    config = LibraryBenchmarkConfig::default()
        .tool(Callgrind::default().soft_limits([(EventKind::Ir, IR_LIMIT_PERCENT)]));
    library_benchmark_groups = size
);
