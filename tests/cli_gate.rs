//! `gene-gate`'s command line follows the convention of every binary (issues 21 and 25): `-V`,
//! help with exit codes, `--flag=value`, `-` for standard input, unknown flags refused with a
//! suggestion, bounded thresholds, one-line runtime errors, a quiet end on a closed pipe, a
//! one-line error on a failed write, and a documented JSON shape.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_gene-gate");

fn fixture(parts: &[&str]) -> String {
    let mut p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benchmarks/gate-fixtures");
    for part in parts {
        p.push(part);
    }
    p.to_string_lossy().into_owned()
}

fn base() -> String {
    fixture(&["memory", "base.json"])
}

fn regressed() -> String {
    fixture(&["memory", "regressed.json"])
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .output()
        .expect("run gene-gate")
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let _ = child.stdin.take().unwrap().write_all(input);
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn assert_one_line_error(o: &Output, needle: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(
        err.starts_with("gene-gate: ") && err.contains(needle),
        "{needle:?}: {err}"
    );
    assert!(!err.contains("panicked") && !err.contains("Usage"), "{err}");
}

#[test]
fn version_and_help() {
    let o = run(&["-V"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o).trim(),
        format!("gene-gate {}", env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(stdout(&run(&["--version"])), stdout(&o));
    for args in [
        &["--help"][..],
        &["-h"],
        &["criterion", "--help"],
        &["memory", "-h"],
        &["help", "memory"],
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        let out = stdout(&o);
        assert!(
            out.contains("Exit status") && out.contains("1  something regressed"),
            "{args:?}: {out}"
        );
    }
    let help = stdout(&run(&["memory", "--help"]));
    assert!(
        help.contains("--json") && help.contains("\"missing_from_new\""),
        "{help}"
    );
}

#[test]
fn flag_equals_value_and_short_flags() {
    let regression = fixture(&["criterion", "regression"]);
    // [21%, 29%] is above 10 but not above 30.
    for args in [
        &["criterion", regression.as_str(), "--threshold=30"][..],
        &["criterion", regression.as_str(), "--threshold", "30"],
        &["criterion", "-t", "30", regression.as_str()],
        &["criterion", "--threshold=30%", regression.as_str()],
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert!(stdout(&o).contains("beyond 30.0%"), "{args:?}");
    }
    assert_eq!(
        run(&["criterion", &regression, "--threshold=20"])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn dash_reads_a_report_from_standard_input() {
    let text = std::fs::read(regressed()).unwrap();
    let o = run_stdin(&["memory", &base(), "-"], &text);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("compared: - against the base"),
        "{}",
        stdout(&o)
    );
    let o = run_stdin(&["memory", "-", &base()], &std::fs::read(base()).unwrap());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // One standard input cannot be both reports.
    assert_one_line_error(
        &run_stdin(&["memory", "-", "-"], b""),
        "only one of BASE and NEW",
    );
    // Not a report: one line naming the input.
    assert_one_line_error(&run_stdin(&["memory", &base(), "-"], b"{"), "-: ");
}

#[test]
fn unknown_flags_are_refused_with_a_suggestion() {
    for (args, hint) in [
        (
            &["criterion", "--treshold", "5"][..],
            "similar argument exists: '--threshold'",
        ),
        (
            &["memory", "a", "b", "--jsn"],
            "similar argument exists: '--json'",
        ),
        (&["memry", "a", "b"], "similar subcommand exists: 'memory'"),
        (&["criterion", "--bogus"], "--bogus"),
        (&["memory", "a"], "NEW.json"),
        (&["memory", "a", "b", "c"], "'c'"),
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(hint), "{args:?}: {}", stderr(&o));
        assert!(o.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn out_of_range_thresholds_exit_2_with_one_clear_error() {
    for value in [
        "-1", "1000.5", "1e9", "inf", "-inf", "NaN", "ten", "", "5%%",
    ] {
        for cmd in [
            vec!["criterion".to_string(), fixture(&["criterion", "noise"])],
            vec!["memory".to_string(), base(), base()],
        ] {
            let mut args = cmd.clone();
            args.push(format!("--threshold={value}"));
            let o = Command::new(BIN).args(&args).output().unwrap();
            let err = stderr(&o);
            assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
            assert!(o.stdout.is_empty());
            assert!(!err.contains("panicked"), "{err}");
            let first = err.lines().next().unwrap();
            assert!(
                first.starts_with("error: ") && first.contains("--threshold"),
                "{err}"
            );
        }
    }
    // The bounds are accepted.
    for value in ["0", "1000"] {
        let o = run(&["memory", &base(), &base(), "--threshold", value]);
        assert_eq!(o.status.code(), Some(0), "{value}: {}", stderr(&o));
    }
}

#[test]
fn missing_and_unreadable_inputs_are_one_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.json");
    let missing = missing.to_str().unwrap();
    assert_one_line_error(&run(&["memory", &base(), missing]), "missing.json: ");
    assert_one_line_error(&run(&["memory", missing, &base()]), "missing.json: ");
    assert_one_line_error(&run(&["criterion", missing]), "missing.json");
    let garbage = dir.path().join("garbage.json");
    std::fs::write(&garbage, "not json").unwrap();
    assert_one_line_error(
        &run(&["memory", &base(), garbage.to_str().unwrap()]),
        "garbage.json: ",
    );
    // An endless file is read only up to the report size limit.
    if Path::new("/dev/zero").exists() {
        assert_one_line_error(
            &run(&["memory", "/dev/zero", &base()]),
            "/dev/zero: larger than",
        );
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    // `gene-gate ... | true`: the reader is gone before anything is written.
    for args in [
        vec!["memory".to_string(), base(), regressed()],
        vec!["memory".to_string(), base(), base(), "--json".to_string()],
        vec!["completions".to_string(), "bash".to_string()],
    ] {
        let mut child = Command::new(BIN)
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let o = child.wait_with_output().unwrap();
        let want = if args.contains(&regressed()) { 1 } else { 0 };
        assert_eq!(o.status.code(), Some(want), "{args:?}: the verdict stands");
        assert!(o.stderr.is_empty(), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn a_failed_write_is_one_line_and_exit_2() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    for args in [
        vec!["memory".to_string(), base(), base()],
        vec![
            "memory".to_string(),
            base(),
            regressed(),
            "--json".to_string(),
        ],
        vec!["criterion".to_string(), fixture(&["criterion", "noise"])],
        vec!["--help".to_string()],
        vec!["memory".to_string(), "-h".to_string()],
        vec!["--version".to_string()],
    ] {
        let full = std::fs::File::options()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let o = Command::new(BIN).args(&args).stdout(full).output().unwrap();
        assert_one_line_error(&o, "gene-gate: writing standard output: ");
        assert!(stderr(&o).contains("os error 28"), "{}", stderr(&o));
    }
}

const GATE_KEYS: [&str; 10] = [
    "gate",
    "base",
    "new",
    "threshold_percent",
    "compared",
    "regressed",
    "passed",
    "without_comparison",
    "missing_from_new",
    "results",
];

const RESULT_KEYS: [&str; 8] = [
    "id",
    "metric",
    "base",
    "new",
    "change_percent",
    "lower_percent",
    "upper_percent",
    "verdict",
];

fn sorted_keys(v: &serde_json::Value) -> Vec<String> {
    let mut keys: Vec<String> = v.as_object().expect("an object").keys().cloned().collect();
    keys.sort();
    keys
}

fn sorted(keys: &[&str]) -> Vec<String> {
    let mut keys: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
    keys.sort();
    keys
}

#[test]
fn json_output_has_the_documented_shape() {
    let o = run(&["memory", &base(), &regressed(), "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("one JSON object");
    assert_eq!(sorted_keys(&v), sorted(&GATE_KEYS));
    assert_eq!(v["gate"], "memory");
    assert_eq!(v["base"], base());
    assert_eq!(v["new"], regressed());
    assert_eq!(v["threshold_percent"], 1.0);
    assert_eq!(v["compared"], 6);
    assert_eq!(v["regressed"], 2);
    assert_eq!(v["passed"], false);
    let results = v["results"].as_array().unwrap();
    assert_eq!(results.len(), 6);
    for r in results {
        assert_eq!(sorted_keys(r), sorted(&RESULT_KEYS));
        assert!(r["base"].is_u64() && r["new"].is_u64() && r["lower_percent"].is_null());
    }
    let grown = results
        .iter()
        .find(|r| r["id"] == "mix-100000" && r["metric"] == "allocations")
        .unwrap();
    assert_eq!(grown["verdict"], "regressed");
    let (b, n) = (
        grown["base"].as_f64().unwrap(),
        grown["new"].as_f64().unwrap(),
    );
    let change = grown["change_percent"].as_f64().unwrap();
    assert!((change - (n - b) / b * 100.0).abs() < 1e-9, "{grown}");

    let o = run(&[
        "criterion",
        &fixture(&["criterion", "regression"]),
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(sorted_keys(&v), sorted(&GATE_KEYS));
    assert_eq!(
        (v["gate"].as_str(), v["base"].is_null()),
        (Some("criterion"), true)
    );
    assert_eq!(
        (v["compared"].as_u64(), v["regressed"].as_u64()),
        (Some(2), Some(1))
    );
    let r = &v["results"][1];
    assert_eq!(sorted_keys(r), sorted(&RESULT_KEYS));
    assert_eq!(r["id"], "size/100000");
    assert_eq!(r["metric"], "mean_time");
    assert_eq!(r["verdict"], "regressed");
    let lower = r["lower_percent"].as_f64().unwrap();
    assert!((lower - 21.0).abs() < 1e-9, "{r}");

    // The threshold reads back as given.
    let o = run(&["memory", &base(), &base(), "--json", "--threshold=999.9"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["threshold_percent"], 999.9);

    // An incomplete comparison still prints its JSON, then exits 2 with the reason.
    let dir = tempfile::tempdir().unwrap();
    let partial = dir.path().join("partial.json");
    let base_text: serde_json::Value =
        serde_json::from_slice(&std::fs::read(base()).unwrap()).unwrap();
    let first_only = serde_json::json!({ "inputs": [base_text["inputs"][0].clone()] });
    std::fs::write(&partial, first_only.to_string()).unwrap();
    let o = run(&["memory", &base(), partial.to_str().unwrap(), "--json"]);
    assert_eq!(o.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["missing_from_new"], serde_json::json!(["mix-100000"]));
    assert_eq!(v["passed"], false);
    assert_eq!(stderr(&o).lines().count(), 1);
}

#[test]
fn completions_are_generated() {
    let o = run(&["completions", "bash"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("threshold"));
}
