//! Error positions and messages beyond line 1 (GENE_SYNTAX.md §6.1, §6.2).
//!
//! Lines advance at LF, CR and CRLF (one break); columns are 1-based and count characters
//! (a tab is 1, a multi-byte UTF-8 character is 1, each byte of an invalid sequence is 1);
//! a leading BOM is not a column. Every line break counts, including those inside char
//! literals, zone-name brackets and escaped line breaks (the "Do" of [Q35]).

use gene_parser::{Error, ErrorKind, ErrorKind::*};

fn parse_err(src: &[u8]) -> Error {
    match gene_parser::parse(src) {
        Ok(doc) => panic!(
            "{:?} parsed, dump {:?}",
            String::from_utf8_lossy(src),
            doc.dump()
        ),
        Err(e) => e,
    }
}

/// Asserts kind, line and column, and that the offset agrees with them.
#[track_caller]
fn at(src: &[u8], kind: ErrorKind, line: u32, column: u32) -> Error {
    let e = parse_err(src);
    assert_eq!(
        (e.kind(), e.line(), e.column()),
        (kind, line, column),
        "input {:?}: {e:?}",
        String::from_utf8_lossy(src)
    );
    assert!(e.offset() <= src.len(), "offset past the input: {e:?}");
    assert_eq!(
        gene_parser::line_column(src, e.offset()),
        (line, column),
        "offset {} disagrees",
        e.offset()
    );
    e
}

/// Like [`at`], and also checks the byte offset.
#[track_caller]
fn at_offset(src: &[u8], kind: ErrorKind, line: u32, column: u32, offset: usize) {
    let e = at(src, kind, line, column);
    assert_eq!(
        e.offset(),
        offset,
        "input {:?}: {e:?}",
        String::from_utf8_lossy(src)
    );
}

#[test]
fn later_lines_with_lf() {
    at_offset(b"(a\n  b\n  ]", UnmatchedDelimiter, 3, 3, 9);
    at(b"(a\n  b", UnterminatedList, 1, 1);
    at(b"x\n\n  (a\n  b", UnterminatedList, 3, 3);
    at(b"1\n2\n  9223372036854775808", InvalidNumber, 3, 3);
    at(b"ok\n  1e", InvalidNumber, 2, 3);
    at(b"ok\n  0x", InvalidHexInt, 2, 3);
    at(b"ok\n\t10px", UnsupportedNumber, 2, 2);
    at(b"ok\n   0*", InvalidBytes, 2, 4);
    at(b"ok\n 2024-13-01", InvalidDate, 2, 2);
    at(b"ok\n 2024-01-01T25:00", InvalidDateTime, 2, 2);
    at(b"ok\n 25:00", InvalidTime, 2, 2);
    at(b"ok\n #/a/x", InvalidRegexFlag, 2, 6);
    at(b"ok\n #/abc", UnterminatedRegex, 2, 2);
    at(b"ok\n 'ab'", InvalidChar, 2, 2);
    at(b"ok\n \"a\\u12\"", InvalidEscape, 2, 4);
    at(b"ok\n \"abc", UnterminatedString, 2, 2);
    at(b"ok\n #\"abc", UnterminatedString, 2, 2);
    at(b"ok\n `", UnexpectedEof, 2, 2);
    at(b"ok\n\n    )", UnmatchedDelimiter, 3, 5);
    at(b"(f\n  ^a 1\n  x\n  ^b 2)", MisplacedProperties, 4, 3);
    at(b"(f\n  ^a)", MissingPropertyValue, 2, 3);
    at(b"{^a 1\n ^a 2}", DuplicateProperty, 2, 2);
    at(b"{^a 1\n ^a^b 2}", PropertyPathConflict, 2, 2);
    at(b"{^a 1\n b}", ExpectedPropertyKey, 2, 2);
    at(b"{^a 1", UnterminatedMap, 1, 1);
    at(b"[\n {{1\n 2", UnterminatedMap, 2, 2);
    at(b"a\nb;", UnexpectedCharacter, 2, 2);
}

