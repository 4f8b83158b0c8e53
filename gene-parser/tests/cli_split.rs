//! `gene-parse check` and `stats` on one large file at several `-j`: the file is split
//! between threads (`parse_parallel`, from 1 MiB on), and the output is the same bytes as
//! at `-j 1`, for a file that parses and for one with an error late in it.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_gene-parse");

fn run(args: &[&str]) -> (String, i32) {
    let o = Command::new(BIN)
        .args(args)
        .output()
        .expect("run gene-parse");
    let out = String::from_utf8(o.stdout).expect("stdout is UTF-8");
    (out, o.status.code().unwrap_or(-1))
}

/// The JSON stats line without the fields that are times.
fn without_times(line: &str) -> serde_json::Value {
    let mut v: serde_json::Value = serde_json::from_str(line).unwrap();
    for key in ["parse_time_ms", "throughput_mb_s"] {
        v.as_object_mut().unwrap().remove(key);
    }
    v
}

#[test]
fn one_large_file_gives_the_same_output_at_every_job_count() {
    let dir = tempfile::tempdir().unwrap();
    let mut src = gene_gen::generate(&gene_gen::Config::new(3, 45_000)).into_bytes();
    assert!(src.len() > 1 << 20, "{} bytes", src.len());
    let good = dir.path().join("good.gene");
    std::fs::write(&good, &src).unwrap();
    // An error three quarters in, at a line start: in the second piece at `-j 2`.
    let at = src.len() * 3 / 4;
    let line = at + src[at..].iter().position(|&b| b == b'\n').unwrap() + 1;
    src.splice(line..line, b"(f ^)\n".iter().copied());
    let bad = dir.path().join("bad.gene");
    std::fs::write(&bad, &src).unwrap();
    for file in [&good, &bad] {
        let file = file.to_str().unwrap();
        let check = run(&["check", "-j", "1", file]);
        let stats = run(&["stats", "--json", "-j", "1", file]);
        for j in ["2", "3", "8"] {
            assert_eq!(run(&["check", "-j", j, file]), check, "check -j {j} {file}");
            let split = run(&["stats", "--json", "-j", j, file]);
            assert_eq!(split.1, stats.1);
            assert_eq!(
                without_times(&split.0),
                without_times(&stats.0),
                "stats -j {j}"
            );
        }
    }
    assert!(
        run(&["check", good.to_str().unwrap()])
            .0
            .ends_with(": ok\n")
    );
    assert!(
        run(&["check", bad.to_str().unwrap()])
            .0
            .contains("has no value")
    );
}
