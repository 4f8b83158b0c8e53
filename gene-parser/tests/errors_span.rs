//! Error ranges: every error's [`Error::span`] starts at its offset, ends within the input,
//! is not empty when the input has a byte at the offset, and covers the construct its kind
//! names (the whole rest of the input for an unterminated construct, the closer for an
//! unmatched delimiter, the literal for a bad literal, the byte for a NUL).
//!
//! Inputs: every must-reject vector of GENE_SYNTAX.md (every error kind but `InputTooLarge`),
//! hand-written cases, the errors of recovering parses, and seeded random mutations.

mod common;

use std::collections::BTreeSet;

use gene_parser::{Error, ErrorKind, IncrementalDocument, parse, parse_recovering};

/// A deterministic xorshift generator.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// Where a token's range is cut (`MAX_TOKEN_RANGE` in `error.rs`).
const TOKEN_RANGE_CUT: usize = 1024;

/// The kinds whose range runs to the end of the input.
fn reaches_the_end(kind: ErrorKind) -> bool {
    matches!(
        kind,
        ErrorKind::UnterminatedString
            | ErrorKind::UnterminatedList
            | ErrorKind::UnterminatedMap
            | ErrorKind::UnterminatedRegex
            | ErrorKind::UnexpectedEof
    )
}

/// The invariants every error's range holds in `src`.
fn check(error: &Error, src: &[u8]) {
    let span = error.span();
    let shown = || String::from_utf8_lossy(&src[..src.len().min(200)]).into_owned();
    assert_eq!(span.start, error.offset(), "{error:?} in {:?}", shown());
    assert_eq!(span.end, error.end(), "{error:?} in {:?}", shown());
    assert!(
        span.start <= span.end && span.end <= src.len(),
        "{span:?} outside {} bytes: {error:?} in {:?}",
        src.len(),
        shown()
    );
    if error.offset() < src.len() {
        assert!(!span.is_empty(), "empty range: {error:?} in {:?}", shown());
    }
    if let Ok(text) = std::str::from_utf8(src) {
        assert!(
            text.is_char_boundary(span.end),
            "{span:?} ends inside a character: {error:?} in {:?}",
            shown()
        );
    }
    if reaches_the_end(error.kind()) {
        assert_eq!(span.end, src.len(), "{error:?} in {:?}", shown());
    } else {
        assert!(
            span.len() <= TOKEN_RANGE_CUT,
            "{span:?}: {error:?} in {:?}",
            shown()
        );
    }
    if error.kind() == ErrorKind::UnmatchedDelimiter && span.start < src.len() {
        let closer = &src[span.clone()];
        assert!(
            [&b")"[..], b"]", b"}", b"}}"].contains(&closer),
            "unmatched delimiter range {:?}: {error:?} in {:?}",
            String::from_utf8_lossy(closer),
            shown()
        );
    }
}

/// The must-reject vectors, and hand-written inputs for the kinds they do not cover.
fn must_reject() -> Vec<Vec<u8>> {
    let file = common::data_dir().join("must_reject.txt");
    let mut inputs: Vec<Vec<u8>> = common::inputs(&file)
        .into_iter()
        .map(|(_, src)| src)
        .collect();
    let deep = format!("{}{}", "(".repeat(1100), ")".repeat(1100));
    for extra in [
        "{^a 1\n ^a^b 2}",
        "x {^a^ 1}",
        "(a \0 b)",
        "a \u{0B} b",
        deep.as_str(),
    ] {
        inputs.push(extra.as_bytes().to_vec());
    }
    inputs
}

#[test]
fn every_must_reject_vector_has_a_range_within_the_input() {
    let mut kinds = BTreeSet::new();
    for src in must_reject() {
        let error = parse(&src).expect_err("a must-reject vector");
        check(&error, &src);
        kinds.insert(error.kind().name());
        let (_, errors) = parse_recovering(&src);
        for error in &errors {
            check(error, &src);
        }
    }
    // Every kind but `InputTooLarge` is covered by the vectors.
    assert_eq!(kinds.len(), 24, "only {} kinds: {kinds:?}", kinds.len());
}