#[test]
fn crlf_and_lone_cr() {
    at_offset(b"(a\r\n b\r\n ]", UnmatchedDelimiter, 3, 2, 9);
    at_offset(b"a\rb\r  )", UnmatchedDelimiter, 3, 3, 6);
    // CR CR LF is two breaks; LF CR is two breaks.
    at(b"a\r\r\n)", UnmatchedDelimiter, 3, 1);
    at(b"a\n\r)", UnmatchedDelimiter, 3, 1);
    at(b"a\r\n\r\n\r\n  1e", InvalidNumber, 4, 3);
    // A CRLF inside a string is one line break too.
    at(b"\"a\r\nb\"\r\n)", UnmatchedDelimiter, 3, 1);
    // Comments ending in CR or CRLF.
    at(b"# c\r)", UnmatchedDelimiter, 2, 1);
    at(b"# c\r\n )", UnmatchedDelimiter, 2, 2);
}

#[test]
fn tabs_and_multibyte_characters() {
    at_offset(b"\t\t)", UnmatchedDelimiter, 1, 3, 2);
    at_offset("é ü )".as_bytes(), UnmatchedDelimiter, 1, 5, 6);
    at_offset("😀 )".as_bytes(), UnmatchedDelimiter, 1, 3, 5);
    at_offset("x\n  日本語 ]".as_bytes(), UnmatchedDelimiter, 2, 7, 14);
    at("\"é\\u12\"".as_bytes(), InvalidEscape, 1, 3);
    at("[héllo\n  wörld\t(\n".as_bytes(), UnterminatedList, 2, 9);
    // Invalid UTF-8: each byte of a bad sequence counts as one column.
    at_offset(b"\xff\xfe )", UnmatchedDelimiter, 1, 4, 3);
    at_offset(b"\xe6\x97 )", UnmatchedDelimiter, 1, 4, 3);
    // A truncated sequence followed by a valid character.
    at(b"\xe6\x97\xc3\xa9 )", UnmatchedDelimiter, 1, 5);
}

#[test]
fn after_a_bom() {
    at_offset(b"\xEF\xBB\xBF)", UnmatchedDelimiter, 1, 1, 3);
    at_offset(b"\xEF\xBB\xBF  1e", InvalidNumber, 1, 3, 5);
    at(b"\xEF\xBB\xBF\n)", UnmatchedDelimiter, 2, 1);
    // Elsewhere the BOM bytes are an ordinary symbol character, one column wide.
    at(b"\n\xEF\xBB\xBF )", UnmatchedDelimiter, 2, 3);
    at(b"a\xEF\xBB\xBF )", UnmatchedDelimiter, 1, 4);
}

#[test]
fn inside_nested_forms() {
    at(b"(a [b {^c (d ]}])", UnmatchedDelimiter, 1, 14);
    // At end of input the innermost open construct is reported.
    at(b"(a\n  [b\n   {^c 1", UnterminatedMap, 3, 4);
    at(b"(a\n  [b\n   #(c 1", UnterminatedList, 3, 4);
    at(b"(a\n  #[b", UnterminatedList, 2, 3);
    at(b"(a\n  {{b", UnterminatedMap, 2, 3);
    at(b"(a\n  #{{b", UnterminatedMap, 2, 3);
    at(b"(a (b (c\n   ^x 1 y ^z 2)))", MisplacedProperties, 2, 11);
    at(b"[1 [2 [3 'xy']]]", InvalidChar, 1, 10);
    at(b"(f ^k [1\n (g ^^x ^x 1)])", DuplicateProperty, 2, 9);
    at(b"(a; b\n ^p 1 c ^q 2)", MisplacedProperties, 2, 9);
    at(b"(a; b", UnterminatedList, 1, 1);
    at(b"`(a\n %_", UnexpectedEof, 2, 2);
    at(b"[#@f\n", UnexpectedEof, 1, 2);
    at(b"{^a\n", MissingPropertyValue, 1, 2);
    at(b"{^a [1\n 2 )}", UnmatchedDelimiter, 2, 4);
}

#[test]
fn inside_interpolation() {
    at(b"#\"a #{(f\n ]}\"", UnmatchedDelimiter, 2, 2);
    at(b"#\"x\n#{}\"", InvalidInterpolation, 2, 1);
    at(b"#\"ab\n  #{1 2}\"", InvalidInterpolation, 2, 3);
    at(b"#\"#{'ab'}\"", InvalidChar, 1, 5);
    at(b"#\"a\n #{\"\\u1\"}\"", InvalidEscape, 2, 5);
    at(b"#\"a #{(f ^a)}\"", MissingPropertyValue, 1, 10);
    at(b"#\"a #(f\n  1e)\"", InvalidNumber, 2, 3);
    at(b"#\"a #[1\n  ]x\n  \\u12\"", InvalidEscape, 3, 3);
    at(b"#\"a\n  \\u12 #{x}\"", InvalidEscape, 2, 3);
    // An unterminated interpolated string points at its `#`.
    at(b"x\n #\"abc #{1} def", UnterminatedString, 2, 2);
    at(b"x\n #\"\"\"abc\n\"\"", UnterminatedString, 2, 2);
}

