//! The progress bar of long generations, on stderr.

use std::io::IsTerminal as _;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Runs of at least this many lines in total get a bar: 1M lines take about half a second
/// in a release build, 10M lines several seconds (plus hashing and writing).
pub(crate) const MIN_LINES: usize = 1_000_000;

/// A bar over the lines of the whole run, advanced by the generator's progress callback as
/// lines are made. Hidden when the run is short or stderr is not a terminal, so logs and
/// pipes never see it.
pub(crate) fn bar(total_lines: usize) -> ProgressBar {
    if total_lines < MIN_LINES || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total_lines as u64), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {human_pos}/{human_len} lines {elapsed}  {msg}")
    {
        bar.set_style(style);
    }
    // Redrawn on a timer too: hashing and writing a 10M-line file take a second or two after
    // the last line is made, and the bar should say so rather than freeze.
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}
