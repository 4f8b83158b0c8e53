//! Arbitrary bytes into both lexer paths: the block path (the `Lexer` iterator) must give
//! exactly the tokens of the byte-at-a-time path the parser uses, and neither may panic.
#![no_main]

use gene_parser::{Lexer, TokenKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut bytewise = Lexer::new(data);
    for (i, fast) in Lexer::new(data).enumerate() {
        let slow = bytewise.next_token_bytewise();
        assert_eq!(fast, slow, "token {i} differs");
    }
    assert_eq!(
        bytewise.next_token_bytewise().kind,
        TokenKind::Eof,
        "the block path stopped early"
    );
});
