//! The scaling verdict: does the cost of a line grow with the size of the file?
//!
//! A least-squares R² cannot see it: time that grows as `n^1.1` over 1k to 100k lines still fits
//! a straight line with R² above 0.99, because the largest sizes dominate the sums. The verdict
//! compares the cost per line at the smallest and the largest size instead, and flags a growth of
//! more than [`GROWTH_LIMIT`].

use serde::{Deserialize, Serialize};

use super::InputReport;

/// The largest accepted growth of a per-line cost from the smallest to the largest size: 10%.
pub const GROWTH_LIMIT: f64 = 0.10;

/// How one per-line cost changes from the smallest to the largest input.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Growth {
    /// Lines of the smallest input.
    pub from_lines: u64,
    /// Lines of the largest input.
    pub to_lines: u64,
    /// Cost per line at the smallest input.
    pub from: f64,
    /// Cost per line at the largest input.
    pub to: f64,
    /// `to / from`: 1 is a constant cost per line, 1.7 a 70% growth.
    pub ratio: f64,
    /// Whether the growth exceeds [`GROWTH_LIMIT`] (a ratio above 1.1).
    pub flagged: bool,
}

impl Growth {
    /// The growth of `cost(input) / lines` between the input with the fewest lines and the one
    /// with the most. Fewer than two distinct sizes, or a zero cost at the smallest, give an
    /// unflagged ratio of 1: there is nothing to compare.
    pub fn of(inputs: &[InputReport], cost: impl Fn(&InputReport) -> f64) -> Growth {
        let (Some(small), Some(large)) = (
            inputs
                .iter()
                .filter(|i| i.lines > 0)
                .min_by_key(|i| i.lines),
            inputs
                .iter()
                .filter(|i| i.lines > 0)
                .max_by_key(|i| i.lines),
        ) else {
            return Growth::default();
        };
        let from = cost(small) / small.lines as f64;
        let to = cost(large) / large.lines as f64;
        let ratio = if small.lines < large.lines && from > 0.0 && to.is_finite() {
            to / from
        } else {
            1.0
        };
        Growth {
            from_lines: small.lines,
            to_lines: large.lines,
            from,
            to,
            ratio,
            flagged: ratio > 1.0 + GROWTH_LIMIT,
        }
    }

    /// `1.71×, from 19.2 to 32.9 ns per line`, with the given unit.
    pub fn describe(&self, unit: &str) -> String {
        format!(
            "{:.2}× ({:.1} {unit} per line at {} lines, {:.1} at {})",
            self.ratio, self.from, self.from_lines, self.to, self.to_lines
        )
    }
}

/// The report's verdict on scaling.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    /// Median parse time per line, nanoseconds.
    pub time_per_line: Growth,
    /// Peak heap bytes per line.
    pub peak_per_line: Growth,
}

impl Verdict {
    /// Judges the per-line growth of median time and peak heap over `inputs`.
    pub fn of(inputs: &[InputReport]) -> Verdict {
        Verdict {
            time_per_line: Growth::of(inputs, |i| i.wall_ns.median),
            peak_per_line: Growth::of(inputs, |i| i.heap.peak_bytes as f64),
        }
    }

    /// Whether anything is flagged.
    pub fn flagged(&self) -> bool {
        self.time_per_line.flagged || self.peak_per_line.flagged
    }

    /// One sentence for the Markdown and the plot.
    pub fn sentence(&self) -> String {
        let word = |g: &Growth| {
            if g.flagged {
                "GROWS (flagged)"
            } else {
                "steady"
            }
        };
        format!(
            "time per line {}: {}; peak heap per line {}: {} (limit {:.2}×).",
            word(&self.time_per_line),
            self.time_per_line.describe("ns"),
            word(&self.peak_per_line),
            self.peak_per_line.describe("B"),
            1.0 + GROWTH_LIMIT
        )
    }
}
