//! Per-token-class tests through the public [`Lexer`]: kinds, exact byte extents and flags.

use gene_parser::TokenKind::{self, *};
use gene_parser::{Lexer, Token};

/// `(kind, text)` for every token of `src`.
fn lex(src: &[u8]) -> Vec<(TokenKind, String)> {
    Lexer::new(src)
        .map(|t| {
            let text = String::from_utf8_lossy(&src[t.start as usize..t.end as usize]).into_owned();
            (t.kind, text)
        })
        .collect()
}

#[track_caller]
fn check(src: &str, want: &[(TokenKind, &str)]) {
    let got = lex(src.as_bytes());
    let want: Vec<(TokenKind, String)> = want.iter().map(|(k, s)| (*k, s.to_string())).collect();
    assert_eq!(got, want, "input {src:?}");
}

fn tokens(src: &[u8]) -> Vec<Token> {
    Lexer::new(src).collect()
}

#[test]
fn brackets_and_frozen_forms() {
    check(
        "(a ^b 1) [c] {^d 2} {{e}} #(f) #[g] #{^h 1} #{{i}}",
        &[
            (LParen, "("),
            (Symbol, "a"),
            (Symbol, "^b"),
            (Int, "1"),
            (RParen, ")"),
            (LBracket, "["),
            (Symbol, "c"),
            (RBracket, "]"),
            (LBrace, "{"),
            (Symbol, "^d"),
            (Int, "2"),
            (RBrace, "}"),
            (LHashBrace, "{{"),
            (Symbol, "e"),
            (RBrace, "}"),
            (RBrace, "}"),
            (FrozenParen, "#("),
            (Symbol, "f"),
            (RParen, ")"),
            (FrozenBracket, "#["),
            (Symbol, "g"),
            (RBracket, "]"),
            (FrozenBrace, "#{"),
            (Symbol, "^h"),
            (Int, "1"),
            (RBrace, "}"),
            (FrozenHashBrace, "#{{"),
            (Symbol, "i"),
            (RBrace, "}"),
            (RBrace, "}"),
        ],
    );
    check("{ {", &[(LBrace, "{"), (LBrace, "{")]);
    check("{{{", &[(LHashBrace, "{{"), (LBrace, "{")]);
    check(")]}", &[(RParen, ")"), (RBracket, "]"), (RBrace, "}")]);
}

#[test]
fn prefixes_and_operators() {
    check(
        "`x %y %_z % %= #@d a;b",
        &[
            (Quote, "`"),
            (Symbol, "x"),
            (Unquote, "%"),
            (Symbol, "y"),
            (UnquoteDiscard, "%_"),
            (Symbol, "z"),
            (Symbol, "%"),
            (Symbol, "%="),
            (Decorator, "#@"),
            (Symbol, "d"),
            (Symbol, "a"),
            (Semicolon, ";"),
            (Symbol, "b"),
        ],
    );
    check("%=x", &[(Symbol, "%="), (Symbol, "x")]);
    check("[%]", &[(LBracket, "["), (Symbol, "%"), (RBracket, "]")]);
    check("%,x", &[(Unquote, "%"), (Symbol, "x")]);
    check("%%x", &[(Unquote, "%"), (Unquote, "%"), (Symbol, "x")]);
    check("a%b", &[(Symbol, "a"), (Unquote, "%"), (Symbol, "b")]);
}

