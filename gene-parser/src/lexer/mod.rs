//! The lexer: bytes in, small `Copy` tokens out. It never allocates per token and never fails:
//! a malformed literal becomes a token with [`Token::MALFORMED`] set, and the parser decodes it
//! again to say exactly what is wrong.
//!
//! There are two paths to the same tokens. The block path ([`Lexer::next_token`]) classifies
//! 64 bytes at a time into bitmasks ([`block`]) and finds plain tokens with `trailing_zeros`;
//! the byte path (`lex_at`) dispatches on each token's first byte and handles everything. The
//! iterator takes the block path; the parser inlines the byte path, whose dispatch merges with
//! its own (see `lex_bytewise`).
//!
//! Interpolated strings (`#"a#{x}b"`) are lexed as a sequence of tokens ([`TokenKind::InterpStart`],
//! segments, [`TokenKind::HoleOpen`] … [`TokenKind::HoleClose`], [`TokenKind::InterpEnd`]); a small
//! mode stack, which only grows while such strings nest, tells the lexer when it is inside one.

pub(crate) mod block;
pub(crate) mod bytes;
#[cfg(test)]
mod differential;
pub(crate) mod number;
pub(crate) mod regex;
pub(crate) mod string;
mod tape;
pub(crate) mod trivia;

use self::block::{BLOCK, Masks};
use self::bytes::{is_digit, is_terminator, stops_token_scan};
use crate::token::{Token, TokenKind};

pub use self::tape::TokenTape;

/// What the lexer is inside of, for interpolated strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// Between literal parts of an interpolated string.
    Literal { triple: bool },
    /// Inside `#{ … }`; the hole closes at a `}` seen at this bracket depth.
    Hole { depth: i64 },
    /// Inside a `#(…)` or `#[…]` of an interpolated string; literal mode resumes when the
    /// bracket depth returns to this value.
    Nested { depth: i64 },
}

/// What the first byte of an item (or of trivia) is: one table load, then one jump.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
enum Start {
    /// Space, tab, CR, comma.
    Space,
    Newline,
    /// A byte that can only begin a symbol and needs no token flag.
    Symbol,
    /// `/` or `\\`: begins a symbol that needs a flag.
    Special,
    LParen,
    RParen,
    LBracket,
    RBracket,
    LBrace,
    RBrace,
    Hash,
    Quote,
    Digit,
    /// `+` or `-`: a number if a digit follows, else a symbol.
    Sign,
    Char,
    Backquote,
    Semicolon,
    Percent,
    /// NUL, VT, FF.
    Unknown,
}

static START: [Start; 256] = {
    let mut table = [Start::Symbol; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b' ' | b'\t' | b'\r' | b',' => Start::Space,
            b'\n' => Start::Newline,
            b'/' | b'\\' => Start::Special,
            b'(' => Start::LParen,
            b')' => Start::RParen,
            b'[' => Start::LBracket,
            b']' => Start::RBracket,
            b'{' => Start::LBrace,
            b'}' => Start::RBrace,
            b'#' => Start::Hash,
            b'"' => Start::Quote,
            b'0'..=b'9' => Start::Digit,
            b'+' | b'-' => Start::Sign,
            b'\'' => Start::Char,
            b'`' => Start::Backquote,
            b';' => Start::Semicolon,
            b'%' => Start::Percent,
            0 | 0x0b | 0x0c => Start::Unknown,
            _ => Start::Symbol,
        };
        b += 1;
    }
    table
};

impl Start {
    #[inline(always)]
    fn of(b: u8) -> Start {
        START[b as usize]
    }
}

/// For the block fast path: what a token that starts with a given byte is. Aligned so that
/// an entry never straddles a cache line.
#[derive(Clone, Copy)]
#[repr(C, align(8))]
struct Fast {
    /// The [`TokenKind`] tag.
    kind: u8,
    /// 1 for a digit: an `Int` if digits run up to the token's end.
    int: u8,
    /// Nonzero for bytes the fast path leaves to [`Lexer::lex_at`]: [`STRING`], [`HASH`]
    /// (which may open a comment, skipped on the spot) or [`OTHER`].
    slow: u8,
    /// How the token changes the bracket depth.
    depth: i8,
}

