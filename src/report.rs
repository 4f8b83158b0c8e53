//! The memory and throughput report: data model, collection, and rendering to JSON, Markdown and SVG.
//!
//! `cargo run --release --bin gene-report` calls [`collect`] and [`write_all`]. The report is the
//! place for everything Criterion does not measure: heap peak, allocations, AST size, and
//! throughput statistics over repeated whole-file runs, the growth of the cost of a line from the
//! smallest to the largest input ([`verdict`]), least-squares fits of time and memory against
//! lines (information: R² cannot see a 1.7× growth of per-line cost), and when, where, on which
//! commit and with which compiler it was measured ([`stamp`]). [`svg()`] draws the plot.

pub mod clock;
pub mod stamp;
pub mod svg;
pub mod verdict;
pub mod whole_process;

use std::fmt::Write as _;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::inputs::{self, Input};
use crate::measure::{self, HeapStats};
use crate::stats::{LINEAR_R2, LinearFit, Summary};

pub use stamp::Stamp;
pub use svg::svg;
pub use verdict::{GROWTH_LIMIT, Growth, Verdict};

/// Version of the JSON layout; bump it when fields change meaning.
pub const SCHEMA: u32 = 1;

/// A whole report: one entry per input size plus the fits across sizes.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Report {
    /// Layout version ([`SCHEMA`]).
    pub schema: u32,
    /// Where and how the figures were taken.
    pub machine: Machine,
    /// When, on which commit and with which compiler (absent from reports written before it
    /// existed, which read as empty strings).
    #[serde(default)]
    pub stamp: Stamp,
    /// Timed runs per input.
    pub runs: usize,
    /// Generator seed of the inputs.
    pub seed: u64,
    /// One entry per input, smallest first.
    pub inputs: Vec<InputReport>,
    /// Least-squares fits against source lines.
    pub fits: Fits,
    /// Growth of the per-line costs from the smallest to the largest input.
    #[serde(default)]
    pub verdict: Verdict,
    /// Memory per line at every size: spread and fit.
    #[serde(default)]
    pub memory_per_line: MemoryPerLine,
}

/// How constant memory per line is across the sizes: for the peak heap, the finished document
/// and the document without its symbol table (the tree), the smallest and largest figure per
/// line, their ratio, and a least-squares fit of the bytes against lines (its slope is the
/// marginal cost of a line, its intercept the fixed cost of a file).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct MemoryPerLine {
    /// Peak heap during a parse.
    pub peak: PerLine,
    /// The finished document ([`gene_parser::Document::heap_bytes`]).
    pub document: PerLine,
    /// The document without its symbol table.
    pub tree: PerLine,
}

/// One memory figure per line across the sizes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PerLine {
    /// The smallest bytes per line, and the lines of its input.
    pub min: f64,
    /// Lines of the input with the smallest figure.
    pub min_lines: u64,
    /// The largest bytes per line.
    pub max: f64,
    /// Lines of the input with the largest figure.
    pub max_lines: u64,
    /// `max / min`: 1 for a perfectly constant cost per line.
    pub spread: f64,
    /// Least-squares fit of the bytes against lines.
    pub fit: LinearFit,
}

impl PerLine {
    /// The spread and fit of `bytes_per_line` over `inputs` (all zero for no input).
    pub fn of(inputs: &[InputReport], bytes_per_line: impl Fn(&InputReport) -> f64) -> PerLine {
        let pts: Vec<(f64, f64)> = inputs
            .iter()
            .map(|i| (i.lines as f64, bytes_per_line(i)))
            .collect();
        let (Some(lo), Some(hi)) = (
            pts.iter().min_by(|a, b| a.1.total_cmp(&b.1)),
            pts.iter().max_by(|a, b| a.1.total_cmp(&b.1)),
        ) else {
            return PerLine::default();
        };
        let totals: Vec<(f64, f64)> = pts.iter().map(|&(l, b)| (l, b * l)).collect();
        PerLine {
            min: lo.1,
            min_lines: lo.0 as u64,
            max: hi.1,
            max_lines: hi.0 as u64,
            spread: if lo.1 > 0.0 { hi.1 / lo.1 } else { 1.0 },
            fit: LinearFit::of(&totals),
        }
    }
}