#[test]
fn symbols() {
    check(
        "a\\ b c/d #e %f",
        &[
            (Symbol, "a\\ b"),
            (Symbol, "c/d"),
            (Symbol, "#e"),
            (Unquote, "%"),
            (Symbol, "f"),
        ],
    );
    check(
        "tag#1 don't key:val x^y <= mood-\u{1F600} ^^k ^!k ^a^b",
        &[
            (Symbol, "tag#1"),
            (Symbol, "don't"),
            (Symbol, "key:val"),
            (Symbol, "x^y"),
            (Symbol, "<="),
            (Symbol, "mood-\u{1F600}"),
            (Symbol, "^^k"),
            (Symbol, "^!k"),
            (Symbol, "^a^b"),
        ],
    );
    check("a\"b\"", &[(Symbol, "a"), (Str, "\"b\"")]);
    check("a\\)b)", &[(Symbol, "a\\)b"), (RParen, ")")]);
    check(
        "+ - +a -x .5 ... nil",
        &[
            (Symbol, "+"),
            (Symbol, "-"),
            (Symbol, "+a"),
            (Symbol, "-x"),
            (Symbol, ".5"),
            (Symbol, "..."),
            (Symbol, "nil"),
        ],
    );
    check("# c\n#\tx", &[(Symbol, "#"), (Symbol, "x")]);
    check("a#", &[(Symbol, "a#")]);
    check("#", &[(Symbol, "#")]);
    check("#,", &[(Symbol, "#")]);
    check("a\\", &[(Symbol, "a\\")]);
    // Flags: an escape, a slash.
    let t = tokens(b"a\\ b c/d x\\/y plain");
    assert!(t[0].has(Token::ESCAPED) && !t[0].has(Token::SLASH));
    assert!(t[1].has(Token::SLASH) && !t[1].has(Token::ESCAPED));
    assert!(t[2].has(Token::ESCAPED));
    assert_eq!(t[3].flags, 0);
    assert_eq!(t[3].len(), 5);
}

#[test]
fn numbers() {
    check(
        "1 -2 +3 0xff 1.5 2e3 1e5x",
        &[
            (Int, "1"),
            (Int, "-2"),
            (Int, "+3"),
            (HexInt, "0xff"),
            (Float, "1.5"),
            (Float, "2e3"),
            (Float, "1e5"),
            (Symbol, "x"),
        ],
    );
    check("1_000", &[(Int, "1"), (Symbol, "_000")]);
    check("1.2.3", &[(Float, "1.2"), (Symbol, ".3")]);
    check("2. 0..3", &[(Float, "2."), (Float, "0."), (Symbol, ".3")]);
    check(
        "1(a)",
        &[(Int, "1"), (LParen, "("), (Symbol, "a"), (RParen, ")")],
    );
    check("10%", &[(Int, "10"), (Symbol, "%")]);
    check("3#x", &[(Int, "3"), (Symbol, "#x")]);
    check("10# c", &[(Int, "10")]);
    check(
        "0x1fg 0X_F",
        &[(HexInt, "0x1f"), (Symbol, "g"), (HexInt, "0X_F")],
    );
    check(
        "1.5-2 1.5:30 1.5/2",
        &[
            (Float, "1.5"),
            (Int, "-2"),
            (Float, "1.5"),
            (Symbol, ":30"),
            (Float, "1.5"),
            (Symbol, "/2"),
        ],
    );
    // Malformed numbers are single tokens flagged MALFORMED; the parser reports them.
    // (i64 overflow is found by the parser when it converts the digits.)
    for src in [&b"1e"[..], b"10px", b"1/2", b"0x"] {
        let t = tokens(src);
        assert!(
            !t.is_empty() && t[0].has(Token::MALFORMED),
            "{src:?}: {t:?}"
        );
        assert_eq!(t[0].start, 0);
    }
}

