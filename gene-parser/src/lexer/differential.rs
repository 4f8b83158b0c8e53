//! The block fast path against the byte-at-a-time path: both must produce the same tokens,
//! flags and spans on any input, valid or not.

use super::{Lexer, TokenTape};
use crate::token::{Token, TokenKind};
use proptest::prelude::*;

/// Every token from the byte-at-a-time path alone, which the fast path must reproduce.
fn bytewise(src: &[u8]) -> Vec<Token> {
    let mut lexer = Lexer::new(src);
    let mut tokens = Vec::new();
    loop {
        let token = lexer.lex_bytewise().token();
        if token.kind == TokenKind::Eof {
            return tokens;
        }
        tokens.push(token);
    }
}

fn assert_same_tokens(src: &[u8]) {
    let fast: Vec<Token> = Lexer::new(src).collect();
    let slow = bytewise(src);
    let tape: Vec<Token> = TokenTape::new(src).iter().collect();
    assert_same(src, "tape", &tape, &slow);
    assert_same(src, "fast", &fast, &slow);
}

/// Panics with the first token where `path` and the byte path differ.
fn assert_same(src: &[u8], path: &str, tokens: &[Token], slow: &[Token]) {
    if tokens != slow {
        let at = tokens.iter().zip(slow).take_while(|(a, b)| a == b).count();
        let offset = tokens
            .get(at)
            .or(slow.get(at))
            .map_or(0, |t| t.start as usize);
        let context = &src[offset.saturating_sub(60)..(offset + 60).min(src.len())];
        panic!(
            "token {at} differs: {path} {:?}, bytewise {:?}, near {:?}",
            tokens.get(at),
            slow.get(at),
            String::from_utf8_lossy(context)
        );
    }
}

#[test]
fn generated_sources_lex_the_same() {
    for seed in 0..40 {
        let cfg = gene_gen::Config::new(seed, 400).with_complexity(1 + (seed % 5) as u8);
        assert_same_tokens(gene_gen::generate(&cfg).as_bytes());
        assert_same_tokens(gene_gen::generate_with_errors(&cfg).source.as_bytes());
    }
}

#[test]
fn tokens_across_block_edges_lex_the_same() {
    // Each shape is followed by " tail", and once more with nothing after it; the ones with
    // a byte glued on check where the token before ends.
    let tokens: [&[u8]; 15] = [
        b"abc",
        b"12",
        b"1.5",
        b"1_000",
        b"a/b",
        b"x\\ y",
        b"\"s\"",
        b"(",
        b")",
        b"# c\n",
        b"# c\nx",
        b"\"s\"x",
        b"{{",
        b"-3",
        b"#\"a#{b}c\"",
    ];
    for token in tokens {
        for pad in 0..80 {
            let mut src = vec![b' '; pad];
            src.extend_from_slice(token);
            src.extend_from_slice(b" tail");
            assert_same_tokens(&src);
            src.truncate(pad + token.len());
            assert_same_tokens(&src);
        }
    }
    // A symbol longer than a block, at a block's start and across one.
    let long = "y".repeat(150);
    assert_same_tokens(format!("({long} {long})").as_bytes());
    assert_same_tokens(long.as_bytes());
}

#[test]
fn inputs_found_by_fuzzing_lex_the_same() {
    // A number that is no token (`0#` in a comment) once cut the tokens kept before it,
    // between the two tokens of the interpolated string before the comment.
    assert_same_tokens(b"#\"\"##\t0#\n");
}

/// Bytes that mean something to the lexer, so random inputs reach every path.
const SYNTAX: &[u8] = b"()[]{}^#\"'`%;\\/ \n\r\t,0123456789.-+:eEx_abn<>@!\0\x0b";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn random_inputs_lex_the_same(
        picks in proptest::collection::vec(0..SYNTAX.len(), 0..300)
    ) {
        let src: Vec<u8> = picks.iter().map(|&i| SYNTAX[i]).collect();
        assert_same_tokens(&src);
    }
}

