//! Where a record's figures come from: the files the suite already writes.
//!
//! - Criterion: `<dir>/**/new/estimates.json` (the latest run of each benchmark), its median;
//!   the id from the sibling `new/benchmark.json`.
//! - gungraun: its JSON output (`cargo bench --features instructions --bench instructions --
//!   --output-format=json`), one object per benchmark, read for Callgrind's `Ir`.
//! - gene-report: `report.json`, each input's exact peak heap.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

/// One benchmark directory of a Criterion output tree.
#[derive(Clone, Debug, PartialEq)]
pub struct CriterionBench {
    /// The benchmark id (`size/10000`).
    pub id: String,
    /// Its directory (holding `new/`, `change/`, and one directory per saved baseline).
    pub dir: PathBuf,
}

#[derive(Deserialize)]
struct BenchmarkFile {
    full_id: String,
}

#[derive(Deserialize)]
struct Estimates {
    median: Estimate,
}

#[derive(Deserialize)]
struct Estimate {
    point_estimate: f64,
}

/// Every benchmark under a Criterion directory that has a latest result (`new/estimates.json`),
/// sorted by id.
pub fn criterion_benchmarks(dir: &Path) -> Result<Vec<CriterionBench>, String> {
    let mut found = Vec::new();
    walk(dir, &mut found).map_err(|e| format!("{}: cannot read directory: {e}", dir.display()))?;
    let mut benches: Vec<CriterionBench> = found
        .into_iter()
        .map(|bench_dir| {
            let id = fs::read_to_string(bench_dir.join("new").join("benchmark.json"))
                .ok()
                .and_then(|t| serde_json::from_str::<BenchmarkFile>(&t).ok())
                .map(|b| b.full_id)
                .unwrap_or_else(|| {
                    bench_dir
                        .strip_prefix(dir)
                        .unwrap_or(&bench_dir)
                        .to_string_lossy()
                        .replace('\\', "/")
                });
            CriterionBench { id, dir: bench_dir }
        })
        .collect();
    benches.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(benches)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if dir.join("new").join("estimates.json").is_file() {
        out.push(dir.to_path_buf());
        return Ok(());
    }
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() && !path.is_symlink() {
            walk(&path, out)?;
        }
    }
    Ok(())
}

/// Median times in nanoseconds of the benchmarks under `dir` whose id starts with one of
/// `prefixes` (all of them when `prefixes` is empty).
pub fn criterion_medians(dir: &Path, prefixes: &[String]) -> Result<BTreeMap<String, f64>, String> {
    let mut medians = BTreeMap::new();
    for bench in criterion_benchmarks(dir)? {
        if !prefixes.is_empty() && !prefixes.iter().any(|p| bench.id.starts_with(p.as_str())) {
            continue;
        }
        let file = bench.dir.join("new").join("estimates.json");
        let text = fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let estimates: Estimates =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))?;
        medians.insert(bench.id, estimates.median.point_estimate);
    }
    Ok(medians)
}

/// Instruction counts (Callgrind `Ir`, the new run's) by benchmark, from gungraun's JSON output:
/// JSON lines, one benchmark summary each (`--output-format=json`), or one array of them. A
/// benchmark is named `FUNCTION ID` (`parse lines_10k`), or by its module path without an id.
pub fn gungraun_instructions(text: &str, name: &str) -> Result<BTreeMap<String, u64>, String> {
    let trimmed = text.trim_start();
    let summaries: Vec<Value> = if trimmed.starts_with('[') {
        serde_json::from_str(trimmed).map_err(|e| format!("{name}: {e}"))?
    } else {
        let mut all = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            all.push(
                serde_json::from_str(line)
                    .map_err(|e| format!("{name}:{}: not gungraun JSON: {e}", i + 1))?,
            );
        }
        all
    };
    let mut counts = BTreeMap::new();
    for summary in &summaries {
        let id = benchmark_name(summary)
            .ok_or_else(|| format!("{name}: a benchmark summary without a function name"))?;
        let ir = summary["profiles"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|p| p["tool"] == "Callgrind")
            .find_map(|p| metric_new(&p["data"]["total"]["metrics"]["Ir"]))
            .ok_or_else(|| format!("{name}: {id}: no Callgrind Ir count"))?;
        counts.insert(id, ir);
    }
    Ok(counts)
}

fn benchmark_name(summary: &Value) -> Option<String> {
    let function = summary["function_name"].as_str()?;
    Some(match summary["id"].as_str() {
        Some(id) => format!("{function} {id}"),
        None => function.to_string(),
    })
}

/// A metric's new value: `{"values": {"new": N, ...}}`, where N is an integer or a
/// `{"Int": N}` / `{"Float": x}` wrapper.
fn metric_new(metric: &Value) -> Option<u64> {
    let new = &metric["values"]["new"];
    new.as_u64()
        .or_else(|| new["Int"].as_u64())
        .or_else(|| new["Float"].as_f64().map(|f| f.round() as u64))
        .or_else(|| new.as_f64().map(|f| f.round() as u64))
}

/// Peak heap in bytes by input, from a gene-report JSON file's text.
pub fn report_peak_heap(text: &str, name: &str) -> Result<BTreeMap<String, u64>, String> {
    let report = crate::gate::MemoryReport::parse(text).map_err(|e| format!("{name}: {e}"))?;
    Ok(report
        .inputs
        .into_iter()
        .map(|i| (i.name, i.heap.peak_bytes))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gungraun_lines_and_arrays_give_the_new_ir() {
        let one = r#"{"function_name":"parse","id":"lines_10k","profiles":[{"tool":"Callgrind","data":{"total":{"metrics":{"Ir":{"values":{"new":8690000,"old":8600000}}}}}}]}"#;
        let two = r#"{"function_name":"parse","id":"lines_100k","profiles":[{"tool":"Callgrind","data":{"total":{"metrics":{"Ir":{"values":{"new":{"Int":84100000}}}}}}}]}"#;
        let lines = gungraun_instructions(&format!("{one}\n\n{two}\n"), "x").unwrap();
        assert_eq!(lines["parse lines_10k"], 8_690_000);
        assert_eq!(lines["parse lines_100k"], 84_100_000);
        assert_eq!(
            gungraun_instructions(&format!("[{one},{two}]"), "x").unwrap(),
            lines
        );
        assert!(
            gungraun_instructions("{", "x")
                .unwrap_err()
                .starts_with("x:1:")
        );
        let no_ir = r#"{"function_name":"parse","profiles":[{"tool":"Cachegrind","data":{}}]}"#;
        assert!(
            gungraun_instructions(no_ir, "x")
                .unwrap_err()
                .contains("no Callgrind Ir")
        );
    }
}
