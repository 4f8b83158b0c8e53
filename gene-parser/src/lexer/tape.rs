//! [`TokenTape`]: every token of a source at once, in flat arrays.
//!
//! The [`Lexer`] iterator hands out one token per call. A tape lexes the whole source in one
//! go, which lets the common tokens of a block be written many at a time: on a CPU with the
//! AVX-512 compress instructions, one step of [`bulk`] writes the tokens of a 64-byte block
//! that it can make from the block's masks (brackets, symbols, integers, plain floats,
//! strings, most interpolated strings, with comments skipped) up to the first one it cannot,
//! and the lexer makes that one as the iterator would. Without AVX-512 the tape is filled
//! from the iterator.
//! Either way the tape holds exactly the iterator's tokens, which the differential tests
//! check.

use super::Lexer;
use crate::token::{Token, TokenKind};

#[cfg(target_arch = "x86_64")]
mod bulk;
#[cfg(target_arch = "x86_64")]
mod interp;

/// Every token of a source, in order, as four parallel arrays: start offsets, end offsets,
/// kinds and flags. [`TokenKind::Eof`] is not stored.
///
/// ```
/// use gene_parser::{TokenKind, TokenTape};
/// let tape = TokenTape::new(b"(f ^k 1) # done");
/// assert_eq!(tape.len(), 5);
/// assert_eq!(tape.kinds()[3], TokenKind::Int);
/// assert_eq!(tape.get(1).map(|t| (t.start, t.end)), Some((1, 2)));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TokenTape {
    starts: Vec<u32>,
    ends: Vec<u32>,
    kinds: Vec<TokenKind>,
    flags: Vec<u8>,
}

/// The slack a bulk step needs past the tape's length: it writes whole vectors of up to one
/// entry per byte of a block before it knows how many entries it keeps.
const SLACK: usize = super::BLOCK;

impl TokenTape {
    /// Lexes all of `src` (past a UTF-8 byte-order mark, as [`Lexer::new`] does).
    pub fn new(src: &[u8]) -> TokenTape {
        let mut tape = TokenTape::default();
        tape.relex(src);
        tape
    }

    /// Replaces the tokens with those of `src`, reusing the arrays' memory: for a program
    /// that lexes file after file.
    pub fn relex(&mut self, src: &[u8]) {
        self.clear();
        // Generated and hand-written Gene average five to six bytes a token; a quarter of
        // the length is enough for most files without a reallocation.
        self.reserve(src.len() / 4 + SLACK);
        let mut lexer = Lexer::new(src);
        #[cfg(target_arch = "x86_64")]
        if bulk::available() {
            // SAFETY: the CPU has the features `fill` is compiled for, checked just above.
            unsafe { bulk::fill(&mut lexer, self) };
            return;
        }
        for token in lexer {
            self.push(token);
        }
    }

    fn clear(&mut self) {
        self.starts.clear();
        self.ends.clear();
        self.kinds.clear();
        self.flags.clear();
    }

    /// Makes room for `more` entries past the length in every array.
    fn reserve(&mut self, more: usize) {
        self.starts.reserve(more);
        self.ends.reserve(more);
        self.kinds.reserve(more);
        self.flags.reserve(more);
    }

    /// The number of tokens.
    pub fn len(&self) -> usize {
        self.kinds.len()
    }

    /// Whether the source held no token.
    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
    }

    /// The `index`-th token, if there is one.
    pub fn get(&self, index: usize) -> Option<Token> {
        (index < self.len()).then(|| self.token(index))
    }

    /// The tokens in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Token> + '_ {
        (0..self.len()).map(|index| self.token(index))
    }

    /// The `index`-th token; `index` must be below the length.
    fn token(&self, index: usize) -> Token {
        Token {
            kind: self.kinds[index],
            flags: self.flags[index],
            start: self.starts[index],
            end: self.ends[index],
        }
    }

    /// Every token's start offset.
    pub fn starts(&self) -> &[u32] {
        &self.starts
    }

    /// Every token's end offset (one past its last byte).
    pub fn ends(&self) -> &[u32] {
        &self.ends
    }

    /// Every token's kind.
    pub fn kinds(&self) -> &[TokenKind] {
        &self.kinds
    }

    /// Every token's flags ([`Token::ESCAPED`], [`Token::SLASH`], [`Token::MALFORMED`]).
    pub fn flags(&self) -> &[u8] {
        &self.flags
    }

    fn push(&mut self, token: Token) {
        self.starts.push(token.start);
        self.ends.push(token.end);
        self.kinds.push(token.kind);
        self.flags.push(token.flags);
    }

    /// [`TokenTape::push`] without the capacity checks.
    ///
    /// # Safety
    /// Every array must have room for one more entry.
    #[cfg(target_arch = "x86_64")]
    #[inline(always)]
    unsafe fn push_unchecked(&mut self, token: Token) {
        let len = self.len();
        // SAFETY: every array has room at `len` (our contract), which is then written.
        unsafe {
            self.starts.as_mut_ptr().add(len).write(token.start);
            self.ends.as_mut_ptr().add(len).write(token.end);
            self.kinds.as_mut_ptr().add(len).write(token.kind);
            self.flags.as_mut_ptr().add(len).write(token.flags);
            self.set_len(len + 1);
        }
    }

    /// Sets the length of every array.
    ///
    /// # Safety
    /// Every array must have its first `len` entries written.
    #[cfg(target_arch = "x86_64")]
    #[inline(always)]
    unsafe fn set_len(&mut self, len: usize) {
        // SAFETY: the entries up to `len` are written (our contract).
        unsafe {
            self.starts.set_len(len);
            self.ends.set_len(len);
            self.kinds.set_len(len);
            self.flags.set_len(len);
        }
    }

    /// Makes room for a bulk step: [`SLACK`] entries past the length in every array.
    /// Returns the capacity all four arrays have, so that a caller can tell when to ask
    /// again from the length alone: reading the four capacities right after the lengths
    /// were stored stalls on store forwarding, once per step.
    #[cfg(target_arch = "x86_64")]
    #[inline]
    fn reserve_slack(&mut self) -> usize {
        let len = self.kinds.len();
        if self.capacity() - len < SLACK {
            self.reserve(len.max(SLACK));
        }
        self.capacity()
    }

    /// The number of entries every array has room for.
    #[cfg(target_arch = "x86_64")]
    fn capacity(&self) -> usize {
        self.starts
            .capacity()
            .min(self.ends.capacity())
            .min(self.kinds.capacity())
            .min(self.flags.capacity())
    }
}