const STRING: u8 = 1;
const HASH: u8 = 2;
const OTHER: u8 = 3;

impl Fast {
    const SLOW: Fast = Fast::new(TokenKind::Unknown, 0, OTHER, 0);
    const SYMBOL: Fast = Fast::new(TokenKind::Symbol, 0, 0, 0);

    const fn new(kind: TokenKind, int: u8, slow: u8, depth: i8) -> Fast {
        Fast {
            kind: kind as u8,
            int,
            slow,
            depth,
        }
    }

    /// A one-byte token (brackets, `` ` ``, `;`).
    const fn single(kind: TokenKind, depth: i8) -> Fast {
        Fast::new(kind, 0, 0, depth)
    }
}

/// [`FAST`] as a constant, so that other tables can be built from it at compile time.
const FAST_TABLE: [Fast; 256] = {
    let mut table = [Fast::SLOW; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match START[b] {
            // A symbol, flagged on the fast path if it holds a `/`; `\\` is left to the byte
            // path, which reads the escape.
            Start::Symbol => Fast::SYMBOL,
            Start::Special if b == b'/' as usize => Fast::SYMBOL,
            Start::Quote => Fast::new(TokenKind::Str, 0, STRING, 0),
            Start::Hash => Fast::new(TokenKind::Symbol, 0, HASH, 0),
            Start::Digit => Fast::new(TokenKind::Int, 1, 0, 0),
            Start::LParen => Fast::single(TokenKind::LParen, 1),
            Start::RParen => Fast::single(TokenKind::RParen, -1),
            Start::LBracket => Fast::single(TokenKind::LBracket, 1),
            Start::RBracket => Fast::single(TokenKind::RBracket, -1),
            // `}` is plain `RBrace` only outside interpolated strings, where the fast path runs.
            Start::RBrace => Fast::single(TokenKind::RBrace, -1),
            Start::Backquote => Fast::single(TokenKind::Quote, 0),
            Start::Semicolon => Fast::single(TokenKind::Semicolon, 0),
            _ => Fast::SLOW,
        };
        b += 1;
    }
    table
};

static FAST: [Fast; 256] = FAST_TABLE;

/// A token on its way out of the lexer, in two registers.
///
/// A 12-byte [`Token`] returned from an out-of-line function goes through memory: the callee
/// writes it field by field and the caller reads it back in wider loads at once, which defeats
/// store forwarding and stalls every token. This pair is returned in two registers instead,
/// and [`Lexer::next_token`] unpacks it where it is inlined.
#[derive(Clone, Copy)]
pub(crate) struct Lexed {
    /// `start | end << 32`.
    span: u64,
    /// `kind | flags << 8`.
    tag: u16,
}

impl Lexed {
    #[inline(always)]
    pub(crate) fn new(kind: TokenKind, flags: u8, start: usize, end: usize) -> Lexed {
        Lexed {
            span: (start as u32 as u64) | (end as u32 as u64) << 32,
            tag: kind as u16 | (flags as u16) << 8,
        }
    }

    #[inline(always)]
    pub(crate) fn token(self) -> Token {
        Token {
            kind: TokenKind::from_tag(self.tag as u8),
            flags: (self.tag >> 8) as u8,
            start: self.span as u32,
            end: (self.span >> 32) as u32,
        }
    }
}

