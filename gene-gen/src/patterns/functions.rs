//! `(fn name [params] ...)`: one-liners, multi-line bodies, recursion and early returns.

use super::Gen;
use crate::vocab::KEYS;

pub(crate) fn form(g: &mut Gen<'_>) {
    if g.rng.chance(35) {
        doc_comment(g);
    }
    let r = g.rng.below(100);
    if r < 12 {
        recursive(g);
    } else if g.rng.chance(g.lv.multi) {
        multi_line(g);
    } else {
        one_liner(g);
    }
}

/// A short comment line that reads like documentation for the next function.
fn doc_comment(g: &mut Gen<'_>) {
    g.comment_line(0);
}

fn head(g: &mut Gen<'_>) {
    g.out.push(g.rng.pick_str(&[
        "(fn ",
        "(fn ",
        "(fn ",
        "(fn ",
        "(fn ",
        "(fn ",
        "(fn ",
        "(fn ",
        "(async fn ",
    ]));
    let f = g.func_name();
    g.out.push(f);
    g.out.sp();
    g.params(3);
}

/// `(fn double [x] (x * 2))`.
fn one_liner(g: &mut Gen<'_>) {
    head(g);
    g.out.sp();
    let d = g.lv.expr_depth;
    g.expr(d);
    g.out.ch(')');
    g.nl();
}

/// A body with an optional guard clause (early return) and a final result expression.
fn multi_line(g: &mut Gen<'_>) {
    head(g);
    g.nl();
    if g.rng.chance(30) {
        // Early return guard.
        g.out.indent(1);
        g.out.push("(if ");
        g.cond(1);
        g.out.push(" (return ");
        g.atom();
        g.out.push("))");
        g.nl();
    }
    let n = g.body_len();
    let blocks = g.lv.block_depth;
    g.body(1, n, blocks);
    if g.rng.chance(40) {
        g.out.indent(1);
        let d = g.lv.expr_depth;
        g.expr(d);
        g.nl();
    }
    g.close(0, ")");
}

/// Recursion: a base case then a self call on a smaller argument.
fn recursive(g: &mut Gen<'_>) {
    g.out.push("(fn ");
    let f = g.func_name();
    g.out.push(f);
    g.out.push(" [");
    let n = g.new_var();
    g.out.push(n);
    g.out.ch(']');
    g.nl();
    match g.rng.below(3) {
        0 => {
            // (if (n <= 1) n else ((f (n - 1)) + (f (n - 2))))
            g.out.indent(1);
            g.out.push("(if (");
            g.out.push(n);
            g.out.push(g.rng.pick_str(&[" <= 1)", " < 2)", " == 0)"]));
            g.nl();
            g.out.indent(2);
            g.out.push(n);
            g.nl();
            g.out.indent(1);
            g.out.push("else");
            g.nl();
            g.out.indent(2);
            g.out.push("((");
            g.out.push(f);
            g.out.push(" (");
            g.out.push(n);
            g.out.push(" - 1)) ");
            g.out.push(g.rng.pick_str(&["+", "*", "+"]));
            g.out.push(" (");
            g.out.push(f);
            g.out.push(" (");
            g.out.push(n);
            g.out.push(" - 2)))");
            g.nl();
            g.close(1, ")");
        }
        1 => {
            // Early return on the base case, then the recursive step.
            g.out.indent(1);
            g.out.push("(if (");
            g.out.push(n);
            g.out.push(" == nil) (return 0))");
            g.nl();
            g.out.indent(1);
            g.out.push("(1 + (");
            g.out.push(f);
            g.out.sp();
            g.out.push(n);
            g.out.ch('/');
            g.out
                .push(g.rng.pick_str(&["next", "left", "right", "parent", "rest"]));
            g.out.push("))");
            g.nl();
        }
        _ => {
            g.out.indent(1);
            g.out.push("(if (");
            g.out.push(n);
            g.out.push(" .empty?)");
            g.nl();
            g.out.indent(2);
            g.out.push("(return ");
            g.out.push(g.rng.pick_str(&["0", "[]", "nil", "\"\""]));
            g.out.ch(')');
            g.nl();
            g.close(1, ")");
            g.out.indent(1);
            g.out.push("(var head (");
            g.out.push(n);
            g.out.push(" .first))");
            g.nl();
            g.out.indent(1);
            g.out.push("((head .get \"");
            g.out.push(g.rng.pick_str(KEYS));
            g.out.push("\") + (");
            g.out.push(f);
            g.out.push(" (");
            g.out.push(n);
            g.out.push(" .rest)))");
            g.nl();
        }
    }
    g.close(0, ")");
}
