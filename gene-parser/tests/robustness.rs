//! Robustness: deep nesting, non-UTF-8 bytes, random and spliced inputs, unterminated
//! constructs at end of input, huge tokens, NUL / VT / FF, a lone backslash.
//!
//! The parser must always end in `Ok` or a clean `Err` (GENE_SYNTAX.md §5.11, §6; issue 2):
//! never a panic, a stack overflow or a hang.

use gene_parser::{Error, ErrorKind, Lexer, ParseOptions, parse, parse_with};

fn dump(src: &[u8]) -> String {
    gene_parser::dump(src)
}

#[track_caller]
fn kind_of(src: &[u8]) -> ErrorKind {
    match parse(src) {
        Ok(doc) => panic!(
            "{:?} parsed, dump {:?}",
            String::from_utf8_lossy(&src[..src.len().min(80)]),
            doc.dump()
        ),
        Err(e) => e.kind(),
    }
}

#[track_caller]
fn err(src: &[u8]) -> Error {
    match parse(src) {
        Ok(doc) => panic!(
            "{:?} parsed, dump {:?}",
            String::from_utf8_lossy(&src[..src.len().min(80)]),
            doc.dump()
        ),
        Err(e) => e,
    }
}

// ---------------------------------------------------------------------------------------------
// Deep nesting

/// `open` repeated `n` times, then `middle`, then `close` repeated `n` times.
fn nest(open: &str, middle: &str, close: &str, n: usize) -> Vec<u8> {
    let mut s = Vec::with_capacity(n * (open.len() + close.len()) + middle.len());
    for _ in 0..n {
        s.extend_from_slice(open.as_bytes());
    }
    s.extend_from_slice(middle.as_bytes());
    for _ in 0..n {
        s.extend_from_slice(close.as_bytes());
    }
    s
}

/// The six nesting shapes of issue 2, each `n` levels deep.
fn deep_inputs(n: usize) -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("gene", nest("(", "x", ")", n)),
        ("array", nest("[", "x", "]", n)),
        ("map", nest("{^a ", "1", "}", n)),
        ("quote", nest("`", "x", "", n)),
        ("interpolation", nest("#\"#{", "x", "}\"", n)),
        ("unquote", nest("%", "x", "", n)),
        ("frozen gene", nest("#(", "x", ")", n)),
        ("hash map", nest("{{", "x", "}}", n)),
        ("decorator", nest("#@f ", "x", "", n)),
        ("unquote discard", nest("%_", "x", "", n)),
        // Each level is two constructs (the string and the gene), so half as many levels.
        ("interp gene", nest("#\"#(", "x", ")\"", n / 2)),
        ("key path", {
            let mut s = b"{".to_vec();
            for _ in 0..n {
                s.extend_from_slice(b"^a");
            }
            s.extend_from_slice(b" 1}");
            s
        }),
        ("mixed", nest("([{^k `%", "x", "}])", n / 5)),
    ]
}

/// The expected dump of the 1,000-level inputs, built independently of the parser.
fn expected_deep_dump(name: &str, n: usize) -> Option<String> {
    let s = match name {
        "gene" => nest("(", "x", ")", n),
        "array" => nest("[", "x", "]", n),
        "map" => nest("{^a ", "1", "}", n),
        "quote" => nest("<quote ", "x", ">", n),
        "unquote" => nest("<unquote ", "x", ">", n),
        "frozen gene" => nest("#(", "x", ")", n),
        "hash map" => nest("{{", "x", "}}", n),
        "decorator" => nest("(f ", "x", ")", n),
        "unquote discard" => nest("<unquote_discard ", "x", ">", n),
        "interpolation" => nest("(#Str ", "x", " \"\")", n),
        "interp gene" => nest("(#Str (", "x", ") \"\")", n / 2),
        "key path" => nest("{^a ", "1", "}", n),
        _ => return None,
    };
    let mut s = String::from_utf8(s).unwrap();
    s.push('\n');
    Some(s)
}

