//! The only source of randomness in the crate.
//!
//! Everything random goes through [`Rng`], a thin wrapper over `ChaCha8Rng` seeded with
//! `seed_from_u64`. We deliberately do not use `rand`'s distributions: their algorithms may change
//! between `rand` releases, which would silently change our output. The few helpers below are
//! written out here so that the byte stream they consume is fixed forever (for a given
//! `GENERATOR_VERSION`).

use rand_chacha::ChaCha8Rng;
use rand_core::{Rng as _, SeedableRng};

/// A deterministic random stream (ChaCha8, 8 rounds: plenty for test data and about twice as fast
/// as ChaCha20).
pub(crate) struct Rng(ChaCha8Rng);

impl Rng {
    /// A stream that depends only on `seed`.
    pub(crate) fn new(seed: u64) -> Self {
        Self(ChaCha8Rng::seed_from_u64(seed))
    }

    /// Uniform integer in `0..n` (`n >= 1`), by Lemire's multiply-shift on one 32-bit draw.
    /// The bias (at most `n / 2^32`) is irrelevant for test data; what matters is that exactly
    /// one `u32` is consumed per call, on every platform.
    #[inline]
    pub(crate) fn below(&mut self, n: usize) -> usize {
        debug_assert!(n >= 1 && n <= u32::MAX as usize);
        ((u64::from(self.0.next_u32()) * n as u64) >> 32) as usize
    }

    /// Uniform integer in `lo..=hi`.
    #[inline]
    pub(crate) fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `percent / 100`.
    #[inline]
    pub(crate) fn chance(&mut self, percent: u32) -> bool {
        (self.below(100) as u32) < percent
    }

    /// True with probability `permille / 1000`, for the rare constructs.
    #[inline]
    pub(crate) fn permille(&mut self, permille: u32) -> bool {
        (self.below(1000) as u32) < permille
    }

    /// One element of a non-empty slice, uniformly.
    #[inline]
    pub(crate) fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    /// One string of a non-empty list (avoids `*` at every call site).
    #[inline]
    pub(crate) fn pick_str<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }

    /// A skewed index in `0..n`: small indices are much more likely (roughly harmonic), the way a
    /// few names dominate real code while a long tail appears once or twice.
    #[inline]
    pub(crate) fn skewed(&mut self, n: usize) -> usize {
        let m = self.below(n) + 1;
        self.below(m)
    }

    /// An index chosen with the given integer weights (at least one must be non-zero).
    pub(crate) fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        debug_assert!(total > 0);
        let mut r = self.below(total as usize) as u32;
        for (i, &w) in weights.iter().enumerate() {
            if r < w {
                return i;
            }
            r -= w;
        }
        weights.len() - 1
    }
}
