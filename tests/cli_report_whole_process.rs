//! `gene-report whole-process` at small sizes, with stand-ins for `gene-parse` (shell scripts:
//! the root package cannot name the other package's binary). It checks that the mode runs and
//! reports every figure, alternates the order of its rounds, checks `gene-parse`'s answer before
//! timing (a wrong answer or exit status is one line and exit 2), never overwrites a file it did
//! not write, and cleans up the one it wrote. No timing is asserted.

#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_gene-report");

/// An executable `#!/bin/sh` script in `dir` with `body`; `$2` is the file `check` is given.
fn stand_in(dir: &Path, name: &str, body: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

fn whole_process(gene_parse: &Path, file: &Path, extra: &[&str]) -> Output {
    Command::new(BIN)
        .args(["whole-process", "--rounds=3", "--lines=300", "--small=100"])
        .arg("--gene-parse")
        .arg(gene_parse)
        .arg("--file")
        .arg(file)
        .args(extra)
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn every_figure_and_both_ratios_are_reported_from_alternating_rounds() {
    let dir = tempfile::tempdir().unwrap();
    let ok = stand_in(dir.path(), "gene-parse", r#"echo "$2: ok""#);
    let file = dir.path().join("large.gene");

    let o = whole_process(&ok, &file, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let md = String::from_utf8(o.stdout).unwrap();
    assert!(
        md.starts_with("# Whole process against in-process parsing"),
        "{md}"
    );
    for row in [
        "| in-process, mix-100 (median parse), MB/s |",
        "| in-process, 32 distinct inputs like mix-100 (median parse), MB/s |",
        "| in-process, mix-300 (one parse), MB/s of CPU time |",
        "| in-process, mix-300 through `Buffers` (memory reused), MB/s of CPU time |",
        "| drop of the mix-300 document, ms |",
        "| whole process `gene-parse check`, MB/s |",
        "| whole process, system CPU ms |",
        "| whole process, minor page faults |",
        "| in-process mix-300 / in-process mix-100 | wall |",
        "| whole process / in-process mix-100 | CPU |",
        "| in-process mix-300 / in-process 32 distinct inputs like mix-100 | wall |",
    ] {
        assert!(md.contains(row), "missing {row}: {md}");
    }
    assert!(!file.exists(), "the input it wrote is removed");

    let o = whole_process(&ok, &file, &["--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rounds = json["rounds"].as_array().unwrap();
    let order: Vec<bool> = rounds
        .iter()
        .map(|r| r["whole_first"].as_bool().unwrap())
        .collect();
    assert_eq!(order, [true, false, true]);
    for r in rounds {
        for key in [
            "small_mb_s",
            "distinct_mb_s",
            "distinct_cpu_mb_s",
            "large_mb_s",
            "whole_mb_s",
            "whole_wall_ms",
        ] {
            assert!(r[key].as_f64().unwrap() > 0.0, "{key}: {r}");
        }
    }
    let (small, large) = (
        json["small"][1].as_u64().unwrap(),
        json["large"][1].as_u64().unwrap(),
    );
    assert_eq!(
        json["small_parses"].as_u64().unwrap(),
        large.div_ceil(small).max(3),
        "the small input's parses add up to the large input's bytes"
    );
    assert!(json["whole_over_small"]["paired"].as_f64().unwrap() > 0.0);
    assert!(json["large_over_distinct"]["paired"].as_f64().unwrap() > 0.0);
}

#[test]
fn a_wrong_answer_or_status_is_caught_before_timing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("large.gene");
    for (name, body) in [
        ("error", r#"echo "$2:1:1: unexpected ')'"; exit 1"#),
        ("status", r#"echo "$2: ok"; exit 1"#),
        ("silent", "exit 0"),
    ] {
        let wrong = stand_in(dir.path(), name, body);
        let o = whole_process(&wrong, &file, &[]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{name}: {err}");
        assert!(o.stdout.is_empty(), "{name}: nothing reported");
        let lines: Vec<&str> = err
            .lines()
            .filter(|l| !l.contains("round") && !l.contains("warning"))
            .collect();
        assert_eq!(lines.len(), 1, "{name}: {err}");
        assert!(
            lines[0].starts_with("gene-report: whole-process: ") && lines[0].contains("expected"),
            "{name}: {err}"
        );
        assert!(
            !err.contains("round 1/"),
            "{name}: checked before the rounds"
        );
        assert!(!file.exists(), "{name}: the input it wrote is removed");
    }
}

#[test]
fn a_missing_gene_parse_or_a_foreign_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("large.gene");
    let o = whole_process(&dir.path().join("none"), &file, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no gene-parse at"), "{}", stderr(&o));

    let ok = stand_in(dir.path(), "gene-parse", r#"echo "$2: ok""#);
    std::fs::write(&file, "(mine)").unwrap();
    let o = whole_process(&ok, &file, &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("exists and is not"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(&file).unwrap(),
        b"(mine)",
        "never overwritten"
    );

    for args in [&["--rounds=0"][..], &["--lines=0"], &["--small=10000001"]] {
        let o = Command::new(BIN)
            .arg("whole-process")
            .args(args)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).starts_with("error: "), "{args:?}");
    }
}
