//! `gene-external` end to end, without Nim: stand-ins built from the workspace. The correct one
//! is gene-parser's own protocol driver (`gene-external protocol`); the wrong ones are shell
//! wrappers around it that drop a form, alter a dump line, miscount, or lie in their timed
//! answer. Every mismatch must be caught before timing (exit 1, `conformance failure`, the
//! first differing form, no timing for that input). Tiny inputs, one round.
#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const EXE: &str = env!("CARGO_BIN_EXE_gene-external");

/// Runs `gene-external` on one tiny size and one pattern, 1 round of 2 parses, JSON out.
fn compare(dir: &Path, impls: &[String]) -> (Output, serde_json::Value) {
    let mut c = Command::new(EXE);
    c.args([
        "--sizes=300",
        "--patterns=strings",
        "--pattern-lines=100",
        "--rounds=1",
        "--repeat=2",
        "--json",
    ])
    .arg(format!("--out={}", dir.join("out").display()))
    .env_remove("GENE_EXTERNAL");
    for i in impls {
        c.arg(format!("--impl={i}"));
    }
    let out = c.output().unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (out, json)
}

/// A `#!/bin/sh` stand-in in `dir`; `$DRIVER` is gene-parser's protocol driver.
fn script(dir: &Path, name: &str, body: &str) -> PathBuf {
    let path = dir.join(name);
    let text = format!("#!/bin/sh\nDRIVER=\"{EXE} protocol\"\n{body}\n");
    std::fs::write(&path, text).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

fn failures(json: &serde_json::Value) -> Vec<(String, String, String)> {
    json["failures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["subject"].as_str().unwrap().to_string(),
                f["input"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn timed(json: &serde_json::Value, subject: &str) -> Vec<String> {
    json["cells"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["subject"] == subject)
        .map(|c| c["input"].as_str().unwrap().to_string())
        .collect()
}

fn generated_dump_line(lines: usize, form: usize) -> String {
    let src = gene_gen::generate(&gene_bench::inputs::generator_config(lines));
    gene_parser::dump(src.as_bytes())
        .lines()
        .nth(form - 1)
        .unwrap()
        .to_string()
}

#[test]
fn the_correct_stand_in_conforms_and_is_timed_beside_gene_parser() {
    let dir = tempfile::tempdir().unwrap();
    let (out, json) = compare(dir.path(), &[format!("same={EXE} protocol {{file}}")]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(failures(&json).is_empty());
    for subject in ["gene-parser", "same"] {
        assert_eq!(
            timed(&json, subject),
            ["mix-300", "pattern-strings"],
            "{subject}"
        );
    }
    let same = &json["subjects"][1];
    assert_eq!(same["timing"], "in-process");
    assert!(same["startup_ms"]["median"].as_f64().unwrap() > 0.0);
    let cell = &json["cells"][0];
    assert!(cell["mb_s"]["min"].as_f64().unwrap() <= cell["mb_s"]["median"].as_f64().unwrap());
    assert!(cell["mb_s"]["median"].as_f64().unwrap() <= cell["mb_s"]["max"].as_f64().unwrap());
    assert!(cell["peak_rss_kib"].as_u64().unwrap() > 0);
    for file in ["external.json", "external.md", "external.svg"] {
        let text = std::fs::read_to_string(dir.path().join("out").join(file)).unwrap();
        assert!(text.contains("pattern-strings"), "{file}");
    }
}

#[test]
fn a_dropped_form_is_caught_with_the_first_differing_form_and_not_timed() {
    let dir = tempfile::tempdir().unwrap();
    // Speaks --repeat correctly, but its dump leaves out the third form.
    let drops = script(
        dir.path(),
        "drops",
        r#"if [ "$1" = --repeat ]; then exec $DRIVER "$@"; fi
$DRIVER "$1" | sed 3d"#,
    );
    let (out, json) = compare(dir.path(), &[format!("drops={}", drops.display())]);
    assert_eq!(out.status.code(), Some(1));
    let found = failures(&json);
    let (_, input, message) = found
        .iter()
        .find(|f| f.0 == "drops" && f.1 == "mix-300")
        .expect("the dropped form is reported");
    assert_eq!(input, "mix-300");
    assert!(
        message.starts_with("conformance failure: form 3 differs"),
        "{message}"
    );
    // What it printed as form 3 is gene-parser's fourth form.
    let fourth = generated_dump_line(300, 4);
    let shown: String = fourth.chars().take(40).collect();
    assert!(
        message.contains(&format!("got `{}", shown.escape_debug())),
        "{message}"
    );
    assert!(timed(&json, "drops").is_empty());
    assert_eq!(timed(&json, "gene-parser").len(), 2);
    // The table says so too.
    let (out, _) = {
        let o = Command::new(EXE)
            .args(["--sizes=300", "--patterns=none", "--rounds=1", "--repeat=1"])
            .arg(format!("--out={}", dir.path().join("t").display()))
            .arg(format!("--impl=drops={}", drops.display()))
            .env_remove("GENE_EXTERNAL")
            .output()
            .unwrap();
        (o, ())
    };
    assert_eq!(out.status.code(), Some(1));
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table.contains("drops on mix-300: conformance failure: form 3 differs"),
        "{table}"
    );
}

#[test]
fn an_altered_dump_line_is_caught_at_its_form() {
    let dir = tempfile::tempdir().unwrap();
    // Changes the second line of every dump: one character of one form.
    let alters = script(
        dir.path(),
        "alters",
        r#"if [ "$1" = --repeat ]; then exec $DRIVER "$@"; fi
$DRIVER "$1" | sed '2s/.$/ nil)/'"#,
    );
    let (out, json) = compare(dir.path(), &[format!("alters={}", alters.display())]);
    assert_eq!(out.status.code(), Some(1));
    let found = failures(&json);
    assert_eq!(found.len(), 2, "{found:?}");
    for (subject, _, message) in &found {
        assert_eq!(subject, "alters");
        assert!(
            message.starts_with("conformance failure: form 2 differs"),
            "{message}"
        );
    }
    assert!(timed(&json, "alters").is_empty());
}

#[test]
fn a_wrong_form_count_is_caught_in_either_answer() {
    let dir = tempfile::tempdir().unwrap();
    // Answers `ok 0` whatever the file: right for the empty file, wrong for every input.
    let zero = script(dir.path(), "zero", "echo 'ok 0'");
    // Dumps correctly, but its timed answer reports one form too many.
    let lies = script(
        dir.path(),
        "lies",
        r#"if [ "$1" != --repeat ]; then exec $DRIVER "$@"; fi
$DRIVER "$@" | awk '$1 == "forms" { print "forms", $2 + 1; next } { print }'"#,
    );
    let (out, json) = compare(
        dir.path(),
        &[
            format!("zero={}", zero.display()),
            format!("lies={}", lies.display()),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let found = failures(&json);
    let forms = json["inputs"][0]["forms"].as_u64().unwrap();
    assert!(found.iter().any(|(s, i, m)| s == "zero"
        && i == "mix-300"
        && m == &format!(
            "conformance failure: read 0 top-level forms, gene-parser reads {forms}"
        )));
    assert!(found.iter().any(|(s, i, m)| s == "lies"
        && i == "mix-300"
        && m.contains(&format!("--repeat reports {} forms", forms + 1))));
    assert!(timed(&json, "zero").is_empty());
    assert!(timed(&json, "lies").is_empty());
}

#[test]
fn a_driver_without_repeat_is_timed_as_whole_processes() {
    let dir = tempfile::tempdir().unwrap();
    let plain = script(
        dir.path(),
        "plain",
        r#"if [ "$1" = --repeat ]; then echo 'usage: plain FILE' >&2; exit 2; fi
exec $DRIVER "$1""#,
    );
    let (out, json) = compare(dir.path(), &[format!("plain={}", plain.display())]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(json["subjects"][1]["timing"], "process");
    assert_eq!(timed(&json, "plain").len(), 2);
}

#[test]
fn the_protocol_driver_prints_the_dump_or_its_parse_times() {
    let dir = tempfile::tempdir().unwrap();
    let src = gene_gen::generate(&gene_bench::inputs::generator_config(200));
    let file = dir.path().join("in.gene");
    std::fs::write(&file, &src).unwrap();
    let out = Command::new(EXE)
        .arg("protocol")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        gene_parser::dump(src.as_bytes())
    );

    let out = Command::new(EXE)
        .args(["protocol", "--repeat", "3"])
        .arg(&file)
        .output()
        .unwrap();
    let t = gene_bench::external::protocol::timings(&out.stdout, 3).unwrap();
    assert_eq!(
        t.forms,
        gene_parser::parse(src.as_bytes()).unwrap().roots().len()
    );

    std::fs::write(&file, "(a").unwrap();
    let out = Command::new(EXE)
        .arg("protocol")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stderr).lines().count(), 1);
    let out = Command::new(EXE)
        .args(["protocol", "/nonexistent/in.gene"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_command_line_follows_the_convention() {
    let run = |args: &[&str], env: Option<&str>| {
        let mut c = Command::new(EXE);
        c.args(args).env_remove("GENE_EXTERNAL");
        if let Some(e) = env {
            c.env("GENE_EXTERNAL", e);
        }
        c.output().unwrap()
    };
    for flag in ["-h", "--help", "-V", "--version"] {
        assert_eq!(run(&[flag], None).status.code(), Some(0), "{flag}");
    }
    for bad in [
        &["--rounds=0"][..],
        &["--repeat", "0"],
        &["--sizes=0"],
        &["--patterns=nosuch"],
        &["--impl=noequals"],
        &["--impl=gene-parser=x"],
        &["--impl=a=x", "--impl=a=y"],
        &["--bogus"],
    ] {
        let out = run(bad, None);
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
    }
    assert_eq!(
        run(&["--sizes=10"], Some("bad spec")).status.code(),
        Some(2)
    );
    // A command that cannot be started: one line, exit 2.
    let dir = tempfile::tempdir().unwrap();
    let out = run(
        &[
            "--sizes=10",
            "--patterns=none",
            "--rounds=1",
            &format!("--out={}", dir.path().display()),
        ],
        Some("gone=/nonexistent/driver {file}"),
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let last = stderr.lines().last().unwrap();
    assert!(
        last.starts_with("gene-external: gone: running `/nonexistent/driver`"),
        "{stderr}"
    );
}

#[test]
fn a_code_base_joins_the_files_gene_parser_reads_into_one_input() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("base");
    std::fs::create_dir_all(corpus.join("sub")).unwrap();
    std::fs::create_dir_all(corpus.join(".git")).unwrap();
    std::fs::write(corpus.join("a.gene"), "(fn f [x] (x + 1))\n(f 2)").unwrap();
    std::fs::write(
        corpus.join("sub/b.gene"),
        "# a comment without a line break",
    )
    .unwrap();
    std::fs::write(corpus.join("sub/c.gene"), "[1 2 3]\n").unwrap();
    std::fs::write(corpus.join("bad.gene"), "(unclosed").unwrap();
    std::fs::write(corpus.join(".git/d.gene"), "(ignored)").unwrap();
    std::fs::write(corpus.join("e.txt"), "(ignored)").unwrap();
    let out = Command::new(EXE)
        .args([
            "--sizes=10",
            "--patterns=none",
            "--rounds=1",
            "--repeat=1",
            "--json",
        ])
        .arg(format!("--corpus={}", corpus.display()))
        .arg(format!("--out={}", dir.path().join("out").display()))
        .arg(format!("--impl=same={EXE} protocol {{file}}"))
        .env_remove("GENE_EXTERNAL")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let input = &json["inputs"][1];
    assert_eq!(input["name"], "corpus-base");
    assert_eq!(input["kind"], "corpus");
    // a.gene's two forms and c.gene's one; the comment-only file adds none, bad.gene is left out.
    assert_eq!(input["forms"], 3);
    assert_eq!(timed(&json, "same"), ["mix-10", "corpus-base"]);
}

#[test]
fn peak_rss_is_the_childs_own_not_the_suites() {
    // The suite holds a 300k-line input and its dump (about 20 MB) while it runs a stand-in
    // that is a bare shell. Spawned directly, the child's `ru_maxrss` would carry the suite's
    // peak across `exec`; through the runner it is the shell's (plus the runner's floor).
    let dir = tempfile::tempdir().unwrap();
    let zero = script(dir.path(), "zero", "echo 'ok 0'");
    let (out, json) = {
        let o = Command::new(EXE)
            .args([
                "--sizes=300000",
                "--patterns=none",
                "--rounds=1",
                "--repeat=1",
                "--json",
            ])
            .arg(format!("--out={}", dir.path().join("out").display()))
            .arg(format!("--impl=zero={}", zero.display()))
            .env_remove("GENE_EXTERNAL")
            .output()
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        (o, json)
    };
    assert_eq!(
        out.status.code(),
        Some(1),
        "zero miscounts the 300k-line file"
    );
    let shell_kib = json["subjects"][1]["startup_rss_kib"].as_u64().unwrap();
    let parser_kib = json["cells"][0]["check_rss_kib"].as_u64().unwrap();
    assert!(
        shell_kib < 16 * 1024,
        "a shell printing one line: {shell_kib} KiB"
    );
    assert!(
        parser_kib > 16 * 1024,
        "a parse and dump of 8 MB: {parser_kib} KiB"
    );
}