/// A pull lexer over Gene source. Iterating yields every token up to (not including)
/// [`TokenKind::Eof`]; whitespace, commas and comments are skipped.
///
/// ```
/// use gene_parser::{Lexer, TokenKind};
/// let kinds: Vec<_> = Lexer::new(b"(f ^k 1) # done").map(|t| t.kind).collect();
/// assert_eq!(kinds, [TokenKind::LParen, TokenKind::Symbol, TokenKind::Symbol, TokenKind::Int, TokenKind::RParen]);
/// ```
#[derive(Clone, Debug)]
pub struct Lexer<'src> {
    src: &'src [u8],
    pos: usize,
    /// Open brackets minus closed ones; only compared while `modes` is not empty.
    depth: i64,
    modes: Vec<Mode>,
    /// Whether the innermost mode is [`Mode::Literal`]: kept in sync with `modes` so that the
    /// hot path tests one byte instead of the stack's top.
    literal: bool,
    /// Whether `modes` is empty, so the block fast path applies.
    plain: bool,
    /// Offset of the block the masks below describe (bit `i` is byte `base + i`).
    base: usize,
    /// Bytes that may begin a token and lie at or after `pos`: a non-space byte after a stop
    /// byte, a non-space stop byte, or the block's first byte. The fast path takes them in
    /// order, clearing each as it goes, so finding a token's start is off the critical path.
    starts: u64,
    /// Where a token that starts before may end: a stop byte, or the byte after a non-space
    /// stop byte (which is a one-byte token).
    ends: u64,
    /// The block's raw byte classes.
    masks: Masks,
}

