//! Strings, triple-quoted strings, interpolated-string segments and characters
//! (GENE_SYNTAX.md §3.3–§3.6): their extent, and cooking their escapes.

use super::bytes::{find_any, hex_value, is_blank};
use crate::token::{Token, TokenKind};

/// Scans a string whose opening quote is at `start`. Returns its kind, end and token flags.
#[inline]
pub(crate) fn scan_string(src: &[u8], start: usize) -> (TokenKind, usize, u8) {
    if src.get(start + 1) == Some(&b'"') {
        if src.get(start + 2) == Some(&b'"') {
            let (end, flags) = scan_triple_body(src, start + 3);
            // Triple-quoted content is always trimmed, so it always needs cooking.
            return (TokenKind::TripleStr, end, flags | Token::ESCAPED);
        }
        return (TokenKind::Str, start + 2, 0);
    }
    let mut flags = 0;
    let mut p = start + 1;
    loop {
        let Some(at) = find_any(src, p, [b'"', b'\\', b'\r']) else {
            return (TokenKind::Str, src.len(), flags | Token::MALFORMED);
        };
        match src[at] {
            b'"' => return (TokenKind::Str, at + 1, flags),
            b'\\' => {
                flags |= Token::ESCAPED;
                if at + 1 >= src.len() {
                    return (TokenKind::Str, src.len(), flags | Token::MALFORMED);
                }
                p = at + 2;
            }
            _ => {
                if src.get(at + 1) == Some(&b'\n') {
                    flags |= Token::ESCAPED;
                }
                p = at + 1;
            }
        }
    }
}

/// Scans a triple-quoted body from `p` to just after the first unescaped `"""`.
fn scan_triple_body(src: &[u8], mut p: usize) -> (usize, u8) {
    loop {
        let Some(i) = memchr::memchr2(b'"', b'\\', &src[p..]) else {
            return (src.len(), Token::MALFORMED);
        };
        let at = p + i;
        if src[at] == b'\\' {
            if at + 1 >= src.len() {
                return (src.len(), Token::MALFORMED);
            }
            p = at + 2;
        } else if src[at..].starts_with(b"\"\"\"") {
            return (at + 3, 0);
        } else {
            p = at + 1;
        }
    }
}

/// Scans one literal part of an interpolated string, starting at `start`, which is not the
/// start of a hole, nested gene/array or comment. The part ends before a `#` followed by
/// `{`, `(`, `[` or `<` ([`TokenKind::InterpSegment`]) or just after the closing quote(s)
/// ([`TokenKind::InterpEnd`]).
pub(crate) fn scan_interp_segment(
    src: &[u8],
    start: usize,
    triple: bool,
) -> (TokenKind, usize, u8) {
    let mut flags = 0;
    let mut p = start;
    while let Some(at) = find_any(src, p, [b'\\', b'"', b'#', b'\r']) {
        p = at;
        match src[p] {
            b'\\' => {
                flags |= Token::ESCAPED;
                if p + 1 >= src.len() {
                    break;
                }
                p += 2;
            }
            b'"' if !triple => return (TokenKind::InterpEnd, p + 1, flags),
            b'"' if src[p..].starts_with(b"\"\"\"") => {
                return (TokenKind::InterpEnd, p + 3, flags | Token::ESCAPED);
            }
            b'#' if matches!(src.get(p + 1), Some(b'{' | b'(' | b'[' | b'<')) => {
                return (TokenKind::InterpSegment, p, flags);
            }
            b'\r' => {
                if src.get(p + 1) == Some(&b'\n') {
                    flags |= Token::ESCAPED;
                }
                p += 1;
            }
            _ => p += 1,
        }
    }
    (TokenKind::InterpEnd, src.len(), flags | Token::MALFORMED)
}

/// Appends the cooked bytes of the string body `src[from..to]` to `out`: escapes of §3.4, and a
/// raw CRLF stored as a lone CR [Q8]. On a bad `\u` escape returns the backslash's offset.
pub(crate) fn cook_string_body(
    src: &[u8],
    from: usize,
    to: usize,
    out: &mut Vec<u8>,
) -> Result<(), usize> {
    let mut p = from;
    while p < to {
        let Some(i) = memchr::memchr2(b'\\', b'\r', &src[p..to]) else {
            out.extend_from_slice(&src[p..to]);
            return Ok(());
        };
        let at = p + i;
        out.extend_from_slice(&src[p..at]);
        if src[at] == b'\r' {
            out.push(b'\r');
            p = if src.get(at + 1) == Some(&b'\n') && at + 1 < to {
                at + 2
            } else {
                at + 1
            };
            continue;
        }
        let Some(&escaped) = src.get(at + 1).filter(|_| at + 1 < to) else {
            return Err(at);
        };
        p = at + 2;
        match escaped {
            b'b' => out.push(0x08),
            b'f' => out.push(0x0c),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'u' => p = cook_unicode_escape(src, at, to, out)?,
            other => out.push(other),
        }
    }
    Ok(())
}

