//! A fast, faithful, crash-proof parser for the [Gene](https://github.com/gene-lang/gene)
//! language.
//!
//! Gene is a Lisp-like, homoiconic language whose forms carry `^key value` properties. This
//! crate reads Gene source exactly as the reference reader does (GENE_SYNTAX.md is the
//! contract), builds a flat, index-based tree, and prints the canonical dump used for
//! differential testing. [`Document::print`] renders a tree back to Gene source that
//! parses to the same values.
//!
//! ```
//! let doc = gene_parser::parse(b"(fn add [a b] (a + b))").unwrap();
//! assert_eq!(doc.dump(), "(fn add [a b] (a + b))\n");
//!
//! let err = gene_parser::parse(b"(f ^a)").unwrap_err();
//! assert_eq!(err.kind(), gene_parser::ErrorKind::MissingPropertyValue);
//! assert_eq!((err.line(), err.column()), (1, 4));
//! ```
//!
//! Design, in short (ARCHITECTURE.md has the rest):
//! - the [`Lexer`] is a pure function over bytes yielding 12-byte [`Token`]s, never allocating
//!   per token and never failing; a [`TokenTape`] holds all of a source's tokens in flat
//!   arrays, written many per step on CPUs with AVX-512;
//! - the parser pulls tokens, builds 16-byte nodes into one vector, interns symbols, borrows
//!   strings without escapes from the source and copies the others once;
//! - every error is an [`Error`] with a precise [`ErrorKind`], byte offset, line and column;
//! - nesting is bounded ([`ParseOptions::max_depth`]), input is bounded ([`MAX_INPUT_LEN`]),
//!   and no input makes the parser panic, overflow its stack or loop.
//!
//! Non-goals: evaluating Gene, validating regexes, or reproducing the reference's positions
//! (which have known gaps); where the reference misbehaves, GENE_SYNTAX.md §6.3 says what we do.

mod ast;
#[cfg(feature = "calibration-slowdown")]
mod calibration;
mod dump;
mod error;
mod incremental;
mod interner;
mod lexer;
mod parser;
mod print;
mod token;

pub use ast::{
    ChildIter, Children, Date, Document, Entries, Ids, NodeId, NodeKind, Storage, Time, Value,
};
pub use error::{Error, ErrorKind, line_column};
pub use incremental::{EditStats, IncrementalDocument};
pub use interner::{Interner, SymbolId};
pub use lexer::{Lexer, TokenTape, tokenize};
pub use parser::{DEFAULT_MAX_DEPTH, MAX_INPUT_LEN, ParseOptions};
pub use print::PrintStyle;
pub use token::{Token, TokenKind};

/// Parses a whole document with the default options.
pub fn parse(src: &[u8]) -> Result<Document<'_>, Error> {
    parse_with(src, &ParseOptions::default())
}

/// Parses a whole document.
pub fn parse_with<'src>(src: &'src [u8], options: &ParseOptions) -> Result<Document<'src>, Error> {
    parser::Parser::new(src, options).parse_document()
}

/// Parses everything that can be parsed, in one pass: the document of every top-level form
/// that parsed, and every error. After an error the parser skips to the next line that starts,
/// at column 1, a new top-level form. The first error is the one [`parse`] returns.
///
/// ```
/// let (doc, errors) = gene_parser::parse_recovering(b"(a ]\n(b)\n(c 12abc)\n(d)\n");
/// assert_eq!(doc.dump(), "(b)\n(d)\n");
/// assert_eq!(errors.iter().map(|e| e.line()).collect::<Vec<_>>(), [1, 3]);
/// ```
pub fn parse_recovering(src: &[u8]) -> (Document<'_>, Vec<Error>) {
    parser::Parser::new(src, &ParseOptions::default()).parse_recovering()
}

/// The canonical dump of `src`: one line per top-level value, or the single line `<error>`
/// if it does not parse.
pub fn dump(src: &[u8]) -> String {
    match parse(src) {
        Ok(doc) => doc.dump(),
        Err(_) => "<error>\n".to_string(),
    }
}