#[test]
fn strings_and_chars() {
    check(
        "\"\" \"a b\" \"\"\"x\"\"\"",
        &[
            (Str, "\"\""),
            (Str, "\"a b\""),
            (TripleStr, "\"\"\"x\"\"\""),
        ],
    );
    check(
        "\"\"\"a\"\"\"\"",
        &[(TripleStr, "\"\"\"a\"\"\""), (Str, "\"")],
    );
    check("\"a\\\"b\"c", &[(Str, "\"a\\\"b\""), (Symbol, "c")]);
    check("\"a\nb\"", &[(Str, "\"a\nb\"")]);
    check(
        "'a' '\\n' ''' ' '",
        &[(Char, "'a'"), (Char, "'\\n'"), (Char, "'''"), (Char, "' '")],
    );
    check("'\n'x", &[(Char, "'\n'"), (Symbol, "x")]);
    let t = tokens(b"\"plain\" \"esc\\n\" \"crlf\r\n\"");
    assert_eq!(t[0].flags, 0);
    assert!(t[1].has(Token::ESCAPED));
    assert!(
        t[2].has(Token::ESCAPED),
        "a raw CRLF needs cooking: {:?}",
        t[2]
    );
    // Unterminated: one malformed token running to the end.
    let t = tokens(b"\"abc");
    assert_eq!((t[0].kind, t[0].end), (Str, 4));
    assert!(t[0].has(Token::MALFORMED));
    let t = tokens(b"'ab'");
    assert!(t[0].has(Token::MALFORMED) && t[0].kind == Char);
}

#[test]
fn interpolated_strings() {
    check(
        "#\"a#{x}b\"",
        &[
            (InterpStart, "#\""),
            (InterpSegment, "a"),
            (HoleOpen, "#{"),
            (Symbol, "x"),
            (HoleClose, "}"),
            (InterpEnd, "b\""),
        ],
    );
    // A hole at the start: no leading segment; at the end: an empty closing part.
    check(
        "#\"#{x}\"",
        &[
            (InterpStart, "#\""),
            (HoleOpen, "#{"),
            (Symbol, "x"),
            (HoleClose, "}"),
            (InterpEnd, "\""),
        ],
    );
    check("#\"\"", &[(InterpStart, "#\""), (InterpEnd, "\"")]);
    check(
        "#\"plain\" x",
        &[(InterpStart, "#\""), (InterpEnd, "plain\""), (Symbol, "x")],
    );
    check(
        "#\"\"\"a #{b}\n \"\"\"",
        &[
            (InterpStart, "#\"\"\""),
            (InterpSegment, "a "),
            (HoleOpen, "#{"),
            (Symbol, "b"),
            (HoleClose, "}"),
            (InterpEnd, "\n \"\"\""),
        ],
    );
    // Genes and arrays in the literal; comments are dropped between segments.
    check(
        "#\"a#(f 1)#[2]c#<n>#d\"",
        &[
            (InterpStart, "#\""),
            (InterpSegment, "a"),
            (LParen, "#("),
            (Symbol, "f"),
            (Int, "1"),
            (RParen, ")"),
            (LBracket, "#["),
            (Int, "2"),
            (RBracket, "]"),
            (InterpSegment, "c"),
            (InterpEnd, "d\""),
        ],
    );
    // Braces inside a hole do not close it; a map hole.
    check(
        "#\"#{{^a 1}}\"",
        &[
            (InterpStart, "#\""),
            (HoleOpen, "#{"),
            (LBrace, "{"),
            (Symbol, "^a"),
            (Int, "1"),
            (RBrace, "}"),
            (HoleClose, "}"),
            (InterpEnd, "\""),
        ],
    );
    check(
        "#\"#{(f [x])}\"",
        &[
            (InterpStart, "#\""),
            (HoleOpen, "#{"),
            (LParen, "("),
            (Symbol, "f"),
            (LBracket, "["),
            (Symbol, "x"),
            (RBracket, "]"),
            (RParen, ")"),
            (HoleClose, "}"),
            (InterpEnd, "\""),
        ],
    );
    // Nested interpolation.
    check(
        "#\"a#{#\"b#{c}\"}d\" e",
        &[
            (InterpStart, "#\""),
            (InterpSegment, "a"),
            (HoleOpen, "#{"),
            (InterpStart, "#\""),
            (InterpSegment, "b"),
            (HoleOpen, "#{"),
            (Symbol, "c"),
            (HoleClose, "}"),
            (InterpEnd, "\""),
            (HoleClose, "}"),
            (InterpEnd, "d\""),
            (Symbol, "e"),
        ],
    );
    check(
        "#\"a#{}\"",
        &[
            (InterpStart, "#\""),
            (InterpSegment, "a"),
            (HoleOpen, "#{"),
            (HoleClose, "}"),
            (InterpEnd, "\""),
        ],
    );
    // An escaped quote does not end a segment (Q12 fix).
    check(
        "#\"x\\\"#{y}\"",
        &[
            (InterpStart, "#\""),
            (InterpSegment, "x\\\""),
            (HoleOpen, "#{"),
            (Symbol, "y"),
            (HoleClose, "}"),
            (InterpEnd, "\""),
        ],
    );
}

