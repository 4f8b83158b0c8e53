//! Assembles top-level forms into a file of exactly `target` lines.
//!
//! Forms are appended whole. When a form would overrun the target, it is cut back out (the
//! buffer is truncated to the mark taken before it) and the remaining lines are filled with
//! single-line statements, so no form is ever cut in half and the count is exact.

use crate::config::{Config, Pattern};
use crate::inject::SingleLine;
use crate::patterns::Gen;
use crate::rng::Rng;
use crate::vocab::Vocab;
use crate::writer::Out;

/// Lines between two calls of the progress callback: rare enough to cost nothing per form,
/// frequent enough for a bar to move smoothly (a 1M-line file makes 61 calls).
pub(crate) const PROGRESS_STEP: usize = 1 << 14;

/// The clean text and its single-line forms.
pub(crate) struct Built {
    pub text: String,
    pub singles: Vec<SingleLine>,
}

/// Stream ids: each concern draws from its own ChaCha stream, so that (for example) changing
/// how errors are injected never changes the clean text.
pub(crate) const STREAM_FORMS: u64 = 0;
pub(crate) const STREAM_VOCAB: u64 = 0x5EED_0000_0000_0001;
pub(crate) const STREAM_INJECT: u64 = 0x5EED_0000_0000_0002;

pub(crate) fn stream(seed: u64, id: u64) -> Rng {
    Rng::new(seed ^ id)
}

/// Builds a valid file of exactly `target` lines, calling `progress` with the number of lines
/// built so far every [`PROGRESS_STEP`] lines and once at the end. The callback draws nothing
/// from the random streams, so it cannot change the text.
pub(crate) fn build(cfg: &Config, target: usize, progress: &mut dyn FnMut(usize)) -> Built {
    let vocab = Vocab::new(&mut stream(cfg.seed, STREAM_VOCAB));
    let out = Out::with_lines(target);
    let mut g = Gen::new(stream(cfg.seed, STREAM_FORMS), out, &vocab, cfg.complexity);
    let weights = *cfg.mix.weights();
    let mut singles = Vec::with_capacity(target / 3);
    let mut first = true;
    let mut next_report = PROGRESS_STEP;
    while g.out.lines < target {
        if g.out.lines >= next_report {
            progress(g.out.lines);
            next_report = g.out.lines + PROGRESS_STEP;
        }
        let before = g.out.mark();
        if !first {
            separator(&mut g);
        }
        first = false;
        let p = Pattern::ALL[g.rng.weighted(&weights)];
        let start = g.out.mark();
        g.form(p);
        if g.out.lines > target {
            g.out.truncate(before);
            fill(&mut g, target, &mut singles);
            break;
        }
        if p != Pattern::Comments && g.out.lines_since(start) == 1 {
            let offset = Out::offset(start);
            if g.out.buf.as_bytes().get(offset) == Some(&b'(') {
                singles.push(SingleLine {
                    offset,
                    line: g.out.lines - 1,
                });
            }
        }
    }
    debug_assert_eq!(g.out.lines, target);
    progress(target);
    Built {
        text: g.out.buf,
        singles,
    }
}

/// Blank lines between top-level forms: 0 (57%), 1 (41%) or 2 (2%), close to the corpus's
/// 59 / 40 / 1.3% once blank lines inside classes are counted.
fn separator(g: &mut Gen<'_>) {
    let r = g.rng.below(100);
    let n = if r < 58 {
        0
    } else if r < 99 {
        1
    } else {
        2
    };
    for _ in 0..n {
        g.out.nl();
    }
}

/// Fills the last lines with one-line statements (and a blank line now and then).
fn fill(g: &mut Gen<'_>, target: usize, singles: &mut Vec<SingleLine>) {
    while g.out.lines < target {
        if g.out.lines > 0 && target - g.out.lines >= 2 && g.rng.chance(30) {
            g.out.nl();
        }
        let start = g.out.mark();
        g.filler();
        singles.push(SingleLine {
            offset: Out::offset(start),
            line: g.out.lines - 1,
        });
    }
}
