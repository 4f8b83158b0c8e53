//! The regression gate on fixture files: a clear regression fails, an improvement and a change
//! within noise pass, and the memory comparison catches a grown allocation count. An incomplete
//! comparison (nothing compared, or base inputs missing from the new report) exits 2 in both
//! gates.

use std::path::{Path, PathBuf};
use std::process::Command;

use gene_bench::gate::{self, MemoryReport, Verdict};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("benchmarks/gate-fixtures")
}

/// Runs the `gene-gate` binary and returns (exit code, stdout).
fn gate_cli(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_gene-gate"))
        .args(args)
        .output()
        .expect("run gene-gate");
    (
        out.status.code().expect("exit code"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn criterion_fixture(name: &str) -> String {
    fixtures()
        .join("criterion")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn memory_fixture(name: &str) -> String {
    fixtures()
        .join("memory")
        .join(format!("{name}.json"))
        .to_string_lossy()
        .into_owned()
}

#[test]
fn reads_criterion_change_files() {
    let changes = gate::criterion_changes(Path::new(&criterion_fixture("regression"))).unwrap();
    let ids: Vec<_> = changes.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["size/10000", "size/100000"]);
    let c = &changes[1];
    assert_eq!(
        (c.mean, c.lower, c.upper, c.confidence),
        (0.25, 0.21, 0.29, 0.95)
    );
    assert_eq!(
        Verdict::classify(c.lower, c.upper, 0.05),
        Verdict::Regressed
    );
}

#[test]
fn clear_regression_fails() {
    let (code, out) = gate_cli(&["criterion", &criterion_fixture("regression")]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("size/100000") && out.contains("REGRESSED"),
        "{out}"
    );
    assert!(out.contains("2 compared, 1 regressed"), "{out}");
}

#[test]
fn regression_below_a_higher_threshold_passes() {
    // The whole interval [21%, 29%] is above the default 10% but not above 30%.
    let (code, out) = gate_cli(&[
        "criterion",
        &criterion_fixture("regression"),
        "--threshold",
        "30",
    ]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn improvement_passes() {
    let (code, out) = gate_cli(&["criterion", &criterion_fixture("improvement")]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("improved"), "{out}");
}

#[test]
fn change_within_noise_passes() {
    let (code, out) = gate_cli(&["criterion", &criterion_fixture("noise")]);
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("REGRESSED"), "{out}");
    assert!(out.contains("within noise"), "{out}");
}

#[test]
fn missing_results_are_a_usage_error() {
    let empty = tempfile::tempdir().unwrap();
    let (code, _) = gate_cli(&["criterion", &empty.path().to_string_lossy()]);
    assert_eq!(code, 2);
    assert_eq!(gate_cli(&["bogus"]).0, 2);
}

/// Writes a gene-report-shaped file holding `inputs` (name, peak, allocations, allocated).
fn memory_report(dir: &Path, file: &str, inputs: &[(&str, u64, u64, u64)]) -> String {
    let inputs: Vec<serde_json::Value> = inputs
        .iter()
        .map(|&(name, peak, allocations, allocated)| {
            serde_json::json!({"name": name, "heap": {
                "peak_bytes": peak, "peak_blocks": 1, "allocations": allocations,
                "allocated_bytes": allocated, "retained_bytes": 0}})
        })
        .collect();
    let path = dir.join(file);
    std::fs::write(&path, serde_json::json!({ "inputs": inputs }).to_string()).unwrap();
    path.to_string_lossy().into_owned()
}

/// Runs `gene-gate` and returns (exit code, stdout, stderr).
fn gate_full(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_gene-gate"))
        .args(args)
        .output()
        .expect("run gene-gate");
    (
        out.status.code().expect("exit code"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn memory_gate_fails_with_exit_2_when_the_comparison_is_incomplete() {
    let dir = tempfile::tempdir().unwrap();
    let base = memory_report(
        dir.path(),
        "base.json",
        &[("mix-1000", 100, 10, 200), ("mix-10000", 1000, 12, 2000)],
    );
    // An input of the base is missing from the new report, even with nothing regressed.
    let partial = memory_report(dir.path(), "partial.json", &[("mix-1000", 100, 10, 200)]);
    let (code, out, err) = gate_full(&["memory", &base, &partial]);
    assert_eq!(code, 2, "{out}{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("gene-gate: ") && err.contains("mix-10000") && err.contains("missing"),
        "{err}"
    );
    assert!(
        out.contains("mix-10000") && out.contains("missing from new report"),
        "{out}"
    );
    // Nothing in common: nothing compared.
    let other = memory_report(dir.path(), "other.json", &[("mix-7", 1, 1, 1)]);
    let (code, out, err) = gate_full(&["memory", &base, &other]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("missing"), "{err}");
    let empty = memory_report(dir.path(), "empty.json", &[]);
    let (code, _, err) = gate_full(&["memory", &empty, &empty]);
    assert_eq!(code, 2);
    assert!(err.contains("nothing compared"), "{err}");
    // Inputs only in the new report are listed and counted but do not fail the gate.
    let more = memory_report(
        dir.path(),
        "more.json",
        &[
            ("mix-1000", 100, 10, 200),
            ("mix-10000", 1000, 12, 2000),
            ("mix-50", 5, 1, 5),
        ],
    );
    let (code, out, err) = gate_full(&["memory", &base, &more]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("mix-50") && out.contains("not in base report"),
        "{out}"
    );
    assert!(out.contains("1 input(s) only in the new report"), "{out}");
    // The output names both reports.
    assert!(
        out.contains(&format!("compared: {more} against the base {base}")),
        "{out}"
    );
    // A regression with a complete comparison is still 1.
    let grown = memory_report(
        dir.path(),
        "grown.json",
        &[("mix-1000", 100, 10, 200), ("mix-10000", 1000, 13, 2000)],
    );
    assert_eq!(gate_full(&["memory", &base, &grown]).0, 1);
    // Missing inputs win over a regression: the gate cannot vouch for the run.
    let grown_partial = memory_report(dir.path(), "gp.json", &[("mix-1000", 200, 10, 200)]);
    assert_eq!(gate_full(&["memory", &base, &grown_partial]).0, 2);
    // The library says the same.
    let b = MemoryReport::load(Path::new(&base)).unwrap();
    let p = MemoryReport::load(Path::new(&partial)).unwrap();
    let r = gate::compare_memory(&b, &p, 0.01);
    assert_eq!(r.missing_from_new, ["mix-10000"]);
    assert!(r.incomplete().is_some() && !r.passed);
}

#[test]
fn criterion_gate_counts_benchmarks_without_a_comparison() {
    use std::fs;
    let root = tempfile::tempdir().unwrap();
    let change = r#"{"mean":{"confidence_interval":{"confidence_level":0.95,"lower_bound":0.01,"upper_bound":0.03},"point_estimate":0.02,"standard_error":0.01}}"#;
    // Two benchmarks with a fresh comparison, one that ran without a baseline.
    for (dir, compared) in [("g/a", true), ("g/b", true), ("g/new", false)] {
        let bench = root.path().join(dir);
        fs::create_dir_all(bench.join("new")).unwrap();
        fs::write(bench.join("new/estimates.json"), "{}").unwrap();
        if compared {
            fs::create_dir_all(bench.join("change")).unwrap();
            fs::write(bench.join("change/estimates.json"), change).unwrap();
        }
    }
    // Criterion's report pages are not benchmarks.
    fs::create_dir_all(root.path().join("report")).unwrap();
    let scan = gate::criterion_scan(root.path()).unwrap();
    assert_eq!(scan.changes.len(), 2);
    assert_eq!(scan.without_comparison, ["g/new"]);
    let dir = root.path().to_string_lossy().into_owned();
    let (code, out, err) = gate_full(&["criterion", &dir]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("1 benchmark(s) without a comparison (not gated): g/new"),
        "{out}"
    );
    assert!(out.contains(&format!("change files under {dir}")), "{out}");
    assert!(out.contains("2 compared, 0 regressed"), "{out}");
    // Only benchmarks without a comparison: nothing compared, exit 2, one line.
    fs::remove_dir_all(root.path().join("g/a/change")).unwrap();
    fs::remove_dir_all(root.path().join("g/b/change")).unwrap();
    let (code, out, err) = gate_full(&["criterion", &dir]);
    assert_eq!(code, 2, "{out}{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("no comparisons under"), "{err}");
    assert!(out.contains("3 benchmark(s) without a comparison"), "{out}");
}

#[test]
fn memory_gate() {
    let base = memory_fixture("base");
    for (name, expected) in [
        ("same", 0),
        ("within-threshold", 0),
        ("improved", 0),
        ("regressed", 1),
    ] {
        let (code, out) = gate_cli(&["memory", &base, &memory_fixture(name)]);
        assert_eq!(code, expected, "{name}: {out}");
    }
    let (_, out) = gate_cli(&["memory", &base, &memory_fixture("regressed")]);
    assert!(
        out.lines().any(|l| l.contains("mix-100000")
            && l.contains("allocations")
            && l.contains("REGRESSED")),
        "{out}"
    );
    // A zero threshold turns the 0.5% peak increase into a failure.
    let (code, _) = gate_cli(&[
        "memory",
        &base,
        &memory_fixture("within-threshold"),
        "--threshold",
        "0",
    ]);
    assert_eq!(code, 1);
    // The library API agrees with the CLI.
    let b = MemoryReport::load(Path::new(&base)).unwrap();
    let r = MemoryReport::load(Path::new(&memory_fixture("regressed"))).unwrap();
    assert_eq!(gate::compare_memory(&b, &r, 0.01).regressions, 2);
}

#[test]
fn stale_change_files_are_ignored_and_names_come_from_benchmark_json() {
    use std::fs::{self, File};
    use std::time::{Duration, SystemTime};

    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().to_path_buf();
    let regressed = r#"{"mean":{"confidence_interval":{"confidence_level":0.95,"lower_bound":0.5,"upper_bound":0.7},"point_estimate":0.6,"standard_error":0.01}}"#;
    for (dir, stale) in [("a/fresh", false), ("a/stale", true)] {
        let bench = root.join(dir);
        fs::create_dir_all(bench.join("change")).unwrap();
        fs::create_dir_all(bench.join("new")).unwrap();
        fs::write(bench.join("change/estimates.json"), regressed).unwrap();
        fs::write(bench.join("new/estimates.json"), "{}").unwrap();
        fs::write(
            bench.join("new/benchmark.json"),
            format!(r#"{{"full_id":"group/{}"}}"#, dir.replace('/', "_")),
        )
        .unwrap();
        // A stale change file predates the benchmark's latest result.
        let old = SystemTime::now() - Duration::from_secs(if stale { 3600 } else { 0 });
        let newer = SystemTime::now() + Duration::from_secs(if stale { 0 } else { 5 });
        File::options()
            .write(true)
            .open(bench.join("change/estimates.json"))
            .unwrap()
            .set_modified(if stale { old } else { newer })
            .unwrap();
    }
    let scan = gate::criterion_scan(&root).unwrap();
    assert_eq!(scan.without_comparison, ["group/a_stale"]);
    let changes = gate::criterion_changes(&root).unwrap();
    let ids: Vec<_> = changes.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["group/a_fresh"]);
}
