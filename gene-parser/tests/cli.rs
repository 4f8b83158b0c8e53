//! The `gene-parse` command line (issue 2): `dump`, `check`, `stats`; exit status 0 when every
//! file parsed, 1 when any had a syntax error, 2 for usage or I/O errors.

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
        assert!(stderr(&o).contains("usage"), "{args:?}: {}", stderr(&o));
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
    // A directory is not a readable file.
    let o = run(&["check", s(dir.path())]);
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
