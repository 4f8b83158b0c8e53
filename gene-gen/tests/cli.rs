//! The `gene-gen` binary: its convention (help, version, `--flag=value`, `-`, exit status),
//! every argument at and beyond its bounds, closed and full standard output. Files always go
//! to temporary directories.

use std::io::{Read as _, Write as _};
use std::process::{Command, Output, Stdio};

use gene_gen::{Config, generate};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_gene-gen"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs `cmd` and asserts that it succeeded, showing its stderr if not.
fn succeed(cmd: &mut Command) -> Output {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    out
}

/// Runs `gene-gen ARGS` (writing into a fresh directory) and asserts a usage error: exit 2,
/// `needle` on stderr, nothing on stdout, no panic, nothing written.
fn usage_error(args: &[&str], needle: &str) {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    let out = bin()
        .args(args)
        .arg("--out")
        .arg(&out_dir)
        .output()
        .unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    assert!(stderr.contains(needle), "{args:?}: {stderr}");
    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    assert!(out.stdout.is_empty(), "{args:?}");
    assert!(!out_dir.exists(), "{args:?} wrote files");
}

/// A runtime error: exit 2 and exactly one line, `gene-gen: ...`, never the usage text.
fn one_line_error(out: &Output, needle: &str) {
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("gene-gen: ") && stderr.contains(needle),
        "{stderr}"
    );
}

#[test]
fn generates_named_file_and_manifest() {
    let dir = tempfile::tempdir().unwrap();
    succeed(
        bin()
            .args(["--lines", "1234", "--seed", "9", "--complexity", "2"])
            .args(["--errors", "3", "--out"])
            .arg(dir.path()),
    );
    let name = "gene_1234l_s9_c2_e3_v2.gene";
    let text = std::fs::read_to_string(dir.path().join(name)).unwrap();
    assert_eq!(text.lines().count(), 1234);
    let cfg = Config::new(9, 1234).with_complexity(2).with_errors(3);
    let generated = gene_gen::generate_with_errors(&cfg);
    assert_eq!(text, generated.source);
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join(format!("{name}.manifest.json"))).unwrap(),
    )
    .unwrap();
    assert_eq!(manifest["file"], name);
    assert_eq!(manifest["generator_version"], 2);
    assert_eq!(manifest["seed"], 9);
    assert_eq!(manifest["complexity"], 2);
    assert_eq!(manifest["lines"], 1234);
    assert_eq!(manifest["bytes"], text.len());
    assert_eq!(manifest["sha256"].as_str().map(str::len), Some(64));
    let errors = manifest["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 3);
    for (got, want) in errors.iter().zip(&generated.errors) {
        assert_eq!(got["kind"], want.kind_name());
        assert_eq!(got["line"], want.line);
        assert_eq!(got["column"], want.column);
        assert_eq!(got["offset"], want.offset);
    }
}

#[test]
fn preset_all_and_clean() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("large_files");
    succeed(
        bin()
            .args(["--preset", "small", "--preset=medium", "--out"])
            .arg(&sub),
    );
    let count = std::fs::read_dir(&sub).unwrap().count();
    assert_eq!(count, 4);
    std::fs::write(sub.join("keep.txt"), "not ours").unwrap();
    succeed(bin().arg("clean").arg("--out").arg(&sub));
    let left: Vec<_> = std::fs::read_dir(&sub)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["keep.txt"]);
}

#[test]
fn custom_mix_changes_the_name() {
    let dir = tempfile::tempdir().unwrap();
    let out = succeed(
        bin()
            .args(["-n", "50", "--mix", "functions=3,classes=1", "--out"])
            .arg(dir.path()),
    );
    let printed = text(&out.stdout);
    assert!(
        printed.contains("_m") && printed.trim_end().ends_with("_v2.gene"),
        "{printed}"
    );
}

#[test]
fn version_and_help() {
    for flag in ["-V", "--version"] {
        let out = succeed(bin().arg(flag));
        assert_eq!(text(&out.stdout), "gene-gen 0.1.0 (generator version 2)\n");
    }
    for flag in ["-h", "--help"] {
        let help = text(&succeed(bin().arg(flag)).stdout);
        assert!(
            help.contains("Usage: gene-gen") && help.contains("Exit status:"),
            "{help}"
        );
    }
    let help = text(&succeed(bin().args(["profile", "--help"])).stdout);
    assert!(help.contains("--json"), "{help}");
}

