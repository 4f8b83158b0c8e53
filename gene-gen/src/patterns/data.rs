//! Data structures: arrays, `{^key value}` maps (one-line and one entry per line), nested
//! structures and the rare `{{ }}` hash map.

use super::Gen;
use crate::vocab::KEYS;

pub(crate) fn form(g: &mut Gen<'_>) {
    g.out.push("(var ");
    let n = g.new_var();
    g.out.push(n);
    g.out.sp();
    let d = g.lv.expr_depth;
    match g.rng.below(100) {
        0..=27 => g.array_lit(d.saturating_sub(1)),
        28..=44 => g.map_lit(d.saturating_sub(1)),
        45..=47 => hash_map(g),
        48..=79 if g.rng.chance(g.lv.multi + 20) => multi_line_map(g, 1),
        80..=99 if g.rng.chance(g.lv.multi) => array_of_maps(g),
        _ => g.map_lit(d),
    }
    g.out.ch(')');
    g.nl();
}

/// `{{"a" 1 "b" 2}}`: items in order, any count.
fn hash_map(g: &mut Gen<'_>) {
    g.out.push("{{");
    let n = g.rng.range(1, 3);
    for i in 0..n {
        if i > 0 {
            g.out.sp();
        }
        g.str_lit();
        g.out.sp();
        g.int_lit();
    }
    g.out.push("}}");
}

/// `{` newline `^key value` per line, a nested map now and then, `}` at the opener's column.
/// The caller writes what follows the `}`.
fn multi_line_map(g: &mut Gen<'_>, ind: usize) {
    g.out.ch('{');
    g.nl();
    let n = g.rng.range(2, 5);
    let start = g.rng.below(KEYS.len());
    for i in 0..n {
        g.out.indent(ind);
        g.out.ch('^');
        g.out.push(KEYS[(start + i * 3) % KEYS.len()]);
        g.out.sp();
        if ind < 3 && g.rng.chance(12) {
            multi_line_map(g, ind + 1);
        } else {
            g.expr(1);
        }
        g.nl();
    }
    g.out.indent(ind - 1);
    g.out.ch('}');
}

/// `[` newline one small map per line `]`.
fn array_of_maps(g: &mut Gen<'_>) {
    g.out.ch('[');
    g.nl();
    let n = g.rng.range(2, 4);
    for _ in 0..n {
        g.out.indent(1);
        g.map_lit(0);
        g.nl();
    }
    g.out.ch(']');
}