impl<'src> Lexer<'src> {
    /// A lexer at the start of `src`, past a UTF-8 byte-order mark if there is one.
    pub fn new(src: &'src [u8]) -> Lexer<'src> {
        let pos = if src.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        Lexer::at(src, pos)
    }

    /// A lexer that starts at byte `pos` of `src`, outside any interpolated string.
    pub fn at(src: &'src [u8], pos: usize) -> Lexer<'src> {
        let pos = pos.min(src.len());
        Lexer {
            src,
            pos,
            depth: 0,
            modes: Vec::new(),
            literal: false,
            plain: true,
            // No block yet: with no starts left, the block path loads the one at `pos` first.
            // The parser, which takes the byte path, never loads one.
            base: pos.wrapping_sub(BLOCK),
            starts: 0,
            ends: 0,
            masks: Masks::default(),
        }
    }

    /// Classifies the 64 bytes from `base` (see [`block::with_block`] for the end of input).
    #[inline(never)]
    fn load_block(&mut self, base: usize) {
        self.load_block_by(base, block::classify_into);
    }

    /// [`Lexer::load_block`] with a given classifier: the token tape passes the one its
    /// instructions allow, so that the whole load is inlined into its loop.
    #[inline(always)]
    fn load_block_by(&mut self, base: usize, classify: impl FnOnce(&[u8; BLOCK], &mut Masks)) {
        self.base = base;
        block::with_block(self.src, base, |bytes| classify(bytes, &mut self.masks));
        let (space, stop) = (self.masks.space, self.masks.stop);
        let solid_stops = stop & !space;
        self.starts = !space & (stop << 1 | 1 | solid_stops);
        self.ends = stop | solid_stops << 1;
    }

    /// After a token the fast path did not make: drops the starts before `pos` and marks `pos`
    /// itself, since a token can follow a number without a stop byte between (`1_000`).
    #[inline]
    fn resume_block(&mut self) {
        let rel = self.pos.wrapping_sub(self.base);
        if rel < BLOCK {
            let here = 1u64 << rel;
            self.starts = self.starts & !(here - 1) | here & !self.masks.space;
        } else {
            self.starts = 0;
        }
    }

    /// The first token-start bit of the next block, loading blocks until one has a start.
    /// `false` at the end of input.
    #[inline(never)]
    fn next_block(&mut self) -> bool {
        self.next_block_by(block::classify_into)
    }

    /// [`Lexer::next_block`] with a given classifier (see [`Lexer::load_block_by`]).
    #[inline(always)]
    fn next_block_by(&mut self, classify: impl Fn(&[u8; BLOCK], &mut Masks)) -> bool {
        // With no start left, everything from `pos` to the block's end is space, so the
        // next block begins after a stop, as `load_block` assumes.
        let from = self.pos.max(self.base.wrapping_add(BLOCK));
        self.next_block_from_by(from, classify)
    }

    /// Loads the first block from `from` on that holds a token start; `false` at the end of
    /// input. The byte before `from` must be a stop or a space, or `from` a token's start.
    #[inline(always)]
    fn next_block_from_by(
        &mut self,
        mut from: usize,
        classify: impl Fn(&[u8; BLOCK], &mut Masks),
    ) -> bool {
        loop {
            if from >= self.src.len() {
                self.pos = self.src.len();
                return false;
            }
            self.load_block_by(from, &classify);
            if self.starts != 0 {
                return true;
            }
            from += BLOCK;
        }
    }

    /// The source being lexed.
    pub fn source(&self) -> &'src [u8] {
        self.src
    }

    /// Offset of the next byte to look at.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Whether the next token is read inside the literal part of an interpolated string, where
    /// only `#<…>#` is skipped (and dropped with the string's text). For [`crate::comments`].
    pub(crate) fn in_literal(&self) -> bool {
        self.literal
    }

    #[inline]
    fn token(&mut self, kind: TokenKind, start: usize, end: usize, flags: u8) -> Lexed {
        self.pos = end;
        Lexed::new(kind, flags, start, end)
    }

    /// The next token; [`TokenKind::Eof`] at the end, forever.
    ///
    /// Outside interpolated strings, brackets, symbols without escapes and plain integers come
    /// from the block fast path; every other token from the byte-at-a-time path.
    #[inline(always)]
    pub fn next_token(&mut self) -> Token {
        self.lex().token()
    }

    /// The same token as [`Lexer::next_token`], by the byte-at-a-time path alone: the path
    /// the parser inlines (see `lex_bytewise`). The two paths give the same tokens, which the
    /// tests check on generated and random inputs; this one is public so that the benchmarks
    /// can measure the lexing the parser does (`phases/lex_bytewise`).
    #[inline(always)]
    pub fn next_token_bytewise(&mut self) -> Token {
        self.lex_bytewise().token()
    }

    /// The next token as the parser keeps it (see [`Lexed`]).
    ///
    /// Outside interpolated strings, the common tokens (brackets, symbols without escapes,
    /// flagged from a mask when they hold a `/`, and plain integers) are found on the block
    /// masks: the next bit of `starts` is the token's start, the next bit of `ends` after it
    /// its end, with one table load for the kind and no branch per byte. Comments are skipped
    /// and strings scanned here too; any other token, or one that runs past a block it does
    /// not start, goes to [`Lexer::lex_at`].
    #[inline(always)]
    fn lex(&mut self) -> Lexed {
        if !self.plain {
            // Inside an interpolated string; the block state catches up when it ends.
            return self.lex_slow(self.pos);
        }
        loop {
            if self.starts == 0 && !self.next_block() {
                return self.token(TokenKind::Eof, self.src.len(), self.src.len(), 0);
            }
            let first = self.starts.trailing_zeros() as usize;
            let start = self.base + first;
            let fast = FAST[self.src[start] as usize];
            // The token's end as a one-bit mask (0 if it is not in this block).
            let after = self.ends & (u64::MAX << first << 1);
            let end_bit = after & after.wrapping_neg();
            let inside = end_bit.wrapping_sub(1) & (u64::MAX << first);
            let slow = u64::from(fast.slow)
                | u64::from(end_bit == 0)
                | u64::from(end_bit & self.masks.special != 0)
                | u64::from(fast.int) & u64::from(inside & !self.masks.digit != 0);
            if slow != 0 {
                match fast.slow {
                    STRING => {
                        let token = self.string(start);
                        self.resume_block();
                        return token;
                    }
                    HASH => {
                        if let Some(after) = trivia::skip_comment(self.src, start) {
                            self.pos = after;
                            self.resume_block();
                            continue;
                        }
                        return self.lex_slow(start);
                    }
                    OTHER => return self.lex_slow(start),
                    _ => {}
                }
                if end_bit == 0 && first != 0 {
                    // The token may run on into the next block: classify from its start.
                    self.pos = start;
                    self.load_block(start);
                    continue;
                }
                return self.lex_slow(start);
            }
            self.starts &= self.starts - 1;
            self.depth += i64::from(fast.depth);
            let end = self.base + end_bit.trailing_zeros() as usize;
            // Only symbols reach here with a `/` inside: an integer with one is not plain.
            let flags = if inside & self.masks.slash != 0 {
                Token::SLASH
            } else {
                0
            };
            return self.token(TokenKind::from_tag(fast.kind), start, end, flags);
        }
    }

    /// The next token by the byte-at-a-time path alone, for the parser.
    ///
    /// The parser dispatches on every token's kind. Inlined there, this path's own dispatch
    /// on the first byte merges with the parser's, so most tokens cost one indirect branch.
    /// The block path yields the kind from a table, and the parser's dispatch then costs a
    /// second, unpredictable branch: a parse through [`Lexer::lex`] measured 7% slower.
    #[inline(always)]
    pub(crate) fn lex_bytewise(&mut self) -> Lexed {
        self.lex_at(self.pos)
    }

    /// A token the block path leaves, by the byte-at-a-time path from `start`.
    #[inline(never)]
    fn lex_slow(&mut self, start: usize) -> Lexed {
        let token = self.lex_at(start);
        self.resume_block();
        token
    }

    /// The next token from `p` on, one byte at a time: every token the block path leaves
    /// and everything inside interpolated strings.
    #[inline(always)]
    fn lex_at(&mut self, p: usize) -> Lexed {
        if self.literal {
            return self.interp_part();
        }
        let src = self.src;
        let mut p = p;
        // Trivia and dispatch share one loop: a skipped byte goes straight to the next one.
        loop {
            let Some(&b) = src.get(p) else {
                return self.token(TokenKind::Eof, src.len(), src.len(), 0);
            };
            return match Start::of(b) {
                Start::Space => {
                    p += 1;
                    continue;
                }
                Start::Newline => {
                    p = trivia::skip_spaces(src, p + 1);
                    continue;
                }
                // `b` is a token byte that needs no flag: scanning starts after it.
                Start::Symbol => self.symbol(p, p + 1),
                Start::LParen => self.open(TokenKind::LParen, p, 1, 1),
                Start::RParen => self.close(TokenKind::RParen, p),
                Start::LBracket => self.open(TokenKind::LBracket, p, 1, 1),
                Start::RBracket => self.close(TokenKind::RBracket, p),
                Start::LBrace => self.lbrace(p),
                Start::RBrace => self.rbrace(p),
                Start::Hash => match trivia::skip_comment(src, p) {
                    Some(after) => {
                        p = after;
                        continue;
                    }
                    None => self.hash(p),
                },
                Start::Quote => self.string(p),
                Start::Digit => self.number(p),
                Start::Sign if src.get(p + 1).is_some_and(|&d| is_digit(d)) => self.number(p),
                Start::Sign => self.symbol(p, p + 1),
                Start::Char => self.char(p),
                Start::Backquote => self.token(TokenKind::Quote, p, p + 1, 0),
                Start::Semicolon => self.token(TokenKind::Semicolon, p, p + 1, 0),
                Start::Percent => self.percent(p),
                Start::Unknown => self.token(TokenKind::Unknown, p, p + 1, 0),
                Start::Special => self.symbol(p, p),
            };
        }
    }

    /// Pushes an interpolation mode, keeping `literal` in sync.
    fn push_mode(&mut self, mode: Mode) {
        self.modes.push(mode);
        self.plain = false;
        self.literal = matches!(mode, Mode::Literal { .. });
    }

    /// Goes on at `pos`, in the literal part of an interpolated string (not triple-quoted)
    /// that began earlier: the token tape hands over a string that runs past its block.
    #[cfg(target_arch = "x86_64")]
    fn resume_in_interp(&mut self, pos: usize) {
        self.pos = pos;
        self.push_mode(Mode::Literal { triple: false });
    }

    /// Pops the innermost interpolation mode, keeping `literal` in sync.
    fn pop_mode(&mut self) {
        self.modes.pop();
        self.plain = self.modes.is_empty();
        self.literal = matches!(self.modes.last(), Some(Mode::Literal { .. }));
    }

    fn lbrace(&mut self, start: usize) -> Lexed {
        if self.src.get(start + 1) == Some(&b'{') {
            self.open(TokenKind::LHashBrace, start, 2, 2)
        } else {
            self.open(TokenKind::LBrace, start, 1, 1)
        }
    }

    fn rbrace(&mut self, start: usize) -> Lexed {
        if let Some(&Mode::Hole { depth }) = self.modes.last()
            && depth == self.depth
        {
            self.pop_mode();
            return self.token(TokenKind::HoleClose, start, start + 1, 0);
        }
        self.close(TokenKind::RBrace, start)
    }

    fn string(&mut self, start: usize) -> Lexed {
        let (kind, end, flags) = string::scan_string(self.src, start);
        self.token(kind, start, end, flags)
    }

    fn char(&mut self, start: usize) -> Lexed {
        let (end, value) = string::scan_char(self.src, start);
        let flags = if value.is_some() { 0 } else { Token::MALFORMED };
        self.token(TokenKind::Char, start, end, flags)
    }

    #[inline]
    fn open(&mut self, kind: TokenKind, start: usize, len: usize, depth: i64) -> Lexed {
        self.depth += depth;
        self.token(kind, start, start + len, 0)
    }

    #[inline]
    fn close(&mut self, kind: TokenKind, start: usize) -> Lexed {
        self.depth -= 1;
        if !self.modes.is_empty() {
            self.close_nested();
        }
        self.token(kind, start, start + 1, 0)
    }

    /// A bracket closed inside an interpolated string may end a nested gene or array.
    #[cold]
    fn close_nested(&mut self) {
        if let Some(&Mode::Nested { depth }) = self.modes.last()
            && depth == self.depth
        {
            self.pop_mode();
        }
    }

    /// `start` holds a digit, or a sign followed by a digit.
    #[inline]
    fn number(&mut self, start: usize) -> Lexed {
        // Plain decimal integers, by far the most common numbers, end at a terminator.
        let src = self.src;
        let mut p = start + 1;
        while src.get(p).is_some_and(|&b| is_digit(b)) {
            p += 1;
        }
        if src.get(p).is_none_or(|&b| is_terminator(b)) {
            return self.token(TokenKind::Int, start, p, 0);
        }
        self.number_slow(start)
    }

    #[cold]
    fn number_slow(&mut self, start: usize) -> Lexed {
        let scan = number::scan_number(self.src, start);
        let flags = if scan.error.is_some() {
            Token::MALFORMED
        } else {
            0
        };
        self.token(scan.kind, start, scan.end, flags)
    }

    /// `%=` and a `%` followed by a delimiter are symbols; `%_` and other `%` unquote (§5.9).
    fn percent(&mut self, start: usize) -> Lexed {
        match self.src.get(start + 1) {
            Some(b'=') => self.token(TokenKind::Symbol, start, start + 2, 0),
            None | Some(b' ' | b'\t' | b'\n' | b'\r' | b')' | b']' | b'}') => {
                self.token(TokenKind::Symbol, start, start + 1, 0)
            }
            Some(b'_') => self.token(TokenKind::UnquoteDiscard, start, start + 2, 0),
            Some(_) => self.token(TokenKind::Unquote, start, start + 1, 0),
        }
    }

    /// A `#` that does not start a comment: dispatch on the next byte (§2.6, §4.4).
    fn hash(&mut self, start: usize) -> Lexed {
        let src = self.src;
        match src.get(start + 1) {
            Some(b'(') => self.open(TokenKind::FrozenParen, start, 2, 1),
            Some(b'[') => self.open(TokenKind::FrozenBracket, start, 2, 1),
            Some(b'{') if src.get(start + 2) == Some(&b'{') => {
                self.open(TokenKind::FrozenHashBrace, start, 3, 2)
            }
            Some(b'{') => self.open(TokenKind::FrozenBrace, start, 2, 1),
            Some(b'@') => self.token(TokenKind::Decorator, start, start + 2, 0),
            Some(b'/') => {
                let flags = match regex::scan_regex(src, start, |_| {}, |_| {}) {
                    Ok(scan) => return self.token(TokenKind::Regex, start, scan.end, 0),
                    Err(_) => Token::MALFORMED,
                };
                // Malformed: the parser reports it; stop lexing at the end of input.
                self.token(TokenKind::Regex, start, src.len(), flags)
            }
            Some(b'"') => {
                let triple = src[start + 1..].starts_with(b"\"\"\"");
                self.push_mode(Mode::Literal { triple });
                let len = if triple { 4 } else { 2 };
                self.token(TokenKind::InterpStart, start, start + len, 0)
            }
            _ => self.symbol(start, start + 1),
        }
    }

    /// A token from `start` to the first unescaped terminator; `from` is where scanning resumes
    /// (past a leading `#`, which is a token byte here).
    #[inline]
    fn symbol(&mut self, start: usize, from: usize) -> Lexed {
        let src = self.src;
        let mut p = from;
        let mut flags = 0;
        'groups: while let Some(group) = src.get(p..).and_then(<[u8]>::first_chunk::<16>) {
            let mut stops = bytes::maybe_stops_token_scan(group);
            while stops != 0 {
                let i = stops.trailing_zeros() as usize;
                match group[i & 15] {
                    b if is_terminator(b) => {
                        return self.token(TokenKind::Symbol, start, p + i, flags);
                    }
                    b'\\' => {
                        flags |= Token::ESCAPED;
                        p = (p + i + 2).min(src.len());
                        continue 'groups;
                    }
                    b'/' => flags |= Token::SLASH,
                    _ => {}
                }
                stops &= stops - 1;
            }
            p += 16;
        }
        self.symbol_tail(start, p, flags)
    }

