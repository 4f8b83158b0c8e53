//! The `gene-parse` command line (issues 2, 21 and 25): `dump`, `check`, `stats`; exit status 0
//! when every file parsed, 1 when any had a syntax error, 2 for usage or I/O errors; the
//! argument convention shared by every binary (`-V`, `--flag=value`, `-` for standard input,
//! unknown flags rejected with a suggestion, bounded numbers); bounded reading; a closed pipe
//! as a quiet end and a failed write as one line.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_gene-parse");

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .output()
        .expect("run gene-parse")
}

fn write(dir: &Path, name: &str, content: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn dump_prints_the_canonical_dump() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(
        dir.path(),
        "a.gene",
        b"(f ^k 1 x) #\"n=#{n}\"\n# comment\n[1 2]\n",
    );
    let o = run(&["dump", s(&a)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "(f ^k 1 x)\n(#Str \"n=\" n \"\")\n[1 2]\n");
    assert_eq!(stdout(&o), gene_parser::dump(&std::fs::read(&a).unwrap()));
    // Several files: their dumps one after the other.
    let b = write(dir.path(), "b.gene", b"2024-02-29 0#ff");
    let o = run(&["dump", s(&a), s(&b)]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        "(f ^k 1 x)\n(#Str \"n=\" n \"\")\n[1 2]\n<date 2024-02-29>\n<bytes \"ff\">\n"
    );
    // An empty file dumps to nothing.
    let e = write(dir.path(), "empty.gene", b"");
    let o = run(&["dump", s(&e)]);
    assert_eq!((o.status.code(), stdout(&o).as_str()), (Some(0), ""));
}

#[test]
fn dump_of_a_bad_file_is_error_line_and_status_1() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.gene", b"ok");
    let bad = write(dir.path(), "bad.gene", b"(a\n  b\n  ]");
    let o = run(&["dump", s(&good), s(&bad), s(&good)]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "ok\n<error>\nok\n");
    // Details go to stderr as file:line:col: message.
    let err = stderr(&o);
    assert!(err.contains(&format!("{}:3:3: ", s(&bad))), "{err}");
}

#[test]
fn check_prints_ok_or_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.gene", b"(a b)");
    let bad = write(dir.path(), "bad.gene", b"x\r\n  {^a 1 ^a 2}");
    let o = run(&["check", s(&good), s(&bad)]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].contains(s(&good)) && lines[0].ends_with("ok"),
        "{out}"
    );
    let want = format!("{}:2:9: ", s(&bad));
    assert!(lines[1].starts_with(&want), "{out}");
    assert!(lines[1].len() > want.len(), "a message follows: {out}");
    // The message is the library's.
    let e = gene_parser::parse(b"x\r\n  {^a 1 ^a 2}")
        .unwrap_err()
        .with_path(s(&bad));
    assert_eq!(lines[1], e.to_string());

    let o = run(&["check", s(&good)]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o).lines().count(), 1);
}

