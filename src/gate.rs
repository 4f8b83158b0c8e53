//! The regression gate: read Criterion's saved comparisons, or two memory reports, and decide.
//!
//! Criterion prints "Performance has regressed" but always exits 0, so a CI job cannot fail on
//! it. [`criterion_changes`] reads every `change/estimates.json` that a run with `--baseline`
//! (or a second `--save-baseline`) left under `target/criterion/`, and [`Verdict`] classifies
//! each one against a threshold using the whole confidence interval, not just the point estimate:
//! a benchmark regressed only when even the optimistic end of the interval is slower than the
//! threshold. Memory reports hold exact counts, so [`compare_memory`] needs no interval.
//!
//! Both gates treat an incomplete comparison the same way ([`GateResult::incomplete`]): nothing
//! compared, or an input of the base memory report absent from the new one, is an error (the
//! CLI exits 2), never a pass. Benchmarks that ran without a comparison (a new benchmark under
//! `--baseline-lenient`, a group not run this time) and inputs only in the new report are
//! counted and listed but do not fail the gate.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

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
    Ok(criterion_scan(dir)?.changes)
}

/// What a Criterion directory holds: the fresh comparisons, and the benchmarks that have a
/// result but no fresh comparison.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CriterionScan {
    /// Every fresh comparison, sorted by id (what [`criterion_changes`] returns).
    pub changes: Vec<Change>,
    /// Ids of benchmarks with a latest result (`new/estimates.json`) but no change file, or
    /// only a stale one: they ran without a baseline, or not in the compared run. Sorted.
    pub without_comparison: Vec<String>,
}

/// Reads every benchmark directory under `dir` (normally `target/criterion`): the fresh
/// `change/estimates.json` files as in [`criterion_changes`], and the ids of the benchmarks
/// that have none.
pub fn criterion_scan(dir: &Path) -> Result<CriterionScan, String> {
    let mut bench_dirs = Vec::new();
    find_bench_dirs(dir, &mut bench_dirs)
        .map_err(|e| format!("{}: cannot read directory: {e}", dir.display()))?;
    let mut scan = CriterionScan::default();
    for bench_dir in bench_dirs {
        let id = bench_id(dir, &bench_dir);
        let file = bench_dir.join("change").join("estimates.json");
        if !file.is_file() || is_stale(&file, &bench_dir.join("new").join("estimates.json")) {
            scan.without_comparison.push(id);
            continue;
        }
        let text = fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let parsed: ChangeFile =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))?;
        let ci = parsed.mean.confidence_interval;
        scan.changes.push(Change {
            id,
            mean: parsed.mean.point_estimate,
            lower: ci.lower_bound,
            upper: ci.upper_bound,
            confidence: ci.confidence_level,
        });
    }
    scan.changes.sort_by(|a, b| a.id.cmp(&b.id));
    scan.without_comparison.sort();
    Ok(scan)
}

/// A benchmark's id: `full_id` of `new/benchmark.json`, or else its directory under `root`.
fn bench_id(root: &Path, bench_dir: &Path) -> String {
    fs::read_to_string(bench_dir.join("new").join("benchmark.json"))
        .ok()
        .and_then(|t| serde_json::from_str::<BenchmarkFile>(&t).ok())
        .map(|b| b.full_id)
        .unwrap_or_else(|| {
            bench_dir
                .strip_prefix(root)
                .unwrap_or(bench_dir)
                .to_string_lossy()
                .replace('\\', "/")
        })
}

