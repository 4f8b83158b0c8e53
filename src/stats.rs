//! Small, dependency-free statistics: summaries of repeated runs and least-squares fits.
//!
//! The report needs only a handful of numbers (mean, median, standard deviation, a straight-line
//! fit and its R²), so they are computed here rather than pulling in a statistics crate.

use serde::{Deserialize, Serialize};

/// Mean, median, sample standard deviation, minimum and maximum of a set of observations.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Number of observations.
    pub n: usize,
    /// Arithmetic mean.
    pub mean: f64,
    /// Median (mean of the two middle values for an even count).
    pub median: f64,
    /// Sample standard deviation (n - 1 in the denominator; 0 for fewer than two values).
    pub stddev: f64,
    /// Smallest observation.
    pub min: f64,
    /// Largest observation.
    pub max: f64,
}

impl Summary {
    /// Summarises `values`. An empty slice gives an all-zero summary.
    pub fn of(values: &[f64]) -> Summary {
        let n = values.len();
        if n == 0 {
            return Summary::default();
        }
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        let mean = sorted.iter().sum::<f64>() / n as f64;
        let median = if n % 2 == 1 {
            sorted[n / 2]
        } else {
            (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
        };
        let stddev = if n < 2 {
            0.0
        } else {
            (sorted.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt()
        };
        Summary {
            n,
            mean,
            median,
            stddev,
            min: sorted[0],
            max: sorted[n - 1],
        }
    }

    /// Coefficient of variation (stddev / mean), a unit-free measure of noise.
    pub fn cv(&self) -> f64 {
        if self.mean == 0.0 {
            0.0
        } else {
            self.stddev / self.mean
        }
    }
}

/// An ordinary least-squares fit `y = slope * x + intercept`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LinearFit {
    /// Change in y per unit of x.
    pub slope: f64,
    /// Value of y at x = 0.
    pub intercept: f64,
    /// Coefficient of determination: 1 is a perfect line, 0 explains nothing.
    pub r_squared: f64,
}

impl LinearFit {
    /// Fits a line through `(x, y)` points. Fewer than two distinct x values give a zero fit.
    pub fn of(points: &[(f64, f64)]) -> LinearFit {
        let n = points.len() as f64;
        if points.len() < 2 {
            return LinearFit::default();
        }
        let mean_x = points.iter().map(|p| p.0).sum::<f64>() / n;
        let mean_y = points.iter().map(|p| p.1).sum::<f64>() / n;
        let sxx: f64 = points.iter().map(|p| (p.0 - mean_x).powi(2)).sum();
        let sxy: f64 = points.iter().map(|p| (p.0 - mean_x) * (p.1 - mean_y)).sum();
        let syy: f64 = points.iter().map(|p| (p.1 - mean_y).powi(2)).sum();
        if sxx == 0.0 {
            return LinearFit::default();
        }
        let slope = sxy / sxx;
        let intercept = mean_y - slope * mean_x;
        // With all y equal the line is exact (a flat line), so R² is 1 by convention.
        let r_squared = if syy == 0.0 {
            1.0
        } else {
            (sxy * sxy) / (sxx * syy)
        };
        LinearFit {
            slope,
            intercept,
            r_squared,
        }
    }

    /// Whether the fit is good enough to call the relation linear.
    ///
    /// The threshold (R² ≥ 0.98) is deliberately strict: with four to six sizes spanning two orders
    /// of magnitude, a quadratic term of any consequence drags R² well below it.
    pub fn is_linear(&self) -> bool {
        self.r_squared >= LINEAR_R2
    }
}

/// The R² at or above which the report calls a relation linear.
pub const LINEAR_R2: f64 = 0.98;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_of_known_values() {
        let s = Summary::of(&[4.0, 1.0, 3.0, 2.0]);
        assert_eq!(s.n, 4);
        assert_eq!(s.mean, 2.5);
        assert_eq!(s.median, 2.5);
        assert!((s.stddev - 1.290_994_448_735_805_6).abs() < 1e-12);
        assert_eq!((s.min, s.max), (1.0, 4.0));
        assert_eq!(Summary::of(&[7.0]).median, 7.0);
        assert_eq!(Summary::of(&[]).n, 0);
    }

    #[test]
    fn fit_recovers_a_line() {
        let pts: Vec<_> = (1..=5).map(|x| (x as f64, 3.0 * x as f64 + 2.0)).collect();
        let f = LinearFit::of(&pts);
        assert!((f.slope - 3.0).abs() < 1e-12);
        assert!((f.intercept - 2.0).abs() < 1e-12);
        assert!((f.r_squared - 1.0).abs() < 1e-12);
        assert!(f.is_linear());
    }

    #[test]
    fn fit_flags_a_quadratic() {
        let pts: Vec<_> = [1.0, 10.0, 50.0, 100.0]
            .iter()
            .map(|&x: &f64| (x, x * x))
            .collect();
        let f = LinearFit::of(&pts);
        assert!(f.r_squared < LINEAR_R2, "{f:?}");
    }
}
