//! `(class Name < Base ...)` with a constructor setting `/fields`, methods using `/field`
//! access, and the rare class property (`^final true`).

use super::Gen;
use crate::vocab::KEYS;

pub(crate) fn form(g: &mut Gen<'_>) {
    g.in_class = true;
    if g.rng.chance(40) {
        g.comment_line(0);
    }
    g.out.push("(class ");
    let c = g.class_name();
    g.out.push(c);
    if g.rng.chance(40) {
        g.out.push(" < ");
        let b = g.class_name();
        g.out.push(b);
    }
    if g.rng.chance(8) {
        g.out.push(" ^final true");
    }
    g.nl();
    let (lo, hi) = g.lv.members;
    let members = g.rng.range(lo, hi);
    let fields = ctor(g);
    for _ in 1..members {
        if g.rng.chance(60) {
            g.out.nl();
        }
        method(g, &fields);
    }
    g.close(0, ")");
}

/// `(ctor [a b]` one `(/a = a)` per parameter `)`. Returns the field names.
fn ctor(g: &mut Gen<'_>) -> Vec<&'static str> {
    g.out.indent(1);
    g.out.push("(ctor [");
    let n = g.rng.range(1, 3);
    let start = g.rng.below(KEYS.len());
    let fields: Vec<&'static str> = (0..n).map(|i| KEYS[(start + i * 7) % KEYS.len()]).collect();
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            g.out.sp();
        }
        g.out.push(f);
    }
    g.out.ch(']');
    g.nl();
    for f in &fields {
        g.out.indent(2);
        g.out.push("(/");
        g.out.push(f);
        g.out.push(" = ");
        g.out.push(f);
        g.out.ch(')');
        g.nl();
    }
    g.close(1, ")");
    fields
}

/// `(method name [params]` body `)`, or a one-line getter.
fn method(g: &mut Gen<'_>, fields: &[&'static str]) {
    g.scope.clear();
    g.out.indent(1);
    g.out.push("(method ");
    let m = g.func_name();
    g.out.push(m);
    g.out.sp();
    if g.rng.chance(25) {
        g.out.push("[] /");
        g.out.push(g.rng.pick_str(fields));
        g.out.ch(')');
        g.nl();
        return;
    }
    g.params(2);
    g.nl();
    let n = g.body_len();
    let blocks = g.lv.block_depth.saturating_sub(1);
    g.body(2, n, blocks);
    g.close(1, ")");
}