/// Collects the benchmark directories under `dir`: those holding `change/estimates.json` or
/// `new/estimates.json`. Criterion's `report/` pages hold neither.
fn find_bench_dirs(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let is_bench = dir.join("change").join("estimates.json").is_file()
        || dir.join("new").join("estimates.json").is_file();
    if is_bench {
        out.push(dir.to_path_buf());
        return Ok(());
    }
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            find_bench_dirs(&path, out)?;
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

/// The outcome of a gate: a printable table, the figures behind it, and whether it passed.
///
/// Serialized (`gene-gate ... --json`) as one object whose keys are always present:
/// `gate`, `base`, `new`, `threshold_percent`, `compared`, `regressed`, `passed`,
/// `without_comparison`, `missing_from_new`, `results` (see [`Comparison`]).
#[derive(Clone, Debug, Serialize)]
pub struct GateResult {
    /// Which gate ran: `criterion` or `memory`.
    pub gate: &'static str,
    /// What the new figures were compared with: the base report's path (memory), or `None`
    /// when the comparison was made by Criterion itself (its change files name no baseline).
    pub base: Option<String>,
    /// Where the new figures came from: the Criterion directory, or the new report's path.
    pub new: String,
    /// The threshold, in percent.
    pub threshold_percent: f64,
    /// Number of items compared (benchmarks, or input × metric pairs).
    pub compared: usize,
    /// Number of items that regressed beyond the threshold.
    #[serde(rename = "regressed")]
    pub regressions: usize,
    /// True when nothing regressed and the comparison is complete ([`GateResult::incomplete`]).
    pub passed: bool,
    /// Items with new figures but nothing to compare with: benchmarks without a fresh change
    /// file, or inputs only in the new report. Listed, not failed.
    pub without_comparison: Vec<String>,
    /// Inputs of the base report absent from the new one: the gate cannot vouch for them.
    pub missing_from_new: Vec<String>,
    /// One entry per compared item.
    pub results: Vec<Comparison>,
    /// Human-readable table of every compared item, one line each, with summary lines.
    #[serde(skip)]
    pub table: String,
}

/// One compared item of a [`GateResult`]. Keys are always present, `null` where they do not
/// apply: `base`/`new` are the memory gate's exact counts, `lower_percent`/`upper_percent` the
/// time gate's confidence interval; `change_percent` is `null` when the base count is 0 and the
/// new one is not.
#[derive(Clone, Debug, Serialize)]
pub struct Comparison {
    /// Benchmark id, or input name.
    pub id: String,
    /// `mean_time`, `peak_bytes`, `allocations` or `allocated_bytes`.
    pub metric: &'static str,
    /// Base count (memory gate).
    pub base: Option<u64>,
    /// New count (memory gate).
    pub new: Option<u64>,
    /// Relative change in percent (`5.0` is 5 % slower or larger).
    pub change_percent: Option<f64>,
    /// Lower end of the change's confidence interval, in percent (time gate).
    pub lower_percent: Option<f64>,
    /// Upper end of the change's confidence interval, in percent (time gate).
    pub upper_percent: Option<f64>,
    /// `regressed`, `improved` or `unchanged` (within noise or within the threshold).
    pub verdict: &'static str,
}

impl Comparison {
    /// An exact count (heap bytes, allocations, instructions) compared with its base: the
    /// change relative to `base` (infinite when the base was 0 and the count is not) and its
    /// verdict against `threshold` (a fraction: 0.01 is 1%). Deterministic counts need no
    /// confidence interval.
    pub fn of_counts(
        id: String,
        metric: &'static str,
        base: u64,
        new: u64,
        threshold: f64,
    ) -> Self {
        let change = if base == 0 {
            if new == 0 { 0.0 } else { f64::INFINITY }
        } else {
            (new as f64 - base as f64) / base as f64
        };
        let verdict = if change > threshold {
            "regressed"
        } else if change < -threshold {
            "improved"
        } else {
            "unchanged"
        };
        Comparison {
            id,
            metric,
            base: Some(base),
            new: Some(new),
            change_percent: finite(change * 100.0),
            lower_percent: None,
            upper_percent: None,
            verdict,
        }
    }

    /// The verdict as the tables print it (`REGRESSED` stands out).
    pub fn shown_verdict(&self) -> &'static str {
        if self.verdict == "regressed" {
            "REGRESSED"
        } else {
            self.verdict
        }
    }
}

impl GateResult {
    /// True when nothing regressed. A complete comparison is also needed for the gate to pass:
    /// see [`GateResult::incomplete`].
    pub fn passed(&self) -> bool {
        self.regressions == 0
    }

    /// Why the comparison cannot be trusted, if it cannot: nothing was compared, or inputs of
    /// the base report are missing from the new one. The CLI exits 2 with this message.
    pub fn incomplete(&self) -> Option<String> {
        if !self.missing_from_new.is_empty() {
            return Some(format!(
                "{}: {} input(s) of the base report {} missing: {}",
                self.new,
                self.missing_from_new.len(),
                if self.missing_from_new.len() == 1 {
                    "is"
                } else {
                    "are"
                },
                self.missing_from_new.join(", ")
            ));
        }
        if self.compared == 0 {
            return Some(match &self.base {
                Some(base) => format!("nothing compared: no input of {base} is in {}", self.new),
                None => format!(
                    "no comparisons under {} (run `cargo bench -- --baseline NAME` first)",
                    self.new
                ),
            });
        }
        None
    }

    fn finish(mut self) -> GateResult {
        self.passed = self.passed() && self.incomplete().is_none();
        self
    }
}

/// Applies the time gate: `threshold` is a fraction (`0.05` for 5 %).
pub fn gate_changes(changes: &[Change], threshold: f64) -> GateResult {
    gate_criterion(
        &CriterionScan {
            changes: changes.to_vec(),
            without_comparison: Vec::new(),
        },
        "Criterion results",
        threshold,
    )
}

