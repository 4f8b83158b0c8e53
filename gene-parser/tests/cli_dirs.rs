//! `gene-parse check` and `stats` over directories (issue 24, part 5): every `*.gene` file under
//! a directory, recursively, in sorted path order; other files ignored; unreadable entries and
//! symbolic link loops as one-line errors (exit 2) while the rest is still checked; `-j N`
//! bounded to 1..=1024 and the output byte-identical at every `-j`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_gene-parse");

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .output()
        .expect("run gene-parse")
}

fn write(path: &Path, content: &[u8]) -> PathBuf {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, content).unwrap();
    path.to_path_buf()
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

/// A small deterministic generator (64-bit LCG), so the trees are the same on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

/// Builds a tree of `files` files under `root` with names chosen to defeat a naive string
/// sort (`a.b` against `a/b`, `a-b`, `A`, digits), some not `*.gene`, some with syntax errors.
/// Returns the `*.gene` paths.
fn random_tree(root: &Path, seed: u64, files: usize) -> Vec<PathBuf> {
    const PARTS: [&str; 9] = ["a", "a.b", "a-b", "A", "b", "10", "9", "z_z", "a b"];
    const SOURCES: [&[u8]; 5] = [
        b"(f 1 2)\n",
        b"[1 2 3]\n(g ^k 1)\n",
        b"(unclosed\n",
        b"(a) (b ]\n(c)\n",
        b"\"str\" 1.5 :sym\n",
    ];
    let mut rng = Lcg(seed);
    let mut gene = Vec::new();
    for _ in 0..files {
        let depth = rng.next(4);
        let mut path = root.to_path_buf();
        for _ in 0..depth {
            path.push(PARTS[rng.next(PARTS.len() as u64) as usize]);
        }
        let stem = PARTS[rng.next(PARTS.len() as u64) as usize];
        let ext = ["gene", "gene", "gene", "txt", "gene.bak", "GENE"][rng.next(6) as usize];
        path.push(format!("{stem}.{ext}"));
        // A name already used as a directory (or the reverse) is skipped.
        if path.is_dir() || path.ancestors().skip(1).any(|a| a.is_file()) {
            continue;
        }
        write(&path, SOURCES[rng.next(SOURCES.len() as u64) as usize]);
        if ext == "gene" && !gene.contains(&path) {
            gene.push(path);
        }
    }
    gene.sort();
    gene
}

/// The path each `check` line is about (`PATH: ok` or `PATH:LINE:COL: message`).
fn checked_paths(out: &str) -> Vec<String> {
    out.lines()
        .map(|l| match l.strip_suffix(": ok") {
            Some(p) => p.to_string(),
            None => {
                // `PATH:LINE:COL: message`: the path ends before the last `:L:C:` triple.
                let head = &l[..l.find(": ").unwrap()];
                let mut parts = head.rsplitn(3, ':');
                let (_, _, path) = (parts.next(), parts.next(), parts.next().unwrap());
                path.to_string()
            }
        })
        .collect()
}

#[test]
fn a_directory_is_every_gene_file_under_it_in_sorted_path_order() {
    for seed in 1..=6 {
        let dir = tempfile::tempdir().unwrap();
        let expected = random_tree(dir.path(), seed, 60);
        let expected: Vec<String> = expected.iter().map(|p| s(p).to_string()).collect();
        let o = run(&["check", "-j", "3", s(dir.path())]);
        assert_eq!(checked_paths(&stdout(&o)), expected, "seed {seed}");
        let any_error = stdout(&o).lines().any(|l| !l.ends_with(": ok"));
        assert_eq!(
            o.status.code(),
            Some(if any_error { 1 } else { 0 }),
            "{}",
            stderr(&o)
        );
        assert_eq!(stderr(&o), "");
    }
}

