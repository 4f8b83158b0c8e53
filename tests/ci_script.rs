//! The CI job's pieces: the instruction-count gate, the summary page a reviewer reads
//! (`gene-gate ci-summary`), their command lines (exit 2 on bad values), `history-publish.sh` on a
//! local bare repository, and (ignored by default: it builds and benchmarks two commits, a few
//! minutes) `benchmarks/ci/bench-pr.sh` itself on two local commits with quick settings.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_gene-gate");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn gate(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .output()
        .expect("run gene-gate")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn gungraun_line(id: &str, ir: u64) -> String {
    format!(
        r#"{{"function_name":"parse","id":"{id}","module_path":"instructions::size::parse","profiles":[{{"tool":"Callgrind","data":{{"parts":[],"total":{{"metrics":{{"Ir":{{"values":{{"new":{ir}}}}}}},"regressions":[]}}}}}}]}}"#
    )
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

/// An A/B report as `gene-gate ab --json FILE` writes it (the fields the summary reads).
fn ab_json(verdict: &str, median: f64, low: f64, high: f64) -> String {
    format!(
        r#"{{"base":{{"source":"/w/base","commit":"1111111111111111111111111111111111111111","features":[],"env":[]}},
"change":{{"source":"/w/change","commit":"2222222222222222222222222222222222222222","features":[],"env":[]}},
"rounds":40,"rounds_asked":100,"seed":1,"threshold_pct":2.0,"confidence":0.95,"rounds_seconds":60.0,"build_seconds":30.0,
"inputs":[{{"name":"mix-10000","bytes":264000,"forms":900,"parses_per_measurement":8,"base_median_ns":1080000.0,"change_median_ns":{change},
"ratio":{{"median":{median},"low":{low},"high":{high},"coverage":0.96}},"verdict":"{verdict}","base_ns":[],"change_ns":[]}}],
"verdict":"{verdict}"}}"#,
        change = 1_080_000.0 * median
    )
}

#[test]
fn the_instruction_gate_fails_above_its_threshold_and_names_both_runs() {
    let dir = tempfile::tempdir().unwrap();
    let base = write(
        dir.path(),
        "base.json",
        &format!(
            "{}\n{}\n",
            gungraun_line("lines_10k", 8_690_000),
            gungraun_line("lines_100k", 84_100_000)
        ),
    );
    let same = write(
        dir.path(),
        "same.json",
        &format!(
            "{}\n{}\n",
            gungraun_line("lines_10k", 8_690_000),
            gungraun_line("lines_100k", 84_100_000)
        ),
    );
    // +0.9% and +1.2%: the default threshold (1%) passes the first, fails the second.
    let grown = write(
        dir.path(),
        "grown.json",
        &format!(
            "{}\n{}\n",
            gungraun_line("lines_10k", 8_768_210),
            gungraun_line("lines_100k", 85_109_200)
        ),
    );
    let o = gate(&["instructions", &base, &same]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains(&format!("compared: {same} against the base {base}")));
    let o = gate(&["instructions", &base, &grown, "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["gate"], "instructions");
    assert_eq!(v["threshold_percent"], 1.0);
    assert_eq!(v["regressed"], 1);
    let verdicts: Vec<(&str, &str)> = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), r["verdict"].as_str().unwrap()))
        .collect();
    assert_eq!(
        verdicts,
        [
            ("parse lines_100k", "regressed"),
            ("parse lines_10k", "unchanged")
        ]
    );
    // A benchmark of the base missing from the new run: incomplete, exit 2.
    let partial = write(
        dir.path(),
        "partial.json",
        &gungraun_line("lines_10k", 8_690_000),
    );
    let o = gate(&["instructions", &base, &partial]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("parse lines_100k"), "{}", stderr(&o));
}

