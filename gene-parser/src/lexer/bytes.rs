//! Byte classes shared by the lexer and the decoders.

/// Ends a symbol or property-key token (GENE_SYNTAX.md §2.7). NUL is included so that a
/// NUL byte can never hide inside a token; the parser rejects it anyway.
const TERMINATOR: u8 = 1;
/// Skipped between items (§2.2): space, tab, LF, CR, comma.
const WHITESPACE: u8 = 2;
/// `\` or `/`: bytes inside a token that need a flag.
const TOKEN_SPECIAL: u8 = 4;

/// The bytes that end a token.
pub(crate) const TERMINATORS: &[u8] = b" \t\n\r\x0b\x0c\0,;\"`%()[]{}";
/// The bytes skipped between items.
pub(crate) const SPACES: &[u8] = b" \t\n\r,";
/// The bytes inside a token that need a flag.
const TOKEN_SPECIALS: &[u8] = b"\\/";

static CLASS: [u8; 256] = {
    let table = mark([0; 256], TERMINATORS, TERMINATOR);
    let table = mark(table, SPACES, WHITESPACE);
    mark(table, TOKEN_SPECIALS, TOKEN_SPECIAL)
};

/// `table` with `class` added to the entry of every byte in `bytes`.
const fn mark(mut table: [u8; 256], bytes: &[u8], class: u8) -> [u8; 256] {
    let mut i = 0;
    while i < bytes.len() {
        table[bytes[i] as usize] |= class;
        i += 1;
    }
    table
}

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

/// A bit for each byte of `group` that may stop a token scan: every byte for which
/// [`stops_token_scan`] holds has its bit set, and a few others (`|` and the bytes below `0`
/// that are not terminators) may too. Callers check each set bit with [`stops_token_scan`].
#[cfg(target_arch = "x86_64")]
#[inline(always)]
pub(crate) fn maybe_stops_token_scan(group: &[u8; 16]) -> u32 {
    use std::arch::x86_64::{
        _mm_and_si128, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8,
        _mm_or_si128, _mm_set1_epi8, _mm_sub_epi8,
    };
    // SAFETY: `group` is 16 readable bytes and `_mm_loadu_si128` has no alignment requirement;
    // the other intrinsics only need SSE2, which is part of the x86_64 baseline.
    unsafe {
        let x = _mm_loadu_si128(group.as_ptr().cast());
        // Bytes up to `/`: the control bytes, space, `"`, `%`, `(`, `)`, `,` and `/` among them.
        let slash = _mm_set1_epi8(b'/' as i8);
        let low = _mm_cmpeq_epi8(_mm_min_epu8(x, slash), x);
        // `[`, `\`, `]` and, with bit 5 cleared, `{`, `|`, `}`.
        let bracket = _mm_and_si128(x, _mm_set1_epi8(0xdf_u8 as i8));
        let bracket = _mm_sub_epi8(bracket, _mm_set1_epi8(b'[' as i8));
        let bracket = _mm_cmpeq_epi8(_mm_min_epu8(bracket, _mm_set1_epi8(2)), bracket);
        let semicolon = _mm_cmpeq_epi8(x, _mm_set1_epi8(b';' as i8));
        let backquote = _mm_cmpeq_epi8(x, _mm_set1_epi8(b'`' as i8));
        let others = _mm_or_si128(semicolon, backquote);
        _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(low, bracket), others)) as u32
    }
}

/// A bit for each byte of `group` that stops a token scan (see the x86_64 version).
#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
pub(crate) fn maybe_stops_token_scan(group: &[u8; 16]) -> u32 {
    let mut bits = 0;
    for (i, &b) in group.iter().enumerate() {
        bits |= u32::from(stops_token_scan(b)) << i;
    }
    bits
}

