//! Interpolated strings resolved in a bulk step's masks.
//!
//! An interpolated string (`#"a #{x} b"`) is several tokens: [`TokenKind::InterpStart`],
//! literal segments, [`TokenKind::HoleOpen`], the hole's own tokens,
//! [`TokenKind::HoleClose`] and [`TokenKind::InterpEnd`]. A hole holds code, so no prefix
//! XOR over quotes can find where the string ends; this module walks the few quote, `#`,
//! `{` and `}` bytes of the string in order instead. It gives the start and end bits of
//! every token of the string, so that the bulk step's carries and compress stores write
//! them with the tokens around it, and the kinds its first bytes do not tell.
//!
//! Only the common shape is taken: a single-quoted string whose segments have no `\`, CR,
//! comment or nested `#(`/`#[`, and whose holes hold only tokens the block path makes
//! (symbols, integers, `(`, `)`, `[`, `]`, …) with their brackets balanced. Anything else
//! is left to the byte path, which makes every shape, and so is the rest of a string that
//! runs past its block.

use std::arch::x86_64::*;

use crate::token::TokenKind;

/// The masks of a block that resolving an interpolated string reads.
pub(super) struct Block {
    /// The 64 bytes.
    pub(super) bytes: __m512i,
    /// Token starts and possible ends, as the block path sees them outside strings.
    pub(super) starts: u64,
    pub(super) any_end: u64,
    /// Starts of tokens the block path leaves to the byte path.
    pub(super) slow_starts: u64,
    pub(super) quotes: u64,
    pub(super) hashes: u64,
    /// `\`.
    pub(super) special: u64,
    pub(super) returns: u64,
    pub(super) braces: u64,
}

/// The tokens of an interpolated string that begins in the block: all of them, or those
/// before a literal part that runs past the block's end.
#[derive(Clone, Copy)]
pub(super) struct Interp {
    /// The bytes its tokens cover, from `#` to the closing quote or to `rest`.
    pub(super) region: u64,
    /// The starts of its tokens.
    pub(super) starts: u64,
    /// The ends of its tokens.
    pub(super) ends: u64,
    /// The bytes of its literal parts, which hold no token of their own.
    pub(super) literal: u64,
    /// Where the byte path must go on, in the string's literal mode, when the string does
    /// not end in the block.
    pub(super) rest: Option<u32>,
}

impl Interp {
    /// Adds the token from bit `start` to bit `end`, whose kind its first byte does not
    /// tell. `false` if it ends at the block's end, where it has no end bit.
    #[target_feature(enable = "avx512f,avx512bw")]
    fn push(&mut self, kinds: &mut Kinds, start: u32, end: u32, kind: TokenKind) -> bool {
        if end >= 64 {
            return false;
        }
        self.starts |= 1 << start;
        self.ends |= 1 << end;
        kinds.set(start, kind);
        true
    }

    /// These tokens, of a string that began at bit `at` and goes on past the block with a
    /// literal part at bit `rest`.
    fn open(self, at: u32, rest: u32) -> Interp {
        Interp {
            region: u64::MAX >> (64 - rest) & u64::MAX << at,
            rest: Some(rest),
            ..self
        }
    }
}

/// Kinds for tokens whose first byte does not tell theirs, by the bit of that byte.
pub(super) struct Kinds {
    /// The kind tags, in the bytes of `at`.
    pub(super) tags: __m512i,
    /// The bits that have a tag.
    pub(super) at: u64,
}

impl Kinds {
    #[target_feature(enable = "avx512f")]
    pub(super) fn new() -> Kinds {
        Kinds {
            tags: _mm512_setzero_si512(),
            at: 0,
        }
    }

    #[target_feature(enable = "avx512f,avx512bw")]
    fn set(&mut self, bit: u32, kind: TokenKind) {
        self.tags = _mm512_mask_mov_epi8(self.tags, 1 << bit, _mm512_set1_epi8(kind as i8));
        self.at |= 1 << bit;
    }
}

/// Why a string, a line comment or an interpolated string was not resolved in the masks.
pub(super) enum Unresolved {
    /// It runs past the block's end (or may: the byte that would tell is in the next block).
    Crossing,
    /// It has a shape this module does not take.
    Slow,
}

