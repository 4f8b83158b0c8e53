//! The statistics of the A/B comparison: the run order of each round, the median of the paired
//! ratios with its distribution-free confidence interval, and the verdict.
//!
//! Each round yields one time per build, taken moments apart, so machine-wide drift (another
//! process taking a core, the CPU clock changing) touches both alike and cancels in the round's
//! ratio `change / base`. The rounds' ratios are then treated as independent draws, and their
//! median is estimated with the sign-test (order-statistic) interval: for `n` ratios sorted,
//! `[r(k), r(n+1-k)]` contains the true median with probability at least
//! `1 - 2 P(Binomial(n, 1/2) < k)`, whatever the distribution of the ratios. It is exact rather
//! than asymptotic (a percentile bootstrap of a median is too narrow for a few dozen rounds),
//! needs no resampling seed, and is robust to the outliers a shared machine produces: one round
//! spoiled by a compile moves the interval by at most one order statistic.

use rand_chacha::ChaCha8Rng;
use rand_core::{Rng as _, SeedableRng};
use serde::Serialize;

/// The least number of rounds for which a 95% sign-test interval exists (`2 * 0.5^6 < 0.05`).
pub const MIN_ROUNDS: usize = 6;

/// The confidence level the intervals aim at.
pub const CONFIDENCE: f64 = 0.95;

/// Which build runs first in each round: `true` means base first. Drawn from a ChaCha8 stream
/// seeded with `seed`, so a comparison's schedule is reproducible; random rather than
/// alternating so that no periodic disturbance can line up with one build.
pub fn schedule(seed: u64, rounds: usize) -> Vec<bool> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    (0..rounds).map(|_| rng.next_u32() & 1 == 1).collect()
}

/// The median of `values` (the mean of the middle two for an even count); `None` when empty.
pub fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    Some(if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    })
}

/// A median with its confidence interval.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Interval {
    /// The sample median.
    pub median: f64,
    /// Lower end of the interval.
    pub low: f64,
    /// Upper end of the interval.
    pub high: f64,
    /// The interval's actual coverage (at least [`CONFIDENCE`]; the binomial steps make it
    /// slightly higher).
    pub coverage: f64,
}

/// The sign-test confidence interval of the median of `values` at `confidence` or more.
///
/// Returns `None` when there are too few values for an interval at that level (fewer than
/// [`MIN_ROUNDS`] for 95%) or when a value is not finite.
pub fn median_interval(values: &[f64], confidence: f64) -> Option<Interval> {
    if values.iter().any(|v| !v.is_finite()) {
        return None;
    }
    let median = median(values)?;
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    let alpha_half = (1.0 - confidence) / 2.0;
    // The largest k with P(B < k) <= alpha/2, where B ~ Binomial(n, 1/2).
    let mut k = 0;
    let mut below = 0.0; // P(B < k)
    for i in 0..n {
        let next = below + binomial_half_pmf(n, i);
        if next > alpha_half {
            break;
        }
        below = next;
        k = i + 1;
    }
    if k == 0 {
        return None;
    }
    Some(Interval {
        median,
        low: sorted[k - 1],
        high: sorted[n - k],
        coverage: 1.0 - 2.0 * below,
    })
}

/// `P(B = i)` for `B ~ Binomial(n, 1/2)`, in log space so that large `n` does not underflow.
fn binomial_half_pmf(n: usize, i: usize) -> f64 {
    let ln_choose: f64 = (0..i)
        .map(|j| ((n - j) as f64).ln() - ((j + 1) as f64).ln())
        .sum();
    (ln_choose - n as f64 * std::f64::consts::LN_2).exp()
}

/// What a comparison says about one input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// The whole interval of `change / base` lies above `1 + threshold`.
    Regression,
    /// The whole interval lies below `1 - threshold`.
    Improvement,
    /// Anything else: the data cannot tell a change beyond the threshold from noise.
    WithinNoise,
}

impl Verdict {
    /// The verdict for a ratio interval and a threshold given as a fraction (0.03 for 3%).
    pub fn of(interval: &Interval, threshold: f64) -> Verdict {
        if interval.low > 1.0 + threshold {
            Verdict::Regression
        } else if interval.high < 1.0 - threshold {
            Verdict::Improvement
        } else {
            Verdict::WithinNoise
        }
    }

    /// The verdict as printed in tables.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Regression => "REGRESSION",
            Verdict::Improvement => "improvement",
            Verdict::WithinNoise => "within noise",
        }
    }
}