#[test]
fn regexes() {
    check("#/a/b/i x", &[(Regex, "#/a/b/i"), (Symbol, "x")]);
    check(
        "#/a/i) x",
        &[(Regex, "#/a/i"), (RParen, ")"), (Symbol, "x")],
    );
    check(
        "(f #/a/)",
        &[(LParen, "("), (Symbol, "f"), (Regex, "#/a/"), (RParen, ")")],
    );
    // Replacement look-ahead: after a non-flag byte, closers no longer stop it.
    check("#/a/x)/ y", &[(Regex, "#/a/x)/"), (Symbol, "y")]);
    check("#/a/im/", &[(Regex, "#/a/im/")]);
    check("#/a/\\)/", &[(Regex, "#/a/\\)/")]);
    check("#/a/i,b", &[(Regex, "#/a/i"), (Symbol, "b")]);
    check("#/x\\/y/mi", &[(Regex, "#/x\\/y/mi")]);
    check("#/x//", &[(Regex, "#/x//")]);
    check("#/a\nb/ c", &[(Regex, "#/a\nb/"), (Symbol, "c")]);
    // Flags run to a flag terminator, so a bad flag is inside the token.
    // A bad flag makes the regex malformed; the parser reports it at the flag.
    let t = tokens(b"#/a/g x");
    assert_eq!((t[0].kind, t[0].start), (Regex, 0));
    assert!(t[0].has(Token::MALFORMED));
    let t = tokens(b"#/abc");
    assert!(t[0].has(Token::MALFORMED) && t[0].end == 5);
}

#[test]
fn byte_literals() {
    check("0!1~\n 01 x", &[(BinBytes, "0!1~\n 01"), (Symbol, "x")]);
    check(
        "0#ff~ # c\n 00z",
        &[(HexBytes, "0#ff~ # c\n 00"), (Symbol, "z")],
    );
    check(
        "0#ff~#<c>#00 z",
        &[(HexBytes, "0#ff~#<c>#00"), (Symbol, "z")],
    );
    check("0*AQ== x", &[(Base64Bytes, "0*AQ=="), (Symbol, "x")]);
    check(
        "0*AQID~\n  BA==)",
        &[(Base64Bytes, "0*AQID~\n  BA=="), (RParen, ")")],
    );
    check("0!102", &[(BinBytes, "0!10"), (Int, "2")]);
    check("0#ffz", &[(HexBytes, "0#ff"), (Symbol, "z")]);
    check("0#abc", &[(HexBytes, "0#abc")]);
    check("0#ab,cd", &[(HexBytes, "0#ab"), (Symbol, "cd")]);
    let t = tokens(b"0# note");
    assert!(t[0].has(Token::MALFORMED), "{t:?}");
}

