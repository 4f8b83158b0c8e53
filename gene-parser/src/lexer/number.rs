//! Numbers, byte literals, dates and times (GENE_SYNTAX.md §3.2, §3.8–§3.11): their extent, and
//! their decoding into values with precise errors.

use super::bytes::{hex_value, is_digit};
use super::trivia::skip_trivia;
use crate::error::ErrorKind;
use crate::token::TokenKind;

/// The outcome of scanning a number-like literal: its kind, where it ends, and the first
/// problem found (kind and offset), if any.
#[derive(Clone, Copy, Debug)]
pub(crate) struct NumberScan {
    pub kind: TokenKind,
    pub end: usize,
    pub error: Option<(ErrorKind, usize)>,
}

impl NumberScan {
    fn ok(kind: TokenKind, end: usize) -> Self {
        NumberScan {
            kind,
            end,
            error: None,
        }
    }

    fn err(kind: TokenKind, end: usize, error: ErrorKind, at: usize) -> Self {
        NumberScan {
            kind,
            end,
            error: Some((error, at)),
        }
    }
}

/// Scans the literal starting at `start`, which is a digit, or `+`/`-` followed by a digit.
pub(crate) fn scan_number(src: &[u8], start: usize) -> NumberScan {
    let signed = matches!(src[start], b'+' | b'-');
    let mut p = start + signed as usize;
    if !signed && src[p] == b'0' {
        match src.get(p + 1) {
            Some(b'x' | b'X') => return scan_hex_int(src, start),
            Some(b'!') => return scan_bytes(src, start, TokenKind::BinBytes),
            Some(b'#') => return scan_bytes(src, start, TokenKind::HexBytes),
            Some(b'*') => return scan_bytes(src, start, TokenKind::Base64Bytes),
            _ => {}
        }
    }
    while p < src.len() && is_digit(src[p]) {
        p += 1;
    }
    let mut is_float = false;
    if src.get(p) == Some(&b'.') {
        is_float = true;
        p += 1;
        while p < src.len() && is_digit(src[p]) {
            p += 1;
        }
    }
    if let Some(b'e' | b'E') = src.get(p) {
        p += 1;
        if let Some(b'+' | b'-') = src.get(p) {
            p += 1;
        }
        let digits = p;
        while p < src.len() && is_digit(src[p]) {
            p += 1;
        }
        if p == digits {
            return NumberScan::err(TokenKind::Float, p, ErrorKind::InvalidNumber, start);
        }
        return NumberScan::ok(TokenKind::Float, p);
    }
    let kind = if is_float {
        TokenKind::Float
    } else {
        TokenKind::Int
    };
    if src.get(p).is_some_and(u8::is_ascii_alphabetic) {
        return NumberScan::err(kind, p + 1, ErrorKind::UnsupportedNumber, start);
    }
    if is_float {
        return NumberScan::ok(kind, p);
    }
    match src.get(p) {
        Some(b'-') => match scan_date(src, start, p) {
            Ok((end, parts)) => NumberScan::ok(parts.kind.unwrap_or(TokenKind::Date), end),
            Err(e) => NumberScan::err(TokenKind::Date, p + 1, e, start),
        },
        Some(b':') => match scan_time(src, start, p) {
            Ok((end, _)) => NumberScan::ok(TokenKind::Time, end),
            Err(e) => NumberScan::err(TokenKind::Time, p + 1, e, start),
        },
        Some(b'/') => NumberScan::err(kind, p + 1, ErrorKind::UnsupportedNumber, start),
        _ => NumberScan::ok(kind, p),
    }
}

fn scan_hex_int(src: &[u8], start: usize) -> NumberScan {
    let mut p = start + 2;
    let mut significant = 0usize;
    let mut any_digit = false;
    while let Some(&b) = src.get(p) {
        if let Some(v) = hex_value(b) {
            any_digit = true;
            if significant > 0 || v != 0 {
                significant += 1;
            }
        } else if b != b'_' {
            break;
        }
        p += 1;
    }
    if !any_digit || significant > 16 {
        return NumberScan::err(TokenKind::HexInt, p, ErrorKind::InvalidHexInt, start);
    }
    NumberScan::ok(TokenKind::HexInt, p)
}