#[test]
fn every_line_break_counts() {
    // [Q35]: breaks inside char literals, zone names and escaped line breaks all count.
    at(b"'\n' )", UnmatchedDelimiter, 2, 3);
    at(b"'\r' )", UnmatchedDelimiter, 2, 3);
    at(b"10:00[A\n/B] )", UnmatchedDelimiter, 2, 5);
    at(b"2024-01-05T10:00Z[A\r\n/B] )", UnmatchedDelimiter, 2, 5);
    at(b"a\\\nb )", UnmatchedDelimiter, 2, 3);
    at(b"\"a\\\nb\" )", UnmatchedDelimiter, 2, 4);
    at(b"#<\n\n ># )", UnmatchedDelimiter, 3, 5);
    at(b"\"\"\"\n\n\"\"\"\n)", UnmatchedDelimiter, 4, 1);
    at(b"#/a\nb/ )", UnmatchedDelimiter, 2, 4);
    at(b"0#ff~\n  00 )", UnmatchedDelimiter, 2, 6);
    at(b"0#ff~ # note\n 00 )", UnmatchedDelimiter, 2, 5);
    at(b"#\"a\nb#{x}\nc\" )", UnmatchedDelimiter, 3, 4);
    at(b"(f ^a\n\n 1 ^a 2)", DuplicateProperty, 3, 4);
}

#[test]
fn error_kinds_point_where_the_spec_says() {
    // §6.2 Position column: the `#` of frozen openers, regexes and holes; the `^` of keys; the
    // backslash of escapes; the delimiter itself [Q36]; the first byte of numbers and literals.
    at(b"  #(a", UnterminatedList, 1, 3);
    at(b"  #{^a 1", UnterminatedMap, 1, 3);
    at(b"  #/a/b", InvalidRegexFlag, 1, 7);
    at(b"(x\n  ^^a ^a 1)", DuplicateProperty, 2, 7);
    at(b"(x ^a^b 1 ^a^b 2)", DuplicateProperty, 1, 11);
    at(b"\"ok \\ud800x\"", InvalidEscape, 1, 5);
    at(b"  -12px", UnsupportedNumber, 1, 3);
    at(b"  +1/2", UnsupportedNumber, 1, 3);
    at(b"  -1:00", InvalidTime, 1, 3);
    at(b"  0x1_0000_0000_0000_0000", InvalidHexInt, 1, 3);
    at(b"  2024-01-05T10:00:00.1234567", InvalidDateTime, 1, 3);
    at(b"x %_", UnexpectedEof, 1, 3);
    at(b"x %,", UnexpectedEof, 1, 3);
    at(b"x #@f", UnexpectedEof, 1, 3);
    at(b"x (f ^k", MissingPropertyValue, 1, 6);
    at(b"x (f ^k ^j 1)", MissingPropertyValue, 1, 6);
    at(b"x {^a^ 1}", PropertyPathConflict, 1, 4);
    at(b"x (; a)", UnexpectedCharacter, 1, 4);
    at(b"x (f ^a ;)", UnexpectedCharacter, 1, 9);
    at(b"x %;", UnexpectedCharacter, 1, 4);
    at(b"x \\", UnexpectedCharacter, 1, 3);
    at(b"x [a ; b]", UnexpectedCharacter, 1, 6);
    at(b"x \x0c", UnexpectedCharacter, 1, 3);
    at(b"x y\x00z", UnexpectedCharacter, 1, 4);
    at(b"x `)", UnmatchedDelimiter, 1, 4);
    at(b"x [1 )", UnmatchedDelimiter, 1, 6);
    at(b"x {{1 2} }", UnmatchedDelimiter, 1, 8);
}

