//! The parallel parse of one large file against the sequential parse, alternated in one run:
//! `cargo run --release --example split_speed -- FILE [ROUNDS] [THREADS]` prints the median
//! time and throughput of each, their ratio, and the user (CPU) time of the process beside
//! its wall time. Without FILE (or with `-`), parses `gene_gen` output of 1M lines (seed 42).
//! A fourth argument `seq` or `par` times only that parse (for `perf stat`: the counts of one
//! kind of parse, which the difference between two round counts isolates from the setup).

use std::time::{Duration, Instant};

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// User and system CPU time of this process so far, from `/proc/self/stat` (Linux only).
fn cpu_times() -> Option<(f64, f64)> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i)?.parse::<f64>().ok();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the `)`.
    Some((ticks(11)? / 100.0, ticks(12)? / 100.0))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let src = match args.first() {
        Some(path) if path != "-" => std::fs::read(path).expect("read the input file"),
        _ => gene_gen::generate(&gene_gen::Config::new(42, 1_000_000)).into_bytes(),
    };
    let rounds: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(15);
    let threads: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(2);
    let only = args.get(3).map(String::as_str);
    if let Some(mode @ ("seq" | "par")) = only {
        for _ in 0..rounds {
            let doc = if mode == "seq" {
                gene_parser::parse(&src)
            } else {
                gene_parser::parse_parallel(&src, threads)
            };
            drop(std::hint::black_box(doc));
        }
        return;
    }
    let full = gene_parser::parse(&src).expect("the input parses");
    let split = gene_parser::parse_parallel(&src, threads).expect("the input parses");
    assert_eq!(gene_parser::storage_difference(&full, &split), None);
    drop((full, split));
    let (mut sequential, mut parallel) = (Vec::new(), Vec::new());
    let (mut seq_cpu, mut par_cpu) = (0.0, 0.0);
    for _ in 0..rounds {
        let cpu = cpu_times().unwrap_or_default();
        let t = Instant::now();
        let doc = gene_parser::parse(&src).expect("parses");
        sequential.push(t.elapsed());
        let after = cpu_times().unwrap_or_default();
        seq_cpu += after.0 + after.1 - cpu.0 - cpu.1;
        drop(doc);
        let cpu = cpu_times().unwrap_or_default();
        let t = Instant::now();
        let doc = gene_parser::parse_parallel(&src, threads).expect("parses");
        parallel.push(t.elapsed());
        let after = cpu_times().unwrap_or_default();
        par_cpu += after.0 + after.1 - cpu.0 - cpu.1;
        drop(doc);
    }
    let mb = src.len() as f64 / 1e6;
    let (s, p) = (median(sequential), median(parallel));
    println!(
        "{:.1} MB, {rounds} rounds alternated, {threads} threads",
        mb
    );
    println!(
        "parse           median {:>7.1} ms  {:>6.0} MB/s  cpu/round {:>6.1} ms",
        s.as_secs_f64() * 1e3,
        mb / s.as_secs_f64(),
        seq_cpu * 1e3 / rounds as f64
    );
    println!(
        "parse_parallel  median {:>7.1} ms  {:>6.0} MB/s  cpu/round {:>6.1} ms",
        p.as_secs_f64() * 1e3,
        mb / p.as_secs_f64(),
        par_cpu * 1e3 / rounds as f64
    );
    println!("speed-up {:.2}x", s.as_secs_f64() / p.as_secs_f64());
    // Where the parallel parse's time goes: pieces (parsed and joined) and the merge.
    let options = gene_parser::ParseOptions::default();
    let cuts = gene_parser::parallel_cut_guesses(&src, threads);
    let (mut pieces, mut merges) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        let (doc, report) = gene_parser::parse_parallel_at(&src, &options, &cuts, None);
        assert_eq!(report.joined, report.pieces);
        pieces.push(report.parse_time);
        merges.push(report.merge_time);
        drop(doc);
    }
    println!(
        "parse_parallel phases: pieces median {:.1} ms, merge median {:.1} ms",
        median(pieces).as_secs_f64() * 1e3,
        median(merges).as_secs_f64() * 1e3
    );
}