#[test]
fn stats_reports_counts() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "s.gene", b"(a 1)\n(b 2)\n[c]");
    let o = run(&["stats", s(&f)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1, "{out}");
    let doc = gene_parser::parse(b"(a 1)\n(b 2)\n[c]").unwrap();
    for (what, value) in [
        ("bytes", "15".to_string()),
        ("lines", "3".to_string()),
        ("tokens", doc.token_count().to_string()),
        ("nodes", doc.node_count().to_string()),
        ("forms", "3".to_string()),
    ] {
        assert!(
            out.contains(&format!("{what}={value}")),
            "{what}={value} missing: {out}"
        );
    }
    assert!(out.contains("time"), "parse time missing: {out}");
    // A file with a syntax error: status 1 and the error.
    let bad = write(dir.path(), "bad.gene", b"\"open");
    let o = run(&["stats", s(&f), s(&bad)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains(&format!("{}:1:1: ", s(&bad))),
        "{}",
        stdout(&o)
    );
}

#[test]
fn stats_repeat_reports_the_runs_and_rejects_bad_counts() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "s.gene", b"(a 1)\n(b 2)\n[c]");
    let o = run(&["stats", "--repeat", "5", s(&f)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("runs=5 ") && out.contains("forms=3 "), "{out}");
    assert!(run(&["stats", s(&f)]).status.success());
    assert!(stdout(&run(&["stats", s(&f)])).contains("runs=1 "));
    // A file that fails is reported once, whatever the count.
    let bad = write(dir.path(), "bad.gene", b"(");
    let o = run(&["stats", "--repeat", "3", s(&bad)]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o).lines().count(), 1, "{}", stdout(&o));
    for args in [
        &["stats", "--repeat", "0", s(&f)][..],
        &["stats", "--repeat", "many", s(&f)],
        &["stats", s(&f), "--repeat"],
        &["dump", "--repeat", "2", s(&f)],
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains("--repeat"), "{args:?}: {}", stderr(&o));
        assert!(o.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn usage_and_io_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.gene", b"1");
    for args in [
        &[][..],
        &["dump"],
        &["check"],
        &["stats"],
        &["frobnicate", s(&good)],
        &["--bogus"],
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o).to_lowercase();
        assert!(err.contains("usage"), "{args:?}: {err}");
        assert!(o.stdout.is_empty(), "{args:?}");
    }
    let missing = dir.path().join("missing.gene");
    for cmd in ["dump", "check", "stats"] {
        let o = run(&[cmd, s(&missing)]);
        assert_eq!(o.status.code(), Some(2), "{cmd}");
        assert!(stderr(&o).contains("missing.gene"), "{cmd}: {}", stderr(&o));
        // An I/O error wins over a syntax error, and the other files are still processed.
        let bad = write(dir.path(), "bad.gene", b"(");
        let o = run(&[cmd, s(&bad), s(&missing), s(&good)]);
        assert_eq!(o.status.code(), Some(2), "{cmd}");
        assert!(!o.stdout.is_empty(), "{cmd}");
    }
    // A directory is not a readable file for `dump` (`check` and `stats` walk it:
    // tests/cli_dirs.rs).
    let o = run(&["dump", s(dir.path())]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn adversarial_files_end_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = vec![
        write(dir.path(), "deep.gene", &"(".repeat(1_000_000).into_bytes()),
        write(dir.path(), "string.gene", b"\"never closed"),
        write(dir.path(), "regex.gene", b"#/never closed"),
        write(dir.path(), "list.gene", b"(a [b {^c"),
        write(dir.path(), "nul.gene", b"a\x00b"),
        write(dir.path(), "vt.gene", b"a\x0bb"),
        write(dir.path(), "backslash.gene", b"a \\"),
    ];
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let random: Vec<u8> = (0..100_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    files.push(write(dir.path(), "random.gene", &random));
    for f in &files {
        for cmd in ["dump", "check", "stats"] {
            let o = run(&[cmd, s(f)]);
            let code = o.status.code();
            assert!(
                code == Some(0) || code == Some(1),
                "{cmd} {}: {code:?} {}",
                s(f),
                stderr(&o)
            );
            if code == Some(1) {
                let shown = if cmd == "dump" {
                    stderr(&o)
                } else {
                    stdout(&o)
                };
                assert!(
                    shown.contains(&format!("{}:", s(f))),
                    "{cmd} {}: {shown}",
                    s(f)
                );
                assert!(!shown.contains("panicked"), "{shown}");
            }
        }
    }
    // Non-UTF-8 bytes are escaped in the dump, so stdout stays UTF-8.
    let f = write(dir.path(), "bytes.gene", b"\xff \"\xfe\"");
    let o = run(&["dump", s(&f)]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "\\x{FF}\n\"\\x{FE}\"\n");
}

#[test]
fn help_is_not_an_error() {
    let o = run(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).contains("dump") && stdout(&o).contains("check") && stdout(&o).contains("stats")
    );
}

