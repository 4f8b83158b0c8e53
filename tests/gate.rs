//! The regression gate on fixture files: a clear regression fails, an improvement and a change
//! within noise pass, and the memory comparison catches a grown allocation count.

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
    let empty = std::env::temp_dir().join(format!("gene-gate-empty-{}", std::process::id()));
    std::fs::create_dir_all(&empty).unwrap();
    let (code, _) = gate_cli(&["criterion", &empty.to_string_lossy()]);
    std::fs::remove_dir_all(&empty).unwrap();
    assert_eq!(code, 2);
    assert_eq!(gate_cli(&["bogus"]).0, 2);
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

    let root = std::env::temp_dir().join(format!("gene-gate-stale-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
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
    let changes = gate::criterion_changes(&root).unwrap();
    fs::remove_dir_all(&root).unwrap();
    let ids: Vec<_> = changes.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["group/a_fresh"]);
}