#[test]
fn nested_directories_and_non_gene_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join("z.gene"), b"(z)\n");
    write(&root.join("a/b/c/deep.gene"), b"[1 2]\n");
    write(&root.join("a/readme.md"), b"(not gene\n");
    write(&root.join("a/script.gene.txt"), b"(not gene\n");
    write(&root.join("a/x.gene"), b"1\n");
    std::fs::create_dir_all(root.join("a/empty")).unwrap();
    let o = run(&["check", s(root)]);
    let r = s(root);
    assert_eq!(
        stdout(&o),
        format!("{r}/a/b/c/deep.gene: ok\n{r}/a/x.gene: ok\n{r}/z.gene: ok\n")
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // Files and directories mixed on the command line keep the command line's order.
    let o = run(&["check", s(&root.join("z.gene")), s(&root.join("a/b"))]);
    assert_eq!(
        stdout(&o),
        format!("{r}/z.gene: ok\n{r}/a/b/c/deep.gene: ok\n")
    );
    // A file named on the command line is read whatever its extension.
    let o = run(&["check", s(&root.join("a/readme.md"))]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn an_empty_directory_checks_nothing_and_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("sub/subsub")).unwrap();
    write(&dir.path().join("sub/notes.txt"), b"x");
    let o = run(&["check", s(dir.path())]);
    assert_eq!((o.status.code(), stdout(&o).as_str()), (Some(0), ""));
    assert_eq!(stderr(&o), "");
    let o = run(&["stats", s(dir.path())]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.starts_with("total: files=0 ok=0 syntax_errors=0 unreadable=0 bytes=0 "),
        "{out}"
    );
    assert_eq!(out.lines().count(), 1);
}

#[test]
fn a_syntax_error_among_good_files_exits_1_and_the_rest_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let r = s(dir.path());
    write(&dir.path().join("a.gene"), b"(ok)\n");
    write(
        &dir.path().join("b.gene"),
        b"(ok)\n(bad ]\n(next)\n(worse\n",
    );
    write(&dir.path().join("c.gene"), b"(ok)\n");
    for j in ["1", "2", "4"] {
        let o = run(&["check", "-j", j, r]);
        assert_eq!(o.status.code(), Some(1), "-j {j}");
        let lines: Vec<String> = stdout(&o).lines().map(String::from).collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0], format!("{r}/a.gene: ok"));
        assert!(
            lines[1].starts_with(&format!("{r}/b.gene:2:")),
            "{}",
            lines[1]
        );
        assert_eq!(lines[2], format!("{r}/c.gene: ok"));
        // --all-errors: both errors of b.gene, in place.
        let o = run(&["check", "--all-errors", "-j", j, r]);
        assert_eq!(o.status.code(), Some(1));
        let lines: Vec<String> = stdout(&o).lines().map(String::from).collect();
        assert_eq!(lines.len(), 4, "{lines:?}");
        assert!(lines[1].starts_with(&format!("{r}/b.gene:2:")));
        assert!(lines[2].starts_with(&format!("{r}/b.gene:4:")));
        assert_eq!(lines[3], format!("{r}/c.gene: ok"));
    }
}