/// Runs gene-parse with `input` on standard input.
fn run_stdin(args: &[&str], input: &[u8], env: &[(&str, &str)]) -> Output {
    use std::io::Write;
    let mut child = Command::new(BIN)
        .args(args)
        .envs(env.iter().copied())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn gene-parse");
    let mut stdin = child.stdin.take().unwrap();
    // The child may stop reading early (input too large); a refused write is then expected.
    let _ = stdin.write_all(input);
    drop(stdin);
    child.wait_with_output().unwrap()
}

/// A runtime failure is exactly one line on stderr, starting with the binary's name, and
/// never a panic or the usage text.
fn assert_one_line_error(o: &Output, needle: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.starts_with("gene-parse: "), "{err}");
    assert!(err.contains(needle), "{needle:?} missing: {err}");
    assert!(!err.contains("panicked") && !err.contains("Usage"), "{err}");
}

#[test]
fn version_and_help_on_every_subcommand() {
    for flag in ["-V", "--version"] {
        let o = run(&[flag]);
        assert_eq!(o.status.code(), Some(0));
        assert_eq!(
            stdout(&o).trim(),
            format!("gene-parse {}", env!("CARGO_PKG_VERSION"))
        );
    }
    for args in [
        &["--help"][..],
        &["-h"],
        &["dump", "--help"],
        &["check", "-h"],
        &["stats", "--help"],
        &["help", "check"],
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        let out = stdout(&o);
        // Exit codes are documented in every help text.
        assert!(
            out.contains("Exit status") && out.contains("2  usage error"),
            "{args:?}: {out}"
        );
    }
    assert!(stdout(&run(&["check", "--help"])).contains("--all-errors"));
    let stats_help = stdout(&run(&["stats", "--help"]));
    assert!(stats_help.contains("--repeat") && stats_help.contains("--json"));
    assert!(stats_help.contains("\"throughput_mb_s\""), "{stats_help}");
}

#[test]
fn flag_equals_value_is_the_same_as_two_words() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "s.gene", b"(a 1)\n");
    let o = run(&["stats", "--repeat=3", s(&f)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("runs=3 "), "{}", stdout(&o));
    // Flags may come after the files too.
    let o = run(&["stats", s(&f), "--repeat", "4"]);
    assert!(stdout(&o).contains("runs=4 "), "{}", stdout(&o));
}

#[test]
fn dash_reads_standard_input() {
    let src = b"(f ^k 1 x)\n[1 2]\n";
    let o = run_stdin(&["dump", "-"], src, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), gene_parser::dump(src));
    let o = run_stdin(&["check", "-"], src, &[]);
    assert_eq!(stdout(&o), "<stdin>: ok\n");
    let o = run_stdin(&["check", "-"], b"(a\n ]", &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).starts_with("<stdin>:2:2: "), "{}", stdout(&o));
    let o = run_stdin(&["check", "--all-errors", "-"], b"(a ]\n(b)\n(c ]\n", &[]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o).lines().count(), 2, "{}", stdout(&o));
    let o = run_stdin(&["stats", "--json", "-"], src, &[]);
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(
        (v["path"].as_str(), v["bytes"].as_u64()),
        (Some("<stdin>"), Some(src.len() as u64))
    );
}

#[test]
fn unknown_and_misplaced_flags_are_refused_with_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "s.gene", b"1");
    for (args, hint) in [
        (&["check", "--all-error", s(&f)][..], "--all-errors"),
        (&["stats", "--repet", "2", s(&f)], "--repeat"),
        (&["stats", "--jsn", s(&f)], "--json"),
        (&["dum", s(&f)], "dump"),
        (&["dump", "--bogus", s(&f)], "--bogus"),
        // Flags that belong to another subcommand.
        (&["dump", "--all-errors", s(&f)], "--all-errors"),
        (&["check", "--repeat", "2", s(&f)], "--repeat"),
        (&["dump", "--json", s(&f)], "--json"),
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(o.stdout.is_empty(), "{args:?}: nothing is processed");
        let err = stderr(&o);
        assert!(err.contains(hint), "{args:?}: {err}");
    }
    // A typo gets clap's "similar" suggestion.
    let err = stderr(&run(&["check", "--all-error", s(&f)]));
    assert!(
        err.contains("similar argument exists: '--all-errors'"),
        "{err}"
    );
    let err = stderr(&run(&["dum", s(&f)]));
    assert!(err.contains("similar subcommand exists: 'dump'"), "{err}");
}

