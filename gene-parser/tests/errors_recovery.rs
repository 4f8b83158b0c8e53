//! Recovery reports every error exactly once: seeded random mixes of valid and broken forms,
//! where the test knows where each defect is, must give exactly the expected errors (kind and
//! offset: precision and recall 1.0), keep every valid form, and agree with the strict parse
//! on the first error.
//!
//! Broken forms cover the kinds the issue named: NULs (between tokens, in strings, alone),
//! stray closers at top level (also indented), broken forms indented or after another broken
//! form on the same line, wrong closers, bad literals, property errors, multi-line forms with
//! the defect inside, broken forms that also miss their last closer (followed by a line that
//! starts at column 1), and, as the last form only (it runs to the end of input),
//! unterminated lists, maps and strings.

mod common;
use common::Rng;

use gene_parser::{ErrorKind, parse, parse_recovering, parse_recovering_each};

/// A valid form and its canonical dump.
const VALID: &[(&str, &str)] = &[
    ("(f x 1)", "(f x 1)"),
    ("[1 2 3]", "[1 2 3]"),
    ("{^a 1 ^b \"s\"}", "{^a 1 ^b \"s\"}"),
    ("(g\n  (h 1)\n  [2 3])", "(g (h 1) [2 3])"),
    ("sym", "sym"),
    ("(q ^k v x)", "(q ^k v x)"),
    ("(a [b {^c (d)}])", "(a [b {^c (d)}])"),
    ("\"x\ny\"", "\"x\\ny\""),
];

/// A broken form: its text, `|` marking where its one defect is reported, and the kind.
/// `None` for the dump: the form leaves nothing in the document; `Some` for the forms that
/// parse but for a NUL in a string.
const BROKEN: &[(&str, ErrorKind, Option<&str>)] = &[
    ("(f |^a)", ErrorKind::MissingPropertyValue, None),
    ("(g |]", ErrorKind::UnmatchedDelimiter, None),
    ("(var a [b c|))", ErrorKind::UnmatchedDelimiter, None),
    ("|)", ErrorKind::UnmatchedDelimiter, None),
    ("|]", ErrorKind::UnmatchedDelimiter, None),
    ("(a |\0 b)", ErrorKind::UnexpectedCharacter, None),
    ("|\0", ErrorKind::UnexpectedCharacter, None),
    (
        "\"x|\0y\"",
        ErrorKind::UnexpectedCharacter,
        Some("\"x\\u{0}y\""),
    ),
    ("(n |12abc)", ErrorKind::UnsupportedNumber, None),
    ("(h |0xZZ)", ErrorKind::InvalidHexInt, None),
    ("(c |'ab')", ErrorKind::InvalidChar, None),
    ("(s \"|\\u12\")", ErrorKind::InvalidEscape, None),
    ("{|a 1}", ErrorKind::ExpectedPropertyKey, None),
    ("(f x ^a 1 y |^b 2)", ErrorKind::MisplacedProperties, None),
    ("{^a 1 |^a 2}", ErrorKind::DuplicateProperty, None),
    (
        "(fn f [x]\n  (g |^k)\n  (ok))",
        ErrorKind::MissingPropertyValue,
        None,
    ),
    (
        "(fn f [x]\n  (g |]\n  (ok))",
        ErrorKind::UnmatchedDelimiter,
        None,
    ),
    ("(r #/a/|g)", ErrorKind::InvalidRegexFlag, None),
    ("(i #\"|#{}\")", ErrorKind::InvalidInterpolation, None),
];

/// Broken forms that also miss their last closer: the skip stops at the next line that starts
/// a form at column 1, so they are always followed by a line break.
const UNCLOSED: &[(&str, ErrorKind)] = &[
    ("(a [b c|)", ErrorKind::UnmatchedDelimiter),
    (
        "(fn f [x]\n  (g |^k)\n  (ok)",
        ErrorKind::MissingPropertyValue,
    ),
    (
        "(fn f [x]\n  {|a 1}\n  [(ok)]",
        ErrorKind::ExpectedPropertyKey,
    ),
];

/// Forms that run to the end of input: only ever the last one.
const OPEN_AT_END: &[(&str, ErrorKind)] = &[
    ("|(a (b)", ErrorKind::UnterminatedList),
    ("|{^a 1", ErrorKind::UnterminatedMap),
    ("|\"abc\n(x)", ErrorKind::UnterminatedString),
    ("(a |\"b)", ErrorKind::UnterminatedString),
];

/// A generated source, the defects in it, and the dump of what should parse.
struct Mix {
    src: Vec<u8>,
    defects: Vec<(usize, ErrorKind)>,
    dump: String,
}

