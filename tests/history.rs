//! The benchmark history (`gene-gate history append|render`) on synthetic records: the JSON
//! line a run appends, the Markdown table's values and step changes, the SVG's well-formedness
//! and labels, and the command line's errors (exit 2, one line).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

use gene_bench::history::{self, Record, render};

const BIN: &str = env!("CARGO_BIN_EXE_gene-gate");

fn gate(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .output()
        .expect("run gene-gate")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn record(commit: &str, median_ns: f64, ir: u64, peak: u64) -> Record {
    Record {
        schema: history::SCHEMA,
        commit: commit.to_string(),
        date: "2026-12-01T10:00:00Z".to_string(),
        machine: "Test CPU, 2 CPUs, linux/x86_64".to_string(),
        rustc: "rustc 1.95.0".to_string(),
        medians_ns: BTreeMap::from([("size/10000".to_string(), median_ns)]),
        instructions: BTreeMap::from([("parse lines_10k".to_string(), ir)]),
        peak_heap_bytes: BTreeMap::from([("mix-10000".to_string(), peak)]),
    }
}

/// Writes a Criterion tree with one benchmark whose latest median is `median_ns`.
fn criterion_dir(root: &Path, id: &str, median_ns: f64) {
    let dir = root.join(id.replace('/', "_")).join("new");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("benchmark.json"),
        format!(r#"{{"full_id":"{id}","group_id":"g"}}"#),
    )
    .unwrap();
    std::fs::write(
        dir.join("estimates.json"),
        format!(
            r#"{{"mean":{{"point_estimate":1.0}},"median":{{"point_estimate":{median_ns},"standard_error":1.0}}}}"#
        ),
    )
    .unwrap();
}

#[test]
fn append_writes_one_json_line_with_every_field() {
    let dir = tempfile::tempdir().unwrap();
    let crit = dir.path().join("criterion");
    criterion_dir(&crit, "size/10000", 1_080_000.0);
    criterion_dir(&crit, "phases/parse", 1_070_000.0);
    let report =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("benchmarks/gate-fixtures/memory/base.json");
    let gungraun = dir.path().join("instr.json");
    std::fs::write(
        &gungraun,
        r#"{"function_name":"parse","id":"lines_10k","profiles":[{"tool":"Callgrind","data":{"total":{"metrics":{"Ir":{"values":{"new":8690000}}}}}}]}"#,
    )
    .unwrap();
    let file = dir.path().join("history.jsonl");
    for commit in ["aaaaaaaaaaaa1111", "bbbbbbbbbbbb2222"] {
        let o = gate(&[
            "history",
            "append",
            "--file",
            file.to_str().unwrap(),
            "--commit",
            commit,
            "--criterion",
            crit.to_str().unwrap(),
            "--report",
            report.to_str().unwrap(),
            "--instructions",
            gungraun.to_str().unwrap(),
            "--rustc",
            "rustc 1.95.0 (test)",
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    let text = std::fs::read_to_string(&file).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    let v: serde_json::Value = serde_json::from_str(lines[1]).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "commit",
            "date",
            "instructions",
            "machine",
            "medians_ns",
            "peak_heap_bytes",
            "rustc",
            "schema"
        ]
    );
    assert_eq!(v["commit"], "bbbbbbbbbbbb2222");
    assert_eq!(v["rustc"], "rustc 1.95.0 (test)");
    // The default --bench prefix keeps size/ only.
    assert_eq!(
        v["medians_ns"],
        serde_json::json!({"size/10000": 1080000.0})
    );
    assert_eq!(v["instructions"]["parse lines_10k"], 8_690_000);
    assert_eq!(
        v["peak_heap_bytes"],
        serde_json::json!({"mix-10000": 900_000, "mix-100000": 9_000_000})
    );
    let date = v["date"].as_str().unwrap();
    assert!(
        date.len() == 20 && date.ends_with('Z') && date.as_bytes()[10] == b'T',
        "{date}"
    );
    assert!(!v["machine"].as_str().unwrap().is_empty());
    // What was appended reads back.
    let records = history::parse(&text, "h").unwrap();
    assert_eq!(records.len(), 2);
    assert_eq!(records[0].commit, "aaaaaaaaaaaa1111");
}

#[test]
fn append_after_a_cut_line_starts_a_new_line_and_a_damaged_line_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("h.jsonl");
    std::fs::write(&file, record("a", 1.0, 1, 1).to_line()).unwrap(); // no newline
    history::append(&file, &record("b", 2.0, 2, 2)).unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(history::parse(&text, "h").unwrap().len(), 2);
    std::fs::write(&file, format!("{text}{{\"schema\":1,\"commit\n")).unwrap();
    let err = history::parse(&std::fs::read_to_string(&file).unwrap(), "h").unwrap_err();
    assert!(err.starts_with("h:3: "), "{err}");
    let o = gate(&["history", "render", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("h.jsonl:3: not a history record"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_markdown_table_has_every_value_and_the_change_at_each_step() {
    let mut records = vec![
        record("1111111111aaaa", 1_000_000.0, 8_000_000, 700_000),
        record("2222222222bbbb", 1_100_000.0, 8_000_000, 700_000),
        record("3333333333cccc", 990_000.0, 8_400_000, 630_000),
    ];
    records[2].rustc = "rustc 1.96.0".into();
    let md = render::markdown(&records);
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with("| ")).collect();
    assert_eq!(rows.len(), 4, "{md}"); // header and three records
    assert_eq!(
        rows[0],
        "| # | commit | date (UTC) | size/10000 median time (ms) | parse lines_10k instructions (M instr.) | mix-10000 peak heap (MB) |"
    );
    assert_eq!(
        rows[1],
        "| 1 | `1111111111` | 2026-12-01 10:00 | 1.00 | 8.00 | 0.700 |"
    );
    assert_eq!(
        rows[2],
        "| 2 | `2222222222` | 2026-12-01 10:00 | 1.10 (+10.0%) | 8.00 (+0.0%) | 0.700 (+0.0%) |"
    );
    assert_eq!(
        rows[3],
        "| 3 | `3333333333` † | 2026-12-01 10:00 | 0.990 (-10.0%) | 8.40 (+5.0%) | 0.630 (-10.0%) |"
    );
    assert!(md.contains("rows #3"), "{md}");
    assert!(md.contains("Latest machine: Test CPU, 2 CPUs, linux/x86_64; rustc 1.96.0."));
    // A metric missing from a record is a dash, and the next step has no change.
    records[1].instructions.clear();
    let md = render::markdown(&records);
    assert!(md.contains("| 1.10 (+10.0%) | — | 0.700 (+0.0%) |"), "{md}");
    assert!(
        md.contains("| 0.990 (-10.0%) | 8.40 | 0.630 (-10.0%) |"),
        "{md}"
    );
}

/// A minimal well-formedness check: every tag opens and closes in order, attributes are
/// quoted, and text holds no raw `<` or `&`.
fn assert_well_formed(svg: &str) {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = svg;
    while let Some(start) = rest.find('<') {
        let text = &rest[..start];
        assert!(!text.contains('>'), "stray > in text: {text}");
        for (i, _) in text.match_indices('&') {
            let entity = &text[i..];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;"]
                    .iter()
                    .any(|e| entity.starts_with(e)),
                "raw & in {text}"
            );
        }
        let end = rest[start..].find('>').expect("unclosed tag") + start;
        let tag = &rest[start + 1..end];
        assert_eq!(tag.matches('"').count() % 2, 0, "unbalanced quotes: {tag}");
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name), "mismatched </{name}>");
        } else if !tag.ends_with('/') {
            stack.push(tag.split_whitespace().next().unwrap().to_string());
        }
        rest = &rest[end + 1..];
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
    assert!(rest.trim().is_empty());
}

#[test]
fn the_svg_is_well_formed_and_labels_every_commit_and_panel() {
    let mut records: Vec<Record> = (0..5)
        .map(|i| {
            record(
                &format!("{i}{i}{i}{i}{i}{i}{i}deadbeef"),
                1e6 + i as f64 * 1e4,
                8_000_000 + i * 1000,
                700_000,
            )
        })
        .collect();
    records[4].medians_ns.insert("a<b&c".into(), 5.0);
    let svg = render::svg(&records);
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert_well_formed(&svg);
    for i in 0..5 {
        let label = format!(">{i}{i}{i}{i}{i}{i}{i}</text>");
        assert!(svg.contains(&label), "commit {i} missing");
    }
    for title in [
        "size/10000 median time",
        "parse lines_10k instructions",
        "mix-10000 peak heap",
        "a&lt;b&amp;c median time",
    ] {
        assert!(svg.contains(&format!(">{title}</text>")), "{title}");
    }
    for unit in [">ms</text>", ">M instr.</text>", ">MB</text>", ">ns</text>"] {
        assert!(svg.contains(unit), "{unit}");
    }
    assert!(svg.contains(">+1.0%</text>"), "step change label");
    // One record still draws an axis; none is refused by the command.
    assert_well_formed(&render::svg(&records[..1]));
}

#[test]
fn render_writes_the_last_n_records() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("h.jsonl");
    for i in 0..6 {
        history::append(&file, &record(&format!("c{i}commit00"), 1e6, 8_000_000, 1)).unwrap();
    }
    let (svg, md) = (dir.path().join("h.svg"), dir.path().join("h.md"));
    let o = gate(&[
        "history",
        "render",
        file.to_str().unwrap(),
        "--last",
        "4",
        "--svg",
        svg.to_str().unwrap(),
        "--markdown",
        md.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let md = std::fs::read_to_string(md).unwrap();
    assert!(!md.contains("c1commit") && md.contains("c2commit") && md.contains("c5commit"));
    assert_eq!(md.lines().filter(|l| l.starts_with("| ")).count(), 5);
    let svg = std::fs::read_to_string(svg).unwrap();
    assert!(svg.contains("4 record(s)") && !svg.contains(">c1commi<"));
    // Without --svg or --markdown the table goes to standard output.
    let o = gate(&["history", "render", file.to_str().unwrap(), "--last=2"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .filter(|l| l.starts_with("| "))
            .count(),
        3
    );
}

#[test]
fn bad_history_arguments_exit_2_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("h.jsonl");
    history::append(&file, &record("c", 1.0, 1, 1)).unwrap();
    let f = file.to_str().unwrap();
    for args in [
        vec!["history", "render", f, "--last", "0"],
        vec!["history", "render", f, "--last", "1001"],
        vec!["history", "render", f, "--last", "x"],
        vec!["history", "render"],
        vec!["history", "append"],
        vec!["history", "frobnicate"],
    ] {
        let o = gate(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    }
    // Runtime errors: one line each.
    let empty = dir.path().join("empty.jsonl");
    std::fs::write(&empty, "\n").unwrap();
    for (args, needle) in [
        (
            vec!["history", "render", empty.to_str().unwrap()],
            "no records",
        ),
        (
            vec!["history", "render", "/nonexistent/h.jsonl"],
            "/nonexistent/h.jsonl",
        ),
        (
            vec![
                "history", "append", "--file", f, "--commit", "x", "--rustc", "r",
            ],
            "nothing to record",
        ),
        (
            vec![
                "history",
                "append",
                "--file",
                f,
                "--commit",
                "x",
                "--rustc",
                "r",
                "--criterion",
                "/nonexistent",
            ],
            "/nonexistent",
        ),
    ] {
        let o = gate(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.starts_with("gene-gate: history: ") && err.contains(needle),
            "{err}"
        );
    }
    // A failed append leaves the history as it was.
    assert_eq!(std::fs::read_to_string(&file).unwrap().lines().count(), 1);
}
