//! The A/B comparison (`gene-gate ab`) end to end, on stand-in checkouts whose `gene-parser` is a
//! tiny crate with the same interface (`parse`, `Document::roots`, an `Error` that displays):
//! it builds in a second, and its form count can be made to differ by a feature or an
//! environment variable, which proves that both reach the right build. No test asserts a
//! timing or a verdict that depends on one; the real parser's path is `real_checkout_smoke`
//! (ignored by default: its two release builds take minutes on a shared machine).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const EXE: &str = env!("CARGO_BIN_EXE_gene-gate");

/// A stand-in parser: one "form" per newline, plus one per `extra-form` feature, plus
/// `FAKE_EXTRA_FORMS` from the environment; input starting with `!` is a syntax error.
const FAKE_LIB: &str = r#"
pub struct Document(usize);
impl Document {
    pub fn roots(&self) -> Vec<u32> { vec![0; self.0] }
}
pub fn parse(src: &[u8]) -> Result<Document, String> {
    if src.first() == Some(&b'!') {
        return Err("1:1: fake syntax error".into());
    }
    let extra: usize = std::env::var("FAKE_EXTRA_FORMS").ok().and_then(|v| v.parse().ok()).unwrap_or(0);
    let feature = usize::from(cfg!(feature = "extra-form"));
    Ok(Document(src.iter().filter(|&&b| b == b'\n').count() + extra + feature))
}
"#;

const FAKE_MANIFEST: &str = "[package]\nname = \"gene-parser\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[features]\nextra-form = []\n";

/// A checkout holding the stand-in `gene-parser`.
fn fake_checkout(dir: &Path) -> PathBuf {
    let parser = dir.join("gene-parser");
    std::fs::create_dir_all(parser.join("src")).unwrap();
    std::fs::write(parser.join("Cargo.toml"), FAKE_MANIFEST).unwrap();
    std::fs::write(parser.join("src/lib.rs"), FAKE_LIB).unwrap();
    dir.to_path_buf()
}