/// Digits of the byte-literal alphabet of `kind`.
fn is_byte_digit(kind: TokenKind, b: u8) -> bool {
    match kind {
        TokenKind::BinBytes => matches!(b, b'0' | b'1'),
        TokenKind::HexBytes => hex_value(b).is_some(),
        _ => b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='),
    }
}

/// Calls `f` for each data byte of the byte literal whose data starts at `from`, skipping `~`
/// and the trivia after it; returns the end of the literal.
fn walk_byte_digits(src: &[u8], kind: TokenKind, mut p: usize, mut f: impl FnMut(u8)) -> usize {
    while let Some(&b) = src.get(p) {
        if is_byte_digit(kind, b) {
            f(b);
            p += 1;
        } else if b == b'~' {
            p = skip_trivia(src, p + 1);
        } else {
            break;
        }
    }
    p
}

fn scan_bytes(src: &[u8], start: usize, kind: TokenKind) -> NumberScan {
    // Decoding is cheap and byte literals are rare: decode to learn whether it is valid.
    let mut sink = Vec::new();
    match decode_bytes(src, start, kind, &mut sink) {
        Ok(end) => NumberScan::ok(kind, end),
        Err((e, end)) => NumberScan::err(kind, end, e, start),
    }
}

/// Decodes the byte literal starting at `start` (the `0`) into `out`; returns its end.
/// On error returns the kind and the end of the literal.
pub(crate) fn decode_bytes(
    src: &[u8],
    start: usize,
    kind: TokenKind,
    out: &mut Vec<u8>,
) -> Result<usize, (ErrorKind, usize)> {
    let first = out.len();
    let mut acc = 0u32;
    let mut count = 0u32;
    let mut base64_error = false;
    // Base64 groups of four characters as read; `=` only as trailing padding of a group.
    let mut group = [0u8; 4];
    let end = walk_byte_digits(src, kind, start + 2, |b| match kind {
        TokenKind::BinBytes => {
            acc = (acc << 1) | (b - b'0') as u32;
            count += 1;
            if count == 8 {
                out.push(acc as u8);
                acc = 0;
                count = 0;
            }
        }
        TokenKind::HexBytes => {
            acc = (acc << 4) | hex_value(b).unwrap_or(0) as u32;
            count += 1;
            if count == 2 {
                out.push(acc as u8);
                acc = 0;
                count = 0;
            }
        }
        _ => {
            group[count as usize] = b;
            count += 1;
            if count == 4 {
                base64_error |= flush_base64_group(&group[..4], out);
                count = 0;
            }
        }
    });
    if count > 0 {
        match kind {
            TokenKind::BinBytes | TokenKind::HexBytes => out.push(acc as u8),
            _ => base64_error |= flush_base64_group(&group[..count as usize], out),
        }
    }
    if base64_error || out.len() == first {
        out.truncate(first);
        return Err((ErrorKind::InvalidBytes, end));
    }
    Ok(end)
}

/// Decodes one base64 group (trailing `=` removed first); returns true on a misplaced `=`.
fn flush_base64_group(group: &[u8], out: &mut Vec<u8>) -> bool {
    let mut n = group.len();
    while n > 0 && group[n - 1] == b'=' {
        n -= 1;
    }
    let mut bits = 0u32;
    for &c in &group[..n] {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return true,
        };
        bits = (bits << 6) | v as u32;
    }
    match n {
        4 => out.extend_from_slice(&[(bits >> 16) as u8, (bits >> 8) as u8, bits as u8]),
        3 => out.extend_from_slice(&[(bits >> 10) as u8, (bits >> 2) as u8]),
        2 => out.push((bits >> 4) as u8),
        _ => {}
    }
    false
}

/// Value of a decimal integer literal (optional sign, digits). `None` on i64 overflow.
pub(crate) fn decode_int(text: &[u8]) -> Option<i64> {
    let (negative, digits) = match text.first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let mut value: i64 = 0;
    for &d in digits {
        let d = (d - b'0') as i64;
        // Accumulate negatively so that i64::MIN is representable.
        value = value.checked_mul(10)?.checked_sub(d)?;
    }
    if negative {
        Some(value)
    } else {
        value.checked_neg()
    }
}

