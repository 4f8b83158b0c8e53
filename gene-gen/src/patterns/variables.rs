//! `(var x ...)` declarations and `(x = ...)` / `(x += ...)` assignments, with infix arithmetic
//! as real Gene code writes it (`(a - 1)`, never the date-like `a-1`).

use super::Gen;

const ARITH: &[&str] = &[" + ", " - ", " * ", " / ", " + ", " - ", " % "];

pub(crate) fn form(g: &mut Gen<'_>) {
    let d = g.lv.expr_depth;
    match g.rng.below(100) {
        0..=44 => {
            g.out.push("(var ");
            let n = g.new_var();
            g.out.push(n);
            g.out.sp();
            g.expr(d);
            g.out.ch(')');
        }
        45..=59 => {
            // Arithmetic on names and numbers, infix.
            g.out.push("(var ");
            let n = g.new_var();
            g.out.push(n);
            g.out.push(" (");
            arith_operand(g, d);
            g.out.push(g.rng.pick_str(ARITH));
            arith_operand(g, d);
            g.out.push("))");
        }
        60..=74 => {
            g.out.ch('(');
            let n = g.any_var();
            g.out.push(n);
            g.out.push(" = ");
            g.expr(d);
            g.out.ch(')');
        }
        75..=84 => {
            g.out.ch('(');
            let n = g.any_var();
            g.out.push(n);
            g.out
                .push(g.rng.pick_str(&[" += ", " += ", " -= ", " *= "]));
            if g.rng.chance(60) {
                g.int_lit();
            } else {
                let m = g.any_var();
                g.out.push(m);
            }
            g.out.ch(')');
        }
        85..=91 => {
            g.out.push("(var ");
            let c = g.const_name();
            g.out.push(c);
            g.out.sp();
            g.int_lit();
            g.out.ch(')');
        }
        _ => {
            // A declaration whose value is a call on the next line (long right-hand side).
            g.out.push("(var ");
            let n = g.new_var();
            g.out.push(n);
            g.nl();
            g.out.indent(1);
            g.call_expr(d.saturating_sub(1));
            g.out.ch(')');
        }
    }
    if g.rng.permille(15) {
        // The rare trailing comment (0.35% of code lines in the corpus).
        g.out.push(" # ");
        g.words(1, 4);
    }
    g.nl();
}

fn arith_operand(g: &mut Gen<'_>, d: usize) {
    match g.rng.below(10) {
        0..=4 => {
            let n = g.var_ref();
            g.out.push(n);
        }
        5..=6 => g.int_lit(),
        7 => g.complex_sym(),
        _ => {
            g.out.ch('(');
            let n = g.var_ref();
            g.out.push(n);
            g.out.push(g.rng.pick_str(ARITH));
            if d > 1 && g.rng.chance(30) {
                g.call_expr(0);
            } else {
                g.int_lit();
            }
            g.out.ch(')');
        }
    }
}