fn gene_ab(args: &[&str]) -> Output {
    Command::new(EXE).arg("ab").args(args).output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The last stderr line (progress lines come before the error).
fn error_line(out: &Output) -> String {
    stderr(out).lines().last().unwrap_or("").to_string()
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn bad_arguments_exit_2_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let here = env!("CARGO_MANIFEST_DIR");
    let missing = dir.path().join("missing");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["--change-dir", here], "--base"),
        (vec!["--base-dir", here], "--change"),
        (
            vec!["--base", "HEAD", "--base-dir", here, "--change-dir", here],
            "cannot be used with",
        ),
        (
            vec!["--base-dir", here, "--change-dir", here, "--rounds", "5"],
            "at least 6",
        ),
        (
            vec!["--base-dir", here, "--change-dir", here, "--rounds", "x"],
            "invalid value",
        ),
        (
            vec!["--base-dir", here, "--change-dir", here, "--threshold=-1"],
            "threshold",
        ),
        (
            vec![
                "--base-dir",
                here,
                "--change-dir",
                here,
                "--threshold",
                "NaN",
            ],
            "threshold",
        ),
        (
            vec![
                "--base-dir",
                here,
                "--change-dir",
                here,
                "--inputs",
                "size-3",
            ],
            "unknown input",
        ),
        (
            vec!["--base-dir", here, "--change-dir", here, "--inputs", ""],
            "no inputs",
        ),
        (
            vec![
                "--base-dir",
                here,
                "--change-dir",
                here,
                "--change-env",
                "NOEQUALS",
            ],
            "KEY=VALUE",
        ),
        (
            vec!["--base-dir", here, "--change-dir", here, "--format", "xml"],
            "invalid value",
        ),
        (
            vec!["--base-dir", path(&missing), "--change-dir", here],
            "is not a directory",
        ),
        (
            vec![
                "--repo",
                here,
                "--base",
                "no-such-revision-xyz",
                "--change-dir",
                here,
            ],
            "is not a revision",
        ),
        (
            vec!["--repo", here, "--base=--all", "--change-dir", here],
            "not a revision",
        ),
    ];
    for (args, expected) in cases {
        let out = gene_ab(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(expected),
            "{args:?}: {}",
            stderr(&out)
        );
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn a_directory_without_gene_parser_is_a_build_error() {
    let dir = tempfile::tempdir().unwrap();
    let fake = fake_checkout(&dir.path().join("fake"));
    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let out = gene_ab(&[
        "--base-dir",
        path(&empty),
        "--change-dir",
        path(&fake),
        "--work-dir",
        path(&dir.path().join("work")),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let line = error_line(&out);
    assert!(
        line.starts_with("gene-gate: ab: base:") && line.contains("no gene-parser"),
        "{line}"
    );
}

/// The whole path on two builds of the stand-in: inputs generated, drivers built and run for
/// every round, and a report whose numbers hang together (form counts are the inputs' real
/// newline counts, one time per round, the interval around the median).
#[test]
fn a_comparison_of_two_directory_builds_reports_every_round() {
    let dir = tempfile::tempdir().unwrap();
    let a = fake_checkout(&dir.path().join("a"));
    let b = fake_checkout(&dir.path().join("b"));
    let json = dir.path().join("report.json");
    let markdown = dir.path().join("summary.md");
    std::fs::write(&markdown, "earlier step\n").unwrap();
    let out = gene_ab(&[
        "--base-dir",
        path(&a),
        "--change-dir",
        path(&b),
        "--work-dir",
        path(&dir.path().join("work")),
        "--inputs",
        "mix-300,pattern-data-120",
        "--rounds",
        "7",
        "--json",
        path(&json),
        "--markdown",
        path(&markdown),
        "--quiet",
    ]);
    // Identical code: the verdict is up to the machine, but never an error.
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(report["rounds"], 7);
    let inputs = report["inputs"].as_array().unwrap();
    assert_eq!(inputs.len(), 2);
    for (input, lines) in inputs.iter().zip([300, 120]) {
        // Generated files end every line with a newline: forms = lines in the stand-in.
        assert_eq!(input["forms"], lines, "{input}");
        assert_eq!(input["base_ns"].as_array().unwrap().len(), 7);
        assert_eq!(input["change_ns"].as_array().unwrap().len(), 7);
        let ratio = &input["ratio"];
        let (low, median, high) = (
            ratio["low"].as_f64().unwrap(),
            ratio["median"].as_f64().unwrap(),
            ratio["high"].as_f64().unwrap(),
        );
        assert!(low <= median && median <= high && low > 0.0, "{ratio}");
        assert!(ratio["coverage"].as_f64().unwrap() >= 0.95);
    }
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table.contains("mix-300") && table.contains("95% CI"),
        "{table}"
    );
    let md = std::fs::read_to_string(&markdown).unwrap();
    assert!(md.starts_with("earlier step\n### A/B parse time:"), "{md}");
    assert!(md.contains("| pattern-data-120 |"), "{md}");
}

/// The cross-check before any timing: builds that count forms differently are an error, and
/// a feature or an environment variable given for one build reaches that build only.
#[test]
fn builds_that_read_inputs_differently_are_an_error_and_features_and_env_reach_their_build() {
    let dir = tempfile::tempdir().unwrap();
    let fake = fake_checkout(&dir.path().join("fake"));
    let work = dir.path().join("work");
    let common = [
        "--base-dir",
        path(&fake),
        "--change-dir",
        path(&fake),
        "--work-dir",
        path(&work),
        "--inputs",
        "mix-50",
        "--rounds",
        "6",
        "--quiet",
    ];
    let run = |extra: &[&str]| {
        let mut args = common.to_vec();
        args.extend_from_slice(extra);
        gene_ab(&args)
    };
    for extra in [
        &["--change-features", "extra-form"][..],
        &["--change-env", "FAKE_EXTRA_FORMS=2"][..],
        &["--base-env", "FAKE_EXTRA_FORMS=1"][..],
    ] {
        let out = run(extra);
        assert_eq!(out.status.code(), Some(2), "{extra:?}: {}", stderr(&out));
        let line = error_line(&out);
        assert!(
            line.contains("mix-50: the builds read it differently"),
            "{extra:?}: {line}"
        );
        assert_eq!(stderr(&out).lines().count(), 1, "{extra:?}: one line");
    }
    // The feature and the variable together cancel out against a base with 2 extra forms.
    let out = run(&[
        "--change-features",
        "extra-form",
        "--change-env",
        "FAKE_EXTRA_FORMS=1",
        "--base-env",
        "FAKE_EXTRA_FORMS=2",
    ]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
}

#[test]
fn a_build_that_does_not_compile_or_rejects_an_input_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let good = fake_checkout(&dir.path().join("good"));
    let broken = fake_checkout(&dir.path().join("broken"));
    std::fs::write(broken.join("gene-parser/src/lib.rs"), "pub fn parse( {").unwrap();
    let work = dir.path().join("work");
    let out = gene_ab(&[
        "--base-dir",
        path(&good),
        "--change-dir",
        path(&broken),
        "--work-dir",
        path(&work),
        "--inputs",
        "mix-50",
        "--quiet",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let line = error_line(&out);
    assert!(
        line.contains("change: building the driver") && line.contains("error"),
        "{line}"
    );

    // A parser that rejects the input: the driver's message comes through.
    let rejecting = fake_checkout(&dir.path().join("rejecting"));
    let lib = FAKE_LIB.replace("src.first() == Some(&b'!')", "!src.is_empty()");
    std::fs::write(rejecting.join("gene-parser/src/lib.rs"), lib).unwrap();
    let out = gene_ab(&[
        "--base-dir",
        path(&rejecting),
        "--change-dir",
        path(&good),
        "--work-dir",
        path(&work),
        "--inputs",
        "mix-50",
        "--quiet",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let line = error_line(&out);
    assert!(
        line.contains("base: the driver failed") && line.contains("fake syntax error"),
        "{line}"
    );
}

fn git(repo: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A revision is checked out detached (so a branch checked out in the repository itself is no
/// obstacle) into a temporary worktree, which is gone afterwards.
#[test]
fn revisions_are_checked_out_detached_and_their_worktrees_removed() {
    let dir = tempfile::tempdir().unwrap();
    let repo = fake_checkout(&dir.path().join("repo"));
    git(&repo, &["init", "--quiet", "--initial-branch", "main"]);
    git(&repo, &["add", "-A"]);
    git(
        &repo,
        &[
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "commit",
            "--quiet",
            "-m",
            "fake",
        ],
    );
    let out = gene_ab(&[
        "--repo",
        path(&repo),
        "--base",
        "main",
        "--change",
        "main",
        "--work-dir",
        path(&dir.path().join("work")),
        "--inputs",
        "mix-40",
        "--rounds",
        "6",
        "--format",
        "json",
        "--quiet",
    ]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let head = git(&repo, &["rev-parse", "HEAD"]);
    assert_eq!(report["base"]["commit"], head.trim());
    assert_eq!(report["change"]["commit"], head.trim());
    assert!(
        report["base"]["source"]
            .as_str()
            .unwrap()
            .starts_with("main (")
    );
    let worktrees = git(&repo, &["worktree", "list", "--porcelain"]);
    assert_eq!(worktrees.matches("worktree ").count(), 1, "{worktrees}");
}

/// The real parser, built twice from this checkout: the path a maintainer runs. Ignored by
/// default because the two release builds take minutes on a shared machine; run it with
/// `cargo test --test ab -- --ignored`.
#[test]
#[ignore]
fn real_checkout_smoke() {
    let here = env!("CARGO_MANIFEST_DIR");
    let work = Path::new(here).join("target/gene-ab-smoke");
    let out = gene_ab(&[
        "--base-dir",
        here,
        "--change-dir",
        here,
        "--work-dir",
        path(&work),
        "--inputs",
        "mix-300,pattern-strings-200",
        "--rounds",
        "6",
        "--format",
        "json",
        "--quiet",
    ]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let input = gene_bench::inputs::sized(300);
    assert_eq!(report["inputs"][0]["forms"], input.roots);
    assert_eq!(report["inputs"][0]["bytes"], input.src.len());
}
