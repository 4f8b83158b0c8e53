//! The bulk step of [`TokenTape::new`] on x86_64 CPUs with AVX-512: all the plain tokens of
//! a block, written at once.
//!
//! The block path of [`Lexer::next_token`] takes one start bit at a time, finds its end bit
//! and decides with one test whether its fast path may keep the token. Here the same test is
//! made for every start of the block together, with a few mask operations, and the tokens
//! before the first one that fails it are written with compress instructions: their bit
//! numbers by one `vpcompressb`, widened into offsets, and their first bytes by another,
//! turned into kinds by one `vpermi2b` table lookup. Strings, line comments and the common interpolated
//! strings ([`interp`]) are resolved in the masks first. The token that failed is then made
//! by the byte path, which also makes the rest of an interpolated string it begins.

use std::arch::x86_64::*;

use super::interp::{self, Unresolved};
use super::{SLACK, TokenTape};
use crate::lexer::BLOCK;
use crate::lexer::block::{self, Masks, x86::classify_avx512};
use crate::lexer::{FAST_TABLE, Lexer, trivia};
use crate::token::{Token, TokenKind};

/// Whether this CPU has the instructions [`fill`] is compiled for. The result is cached by
/// the standard library, so asking costs a load.
pub(super) fn available() -> bool {
    is_x86_feature_detected!("avx512f")
        && is_x86_feature_detected!("avx512bw")
        && is_x86_feature_detected!("avx512vbmi")
        && is_x86_feature_detected!("avx512vbmi2")
        && is_x86_feature_detected!("bmi2")
        && is_x86_feature_detected!("popcnt")
        && is_x86_feature_detected!("pclmulqdq")
}

/// Set in a [`KINDS`] entry whose byte begins a token the block path leaves to the byte path.
const SLOW: u8 = 0x80;

/// For each first byte below 0x80: the kind of the token it begins on the block path, with
/// [`SLOW`] set if the byte path makes it (a string's kind is kept, for the strings a bulk
/// step resolves). `{`, `+` and `-` are plain here, since a bulk step checks the byte after
/// them. The bytes from 0x80 up begin plain symbols. Every kind tag is below 0x40.
static KINDS: [u8; 128] = {
    let mut table = [0; 128];
    let mut b = 0;
    while b < 128 {
        let fast = FAST_TABLE[b];
        table[b] = match b as u8 {
            // Plain unless the next byte says otherwise; `take_plain_tokens` checks it.
            b'{' => TokenKind::LBrace as u8,
            b'+' | b'-' => TokenKind::Symbol as u8,
            _ if fast.slow != 0 => fast.kind | SLOW,
            _ => fast.kind,
        };
        b += 1;
    }
    table
};
const _: () = assert!((TokenKind::Eof as u8) < 0x40);

/// Lexes the rest of `lexer`'s source into `tape`.
///
/// # Safety
/// The CPU must have the features [`available`] checks.
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi,avx512vbmi2,bmi1,bmi2,popcnt,pclmulqdq")]
pub(super) unsafe fn fill(lexer: &mut Lexer<'_>, tape: &mut TokenTape) {
    // SAFETY: the CPU has AVX-512BW (our caller's contract).
    let classify = |bytes: &[u8; 64], masks: &mut Masks| unsafe { classify_avx512(bytes, masks) };
    let mut capacity = 0;
    loop {
        if tape.len() + SLACK > capacity {
            capacity = tape.reserve_slack();
        }
        // Where the token the step left begins, when the step says.
        let mut slow_start = None;
        if lexer.plain && (lexer.starts != 0 || lexer.next_block_by(classify)) {
            // SAFETY: the CPU has the features of this function (our caller's contract), and
            // the tape has room for a block's worth of tokens, reserved just above.
            match unsafe { take_plain_tokens(lexer, tape) } {
                Left::Next(from) => {
                    lexer.pos = from;
                    lexer.next_block_from_by(from, classify);
                    continue;
                }
                Left::Slow(start) => slow_start = Some(start),
                Left::Comment(start) => {
                    if skip_long_comment(lexer, start) {
                        continue;
                    }
                }
                Left::InString(rest) => lexer.resume_in_interp(rest),
            }
        }
        // The first start left fails the fast path's test, or the lexer is inside an
        // interpolated string: one token the iterator's way. A token a step left goes
        // straight to the byte path, past the block path's own tests.
        let token = match slow_start {
            Some(start) => lexer.lex_slow(start).token(),
            None => lexer.next_token(),
        };
        if token.kind == TokenKind::Eof {
            return;
        }
        // SAFETY: a bulk step leaves the room it was given, since it writes only what it
        // keeps; the room reserved above is still there.
        unsafe { tape.push_unchecked(token) };
    }
}