#[test]
fn an_unreadable_file_is_one_line_and_exit_2_and_the_rest_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let r = s(dir.path());
    write(&dir.path().join("a.gene"), b"(ok)\n");
    write(&dir.path().join("c.gene"), b"(bad\n");
    // A `.gene` link to nothing cannot be read (whoever runs the test, root included).
    std::os::unix::fs::symlink("nowhere", dir.path().join("b.gene")).unwrap();
    // A dangling link that is not `.gene` is not an input, so no error.
    std::os::unix::fs::symlink("nowhere", dir.path().join("b.txt")).unwrap();
    for j in ["1", "4"] {
        let o = run(&["check", "-j", j, r]);
        // I/O (2) wins over the syntax error (1).
        assert_eq!(o.status.code(), Some(2), "-j {j}");
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.starts_with(&format!("gene-parse: {r}/b.gene: ")),
            "{err}"
        );
        assert!(!err.contains("panicked"));
        let out = stdout(&o);
        assert_eq!(out.lines().count(), 2);
        assert!(
            out.starts_with(&format!("{r}/a.gene: ok\n{r}/c.gene:1:1: ")),
            "{out}"
        );
        let o = run(&["stats", "-j", j, r]);
        assert_eq!(o.status.code(), Some(2));
        assert!(stdout(&o).contains("total: files=3 ok=1 syntax_errors=1 unreadable=1 "));
    }
    // Permissions, where they bind (not for root, who reads anything).
    let locked = write(&dir.path().join("locked/d.gene"), b"(ok)\n");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let locked_dir = dir.path().join("locked");
    if std::fs::read(&locked).is_err() {
        let o = run(&["check", s(&locked_dir)]);
        assert_eq!(o.status.code(), Some(2));
        assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
    }
    std::fs::set_permissions(&locked_dir, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read_dir(&locked_dir).is_err() {
        let o = run(&["check", r]);
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).contains("locked"), "{}", stderr(&o));
    }
    std::fs::set_permissions(&locked_dir, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn a_symbolic_link_loop_is_reported_once_and_the_walk_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let r = s(dir.path());
    write(&dir.path().join("a/x.gene"), b"(x)\n");
    write(&dir.path().join("b/y.gene"), b"(y)\n");
    std::os::unix::fs::symlink("..", dir.path().join("a/up")).unwrap();
    // A link to a sibling directory is followed (it is no loop).
    std::os::unix::fs::symlink("../b", dir.path().join("a/to_b")).unwrap();
    let o = run(&["check", "-j", "2", r]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stdout(&o),
        format!("{r}/a/to_b/y.gene: ok\n{r}/a/x.gene: ok\n{r}/b/y.gene: ok\n")
    );
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(&format!("gene-parse: {r}/a/up: symbolic link loop")),
        "{err}"
    );
}

/// Removes the fields that are timings (they differ between runs).
fn without_times(out: &str) -> String {
    out.lines()
        .map(|l| {
            let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
            let obj = if v.get("total").is_some() {
                &mut v["total"]
            } else {
                &mut v
            };
            let obj = obj.as_object_mut().unwrap();
            for key in ["parse_time_ms", "throughput_mb_s", "wall_time_ms", "jobs"] {
                obj.remove(key);
            }
            v.to_string() + "\n"
        })
        .collect()
}

#[test]
fn output_is_byte_identical_at_every_job_count() {
    let dir = tempfile::tempdir().unwrap();
    // Generated files of varied sizes, a few with syntax errors, plus the awkward names.
    let mut rng = Lcg(7);
    for i in 0..80u64 {
        let lines = [1, 5, 30, 30, 60, 118, 400][rng.next(7) as usize];
        let mut cfg = gene_gen::Config::new(i, lines);
        if i % 9 == 4 {
            cfg = cfg.with_errors(2);
        }
        let src = gene_gen::generate_with_errors(&cfg).source;
        let sub = ["", "lib", "lib/core", "test", "x.y"][rng.next(5) as usize];
        write(
            &dir.path().join(sub).join(format!("f{i}.gene")),
            src.as_bytes(),
        );
    }
    random_tree(&dir.path().join("odd"), 3, 40);
    let r = s(dir.path());
    let base_check = run(&["check", "-j", "1", r]);
    let base_all = run(&["check", "--all-errors", "-j", "1", r]);
    let base_stats = run(&["stats", "--json", "-j", "1", r]);
    assert_eq!(base_check.status.code(), Some(1));
    assert!(stdout(&base_check).lines().count() >= 80);
    for j in ["2", "4", "16", "1024"] {
        let check = run(&["check", "-j", j, r]);
        assert_eq!(check.stdout, base_check.stdout, "check -j {j}");
        assert_eq!(check.stderr, base_check.stderr);
        assert_eq!(check.status.code(), base_check.status.code());
        let all = run(&["check", "--all-errors", "--jobs", j, r]);
        assert_eq!(all.stdout, base_all.stdout, "check --all-errors -j {j}");
        assert_eq!(all.status.code(), base_all.status.code());
        let stats = run(&["stats", "--json", &format!("--jobs={j}"), r]);
        assert_eq!(
            without_times(&stdout(&stats)),
            without_times(&stdout(&base_stats)),
            "stats -j {j}"
        );
    }
}