fn check_deep_1000() {
    for (name, src) in deep_inputs(1000) {
        let doc = parse(&src).unwrap_or_else(|e| panic!("{name}: 1,000 levels must parse: {e:?}"));
        assert_eq!(doc.roots().len(), 1, "{name}");
        if let Some(want) = expected_deep_dump(name, 1000) {
            assert_eq!(doc.dump(), want, "{name}");
        }
        assert_eq!(Lexer::new(&src).count(), doc.token_count(), "{name}");
        drop(doc);
    }
}

#[test]
fn thousand_levels_parse_on_a_default_2mib_thread() {
    let handle = std::thread::Builder::new()
        .name("deep".into())
        .stack_size(2 << 20)
        .spawn(check_deep_1000)
        .unwrap();
    handle.join().expect("1,000 levels must fit a 2 MiB stack");
}

#[test]
fn interp_gene_expected_dump_helper_is_right() {
    // Guard for the hand-built expectation above.
    assert_eq!(
        expected_deep_dump("interp gene", 4).unwrap(),
        "(#Str ((#Str (x) \"\")) \"\")\n"
    );
    assert_eq!(
        dump(b"#\"#(#\"#(x)\")\""),
        "(#Str ((#Str (x) \"\")) \"\")\n"
    );
}

#[test]
fn a_million_levels_are_rejected_cleanly() {
    let handle = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(|| {
            for (name, src) in deep_inputs(1_000_000) {
                let e = parse(&src)
                    .err()
                    .unwrap_or_else(|| panic!("{name}: a million levels must be rejected"));
                assert_eq!(e.kind(), ErrorKind::NestingTooDeep, "{name}: {e:?}");
                assert!(e.offset() < src.len(), "{name}: {e:?}");
                assert_eq!(e.line(), 1, "{name}");
            }
        })
        .unwrap();
    handle
        .join()
        .expect("rejecting deep input must not overflow the stack");
}

#[test]
fn unclosed_deep_nesting_is_rejected_cleanly() {
    // (`%` is left out: a trailing `%` is the symbol `%`, so `%%%` is well-formed.)
    for open in ["(", "[", "{{", "#[", "`", "%_", "#@f ", "#\"#{"] {
        let src = open.repeat(1_000_000);
        let e = err(src.as_bytes());
        assert_eq!(e.kind(), ErrorKind::NestingTooDeep, "{open}: {e:?}");
        let src = open.repeat(500);
        let e = err(src.as_bytes());
        assert_ne!(e.kind(), ErrorKind::NestingTooDeep, "{open}: {e:?}");
    }
}

#[test]
fn default_limit_is_exact() {
    let max = gene_parser::DEFAULT_MAX_DEPTH as usize;
    assert!(max >= 1000, "issue 2: 1,000 levels must parse");
    assert!(parse(&nest("(", "", ")", max)).is_ok());
    let e = err(&nest("(", "", ")", max + 1));
    assert_eq!(e.kind(), ErrorKind::NestingTooDeep);
    // §6.2: the opening bracket that goes too deep.
    assert_eq!(e.offset(), max);
    assert_eq!((e.line(), e.column()), (1, max as u32 + 1));
}

#[test]
fn custom_max_depth_is_honoured() {
    let opts = |max_depth| ParseOptions { max_depth };
    let src = b"((((x))))";
    assert!(parse_with(src, &opts(4)).is_ok());
    assert!(parse_with(src, &opts(100)).is_ok());
    let e = parse_with(src, &opts(3)).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NestingTooDeep);
    assert_eq!((e.line(), e.column(), e.offset()), (1, 4, 3));
    let e = parse_with(b"[\n [\n  [x]]]", &opts(2)).unwrap_err();
    assert_eq!(
        (e.kind(), e.line(), e.column()),
        (ErrorKind::NestingTooDeep, 3, 3)
    );
    // Siblings do not add up: only depth counts.
    assert!(parse_with(b"(a) (b) [c] {^d 1} ((e) (f))", &opts(2)).is_ok());
    // Every kind of nesting is bounded.
    for src in [
        &b"[[[x]]]"[..],
        b"{^a {^b {^c 1}}}",
        b"```x",
        b"%%%x",
        b"#\"#{#\"#{#\"#{x}\"}\"}\"",
        b"{{{{{{x}}}}}}",
    ] {
        assert!(parse_with(src, &opts(10)).is_ok(), "{src:?}");
        let e = parse_with(src, &opts(1)).unwrap_err();
        assert_eq!(
            e.kind(),
            ErrorKind::NestingTooDeep,
            "{:?}",
            String::from_utf8_lossy(src)
        );
    }
    // max_depth 0 still accepts atoms.
    assert!(parse_with(b"1 a \"s\"", &opts(0)).is_ok());
    assert_eq!(
        parse_with(b"(a)", &opts(0)).unwrap_err().kind(),
        ErrorKind::NestingTooDeep
    );
    // A huge limit is fine for shallow input.
    assert!(parse_with(b"(((x)))", &opts(u32::MAX)).is_ok());
}