/// Skips the line comment at `start`, which runs past its block; `false` for a `#` at the
/// end of input, which is a symbol.
#[cold]
#[inline(never)]
fn skip_long_comment(lexer: &mut Lexer<'_>, start: usize) -> bool {
    let Some(after) = trivia::skip_comment(lexer.src, start) else {
        return false;
    };
    lexer.pos = after;
    lexer.starts = 0;
    true
}

/// What a bulk step leaves of its block.
enum Left {
    /// Everything before this offset is written, and the next block begins there: at the
    /// block's end, or at the start of a token that runs past it (or may), which then has a
    /// whole block to end in.
    Next(usize),
    /// Everything before this offset is written, and the token there is for the byte path.
    Slow(usize),
    /// Everything before this offset is written, and a line comment that runs past the
    /// block begins there.
    Comment(usize),
    /// Everything before this offset is written, and an interpolated string's literal part
    /// goes on from it, past the block: for the byte path, in the string's mode.
    InString(usize),
}

/// Writes the tokens of the current block that the masks tell, from its first start up to
/// the first token they do not, and drops their starts. The masks tell every token the block
/// path makes, plain floats, and what is resolved below.
///
/// Before the tokens are counted, strings without escapes, line comments and interpolated
/// strings that end in the block are resolved in order, as the byte path would meet them: a
/// string's inside and a comment lose their start and end bits, so the carries below see a
/// string as one token and a comment as space, and an interpolated string gets the bits of
/// its tokens. Resolving stops at the first byte it cannot vouch for: a `\`, a token the
/// block path leaves (`#` forms, `{{`, signed numbers, characters, …), or a string or
/// comment that does not end in the block. That last one is reloaded at its start, as a
/// plain token that runs past the block is, so that it has a whole block to end in.
///
/// The lexer's bracket depth is not updated: outside interpolated strings nothing reads it,
/// and inside one only depth differences are compared.
///
/// # Safety
/// The CPU must have the features [`available`] checks, and every array of `tape` must have
/// room for [`SLACK`](super::SLACK) more entries.
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi,avx512vbmi2,bmi1,bmi2,popcnt,pclmulqdq")]
#[inline]
unsafe fn take_plain_tokens(lexer: &mut Lexer<'_>, tape: &mut TokenTape) -> Left {
    let base = lexer.base;
    let masks = lexer.masks;
    let mut starts = lexer.starts;
    let mut any_end = lexer.ends;

    let src = lexer.src;
    let bytes = block::with_block(src, base, |bytes| {
        // SAFETY: `bytes` is 64 readable bytes; the load has no alignment requirement.
        unsafe { _mm512_loadu_si512(bytes.as_ptr().cast()) }
    });
    // SAFETY: `KINDS` is 128 readable bytes, read as two unaligned 64-byte vectors.
    let (low, high) = unsafe {
        (
            _mm512_loadu_si512(KINDS.as_ptr().cast()),
            _mm512_loadu_si512(KINDS.as_ptr().add(64).cast()),
        )
    };
    // Every byte's entry, as if a token began there: bytes from 0x80 up begin symbols.
    let kinds = _mm512_mask_blend_epi8(
        _mm512_movepi8_mask(bytes),
        _mm512_permutex2var_epi8(low, bytes, high),
        _mm512_set1_epi8(TokenKind::Symbol as i8),
    );
    let slow_bytes = _mm512_test_epi8_mask(kinds, _mm512_set1_epi8(SLOW as i8));
    let eq = |b: u8| _mm512_cmpeq_epi8_mask(bytes, _mm512_set1_epi8(b as i8));
    let quotes = eq(b'"');
    let returns = eq(b'\r');
    let line_ends = eq(b'\n') | returns;
    // Bit `i` is set when byte `i + 1` makes a `#` at `i` open a line comment.
    let comment_next = (eq(b' ') | eq(b'!') | eq(b'#') | line_ends) >> 1;
    let hashes = eq(b'#');
    // `{{`, and a sign before a digit (a number), are not what their first byte says; at
    // the block's last byte, the next byte is not known.
    const LAST: u64 = 1 << 63;
    let braces = eq(b'{');
    let signs = eq(b'+') | eq(b'-');
    let two_byte = braces & (braces >> 1 | LAST) | signs & (masks.digit >> 1 | LAST);

    // The first number the byte path would read differently from the masks (`1_000`,
    // `2'x'`): its other half may begin a token that swallows stops, so resolving ends there,
    // and the tokens kept end before it. Numbers are read on the masks before resolving: a
    // digit run that is not a token after all (in a string, a comment, a literal part) only
    // makes resolving stop early, and is dropped before the tokens are counted.
    let dots = eq(b'.');
    let numbers = numbers(starts, any_end, masks.digit, dots);
    let limit = match numbers.others & numbers.others.wrapping_neg() {
        0 => 64,
        bits => 63 - (starts & (bits | bits.wrapping_sub(1))).leading_zeros(),
    };

    let first_start = starts.trailing_zeros();
    let slow_starts = starts & (slow_bytes | two_byte);
    let mut events = slow_starts | masks.special & (u64::MAX << first_start);
    // Built for every block though few hold an interpolated string: built only where one is
    // met, the step measured 4.7% slower (BOTTLENECKS).
    let block = interp::Block {
        bytes,
        starts,
        any_end,
        slow_starts,
        quotes,
        hashes,
        special: masks.special,
        returns,
        braces,
    };
    // Kinds of interpolated strings' tokens, which their first bytes do not tell.
    let mut interp_kinds = interp::Kinds::new();
    // Bytes inside resolved strings and comments, and the bytes of interpolated strings.
    let mut resolved = 0;
    let mut interp_bytes = 0;
    // The start of the first token the block path leaves, if resolving stopped at one, and
    // whether that token is one it would resolve but for the block's end.
    let mut stopped_at = None;
    let mut crossing = false;
    // Where it stopped inside an interpolated string that runs past the block: the literal
    // part the byte path goes on from.
    let mut in_string = None;
    // Most blocks have no event but strings. Then every quote from the first start on opens
    // or closes one, and a prefix XOR resolves them all at once, with no branch per string.
    let live_quotes = quotes & (u64::MAX << first_start);
    if live_quotes != 0 {
        // From each opening quote up to its closing one, then from the byte after it
        // through the closing one, as for one string below.
        let open = prefix_xor(live_quotes);
        let inside = open << 1;
        // An even number of quotes: the last string closes in the block.
        let strings_only = open >> 63 == 0
            // A string that closes at the block's last byte has no end bit here.
            && live_quotes >> 63 == 0
            && live_quotes & !_bzhi_u64(u64::MAX, limit) == 0
            && events & !live_quotes & !inside == 0
            && inside & (masks.special | returns) == 0
            // `"""` opens a triple-quoted string.
            && live_quotes & live_quotes >> 1 & live_quotes >> 2 == 0;
        if strings_only {
            resolved = inside;
            starts &= !inside;
            any_end &= !inside;
            events = 0;
        }
    }
    while events != 0 {
        let at = events.trailing_zeros();
        let bit = 1u64 << at;
        let is_start = starts & bit != 0;
        let after = u64::MAX << at << 1;
        let inside = if at >= limit {
            Err(Unresolved::Slow)
        } else if is_start && quotes & bit != 0 {
            let closes = quotes & after;
            let close = closes & closes.wrapping_neg();
            // From the byte after the opening quote to the closing one.
            let inside = (close | close.wrapping_sub(1)) & after;
            // `""` then `"` opens a triple-quoted string; a string that starts in the last
            // two bytes may be one, and the byte that would tell is in the next block.
            if close == 0 || at >= 62 {
                Err(Unresolved::Crossing)
            } else if close == bit << 1 && quotes & (bit << 2) != 0
                || inside & (masks.special | returns) != 0
            {
                Err(Unresolved::Slow)
            } else {
                Ok(inside)
            }
        } else if is_start && hashes & comment_next & bit != 0 {
            let stop = line_ends & after;
            // From the byte after the `#` to the line break.
            if stop == 0 {
                Err(Unresolved::Crossing)
            } else {
                Ok((stop ^ stop.wrapping_sub(1)) & after)
            }
        } else if is_start && hashes & quotes >> 1 & bit != 0 {
            // SAFETY: the CPU has the features of this function (our caller's contract).
            match unsafe { interp::resolve(at, &block, &mut interp_kinds) } {
                Ok(string) if string.region & !_bzhi_u64(u64::MAX, limit) != 0 => {
                    Err(Unresolved::Slow)
                }
                // A string that runs past the block gets a whole block from its start first.
                Ok(string) if string.rest.is_some() && at != 0 => Err(Unresolved::Crossing),
                Ok(string) => {
                    starts = starts & !string.region | string.starts;
                    any_end = any_end & !(string.region << 1) | string.ends;
                    resolved |= string.literal;
                    interp_bytes |= string.region;
                    events &= !string.region;
                    if let Some(rest) = string.rest {
                        stopped_at = Some(rest);
                        in_string = Some(rest);
                        break;
                    }
                    continue;
                }
                Err(why) => Err(why),
            }
        } else {
            Err(Unresolved::Slow)
        };
        let inside = match inside {
            Ok(inside) => inside,
            Err(why) => {
                // The token this byte begins. A `\` is a start in the masks but may be
                // inside a token, so the token before it stops too: leaving one token more
                // to the byte path is safe, unless that token is the end of an interpolated
                // string, which ends before the `\`.
                let before = starts & bit.wrapping_sub(1);
                let start = if masks.special & bit == 0 || before == 0 {
                    at
                } else {
                    63 - before.leading_zeros()
                };
                let start = if interp_bytes & 1 << start == 0 {
                    start
                } else {
                    at
                };
                stopped_at = Some(start);
                crossing = matches!(why, Unresolved::Crossing);
                break;
            }
        };
        resolved |= inside;
        starts &= !inside;
        any_end &= !inside;
        // A string keeps its opening quote as its start; a comment's `#` is space. Either
        // way the bit may end the token before, so it stays in the ends.
        if quotes & bit == 0 {
            starts &= !bit;
            resolved |= bit;
        }
        events &= !(inside | bit);
    }
    let n = starts.count_ones();
    if n == 0 {
        lexer.starts = 0;
        return Left::Next((base + BLOCK).max(lexer.pos));
    }

    // A token's end is the first `ends` bit after its start. Every two starts have an end
    // bit between them, so no run of non-end bits takes two carries. A token whose end is
    // not in this block carries out of the top and gets no end bit.
    let ends = carry_to_ends(starts << 1, any_end);
    let with_end = ends.count_ones();

    // How many tokens the fast path keeps: those before the first it would leave.
    let mut keep = with_end;
    let others = numbers.others & !resolved;
    if others != 0 {
        keep = keep.min(rank(starts, others.trailing_zeros()).saturating_sub(1));
    }
    let stopped = stopped_at.map_or(n, |start| {
        (starts & _bzhi_u64(u64::MAX, start)).count_ones()
    });
    keep = keep.min(stopped);
    // The tokens of an interpolated string are kept all together or not at all: the byte
    // path makes the rest of one only from its start.
    debug_assert!(
        keep == n || {
            let cut = _pdep_u64(1 << keep, starts).trailing_zeros();
            interp_bytes & 1 << cut == 0 || {
                let mut tags = [0u8; 64];
                // SAFETY: `tags` is 64 writable bytes.
                unsafe { _mm512_storeu_si512(tags.as_mut_ptr().cast(), interp_kinds.tags) };
                tags[cut as usize] == TokenKind::InterpStart as u8
            }
        }
    );

    if keep > 0 {
        let len = tape.len();
        // SAFETY: every array has room for `SLACK` (64) entries past `len` (our contract);
        // each store below writes at most that many, and only the first `keep` are kept.
        unsafe {
            let kinds = _mm512_mask_blend_epi8(interp_kinds.at, kinds, interp_kinds.tags);
            let kinds = _mm512_and_si512(
                _mm512_maskz_compress_epi8(starts, kinds),
                _mm512_set1_epi8(!SLOW as i8),
            );
            // Bit `i` of an extract over the ends is the `i`-th token's.
            let kinds = _mm512_mask_mov_epi8(
                kinds,
                _pext_u64(numbers.float_ends & ends, ends),
                _mm512_set1_epi8(TokenKind::Float as i8),
            );
            _mm512_storeu_si512(tape.kinds.as_mut_ptr().add(len).cast(), kinds);
            // Symbols holding a `/` are flagged. Every `/` outside strings and comments is in
            // a token, and its bit carries to that token's end. A token's first byte may be
            // the end of the token before, so a `/` there carries from the bit after it. A
            // second `/` in the token sets only its own bit, which is not an end, or carries
            // to the same end. So the ends reached are those of the flagged tokens.
            let slashes = masks.slash & !resolved & (u64::MAX << first_start);
            let slashes = (slashes & starts) << 1 | slashes & !starts;
            let slashed = carry_to_ends(slashes, any_end) & ends;
            // Bit `i` of the extract is the `i`-th token's.
            let flags = _mm512_maskz_mov_epi8(
                _pext_u64(slashed, ends),
                _mm512_set1_epi8(Token::SLASH as i8),
            );
            _mm512_storeu_si512(tape.flags.as_mut_ptr().add(len).cast(), flags);
            store_offsets(
                tape.starts.as_mut_ptr().add(len),
                base,
                starts,
                keep as usize,
            );
            store_offsets(tape.ends.as_mut_ptr().add(len), base, ends, keep as usize);
            tape.set_len(len + keep as usize);
        }
        let last_end = _pdep_u64(1 << (keep - 1), ends).trailing_zeros();
        starts &= !_pdep_u64(_bzhi_u64(u64::MAX, keep), starts);
        lexer.pos = base + last_end as usize;
    }
    lexer.starts = starts;
    if let Some(rest) = in_string
        && keep == stopped
    {
        return Left::InString(base + rest as usize);
    }
    if starts == 0 {
        return Left::Next(base + BLOCK);
    }
    let next = starts.trailing_zeros();
    let runs_past = if crossing {
        keep == stopped
    } else {
        keep == with_end && keep < stopped
    };
    if runs_past && next != 0 {
        // Only the next token is left, and only because it runs past the block.
        return Left::Next(base + next as usize);
    }
    if crossing && runs_past && hashes & 1 != 0 {
        // A line comment longer than a block: the only `#` a crossing stop is made at.
        return Left::Comment(base);
    }
    Left::Slow(base + next as usize)
}