/// Applies the time gate to a scanned Criterion directory named `dir`.
pub fn gate_criterion(scan: &CriterionScan, dir: &str, threshold: f64) -> GateResult {
    let changes = &scan.changes;
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
    let mut results = Vec::with_capacity(changes.len());
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
        results.push(Comparison {
            id: c.id.clone(),
            metric: "mean_time",
            base: None,
            new: None,
            change_percent: finite(c.mean * 100.0),
            lower_percent: finite(c.lower * 100.0),
            upper_percent: finite(c.upper * 100.0),
            verdict: match v {
                Verdict::Regressed => "regressed",
                Verdict::Improved => "improved",
                Verdict::WithinNoise => "unchanged",
            },
        });
    }
    let _ = writeln!(
        table,
        "compared: Criterion's change files under {dir} (each against the baseline of its `cargo bench` run)"
    );
    let _ = writeln!(
        table,
        "{} benchmark(s) without a comparison{}",
        scan.without_comparison.len(),
        if scan.without_comparison.is_empty() {
            String::new()
        } else {
            format!(" (not gated): {}", scan.without_comparison.join(", "))
        }
    );
    let _ = writeln!(
        table,
        "{} compared, {} regressed beyond {:.1}%",
        changes.len(),
        regressions,
        threshold * 100.0
    );
    GateResult {
        gate: "criterion",
        base: None,
        new: dir.to_string(),
        threshold_percent: as_percent(threshold),
        compared: changes.len(),
        regressions,
        passed: false,
        without_comparison: scan.without_comparison.clone(),
        missing_from_new: Vec::new(),
        results,
        table,
    }
    .finish()
}

/// A fraction as a percentage, rounded to 9 decimals so that `--threshold 999.9` reads back as
/// 999.9 and not 999.9000000000001.
fn as_percent(fraction: f64) -> f64 {
    (fraction * 100.0 * 1e9).round() / 1e9
}

fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
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
        MemoryReport::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Reads a report from its JSON text.
    pub fn parse(text: &str) -> Result<MemoryReport, serde_json::Error> {
        serde_json::from_str(text)
    }
}

/// Compares two memory reports entry by entry (matched by name) on peak bytes, allocation count
/// and allocated bytes, with the reports' names `base_name` and `new_name` for the output. Any
/// increase above `threshold` (a fraction) is a regression. Inputs only in the new report are
/// listed in `without_comparison`; inputs of the base missing from the new report are listed in
/// `missing_from_new` and make the result [`incomplete`](GateResult::incomplete).
pub fn compare_memory_named(
    base: &MemoryReport,
    base_name: &str,
    new: &MemoryReport,
    new_name: &str,
    threshold: f64,
) -> GateResult {
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
    let mut results = Vec::new();
    let mut without_comparison = Vec::new();
    for n in &new.inputs {
        let Some(b) = base.inputs.iter().find(|b| b.name == n.name) else {
            let _ = writeln!(table, "{:<24}  (not in base report)", n.name);
            without_comparison.push(n.name.clone());
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
            let c = Comparison::of_counts(n.name.clone(), metric, bv, nv, threshold);
            if c.verdict == "regressed" {
                regressions += 1;
            }
            let _ = writeln!(
                table,
                "{:<24}  {:<15}  {:>14}  {:>14}  {:>+8.2}%  {}",
                n.name,
                metric,
                bv,
                nv,
                c.change_percent.unwrap_or(f64::INFINITY),
                c.shown_verdict()
            );
            results.push(c);
        }
    }
    let mut missing_from_new = Vec::new();
    for b in &base.inputs {
        if !new.inputs.iter().any(|n| n.name == b.name) {
            let _ = writeln!(table, "{:<24}  (missing from new report)", b.name);
            missing_from_new.push(b.name.clone());
        }
    }
    let _ = writeln!(table, "compared: {new_name} against the base {base_name}");
    let _ = writeln!(
        table,
        "{} input(s) only in the new report (not gated), {} missing from it",
        without_comparison.len(),
        missing_from_new.len()
    );
    let _ = writeln!(
        table,
        "{} compared, {regressions} regressed beyond {:.2}%",
        results.len(),
        threshold * 100.0
    );
    GateResult {
        gate: "memory",
        base: Some(base_name.to_string()),
        new: new_name.to_string(),
        threshold_percent: as_percent(threshold),
        compared: results.len(),
        regressions,
        passed: false,
        without_comparison,
        missing_from_new,
        results,
        table,
    }
    .finish()
}

/// [`compare_memory_named`] with the reports named `base` and `new`.
pub fn compare_memory(base: &MemoryReport, new: &MemoryReport, threshold: f64) -> GateResult {
    compare_memory_named(base, "base", new, "new", threshold)
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