#[test]
fn bad_instruction_and_summary_arguments_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "i.json", &gungraun_line("lines_10k", 1));
    for args in [
        vec!["instructions", &f, &f, "--threshold", "-1"],
        vec!["instructions", &f, &f, "--threshold", "1001"],
        vec!["instructions", &f],
        vec!["instructions", "-", "-"],
        vec!["instructions", &f, "/nonexistent.json"],
        vec!["criterion", "--baseline"],
        vec!["ci-summary", "--ab"],
        vec!["ci-summary", "--bogus", "x"],
        vec!["ab", "--base", "HEAD", "--change", "HEAD", "--rounds", "1"],
        vec![
            "ab",
            "--base-dir",
            ".",
            "--base",
            "HEAD",
            "--change",
            "HEAD",
        ],
    ] {
        let o = gate(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    }
    let o = gate(&["instructions", &f, "/nonexistent.json"]);
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
}

#[test]
fn the_summary_shows_every_gate_with_its_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = root().join("benchmarks/gate-fixtures");
    let mem = |name: &str| {
        fixtures
            .join("memory")
            .join(name)
            .to_string_lossy()
            .into_owned()
    };
    let memory = write(
        dir.path(),
        "memory.json",
        &stdout(&gate(&[
            "memory",
            &mem("base.json"),
            &mem("same.json"),
            "--json",
        ])),
    );
    let base = write(dir.path(), "b.json", &gungraun_line("lines_10k", 8_690_000));
    let new = write(dir.path(), "n.json", &gungraun_line("lines_10k", 8_700_000));
    let instructions = write(
        dir.path(),
        "instructions.json",
        &stdout(&gate(&["instructions", &base, &new, "--json"])),
    );
    let crit_dir = fixtures.join("criterion").join("noise");
    let criterion = write(
        dir.path(),
        "criterion.json",
        &stdout(&gate(&[
            "criterion",
            crit_dir.to_str().unwrap(),
            "--baseline",
            "pr-base",
            "--json",
        ])),
    );
    let ab = write(
        dir.path(),
        "ab.json",
        &ab_json("within-noise", 1.004, 0.991, 1.015),
    );
    let o = gate(&[
        "ci-summary",
        "--instructions",
        &instructions,
        "--memory",
        &memory,
        "--ab",
        &ab,
        "--criterion",
        &criterion,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page = stdout(&o);
    assert!(
        page.starts_with("## Benchmark gates: ✅ no regression\n"),
        "{page}"
    );
    assert!(page.contains(
        "base `1111111111111111111111111111111111111111` → change `2222222222222222222222222222222222222222`"
    ));
    let row = |name: &str| {
        page.lines()
            .find(|l| l.starts_with(&format!("| {name} |")))
            .unwrap_or_else(|| panic!("no row {name}: {page}"))
            .to_string()
    };
    let i = row("instruction counts (Callgrind Ir)");
    assert!(
        i.contains("| yes, above +1% | passed |")
            && i.contains("largest change +0.12% (parse lines_10k instructions)"),
        "{i}"
    );
    let m = row("heap counts (gene-report, exact)");
    assert!(
        m.contains("| yes, above +1% | passed | 6 compared against `"),
        "{m}"
    );
    let a = row("A/B wall time (interleaved)");
    assert!(
        a.contains("yes, whole 95% interval above +2%")
            && a.contains("within noise")
            && a.contains("40 rounds: mix-10000 +0.4% [-0.9, +1.5]"),
        "{a}"
    );
    let c = row("sequential Criterion wall time");
    assert!(
        c.contains("no: reported only (±10%)") && c.contains("against `pr-base`"),
        "{c}"
    );
    // The detail tables: counts with thousands separators, the A/B interval, Criterion folded.
    assert!(
        page.contains(
            "| parse lines_10k | instructions | 8,690,000 | 8,700,000 | +0.12% | unchanged |"
        ),
        "{page}"
    );
    assert!(
        page.contains(
            "| mix-10000 | 1.080 ms | 1.084 ms | +0.40% | [-0.90%, +1.50%] | within noise |"
        ),
        "{page}"
    );
    assert!(page.contains("<details><summary>Sequential Criterion wall time"));

    // A regression in a gating gate fails the page (exit 1) and says so at the top.
    let regressed_ab = write(
        dir.path(),
        "ab2.json",
        &ab_json("regression", 1.05, 1.03, 1.07),
    );
    let o = gate(&["ci-summary", "--memory", &memory, "--ab", &regressed_ab]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).starts_with("## Benchmark gates: ❌ regression"));
    assert!(stdout(&o).contains("| **regressed** |"));
    // A gate whose file is missing is "no result" (exit 2), never a pass.
    let o = gate(&[
        "ci-summary",
        "--memory",
        &memory,
        "--ab",
        "/nonexistent/ab.json",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).starts_with("## Benchmark gates: ⚠️ incomplete"));
    assert!(
        stdout(&o)
            .contains("| A/B wall time (interleaved) | yes | **no result** | /nonexistent/ab.json")
    );
    // Criterion alone never fails the page, even when it saw regressions.
    let crit_reg = fixtures.join("criterion").join("regression");
    let criterion = write(
        dir.path(),
        "criterion2.json",
        &stdout(&gate(&["criterion", crit_reg.to_str().unwrap(), "--json"])),
    );
    let o = gate(&["ci-summary", "--memory", &memory, "--criterion", &criterion]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("| reported: 1 slower, 0 faster beyond the threshold (not gated) |"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn the_criterion_gate_names_its_baseline_and_counts_benchmarks_without_it() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = root().join("benchmarks/gate-fixtures/criterion/noise/size");
    for (size, saved) in [("10000", true), ("100000", false)] {
        let bench = dir.path().join("size").join(size);
        for sub in ["new", "change", "pr-base"] {
            std::fs::create_dir_all(bench.join(sub)).unwrap();
        }
        let change = fixture.join(size).join("change/estimates.json");
        // new/ first: a change file older than new/ would be a stale one.
        std::fs::copy(&change, bench.join("new/estimates.json")).unwrap();
        if saved {
            std::fs::copy(&change, bench.join("pr-base/estimates.json")).unwrap();
        }
        std::fs::copy(&change, bench.join("change/estimates.json")).unwrap();
    }
    let d = dir.path().to_str().unwrap();
    let text = stdout(&gate(&["criterion", d, "--baseline", "pr-base"]));
    assert!(
        text.contains("baseline: `pr-base`; 1 benchmark(s) had no saved `pr-base`: size/100000\n"),
        "{text}"
    );
    assert!(
        text.contains(&format!("compared: Criterion's change files under {d}")),
        "{text}"
    );
    let o = gate(&["criterion", d, "--baseline", "pr-base", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["base"], "pr-base");
    assert_eq!(v["compared"], 2);
    // Without --baseline the output stays as it was.
    let text = stdout(&gate(&["criterion", d]));
    assert!(!text.contains("baseline: "), "{text}");
}

fn git(dir: &Path, args: &[&str]) -> String {
    let o = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@invalid")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@invalid")
        .output()
        .unwrap();
    assert!(o.status.success(), "git {args:?}: {}", stderr(&o));
    stdout(&o).trim().to_string()
}

#[test]
fn history_publish_appends_records_to_a_branch_of_their_own() {
    let dir = tempfile::tempdir().unwrap();
    let remote = dir.path().join("remote.git");
    let clone = dir.path().join("clone");
    std::fs::create_dir_all(&clone).unwrap();
    git(
        dir.path(),
        &["init", "--quiet", "--bare", remote.to_str().unwrap()],
    );
    git(&clone, &["init", "--quiet"]);
    std::fs::write(clone.join("README"), "project\n").unwrap();
    git(&clone, &["add", "README"]);
    git(&clone, &["commit", "--quiet", "-m", "first"]);
    git(
        &clone,
        &["remote", "add", "origin", remote.to_str().unwrap()],
    );
    let script = root().join("benchmarks/ci/history-publish.sh");
    let publish = |record: &str| {
        let file = dir.path().join("record.jsonl");
        std::fs::write(&file, format!("{record}\n")).unwrap();
        Command::new("bash")
            .arg(&script)
            .arg(&file)
            .current_dir(&clone)
            .output()
            .unwrap()
    };
    let o = publish(r#"{"schema":1,"commit":"aaaa"}"#);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = publish(r#"{"schema":1,"commit":"bbbb"}"#);
    assert!(o.status.success(), "{}", stderr(&o));
    let history = git(&remote, &["show", "bench-history:history.jsonl"]);
    assert_eq!(
        history,
        "{\"schema\":1,\"commit\":\"aaaa\"}\n{\"schema\":1,\"commit\":\"bbbb\"}"
    );
    // The branch holds the history alone, from a root commit of its own.
    assert_eq!(
        git(&remote, &["ls-tree", "--name-only", "bench-history"]),
        "history.jsonl"
    );
    assert_eq!(git(&remote, &["rev-list", "--count", "bench-history"]), "2");
    assert_eq!(
        git(&remote, &["rev-list", "--max-parents=0", "bench-history"])
            .lines()
            .count(),
        1
    );
    // The clone is left as it was: no worktree, no branch, same checkout.
    assert_eq!(git(&clone, &["worktree", "list"]).lines().count(), 1);
    assert_eq!(git(&clone, &["status", "--porcelain"]), "");
    // No record: exit 2.
    let empty = dir.path().join("empty.jsonl");
    std::fs::write(&empty, "").unwrap();
    let o = Command::new("bash")
        .arg(&script)
        .arg(&empty)
        .current_dir(&clone)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}

/// The whole CI script on two local commits (HEAD~1 and HEAD of this checkout) with quick
/// settings: every step runs, every gate leaves its JSON, the summary has a row per gate, and
/// the history gets the change's record. Slow (builds both commits' benchmarks): run with
/// `cargo test --test ci_script -- --ignored`.
#[test]
#[ignore = "builds and benchmarks two commits: several minutes"]
fn bench_pr_script_runs_on_two_local_commits() {
    let out = tempfile::tempdir().unwrap();
    let history = out.path().join("seed-history.jsonl");
    std::fs::write(&history, "").unwrap();
    let o = Command::new("bash")
        .arg(root().join("benchmarks/ci/bench-pr.sh"))
        .args(["HEAD~1", "HEAD"])
        .current_dir(root())
        .env("BENCH_QUICK", "1")
        .env("BENCH_OUT", out.path())
        .env("BENCH_HISTORY", &history)
        .env_remove("GITHUB_STEP_SUMMARY")
        .output()
        .unwrap();
    let log = stderr(&o);
    // 0 or 1: a quick A/B comparison on a loaded machine may call a regression; 2 would be a
    // step that failed.
    assert!(matches!(o.status.code(), Some(0 | 1)), "{log}");
    for file in [
        "gate-memory.json",
        "gate-ab.json",
        "gate-criterion.json",
        "summary.md",
        "record.jsonl",
        "history.svg",
        "history.md",
    ] {
        assert!(out.path().join(file).is_file(), "{file} missing: {log}");
    }
    let summary = std::fs::read_to_string(out.path().join("summary.md")).unwrap();
    for row in [
        "| heap counts",
        "| A/B wall time",
        "| sequential Criterion wall time",
        "| instruction counts",
    ] {
        assert!(summary.contains(row), "{row}: {summary}");
    }
    let head = git(&root(), &["rev-parse", "HEAD"]);
    let record = std::fs::read_to_string(out.path().join("record.jsonl")).unwrap();
    assert!(
        record.contains(&format!("\"commit\":\"{head}\"")),
        "{record}"
    );
    // The worktrees are gone.
    assert!(!git(&root(), &["worktree", "list"]).contains(out.path().to_str().unwrap()));
}
