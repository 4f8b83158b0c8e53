//! One error, one line: whatever bytes the input holds, an error's `to_string()` (with or
//! without a path) holds no control character and no line break, and its message stays under
//! `MAX_MESSAGE_LEN` bytes (quoted source is a short, escaped excerpt).
//!
//! Inputs: every must-reject vector of GENE_SYNTAX.md (every error kind but `InputTooLarge`,
//! whose message quotes nothing), hand-written ones that quote long or control-laden text, and
//! seeded random mutations of them with control bytes, invalid UTF-8 and long runs inserted.

mod common;
use common::Rng;

use std::collections::BTreeSet;

use gene_parser::{Error, MAX_MESSAGE_LEN, parse, parse_recovering};

/// Characters that would break a line or act on a terminal.
fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}')
}

fn check(error: &Error, src: &[u8]) {
    let shown = || String::from_utf8_lossy(&src[..src.len().min(200)]).into_owned();
    assert!(
        error.message().len() <= MAX_MESSAGE_LEN,
        "{} bytes: {error:?} for {:?}",
        error.message().len(),
        shown()
    );
    for text in [
        error.to_string(),
        error.clone().with_path("dir/file.gene").to_string(),
        error
            .clone()
            .with_path("evil\n\x1b[31mname\r\t.gene")
            .to_string(),
    ] {
        assert!(!text.chars().any(is_unsafe), "{text:?} for {:?}", shown());
        assert!(
            text.len() <= MAX_MESSAGE_LEN + 80,
            "{} bytes for {:?}",
            text.len(),
            shown()
        );
    }
}

fn check_all(src: &[u8], kinds: &mut BTreeSet<&'static str>) {
    if let Err(error) = parse(src) {
        kinds.insert(error.kind().name());
        check(&error, src);
    }
    for error in parse_recovering(src).1 {
        kinds.insert(error.kind().name());
        check(&error, src);
    }
}

/// Inputs whose messages quote source: long tokens, control bytes, invalid UTF-8.
fn quoting_inputs() -> Vec<Vec<u8>> {
    let long = "k".repeat(200_000);
    vec![
        b"\"\\u12\n34\"".to_vec(),
        format!("\"{}", "x\n".repeat(100_000)).into_bytes(),
        format!("(a {{^{long} 1 ^{long} 2}})").into_bytes(),
        format!("(f ^{long})").into_bytes(),
        format!("{{^{long} 1 ^{long}^b 2}}").into_bytes(),
        format!("1{long}").into_bytes(),
        format!("9{}", "9".repeat(100_000)).into_bytes(),
        b"12\x1b[31mabc".to_vec(),
        b"0x\x1b\x07".to_vec(),
        b"'\x1b\n'".to_vec(),
        b"\"\\u\x1b\x1b\x1b\x1b\"".to_vec(),
        b"(a \x0b)".to_vec(),
        b"(a \x0c)".to_vec(),
        b"(a \xff\xfe ]".to_vec(),
        "(a \u{2028}\u{202e} ]".as_bytes().to_vec(),
        b"#/a/\x1b".to_vec(),
        b"2024-13-01\x1b".to_vec(),
        b"12:99\x1b".to_vec(),
        b"2024-01-01T25:00\r".to_vec(),
        b"`".to_vec(),
        b"%\r".to_vec(),
        b"#@a".to_vec(),
        "(".repeat(2_000).into_bytes(),
        b"{a\r 1}".to_vec(),
        b"#\"#{a\n b}\"".to_vec(),
    ]
}

#[test]
fn every_error_renders_on_one_bounded_line() {
    let mut kinds = BTreeSet::new();
    let mut seeds: Vec<Vec<u8>> = quoting_inputs();
    for file in common::data_files() {
        for (_, input) in common::inputs(&file) {
            seeds.push(input);
        }
    }
    for src in &seeds {
        check_all(src, &mut kinds);
    }
    // Every kind but `InputTooLarge` (2 GiB to build) has been rendered.
    let missing: Vec<_> = [
        "UnterminatedList",
        "UnterminatedMap",
        "UnterminatedString",
        "UnterminatedRegex",
        "UnexpectedEof",
        "UnmatchedDelimiter",
        "InvalidEscape",
        "InvalidChar",
        "InvalidNumber",
        "UnsupportedNumber",
        "InvalidHexInt",
        "InvalidBytes",
        "InvalidDate",
        "InvalidDateTime",
        "InvalidTime",
        "InvalidRegexFlag",
        "MisplacedProperties",
        "MissingPropertyValue",
        "DuplicateProperty",
        "PropertyPathConflict",
        "ExpectedPropertyKey",
        "InvalidInterpolation",
        "UnexpectedCharacter",
        "NestingTooDeep",
    ]
    .into_iter()
    .filter(|k| !kinds.contains(k))
    .collect();
    assert!(missing.is_empty(), "no input gave {missing:?}");

    // Random mutations: control bytes, invalid UTF-8, separators and long runs spliced in.
    let noise: [&[u8]; 10] = [
        b"\n",
        b"\r",
        b"\x1b[2J",
        b"\x00",
        b"\x07\x08",
        b"\xff",
        b"\xe2\x80\xa8",
        b"\t",
        b"\x7f",
        b"\xc2\x85",
    ];
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    for _ in 0..20_000 {
        let mut src = seeds[rng.below(seeds.len())].clone();
        if src.len() > 4_096 {
            src.truncate(4_096);
        }
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(src.len() + 1);
            let piece: Vec<u8> = match rng.below(5) {
                0 => noise[rng.below(noise.len())].repeat(1 + rng.below(60)),
                _ => noise[rng.below(noise.len())].to_vec(),
            };
            src.splice(at..at, piece);
        }
        check_all(&src, &mut kinds);
    }
}

#[test]
fn a_long_unterminated_string_gives_a_short_message() {
    let src = format!("\"{}", "line of text\n".repeat(16_000));
    let error = parse(src.as_bytes()).unwrap_err();
    assert!(error.to_string().len() < 200, "{error}");
    assert!(!error.to_string().contains('\n'));
}