// ---------------------------------------------------------------------------------------------
// Non-UTF-8 bytes (§0: bytes >= 0x80 behave like letters in symbols and are copied into
// strings; the dump escapes bytes that are not well-formed UTF-8 as \x{..}).

#[test]
fn non_utf8_bytes() {
    let cases: &[(&[u8], &str)] = &[
        (b"\xff\xfe", "\\x{FF}\\x{FE}\n"),
        (b"a\x80b", "a\\x{80}b\n"),
        (b"\"\xff\"", "\"\\x{FF}\"\n"),
        (b"\"\xc3\xa9\xc3\"", "\"\u{e9}\\x{C3}\"\n"),
        (b"\"\xc0\x80\"", "\"\\x{C0}\\x{80}\"\n"),
        (b"\"\xed\xa0\x80\"", "\"\\x{ED}\\x{A0}\\x{80}\"\n"),
        (b"\"\xf4\x8f\xbf\xbf\"", "\"\u{10FFFF}\"\n"),
        (
            b"\"\xf4\x90\x80\x80\"",
            "\"\\x{F4}\\x{90}\\x{80}\\x{80}\"\n",
        ),
        (b"\"\xe2\x82\"", "\"\\x{E2}\\x{82}\"\n"),
        (b"# \xff\xfe comment\n1", "1\n"),
        (b"#< \xff ># 2", "2\n"),
        (b"{^\xff 1}", "{^\\x{FF} 1}\n"),
        (b"(f ^k\xe9 1)", "(f ^k\\x{E9} 1)\n"),
        (b"'\xff'", "'\\x{FF}'\n"),
        (b"#/\xff/", "<regex \"\\x{FF}\" \"\">\n"),
        (
            b"10:00[\xff/x]",
            "<time 10:00:00.000000 +00:00 \"\\x{FF}/x\">\n",
        ),
        (b"\xff/\xfe", "\\x{FF}/\\x{FE}\n"),
        (b"#\"\xff#{x}\"", "(#Str \"\\x{FF}\" x \"\")\n"),
        (b"\xff1", "\\x{FF}1\n"),
        (b"[\xe2\x82\xac \xe2\x82]", "[\u{20ac} \\x{E2}\\x{82}]\n"),
        (b"#\xff", "#\\x{FF}\n"),
        (b"a\\\xff", "a\\x{FF}\n"),
    ];
    for (src, want) in cases {
        assert_eq!(dump(src), *want, "input {src:?}");
        let doc = parse(src).unwrap();
        assert_eq!(Lexer::new(src).count(), doc.token_count());
    }
    // A non-ASCII char literal fails at its second byte (§3.3).
    assert_eq!(kind_of(b"'\xc3\xa9'"), ErrorKind::InvalidChar);
}