impl MemoryPerLine {
    /// The three figures over `inputs`.
    pub fn of(inputs: &[InputReport]) -> MemoryPerLine {
        MemoryPerLine {
            peak: PerLine::of(inputs, |i| i.peak_bytes_per_line),
            document: PerLine::of(inputs, |i| i.document_bytes_per_line),
            tree: PerLine::of(inputs, |i| i.tree_bytes_per_line),
        }
    }
}

/// The machine the report was produced on.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Machine {
    /// `std::env::consts::OS`.
    pub os: String,
    /// `std::env::consts::ARCH`.
    pub arch: String,
    /// CPU model name, when the OS tells (Linux `/proc/cpuinfo`).
    pub cpu: String,
    /// Logical CPUs available to this process.
    pub cpus: usize,
    /// Whether the binary was built with optimisations (`cargo run --release`).
    pub optimized: bool,
}

impl Machine {
    /// Describes the current machine.
    pub fn current() -> Machine {
        let cpu = std::fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("model name"))
                    .and_then(|l| l.split_once(':'))
                    .map(|(_, v)| v.trim().to_string())
            })
            .unwrap_or_else(|| "unknown".to_string());
        Machine {
            os: std::env::consts::OS.to_string(),
            arch: std::env::consts::ARCH.to_string(),
            cpu,
            cpus: std::thread::available_parallelism().map_or(1, |n| n.get()),
            optimized: !cfg!(debug_assertions),
        }
    }
}

/// Figures for one input file.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct InputReport {
    /// Input name, e.g. `mix-10000` (stable across runs; the memory gate matches on it).
    pub name: String,
    /// Source lines.
    pub lines: u64,
    /// Source bytes.
    pub bytes: u64,
    /// Tokens (lexer count, equal to the document's token count).
    pub tokens: u64,
    /// AST nodes.
    pub nodes: u64,
    /// Distinct interned symbols.
    pub symbols: u64,
    /// Source bytes per line.
    pub source_bytes_per_line: f64,
    /// Wall time of one full parse (tree built and dropped), nanoseconds.
    pub wall_ns: Summary,
    /// Tokens per second.
    pub tokens_per_s: Summary,
    /// Source lines per second.
    pub lines_per_s: Summary,
    /// Megabytes (10^6 bytes) of source per second.
    pub mb_per_s: Summary,
    /// The same by the thread's CPU time ([`clock`]): on a loaded machine, the figure that
    /// compares sizes fairly (absent from reports written before it existed: all zero).
    #[serde(default)]
    pub mb_per_s_cpu: Summary,
    /// Heap activity of one parse, the returned tree included.
    pub heap: HeapStats,
    /// Heap bytes still held by the finished document: the AST's size.
    pub ast_bytes: u64,
    /// Peak heap bytes per source line.
    pub peak_bytes_per_line: f64,
    /// Heap bytes of the finished document ([`gene_parser::Document::heap_bytes`]) per line.
    #[serde(default)]
    pub document_bytes_per_line: f64,
    /// Heap bytes of the document's symbol table ([`gene_parser::Interner::heap_bytes`]): it
    /// grows with the vocabulary, not with the lines.
    #[serde(default)]
    pub symbol_table_bytes: u64,
    /// The document's heap bytes without the symbol table, per line: the tree's own cost.
    #[serde(default)]
    pub tree_bytes_per_line: f64,
    /// Peak heap divided by source size.
    pub peak_over_source: f64,
    /// Heap allocations per KiB of source.
    pub allocations_per_kib: f64,
}

/// Least-squares fits against source lines.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Fits {
    /// Median parse time (seconds) against lines.
    pub time_vs_lines: LinearFit,
    /// Peak heap bytes against lines.
    pub peak_bytes_vs_lines: LinearFit,
    /// Allocated bytes against lines.
    pub allocated_bytes_vs_lines: LinearFit,
    /// Whether time grows linearly (R² ≥ [`LINEAR_R2`]).
    pub time_linear: bool,
    /// Whether peak memory grows linearly (R² ≥ [`LINEAR_R2`]).
    pub memory_linear: bool,
}

