//! Atoms: symbols, numbers, strings, characters, regexes, byte and date/time literals.
//! The lexer found their extent; here they become nodes, and malformed ones become errors
//! with the exact kind and place.

use super::{PResult, Parser};
// The parser builds bare slot indices; ids get their document tag at the public API.
use crate::ast::{Node, NodeKind, RawId as NodeId, pack_date};
use crate::error::{Error, ErrorKind, excerpt};
use crate::interner::{SymbolId, pack_short, packed, short_key, short_window};
use crate::lexer::number::{self, DateTimeParts, Zone};
use crate::lexer::{bytes, regex, string};
use crate::token::{Token, TokenKind};

impl Parser<'_> {
    /// A symbol token outside a property position: keyword, simple or complex symbol.
    #[inline(always)]
    pub(super) fn symbol(&mut self, tok: Token) -> PResult<NodeId> {
        if tok.flags & (Token::ESCAPED | Token::SLASH) != 0 {
            return self.cooked_symbol(tok);
        }
        let (start, end) = (tok.start as usize, tok.end as usize);
        let id = match short_key(self.src, start, end) {
            Some(key) => {
                if let Some(kind) = keyword(key) {
                    return Ok(self.push_node(kind, 0, tok.start, tok.end, 0));
                }
                self.symbols.intern_key(key, &self.src[start..end])
            }
            // Keywords are short.
            None => self.symbols.intern(&self.src[start..end]),
        };
        Ok(self.push_node(NodeKind::Symbol, 0, tok.start, tok.end, id.0))
    }

    /// Interns `src[start..end]`, packing a short name with one load and a mask
    /// ([`short_key`]): `Interner::intern` branches on the length, which mispredicts on names
    /// of mixed lengths.
    #[inline(always)]
    pub(super) fn intern_span(&mut self, start: usize, end: usize) -> SymbolId {
        let name = &self.src[start..end];
        match short_key(self.src, start, end) {
            Some(key) => self.symbols.intern_key(key, name),
            None => self.symbols.intern(name),
        }
    }

    /// Interns `src[start..end]` as one part of a complex symbol.
    #[inline]
    fn push_symbol_part(&mut self, start: usize, end: usize) {
        let id = self.intern_span(start, end);
        self.extra.push(id.0);
    }

    /// Pushes the parts of the symbol `start..end` between its slashes, at `slashes` (offsets
    /// from `start`, in order).
    #[inline(always)]
    fn push_symbol_parts(
        &mut self,
        start: usize,
        end: usize,
        slashes: impl Iterator<Item = usize>,
    ) {
        let mut from = start;
        for slash in slashes {
            self.push_symbol_part(from, start + slash);
            from = start + slash + 1;
        }
        self.push_symbol_part(from, end);
    }

    /// Symbols with escapes or slashes (§4.3). The reference first rewrites the token, turning
    /// `\/` into a marked slash and `\\` into a bare backslash, then splits at unmarked slashes;
    /// doing the same reproduces its reading of `a\\/b` as `a/b` [Q22].
    fn cooked_symbol(&mut self, tok: Token) -> PResult<NodeId> {
        let text = &self.src[tok.start as usize..tok.end as usize];
        if !tok.has(Token::ESCAPED) && text != b"/" && text != b"/=" {
            // Slashes only (`a/b`, `$ns/f`, `/x`): split in place, no copying.
            let at = self.extra.len();
            self.extra.push(0);
            let (start, end) = (tok.start as usize, tok.end as usize);
            match short_window(self.src, start, end) {
                // Short ones, nearly all: the slashes come from one word, not a byte loop
                // that mispredicts at every part.
                Some(window) => {
                    let mut slashes = bytes::equal_to(window, b'/');
                    let offsets = std::iter::from_fn(|| {
                        let slash = (slashes != 0).then(|| slashes.trailing_zeros() / 8)?;
                        slashes &= slashes - 1;
                        Some(slash as usize)
                    });
                    self.push_symbol_parts(start, end, offsets);
                }
                None => {
                    self.push_symbol_parts(start, end, memchr::memchr_iter(b'/', text));
                }
            }
            self.extra[at] = (self.extra.len() - at - 1) as u32;
            return Ok(self.push_node(NodeKind::Complex, 0, tok.start, tok.end, at as u32));
        }
        let mut raw = Vec::with_capacity(text.len());
        let mut i = 0;
        while i < text.len() {
            if text[i] == b'\\' {
                match text.get(i + 1) {
                    Some(b'/') => raw.extend_from_slice(b"\\/"),
                    Some(&b) => raw.push(b),
                    None => {}
                }
                i += 2;
            } else {
                raw.push(text[i]);
                i += 1;
            }
        }
        // Split `raw` into parts: `\/` is a literal slash, any other `\` a literal backslash.
        self.cook.clear();
        let mut bounds = vec![0usize];
        let mut j = 0;
        while j < raw.len() {
            match raw[j] {
                b'\\' if raw.get(j + 1) == Some(&b'/') => {
                    self.cook.push(b'/');
                    j += 2;
                }
                b'/' => {
                    bounds.push(self.cook.len());
                    j += 1;
                }
                b => {
                    self.cook.push(b);
                    j += 1;
                }
            }
        }
        if bounds.len() == 1 || raw == b"/" || raw == b"/=" {
            if bounds.len() > 1 {
                self.cook.clear();
                self.cook.extend_from_slice(&raw);
            }
            if self.cook.is_empty() {
                return Err(self.error(
                    ErrorKind::UnexpectedCharacter,
                    tok.start as usize,
                    "empty symbol: a lone `\\` at the end of the input escapes nothing".into(),
                ));
            }
            if let Some(kind) = pack_short(&self.cook).and_then(keyword) {
                return Ok(self.push_node(kind, 0, tok.start, tok.end, 0));
            }
            let id = self.symbols.intern(&self.cook);
            return Ok(self.push_node(NodeKind::Symbol, 0, tok.start, tok.end, id.0));
        }
        bounds.push(self.cook.len());
        let at = self.extra.len() as u32;
        self.extra.push((bounds.len() - 1) as u32);
        for w in bounds.windows(2) {
            // A part ends where the next begins; parts never include the separators.
            let id = self.symbols.intern(&self.cook[w[0]..w[1]]);
            self.extra.push(id.0);
        }
        Ok(self.push_node(NodeKind::Complex, 0, tok.start, tok.end, at))
    }

    /// Numbers, strings, chars, regexes, byte and date/time literals.
    pub(super) fn literal(&mut self, tok: Token) -> PResult<NodeId> {
        let (start, end) = (tok.start as usize, tok.end as usize);
        match tok.kind {
            TokenKind::Str | TokenKind::TripleStr => return self.string_literal(tok),
            TokenKind::Char => {
                let (_, value) = string::scan_char(self.src, start);
                let Some(value) = value.filter(|_| !tok.has(Token::MALFORMED)) else {
                    return Err(self.error(
                        ErrorKind::InvalidChar,
                        start,
                        "invalid character literal: expected one byte or one `\\` escape between single quotes, like 'a' or '\\n'".into(),
                    ));
                };
                return Ok(self.push_node(NodeKind::Char, 0, tok.start, tok.end, value as u32));
            }
            TokenKind::Regex => return self.regex_literal(tok),
            _ => {}
        }
        if tok.has(Token::MALFORMED) {
            return Err(self.number_error(tok));
        }
        let text = &self.src[start..end];
        match tok.kind {
            TokenKind::Int => match number::decode_int(text) {
                Some(v) => Ok(self.push_bits(NodeKind::Int, tok, v as u64)),
                None => Err(self.error(
                    ErrorKind::InvalidNumber,
                    start,
                    format!("integer `{}` does not fit in 64 bits", excerpt(text)),
                )),
            },
            TokenKind::HexInt => {
                Ok(self.push_bits(NodeKind::Int, tok, number::decode_hex_int(text) as u64))
            }
            TokenKind::Float => {
                Ok(self.push_bits(NodeKind::Float, tok, number::decode_float(text).to_bits()))
            }
            TokenKind::BinBytes | TokenKind::HexBytes | TokenKind::Base64Bytes => {
                let from = self.text.len();
                if number::decode_bytes(self.src, start, tok.kind, &mut self.text).is_err() {
                    return Err(self.number_error(tok));
                }
                Ok(self.push_text(NodeKind::Bytes, tok.start, tok.end, from))
            }
            TokenKind::Date | TokenKind::DateTime | TokenKind::Time => self.date_time(tok),
            _ => unreachable!("every token kind that reaches `literal` is handled"),
        }
    }

    /// A number node: integers that fit in 32 bits are kept in the node, everything else
    /// (floats, wide integers) in two words of `extra`.
    fn push_bits(&mut self, kind: NodeKind, tok: Token, bits: u64) -> NodeId {
        if kind == NodeKind::Int && i32::try_from(bits as i64).is_ok() {
            return self.push_node(kind, 0, tok.start, tok.end, bits as u32);
        }
        let at = self.extra.len() as u32;
        self.extra
            .extend_from_slice(&[bits as u32, (bits >> 32) as u32]);
        let flags = if kind == NodeKind::Int { Node::WIDE } else { 0 };
        self.push_node(kind, flags, tok.start, tok.end, at)
    }

    /// A node for the cooked text written to `self.text` since `from`.
    pub(super) fn push_text(
        &mut self,
        kind: NodeKind,
        start: u32,
        end: u32,
        from: usize,
    ) -> NodeId {
        let at = self.extra.len() as u32;
        let len = self.text.len() - from;
        self.extra.extend_from_slice(&[from as u32, len as u32]);
        self.push_node(kind, 0, start, end, at)
    }

    fn date_time(&mut self, tok: Token) -> PResult<NodeId> {
        let start = tok.start as usize;
        let signed = matches!(self.src[start], b'+' | b'-') as usize;
        let int_end = start
            + signed
            + self.src[start + signed..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
        let scanned = match tok.kind {
            TokenKind::Time => number::scan_time(self.src, start, int_end),
            _ => number::scan_date(self.src, start, int_end),
        };
        let Ok((_, parts)) = scanned else {
            return Err(self.number_error(tok));
        };
        if tok.kind == TokenKind::Date {
            let packed = pack_date(parts.year, parts.month, parts.day);
            return Ok(self.push_node(NodeKind::Date, 0, tok.start, tok.end, packed));
        }
        let (zone_at, zone_len) = self.push_zone(&parts);
        let at = self.extra.len() as u32;
        let date = if tok.kind == TokenKind::DateTime {
            pack_date(parts.year, parts.month, parts.day)
        } else {
            0
        };
        let clock = parts.hour as u32 | (parts.minute as u32) << 8 | (parts.second as u32) << 16;
        self.extra.extend_from_slice(&[
            date,
            clock,
            parts.micros,
            parts.offset_min as u16 as u32,
            zone_at,
            zone_len,
        ]);
        let kind = if tok.kind == TokenKind::DateTime {
            NodeKind::DateTime
        } else {
            NodeKind::Time
        };
        Ok(self.push_node(kind, 0, tok.start, tok.end, at))
    }

    fn push_zone(&mut self, parts: &DateTimeParts) -> (u32, u32) {
        let from = self.text.len();
        match parts.zone {
            Zone::None => {}
            Zone::Utc => self.text.extend_from_slice(b"UTC"),
            Zone::Named(s, e) => self.text.extend_from_slice(&self.src[s..e]),
        }
        (from as u32, (self.text.len() - from) as u32)
    }

    #[cold]
    fn number_error(&self, tok: Token) -> Error {
        let start = tok.start as usize;
        let scan = number::scan_number(self.src, start);
        let (kind, at) = scan.error.unwrap_or((ErrorKind::InvalidNumber, start));
        // Show the literal up to the next delimiter, not just as far as the scan got.
        // (Looked for only as far as a message quotes.)
        let shown =
            &self.src[start..(start + 4 * crate::error::EXCERPT_CHARS + 4).min(self.src.len())];
        let shown_end = shown
            .iter()
            .position(|&b| crate::lexer::bytes::is_terminator(b))
            .map_or(start + shown.len(), |n| start + n);
        let text = excerpt(&self.src[start..shown_end.max(scan.end.min(self.src.len()))]);
        let message = match kind {
            ErrorKind::UnsupportedNumber => format!(
                "unsupported number `{text}`: numbers with units (`10px`) and ratios (`1/2`) are not implemented in Gene"
            ),
            ErrorKind::InvalidHexInt => format!(
                "invalid hex integer `{text}`: expected 1 to 16 significant hex digits after `0x`"
            ),
            ErrorKind::InvalidBytes => format!(
                "invalid byte literal `{text}`: expected at least one byte of data (and `=` only as base64 padding)"
            ),
            ErrorKind::InvalidDate => format!(
                "invalid date `{text}`: expected YYYY-MM-DD with year 1000-9999, month 01-12, day 01-31"
            ),
            ErrorKind::InvalidDateTime => format!(
                "invalid datetime `{text}`: expected YYYY-MM-DDTHH:MM[:SS][.ffffff][Z|+HH:MM|-HH:MM][[Area/City]]"
            ),
            ErrorKind::InvalidTime => format!(
                "invalid time `{text}`: expected H:MM[:SS][.ffffff][Z|+HH:MM|-HH:MM][[Area/City]] with hour 0-23"
            ),
            _ => format!("invalid number `{text}`: expected digits after the exponent marker"),
        };
        self.error(kind, at, message)
    }

    fn string_literal(&mut self, tok: Token) -> PResult<NodeId> {
        if tok.has(Token::MALFORMED) {
            return Err(self.unterminated(tok, ErrorKind::UnterminatedString, "string"));
        }
        let quotes = if tok.kind == TokenKind::TripleStr {
            3
        } else {
            1
        };
        let body = Token {
            start: tok.start + quotes,
            end: tok.end - quotes,
            ..tok
        };
        let id = self.string_part(body, body.end, tok.kind == TokenKind::TripleStr)?;
        self.set_span(id, tok.start, tok.end);
        Ok(id)
    }

    /// A string node for the body `tok.start..body_end`: borrowed from the source when nothing
    /// needs cooking, otherwise cooked (and trimmed, for triple-quoted text) into the text buffer.
    pub(super) fn string_part(&mut self, tok: Token, body_end: u32, trim: bool) -> PResult<NodeId> {
        if !tok.has(Token::ESCAPED) && !trim {
            let id = self.push_node(NodeKind::Str, Node::BORROWED, tok.start, tok.end, tok.start);
            // The span runs past the text by the closing quotes (if any).
            self.nodes[id.index()].count = (tok.end - body_end) as u16;
            return Ok(id);
        }
        let from = self.text.len();
        if let Err(at) = string::cook_string_body(
            self.src,
            tok.start as usize,
            body_end as usize,
            &mut self.text,
        ) {
            let text = excerpt(&self.src[at..(at + 12).min(body_end as usize)]);
            return Err(self.error(
                ErrorKind::InvalidEscape,
                at,
                format!("invalid escape `{text}`: `\\u` takes four hex digits, and a surrogate \\uD800-\\uDBFF must be followed by \\uDC00-\\uDFFF"),
            ));
        }
        if trim {
            string::trim_triple(&mut self.text, from);
        }
        Ok(self.push_text(NodeKind::Str, tok.start, tok.end, from))
    }

    fn regex_literal(&mut self, tok: Token) -> PResult<NodeId> {
        let from = self.text.len();
        self.cook.clear();
        let (text, cook) = (&mut self.text, &mut self.cook);
        let scan = regex::scan_regex(
            self.src,
            tok.start as usize,
            |b| text.push(b),
            |b| cook.push(b),
        );
        let scan = match scan {
            Ok(scan) => scan,
            Err((kind, at)) => {
                let message = if kind == ErrorKind::InvalidRegexFlag {
                    format!(
                        "invalid regex flag {}: only `i` and `m` are allowed",
                        crate::error::describe_at(self.src, at)
                    )
                } else {
                    "unterminated regex: `#/` is never closed by a `/` (reached end of input)"
                        .to_string()
                };
                return Err(self.error(kind, at, message));
            }
        };
        let pattern_len = (self.text.len() - from) as u32;
        let replacement_at = self.text.len() as u32;
        self.text.extend_from_slice(&self.cook);
        let at = self.extra.len() as u32;
        self.extra.extend_from_slice(&[
            from as u32,
            pattern_len,
            replacement_at,
            self.cook.len() as u32,
        ]);
        let mut flags = 0;
        if scan.flags & 1 != 0 {
            flags |= Node::IGNORE_CASE;
        }
        if scan.flags & 2 != 0 {
            flags |= Node::MULTILINE;
        }
        if scan.has_replacement {
            flags |= Node::REPLACEMENT;
        }
        Ok(self.push_node(NodeKind::Regex, flags, tok.start, tok.end, at))
    }
}

