//! The regression gate: read Criterion's saved comparisons, or two memory reports, and decide.
//!
//! Criterion prints "Performance has regressed" but always exits 0, so a CI job cannot fail on
//! it. [`criterion_changes`] reads every `change/estimates.json` that a run with `--baseline`
//! (or a second `--save-baseline`) left under `target/criterion/`, and [`Verdict`] classifies
//! each one against a threshold using the whole confidence interval, not just the point estimate:
//! a benchmark regressed only when even the optimistic end of the interval is slower than the
//! threshold. Memory reports hold exact counts, so [`compare_memory`] needs no interval.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::measure::HeapStats;

/// Classification of one benchmark's change against the threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The whole confidence interval of the mean's change lies above `+threshold`.
    Regressed,
    /// The whole confidence interval lies below `-threshold`.
    Improved,
    /// Anything else: the change cannot be told apart from noise at this threshold.
    WithinNoise,
}

impl Verdict {
    /// Classifies a relative change (`0.05` is 5 % slower) given its confidence interval.
    pub fn classify(lower: f64, upper: f64, threshold: f64) -> Verdict {
        if lower > threshold {
            Verdict::Regressed
        } else if upper < -threshold {
            Verdict::Improved
        } else {
            Verdict::WithinNoise
        }
    }

    fn label(self) -> &'static str {
        match self {
            Verdict::Regressed => "REGRESSED",
            Verdict::Improved => "improved",
            Verdict::WithinNoise => "within noise",
        }
    }
}

/// One benchmark's relative change in mean time, as Criterion estimated it.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// Benchmark id (`group/function/value`), from `new/benchmark.json` or else the directory.
    pub id: String,
    /// Point estimate of the relative change of the mean (`0.05` = 5 % slower).
    pub mean: f64,
    /// Lower bound of its confidence interval.
    pub lower: f64,
    /// Upper bound of its confidence interval.
    pub upper: f64,
    /// Confidence level of the interval (0.95 by default).
    pub confidence: f64,
}

#[derive(Deserialize)]
struct ChangeFile {
    mean: EstimateFile,
}

#[derive(Deserialize)]
struct EstimateFile {
    confidence_interval: IntervalFile,
    point_estimate: f64,
}

#[derive(Deserialize)]
struct IntervalFile {
    confidence_level: f64,
    lower_bound: f64,
    upper_bound: f64,
}

#[derive(Deserialize)]
struct BenchmarkFile {
    full_id: String,
}

/// Reads every `**/change/estimates.json` under `dir` (normally `target/criterion`).
///
/// A change file older than its sibling `new/estimates.json` is left over from an earlier run in
/// which this benchmark ran without a comparison; it is skipped so that stale results never fail
/// (or pass) a gate. Results are sorted by id.
pub fn criterion_changes(dir: &Path) -> Result<Vec<Change>, String> {
    let mut files = Vec::new();
    find_change_files(dir, &mut files)
        .map_err(|e| format!("{}: cannot read directory: {e}", dir.display()))?;
    let mut changes = Vec::new();
    for file in files {
        let bench_dir = file
            .parent()
            .and_then(Path::parent)
            .expect("change/estimates.json has two parents");
        if is_stale(&file, &bench_dir.join("new").join("estimates.json")) {
            continue;
        }
        let text = fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let parsed: ChangeFile =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))?;
        let id = fs::read_to_string(bench_dir.join("new").join("benchmark.json"))
            .ok()
            .and_then(|t| serde_json::from_str::<BenchmarkFile>(&t).ok())
            .map(|b| b.full_id)
            .unwrap_or_else(|| {
                bench_dir
                    .strip_prefix(dir)
                    .unwrap_or(bench_dir)
                    .to_string_lossy()
                    .replace('\\', "/")
            });
        let ci = parsed.mean.confidence_interval;
        changes.push(Change {
            id,
            mean: parsed.mean.point_estimate,
            lower: ci.lower_bound,
            upper: ci.upper_bound,
            confidence: ci.confidence_level,
        });
    }
    changes.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(changes)
}

fn find_change_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == "change") {
                let f = path.join("estimates.json");
                if f.is_file() {
                    out.push(f);
                }
            } else {
                find_change_files(&path, out)?;
            }
        }
    }
    Ok(())
}

fn is_stale(change: &Path, new: &Path) -> bool {
    let mtime = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).ok();
    match (mtime(change), mtime(new)) {
        (Some(c), Some(n)) => c < n,
        _ => false,
    }
}

/// The outcome of a gate: a printable table and whether it passed.
#[derive(Clone, Debug)]
pub struct GateResult {
    /// Human-readable table of every compared item, one line each, with a summary line.
    pub table: String,
    /// Number of items that regressed beyond the threshold.
    pub regressions: usize,
    /// Number of items compared.
    pub compared: usize,
}

