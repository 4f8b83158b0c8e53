//! Comments: full-line `# ` comments at realistic density and length (mean 35 chars), section
//! headers, and the rare block comment. (Trailing comments are added by the variables pattern.)

use super::Gen;
use crate::vocab::{NOUNS, PROSE, VERBS};

const OPENERS: &[&str] = &[
    "",
    "",
    "",
    "",
    "TODO: ",
    "NOTE: ",
    "Test: ",
    "Example: ",
    "FIXME: ",
    "Step 1: ",
    "Step 2: ",
];

/// A comment block: one to four lines, sometimes a section header or a block comment.
pub(crate) fn form(g: &mut Gen<'_>) {
    let r = g.rng.below(1000);
    if r < 8 {
        block_comment(g);
    } else if r < 120 {
        g.out
            .push(g.rng.pick_str(&["# --- ", "# === ", "## ", "# "]));
        g.words(1, 3);
        g.nl();
        g.last_comment = true;
    } else {
        let n = g.rng.weighted(&[0, 50, 30, 14, 6]);
        for _ in 0..n {
            line(g, 0);
        }
    }
}

/// One `# sentence` line at indentation `ind`.
pub(crate) fn line(g: &mut Gen<'_>, ind: usize) {
    g.out.indent(ind);
    g.out.push("# ");
    g.out.push(g.rng.pick_str(OPENERS));
    sentence(g);
    g.nl();
    g.last_comment = true;
}

/// A capitalised-or-not run of 3 to 10 words, like the prose in the corpus's comments.
fn sentence(g: &mut Gen<'_>) {
    let n = g.rng.weighted(&[0, 0, 4, 10, 14, 14, 12, 9, 6, 4, 3, 2]);
    for i in 0..n {
        if i > 0 {
            g.out.sp();
        }
        let w = match g.rng.below(10) {
            0..=3 => *g.rng.pick(PROSE),
            4..=6 => *g.rng.pick(NOUNS),
            7..=8 => *g.rng.pick(VERBS),
            _ => g.any_var(),
        };
        g.out.push(w);
    }
    if g.rng.chance(30) {
        g.out.ch(*g.rng.pick(&['.', ':', '?', '!']));
    }
}

/// `#<` ... `>#` over a few lines; the text never contains `>#` or `#<`.
fn block_comment(g: &mut Gen<'_>) {
    g.out.push("#<");
    g.nl();
    let n = g.rng.range(1, 3);
    for _ in 0..n {
        g.out.indent(1);
        sentence(g);
        g.nl();
    }
    g.out.push(">#");
    g.nl();
    g.last_comment = true;
}
