//! The byte classes of a 64-byte block, one bit per byte: the lexer's fast path finds where a
//! token starts and ends with a `trailing_zeros` on these masks instead of a loop and a branch
//! per byte.
//!
//! Four implementations give the same masks: AVX-512BW or AVX2 (chosen at run time, since the
//! crate is built for the x86_64 baseline), SSE2 (the baseline) and a table loop for other
//! targets.
//! The tests check each against [`classify_scalar`] for every byte in every lane.

use super::bytes::{is_digit, is_terminator, is_whitespace};

/// The bytes the classifier reads at once.
pub(crate) const BLOCK: usize = 64;

/// One bit per byte of a block; bit `i` describes byte `i`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Masks {
    /// Whitespace skipped between items: space, tab, LF, CR, comma.
    pub(crate) space: u64,
    /// Bytes a token ends at on the block path: every terminator (whitespace included), and
    /// `\`.
    pub(crate) stop: u64,
    /// `\`: a symbol that reaches one has an escape, so the byte path lexes it.
    pub(crate) special: u64,
    /// `/`: a symbol that holds one is flagged [`crate::Token::SLASH`].
    pub(crate) slash: u64,
    /// `0`–`9`.
    pub(crate) digit: u64,
}

/// Calls `f` with the 64 bytes of `src` from `base`; past the end of input they read as
/// spaces, so a token that ends there stops at the end and no token starts there.
#[inline(always)]
pub(crate) fn with_block<R>(src: &[u8], base: usize, f: impl FnOnce(&[u8; BLOCK]) -> R) -> R {
    match src.get(base..).and_then(<[u8]>::first_chunk::<BLOCK>) {
        Some(bytes) => f(bytes),
        None => {
            let mut padded = [b' '; BLOCK];
            let tail = &src[base.min(src.len())..];
            padded[..tail.len()].copy_from_slice(tail);
            f(&padded)
        }
    }
}

/// Writes the masks of `block` to `out`, by the fastest implementation this machine has.
///
/// An out-parameter rather than a return value: the caller then reads each mask as the
/// 8-byte store that wrote it, where copying a returned struct would read two stores back
/// in one 16-byte load, which the CPU cannot forward and stalls on.
#[inline]
pub(crate) fn classify_into(block: &[u8; BLOCK], out: &mut Masks) {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx512bw") {
            // SAFETY: the CPU has AVX-512BW, checked just above.
            unsafe { x86::classify_avx512(block, out) };
        } else if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2, checked just above.
            unsafe { x86::classify_avx2(block, out) };
        } else {
            x86::classify_sse2(block, out);
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        *out = classify_scalar(block);
    }
}

/// The masks of `block`, one byte at a time through the lexer's byte tables: the definition
/// the vector versions are tested against, and the implementation on other targets.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
pub(crate) fn classify_scalar(block: &[u8; BLOCK]) -> Masks {
    let mut masks = Masks::default();
    for (i, &b) in block.iter().enumerate() {
        let bit = 1u64 << i;
        if is_whitespace(b) {
            masks.space |= bit;
        }
        if is_terminator(b) || b == b'\\' {
            masks.stop |= bit;
        }
        if b == b'\\' {
            masks.special |= bit;
        }
        if b == b'/' {
            masks.slash |= bit;
        }
        if is_digit(b) {
            masks.digit |= bit;
        }
    }
    masks
}

#[cfg(target_arch = "x86_64")]
pub(crate) mod x86 {
    use super::{BLOCK, Masks};
    use crate::lexer::bytes::{SPACES, TERMINATORS};
    use std::arch::x86_64::*;

    /// Nibble tables for `_mm256_shuffle_epi8`: a byte is a stop when the entries for its low
    /// and its high nibble share a bit, and whitespace when they share bit 0 or 1. Each bit
    /// stands for one high nibble and a set of low nibbles, so no byte matches by accident:
    ///
    /// | bit | high nibble | low nibbles | bytes |
    /// |---|---|---|---|
    /// | 0 | 0 | 9 a d | tab, LF, CR (whitespace) |
    /// | 1 | 2 | 0 c | space, `,` (whitespace) |
    /// | 2 | 0 | 0 b c | NUL, VT, FF |
    /// | 3 | 2 | 2 5 8 9 | `"` `%` `(` `)` |
    /// | 4 | 5 | b c d | `[` `\` `]` |
    /// | 5 | 7 | b d | `{` `}` |
    /// | 6 | 3 | b | `;` |
    /// | 7 | 6 | 0 | `` ` `` |
    const LOW: [u8; 16] = {
        let mut t = [0u8; 16];
        t[0x0] = 1 << 1 | 1 << 2 | 1 << 7;
        t[0x2] = 1 << 3;
        t[0x5] = 1 << 3;
        t[0x8] = 1 << 3;
        t[0x9] = 1 << 0 | 1 << 3;
        t[0xa] = 1 << 0;
        t[0xb] = 1 << 2 | 1 << 4 | 1 << 5 | 1 << 6;
        t[0xc] = 1 << 1 | 1 << 2 | 1 << 4;
        t[0xd] = 1 << 0 | 1 << 4 | 1 << 5;
        t
    };
    const HIGH: [u8; 16] = {
        let mut t = [0u8; 16];
        t[0x0] = 1 << 0 | 1 << 2;
        t[0x2] = 1 << 1 | 1 << 3;
        t[0x3] = 1 << 6;
        t[0x5] = 1 << 4;
        t[0x6] = 1 << 7;
        t[0x7] = 1 << 5;
        t
    };
    const SPACE_BITS: i8 = 0b11;