#[test]
fn out_of_range_repeat_counts_exit_2_with_one_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "s.gene", b"1");
    for value in [
        "0",
        "-1",
        "1000001",
        "1000000000",
        "2000000000000000000",
        "18446744073709551616",
        "1e3",
        "many",
        "",
    ] {
        let arg = format!("--repeat={value}");
        let o = run(&["stats", &arg, s(&f)]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{value}: {err}");
        assert!(o.stdout.is_empty(), "{value}");
        assert!(!err.contains("panicked"), "{value}: {err}");
        let first = err.lines().next().unwrap();
        assert!(
            first.starts_with("error: ") && first.contains("--repeat"),
            "{value}: {err}"
        );
    }
    // The bounds themselves are accepted.
    assert!(stdout(&run(&["stats", "--repeat=1", s(&f)])).contains("runs=1 "));
    let err = stderr(&run(&["stats", "--repeat=1000001", s(&f)]));
    assert!(err.contains("1..=1000000"), "the range is named: {err}");
}

#[test]
fn missing_file_is_one_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.gene");
    for cmd in ["dump", "check", "stats"] {
        let o = run(&[cmd, s(&missing)]);
        assert_one_line_error(&o, &format!("gene-parse: {}: ", s(&missing)));
        assert!(o.stdout.is_empty(), "{cmd}");
    }
    let o = run(&["dump", s(dir.path())]);
    assert_one_line_error(&o, s(dir.path()));
}

#[test]
fn reading_stops_at_the_input_limit() {
    let dir = tempfile::tempdir().unwrap();
    // A regular file one byte over the real limit (sparse: no disk used) is refused unread.
    let big = dir.path().join("big.gene");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(gene_parser::MAX_INPUT_LEN as u64 + 1)
        .unwrap();
    for cmd in ["dump", "check", "stats"] {
        let o = run(&[cmd, s(&big)]);
        assert_one_line_error(&o, "InputTooLarge");
        assert!(stderr(&o).contains(s(&big)), "{}", stderr(&o));
        assert!(
            stderr(&o).contains(&gene_parser::MAX_INPUT_LEN.to_string()),
            "the limit is named: {}",
            stderr(&o)
        );
    }
    // Endless and oversized streams stop one byte past the limit. The limit is lowered for the
    // test (the variable can only lower it) so that no test reads 2 GiB.
    let limit = [("GENE_PARSE_TEST_INPUT_LIMIT", "1000")];
    if Path::new("/dev/zero").exists() {
        let o = Command::new(BIN)
            .args(["check", "/dev/zero"])
            .envs(limit)
            .output()
            .unwrap();
        assert_one_line_error(&o, "gene-parse: /dev/zero: input too large (InputTooLarge)");
    }
    let o = run_stdin(&["check", "-"], &vec![b' '; 1001], &limit);
    assert_one_line_error(&o, "gene-parse: <stdin>: input too large");
    // Exactly at the limit is accepted, from a stream and from a file.
    let o = run_stdin(&["check", "-"], &vec![b' '; 1000], &limit);
    assert_eq!(
        (o.status.code(), stdout(&o).as_str()),
        (Some(0), "<stdin>: ok\n")
    );
    let at = write(dir.path(), "at.gene", &vec![b' '; 1000]);
    let over = write(dir.path(), "over.gene", &vec![b' '; 1001]);
    let o = Command::new(BIN)
        .args(["check", s(&at), s(&over)])
        .envs(limit)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout(&o), format!("{}: ok\n", s(&at)));
    assert!(
        stderr(&o).contains("over.gene: input too large"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    // 1.6 MB of dump: far more than a pipe and the output buffer hold.
    let big = write(
        dir.path(),
        "big.gene",
        &"(a 1 [b c] {^k v})\n".repeat(80_000).into_bytes(),
    );
    // `check` and `stats` print one line per file: 5,000 small files give about 400 KB.
    let small = write(dir.path(), "small.gene", b"(a)");
    for cmd in ["dump", "check", "stats"] {
        let files: Vec<&str> = if cmd == "dump" {
            vec![s(&big)]
        } else {
            vec![s(&small); 5_000]
        };
        let mut child = Command::new(BIN)
            .arg(cmd)
            .args(&files)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 16];
        child
            .stdout
            .as_mut()
            .unwrap()
            .read_exact(&mut first)
            .unwrap();
        drop(child.stdout.take()); // `| head -c 16`
        let o = child.wait_with_output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{cmd}: {}", stderr(&o));
        assert!(o.stderr.is_empty(), "{cmd}: no message: {}", stderr(&o));
    }
}