fn mix(rng: &mut Rng) -> Mix {
    let mut m = Mix {
        src: Vec::new(),
        defects: Vec::new(),
        dump: String::new(),
    };
    let forms = 1 + rng.below(12);
    let mut unclosed = false;
    for i in 0..forms {
        // Separators: mostly a line break; sometimes a blank or comment line, sometimes a
        // space (so the next form, broken or not, shares the line), sometimes indentation.
        if unclosed {
            m.src.push(b'\n');
        } else if i > 0 {
            match rng.below(8) {
                0 => m.src.extend_from_slice(b"\n\n"),
                1 => m.src.extend_from_slice(b"\n# a comment (\n"),
                2 => m.src.push(b' '),
                3 => m.src.extend_from_slice(b"\n  "),
                _ => m.src.push(b'\n'),
            }
        }
        // A stray closer after a form that misses its closer is that closer: not a defect.
        let after_unclosed = std::mem::take(&mut unclosed);
        if rng.below(8) == 0 {
            let (text, kind) = UNCLOSED[rng.below(UNCLOSED.len())];
            push_marked(&mut m, text, kind);
            unclosed = true;
        } else if rng.below(2) == 0 {
            let (text, dump) = VALID[rng.below(VALID.len())];
            m.src.extend_from_slice(text.as_bytes());
            m.dump.push_str(dump);
            m.dump.push('\n');
        } else {
            let (text, kind, dump) = BROKEN[rng.below(BROKEN.len())];
            if after_unclosed && kind == ErrorKind::UnmatchedDelimiter && text.starts_with('|') {
                unclosed = true;
                continue;
            }
            push_marked(&mut m, text, kind);
            if let Some(dump) = dump {
                m.dump.push_str(dump);
                m.dump.push('\n');
            }
        }
    }
    if rng.below(4) == 0 {
        let (text, kind) = OPEN_AT_END[rng.below(OPEN_AT_END.len())];
        m.src.push(b'\n');
        push_marked(&mut m, text, kind);
        // After an unclosed list, a following line at column 1 is recovered (it would be the
        // list's child, so that is all that runs to the end).
        if kind == ErrorKind::UnterminatedList && rng.below(2) == 0 {
            m.src.extend_from_slice(b"\n(after 1)\n");
            m.dump.push_str("(after 1)\n");
        }
    }
    m
}

/// Appends `text` without its `|`, recording the defect where the `|` was.
fn push_marked(m: &mut Mix, text: &str, kind: ErrorKind) {
    let at = text.find('|').expect("a broken form marks its defect");
    m.defects.push((m.src.len() + at, kind));
    m.src.extend_from_slice(&text.as_bytes()[..at]);
    m.src.extend_from_slice(&text.as_bytes()[at + 1..]);
}

#[test]
fn every_defect_is_reported_once_and_only_defects_are() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for case in 0..20_000 {
        let m = mix(&mut rng);
        let shown = String::from_utf8_lossy(&m.src).into_owned();
        let (doc, errors) = parse_recovering(&m.src);
        let found: Vec<(usize, ErrorKind)> =
            errors.iter().map(|e| (e.offset(), e.kind())).collect();
        assert_eq!(found, m.defects, "case {case}: {shown:?}\n{errors:#?}");
        assert_eq!(doc.dump(), m.dump, "case {case}: {shown:?}");
        // The streaming form hands over the same errors, in the same order.
        let mut each = Vec::new();
        let streamed = parse_recovering_each(&m.src, |e| each.push(e));
        assert_eq!((streamed.dump(), &each), (m.dump.clone(), &errors));
        assert_eq!(
            parse(&m.src).err(),
            errors.first().cloned(),
            "case {case}: {shown:?}"
        );
    }
}

#[test]
fn the_issue_cases() {
    // Each source, and the line and column of every error it must give.
    type Case = (&'static [u8], &'static [(u32, u32)]);
    let cases: [Case; 5] = [
        (b"(f ^a)\n(a \0 b)\n", &[(1, 4), (2, 4)]),
        (b"(f ^a)\n)\n(ok)\n", &[(1, 4), (2, 1)]),
        (b"(f ^a)\n  (g ]\n(ok)\n", &[(1, 4), (2, 6)]),
        (b"\0(a ]\n\0", &[(1, 1), (1, 5), (2, 1)]),
        (b"(a ]\n(a ]\n", &[(1, 4), (2, 4)]),
    ];
    for (src, expected) in cases {
        let (_, errors) = parse_recovering(src);
        let places: Vec<_> = errors.iter().map(|e| (e.line(), e.column())).collect();
        assert_eq!(places, expected, "{:?}", String::from_utf8_lossy(src));
        assert_eq!(parse(src).err(), errors.first().cloned());
    }
}

#[test]
fn on_random_soups_errors_are_ordered_distinct_and_start_with_the_strict_error() {
    let alphabet = b"()[]{}#\"'`%^;:,./\\ \n\r@!=-01aZ\0\t";
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    for case in 0..5_000 {
        let len = rng.below(200);
        let src: Vec<u8> = (0..len)
            .map(|_| alphabet[rng.below(alphabet.len())])
            .collect();
        let (_, errors) = parse_recovering(&src);
        let shown = String::from_utf8_lossy(&src).into_owned();
        assert!(
            errors.windows(2).all(|w| w[0].offset() < w[1].offset()),
            "case {case}: {shown:?}\n{errors:#?}"
        );
        assert_eq!(
            parse(&src).err(),
            errors.first().cloned(),
            "case {case}: {shown:?}"
        );
        let nuls = src.iter().filter(|&&b| b == 0).count();
        let nul_errors = errors
            .iter()
            .filter(|e| e.message() == "a NUL byte is not allowed in Gene source")
            .count();
        assert_eq!(nul_errors, nuls, "case {case}: every NUL once: {shown:?}");
    }
}
