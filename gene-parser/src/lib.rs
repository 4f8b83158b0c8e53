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
mod comments;
mod dump;
mod error;
mod hugepage;
mod incremental;
mod interner;
mod lexer;
mod line_index;
#[cfg(feature = "parallel")]
mod parallel;
mod parser;
mod print;
mod reuse;
mod token;
#[cfg(feature = "parallel")]
mod workers;

pub use ast::{
    Child, ChildIter, Children, Date, Descendants, Document, Entries, Gene, Ids, NodeId, NodeKind,
    ParentMap, Role, RootIter, Roots, Storage, Time, Value, Visit, Visitor,
};
pub use comments::{Attachment, Comment, CommentKind, comments};
pub use error::{Error, ErrorKind, MAX_MESSAGE_LEN, line_column};
#[doc(hidden)]
pub use hugepage::advise as advise_huge_pages;
pub use incremental::{EditStats, IncrementalDocument, Recovered};
pub use interner::{Interner, SymbolId};
pub use lexer::{Lexer, TokenTape, tokenize};
pub use line_index::LineIndex;
#[doc(hidden)]
pub use line_index::line_index_query_work;
#[cfg(feature = "parallel")]
pub use parallel::{MIN_PIECE_BYTES, parse_parallel, parse_parallel_with};
#[cfg(feature = "parallel")]
#[doc(hidden)]
pub use parallel::{SplitReport, parallel_cut_guesses, parse_parallel_at, storage_difference};
#[doc(hidden)]
pub use parser::RecoveryWork;
pub use parser::{DEFAULT_MAX_DEPTH, MAX_INPUT_LEN, ParseOptions};
pub use print::PrintStyle;
pub use reuse::Buffers;
pub use token::{Token, TokenKind};
#[cfg(feature = "parallel")]
pub use workers::{MAX_JOBS, Workers, WorkersError};

/// Parses a whole document with the default options.
pub fn parse(src: &[u8]) -> Result<Document<'_>, Error> {
    parse_with(src, &ParseOptions::default())
}

/// Parses a whole document.
pub fn parse_with<'src>(src: &'src [u8], options: &ParseOptions) -> Result<Document<'src>, Error> {
    parser::Parser::new(src, options).parse_document()
}

/// Parses everything that can be parsed, in one pass: the document of every top-level form
/// that parsed, and every error, in offset order. The first error is the one [`parse`] returns.
///
/// The resume rule: after an error, the rest of the failed form is skipped by its brackets
/// (any closer closes the innermost open bracket), or up to a line past the error that starts
/// a form at column 1 if that comes first, and parsing resumes there, so every malformed form
/// yields an error, a stray closer at top level is an error of its own, and no defect is
/// reported twice. A form whose brackets are still open at the end of input is reported once; parsing resumes at the first line after it that starts a form at column 1
/// from where the rest of the input is balanced (forms inside an unterminated string are the
/// string's text, not forms). Each NUL byte is one error. The work is linear in the input
/// whatever the number of errors.
///
/// ```
/// let (doc, errors) = gene_parser::parse_recovering(b"(a ]\n(b)\n(c 12abc) (d)\n  )\n");
/// assert_eq!(doc.dump(), "(b)\n(d)\n");
/// let places: Vec<_> = errors.iter().map(|e| (e.line(), e.column())).collect();
/// assert_eq!(places, [(1, 4), (3, 4), (4, 3)]);
/// ```
pub fn parse_recovering(src: &[u8]) -> (Document<'_>, Vec<Error>) {
    parser::Parser::new(src, &ParseOptions::default()).parse_recovering()
}

/// [`parse_recovering`] with options: the same resume rule, with [`ParseOptions::max_depth`]
/// (or any other option) applied to every form.
///
/// ```
/// let options = gene_parser::ParseOptions { max_depth: 2, ..Default::default() };
/// let (doc, errors) = gene_parser::parse_recovering_with(b"(a (b (c)))\n(d)\n", &options);
/// assert_eq!(doc.dump(), "(d)\n");
/// assert_eq!(errors[0].kind(), gene_parser::ErrorKind::NestingTooDeep);
/// ```
pub fn parse_recovering_with<'src>(
    src: &'src [u8],
    options: &ParseOptions,
) -> (Document<'src>, Vec<Error>) {
    parser::Parser::new(src, options).parse_recovering()
}

/// [`parse_recovering`] without keeping the errors: each is handed to `on_error` as it is
/// found, in offset order, so that a caller printing them (`gene-parse check --all-errors`)
/// holds one error at a time however many the input has. Returns the document of the forms
/// that parsed.
///
/// ```
/// let mut lines = Vec::new();
/// let doc = gene_parser::parse_recovering_each(b"(a ]\n(b)\n)\n", |e| lines.push(e.line()));
/// assert_eq!((doc.dump(), lines), ("(b)\n".to_string(), vec![1, 3]));
/// ```
pub fn parse_recovering_each(src: &[u8], on_error: impl FnMut(Error)) -> Document<'_> {
    parser::Parser::new(src, &ParseOptions::default())
        .recover(on_error)
        .0
}

/// [`parse_recovering`]'s error count and the work it did, for the tests that check that error
/// paths are linear. Not part of the stable API.
#[doc(hidden)]
pub fn recovery_work(src: &[u8]) -> (usize, parser::RecoveryWork) {
    let mut errors = 0;
    let (_, work) = parser::Parser::new(src, &ParseOptions::default()).recover(|_| errors += 1);
    (errors, work)
}

/// The canonical dump of `src`: one line per top-level value, or the single line `<error>`
/// if it does not parse.
pub fn dump(src: &[u8]) -> String {
    match parse(src) {
        Ok(doc) => doc.dump(),
        Err(_) => "<error>\n".to_string(),
    }
}
