//! The memory and throughput report: data model, collection, and rendering to JSON, Markdown and SVG.
//!
//! `cargo run --release --bin gene-report` calls [`collect`] and [`write_all`]. The report is the
//! place for everything Criterion does not measure: heap peak, allocations, AST size, and
//! throughput statistics over repeated whole-file runs, plus a least-squares fit of time and
//! memory against lines that states whether each grows linearly.

use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::inputs::{self, Input};
use crate::measure::{self, HeapStats};
use crate::stats::{LINEAR_R2, LinearFit, Summary};

/// Version of the JSON layout; bump it when fields change meaning.
pub const SCHEMA: u32 = 1;

/// A whole report: one entry per input size plus the fits across sizes.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Report {
    /// Layout version ([`SCHEMA`]).
    pub schema: u32,
    /// Where and how the figures were taken.
    pub machine: Machine,
    /// Timed runs per input.
    pub runs: usize,
    /// Generator seed of the inputs.
    pub seed: u64,
    /// One entry per input, smallest first.
    pub inputs: Vec<InputReport>,
    /// Least-squares fits against source lines.
    pub fits: Fits,
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
    /// Heap activity of one parse, the returned tree included.
    pub heap: HeapStats,
    /// Heap bytes still held by the finished document: the AST's size.
    pub ast_bytes: u64,
    /// Peak heap bytes per source line.
    pub peak_bytes_per_line: f64,
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
    assert!(
        doc.is_ok(),
        "{}: the report's inputs must parse",
        input.name
    );
    drop(doc);
    let ast_bytes = heap.retained_bytes;
    // Warm caches and the allocator before timing.
    for _ in 0..runs.min(3) {
        drop(std::hint::black_box(gene_parser::parse(src)));
    }
    let mut secs = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        drop(std::hint::black_box(gene_parser::parse(
            std::hint::black_box(src),
        )));
        secs.push(start.elapsed().as_secs_f64());
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
        heap,
        ast_bytes,
        peak_bytes_per_line: heap.peak_bytes as f64 / lines,
        peak_over_source: heap.peak_bytes as f64 / bytes,
        allocations_per_kib: heap.allocations as f64 / (bytes / 1024.0),
    }
}

/// Builds the default-mix inputs at `sizes` (lines) and measures each.
pub fn collect(sizes: &[usize], runs: usize) -> Report {
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
        runs,
        seed: inputs::SEED,
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

fn linear_word(fit: &LinearFit) -> &'static str {
    if fit.is_linear() {
        "linear"
    } else {
        "NOT linear"
    }
}

/// Renders the report as Markdown.
pub fn markdown(r: &Report) -> String {
    let mut s = String::new();
    let m = &r.machine;
    let _ = writeln!(s, "# gene-parser memory and throughput report\n");
    let _ = writeln!(
        s,
        "Machine: {} ({} logical CPUs, {} {}){}. Inputs: default generator mix, seed {}. \
         Time: {} runs per input, each a full parse with the tree dropped. Heap: one profiled \
         parse per input (dhat counting allocator; counts are exact and deterministic).\n",
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
        "| input | lines | bytes | MB/s mean | MB/s median | MB/s stddev | Mlines/s median | Mtokens/s mean | Mtokens/s median | Mtokens/s stddev | time median |"
    );
    let _ = writeln!(s, "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    for i in &r.inputs {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {:.1} | {:.1} | {:.1} | {:.2} | {:.1} | {:.1} | {:.1} | {} |",
            i.name,
            i.lines,
            i.bytes,
            i.mb_per_s.mean,
            i.mb_per_s.median,
            i.mb_per_s.stddev,
            i.lines_per_s.median / 1e6,
            i.tokens_per_s.mean / 1e6,
            i.tokens_per_s.median / 1e6,
            i.tokens_per_s.stddev / 1e6,
            human_ns(i.wall_ns.median)
        );
    }
    let _ = writeln!(s, "\n## Memory and counts\n");
    let _ = writeln!(
        s,
        "| input | src bytes/line | tokens | nodes | symbols | peak heap | peak/line | peak/source | AST bytes | allocations | allocs/KiB | allocated bytes |"
    );
    let _ = writeln!(s, "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    for i in &r.inputs {
        let _ = writeln!(
            s,
            "| {} | {:.1} | {} | {} | {} | {} | {:.1} B | {:.2}× | {} | {} | {:.3} | {} |",
            i.name,
            i.source_bytes_per_line,
            i.tokens,
            i.nodes,
            i.symbols,
            i.heap.peak_bytes,
            i.peak_bytes_per_line,
            i.peak_over_source,
            i.ast_bytes,
            i.heap.allocations,
            i.allocations_per_kib,
            i.heap.allocated_bytes
        );
    }
    let f = &r.fits;
    let _ = writeln!(s, "\n## Scaling (least squares against lines)\n");
    let _ = writeln!(
        s,
        "| quantity | slope per line | intercept | R² | verdict |"
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
            linear_word(fit)
        );
    }
    let _ = writeln!(
        s,
        "\nParse time is {} in the number of lines; peak memory is {} (threshold R² ≥ {LINEAR_R2}).",
        linear_word(&f.time_vs_lines),
        linear_word(&f.peak_bytes_vs_lines)
    );
    let _ = writeln!(s, "\n![throughput and peak memory](report.svg)");
    s
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