    /// The last bytes of a symbol that ends within 16 bytes of the end of input.
    #[cold]
    fn symbol_tail(&mut self, start: usize, mut p: usize, mut flags: u8) -> Lexed {
        let src = self.src;
        loop {
            p = scan_token_run(src, p);
            match src.get(p) {
                Some(b'\\') => {
                    flags |= Token::ESCAPED;
                    p = (p + 2).min(src.len());
                }
                Some(b'/') => {
                    flags |= Token::SLASH;
                    p += 1;
                }
                _ => break,
            }
        }
        debug_assert!(p == src.len() || is_terminator(src[p]));
        self.token(TokenKind::Symbol, start, p, flags)
    }

    /// Inside an interpolated string, between holes: a literal part, a hole, or a nested
    /// gene/array; comments `#<…>#` are dropped.
    #[cold]
    fn interp_part(&mut self) -> Lexed {
        let Some(&Mode::Literal { triple }) = self.modes.last() else {
            unreachable!("`literal` is set only while a literal mode is innermost");
        };
        let src = self.src;
        let mut start = self.pos;
        while src.get(start) == Some(&b'#') && src.get(start + 1) == Some(&b'<') {
            start = trivia::skip_block_comment(src, start);
        }
        if src.get(start) == Some(&b'#') {
            let depth = self.depth;
            match src.get(start + 1) {
                Some(b'{') => {
                    self.push_mode(Mode::Hole { depth });
                    return self.token(TokenKind::HoleOpen, start, start + 2, 0);
                }
                Some(b'(') => {
                    self.push_mode(Mode::Nested { depth });
                    return self.open(TokenKind::LParen, start, 2, 1);
                }
                Some(b'[') => {
                    self.push_mode(Mode::Nested { depth });
                    return self.open(TokenKind::LBracket, start, 2, 1);
                }
                _ => {}
            }
        }
        let (kind, end, flags) = string::scan_interp_segment(src, start, triple);
        if kind == TokenKind::InterpEnd {
            self.pop_mode();
        }
        self.token(kind, start, end, flags)
    }
}