    /// # Safety
    /// The CPU must support AVX2.
    #[target_feature(enable = "avx2")]
    pub(super) unsafe fn classify_avx2(block: &[u8; BLOCK], out: &mut Masks) {
        // SAFETY: `block` is 64 readable bytes, read as two unaligned 32-byte vectors.
        let halves = unsafe {
            [
                _mm256_loadu_si256(block.as_ptr().cast()),
                _mm256_loadu_si256(block.as_ptr().add(32).cast()),
            ]
        };
        let low_table = _mm256_broadcastsi128_si256(
            // SAFETY: `LOW` is 16 readable bytes.
            unsafe { _mm_loadu_si128(LOW.as_ptr().cast()) },
        );
        let high_table = _mm256_broadcastsi128_si256(
            // SAFETY: `HIGH` is 16 readable bytes.
            unsafe { _mm_loadu_si128(HIGH.as_ptr().cast()) },
        );
        let nibble = _mm256_set1_epi8(0x0f);
        let zero = _mm256_setzero_si256();
        let mut masks = Masks::default();
        for (half, x) in halves.into_iter().enumerate() {
            let shift = 32 * half;
            let low = _mm256_shuffle_epi8(low_table, _mm256_and_si256(x, nibble));
            // Bytes from 0x80 up have a high nibble of 8 or more: their table entries are 0.
            let high_nibble = _mm256_and_si256(_mm256_srli_epi16::<4>(x), nibble);
            let high = _mm256_shuffle_epi8(high_table, high_nibble);
            let class = _mm256_and_si256(low, high);
            let not_stop = _mm256_cmpeq_epi8(class, zero);
            let not_space =
                _mm256_cmpeq_epi8(_mm256_and_si256(class, _mm256_set1_epi8(SPACE_BITS)), zero);
            let special = _mm256_cmpeq_epi8(x, _mm256_set1_epi8(b'\\' as i8));
            let slash = _mm256_cmpeq_epi8(x, _mm256_set1_epi8(b'/' as i8));
            // `b - '0'` is below 10, unsigned, exactly for digits.
            let from_zero = _mm256_sub_epi8(x, _mm256_set1_epi8(b'0' as i8));
            let digit =
                _mm256_cmpeq_epi8(_mm256_min_epu8(from_zero, _mm256_set1_epi8(9)), from_zero);
            let bits = |v: __m256i| u64::from(_mm256_movemask_epi8(v) as u32) << shift;
            masks.space |= !bits(not_space) & (u64::from(u32::MAX) << shift);
            masks.stop |= !bits(not_stop) & (u64::from(u32::MAX) << shift);
            masks.special |= bits(special);
            masks.slash |= bits(slash);
            masks.digit |= bits(digit);
        }
        *out = masks;
    }

    /// The same masks as [`classify_avx2`], by the same nibble tables, on the whole block at
    /// once: AVX-512BW compares straight into mask registers, so no `movemask` and no
    /// shifting halves together.
    ///
    /// # Safety
    /// The CPU must support AVX-512BW.
    #[target_feature(enable = "avx512bw")]
    #[inline]
    pub(crate) unsafe fn classify_avx512(block: &[u8; BLOCK], out: &mut Masks) {
        // SAFETY: `block` is 64 readable bytes, read as one unaligned 64-byte vector.
        let x = unsafe { _mm512_loadu_si512(block.as_ptr().cast()) };
        // SAFETY: `LOW` and `HIGH` are 16 readable bytes each.
        let (low_table, high_table) = unsafe {
            (
                _mm512_broadcast_i32x4(_mm_loadu_si128(LOW.as_ptr().cast())),
                _mm512_broadcast_i32x4(_mm_loadu_si128(HIGH.as_ptr().cast())),
            )
        };
        let nibble = _mm512_set1_epi8(0x0f);
        let low = _mm512_shuffle_epi8(low_table, _mm512_and_si512(x, nibble));
        // Bytes from 0x80 up have a high nibble of 8 or more: their table entries are 0.
        let high_nibble = _mm512_and_si512(_mm512_srli_epi16::<4>(x), nibble);
        let high = _mm512_shuffle_epi8(high_table, high_nibble);
        let class = _mm512_and_si512(low, high);
        let from_zero = _mm512_sub_epi8(x, _mm512_set1_epi8(b'0' as i8));
        *out = Masks {
            space: _mm512_test_epi8_mask(class, _mm512_set1_epi8(SPACE_BITS)),
            stop: _mm512_test_epi8_mask(class, class),
            special: _mm512_cmpeq_epi8_mask(x, _mm512_set1_epi8(b'\\' as i8)),
            slash: _mm512_cmpeq_epi8_mask(x, _mm512_set1_epi8(b'/' as i8)),
            // `b - '0'` is below 10, unsigned, exactly for digits.
            digit: _mm512_cmplt_epu8_mask(from_zero, _mm512_set1_epi8(10)),
        };
    }

