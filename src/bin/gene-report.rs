//! `gene-report`: the memory and throughput report.
//!
//! ```text
//! cargo run --release --bin gene-report -- [--runs N] [--sizes 1000,10000,...] [--out DIR]
//! ```
//!
//! Generates the default-mix inputs (seed 42), parses each once under the counting allocator and
//! `--runs` times (default 30) on the clock, and writes `report.json`, `report.md` and
//! `report.svg` into `--out` (default `benchmark_reports/`).

use std::path::PathBuf;
use std::process::ExitCode;

use gene_bench::{measure, report};

#[global_allocator]
static ALLOC: measure::CountingAlloc = measure::CountingAlloc;

/// Sizes of the report by default: the four presets plus intermediate points, so the fit has
/// enough points to tell a line from a curve.
const DEFAULT_SIZES: [usize; 7] = [1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000];

fn main() -> ExitCode {
    let mut runs = 30;
    let mut sizes = DEFAULT_SIZES.to_vec();
    let mut out = PathBuf::from("benchmark_reports");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |name: &str| {
            args.next().unwrap_or_else(|| {
                eprintln!("gene-report: {name} needs a value");
                std::process::exit(2)
            })
        };
        match a.as_str() {
            "--runs" => {
                runs = match value("--runs").parse() {
                    Ok(n) if n > 0 => n,
                    _ => return usage("--runs takes a positive integer"),
                }
            }
            "--sizes" => {
                let v = value("--sizes");
                match v
                    .split(',')
                    .map(str::parse)
                    .collect::<Result<Vec<usize>, _>>()
                {
                    Ok(s) if !s.is_empty() && s.iter().all(|&n| n > 0) => sizes = s,
                    _ => return usage("--sizes takes a comma-separated list of line counts"),
                }
            }
            "--out" => out = PathBuf::from(value("--out")),
            "-h" | "--help" => {
                println!("usage: gene-report [--runs N] [--sizes 1000,10000,...] [--out DIR]");
                return ExitCode::SUCCESS;
            }
            other => return usage(&format!("unknown argument {other:?}")),
        }
    }
    if cfg!(debug_assertions) {
        eprintln!("gene-report: warning: unoptimised build; use `cargo run --release`");
    }
    let r = report::collect(&sizes, runs);
    if let Err(e) = report::write_all(&r, &out) {
        eprintln!("gene-report: {}: {e}", out.display());
        return ExitCode::from(2);
    }
    print!("{}", report::markdown(&r));
    eprintln!(
        "gene-report: wrote {0}/report.json, {0}/report.md, {0}/report.svg",
        out.display()
    );
    ExitCode::SUCCESS
}

fn usage(msg: &str) -> ExitCode {
    eprintln!(
        "gene-report: {msg}\nusage: gene-report [--runs N] [--sizes 1000,10000,...] [--out DIR]"
    );
    ExitCode::from(2)
}
