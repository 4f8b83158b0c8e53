//! Strings: plain strings with escapes, interpolated `#"..#{x}.."`, and triple-quoted text.

use super::Gen;

pub(crate) fn form(g: &mut Gen<'_>) {
    match g.rng.below(100) {
        0..=29 => {
            g.out.push("(var ");
            let n = g.new_var();
            g.out.push(n);
            g.out.sp();
            g.str_lit();
            g.out.ch(')');
        }
        30..=44 => {
            g.out
                .push(g.rng.pick_str(&["(println ", "(println ", "(print "]));
            let d = g.lv.expr_depth;
            g.istr_lit(d);
            g.out.ch(')');
        }
        45..=64 => {
            g.out
                .push(g.rng.pick_str(&["(println ", "(println ", "(print "]));
            g.str_lit();
            g.out.ch(')');
        }
        65..=74 => {
            g.out.push("(var ");
            let n = g.new_var();
            g.out.push(n);
            g.out.sp();
            let d = g.lv.expr_depth;
            g.istr_lit(d);
            g.out.ch(')');
        }
        75..=89 => {
            g.out.push("(println ");
            g.str_lit();
            g.out.sp();
            let n = g.any_var();
            g.out.push(n);
            g.out.ch(')');
        }
        90..=95 => {
            g.out.push("(var ");
            let n = g.new_var();
            g.out.push(n);
            g.out.push(" \"");
            g.out.push(g.rng.pick_str(&[
                "line one\\nline two",
                "col\\tcol",
                "say \\\"hi\\\"",
                "C:\\\\temp\\\\out",
                "caf\\u00e9",
                "a\\\\b",
            ]));
            g.out.push("\")");
        }
        _ => {
            triple_quoted(g);
            return;
        }
    }
    g.nl();
}

/// `(var doc """` newline text lines newline `""")`.
fn triple_quoted(g: &mut Gen<'_>) {
    g.out.push("(var ");
    let n = g.new_var();
    g.out.push(n);
    g.out.push(" \"\"\"");
    g.nl();
    let lines = g.rng.range(1, 4);
    for _ in 0..lines {
        g.out.indent(1);
        g.words(2, 6);
        g.nl();
    }
    g.out.push("\"\"\")");
    g.nl();
}