/// The first offset at or after `p` holding a `\\`, a `/` or a terminator. Unrolled by four:
/// identifiers average six bytes, so most end inside the first or second group.
#[inline(always)]
fn scan_token_run(src: &[u8], mut p: usize) -> usize {
    while let Some(group) = src.get(p..p + 4) {
        if stops_token_scan(group[0]) {
            return p;
        }
        if stops_token_scan(group[1]) {
            return p + 1;
        }
        if stops_token_scan(group[2]) {
            return p + 2;
        }
        if stops_token_scan(group[3]) {
            return p + 3;
        }
        p += 4;
    }
    while p < src.len() && !stops_token_scan(src[p]) {
        p += 1;
    }
    p
}

impl Iterator for Lexer<'_> {
    type Item = Token;

    #[inline]
    fn next(&mut self) -> Option<Token> {
        let token = self.next_token();
        (token.kind != TokenKind::Eof).then_some(token)
    }
}

/// Lexes `src` to the end, for callers that want a token stream.
pub fn tokenize(src: &[u8]) -> Lexer<'_> {
    Lexer::new(src)
}

#[cfg(test)]
mod tests {
    use super::*;
    use TokenKind::*;

    fn kinds(s: &str) -> Vec<TokenKind> {
        Lexer::new(s.as_bytes()).map(|t| t.kind).collect()
    }

