//! A planted slowdown, compiled only with the `calibration-slowdown` feature: it exists so that
//! the interleaved A/B comparison (`gene-gate ab`, `benchmarks/ab/calibrate.sh`) can be shown to find
//! a slowdown of a known size. Normal builds contain none of this.
//!
//! When a parse finishes (the hook is the first statement of the parser's `finish`), it spins
//! `GENE_CALIBRATION_SPINS` iterations of a [`std::hint::black_box`] loop per 1,000 tokens read:
//! extra work proportional to the tokens, as a slower token path would cost, without touching
//! the token path itself (a check per token there changed the code around it and cost 2-3%
//! even with no spins). The variable is read once per process; unset or unparsable means 0.

use std::sync::LazyLock;

/// Spins per 1,000 tokens, from `GENE_CALIBRATION_SPINS`.
static SPINS_PER_KTOKEN: LazyLock<u64> = LazyLock::new(|| {
    std::env::var("GENE_CALIBRATION_SPINS")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0)
});

/// Spins in proportion to `tokens`, the tokens the parse read.
#[inline(never)]
pub(crate) fn after_parse(tokens: usize) {
    let spins = (tokens as u64).saturating_mul(*SPINS_PER_KTOKEN) / 1_000;
    for i in 0..spins {
        std::hint::black_box(i);
    }
}