#[test]
fn a_failed_write_is_one_line_and_exit_2() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "s.gene", b"(a 1)\n");
    for args in [
        &["dump", s(&f)][..],
        &["check", s(&f)],
        &["check", "--all-errors", s(&f)],
        &["stats", "--json", s(&f)],
        &["completions", "bash"],
        &["--help"],
        &["stats", "-h"],
        &["-V"],
    ] {
        let full = std::fs::File::options()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let o = Command::new(BIN).args(args).stdout(full).output().unwrap();
        assert_one_line_error(&o, "gene-parse: writing standard output: ");
        assert!(
            stderr(&o).contains("os error 28"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn stats_json_has_the_documented_fields() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.gene", b"(a 1)\n(b 2)\n[c]");
    let bad = write(dir.path(), "bad.gene", b"(a)\n\"open");
    let o = run(&["stats", "--json", "--repeat", "3", s(&good), s(&bad)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
        .collect();
    assert_eq!(lines.len(), 2);
    let keys = [
        "path",
        "ok",
        "bytes",
        "lines",
        "tokens",
        "nodes",
        "forms",
        "symbols",
        "runs",
        "parse_time_ms",
        "throughput_mb_s",
        "error",
    ];
    for v in &lines {
        let obj = v.as_object().unwrap();
        let mut got: Vec<&str> = obj.keys().map(String::as_str).collect();
        let mut want = keys.to_vec();
        got.sort_unstable();
        want.sort_unstable();
        assert_eq!(got, want, "every key, always: {v}");
    }
    let doc = gene_parser::parse(b"(a 1)\n(b 2)\n[c]").unwrap();
    let g = &lines[0];
    assert_eq!(g["path"], s(&good));
    assert_eq!(g["ok"], true);
    assert_eq!(g["bytes"], 15);
    assert_eq!(g["lines"], 3);
    assert_eq!(g["tokens"], doc.token_count());
    assert_eq!(g["nodes"], doc.node_count());
    assert_eq!(g["forms"], 3);
    assert_eq!(g["runs"], 3);
    assert!(g["parse_time_ms"].as_f64().unwrap() > 0.0);
    assert!(g["throughput_mb_s"].as_f64().unwrap() > 0.0);
    assert!(g["error"].is_null());
    let b = &lines[1];
    let e = gene_parser::parse(b"(a)\n\"open").unwrap_err();
    assert_eq!(b["ok"], false);
    assert!(b["tokens"].is_null() && b["parse_time_ms"].is_null());
    assert_eq!(b["error"]["kind"], e.kind().name());
    assert_eq!(b["error"]["line"], 2);
    assert_eq!(b["error"]["column"], 1);
    assert_eq!(b["error"]["offset"], 4);
    assert_eq!(b["error"]["message"], e.message());
}

#[test]
fn completions_are_generated() {
    for shell in ["bash", "zsh", "fish"] {
        let o = run(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}");
        let script = stdout(&o);
        assert!(
            script.contains("gene-parse") && script.contains("all-errors"),
            "{shell}"
        );
    }
    assert_eq!(run(&["completions", "cmd.exe"]).status.code(), Some(2));
}