/// The first offset at or after `p` holding one of `needles`, if any. Sixteen bytes at a
/// time: strings and string segments are short, so this beats a call to `memchr`.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
pub(crate) fn find_any<const N: usize>(
    src: &[u8],
    mut p: usize,
    needles: [u8; N],
) -> Option<usize> {
    use std::arch::x86_64::{
        _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
        _mm_setzero_si128,
    };
    while let Some(group) = src.get(p..p + 16) {
        // SAFETY: `group` is 16 readable bytes and `_mm_loadu_si128` has no alignment
        // requirement; the other intrinsics only need SSE2, part of the x86_64 baseline.
        let found = unsafe {
            let x = _mm_loadu_si128(group.as_ptr().cast());
            let mut hits = _mm_setzero_si128();
            for needle in needles {
                hits = _mm_or_si128(hits, _mm_cmpeq_epi8(x, _mm_set1_epi8(needle as i8)));
            }
            _mm_movemask_epi8(hits)
        };
        if found != 0 {
            return Some(p + found.trailing_zeros() as usize);
        }
        p += 16;
    }
    src.get(p..)?
        .iter()
        .position(|b| needles.contains(b))
        .map(|i| p + i)
}

/// The first offset at or after `p` holding one of `needles`, if any.
#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
pub(crate) fn find_any<const N: usize>(src: &[u8], p: usize, needles: [u8; N]) -> Option<usize> {
    src.get(p..)?
        .iter()
        .position(|b| needles.contains(b))
        .map(|i| p + i)
}

/// The top bit of every byte of `word` that equals `byte`, and no other bit. Exact: no
/// carry crosses a byte, unlike the shorter "has a zero byte" test.
#[inline(always)]
pub(crate) fn equal_to(word: u128, byte: u8) -> u128 {
    const LOW7: u128 = u128::from_ne_bytes([0x7f; 16]);
    const ONES: u128 = u128::from_ne_bytes([1; 16]);
    let x = word ^ (u128::from(byte) * ONES);
    !(((x & LOW7) + LOW7) | x | LOW7)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_to_marks_exactly_the_equal_bytes() {
        for byte in [0u8, b'/', 0x7f, 0x80, 0xff] {
            for seed in 0..200u32 {
                let bytes: [u8; 16] = std::array::from_fn(|i| {
                    let v = seed.wrapping_mul(2_654_435_761).rotate_left(i as u32 * 5) as u8;
                    if v.is_multiple_of(3) { byte } else { v }
                });
                let got = equal_to(u128::from_le_bytes(bytes), byte);
                let want = bytes.iter().enumerate().fold(0u128, |acc, (i, &b)| {
                    acc | u128::from(b == byte) << (8 * i + 7)
                });
                assert_eq!(got, want, "byte {byte:#x}, input {bytes:?}");
            }
        }
    }

    /// The 16-byte candidate mask must flag every byte that stops a token scan, in every lane
    /// (it may flag more: callers recheck each candidate).
    #[test]
    fn candidate_mask_covers_every_stop_byte_in_every_lane() {
        for b in 0..=255u8 {
            for lane in 0..16 {
                let mut group = [b'a'; 16];
                group[lane] = b;
                let mask = maybe_stops_token_scan(&group);
                if stops_token_scan(b) {
                    assert_ne!(mask & (1 << lane), 0, "byte {b:#04x} in lane {lane}");
                }
                assert_eq!(mask & !(1 << lane), 0, "`a` is never a candidate");
            }
        }
    }

    /// The block search finds the same offset as a plain scan, across block boundaries.
    #[test]
    fn find_any_agrees_with_a_plain_scan() {
        let text: Vec<u8> = (0..200u32)
            .map(|i| b"ab\"c\\d#{e"[(i * 7 % 9) as usize])
            .collect();
        for start in 0..text.len() {
            for len in [0, 1, 15, 16, 17, 33, 64] {
                let src = &text[..(start + len).min(text.len())];
                let plain = |needles: &[u8]| {
                    src.get(start..)
                        .and_then(|s| s.iter().position(|b| needles.contains(b)))
                        .map(|i| start + i)
                };
                assert_eq!(find_any(src, start, [b'"', b'\\']), plain(b"\"\\"));
                assert_eq!(find_any(src, start, [b'#']), plain(b"#"));
                assert_eq!(find_any(src, start, [b'z']), plain(b"z"));
            }
        }
    }
}