// ---------------------------------------------------------------------------------------------
// Random bytes and random splices

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Parses `src` and checks every invariant that must hold whatever the bytes.
fn check_invariants(src: &[u8]) {
    // The lexer terminates: never more tokens than bytes, plus a little.
    let mut lexer = Lexer::new(src);
    let mut count = 0usize;
    let mut last_end = 0u32;
    for tok in lexer.by_ref().take(src.len() + 2) {
        assert!(tok.start <= tok.end, "{src:?}: {tok:?}");
        assert!(tok.end as usize <= src.len(), "{src:?}: {tok:?}");
        assert!(tok.start >= last_end, "{src:?}: tokens overlap at {tok:?}");
        last_end = tok.end;
        count += 1;
    }
    assert!(
        lexer.next().is_none(),
        "lexer does not terminate on {src:?}"
    );
    let opts = ParseOptions { max_depth: 16 };
    for result in [parse(src), parse_with(src, &opts)] {
        match result {
            Ok(doc) => {
                assert_eq!(count, doc.token_count(), "token count differs on {src:?}");
                let d = doc.dump();
                assert!(d.is_empty() || d.ends_with('\n'), "{src:?}");
                assert_eq!(d.lines().count(), doc.roots().len(), "{src:?}: {d:?}");
                assert!(!d.contains("<error>"), "{src:?}");
                if src.contains(&0) {
                    panic!("{src:?} holds a NUL byte but parsed (Q3: error), dump {d:?}");
                }
            }
            Err(e) => {
                assert!(e.offset() <= src.len(), "{src:?}: {e:?}");
                assert!(e.line() >= 1 && e.column() >= 1, "{src:?}: {e:?}");
                assert_eq!(
                    gene_parser::line_column(src, e.offset()),
                    (e.line(), e.column()),
                    "{src:?}: {e:?}"
                );
                assert!(!e.message().is_empty());
                let shown = e.to_string();
                assert!(shown.starts_with("<input>:"), "{shown}");
            }
        }
    }
    // dump() agrees with parse(), and parsing is deterministic.
    let d = dump(src);
    match parse(src) {
        Ok(doc) => assert_eq!(d, doc.dump()),
        Err(_) => assert_eq!(d, "<error>\n"),
    }
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    const SYNTAX: &[u8] =
        b"()[]{}^#\"'`%;,\\/:.-+0123456789xeE_!~*=<>@ \t\n\r\x0b\x0c\x00\xc3\xa9\xff";
    for i in 0..4000 {
        let len = match i % 4 {
            0 => rng.below(8),
            1 => rng.below(40),
            2 => rng.below(200),
            _ => rng.below(1500),
        };
        let src: Vec<u8> = (0..len)
            .map(|_| {
                if i % 3 == 0 {
                    rng.next() as u8
                } else {
                    SYNTAX[rng.below(SYNTAX.len())]
                }
            })
            .collect();
        check_invariants(&src);
    }
}

const FRAGMENTS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "{{",
    "}}",
    "#(",
    "#[",
    "#{",
    "#{{",
    "^",
    "^^",
    "^!",
    "^a",
    "^a^b",
    "^a^^b",
    "^a^!b",
    "`",
    "%",
    "%_",
    "%=",
    "%,",
    "#@",
    ";",
    ",",
    " ",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "#",
    "# c\n",
    "#!sh\n",
    "#<",
    ">#",
    "#<c>#",
    "\"",
    "\"\"\"",
    "#\"",
    "#\"\"\"",
    "#{",
    "\\",
    "\\u",
    "\\ud83d",
    "\\ude03",
    "\\u00e9",
    "'",
    "'a'",
    "'\\n'",
    "'''",
    "a",
    "b",
    "ns/f",
    "/",
    "x\\/y",
    "nil",
    "true",
    "1",
    "-7",
    "+8",
    "0x",
    "0xff",
    "1.5",
    "2.",
    "1e",
    "1e5",
    "9223372036854775808",
    "0!",
    "0!101",
    "0#",
    "0#ff",
    "0*",
    "0*AQ==",
    "~",
    "2024-01-05",
    "T",
    "10:00",
    ":30",
    ".5",
    "Z",
    "+02:00",
    "[A/B]",
    "#/",
    "#/a/",
    "/i",
    "/m",
    "é",
    "\u{1F600}",
    "\u{feff}",
    "\x0b",
    "\x00",
    "1/2",
    "10px",
];