/// `\uXXXX` at `at`, with a surrogate pair when the first is a high surrogate. A lone low
/// surrogate is rejected [Q9]. Returns the offset after the escape.
fn cook_unicode_escape(
    src: &[u8],
    at: usize,
    to: usize,
    out: &mut Vec<u8>,
) -> Result<usize, usize> {
    let hi = read_hex4(src, at + 2, to).ok_or(at)?;
    let mut end = at + 6;
    let code = match hi {
        0xD800..=0xDBFF => {
            if src.get(end) != Some(&b'\\') || src.get(end + 1) != Some(&b'u') {
                return Err(at);
            }
            let lo = read_hex4(src, end + 2, to).ok_or(at)?;
            if !(0xDC00..=0xDFFF).contains(&lo) {
                return Err(at);
            }
            end += 6;
            0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
        }
        0xDC00..=0xDFFF => return Err(at),
        _ => hi,
    };
    let c = char::from_u32(code).ok_or(at)?;
    let mut buf = [0u8; 4];
    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    Ok(end)
}

fn read_hex4(src: &[u8], p: usize, to: usize) -> Option<u32> {
    if p + 4 > to {
        return None;
    }
    let mut v = 0u32;
    for &b in &src[p..p + 4] {
        v = (v << 4) | hex_value(b)? as u32;
    }
    Some(v)
}

/// Trims triple-quoted content `buf[from..]` in place (§3.5): a leading blank run containing an
/// LF is cut back to one LF; then the first LF followed only by blanks, and all after it,
/// become one LF.
pub(crate) fn trim_triple(buf: &mut Vec<u8>, from: usize) {
    let content = &buf[from..];
    let leading = content.iter().take_while(|&&b| is_blank(b)).count();
    if let Some(last_lf) = content[..leading].iter().rposition(|&b| b == b'\n') {
        buf.drain(from..from + last_lf);
    }
    let content = &buf[from..];
    let trailing_start = content.len() - content.iter().rev().take_while(|&&b| is_blank(b)).count();
    if let Some(lf) = content[trailing_start..].iter().position(|&b| b == b'\n') {
        buf.truncate(from + trailing_start + lf);
        buf.push(b'\n');
    }
}

/// A character literal at `start` (the opening `'`): its end and value, or `None` if malformed.
#[inline]
pub(crate) fn scan_char(src: &[u8], start: usize) -> (usize, Option<u8>) {
    match src.get(start + 1) {
        Some(b'\\') => match (src.get(start + 2), src.get(start + 3)) {
            (Some(&e), Some(b'\'')) => (start + 4, Some(char_escape(e))),
            _ => (src.len().min(start + 3), None),
        },
        Some(&c) if src.get(start + 2) == Some(&b'\'') => (start + 3, Some(c)),
        Some(_) => (start + 2, None),
        None => (start + 1, None),
    }
}

fn char_escape(e: u8) -> u8 {
    match e {
        b'n' => b'\n',
        b't' => b'\t',
        b'r' => b'\r',
        b'b' => 0x08,
        b'f' => 0x0c,
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cook(s: &str) -> Result<Vec<u8>, usize> {
        let mut out = Vec::new();
        cook_string_body(s.as_bytes(), 0, s.len(), &mut out).map(|_| out)
    }

    fn trimmed(s: &str) -> String {
        let mut b = s.as_bytes().to_vec();
        trim_triple(&mut b, 0);
        String::from_utf8(b).unwrap()
    }

    #[test]
    fn escapes() {
        assert_eq!(cook(r#"a\"b\\c\q\x41"#).unwrap(), b"a\"b\\cqx41");
        assert_eq!(cook(r"\ud83d\ude03").unwrap(), "😃".as_bytes());
        assert_eq!(cook(r"\u00e9").unwrap(), "é".as_bytes());
        assert_eq!(cook("a\r\nb").unwrap(), b"a\rb");
        assert_eq!(cook(r"x\u12"), Err(1));
        assert_eq!(cook(r"\ud800\u0041"), Err(0));
        assert_eq!(cook(r"\udc00"), Err(0));
    }

    #[test]
    fn triple_trimming() {
        assert_eq!(
            trimmed("\n    two\n    lines\n    "),
            "\n    two\n    lines\n"
        );
        assert_eq!(trimmed("  \nx"), "\nx");
        assert_eq!(trimmed("a\n   "), "a\n");
        assert_eq!(trimmed("\n\n  a\n  \n  "), "\n  a\n");
        assert_eq!(trimmed("  x  "), "  x  ");
    }

    #[test]
    fn chars() {
        assert_eq!(scan_char(b"'a'", 0), (3, Some(b'a')));
        assert_eq!(scan_char(b"'''", 0), (3, Some(b'\'')));
        assert_eq!(scan_char(br"'\n'", 0), (4, Some(b'\n')));
        assert_eq!(scan_char(b"''", 0).1, None);
        assert_eq!(scan_char(b"'ab'", 0).1, None);
        assert_eq!(scan_char(b"'", 0).1, None);
    }
}