/// Renders two side-by-side line charts against file size (MB): median throughput (MB/s, with
/// min–max whiskers) and peak heap (MB, with the source size for reference).
pub fn svg(r: &Report) -> String {
    let (w, h) = (900.0, 380.0);
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(s, r#"<rect width="100%" height="100%" fill="white"/>"#);
    let xs: Vec<f64> = r.inputs.iter().map(|i| i.bytes as f64 / 1e6).collect();
    let thr: Vec<(f64, f64, f64)> = r
        .inputs
        .iter()
        .map(|i| (i.mb_per_s.median, i.mb_per_s.min, i.mb_per_s.max))
        .collect();
    let peak: Vec<(f64, f64, f64)> = r
        .inputs
        .iter()
        .map(|i| {
            let v = i.heap.peak_bytes as f64 / 1e6;
            (v, v, v)
        })
        .collect();
    let src: Vec<(f64, f64, f64)> = xs.iter().map(|&x| (x, x, x)).collect();
    panel(
        &mut s,
        20.0,
        "Parse throughput (median, min–max)",
        "MB/s",
        &xs,
        &[(&thr, "#1f77b4", "MB/s")],
    );
    panel(
        &mut s,
        470.0,
        "Peak heap during a parse",
        "MB",
        &xs,
        &[
            (&peak, "#d62728", "peak heap"),
            (&src, "#999999", "source size"),
        ],
    );
    let _ = writeln!(s, "</svg>");
    s
}

type Series<'a> = (&'a [(f64, f64, f64)], &'a str, &'a str);

fn panel(s: &mut String, left: f64, title: &str, unit: &str, xs: &[f64], series: &[Series<'_>]) {
    let (pw, ph) = (410.0, 280.0);
    let (x0, y0) = (left + 50.0, 50.0);
    let x_max = nice_max(xs.iter().copied().fold(0.0, f64::max));
    let y_max = nice_max(
        series
            .iter()
            .flat_map(|(pts, _, _)| pts.iter().map(|p| p.2))
            .fold(0.0, f64::max),
    );
    let px = |x: f64| x0 + x / x_max * (pw - 60.0);
    let py = |y: f64| y0 + ph - y / y_max * ph;
    let _ = writeln!(
        s,
        r#"<text x="{}" y="25" font-size="14" font-weight="bold">{title}</text>"#,
        x0
    );
    // Axes, grid and ticks.
    for k in 0..=4 {
        let yv = y_max * k as f64 / 4.0;
        let y = py(yv);
        let _ = writeln!(
            s,
            "<line x1=\"{x0}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"#eee\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            px(x_max),
            x0 - 5.0,
            y + 4.0,
            tick(yv)
        );
        let xv = x_max * k as f64 / 4.0;
        let _ = writeln!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            px(xv),
            y0 + ph + 16.0,
            tick(xv)
        );
    }
    let _ = writeln!(
        s,
        "<line x1=\"{x0}\" y1=\"{y0}\" x2=\"{x0}\" y2=\"{:.1}\" stroke=\"black\"/>\
         <line x1=\"{x0}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"black\"/>",
        y0 + ph,
        y0 + ph,
        px(x_max),
        y0 + ph
    );
    let _ = writeln!(
        s,
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">file size (MB)</text>\
         <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" transform=\"rotate(-90 {:.1} {:.1})\">{unit}</text>",
        px(x_max / 2.0),
        y0 + ph + 34.0,
        left + 12.0,
        y0 + ph / 2.0,
        left + 12.0,
        y0 + ph / 2.0
    );
    for (n, (pts, color, label)) in series.iter().enumerate() {
        let path: Vec<String> = xs
            .iter()
            .zip(pts.iter())
            .map(|(&x, p)| format!("{:.1},{:.1}", px(x), py(p.0)))
            .collect();
        let _ = writeln!(
            s,
            r#"<polyline fill="none" stroke="{color}" stroke-width="2" points="{}"/>"#,
            path.join(" ")
        );
        for (&x, p) in xs.iter().zip(pts.iter()) {
            if p.2 > p.1 {
                let _ = writeln!(
                    s,
                    r#"<line x1="{0:.1}" y1="{1:.1}" x2="{0:.1}" y2="{2:.1}" stroke="{color}"/>"#,
                    px(x),
                    py(p.1),
                    py(p.2)
                );
            }
            let _ = writeln!(
                s,
                r#"<circle cx="{:.1}" cy="{:.1}" r="3" fill="{color}"><title>{:.3} MB: {:.1} {unit}</title></circle>"#,
                px(x),
                py(p.0),
                x,
                p.0
            );
        }
        let ly = y0 + 12.0 + 16.0 * n as f64;
        let _ = writeln!(
            s,
            r#"<rect x="{:.1}" y="{:.1}" width="12" height="3" fill="{color}"/><text x="{:.1}" y="{:.1}">{label}</text>"#,
            x0 + 10.0,
            ly - 4.0,
            x0 + 26.0,
            ly
        );
    }
}

/// Rounds up to 1, 2 or 5 times a power of ten, so axis ticks are round numbers.
fn nice_max(v: f64) -> f64 {
    if v <= 0.0 || !v.is_finite() {
        return 1.0;
    }
    let p = 10f64.powf(v.log10().floor());
    for m in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if v <= m * p {
            return m * p;
        }
    }
    10.0 * p
}

fn tick(v: f64) -> String {
    // Ticks are quarters of a 1-2-2.5-5 maximum, so two decimals are always enough.
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_max_rounds_up() {
        assert_eq!(nice_max(0.7), 1.0);
        assert_eq!(nice_max(3.2), 5.0);
        assert_eq!(nice_max(420.0), 500.0);
        assert_eq!(nice_max(0.0), 1.0);
        assert_eq!(tick(50.0), "50");
        assert_eq!(tick(1.25), "1.25");
        assert_eq!(tick(0.0), "0");
    }
}
