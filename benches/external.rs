//! How fast are other Gene implementations, in Criterion's terms?
//!
//! For those who prefer Criterion to `gene-external`: every implementation named in
//! `GENE_EXTERNAL` (`name=command;...`, see `benchmarks/external/PROTOCOL.md`) is checked
//! against gene-parser on the default mix at 1k and 10k lines (seed 42), then timed beside
//! `gene_parser::parse` in one group, `external/NAME/LINES`. A driver that answers `--repeat`
//! is timed by its own per-parse times (Criterion's `iter_custom`: one child per sample, asked
//! for as many parses as Criterion wants); any other by whole process runs. Without
//! `GENE_EXTERNAL` the group prints a note and measures nothing, so `cargo bench` and
//! `cargo bench -- --test` need no other implementation.

mod support;

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use gene_bench::external::config::{self, Implementation};
use gene_bench::external::suite::{self, Timing};
use gene_bench::external::{protocol, run};

/// The sizes of this group: the quick ones a slow reader still gets through in a few seconds.
const SIZES: [usize; 2] = [1_000, 10_000];

fn external(c: &mut Criterion) {
    let spec = std::env::var(config::ENV_VAR).unwrap_or_default();
    if spec.trim().is_empty() {
        println!(
            "external: {} is not set; nothing to compare (see benchmarks/external/PROTOCOL.md)",
            config::ENV_VAR
        );
        return;
    }
    let impls =
        config::parse_list([spec.as_str()]).unwrap_or_else(|e| panic!("{}: {e}", config::ENV_VAR));
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("external-bench");
    let mut settings = suite::Settings::quick(dir.clone());
    settings.sizes = SIZES.to_vec();
    settings.patterns = Vec::new();
    let inputs = suite::inputs(&settings).expect("writing the inputs");
    let empty = dir.join("empty.gene");
    std::fs::write(&empty, b"").expect("writing the empty input");
    let timings: Vec<Timing> = impls
        .iter()
        .map(
            |i| match suite::probe_timing(i, &empty).expect("running the driver") {
                Ok(t) => t,
                Err(f) => panic!("{}: {}", f.subject, f.message),
            },
        )
        .collect();

    let mut g = c.benchmark_group("external");
    for input in &inputs {
        g.throughput(Throughput::ElementsAndBytes {
            elements: input.lines as u64,
            bytes: input.bytes as u64,
        });
        let src = std::fs::read(&input.path).expect("reading the input");
        g.bench_with_input(
            BenchmarkId::new(config::BASELINE, input.lines),
            &src,
            |b, src| b.iter(|| gene_parser::parse(black_box(src)).map(|d| d.node_count())),
        );
        for (i, timing) in impls.iter().zip(&timings) {
            // Checked before timing: a reader that answers differently is not measured.
            match suite::check(i, &input.name, &input.path, &input.dump).expect("running") {
                Ok(_) => {}
                Err(f) => {
                    println!(
                        "external: {} on {}: {} (not timed)",
                        f.subject, f.input, f.message
                    );
                    continue;
                }
            }
            g.bench_function(BenchmarkId::new(&i.name, input.lines), |b| {
                b.iter_custom(|iters| time(i, *timing, &input.path, iters, input.forms))
            });
        }
    }
    g.finish();
}

/// The time of `iters` parses by `i`: the sum of its own per-parse times, or of whole runs.
fn time(
    i: &Implementation,
    timing: Timing,
    path: &std::path::Path,
    iters: u64,
    forms: usize,
) -> Duration {
    match timing {
        Timing::InProcess => {
            let o = run::run(i.command(path, Some(iters))).expect("running the driver");
            assert!(o.status.success(), "{}: {}", i.name, o.stderr_line);
            let t = protocol::timings(&o.stdout, iters)
                .unwrap_or_else(|e| panic!("{}: --repeat: {e}", i.name));
            assert_eq!(t.forms, forms, "{}: forms of the timed run", i.name);
            Duration::from_nanos(t.parse_ns.iter().sum())
        }
        Timing::Process => (0..iters)
            .map(|_| {
                let o = run::run(i.command(path, None)).expect("running the driver");
                assert!(o.status.success(), "{}: {}", i.name, o.stderr_line);
                o.wall
            })
            .sum(),
    }
}

criterion_group! {
    name = benches;
    config = support::criterion(10, 1, 5);
    targets = external
}
criterion_main!(benches);