    fn texts(s: &str) -> Vec<&str> {
        Lexer::new(s.as_bytes())
            .map(|t| &s[t.start as usize..t.end as usize])
            .collect()
    }

    #[test]
    fn delimiters_and_dispatch() {
        assert_eq!(
            kinds("([{ {{ }])"),
            [
                LParen, LBracket, LBrace, LHashBrace, RBrace, RBracket, RParen
            ]
        );
        assert_eq!(
            kinds("#( #[ #{ #{{ #@ ` ;"),
            [
                FrozenParen,
                FrozenBracket,
                FrozenBrace,
                FrozenHashBrace,
                Decorator,
                Quote,
                Semicolon
            ]
        );
        assert_eq!(kinds("\u{b}"), [Unknown]);
    }

    #[test]
    fn symbols_end_at_terminators() {
        assert_eq!(
            texts("tag#1 don't key:val x^y <= a\"b\" a%b"),
            [
                "tag#1", "don't", "key:val", "x^y", "<=", "a", "\"b\"", "a", "%", "b"
            ]
        );
        assert_eq!(texts(r"two\ words a\) x"), [r"two\ words", r"a\)", "x"]);
        assert_eq!(
            texts("#Str #a/b #x#y #, #"),
            ["#Str", "#a/b", "#x#y", "#", "#"]
        );
        assert_eq!(texts("total# note"), ["total#", "note"]);
    }