#[test]
fn display_is_path_line_col_message() {
    let e = parse_err(b"(a\n  b\n  ]");
    let plain = e.to_string();
    assert!(plain.starts_with("<input>:3:3: "), "{plain}");
    assert_eq!(plain, format!("<input>:3:3: {}", e.message()));
    let named = e.clone().with_path("dir/prog.gene");
    assert_eq!(named.path(), Some("dir/prog.gene"));
    assert_eq!(
        named.to_string(),
        format!("dir/prog.gene:3:3: {}", e.message())
    );
    // with_path keeps everything else.
    assert_eq!(
        (named.kind(), named.line(), named.column(), named.offset()),
        (e.kind(), 3, 3, 9)
    );
    assert_eq!(named.message(), e.message());
    // The message itself carries no position prefix and no trailing newline.
    assert!(!e.message().is_empty());
    assert!(!e.message().starts_with("<input>"));
    assert!(!e.message().ends_with('\n'));
    assert!(!e.message().contains('\n'), "{:?}", e.message());
    let _: &dyn std::error::Error = &e;
}

/// Asserts that the message mentions every one of `needles`.
#[track_caller]
fn mentions(src: &[u8], needles: &[&str]) {
    let e = parse_err(src);
    for n in needles {
        assert!(
            e.message().contains(n),
            "input {:?}: message {:?} should mention {n:?}",
            String::from_utf8_lossy(src),
            e.message()
        );
    }
}

#[test]
fn messages_name_expected_and_found() {
    // Found: the offending delimiter; expected: the closer of the opener.
    mentions(b"(a ]", &["`]`", "`)`"]);
    mentions(b"[1 )", &["`)`", "`]`"]);
    mentions(b"{^a 1 )", &["`)`", "`}`"]);
    mentions(b")", &["`)`"]);
    mentions(b"(f ^a)", &["^a", "`)`"]);
    mentions(b"{a 1}", &["^", "`a`"]);
    mentions(b"\"abc", &["string", "end of input"]);
    mentions(b"(a b", &["`(`", "end of input"]);
    mentions(b"#/a/g", &["`g`"]);
    mentions(b"{^a 1 ^a 2}", &["^a"]);
    mentions(b"1e", &["1e", "exponent"]);
    mentions(b"[a; b]", &["`;`"]);
    mentions(b"12abc", &["unit"]);
    mentions(b"(f ^a 1 x ^b 2)", &["propert"]);
    // Messages never leak Rust debug formatting.
    for src in [&b"(a ]"[..], b"'ab'", b"a\x0bb", b"\"\\u12\"", b"0#", b"`"] {
        let m = parse_err(src).message().to_string();
        assert!(
            !m.contains("Some(") && !m.contains("None") && !m.contains("b'"),
            "{m}"
        );
    }
}

#[test]
fn eof_errors_have_an_in_range_position() {
    for src in [
        &b"("[..],
        b"[",
        b"{",
        b"{{",
        b"#(",
        b"\"",
        b"\"\"\"",
        b"#\"",
        b"#\"#{",
        b"#/",
        b"#/a",
        b"'",
        b"`",
        b"%_",
        b"#@",
        b"#@a",
        b"(f ^a",
    ] {
        let e = parse_err(src);
        assert!(e.offset() <= src.len(), "{src:?}: {e:?}");
        assert!(e.line() >= 1 && e.column() >= 1, "{src:?}: {e:?}");
    }
}

#[test]
fn line_column_helper() {
    use gene_parser::line_column;
    assert_eq!(line_column(b"", 0), (1, 1));
    assert_eq!(line_column(b"ab", 2), (1, 3));
    assert_eq!(line_column(b"a\r\nb", 3), (2, 1));
    // Between the CR and LF of a pair we are still at the end of line 1... or the start of
    // line 2; either way the LF must not count as a second break.
    assert_eq!(line_column(b"a\r\nb", 4).0, 2);
    assert_eq!(line_column(b"\xEF\xBB\xBFx", 3), (1, 1));
    assert_eq!(line_column("ééé".as_bytes(), 6), (1, 4));
    // Offsets past the end are clamped.
    assert_eq!(line_column(b"ab", 99), (1, 3));
}

#[test]
fn unexpected_character_message_reads_naturally() {
    for src in [&b"a\x0bb"[..], b"a\x0cb", b"a\x00b"] {
        let e = parse_err(src);
        assert!(!e.message().contains("unexpected a "), "{:?}", e.message());
    }
}