#[test]
fn dates_and_times() {
    check(
        "2024-01-05T10:00:30.5+02:00[A/B] 10:00Z 2024-01-05x",
        &[
            (DateTime, "2024-01-05T10:00:30.5+02:00[A/B]"),
            (Time, "10:00Z"),
            (Date, "2024-01-05"),
            (Symbol, "x"),
        ],
    );
    check(
        "+2024-01-05 02024-01-05",
        &[(Date, "+2024-01-05"), (Date, "02024-01-05")],
    );
    check(
        "7:05 007:05 12:00:00.000001+05:45",
        &[
            (Time, "7:05"),
            (Time, "007:05"),
            (Time, "12:00:00.000001+05:45"),
        ],
    );
    check(
        "18:00[Europe/Oslo])",
        &[(Time, "18:00[Europe/Oslo]"), (RParen, ")")],
    );
    check(
        "2024-01-05T10:00Z[A b/c\nd] x",
        &[(DateTime, "2024-01-05T10:00Z[A b/c\nd]"), (Symbol, "x")],
    );
    check(
        "2024-01-05T10:00-07:00",
        &[(DateTime, "2024-01-05T10:00-07:00")],
    );
    check(
        "[2024-02-29]",
        &[(LBracket, "["), (Date, "2024-02-29"), (RBracket, "]")],
    );
    for src in [
        &b"2024-13-01"[..],
        b"24-01-01",
        b"2024-01-05T25:00",
        b"25:00",
        b"10:00Z[Paris]",
        b"1-2",
    ] {
        let t = tokens(src);
        assert!(t[0].has(Token::MALFORMED), "{src:?}: {t:?}");
        assert_eq!(t[0].start, 0);
    }
}

#[test]
fn trivia_is_skipped() {
    check(
        "\u{feff}#!/bin/gene\n# c\n## d\r\n#< block\n ># a, b,\t#<>#c #<< x >># y ># z",
        &[(Symbol, "a"), (Symbol, "b"), (Symbol, "c"), (Symbol, "z")],
    );
    check("1 #< never closed", &[(Int, "1")]);
    check(
        "#< a #< b ># c ># 1",
        &[(Symbol, "c"), (Symbol, ">#"), (Int, "1")],
    );
    assert!(lex(b"").is_empty());
    assert!(lex(b"  , \n # only\n").is_empty());
    // A BOM is skipped only at the very start.
    let t = tokens(b"\xEF\xBB\xBFx");
    assert_eq!((t[0].start, t[0].end), (3, 4));
    let t = tokens(b"x\xEF\xBB\xBF");
    assert_eq!((t[0].start, t[0].end), (0, 4));
}

#[test]
fn unknown_bytes_and_eof() {
    check("a\x0bb", &[(Symbol, "a"), (Unknown, "\x0b"), (Symbol, "b")]);
    check("\x0c", &[(Unknown, "\x0c")]);
    check("\x00", &[(Unknown, "\x00")]);
    let mut lx = Lexer::new(b"x ");
    assert_eq!(lx.next_token().kind, Symbol);
    for _ in 0..3 {
        let t = lx.next_token();
        assert_eq!((t.kind, t.start, t.end), (Eof, 2, 2));
        assert!(t.is_empty());
    }
    assert_eq!(lx.position(), 2);
    assert_eq!(lx.source(), b"x ");
    // The iterator stops before Eof.
    assert_eq!(Lexer::new(b"a b").count(), 2);
    assert_eq!(gene_parser::tokenize(b"a b").count(), 2);
}

#[test]
fn token_count_matches_the_parser() {
    for src in [
        &b"(fn add [a b] ^^pure (a + b))"[..],
        b"#\"sum: #{(+ 1 2)} #[x] #(y)!\"",
        b"{^a^b 1 ^c^^d}",
        b"#@f #@g x",
        b"(a b; c ^p 1 d)",
        b"0*AQID~\n BA== #/a/b/i 2024-01-05T10:00Z[A/B] 'x' \"\"\"t\"\"\"",
    ] {
        let doc = gene_parser::parse(src).unwrap();
        assert_eq!(
            Lexer::new(src).count(),
            doc.token_count(),
            "{}",
            String::from_utf8_lossy(src)
        );
    }
}