/// Per-round ratios `change[i] / base[i]`.
pub fn paired_ratios(base: &[f64], change: &[f64]) -> Vec<f64> {
    base.iter().zip(change).map(|(b, c)| c / b).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Times with multiplicative noise of up to ±`spread`, plus an occasional large outlier (a
    /// round where another process took the core), as on the shared machine.
    fn noisy_times(rng: &mut ChaCha8Rng, n: usize, center: f64, spread: f64) -> Vec<f64> {
        (0..n)
            .map(|_| {
                let u = f64::from(rng.next_u32()) / f64::from(u32::MAX);
                let outlier = if rng.next_u32().is_multiple_of(10) {
                    1.4
                } else {
                    1.0
                };
                center * (1.0 + spread * (2.0 * u - 1.0)) * outlier
            })
            .collect()
    }

    #[test]
    fn identical_distributions_are_within_noise() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        for _ in 0..50 {
            let base = noisy_times(&mut rng, 30, 100.0, 0.05);
            let change = noisy_times(&mut rng, 30, 100.0, 0.05);
            let interval = median_interval(&paired_ratios(&base, &change), CONFIDENCE).unwrap();
            assert_eq!(
                Verdict::of(&interval, 0.05),
                Verdict::WithinNoise,
                "{interval:?}"
            );
        }
    }

    #[test]
    fn a_twenty_percent_shift_is_a_regression_and_its_reverse_an_improvement() {
        let mut rng = ChaCha8Rng::seed_from_u64(8);
        for _ in 0..50 {
            let base = noisy_times(&mut rng, 30, 100.0, 0.05);
            let slower = noisy_times(&mut rng, 30, 120.0, 0.05);
            let up = median_interval(&paired_ratios(&base, &slower), CONFIDENCE).unwrap();
            assert_eq!(Verdict::of(&up, 0.05), Verdict::Regression, "{up:?}");
            let down = median_interval(&paired_ratios(&slower, &base), CONFIDENCE).unwrap();
            assert_eq!(Verdict::of(&down, 0.05), Verdict::Improvement, "{down:?}");
        }
    }

    /// The interval's promise, hunted by simulation: over many samples from a skewed,
    /// outlier-prone distribution with a known median, the interval must miss that median in
    /// at most about 5% of the samples (a count, not a timing).
    #[test]
    fn the_interval_covers_the_true_median_at_least_95_percent_of_the_time() {
        let mut rng = ChaCha8Rng::seed_from_u64(9);
        for n in [6, 7, 10, 20, 41] {
            let trials = 2_000;
            let mut misses = 0;
            for _ in 0..trials {
                // Exponential with median ln 2, shifted: skewed like run times.
                let values: Vec<f64> = (0..n)
                    .map(|_| {
                        let u = (f64::from(rng.next_u32()) + 1.0) / (f64::from(u32::MAX) + 2.0);
                        1.0 - u.ln()
                    })
                    .collect();
                let interval = median_interval(&values, CONFIDENCE).unwrap();
                let truth = 1.0 + std::f64::consts::LN_2;
                if !(interval.low <= truth && truth <= interval.high) {
                    misses += 1;
                }
                assert!(interval.coverage >= CONFIDENCE);
            }
            // 5% of 2,000 is 100; allow binomial sampling error (sd about 10).
            assert!(misses <= 130, "n = {n}: {misses} misses in {trials}");
        }
    }

    #[test]
    fn too_few_rounds_or_non_finite_values_give_no_interval() {
        assert!(median_interval(&[1.0; 5], CONFIDENCE).is_none());
        assert!(median_interval(&[1.0; 6], CONFIDENCE).is_some());
        assert!(median_interval(&[1.0, f64::NAN, 1.0, 1.0, 1.0, 1.0], CONFIDENCE).is_none());
        assert!(median_interval(&[], CONFIDENCE).is_none());
    }

    #[test]
    fn the_interval_uses_the_binomial_order_statistics() {
        // n = 6: only k = 1 works (2 * 0.5^6 = 0.031), so the interval is the range.
        let values = [6.0, 1.0, 5.0, 2.0, 4.0, 3.0];
        let i = median_interval(&values, CONFIDENCE).unwrap();
        assert_eq!((i.low, i.median, i.high), (1.0, 3.5, 6.0));
        assert!((i.coverage - (1.0 - 2.0 / 64.0)).abs() < 1e-12);
        // n = 20: P(B <= 5) = 0.0207, P(B <= 6) = 0.0577, so k = 6: [x(6), x(15)].
        let values: Vec<f64> = (1..=20).map(f64::from).collect();
        let i = median_interval(&values, CONFIDENCE).unwrap();
        assert_eq!((i.low, i.high), (6.0, 15.0));
    }

    #[test]
    fn the_schedule_is_deterministic_per_seed_and_mixes_both_orders() {
        assert_eq!(schedule(3, 40), schedule(3, 40));
        assert_ne!(schedule(3, 40), schedule(4, 40));
        let firsts = schedule(3, 400).iter().filter(|&&b| b).count();
        assert!((150..=250).contains(&firsts), "{firsts} of 400 base-first");
    }

    #[test]
    fn large_round_counts_do_not_underflow() {
        let values: Vec<f64> = (0..2_001).map(f64::from).collect();
        let i = median_interval(&values, CONFIDENCE).unwrap();
        assert_eq!(i.median, 1_000.0);
        assert!(i.low < 1_000.0 && i.high > 1_000.0);
        assert!(i.high - i.low < 120.0, "{i:?}");
    }
}
