//! Byte classes shared by the lexer and the decoders.

/// Ends a symbol or property-key token (GENE_SYNTAX.md §2.7). NUL is included so that a
/// NUL byte can never hide inside a token; the parser rejects it anyway.
const TERMINATOR: u8 = 1;
/// Skipped between items (§2.2): space, tab, LF, CR, comma.
const WHITESPACE: u8 = 2;
/// `\` or `/`: bytes inside a token that need a flag.
const TOKEN_SPECIAL: u8 = 4;

static CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let terminators = b" \t\n\r\x0b\x0c\0,;\"`%()[]{}";
    let mut i = 0;
    while i < terminators.len() {
        table[terminators[i] as usize] |= TERMINATOR;
        i += 1;
    }
    let spaces = b" \t\n\r,";
    let mut i = 0;
    while i < spaces.len() {
        table[spaces[i] as usize] |= WHITESPACE;
        i += 1;
    }
    table[b'\\' as usize] |= TOKEN_SPECIAL;
    table[b'/' as usize] |= TOKEN_SPECIAL;
    table
};

/// Whether `b` ends a token.
#[inline(always)]
pub(crate) fn is_terminator(b: u8) -> bool {
    CLASS[b as usize] & TERMINATOR != 0
}

/// Whether `b` is skipped as whitespace between items.
#[inline(always)]
pub(crate) fn is_whitespace(b: u8) -> bool {
    CLASS[b as usize] & WHITESPACE != 0
}

/// Whether `b` is `\` or `/`, or ends the token: the bytes a token scan must stop at.
#[inline(always)]
pub(crate) fn stops_token_scan(b: u8) -> bool {
    CLASS[b as usize] & (TERMINATOR | TOKEN_SPECIAL) != 0
}

/// `0`–`9`.
#[inline(always)]
pub(crate) fn is_digit(b: u8) -> bool {
    b.is_ascii_digit()
}

/// "Blank" bytes of triple-quoted string trimming (§3.5): space, tab, LF, VT, FF, CR.
#[inline]
pub(crate) fn is_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// Value of an ASCII hex digit.
#[inline]
pub(crate) fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}