/// The tokens of a block that begin with a digit.
struct Numbers {
    /// The bytes that make one neither all digits nor digits, one `.` and maybe digits: the
    /// byte path reads such a token otherwise.
    others: u64,
    /// The ends of those that hold a `.`: the floats, if they come before the first other.
    float_ends: u64,
}

/// The tokens from `starts` that begin with a digit: which are plain integers (`12`) and
/// plain floats (`1.5`), the rest left to the byte path (`1e3`, `1_000`, `2'x'`, dates).
#[inline(always)]
fn numbers(starts: u64, any_end: u64, digit: u64, dots: u64) -> Numbers {
    // Each digit start's end, as for all tokens; then each end minus its start sets the
    // bits between them.
    let digit_starts = starts & digit;
    let digit_ends = carry_to_ends(digit_starts << 1, any_end);
    let others = digit_ends.wrapping_sub(digit_starts) & !digit;
    // A `.` after digits makes a float (`12.` too), and carries to the token's end. A second
    // `.` in the token keeps its own bit in the sum (see `carry_to_ends`), so it stays an
    // other.
    let points = others & dots;
    let first_points = points & !(!any_end).wrapping_add(points);
    Numbers {
        others: others & !first_points,
        float_ends: carry_to_ends(points, any_end),
    }
}

