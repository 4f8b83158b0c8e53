//! The `gene-gen` binary, always writing into temporary directories.

use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_gene-gen"))
}

/// Runs `cmd` and asserts that it succeeded, showing its stderr if not.
fn succeed(cmd: &mut Command) -> Output {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

#[test]
fn generates_named_file_and_manifest() {
    let dir = tempfile::tempdir().unwrap();
    succeed(
        bin()
            .args([
                "--lines",
                "1234",
                "--seed",
                "9",
                "--complexity",
                "2",
                "--errors",
                "3",
                "--out",
            ])
            .arg(dir.path()),
    );
    let name = "gene_1234l_s9_c2_e3_v1.gene";
    let text = std::fs::read_to_string(dir.path().join(name)).unwrap();
    assert_eq!(text.lines().count(), 1234);
    let cfg = gene_gen::Config::new(9, 1234)
        .with_complexity(2)
        .with_errors(3);
    assert_eq!(text, gene_gen::generate(&cfg));
    let manifest =
        std::fs::read_to_string(dir.path().join(format!("{name}.manifest.json"))).unwrap();
    for key in [
        "\"generator_version\": 1",
        "\"seed\": 9",
        "\"lines\": 1234",
        "\"sha256\": \"",
        "\"kind\": \"",
    ] {
        assert!(manifest.contains(key), "{key} missing in\n{manifest}");
    }
    assert!(manifest.contains(&format!("\"bytes\": {}", text.len())));
}

#[test]
fn preset_all_and_clean() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("large_files");
    succeed(
        bin()
            .args(["--preset", "small", "--preset", "medium", "--out"])
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
    let printed = String::from_utf8(out.stdout).unwrap();
    assert!(
        printed.contains("_m") && printed.trim_end().ends_with("_v1.gene"),
        "{printed}"
    );
}

#[test]
fn profile_table_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.gene");
    std::fs::write(&file, gene_gen::generate(&gene_gen::Config::new(1, 10_000))).unwrap();
    let out = succeed(bin().arg("profile").arg(&file));
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(
        table.contains("nesting.mean_token_depth") && !table.contains("OUT OF RANGE"),
        "{table}"
    );
    let out = bin()
        .arg("profile")
        .arg("--json")
        .arg(&file)
        .output()
        .unwrap();
    let json = String::from_utf8(out.stdout).unwrap();
    assert!(
        json.starts_with("{\"size\":{") && json.contains("\"mean_token_depth\":"),
        "{json}"
    );
}

#[test]
fn bad_arguments_fail_with_usage() {
    for args in [
        &["--complexity", "9"][..],
        &["--mix", "nope=1"],
        &["--frobnicate"],
        &["--preset", "huge"],
    ] {
        let out = bin()
            .args(args)
            .arg("--out")
            .arg("/nonexistent/never")
            .output()
            .unwrap();
        assert!(!out.status.success(), "{args:?}");
    }
}