#[test]
fn the_stats_total_sums_the_file_lines() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..12u64 {
        let src = gene_gen::generate(&gene_gen::Config::new(i, 10 + 20 * i as usize));
        write(&dir.path().join(format!("m{i:02}.gene")), src.as_bytes());
    }
    write(&dir.path().join("zz.gene"), b"(broken\n(x)\n");
    let o = run(&["stats", "--json", "-j", "2", s(dir.path())]);
    assert_eq!(o.status.code(), Some(1));
    let values: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let (total, files) = values.split_last().unwrap();
    let total = &total["total"];
    // Every key present, in the text line's order (read from the raw line: serde_json's map
    // sorts keys).
    let raw = stdout(&o).lines().last().unwrap().to_string();
    let mut keys: Vec<(usize, &str)> = total
        .as_object()
        .unwrap()
        .keys()
        .map(|k| (raw.find(&format!("\"{k}\":")).unwrap(), k.as_str()))
        .collect();
    keys.sort();
    let keys: Vec<&str> = keys.into_iter().map(|(_, k)| k).collect();
    assert_eq!(
        keys,
        [
            "files",
            "ok",
            "syntax_errors",
            "unreadable",
            "bytes",
            "lines",
            "tokens",
            "nodes",
            "forms",
            "parse_time_ms",
            "throughput_mb_s",
            "wall_time_ms",
            "jobs"
        ]
    );
    let sum = |key: &str| -> u64 { files.iter().map(|f| f[key].as_u64().unwrap_or(0)).sum() };
    assert_eq!(total["files"], 13);
    assert_eq!(total["ok"], 12);
    assert_eq!(total["syntax_errors"], 1);
    assert_eq!(total["jobs"], 2);
    for key in ["bytes", "lines", "tokens", "nodes", "forms"] {
        assert_eq!(total[key].as_u64(), Some(sum(key)), "{key}");
    }
    // The text total says the same.
    let o = run(&["stats", "-j", "1", s(dir.path())]);
    let last = stdout(&o).lines().last().unwrap().to_string();
    let want = format!(
        "total: files=13 ok=12 syntax_errors=1 unreadable=0 bytes={} lines={} tokens={} nodes={} forms={} ",
        sum("bytes"),
        sum("lines"),
        sum("tokens"),
        sum("nodes"),
        sum("forms")
    );
    assert!(last.starts_with(&want), "{last}\n{want}");
    assert!(last.ends_with(" jobs=1"));
    // Never more threads than inputs.
    let o = run(&["stats", "-j", "1000", s(dir.path())]);
    assert!(
        stdout(&o).trim_end().ends_with(" jobs=13"),
        "{}",
        stdout(&o)
    );
    // No total when no argument is a directory: the single-file output is unchanged.
    let o = run(&["stats", s(&dir.path().join("m00.gene"))]);
    assert_eq!(stdout(&o).lines().count(), 1);
    assert!(!stdout(&o).contains("total:"));
}

#[test]
fn job_counts_are_bounded() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("a.gene"), b"(a)\n");
    for bad in ["0", "100000", "1025", "-1", "many", ""] {
        for cmd in ["check", "stats"] {
            let o = run(&[cmd, "-j", bad, s(dir.path())]);
            assert_eq!(o.status.code(), Some(2), "{cmd} -j {bad:?}");
            assert!(stderr(&o).starts_with("error: "), "{}", stderr(&o));
            assert_eq!(stdout(&o), "");
        }
    }
    for good in ["1", "1024"] {
        let o = run(&["check", "-j", good, s(dir.path())]);
        assert_eq!(o.status.code(), Some(0), "-j {good}: {}", stderr(&o));
    }
}