/// Value of a valid hex literal `0x…` (two's complement, at most 16 significant digits).
pub(crate) fn decode_hex_int(text: &[u8]) -> i64 {
    let mut value: u64 = 0;
    for &b in &text[2..] {
        if let Some(v) = hex_value(b) {
            value = (value << 4) | v as u64;
        }
    }
    value as i64
}

/// Value of a valid float literal: the correctly rounded nearest binary64.
pub(crate) fn decode_float(text: &[u8]) -> f64 {
    if let Some(value) = decode_short_decimal(text) {
        return value;
    }
    // The scanner only accepts ASCII digits, signs, `.` and `e`; Rust's parser accepts
    // every shape it produces (`2.`, `2.e3`, `+1.5`).
    std::str::from_utf8(text)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(f64::NAN)
}

/// Powers of ten that a binary64 holds exactly.
static EXACT_POWERS_OF_TEN: [f64; 16] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

/// `[sign] digits . digits` with at most 15 digits and no exponent, the common shape (`2.5`,
/// `-0.75`, `53.64`): the digits as an integer divided by a power of ten. Both operands are
/// exact (below 2^53 and 10^22), and IEEE division rounds once, so the result is the correctly
/// rounded value, as from the general parser (Clinger's fast path). `None` for other shapes.
fn decode_short_decimal(text: &[u8]) -> Option<f64> {
    let (negative, digits) = match text.first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    // At least one digit beside the point (a lone `.` is left to the general parser, which
    // rejects it), at most 15.
    if !(2..=16).contains(&digits.len()) {
        return None;
    }
    let mut mantissa: u64 = 0;
    let mut point = None;
    for (i, &b) in digits.iter().enumerate() {
        match b {
            b'0'..=b'9' => mantissa = mantissa * 10 + u64::from(b - b'0'),
            b'.' if point.is_none() => point = Some(i),
            _ => return None,
        }
    }
    let fraction_digits = digits.len() - point? - 1;
    let value = mantissa as f64 / EXACT_POWERS_OF_TEN[fraction_digits];
    Some(if negative { -value } else { value })
}

/// The parts of a date, datetime or time literal.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct DateTimeParts {
    pub kind: Option<TokenKind>,
    pub year: i16,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    pub micros: u32,
    pub offset_min: i16,
    /// Where the zone name comes from: none, `UTC` (from `Z`), or a `[NAME]` byte range.
    pub zone: Zone,
}

/// The zone name of a date/time literal.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Zone {
    /// No name: the empty string.
    #[default]
    None,
    /// `Z`: the name `UTC`.
    Utc,
    /// `[NAME]`: the bytes in this range of the source.
    Named(usize, usize),
}

/// Two ASCII digits at `p` as a number.
fn two_digits(src: &[u8], p: usize) -> Option<u8> {
    match (src.get(p), src.get(p + 1)) {
        (Some(&a), Some(&b)) if is_digit(a) && is_digit(b) => Some((a - b'0') * 10 + (b - b'0')),
        _ => None,
    }
}

/// `start..int_end` is the year (an integer, sign and leading zeros allowed); `src[int_end]` is `-`.
pub(crate) fn scan_date(
    src: &[u8],
    start: usize,
    int_end: usize,
) -> Result<(usize, DateTimeParts), ErrorKind> {
    let bad = ErrorKind::InvalidDate;
    let year = decode_int(&src[start..int_end]).ok_or(bad)?;
    if !(1000..=9999).contains(&year) {
        return Err(bad);
    }
    let month = two_digits(src, int_end + 1).ok_or(bad)?;
    if src.get(int_end + 3) != Some(&b'-') {
        return Err(bad);
    }
    let day = two_digits(src, int_end + 4).ok_or(bad)?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return Err(bad);
    }
    let mut parts = DateTimeParts {
        kind: Some(TokenKind::Date),
        year: year as i16,
        month,
        day,
        ..DateTimeParts::default()
    };
    let p = int_end + 6;
    if src.get(p) != Some(&b'T') {
        return Ok((p, parts));
    }
    parts.kind = Some(TokenKind::DateTime);
    let hour = two_digits(src, p + 1).ok_or(ErrorKind::InvalidDateTime)?;
    if src.get(p + 3) != Some(&b':') {
        return Err(ErrorKind::InvalidDateTime);
    }
    let end =
        scan_clock(src, p + 3, hour, &mut parts, false).map_err(|_| ErrorKind::InvalidDateTime)?;
    Ok((end, parts))
}