/// Parses `input` once under the heap profiler and `runs` times on the clock.
///
/// Each timed run parses and drops the document, the same work as the `size` benchmark. Heap
/// figures are real only when [`measure::CountingAlloc`] is the global allocator.
pub fn measure_input(input: &Input, runs: usize) -> InputReport {
    let src = input.bytes();
    // The document is returned from the profiled closure, so the peak includes the finished tree
    // and what it still holds at the end is the AST's size.
    let (doc, heap) = measure::measure_heap(|| gene_parser::parse(src));
    let Ok(doc) = doc else {
        panic!("{}: the report's inputs must parse", input.name);
    };
    let (document_bytes, symbol_table_bytes) = (doc.heap_bytes(), doc.symbols().heap_bytes());
    drop(doc);
    let ast_bytes = heap.retained_bytes;
    // Warm caches and the allocator before timing.
    for _ in 0..runs.min(3) {
        drop(std::hint::black_box(gene_parser::parse(src)));
    }
    let mut secs = Vec::with_capacity(runs);
    let mut cpu_secs = Vec::with_capacity(runs);
    for _ in 0..runs {
        let ((), t) = clock::timed(|| {
            drop(std::hint::black_box(gene_parser::parse(
                std::hint::black_box(src),
            )))
        });
        secs.push(t.wall);
        cpu_secs.push(t.cpu);
    }
    let per_sec = |amount: f64| -> Summary {
        Summary::of(&secs.iter().map(|s| amount / s).collect::<Vec<_>>())
    };
    let lines = input.lines as f64;
    let bytes = src.len() as f64;
    InputReport {
        name: input.name.clone(),
        lines: input.lines as u64,
        bytes: src.len() as u64,
        tokens: input.tokens as u64,
        nodes: input.nodes as u64,
        symbols: input.symbols as u64,
        source_bytes_per_line: bytes / lines,
        wall_ns: Summary::of(&secs.iter().map(|s| s * 1e9).collect::<Vec<_>>()),
        tokens_per_s: per_sec(input.tokens as f64),
        lines_per_s: per_sec(lines),
        mb_per_s: per_sec(bytes / 1e6),
        mb_per_s_cpu: Summary::of(
            &cpu_secs
                .iter()
                .map(|s| bytes / 1e6 / s)
                .filter(|v| v.is_finite())
                .collect::<Vec<_>>(),
        ),
        heap,
        ast_bytes,
        peak_bytes_per_line: heap.peak_bytes as f64 / lines,
        document_bytes_per_line: document_bytes as f64 / lines,
        symbol_table_bytes: symbol_table_bytes as u64,
        tree_bytes_per_line: (document_bytes - symbol_table_bytes) as f64 / lines,
        peak_over_source: heap.peak_bytes as f64 / bytes,
        allocations_per_kib: heap.allocations as f64 / (bytes / 1024.0),
    }
}

/// Builds the default-mix inputs at `sizes` (lines) and measures each.
pub fn collect(sizes: &[usize], runs: usize) -> Report {
    let stamp = Stamp::now();
    let mut reports = Vec::new();
    for &lines in sizes {
        let input = inputs::sized(lines);
        // Not `eprintln!`, which panics when standard error is a closed pipe.
        crate::cli::warn(format_args!(
            "gene-report: {} ({} bytes, {} runs)",
            input.name,
            input.src.len(),
            runs
        ));
        reports.push(measure_input(input, runs));
    }
    let fits = fit(&reports);
    Report {
        schema: SCHEMA,
        machine: Machine::current(),
        stamp,
        runs,
        seed: inputs::SEED,
        verdict: Verdict::of(&reports),
        memory_per_line: MemoryPerLine::of(&reports),
        inputs: reports,
        fits,
    }
}

