//! Tokens: the small `Copy` values the lexer produces.

/// What a token is. One byte, so a [`Token`] stays 12 bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum TokenKind {
    /// `(`, also the `#(` that opens a gene inside an interpolated string.
    LParen,
    /// `)`
    RParen,
    /// `[`, also the `#[` that opens an array inside an interpolated string.
    LBracket,
    /// `]`
    RBracket,
    /// `{`
    LBrace,
    /// `}` (a hash map closes with two adjacent ones)
    RBrace,
    /// `{{`
    LHashBrace,
    /// `#(`
    FrozenParen,
    /// `#[`
    FrozenBracket,
    /// `#{`
    FrozenBrace,
    /// `#{{`
    FrozenHashBrace,
    /// `;`
    Semicolon,
    /// `` ` ``
    Quote,
    /// `%` that unquotes the next item.
    Unquote,
    /// `%_`
    UnquoteDiscard,
    /// `#@`
    Decorator,
    /// A symbol token: plain, complex (`a/b`), `^`-led, `#`-led, `%` and `%=`.
    Symbol,
    /// A decimal integer, possibly signed.
    Int,
    /// `0x…`
    HexInt,
    /// A decimal number with `.` or an exponent.
    Float,
    /// `0!…`
    BinBytes,
    /// `0#…`
    HexBytes,
    /// `0*…`
    Base64Bytes,
    /// `YYYY-MM-DD`
    Date,
    /// `YYYY-MM-DDTHH:MM…`
    DateTime,
    /// `H:MM…`
    Time,
    /// `"…"`
    Str,
    /// `"""…"""`
    TripleStr,
    /// `'x'`
    Char,
    /// `#/…/…`
    Regex,
    /// `#"` or `#"""`: an interpolated string begins; its parts follow.
    InterpStart,
    /// A literal part of an interpolated string that ends where a hole, gene, array or comment begins.
    InterpSegment,
    /// The last literal part of an interpolated string, closing quote(s) included.
    InterpEnd,
    /// `#{` inside an interpolated string.
    HoleOpen,
    /// The `}` that closes a hole.
    HoleClose,
    /// A byte that cannot begin an item: VT, FF, NUL.
    Unknown,
    /// End of input. The iterator stops here; the parser sees it as a token.
    Eof,
}

impl TokenKind {
    /// The kind whose discriminant is `tag`; only called with a tag made from a kind.
    #[inline(always)]
    pub(crate) fn from_tag(tag: u8) -> TokenKind {
        debug_assert!(tag <= TokenKind::Eof as u8);
        // SAFETY: `TokenKind` is `repr(u8)` with discriminants 0..=Eof, and every tag is
        // `kind as u8` for some kind (see `Lexed::new`).
        unsafe { std::mem::transmute::<u8, TokenKind>(tag) }
    }
}

/// A token: its kind, some flags, and its byte range in the source.
///
/// Tokens never own text; slice the source with `start..end` to read it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// What the token is.
    pub kind: TokenKind,
    /// [`Token::ESCAPED`], [`Token::SLASH`], [`Token::MALFORMED`] bits.
    pub flags: u8,
    /// Offset of the first byte.
    pub start: u32,
    /// Offset one past the last byte.
    pub end: u32,
}

impl Token {
    /// The text needs cooking: a `\` escape (symbols, strings) or a raw CRLF (strings).
    pub const ESCAPED: u8 = 1;
    /// A symbol token holds a `/`, so it may be a complex symbol.
    pub const SLASH: u8 = 2;
    /// The lexer saw something wrong (unterminated, bad digit, …). The parser decodes the
    /// token again to report exactly what and where.
    pub const MALFORMED: u8 = 4;

    /// Whether `flag` is set.
    #[inline]
    pub fn has(self, flag: u8) -> bool {
        self.flags & flag != 0
    }

    /// Length in bytes.
    #[inline]
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    /// Whether the token covers no bytes (only [`TokenKind::Eof`] and empty segments do).
    #[inline]
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}

const _: () = assert!(std::mem::size_of::<Token>() == 12);