#[test]
fn ranges_cover_the_offending_construct() {
    let cases: &[(&str, ErrorKind, &str)] = &[
        (
            "(a \"bc\n(d) e",
            ErrorKind::UnterminatedString,
            "\"bc\n(d) e",
        ),
        ("x (a b", ErrorKind::UnterminatedList, "(a b"),
        ("(a ]", ErrorKind::UnmatchedDelimiter, "]"),
        ("(a b)) c", ErrorKind::UnmatchedDelimiter, ")"),
        ("(a 0x) b", ErrorKind::InvalidHexInt, "0x"),
        ("(a 'ab' b)", ErrorKind::InvalidChar, "'ab'"),
        ("(a 12px b)", ErrorKind::UnsupportedNumber, "12px"),
        ("(a \0 b)", ErrorKind::UnexpectedCharacter, "\0"),
        ("(a 2024-13-01 b)", ErrorKind::InvalidDate, "2024-13-01"),
    ];
    for &(src, kind, covered) in cases {
        let error = parse(src.as_bytes()).expect_err(src);
        check(&error, src.as_bytes());
        assert_eq!(error.kind(), kind, "{src:?}: {error:?}");
        assert_eq!(&src[error.span()], covered, "{src:?}: {error:?}");
    }
    // At the end of the input the range is empty there.
    let error = parse(b"(a `").expect_err("a missing item");
    check(&error, b"(a `");
}

/// The incremental document's error (rebased from a region) has the full parse's range.
#[test]
fn incremental_errors_have_the_full_parse_range() {
    for src in must_reject() {
        let full = parse(&src).expect_err("a must-reject vector");
        let mut text = b"(ok 1)\n(ok 2)\n".to_vec();
        let mut doc = IncrementalDocument::new(&text);
        doc.edit(text.len()..text.len(), &src)
            .expect_err("still rejected");
        text.extend_from_slice(&src);
        let expected = parse(&text).expect_err("rejected");
        let got = doc.error().expect("an error");
        assert_eq!(
            got.span(),
            expected.span(),
            "{:?}",
            String::from_utf8_lossy(&src)
        );
        let shift = text.len() - src.len();
        assert_eq!(
            expected.span(),
            full.span().start + shift..full.span().end + shift,
            "{:?}",
            String::from_utf8_lossy(&src)
        );
    }
}

/// Random bytes inserted into the vectors: every error of the full and recovering parses
/// keeps the invariants.
#[test]
fn mutated_inputs_keep_ranges_within_the_input() {
    let bytes = b"()[]{}\"'#\\ \n\r/:;%^`~-.0aZT!_\0\xFF\xC3\xA9";
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let vectors = must_reject();
    let mut checked = 0;
    for _ in 0..4000 {
        let mut src = vectors[rng.below(vectors.len())].clone();
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(src.len() + 1);
            src.insert(at, bytes[rng.below(bytes.len())]);
        }
        if let Err(error) = parse(&src) {
            check(&error, &src);
            checked += 1;
        }
        for error in parse_recovering(&src).1 {
            check(&error, &src);
        }
    }
    assert!(checked > 2000, "only {checked} errors checked");
}

/// Computing ranges is linear work: on inputs with an error every few bytes (each a token
/// that runs on without a delimiter, where a scan to the next delimiter would be quadratic),
/// the token ranges of a recovering parse sum to at most the input's length plus 64 bytes
/// per error and scale with it, and a long bad token's range is cut.
#[test]
fn ranges_of_dense_errors_are_linear_in_the_input() {
    for shape in ["1a", "1/2", "2024-13-01x", ")", "'ab'", "\0"] {
        let total = |copies: usize| {
            let src = shape.repeat(copies);
            let (_, errors) = parse_recovering(src.as_bytes());
            let mut sum = 0;
            for error in &errors {
                check(error, src.as_bytes());
                if !reaches_the_end(error.kind()) {
                    sum += error.span().len();
                }
            }
            // A bad literal's range may run 64 bytes on to a delimiter, over the next ones.
            let bound = src.len() + 64 * errors.len();
            assert!(sum <= bound, "{shape:?} x {copies}: ranges sum to {sum}");
            (sum, errors.len())
        };
        let (small, small_errors) = total(2000);
        // 8 times the input: at most 8 times the work (the slack is the ranges cut short at
        // the end of the smaller input); a scan to the next delimiter would be 64 times.
        let (large, large_errors) = total(16_000);
        assert!(small_errors > 0, "{shape:?} gives no error");
        assert!(
            large <= 8 * (small + 64 * 64),
            "{shape:?}: {small} then {large} bytes"
        );
        assert!(large_errors <= 8 * small_errors + 8, "{shape:?}");
    }
    let long = format!("(a 0x{})", "f".repeat(5000));
    let error = parse(long.as_bytes()).expect_err("too many hex digits");
    check(&error, long.as_bytes());
    assert_eq!(error.kind(), ErrorKind::InvalidHexInt);
    assert_eq!(error.span().len(), TOKEN_RANGE_CUT, "{error:?}");
}
