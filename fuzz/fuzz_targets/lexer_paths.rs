//! Arbitrary bytes into every lexer path: the block path (the `Lexer` iterator) and the
//! `TokenTape` (bulk steps on AVX-512) must give exactly the tokens of the byte-at-a-time path
//! the parser uses, and none may panic.
#![no_main]

use gene_parser::{Lexer, TokenKind, TokenTape};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let tape = TokenTape::new(data);
    let mut bytewise = Lexer::new(data);
    let mut taped = tape.iter();
    for (i, fast) in Lexer::new(data).enumerate() {
        let slow = bytewise.next_token_bytewise();
        assert_eq!(fast, slow, "token {i} differs");
        assert_eq!(taped.next(), Some(slow), "tape token {i} differs");
    }
    assert_eq!(taped.next(), None, "the tape has tokens past the end");
    assert_eq!(
        bytewise.next_token_bytewise().kind,
        TokenKind::Eof,
        "the block path stopped early"
    );
});