/// The bits of `any_end` that the bits of `from` carry to. Adding a bit to the run of non-end
/// bits it sits in carries to the first end bit at or above it, clearing the run on the way;
/// a second bit of `from` in the same run then only sets its own bit, which is not an end.
/// So each end bit reached is in the result once, however many bits of `from` lead to it.
#[inline(always)]
fn carry_to_ends(from: u64, any_end: u64) -> u64 {
    let not_end = !any_end;
    (not_end.wrapping_add(from) ^ not_end) & any_end
}

/// Bit `i` is the XOR of bits `0..=i` of `bits`: set from each odd set bit up to the next.
#[target_feature(enable = "pclmulqdq")]
#[inline]
fn prefix_xor(bits: u64) -> u64 {
    // A carry-less multiply by all ones XORs every shifted copy of `bits` together.
    let product = _mm_clmulepi64_si128::<0>(_mm_cvtsi64_si128(bits as i64), _mm_set1_epi8(-1));
    _mm_cvtsi128_si64(product) as u64
}

/// The number of bits of `mask` at or below bit `bit`.
#[inline(always)]
fn rank(mask: u64, bit: u32) -> u32 {
    (mask & (u64::MAX >> (63 - bit))).count_ones()
}

/// Writes `base + i` for the set bits `i` of `bits`, in order, from `out`: the first `count`
/// of them, and whatever the rest of their group of 16 holds.
///
/// The bit numbers are gathered as bytes by one `vpcompressb` and widened 16 at a time, so
/// that the stores go to fixed places and do not wait for each other's counts. A step keeps
/// about ten tokens, so most need one store, not four.
///
/// # Safety
/// The CPU must have AVX-512F and VBMI2, `count` must be at most 64, and `out` must have room
/// for 64 entries.
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi2")]
#[inline]
unsafe fn store_offsets(out: *mut u32, base: usize, bits: u64, count: usize) {
    // SAFETY: `LANES` is 64 readable bytes.
    let lanes = unsafe { _mm512_loadu_si512(LANES.as_ptr().cast()) };
    let numbers = _mm512_maskz_compress_epi8(bits, lanes);
    let base = _mm512_set1_epi32(base as i32);
    let quarters = [
        _mm512_extracti32x4_epi32::<0>(numbers),
        _mm512_extracti32x4_epi32::<1>(numbers),
        _mm512_extracti32x4_epi32::<2>(numbers),
        _mm512_extracti32x4_epi32::<3>(numbers),
    ];
    for (quarter, numbers) in quarters.into_iter().enumerate() {
        if 16 * quarter >= count {
            break;
        }
        let offsets = _mm512_add_epi32(_mm512_cvtepu8_epi32(numbers), base);
        // SAFETY: the four stores write the 64 entries the caller guarantees.
        unsafe { _mm512_storeu_si512(out.add(16 * quarter).cast(), offsets) };
    }
}

/// The bit numbers of a block, for [`store_offsets`].
static LANES: [u8; 64] = {
    let mut lanes = [0; 64];
    let mut i = 0;
    while i < 64 {
        lanes[i] = i as u8;
        i += 1;
    }
    lanes
};
