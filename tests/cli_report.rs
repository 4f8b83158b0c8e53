//! `gene-report`'s command line follows the convention of every binary (issues 21 and 25):
//! `-V`, help with exit codes, `--flag=value`, unknown flags refused with a suggestion, every
//! number bounded (no panic, no runaway generation), one-line runtime errors, a quiet end on a
//! closed pipe and a one-line error on a failed write.

use std::path::Path;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_gene-report");

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .output()
        .expect("run gene-report")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn version_and_help() {
    let o = run(&["-V"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o).trim(),
        format!("gene-report {}", env!("CARGO_PKG_VERSION"))
    );
    for flag in ["-h", "--help"] {
        let out = stdout(&run(&[flag]));
        assert!(out.contains("--sizes") && out.contains("--runs") && out.contains("--out"));
        assert!(
            out.contains("Exit status") && out.contains("2  usage error"),
            "{out}"
        );
    }
}

#[test]
fn help_and_version_report_a_failed_write() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    for flag in ["--help", "-V"] {
        let full = std::fs::File::options()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let o = Command::new(BIN).arg(flag).stdout(full).output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{flag}");
        assert_eq!(
            stderr(&o),
            "gene-report: writing standard output: No space left on device (os error 28)\n"
        );
    }
}

#[test]
fn out_of_range_numbers_exit_2_with_one_clear_error() {
    for (args, needle) in [
        (&["--sizes", "1000000000000"][..], "--sizes"),
        (&["--sizes=0"], "--sizes"),
        (&["--sizes=10000001"], "1..=10000000"),
        (&["--sizes=-5"], "--sizes"),
        (&["--sizes="], "--sizes"),
        (&["--sizes=1,,2"], "--sizes"),
        (&["--sizes=1000,x"], "--sizes"),
        (&["--sizes=18446744073709551616"], "--sizes"),
        (&["--sizes=5,5"], "5 is given twice"),
        (&["--sizes=10000000,9999999,2"], "20000000"),
        (&["--runs=0"], "--runs"),
        (&["--runs", "10001"], "1..=10000"),
        (&["--runs=-1"], "--runs"),
        (&["--runs=1e3"], "--runs"),
        (&["--runs=99999999999999999999"], "--runs"),
    ] {
        let o = run(args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(o.stdout.is_empty(), "{args:?}: nothing measured");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        let first = err.lines().next().unwrap();
        assert!(
            first.starts_with("error: ") && first.contains(needle),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn unknown_flags_are_refused_with_a_suggestion() {
    for (args, hint) in [
        (&["--size", "5"][..], "similar argument exists: '--sizes'"),
        (&["--run=5"], "similar argument exists: '--runs'"),
        (&["extra"], "'extra'"),
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(hint), "{args:?}: {}", stderr(&o));
    }
}

/// A tiny report: 50 lines, one run.
fn tiny(out: &Path) -> Command {
    let mut c = Command::new(BIN);
    c.args(["--sizes=50,60", "--runs=1", "--out"]).arg(out);
    c
}

#[test]
fn flag_equals_value_writes_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let o = tiny(dir.path()).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("# gene-parser memory and throughput report"));
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("report.json")).unwrap()).unwrap();
    let names: Vec<&str> = json["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["mix-50", "mix-60"]);
    assert_eq!(json["runs"], 1);
}

#[test]
fn an_unwritable_output_directory_is_one_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "").unwrap();
    let o = tiny(&file.join("sub")).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    let failures: Vec<&str> = err.lines().filter(|l| l.contains("a-file")).collect();
    assert_eq!(failures.len(), 1, "{err}");
    assert!(
        failures[0].starts_with("gene-report: writing the report into "),
        "{err}"
    );
    assert!(!err.contains("panicked") && !err.contains("Usage"), "{err}");
}

#[test]
fn a_closed_pipe_ends_quietly_and_a_failed_write_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = tiny(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        !stderr(&o).contains("writing standard output"),
        "{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));

    if Path::new("/dev/full").exists() {
        let full = std::fs::File::options()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let o = tiny(dir.path()).stdout(full).output().unwrap();
        assert_eq!(o.status.code(), Some(2));
        let err = stderr(&o);
        let failures: Vec<&str> = err
            .lines()
            .filter(|l| l.contains("standard output"))
            .collect();
        assert_eq!(
            failures,
            ["gene-report: writing standard output: No space left on device (os error 28)"],
            "{err}"
        );
    }
}