    #[test]
    fn percent_forms() {
        assert_eq!(
            kinds("%= % %_x %x"),
            [Symbol, Symbol, UnquoteDiscard, Symbol, Unquote, Symbol]
        );
    }

    #[test]
    fn numbers_end_without_delimiter() {
        assert_eq!(
            texts("1_000 3#x 10% 1(a)"),
            ["1", "_000", "3", "#x", "10", "%", "1", "(", "a", ")"]
        );
        assert_eq!(
            kinds("1 -2 +3 1.5 2e3 0x1f 0!1 0#ff 0*AA== 2024-01-02 2024-01-02T10:00 7:05"),
            [
                Int,
                Int,
                Int,
                Float,
                Float,
                HexInt,
                BinBytes,
                HexBytes,
                Base64Bytes,
                Date,
                DateTime,
                Time
            ]
        );
        assert_eq!(kinds("- -a .5"), [Symbol, Symbol, Symbol]);
    }

    #[test]
    fn interpolated_strings() {
        assert_eq!(
            texts(r##"#"a#{x}b" y"##),
            ["#\"", "a", "#{", "x", "}", "b\"", "y"]
        );
        assert_eq!(
            kinds(r##"#"#{ {^a 1} }""##),
            [
                InterpStart,
                HoleOpen,
                LBrace,
                Symbol,
                Int,
                RBrace,
                HoleClose,
                InterpEnd
            ]
        );
        assert_eq!(
            texts(r##"#"#(f 1)-#[2]""##),
            ["#\"", "#(", "f", "1", ")", "-", "#[", "2", "]", "\""]
        );
        assert_eq!(texts(r##"#"a#<c>#b""##), ["#\"", "a", "b\""]);
        assert_eq!(kinds(r##"#"#tag""##), [InterpStart, InterpEnd]);
    }

    #[test]
    fn bom_is_skipped() {
        assert_eq!(texts("\u{feff}x"), ["x"]);
    }
}