/// Fits time and memory against lines over the given entries.
pub fn fit(inputs: &[InputReport]) -> Fits {
    let pts = |f: &dyn Fn(&InputReport) -> f64| -> Vec<(f64, f64)> {
        inputs.iter().map(|r| (r.lines as f64, f(r))).collect()
    };
    // Medians, not means: one descheduled run on a shared machine should not bend the line.
    let time_vs_lines = LinearFit::of(&pts(&|r| r.wall_ns.median / 1e9));
    let peak_bytes_vs_lines = LinearFit::of(&pts(&|r| r.heap.peak_bytes as f64));
    let allocated_bytes_vs_lines = LinearFit::of(&pts(&|r| r.heap.allocated_bytes as f64));
    Fits {
        time_linear: time_vs_lines.is_linear(),
        memory_linear: peak_bytes_vs_lines.is_linear(),
        time_vs_lines,
        peak_bytes_vs_lines,
        allocated_bytes_vs_lines,
    }
}

/// Writes `report.json`, `report.md` and `report.svg` into `dir` (created if missing).
pub fn write_all(report: &Report, dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let json = serde_json::to_string_pretty(report).map_err(std::io::Error::other)?;
    std::fs::write(dir.join("report.json"), json + "\n")?;
    std::fs::write(dir.join("report.md"), markdown(report))?;
    std::fs::write(dir.join("report.svg"), svg(report))?;
    Ok(())
}

/// Renders the report as Markdown.
pub fn markdown(r: &Report) -> String {
    let mut s = String::new();
    let m = &r.machine;
    let _ = writeln!(s, "# gene-parser memory and throughput report\n");
    let st = &r.stamp;
    let _ = writeln!(
        s,
        "Measured {} on commit {} with {}.\n",
        st.date, st.commit, st.rustc
    );
    let v = &r.verdict;
    let _ = writeln!(
        s,
        "**Verdict: {}** {}\n",
        if v.flagged() { "FLAGGED" } else { "steady" },
        v.sentence()
    );
    let _ = writeln!(
        s,
        "Machine: {} ({} logical CPUs, {} {}){}. Inputs: default generator mix, seed {}. \
         Time: {} runs per input, each a full parse with the tree dropped, by the wall clock \
         and by the thread's CPU time (on a loaded machine, the median of short parses leaves \
         out the interrupted ones and a long parse cannot: compare sizes by CPU time). Heap: \
         one profiled parse per input (dhat counting allocator; counts are exact and \
         deterministic).\n",
        m.cpu,
        m.cpus,
        m.os,
        m.arch,
        if m.optimized {
            ""
        } else {
            " — UNOPTIMISED BUILD, timings meaningless"
        },
        r.seed,
        r.runs
    );
    let _ = writeln!(s, "## Throughput\n");
    let _ = writeln!(
        s,
        "| input | lines | bytes | MB/s mean | MB/s median | MB/s stddev | MB/s median, CPU time | Mlines/s median | Mtokens/s mean | Mtokens/s median | Mtokens/s stddev | time median | ns/line median |"
    );
    let _ = writeln!(s, "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    for i in &r.inputs {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {:.1} | {:.1} | {:.1} | {:.1} | {:.2} | {:.1} | {:.1} | {:.1} | {} | {:.1} |",
            i.name,
            i.lines,
            i.bytes,
            i.mb_per_s.mean,
            i.mb_per_s.median,
            i.mb_per_s.stddev,
            i.mb_per_s_cpu.median,
            i.lines_per_s.median / 1e6,
            i.tokens_per_s.mean / 1e6,
            i.tokens_per_s.median / 1e6,
            i.tokens_per_s.stddev / 1e6,
            human_ns(i.wall_ns.median),
            i.wall_ns.median / i.lines.max(1) as f64
        );
    }
    let _ = writeln!(s, "\n## Memory and counts\n");
    let _ = writeln!(
        s,
        "| input | src bytes/line | tokens | nodes | symbols | peak heap | peak/line | peak/source | AST bytes | AST/line | symbol table | tree/line | allocations | allocs/KiB | allocated bytes |"
    );
    let _ = writeln!(
        s,
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
    );
    for i in &r.inputs {
        let _ = writeln!(
            s,
            "| {} | {:.1} | {} | {} | {} | {} | {:.1} B | {:.2}× | {} | {:.1} B | {} | {:.1} B | {} | {:.3} | {} |",
            i.name,
            i.source_bytes_per_line,
            i.tokens,
            i.nodes,
            i.symbols,
            i.heap.peak_bytes,
            i.peak_bytes_per_line,
            i.peak_over_source,
            i.ast_bytes,
            i.document_bytes_per_line,
            i.symbol_table_bytes,
            i.tree_bytes_per_line,
            i.heap.allocations,
            i.allocations_per_kib,
            i.heap.allocated_bytes
        );
    }
    memory_per_line(&mut s, &r.memory_per_line);
    let _ = writeln!(
        s,
        "\n## Scaling verdict: cost per line, smallest to largest input\n"
    );
    let _ = writeln!(
        s,
        "| quantity | smallest input | largest input | growth | verdict (limit {:.2}×) |",
        1.0 + GROWTH_LIMIT
    );
    let _ = writeln!(s, "|---|--:|--:|--:|---|");
    for (name, g, unit) in [
        ("parse time per line (median)", &v.time_per_line, "ns"),
        ("peak heap per line", &v.peak_per_line, "B"),
    ] {
        let _ = writeln!(
            s,
            "| {name} | {:.1} {unit} ({} lines) | {:.1} {unit} ({} lines) | {:.2}× | {} |",
            g.from,
            g.from_lines,
            g.to,
            g.to_lines,
            g.ratio,
            if g.flagged {
                "GROWS (flagged)"
            } else {
                "steady"
            }
        );
    }
    let f = &r.fits;
    let _ = writeln!(
        s,
        "\n## Least-squares fits against lines (information)\n\n\
         R² stays above 0.99 for a per-line cost that grows 1.7× over two decades of sizes, so \
         it does not decide the verdict; it is kept to spot outliers.\n"
    );
    let _ = writeln!(
        s,
        "| quantity | slope per line | intercept | R² | R² ≥ {LINEAR_R2} |"
    );
    let _ = writeln!(s, "|---|--:|--:|--:|---|");
    let rows = [
        ("parse time", &f.time_vs_lines, 1e9, "ns"),
        ("peak heap", &f.peak_bytes_vs_lines, 1.0, "B"),
        ("allocated bytes", &f.allocated_bytes_vs_lines, 1.0, "B"),
    ];
    for (name, fit, scale, unit) in rows {
        let _ = writeln!(
            s,
            "| {name} | {:.3} {unit} | {:.1} {unit} | {:.4} | {} |",
            fit.slope * scale,
            fit.intercept * scale,
            fit.r_squared,
            if fit.is_linear() { "yes" } else { "no" }
        );
    }
    let _ = writeln!(
        s,
        "\n![per-line cost, throughput and peak heap against size](report.svg)"
    );
    s
}