/// `--flag=value`, `--flag value` and the short flags mean the same, and `--out -` writes
/// exactly the library's text to standard output.
#[test]
fn flag_spellings_agree_and_dash_is_standard_output() {
    let want = generate(&Config::new(3, 77).with_complexity(4));
    for args in [
        &["--lines=77", "--seed=3", "--complexity=4", "--out=-"][..],
        &[
            "--lines",
            "77",
            "--seed",
            "3",
            "--complexity",
            "4",
            "--out",
            "-",
        ],
        &["-n", "77", "-s", "3", "-c", "4", "-o", "-"],
        &["-n", "7_7", "-s", "3", "-c", "4", "-o", "-"],
    ] {
        let out = succeed(bin().args(args));
        assert!(out.stdout == want.as_bytes(), "{args:?}");
    }
}

#[test]
fn profile_reads_files_and_standard_input_as_a_table_or_json() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.gene");
    let source = generate(&Config::new(1, 10_000));
    std::fs::write(&file, &source).unwrap();
    let table = text(&succeed(bin().arg("profile").arg(&file)).stdout);
    assert!(
        table.contains("nesting.mean_token_depth") && !table.contains("OUT OF RANGE"),
        "{table}"
    );
    let from_file = succeed(bin().args(["profile", "--json"]).arg(&file)).stdout;
    let mut child = bin()
        .args(["profile", "--json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(source.as_bytes())
        .unwrap();
    let from_stdin = child.wait_with_output().unwrap();
    assert!(from_stdin.status.success());
    assert_eq!(from_stdin.stdout, from_file);
    let json: serde_json::Value = serde_json::from_slice(&from_file).unwrap();
    let p = gene_gen::profile(source.as_bytes());
    // serde_json's parser (without its float_roundtrip feature) may be 1 ulp off.
    let depth = json["nesting"]["mean_token_depth"].as_f64().unwrap();
    assert!((depth - p.mean_token_depth).abs() <= 1e-12 * p.mean_token_depth);
    // The whole distributions sit under `distributions`, keyed by their full JSON path.
    let tvd = &json["distributions"]["forms.gene_call_shape_share"];
    assert!(
        tvd["distance"]
            .as_f64()
            .is_some_and(|d| d <= tvd["tolerance"].as_f64().unwrap())
    );
    assert_eq!(json["size"]["total_lines"], 10_000);
    // Two files: an object keyed by file name.
    let two = succeed(bin().args(["profile", "--json"]).arg(&file).arg(&file)).stdout;
    let two: serde_json::Value = serde_json::from_slice(&two).unwrap();
    assert_eq!(
        two[file.display().to_string()]["size"]["total_lines"],
        10_000
    );
}

/// A metric out of the corpus's tolerance is a finding: exit 1, the table still printed.
#[test]
fn profile_out_of_tolerance_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("flat.gene");
    std::fs::write(&file, "(a)\n(b)\n(c)\n").unwrap();
    let out = bin().arg("profile").arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("OUT OF RANGE"));
    assert!(out.stderr.is_empty());
}