/// `start..int_end` is the hour (an integer, any digit count, optional sign); `src[int_end]` is `:`.
pub(crate) fn scan_time(
    src: &[u8],
    start: usize,
    int_end: usize,
) -> Result<(usize, DateTimeParts), ErrorKind> {
    let bad = ErrorKind::InvalidTime;
    let hour = decode_int(&src[start..int_end]).ok_or(bad)?;
    // A negative hour is accepted by the reference [Q29]; we reject it.
    if !(0..=23).contains(&hour) {
        return Err(bad);
    }
    let mut parts = DateTimeParts {
        kind: Some(TokenKind::Time),
        ..DateTimeParts::default()
    };
    let end = scan_clock(src, int_end, hour as u8, &mut parts, true).map_err(|_| bad)?;
    Ok((end, parts))
}

/// Reads `:MM[:SS][.F][ZONE][[NAME]]` starting at the `:` at `p`, for an already-read `hour`.
/// `name_without_zone`: times accept `[NAME]` without a zone, datetimes do not.
fn scan_clock(
    src: &[u8],
    mut p: usize,
    hour: u8,
    parts: &mut DateTimeParts,
    name_without_zone: bool,
) -> Result<usize, ()> {
    let minute = two_digits(src, p + 1).ok_or(())?;
    p += 3;
    let mut second = 0;
    if src.get(p) == Some(&b':') {
        second = two_digits(src, p + 1).ok_or(())?;
        p += 3;
    }
    if hour > 23 || minute > 59 || second > 59 {
        return Err(());
    }
    let mut micros = 0u32;
    if src.get(p) == Some(&b'.') {
        p += 1;
        let digits = p;
        while p < src.len() && is_digit(src[p]) && p - digits < 6 {
            micros = micros * 10 + (src[p] - b'0') as u32;
            p += 1;
        }
        let count = p - digits;
        // A seventh digit would start a new item in the reference [Q30]; we reject it.
        if count == 0 || src.get(p).is_some_and(|&b| is_digit(b)) {
            return Err(());
        }
        micros *= 10u32.pow(6 - count as u32);
    }
    let mut has_zone = false;
    match src.get(p) {
        Some(b'Z') => {
            has_zone = true;
            parts.zone = Zone::Utc;
            p += 1;
        }
        Some(&sign @ (b'+' | b'-')) => {
            let hh = two_digits(src, p + 1).ok_or(())?;
            if src.get(p + 3) != Some(&b':') {
                return Err(());
            }
            let mm = two_digits(src, p + 4).ok_or(())?;
            if hh > 23 || mm > 59 {
                return Err(());
            }
            let minutes = hh as i16 * 60 + mm as i16;
            parts.offset_min = if sign == b'-' { -minutes } else { minutes };
            has_zone = true;
            p += 6;
        }
        _ => {}
    }
    if src.get(p) == Some(&b'[') {
        if !has_zone && !name_without_zone {
            return Err(());
        }
        let close = memchr::memchr(b']', &src[p + 1..]).ok_or(())?;
        let name = (p + 1, p + 1 + close);
        if !src[name.0..name.1].contains(&b'/') {
            return Err(());
        }
        parts.zone = Zone::Named(name.0, name.1);
        p = name.1 + 1;
    }
    parts.hour = hour;
    parts.minute = minute;
    parts.second = second;
    parts.micros = micros;
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(s: &str) -> NumberScan {
        scan_number(s.as_bytes(), 0)
    }

    #[test]
    fn short_decimals_match_the_general_parser() {
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut shapes = vec![
            "0.0".to_string(),
            "-0.0".into(),
            "2.".into(),
            "+1.5".into(),
            "999999999999999.".into(),
            ".5".into(),
            "0.000000000000001".into(),
            "123456789012345.6".into(),
        ];
        assert!(decode_float(b".").is_nan() && decode_float(b"-.").is_nan());
        for _ in 0..20_000 {
            let len = 1 + (next() % 16) as usize;
            let mut text: String = (0..len)
                .map(|_| char::from(b'0' + (next() % 10) as u8))
                .collect();
            text.insert((next() % (len as u64 + 1)) as usize, '.');
            match next() % 3 {
                0 => text.insert(0, '-'),
                1 => text.insert(0, '+'),
                _ => {}
            }
            shapes.push(text);
        }
        for text in shapes {
            let want: f64 = text.parse().unwrap();
            let got = decode_float(text.as_bytes());
            assert_eq!(got.to_bits(), want.to_bits(), "{text}");
        }
    }

    #[test]
    fn extents() {
        assert_eq!(scan("123 ").end, 3);
        assert_eq!(scan("1_000").end, 1);
        assert_eq!(scan("1.2.3").end, 3);
        assert_eq!(scan("0..3").end, 2);
        assert_eq!(scan("1e5x").end, 3);
        assert_eq!(scan("0x1fg").end, 4);
        assert_eq!(scan("0#ffz").end, 4);
        assert_eq!(scan("0!102").end, 4);
        assert_eq!(scan("2024-01-05x").end, 10);
        assert_eq!(scan("1.5-2").end, 3);
        assert_eq!(scan("1.5:30").end, 3);
    }

    #[test]
    fn errors() {
        assert_eq!(scan("12abc").error.unwrap().0, ErrorKind::UnsupportedNumber);
        assert_eq!(scan("1/2").error.unwrap().0, ErrorKind::UnsupportedNumber);
        assert_eq!(scan("1e").error.unwrap().0, ErrorKind::InvalidNumber);
        assert_eq!(scan("0x").error.unwrap().0, ErrorKind::InvalidHexInt);
        assert_eq!(
            scan("0x1_0000_0000_0000_0000").error.unwrap().0,
            ErrorKind::InvalidHexInt
        );
        assert_eq!(scan("0*A").error.unwrap().0, ErrorKind::InvalidBytes);
        assert_eq!(scan("0# x").error.unwrap().0, ErrorKind::InvalidBytes);
        assert_eq!(scan("24-01-01").error.unwrap().0, ErrorKind::InvalidDate);
        assert_eq!(scan("-1:00").error.unwrap().0, ErrorKind::InvalidTime);
        assert_eq!(
            scan("2024-01-05T10:00[Europe/Paris]").error.unwrap().0,
            ErrorKind::InvalidDateTime
        );
    }

    #[test]
    fn bytes() {
        let mut out = Vec::new();
        decode_bytes(b"0!1010~0101", 0, TokenKind::BinBytes, &mut out).unwrap();
        assert_eq!(out, [0xa5]);
        out.clear();
        decode_bytes(b"0!111111111", 0, TokenKind::BinBytes, &mut out).unwrap();
        assert_eq!(out, [0xff, 0x01]);
        out.clear();
        decode_bytes(b"0*AQ==AQID", 0, TokenKind::Base64Bytes, &mut out).unwrap();
        assert_eq!(out, [1, 1, 2, 3]);
        out.clear();
        decode_bytes(b"0*AQIDB", 0, TokenKind::Base64Bytes, &mut out).unwrap();
        assert_eq!(out, [1, 2, 3]);
    }

    #[test]
    fn ints() {
        assert_eq!(decode_int(b"-9223372036854775808"), Some(i64::MIN));
        assert_eq!(decode_int(b"9223372036854775808"), None);
        assert_eq!(decode_int(b"+007"), Some(7));
        assert_eq!(decode_hex_int(b"0xFFFFFFFFFFFFFFFF"), -1);
    }
}