/// `nil`, `void`, `true`, `false`, `not_found` (§3.1), by packed name (see
/// [`short_key`]). One multiply picks the only keyword a name could be, so a symbol costs one
/// predictable branch rather than a branch on its length.
#[inline(always)]
fn keyword(key: u128) -> Option<NodeKind> {
    let slot = ((key as u64).wrapping_mul(KEYWORD_HASH) >> 61) as usize;
    let (candidate, kind) = KEYWORDS[slot];
    (key == candidate).then_some(kind)
}

const KEYWORD_HASH: u64 = 0x9E37_79B9_7F4A_7C15;

/// The keywords by the top three bits of [`KEYWORD_HASH`] times their first eight bytes; the
/// other slots hold a key no name packs to (its length byte is 255).
static KEYWORDS: [(u128, NodeKind); 8] = {
    let none = (u128::MAX, NodeKind::Nil);
    let mut table = [none; 8];
    let words: [(&[u8], NodeKind); 5] = [
        (b"nil", NodeKind::Nil),
        (b"void", NodeKind::Void),
        (b"true", NodeKind::True),
        (b"false", NodeKind::False),
        (b"not_found", NodeKind::NotFound),
    ];
    let mut i = 0;
    while i < words.len() {
        let key = packed(words[i].0);
        let slot = ((key as u64).wrapping_mul(KEYWORD_HASH) >> 61) as usize;
        assert!(table[slot].0 == u128::MAX, "two keywords share a slot");
        table[slot] = (key, words[i].1);
        i += 1;
    }
    table
};
