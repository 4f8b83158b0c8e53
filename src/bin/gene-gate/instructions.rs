//! `gene-gate instructions BASE NEW`: the instruction-count gate over two gungraun JSON outputs.
//!
//! Callgrind counts the instructions a build executes on an input; for the same binary and the
//! same input the count repeats to the instruction, so any change between base and change is
//! the code's, and the threshold only decides how small a real increase may pass.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use gene_bench::cli;
use gene_bench::gate::{Comparison, GateResult};
use gene_bench::history::sources;

/// gungraun's JSON output is a few kilobytes per benchmark.
const MAX_LEN: usize = 64 << 20;

/// Reads a gungraun JSON output into instruction counts by benchmark.
pub fn load(path: &Path) -> Result<BTreeMap<String, u64>, String> {
    let text = cli::read_text_bounded(path, MAX_LEN)?;
    sources::gungraun_instructions(&text, &path.display().to_string())
}

/// Compares instruction counts: a benchmark regressed when its count grew by more than
/// `threshold` (a fraction). Benchmarks only in `new` are listed, not gated; benchmarks of
/// `base` missing from `new` make the comparison incomplete.
pub fn compare(
    base: &BTreeMap<String, u64>,
    base_name: &str,
    new: &BTreeMap<String, u64>,
    new_name: &str,
    threshold: f64,
) -> GateResult {
    let mut table = String::new();
    let width = new
        .keys()
        .chain(base.keys())
        .map(String::len)
        .max()
        .unwrap_or(9)
        .max(9);
    let _ = writeln!(
        table,
        "{:<width$}  {:>14}  {:>14}  {:>9}  verdict (threshold +{:.2}%)",
        "benchmark",
        "base Ir",
        "new Ir",
        "change",
        threshold * 100.0
    );
    let mut results = Vec::new();
    let mut regressions = 0;
    let mut without_comparison = Vec::new();
    for (id, &n) in new {
        let Some(&b) = base.get(id) else {
            let _ = writeln!(table, "{id:<width$}  (not in base)");
            without_comparison.push(id.clone());
            continue;
        };
        let c = Comparison::of_counts(id.clone(), "instructions", b, n, threshold);
        if c.verdict == "regressed" {
            regressions += 1;
        }
        let _ = writeln!(
            table,
            "{id:<width$}  {b:>14}  {n:>14}  {:>+8.2}%  {}",
            c.change_percent.unwrap_or(f64::INFINITY),
            c.shown_verdict()
        );
        results.push(c);
    }
    let missing_from_new: Vec<String> = base
        .keys()
        .filter(|k| !new.contains_key(*k))
        .cloned()
        .collect();
    for id in &missing_from_new {
        let _ = writeln!(table, "{id:<width$}  (missing from new)");
    }
    let _ = writeln!(table, "compared: {new_name} against the base {base_name}");
    let _ = writeln!(
        table,
        "{} benchmark(s) only in the new run (not gated), {} missing from it",
        without_comparison.len(),
        missing_from_new.len()
    );
    let _ = writeln!(
        table,
        "{} compared, {regressions} regressed beyond {:.2}%",
        results.len(),
        threshold * 100.0
    );
    let mut result = GateResult {
        gate: "instructions",
        base: Some(base_name.to_string()),
        new: new_name.to_string(),
        threshold_percent: (threshold * 100.0 * 1e9).round() / 1e9,
        compared: results.len(),
        regressions,
        passed: false,
        without_comparison,
        missing_from_new,
        results,
        table,
    };
    result.passed = result.passed() && result.incomplete().is_none();
    result
}