/// The "Memory per line" section: spread and fit of each memory figure.
fn memory_per_line(s: &mut String, m: &MemoryPerLine) {
    let _ = writeln!(
        s,
        "\n## Memory per line\n\n\
         Bytes per source line at every size: the smallest and largest, their ratio, and a \
         least-squares fit of the bytes against lines (slope: what a line adds; intercept: \
         what a file costs whatever its length). The symbol table grows with the vocabulary, \
         not with the lines, so it is a fixed cost that small files do not amortize; the tree \
         row is the document without it.\n"
    );
    let _ = writeln!(
        s,
        "| quantity | min per line | max per line | max/min | slope per line | intercept | R² |"
    );
    let _ = writeln!(s, "|---|--:|--:|--:|--:|--:|--:|");
    for (name, p) in [
        ("peak heap", &m.peak),
        ("document (`heap_bytes`)", &m.document),
        ("tree (document without symbol table)", &m.tree),
    ] {
        let _ = writeln!(
            s,
            "| {name} | {:.1} B ({} lines) | {:.1} B ({} lines) | {:.3}× | {:.2} B | {:.0} B | {:.5} |",
            p.min,
            p.min_lines,
            p.max,
            p.max_lines,
            p.spread,
            p.fit.slope,
            p.fit.intercept,
            p.fit.r_squared
        );
    }
}

fn human_ns(ns: f64) -> String {
    if ns >= 1e9 {
        format!("{:.2} s", ns / 1e9)
    } else if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}
