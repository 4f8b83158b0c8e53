//! Top-level expression statements: `println`/`assert` lines, nested calls, infix operators,
//! method calls `(obj .method args)` and complex symbols, plus the occasional call whose
//! arguments go one per line.

use super::Gen;

pub(crate) fn form(g: &mut Gen<'_>) {
    let d = g.lv.expr_depth;
    match g.rng.below(100) {
        0..=27 => {
            g.out.push("(println ");
            g.expr(d);
            if g.rng.chance(30) {
                g.out.sp();
                g.expr(d.saturating_sub(1));
            }
            g.out.ch(')');
            g.nl();
        }
        28..=47 => {
            g.out.push("(assert (");
            g.expr(d.saturating_sub(1));
            g.out
                .push(g.rng.pick_str(&[" == ", " == ", " == ", " != ", " > "]));
            g.atom();
            g.out.push("))");
            g.nl();
        }
        48..=64 => {
            g.method_expr(d.saturating_sub(1));
            g.nl();
        }
        65..=79 => {
            g.call_expr(d.saturating_sub(1));
            g.nl();
        }
        80..=85 => {
            g.out.push("(import ");
            let n = g.func_name();
            g.out.push(n);
            if g.rng.chance(50) {
                g.out.sp();
                let m = g.func_name();
                g.out.push(m);
            }
            g.out.push(" from \"");
            g.out
                .push(g.rng.pick_str(&["./", "../lib/", "std/", "app/"]));
            let m = g.any_var();
            g.out.push(m);
            g.out.push("\")");
            g.nl();
        }
        86..=91 if g.rng.chance(g.lv.multi) => multi_line_call(g),
        _ => {
            g.infix_expr(d.saturating_sub(1));
            g.nl();
        }
    }
}

/// `(f` newline one argument per line newline `)`.
fn multi_line_call(g: &mut Gen<'_>) {
    g.out.ch('(');
    let f = g.func_name();
    g.out.push(f);
    g.nl();
    let n = g.rng.range(2, 4);
    let d = g.lv.expr_depth;
    for _ in 0..n {
        g.out.indent(1);
        g.expr(d);
        g.nl();
    }
    g.close(0, ")");
}
