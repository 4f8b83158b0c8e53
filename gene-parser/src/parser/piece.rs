//! One piece of a parallel parse (see `crate::parallel`): the top-level forms of a source from
//! a given token start on, up to the first top-level token at or past a limit.
//!
//! The piece is parsed over the whole source, so every token sees the bytes that really
//! follow it (no truncation, hence no look-ahead question at the piece's end), and its
//! offsets are absolute. Only the lexer's starting point differs from a full parse: it starts
//! at `start` outside any string, comment or interpolation, and without the file-start
//! treatment (a byte-order mark is skipped only by the piece at offset 0).

use super::{PResult, Parser, first_reservations};
use crate::ast::{RawId as NodeId, Tree};
use crate::interner::Interner;
use crate::lexer::Lexer;
use crate::parser::ParseOptions;
use crate::token::TokenKind;

/// A parsed piece: its tree (node, extra and text indices local to it, offsets into the
/// source absolute), and where it stopped: the start of the first top-level token at or
/// past the limit, or the length of the source.
pub(crate) struct Piece {
    pub tree: Tree,
    pub stop: usize,
}

impl<'src> Parser<'src> {
    /// Parses the top-level forms of `src` from the token that starts at `start` (0: the
    /// start of the file, past a byte-order mark) while the next form starts before `limit`,
    /// into arrays reserved as a full parse reserves them for `reserve_for` bytes (the first
    /// piece reserves for the whole source, so that the others are appended to its arrays
    /// without moving them). The caller has checked the source's size and that it holds no
    /// NUL byte; an error is the error a full parse reports, provided a full parse reaches
    /// `start` between forms.
    pub(crate) fn parse_piece(
        src: &'src [u8],
        options: &ParseOptions,
        start: usize,
        limit: usize,
        reserve_for: usize,
    ) -> PResult<Piece> {
        let len = limit.saturating_sub(start);
        let [node_guess, extra_guess, text_guess] = first_reservations(reserve_for);
        let mut parser = Parser::with_arrays(
            src,
            options,
            Vec::with_capacity(node_guess),
            Vec::with_capacity(extra_guess),
            Vec::with_capacity(text_guess),
            Interner::with_capacity(super::symbol_guess(len)),
        );
        if start > 0 {
            parser.lexer = Lexer::at(src, start);
        }
        let mut roots: Vec<NodeId> = Vec::with_capacity(len / 64 + 4);
        parser.bump();
        while parser.tok().kind != TokenKind::Eof && (parser.tok().start as usize) < limit {
            let id = parser.item()?;
            parser.push_root(&mut roots, id);
        }
        let stop = parser.tok().start as usize;
        Ok(Piece {
            tree: parser.into_tree(roots),
            stop,
        })
    }
}
