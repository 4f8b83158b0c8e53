//! Robustness: no input makes the parser panic, and every error has a sane position.
//!
//! Inputs: random bytes (biased toward bytes with a syntactic role), and mutations of valid
//! sources (the data vectors and generated files): a deleted or duplicated delimiter,
//! truncation, an inserted quote, inserted random bytes. For every input, `parse` returns
//! `Ok` or an `Err` whose offset is within the input and whose line and column are >= 1;
//! `parse_recovering` does not panic either; and whatever parses also round trips through
//! the printer. Failures found here become named regression tests at the end of the file.

mod common;

use gene_parser::{Error, PrintStyle, dump, parse, parse_recovering};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// Bytes that mean something to the reader, so random inputs reach deep into it.
const SYNTAX: &[u8] = b"()[]{}{{}}^^!#\"\"\"'`%;\\/ \n\r\t,0123456789.-+:eExTZ!*~@<>_abimnu";

fn check_error(src: &[u8], e: &Error) -> Result<(), TestCaseError> {
    prop_assert!(
        e.offset() <= src.len(),
        "offset {} > len {}: {e}",
        e.offset(),
        src.len()
    );
    prop_assert!(
        e.line() >= 1 && e.column() >= 1,
        "position {}:{}: {e}",
        e.line(),
        e.column()
    );
    Ok(())
}

/// The properties every input must satisfy.
fn check_input(src: &[u8]) -> Result<(), TestCaseError> {
    match parse(src) {
        Ok(doc) => {
            let want = doc.dump();
            for style in [PrintStyle::Compact, PrintStyle::Indented] {
                let printed = doc.print(style);
                let got = dump(&printed);
                prop_assert_eq!(
                    &got,
                    &want,
                    "{:?} round trip of {:?}; printed {:?}",
                    style,
                    String::from_utf8_lossy(src),
                    String::from_utf8_lossy(&printed)
                );
            }
        }
        Err(e) => check_error(src, &e)?,
    }
    let (_, errors) = parse_recovering(src);
    for e in &errors {
        check_error(src, e)?;
    }
    Ok(())
}

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

fn random_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        3 => proptest::sample::select(SYNTAX),
        1 => any::<u8>(),
    ]
}

#[test]
fn random_bytes_never_panic() {
    runner(4096)
        .run(&prop::collection::vec(random_byte(), 0..200), |src| {
            check_input(&src)
        })
        .unwrap();
}

/// Valid sources to mutate: every parsing data vector and a few generated files.
fn corpus() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for file in common::data_files() {
        for (_, input) in common::inputs(&file) {
            if parse(&input).is_ok() {
                out.push(input);
            }
        }
    }
    for seed in 0..4 {
        let cfg = gene_gen::Config::new(seed, 60).with_complexity(1 + seed as u8);
        out.push(gene_gen::generate(&cfg).into_bytes());
    }
    out
}

#[derive(Clone, Debug)]
enum Mutation {
    Delete(usize),
    DuplicateDelimiter(usize),
    DeleteDelimiter(usize),
    Truncate(usize),
    InsertQuote(usize, u8),
    Insert(usize, Vec<u8>),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = any::<usize>();
    prop_oneof![
        at.prop_map(Mutation::Delete),
        at.prop_map(Mutation::DuplicateDelimiter),
        at.prop_map(Mutation::DeleteDelimiter),
        at.prop_map(Mutation::Truncate),
        (at, proptest::sample::select(&b"\"'`#"[..]))
            .prop_map(|(i, q)| Mutation::InsertQuote(i, q)),
        (at, prop::collection::vec(random_byte(), 1..6)).prop_map(|(i, b)| Mutation::Insert(i, b)),
    ]
}

fn apply(src: &[u8], m: &Mutation) -> Vec<u8> {
    let mut out = src.to_vec();
    let delimiters: Vec<usize> = (0..src.len())
        .filter(|&i| b"()[]{}\"".contains(&src[i]))
        .collect();
    let pos = |i: usize| {
        if src.is_empty() {
            0
        } else {
            i % (src.len() + 1)
        }
    };
    match m {
        Mutation::Delete(i) if !src.is_empty() => {
            out.remove(i % src.len());
        }
        Mutation::DuplicateDelimiter(i) if !delimiters.is_empty() => {
            let at = delimiters[i % delimiters.len()];
            out.insert(at, src[at]);
        }
        Mutation::DeleteDelimiter(i) if !delimiters.is_empty() => {
            out.remove(delimiters[i % delimiters.len()]);
        }
        Mutation::Truncate(i) => out.truncate(pos(*i)),
        Mutation::InsertQuote(i, q) => out.insert(pos(*i), *q),
        Mutation::Insert(i, bytes) => {
            let at = pos(*i);
            out.splice(at..at, bytes.iter().copied());
        }
        _ => {}
    }
    out
}

#[test]
fn mutated_sources_never_panic() {
    let corpus = corpus();
    assert!(corpus.len() > 100);
    let strategy = (
        proptest::sample::select(corpus),
        prop::collection::vec(mutation(), 1..4),
    );
    runner(2048)
        .run(&strategy, |(src, mutations)| {
            let mut src = src;
            for m in &mutations {
                src = apply(&src, m);
            }
            check_input(&src)
        })
        .unwrap();
}

/// Runs the checks on one input outside proptest, for the regression tests below.
fn regression(src: &[u8]) {
    check_input(src).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn regression_edges() {
    // Inputs at the edges of the reader that the suites above reach only by chance.
    for src in [
        &b""[..],
        b"\\",
        b"#",
        b"%",
        b"`",
        b"'",
        b"\"",
        b"#\"",
        b"#/",
        b"0#",
        b"^",
        b"{^",
        b"(;",
        b"#\"#{",
        b"#\"#{a",
        b"#\"#(",
        b"\xEF\xBB\xBF",
        b"\xEF\xBB",
        b"#<",
        b"1e",
        b"2024-",
        b"10:",
        b"{^a^",
        b"\r\n\r",
    ] {
        regression(src);
    }
}
