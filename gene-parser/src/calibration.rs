//! A planted slowdown, compiled only with the `calibration-slowdown` feature: it exists so that
//! the interleaved A/B comparison (`gene-gate ab`, `benchmarks/ab/calibrate.sh`) can be shown to
//! find a slowdown of a known size. Normal builds contain none of this.
//!
//! Every 64th token the parser reads (the hook is in the parser's token advance, `bump`) spins
//! `GENE_CALIBRATION_SPINS` iterations of a [`std::hint::black_box`] loop. The variable is read
//! once per process; unset or unparsable means 0. Work per 64 tokens rather than per token gives
//! a fine-grained amount (one spin is about a nanosecond; one token costs a few).

use std::sync::LazyLock;

/// Spins per 64 tokens, from `GENE_CALIBRATION_SPINS`.
static SPINS: LazyLock<u32> = LazyLock::new(|| {
    std::env::var("GENE_CALIBRATION_SPINS")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0)
});

/// Called once per token with the number of tokens read so far.
#[inline(always)]
pub(crate) fn per_token(tokens: usize) {
    if tokens % 64 == 0 {
        spin();
    }
}

#[cold]
#[inline(never)]
fn spin() {
    for i in 0..*SPINS {
        std::hint::black_box(i);
    }
}