impl GateResult {
    /// True when nothing regressed.
    pub fn passed(&self) -> bool {
        self.regressions == 0
    }
}

/// Applies the time gate: `threshold` is a fraction (`0.05` for 5 %).
pub fn gate_changes(changes: &[Change], threshold: f64) -> GateResult {
    let width = changes.iter().map(|c| c.id.len()).max().unwrap_or(9).max(9);
    let mut table = String::new();
    let _ = writeln!(
        table,
        "{:<width$}  {:>9}  {:>21}  verdict (threshold ±{:.1}%)",
        "benchmark",
        "mean",
        "confidence interval",
        threshold * 100.0
    );
    let mut regressions = 0;
    for c in changes {
        let v = Verdict::classify(c.lower, c.upper, threshold);
        if v == Verdict::Regressed {
            regressions += 1;
        }
        let _ = writeln!(
            table,
            "{:<width$}  {:>+8.2}%  [{:>+8.2}%, {:>+8.2}%]  {}",
            c.id,
            c.mean * 100.0,
            c.lower * 100.0,
            c.upper * 100.0,
            v.label()
        );
    }
    let _ = writeln!(
        table,
        "{} compared, {} regressed beyond {:.1}%",
        changes.len(),
        regressions,
        threshold * 100.0
    );
    GateResult {
        table,
        regressions,
        compared: changes.len(),
    }
}

/// The part of a `gene-report` JSON file the memory gate reads; other fields are ignored, so the
/// gate keeps working when the report grows.
#[derive(Clone, Debug, Deserialize)]
pub struct MemoryReport {
    /// One entry per input.
    pub inputs: Vec<MemoryEntry>,
}

/// One input's heap figures in a [`MemoryReport`].
#[derive(Clone, Debug, Deserialize)]
pub struct MemoryEntry {
    /// Input name (`mix-10000`); entries are matched on it.
    pub name: String,
    /// Exact heap counts of one parse.
    pub heap: HeapStats,
}

impl MemoryReport {
    /// Reads a report file.
    pub fn load(path: &Path) -> Result<MemoryReport, String> {
        let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
    }
}

/// Compares two memory reports entry by entry (matched by name) on peak bytes, allocation count
/// and allocated bytes. Any increase above `threshold` (a fraction) is a regression. Entries present
/// in only one report are listed but do not fail the gate.
pub fn compare_memory(base: &MemoryReport, new: &MemoryReport, threshold: f64) -> GateResult {
    let mut table = String::new();
    let _ = writeln!(
        table,
        "{:<24}  {:<15}  {:>14}  {:>14}  {:>9}  verdict (threshold +{:.2}%)",
        "input",
        "metric",
        "base",
        "new",
        "change",
        threshold * 100.0
    );
    let mut regressions = 0;
    let mut compared = 0;
    for n in &new.inputs {
        let Some(b) = base.inputs.iter().find(|b| b.name == n.name) else {
            let _ = writeln!(table, "{:<24}  (not in base report)", n.name);
            continue;
        };
        let metrics = [
            ("peak_bytes", b.heap.peak_bytes, n.heap.peak_bytes),
            ("allocations", b.heap.allocations, n.heap.allocations),
            (
                "allocated_bytes",
                b.heap.allocated_bytes,
                n.heap.allocated_bytes,
            ),
        ];
        for (metric, bv, nv) in metrics {
            compared += 1;
            let change = if bv == 0 {
                if nv == 0 { 0.0 } else { f64::INFINITY }
            } else {
                (nv as f64 - bv as f64) / bv as f64
            };
            let verdict = if change > threshold {
                regressions += 1;
                "REGRESSED"
            } else if change < -threshold {
                "improved"
            } else {
                "unchanged"
            };
            let _ = writeln!(
                table,
                "{:<24}  {:<15}  {:>14}  {:>14}  {:>+8.2}%  {}",
                n.name,
                metric,
                bv,
                nv,
                change * 100.0,
                verdict
            );
        }
    }
    for b in &base.inputs {
        if !new.inputs.iter().any(|n| n.name == b.name) {
            let _ = writeln!(table, "{:<24}  (missing from new report)", b.name);
        }
    }
    let _ = writeln!(
        table,
        "{compared} compared, {regressions} regressed beyond {:.2}%",
        threshold * 100.0
    );
    GateResult {
        table,
        regressions,
        compared,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classify_uses_the_whole_interval() {
        assert_eq!(Verdict::classify(0.06, 0.20, 0.05), Verdict::Regressed);
        // Point estimate above the threshold but the interval reaches below it: noise.
        assert_eq!(Verdict::classify(0.02, 0.20, 0.05), Verdict::WithinNoise);
        assert_eq!(Verdict::classify(-0.30, -0.10, 0.05), Verdict::Improved);
        assert_eq!(Verdict::classify(-0.01, 0.01, 0.05), Verdict::WithinNoise);
    }
}