#[test]
fn unknown_flags_are_rejected_with_a_suggestion() {
    usage_error(&["--frobnicate"], "unexpected argument '--frobnicate'");
    usage_error(&["--line", "5"], "a similar argument exists: '--lines'");
    usage_error(
        &["--lines", "5", "--preset", "small"],
        "cannot be used with",
    );
    let out = bin().args(["profile", "--jsn", "x.gene"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("'--json'"),
        "{}",
        text(&out.stderr)
    );
    let out = bin()
        .args(["--lines", "5", "profile", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// Every numeric argument just past its bounds, and far past them (the values that once
/// panicked, aborted on allocation or exited 1).
#[test]
fn values_out_of_range_are_usage_errors() {
    let cases: &[(&[&str], &str)] = &[
        (&["--complexity", "9"], "between 1 and 5"),
        (&["--complexity=0"], "between 1 and 5"),
        (&["-c", "256"], "between 1 and 5"),
        (&["--lines", "0"], "between 1 and 10000000 lines"),
        (&["--lines", "10000001"], "between 1 and 10000000 lines"),
        (
            &["--lines", "1000000000000"],
            "between 1 and 10000000 lines",
        ),
        (&["--lines", "99999999999999999999999"], "too large"),
        (&["--lines", "ten"], "not a whole number"),
        (
            &["--errors", "18446744073709551615", "--lines", "5"],
            "between 0 and 10000000 errors",
        ),
        (
            &["--errors", "100000000000"],
            "between 0 and 10000000 errors",
        ),
        (&["--errors=-1"], "not a whole number"),
        (&["--seed", "-1"], "not a whole number"),
        (&["--seed", "18446744073709551616"], "too large"),
        (&["--mix", "functions=1000001"], "above 1000000"),
        (&["--mix", "nope=1"], "unknown pattern"),
        (&["--mix", "functions=0"], "no non-zero weight"),
        (&["--preset", "huge"], "possible values"),
        (&["--error-kinds", "Nope"], "unknown error kind"),
    ];
    for (args, needle) in cases {
        usage_error(args, needle);
    }
}

/// The largest values are accepted: the full `u64` seed, `--errors` as many as fit.
#[test]
fn values_at_their_bounds_are_accepted() {
    let out = succeed(bin().args(["-n", "1", "-s", "18446744073709551615", "-o", "-"]));
    assert_eq!(out.stdout, generate(&Config::new(u64::MAX, 1)).as_bytes());
    let fit = gene_gen::generate_with_errors(&Config::new(42, 5).with_errors(usize::MAX))
        .errors
        .len();
    let dir = tempfile::tempdir().unwrap();
    succeed(
        bin()
            .args(["--lines", "5", "--errors", &fit.to_string(), "--out"])
            .arg(dir.path()),
    );
}

/// More errors than the file can hold are refused, with the number it can hold, and nothing
/// is written (a file named `_e1000` holding 4 errors would mislead).
#[test]
fn more_errors_than_the_file_holds_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = bin()
        .args(["--errors", "1000", "--lines", "5", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    let fit = gene_gen::generate_with_errors(&Config::new(42, 5).with_errors(1000))
        .errors
        .len();
    one_line_error(&out, &format!("holds at most {fit}"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn runtime_errors_are_one_line() {
    let out = bin()
        .args(["profile", "/nonexistent/x.gene"])
        .output()
        .unwrap();
    one_line_error(&out, "cannot read /nonexistent/x.gene");
    let out = bin()
        .args(["-n", "5", "--out", "/dev/null/x"])
        .output()
        .unwrap();
    one_line_error(&out, "cannot create /dev/null/x");
    let out = bin()
        .args(["--preset", "all", "--out", "-"])
        .output()
        .unwrap();
    one_line_error(&out, "writes one file to standard output");
    let out = bin().args(["profile", "-", "-"]).output().unwrap();
    one_line_error(&out, "only once");
    let out = bin().args(["clean", "--out", "-"]).output().unwrap();
    one_line_error(&out, "needs a directory");
}

/// A reader that goes away (`| head -1`) ends the run normally: exit 0, nothing on stderr.
#[test]
fn closed_standard_output_is_a_normal_end() {
    let mut child = bin()
        .args(["--lines", "200000", "--out", "-"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
}

/// A failed write says what failed and exits 2, for every kind of output.
#[cfg(target_os = "linux")]
#[test]
fn a_full_device_is_a_one_line_error() {
    let dir = tempfile::tempdir().unwrap();
    let runs: [&[&str]; 3] = [&["-n", "2000", "--out", "-"], &["-V"], &["--help"]];
    for args in runs {
        let full = std::fs::File::create("/dev/full").unwrap();
        let out = bin().args(args).stdout(full).output().unwrap();
        one_line_error(&out, "cannot write to standard output");
    }
    let full = std::fs::File::create("/dev/full").unwrap();
    let out = bin()
        .args(["-n", "20", "--out"])
        .arg(dir.path())
        .stdout(full)
        .output()
        .unwrap();
    one_line_error(&out, "cannot write to standard output");
}

/// The progress bar is drawn only on a terminal: a 1M-line run with stderr piped (where the
/// bar would otherwise appear, 1M lines being the threshold) writes nothing there.
#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let out = succeed(bin().args(["--lines", "1000000", "--out", "-"]));
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    assert_eq!(
        out.stdout.iter().filter(|&&b| b == b'\n').count(),
        1_000_000
    );
}