#[test]
fn random_splices_never_panic() {
    let mut rng = XorShift(0xD1B5_4A32_D192_ED03);
    for i in 0..6000 {
        let n = 1 + rng.below(if i % 10 == 0 { 200 } else { 24 });
        let mut src = Vec::new();
        for _ in 0..n {
            src.extend_from_slice(FRAGMENTS[rng.below(FRAGMENTS.len())].as_bytes());
        }
        check_invariants(&src);
        // Also every prefix of a few of them: truncation is the commonest real-world damage.
        if i % 50 == 0 {
            for cut in 0..src.len() {
                check_invariants(&src[..cut]);
            }
        }
    }
}

#[test]
fn prefixes_of_valid_programs_never_panic() {
    let programs: &[&[u8]] = &[
        b"(fn add [a b] ^^pure (a + b)) #\"sum: #{(add 1 2)} and #[3]!\" #/(\\w+)/$1/im 0*AQID~\n BA== 2024-02-29T13:05:09.5Z[Europe/Rome]",
        b"{^db^host \"h\" ^db^port 5432 ^opt^!debug} {{1 2}} #(a; b ^p 1 c) `(x %y %_z) #@trace (run 1) '\\n' \"\"\"\n  hi\n  \"\"\"",
        b"\xEF\xBB\xBF#!/usr/bin/env gene\n(class P ^final true (ctor [n] (/n = n))) #< c #<< d >># ># 0x1F_FF 1.5e3 -0 a\\ b",
    ];
    for p in programs {
        assert!(parse(p).is_ok(), "{}", String::from_utf8_lossy(p));
        for cut in 0..=p.len() {
            check_invariants(&p[..cut]);
        }
        // And every single-byte deletion.
        for skip in 0..p.len() {
            let mut s = p.to_vec();
            s.remove(skip);
            check_invariants(&s);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Unterminated everything at end of input

#[test]
fn unterminated_constructs() {
    use ErrorKind::*;
    let cases: &[(&[u8], ErrorKind)] = &[
        (b"\"abc", UnterminatedString),
        (b"\"abc\\", UnterminatedString),
        (b"\"\"\"abc", UnterminatedString),
        (b"\"\"\"abc\"\"", UnterminatedString),
        (b"\"\"\"abc\\", UnterminatedString),
        (b"#\"abc", UnterminatedString),
        (b"#\"\"\"abc\"", UnterminatedString),
        (b"#\"a#<c", UnterminatedString),
        (b"#/abc", UnterminatedRegex),
        (b"#/abc\\", UnterminatedRegex),
        (b"#/", UnterminatedRegex),
        (b"(a b", UnterminatedList),
        (b"#(a", UnterminatedList),
        (b"[a", UnterminatedList),
        (b"#[a", UnterminatedList),
        (b"(a; b", UnterminatedList),
        (b"{^a 1", UnterminatedMap),
        (b"#{^a 1", UnterminatedMap),
        (b"{", UnterminatedMap),
        (b"{{1 2", UnterminatedMap),
        (b"#{{1", UnterminatedMap),
        (b"{{1 2}", UnmatchedDelimiter),
        (b"'a", InvalidChar),
        (b"'", InvalidChar),
        (b"'\\", InvalidChar),
        (b"`", UnexpectedEof),
        (b"%_", UnexpectedEof),
        (b"%,", UnexpectedEof),
        (b"#@", UnexpectedEof),
        (b"#@f", UnexpectedEof),
        (b"(f ^a", MissingPropertyValue),
        (b"2024-01-05T10:00Z[A/B", InvalidDateTime),
        (b"10:00[A/B", InvalidTime),
        (b"2024-01-", InvalidDate),
        (b"2024-01-05T10:", InvalidDateTime),
        (b"0!", InvalidBytes),
        (b"0#", InvalidBytes),
        (b"0*", InvalidBytes),
    ];
    for (src, kind) in cases {
        let e = err(src);
        assert_eq!(e.kind(), *kind, "{:?}: {e:?}", String::from_utf8_lossy(src));
        assert!(
            e.offset() < src.len().max(1),
            "{:?}: {e:?}",
            String::from_utf8_lossy(src)
        );
    }
    // Open interpolation holes at end of input are errors, whatever the kind.
    for src in [
        &b"#\"a#{b"[..],
        b"#\"a#{",
        b"#\"a#{b}",
        b"#\"a#(b",
        b"#\"a#[b]",
        b"#\"a#{^k 1",
        b"#\"\"\"a#{b}\"\"",
        b"\"abc\\u00",
    ] {
        err(src);
    }
    // A block comment, unlike everything else, silently runs to the end (Q4).
    assert_eq!(dump(b"1 #< open"), "1\n");
    assert_eq!(dump(b"1 #< open >"), "1\n");
    assert_eq!(dump(b"1 #<"), "1\n");
    // Byte literals may end with `~` (then skip, then end of input).
    assert_eq!(dump(b"0#ff~"), "<bytes \"ff\">\n");
}

// ---------------------------------------------------------------------------------------------
// Huge inputs

#[test]
fn ten_megabyte_symbol() {
    let src = vec![b'a'; 10 << 20];
    let doc = parse(&src).unwrap();
    assert_eq!(doc.roots().len(), 1);
    assert!(doc.heap_bytes() < 64 << 20, "heap {}", doc.heap_bytes());
    let d = doc.dump();
    assert_eq!(d.len(), (10 << 20) + 1);
    // Escaped: every other byte is a backslash escape.
    let src: Vec<u8> = b"\\ ".repeat(5 << 20);
    let doc = parse(&src).unwrap();
    assert_eq!(doc.roots().len(), 1);
}

#[test]
fn ten_megabyte_string() {
    let mut src = Vec::with_capacity((10 << 20) + 2);
    src.push(b'"');
    src.extend(std::iter::repeat_n(b'x', 10 << 20));
    src.push(b'"');
    let doc = parse(&src).unwrap();
    assert_eq!(doc.roots().len(), 1);
    assert!(doc.heap_bytes() < 64 << 20, "heap {}", doc.heap_bytes());
    // With escapes, so the text must be copied once.
    let mut src = b"\"".to_vec();
    src.extend_from_slice(&b"\\n".repeat(5 << 20));
    src.push(b'"');
    let doc = parse(&src).unwrap();
    assert!(doc.heap_bytes() < 64 << 20, "heap {}", doc.heap_bytes());
    // Unterminated 10 MB string.
    assert_eq!(
        kind_of(&src[..src.len() - 1]),
        ErrorKind::UnterminatedString
    );
    // 10 MB comment, block comment and regex.
    let mut c = b"# ".to_vec();
    c.extend(std::iter::repeat_n(b'c', 10 << 20));
    assert_eq!(dump(&c), "");
    let mut c = b"#<".to_vec();
    c.extend(std::iter::repeat_n(b'c', 10 << 20));
    assert_eq!(dump(&c), "");
}

#[test]
fn a_million_small_forms() {
    let src = b"(a 1) ".repeat(1_000_000);
    let doc = parse(&src).unwrap();
    assert_eq!(doc.roots().len(), 1_000_000);
    assert_eq!(doc.token_count(), 4_000_000);
    assert!(
        doc.heap_bytes() < 40 * src.len(),
        "heap {} for {} bytes",
        doc.heap_bytes(),
        src.len()
    );
    // Distinct symbols are interned once each.
    let mut src = Vec::new();
    for i in 0..200_000 {
        src.extend_from_slice(format!("s{} s{} ", i, i % 7).as_bytes());
    }
    let doc = parse(&src).unwrap();
    assert_eq!(doc.roots().len(), 400_000);
    assert!(
        doc.symbols().len() <= 200_000 + 16,
        "{} symbols",
        doc.symbols().len()
    );
    // A million-element array.
    let mut src = b"[".to_vec();
    src.extend_from_slice(&b"1 ".repeat(1_000_000));
    src.push(b']');
    let doc = parse(&src).unwrap();
    assert_eq!(doc.roots().len(), 1);
    // A map with many keys, and a duplicate at the very end.
    let mut src = b"{".to_vec();
    for i in 0..100_000 {
        src.extend_from_slice(format!("^k{i} {i} ").as_bytes());
    }
    src.push(b'}');
    assert!(parse(&src).is_ok());
    src.pop();
    src.extend_from_slice(b"^k5 1}");
    assert_eq!(kind_of(&src), ErrorKind::DuplicateProperty);
}

// ---------------------------------------------------------------------------------------------
// NUL, VT, FF, lone backslash

#[test]
fn nul_bytes_are_errors_everywhere() {
    // Q3: the reference stops at a NUL; the recommendation is an error.
    for src in [
        &b"\x00"[..],
        b"a\x00b",
        b"a\x00",
        b"(a\x00)",
        b"\"a\x00b\"",
        b"# c\x00\n1",
        b"1 # c\x00",
        b"#< \x00 ># 1",
        b"'\x00'",
        b"a\\\x00",
        b"#/\x00/",
        b"10:00[A/\x00]",
        b"0#ff~\x00",
        b"#\"a\x00\"",
        b"\"\"\"\x00\"\"\"",
    ] {
        err(src);
    }
    assert_eq!(err(b"a\x00b").kind(), ErrorKind::UnexpectedCharacter);
    assert_eq!(err(b"[1 \x00]").column(), 4);
    // An escaped NUL in a string is fine.
    assert_eq!(dump(b"\"\\u0000\""), "\"\\u{0}\"\n");
}

#[test]
fn vertical_tab_and_form_feed() {
    use ErrorKind::UnexpectedCharacter;
    for src in [
        &b"\x0b"[..],
        b"\x0c",
        b"a\x0bb",
        b"a\x0c",
        b"(a \x0b)",
        b"[\x0c]",
        b"{^a \x0b1}",
        b"`\x0b",
        b"{{\x0c}}",
    ] {
        assert_eq!(kind_of(src), UnexpectedCharacter, "{src:?}");
    }
    // Q1 must not hang: these are where the reference loops forever.
    assert_eq!(err(b"x \x0b").column(), 3);
    // Inside strings, chars, comments and escapes they are ordinary bytes.
    assert_eq!(dump(b"\"a\x0bb\x0c\""), "\"a\\u{B}b\\u{C}\"\n");
    assert_eq!(dump(b"'\x0b'"), "'\\u{B}'\n");
    assert_eq!(dump(b"# \x0b\x0c\n1"), "1\n");
    assert_eq!(dump(b"#<\x0b># 1"), "1\n");
    assert_eq!(dump(b"a\\\x0b"), "a\\u{B}\n");
    // They are blank for triple-quote trimming (§3.5).
    assert_eq!(dump(b"\"\"\"\x0b\nx\"\"\""), "\"\\nx\"\n");
    assert_eq!(dump(b"\"\"\"x\n\x0c\x0b\"\"\""), "\"x\\n\"\n");
}

#[test]
fn lone_backslash() {
    use ErrorKind::*;
    // A trailing `\` is dropped (§2.7); alone it would be an empty symbol (Q24: error).
    assert_eq!(dump(b"a\\"), "a\n");
    assert_eq!(dump(b"ns/a\\"), "ns/a\n");
    assert_eq!(kind_of(b"\\"), UnexpectedCharacter);
    assert_eq!(kind_of(b"a \\"), UnexpectedCharacter);
    assert_eq!(err(b"a \\").column(), 3);
    assert_eq!(kind_of(b"(a \\"), UnexpectedCharacter);
    assert_eq!(kind_of(b"\"a\\"), UnterminatedString);
    assert_eq!(kind_of(b"'\\"), InvalidChar);
    assert_eq!(kind_of(b"#/a\\"), UnterminatedRegex);
    assert_eq!(kind_of(b"#\"a\\"), UnterminatedString);
    assert_eq!(kind_of(b"{^a\\"), MissingPropertyValue);
    // An escaped backslash is an ordinary symbol.
    assert_eq!(dump(b"\\\\"), "\\\\\n");
}