/// Resolves the interpolated string whose `#"` is at bit `at` (below 64). The kinds of its
/// tokens whose first byte does not tell them go to `kinds`. A string that runs past the
/// block gives the tokens before its last literal part in the block, and `rest` says where
/// that part begins.
///
/// # Safety
/// The CPU must have AVX-512BW.
#[target_feature(enable = "avx512f,avx512bw,bmi1,bmi2,popcnt")]
#[inline(never)]
pub(super) unsafe fn resolve(
    at: u32,
    block: &Block,
    kinds: &mut Kinds,
) -> Result<Interp, Unresolved> {
    // `#"""` opens a triple-quoted string; the two bytes after `#"` tell.
    if at + 3 >= 64 {
        return Err(Unresolved::Crossing);
    }
    if block.quotes >> (at + 2) & 0b11 == 0b11 {
        return Err(Unresolved::Slow);
    }
    let eq = |b: u8| _mm512_cmpeq_epi8_mask(block.bytes, _mm512_set1_epi8(b as i8));
    let closing_braces = eq(b'}');
    let opens = eq(b'(') | eq(b'[');
    let closes = eq(b')') | eq(b']');
    // A `#` whose next byte makes it a hole, or a nested gene, array or comment.
    let hole_hashes = block.hashes & block.braces >> 1;
    let other_hashes = block.hashes & (opens | eq(b'<')) >> 1;
    let literal_stops = block.quotes | block.hashes | block.special | block.returns;
    let hole_stops = block.quotes | block.hashes | block.special | block.braces | closing_braces;

    let mut interp = Interp {
        region: 0,
        starts: 0,
        ends: 0,
        literal: 0,
        rest: None,
    };
    interp.push(kinds, at, at + 2, TokenKind::InterpStart);
    let mut pos = at + 2;
    loop {
        // If the string runs past the block from here on, the tokens so far are given and
        // the byte path goes on from this literal part.
        let segment = pos;
        let done = interp;
        let stop = loop {
            // A literal part ends at its closing quote, or at a `#` that opens a hole; a `#`
            // followed by anything else is text.
            let next = literal_stops & (u64::MAX << pos);
            if next == 0 {
                return Ok(done.open(at, segment));
            }
            let stop = next.trailing_zeros();
            let bit = 1 << stop;
            if block.hashes & bit == 0 || hole_hashes & bit != 0 {
                break stop;
            }
            if stop == 63 {
                return Ok(done.open(at, segment));
            }
            if other_hashes & bit != 0 {
                return Err(Unresolved::Slow);
            }
            pos = stop + 1;
        };
        let bit = 1u64 << stop;
        if block.quotes & bit != 0 {
            if !interp.push(kinds, segment, stop + 1, TokenKind::InterpEnd) {
                return Ok(done.open(at, segment));
            }
            let through_quote = _bzhi_u64(u64::MAX, stop + 1);
            interp.literal |= through_quote & (u64::MAX << segment);
            interp.region = through_quote & (u64::MAX << at);
            return Ok(interp);
        }
        if hole_hashes & bit == 0 {
            // A `\` or a CR: the segment needs cooking.
            return Err(Unresolved::Slow);
        }
        if stop > segment {
            interp.push(kinds, segment, stop, TokenKind::InterpSegment);
            interp.literal |= _bzhi_u64(u64::MAX, stop) & (u64::MAX << segment);
        }
        let first = stop + 2;
        if !interp.push(kinds, stop, first, TokenKind::HoleOpen) {
            return Ok(done.open(at, segment));
        }
        // The hole's code, up to the `}` that closes it.
        let next = hole_stops & (u64::MAX << first);
        if next == 0 {
            return Ok(done.open(at, segment));
        }
        let close = next.trailing_zeros();
        if closing_braces & (1 << close) == 0 {
            return Err(Unresolved::Slow);
        }
        let code = _bzhi_u64(u64::MAX, close) & (u64::MAX << first);
        // The `}` closes the hole only at the depth the hole opened at.
        if block.slow_starts & code != 0
            || (opens & code).count_ones() != (closes & code).count_ones()
        {
            return Err(Unresolved::Slow);
        }
        interp.starts |= block.starts & code;
        // The code's tokens end where the block path says, the last one at the `}`.
        interp.ends |= block.any_end & code << 1;
        if !interp.push(kinds, close, close + 1, TokenKind::HoleClose) {
            return Ok(done.open(at, segment));
        }
        pos = close + 1;
    }
}