    /// The same masks with the SSE2 baseline: comparisons instead of the nibble tables,
    /// which need SSSE3.
    pub(super) fn classify_sse2(block: &[u8; BLOCK], out: &mut Masks) {
        let mut masks = Masks::default();
        for (quarter, chunk) in block.as_chunks::<16>().0.iter().enumerate() {
            let shift = 16 * quarter;
            // SAFETY: `chunk` is 16 readable bytes and `_mm_loadu_si128` has no alignment
            // requirement; the other intrinsics only need SSE2, part of the x86_64 baseline.
            let (space, stop, special, slash, digit) = unsafe {
                let x = _mm_loadu_si128(chunk.as_ptr().cast());
                let eq = |b: u8| _mm_cmpeq_epi8(x, _mm_set1_epi8(b as i8));
                let any = |bytes: &[u8]| {
                    bytes
                        .iter()
                        .fold(_mm_setzero_si128(), |acc, &b| _mm_or_si128(acc, eq(b)))
                };
                let space = any(SPACES);
                let special = eq(b'\\');
                let slash = eq(b'/');
                let stop = _mm_or_si128(any(TERMINATORS), special);
                let from_zero = _mm_sub_epi8(x, _mm_set1_epi8(b'0' as i8));
                let digit = _mm_cmpeq_epi8(_mm_min_epu8(from_zero, _mm_set1_epi8(9)), from_zero);
                (space, stop, special, slash, digit)
            };
            // SAFETY: SSE2 is part of the x86_64 baseline.
            let bits = |v: __m128i| u64::from(unsafe { _mm_movemask_epi8(v) } as u16) << shift;
            masks.space |= bits(space);
            masks.stop |= bits(stop);
            masks.special |= bits(special);
            masks.slash |= bits(slash);
            masks.digit |= bits(digit);
        }
        *out = masks;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Classifier = fn(&[u8; BLOCK]) -> Masks;

    /// Every implementation this machine can run, with its name.
    fn implementations() -> Vec<(&'static str, Classifier)> {
        #[allow(unused_mut)]
        let mut all: Vec<(&'static str, Classifier)> = vec![("dispatch", |b| {
            let mut masks = Masks::default();
            classify_into(b, &mut masks);
            masks
        })];
        #[cfg(target_arch = "x86_64")]
        {
            all.push(("sse2", |b| {
                let mut masks = Masks::default();
                x86::classify_sse2(b, &mut masks);
                masks
            }));
            if std::arch::is_x86_feature_detected!("avx512bw") {
                all.push(("avx512", |b| {
                    let mut masks = Masks::default();
                    // SAFETY: the CPU has AVX-512BW, checked just above.
                    unsafe { x86::classify_avx512(b, &mut masks) };
                    masks
                }));
            }
            if std::arch::is_x86_feature_detected!("avx2") {
                all.push(("avx2", |b| {
                    let mut masks = Masks::default();
                    // SAFETY: the CPU has AVX2, checked just above.
                    unsafe { x86::classify_avx2(b, &mut masks) };
                    masks
                }));
            }
        }
        all
    }

    #[test]
    fn every_byte_in_every_lane_matches_the_tables() {
        for (name, classify) in implementations() {
            for b in 0..=255u8 {
                for lane in [0, 1, 15, 16, 31, 32, 33, 47, 48, 63] {
                    let mut block = [b'a'; BLOCK];
                    block[lane] = b;
                    assert_eq!(
                        classify(&block),
                        classify_scalar(&block),
                        "{name}: byte {b:#04x} in lane {lane}"
                    );
                }
            }
        }
    }

    #[test]
    fn mixed_blocks_match_the_tables() {
        let alphabet = b" \t\n\r,;\"`%()[]{}\\/09az#'^.\0\x0b\x0c\x80\xff|<>";
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for (name, classify) in implementations() {
            for _ in 0..2000 {
                let block: [u8; BLOCK] = std::array::from_fn(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    alphabet[(state % alphabet.len() as u64) as usize]
                });
                assert_eq!(
                    classify(&block),
                    classify_scalar(&block),
                    "{name}: {block:?}"
                );
            }
        }
    }
}