/// Whole tokens and trivia, so random inputs put strings, comments and the tokens a bulk
/// step of [`TokenTape`] must stop at everywhere in a block, and next to each other.
const PIECES: &[&str] = &[
    "abc",
    "a/b",
    "x\\ y",
    "12",
    "-3",
    "+",
    "-",
    "1_000",
    "2'x'",
    "1.5",
    "1.2.3",
    "1.5e3",
    "12.",
    "0.5x",
    "3.14/2",
    "1.2_3",
    "2.5'x'",
    "\"s\"",
    "\"\"",
    "\"a b\"",
    "\"\"\"t\"\"\"",
    "\"e\\\"q\"",
    "\"c\r\nd\"",
    "# note\n",
    "#!x\r",
    "#\n",
    "#< b >#",
    "{",
    "{{",
    "}",
    "(",
    ")",
    "[",
    "]",
    "#(",
    "#\"i#{x}j\"",
    // Interpolated strings: the shapes a bulk step resolves, and those it must leave.
    "#\"a #{x} b\"",
    "#\"#{(f a/b 1)} c#{[y]}\"",
    "#\"#{}\"",
    "#\"\"",
    "#\"#t 2nd #{ ( x ) }\"",
    "#\"#{)}x\"",
    "#\"#{(}\"",
    "#\"a\\\"b #{x}\"",
    "#\"c\r\n#{x}\"",
    "#\"#<n>#a#{x}\"",
    "#\"#(g y) #[1] z\"",
    "#\"#{\"s\"}\"",
    "#\"#{{}}\"",
    "#\"#{1_000}\"",
    "#\"#{-1}\"",
    "#\"#{2'x'} a\"",
    "#\"n #{1.5}\"",
    "#\"3 #{x}2 b\"",
    "#\"#{x # c\n}\"",
    "#\"\"\"t #{x}\"\"\"",
    "#\"#{'c'} #{%x} #{`y}\"",
    "#\"#{#\"in #{y}\"}\"",
    "#\"a literal part that runs on past sixty-four bytes #{x} and on\"",
    "'c'",
    "%_",
    "`",
    ";",
    "#x",
    "^k",
];
const SEPARATORS: &[&str] = &["", " ", "\n", ",", "  ", "\t"];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn random_token_soups_lex_the_same(
        picks in proptest::collection::vec((0..PIECES.len(), 0..SEPARATORS.len()), 0..120)
    ) {
        let src: String = picks
            .iter()
            .flat_map(|&(piece, separator)| [PIECES[piece], SEPARATORS[separator]])
            .collect();
        assert_same_tokens(src.as_bytes());
    }
}

/// Literal text and hole code for [`random_interpolated_strings_lex_the_same`]: the shapes
/// a bulk step resolves and the ones it must leave, mixed.
const LITERALS: &[&str] = &[
    "a", "b c", " ", "#t", "2nd", "1.5", "x/y", "\\\"", "\r\n", "'", "%", "{", "(", "#<c>#",
    "#(g)", "#[1]", "\"", "\n",
];
const CODE: &[&str] = &[
    "x",
    " ",
    "(f a)",
    "[1 2]",
    "a/b",
    "1_000",
    "-1",
    "\"s\"",
    "#c\n",
    "{",
    "}",
    ")",
    "(",
    "2.5",
    "'c'",
    "#\"in #{y}\"",
    "%x",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn random_interpolated_strings_lex_the_same(
        shift in 0usize..70,
        parts in proptest::collection::vec(
            (any::<bool>(), proptest::collection::vec(0..CODE.len().max(LITERALS.len()), 0..4)),
            0..8,
        ),
        closed in any::<bool>(),
        after in 0..PIECES.len(),
    ) {
        // The shift moves the string across block edges.
        let mut src = " ".repeat(shift);
        src.push_str("#\"");
        for (hole, picks) in &parts {
            if *hole {
                src.push_str("#{");
                src.extend(picks.iter().map(|&i| CODE[i % CODE.len()]));
                src.push('}');
            } else {
                src.extend(picks.iter().map(|&i| LITERALS[i % LITERALS.len()]));
            }
        }
        if closed {
            src.push('"');
        }
        src.push(' ');
        src.push_str(PIECES[after]);
        assert_same_tokens(src.as_bytes());
    }
}
