//! Single-line expressions and atoms. Frequencies follow the corpus profile: prefix calls 71%,
//! infix 18%, method calls 11% of genes; ints are small (0 and 1 are 42%); strings short.

use super::Gen;
use crate::vocab::{KEYS, METHODS, NAMESPACES, NOUNS, NS_FUNCS, PROSE};

/// Infix operators weighted by corpus frequency (`=` and `+=` are statements, not here).
const INFIX: &[(&str, u32)] = &[
    ("==", 30),
    ("||", 12),
    ("+", 12),
    (">", 8),
    ("&&", 5),
    ("*", 6),
    ("-", 6),
    ("!=", 5),
    ("<", 6),
    (">=", 4),
    ("<=", 3),
    ("/", 2),
    ("%", 1),
];

/// Percent of calls built by [`Gen::call_expr`] that carry properties (`(f ^key v a)`): with
/// the other genes, 1.25% of all genes as in the corpus.
const PROP_PERCENT: u32 = 6;

/// Comparison operators for conditions.
const COMPARE: &[&str] = &["==", "==", "!=", ">", "<", ">=", "<=", "=="];

/// Heads of builtin prefix calls used inside expressions.
const BUILTINS: &[&str] = &[
    "len", "str", "not", "max", "min", "abs", "first", "rest", "keys", "type_of", "to_int", "list",
    "range", "sum", "count", "new", "await", "int", "float", "concat",
];

/// The corpus's 15 most frequent ints with their counts (`literals.int_top15_values`): 86% of
/// all int literals.
const INTS: &[i64] = &[1, 0, 2, 3, 10, 5, 4, 42, 20, 200, 7, 100, -1, 6, 8];
const INT_COUNTS: &[u32] = &[
    588, 587, 305, 250, 151, 140, 115, 61, 54, 46, 43, 31, 30, 25, 21,
];

/// Operators written in prefix position (`(+ a b)`): 16% of arithmetic and comparison genes in
/// the corpus.
const PREFIX_OPS: &[&str] = &["+", "==", "<", "/", "-", "*", ">"];

impl<'v> Gen<'v> {
    /// A small integer literal.
    pub(crate) fn int_lit(&mut self) {
        // The tail beyond the top 15 follows `literals.int_abs_magnitude_hist`.
        let v = match self.rng.below(1000) {
            0..=859 => INTS[self.rng.weighted(INT_COUNTS)],
            860..=929 => self.rng.range(11, 99) as i64,
            930..=959 => self.rng.range(101, 999) as i64,
            960..=975 => self.rng.range(1_000, 9_999) as i64,
            976..=989 => self.rng.range(10_000, 999_999) as i64,
            990..=994 => self.rng.range(1_000_000, 99_999_999) as i64,
            _ => -(self.rng.range(2, 9) as i64),
        };
        self.out.int(v);
    }

    /// A short plain string (mean about 13 chars, 9% empty, 3% with an escape).
    pub(crate) fn str_lit(&mut self) {
        self.out.ch('"');
        let r = self.rng.below(100);
        if r < 9 {
            // empty string
        } else if r < 12 {
            self.words(1, 2);
            self.out
                .push(self.rng.pick_str(&["\\n", "\\t", ": \\\"", "\\\\"]));
        } else if r < 45 {
            self.words(1, 1);
        } else if r < 68 {
            self.words(2, 2);
        } else if r < 94 {
            self.words(3, 5);
        } else {
            self.words(6, 12);
            if self.rng.chance(30) {
                self.out
                    .push(self.rng.pick_str(&[":", "!", "...", "?", " -"]));
            }
        }
        self.out.ch('"');
    }

    /// `lo..=hi` words of prose separated by spaces (no quotes, `#` or backslashes).
    pub(crate) fn words(&mut self, lo: usize, hi: usize) {
        let n = self.rng.range(lo, hi);
        for i in 0..n {
            if i > 0 {
                self.out.sp();
            }
            let w = if self.rng.chance(35) {
                self.rng.pick(PROSE)
            } else {
                self.rng.pick(NOUNS)
            };
            self.out.push(w);
        }
    }

    /// An interpolated string `#"... #{x} ..."` with one to three holes.
    pub(crate) fn istr_lit(&mut self, depth: usize) {
        self.out.push("#\"");
        let holes = self.rng.weighted(&[0, 55, 30, 15]);
        // Start with text so the string never begins with a `#` that is not a hole (reference
        // quirk Q11) and never has `\"` before a hole (Q12): our text has neither.
        self.words(1, 3);
        self.out
            .push(self.rng.pick_str(&[": ", " ", " = ", " is "]));
        for h in 0..holes {
            if h > 0 {
                self.out
                    .push(self.rng.pick_str(&[", ", " and ", " / ", " of "]));
                if self.rng.chance(40) {
                    self.words(1, 2);
                    self.out.sp();
                }
            }
            self.out.push("#{");
            if depth > 0 && self.rng.chance(25) {
                self.call_expr(0);
            } else if self.rng.chance(15) {
                self.complex_sym();
            } else {
                let n = self.var_ref();
                self.out.push(n);
            }
            self.out.ch('}');
        }
        if self.rng.chance(50) {
            self.out
                .push(self.rng.pick_str(&["!", ".", " items", " ms", ")"]));
        }
        self.out.ch('"');
    }

    /// A complex symbol: namespace path, `obj/field`, `/field` or `$root/name`.
    pub(crate) fn complex_sym(&mut self) {
        let r = self.rng.below(100);
        if r < 4 || (self.in_class && r < 10) {
            self.out.ch('/');
            let k = *self.rng.pick(KEYS);
            self.out.push(k);
        } else if r < 13 {
            let c = self.class_name();
            self.out.push(c);
            self.out.ch('/');
            if self.rng.chance(40) {
                let m = *self.rng.pick(METHODS);
                self.out.push(m);
            } else {
                let k = *self.rng.pick(KEYS);
                self.out.push(k);
            }
        } else if r < 45 {
            let n = self.var_ref();
            self.out.push(n);
            self.out.ch('/');
            let k = *self.rng.pick(KEYS);
            self.out.push(k);
            if self.rng.chance(20) {
                self.out.ch('/');
                self.out.int(self.rng.below(3) as i64);
            } else if self.rng.chance(45) {
                self.out.ch('/');
                let k = *self.rng.pick(KEYS);
                self.out.push(k);
            }
        } else if r < 57 {
            self.out
                .push(self.rng.pick_str(&["$env/", "$app/", "$ns/", "$self/"]));
            let k = *self.rng.pick(KEYS);
            self.out.push(k);
        } else if r < 80 {
            let n = self.var_ref();
            self.out.push(n);
            self.out.push("/");
            let m = *self.rng.pick(METHODS);
            self.out.push(m);
        } else {
            self.out.push(self.rng.pick_str(NAMESPACES));
            self.out.ch('/');
            self.out.push(self.rng.pick_str(NS_FUNCS));
        }
    }

    /// A leaf value: mostly names, then numbers, strings, constants and complex symbols.
    pub(crate) fn atom(&mut self) {
        let r = self.rng.below(100);
        match r {
            0..=51 => {
                let n = self.var_ref();
                self.out.push(n);
            }
            52..=63 => self.int_lit(),
            64..=75 => self.str_lit(),
            76..=80 => self
                .out
                .push(self.rng.pick_str(&["nil", "true", "false", "true"])),
            81..=91 => self.complex_sym(),
            92..=94 => {
                let c = self.const_name();
                self.out.push(c);
            }
            95..=96 => self.float_lit(),
            _ => self.int_lit(),
        }
    }

    /// A float with one or two decimals (the corpus: mostly one digit, `0.0`, `2.5`, `3.14`).
    pub(crate) fn float_lit(&mut self) {
        let r = self.rng.below(10);
        if r < 3 {
            self.out.push(
                self.rng
                    .pick_str(&["0.0", "2.5", "1.0", "1.5", "0.5", "3.14", "0.3"]),
            );
        } else if r < 5 {
            self.out.push("0.0");
        } else {
            self.out
                .int(self.rng.below(if r < 9 { 10 } else { 100 }) as i64);
            self.out.ch('.');
            // One decimal digit mostly; 1.34 on average in the corpus.
            let fraction = if self.rng.chance(30) {
                self.rng.range(10, 99)
            } else {
                self.rng.range(1, 9)
            };
            self.out.int(fraction as i64);
        }
    }

    /// An expression that may nest `depth` more genes.
    pub(crate) fn expr(&mut self, depth: usize) {
        if depth == 0 || !self.rng.chance(self.lv.nest) {
            self.atom();
            return;
        }
        match self.rng.below(100) {
            0..=56 => self.call_expr(depth - 1),
            57..=68 => self.infix_expr(depth - 1),
            69..=83 => self.method_expr(depth - 1),
            84..=92 => self.array_lit(depth - 1),
            93..=98 => self.map_lit(depth - 1),
            _ => self.istr_lit(depth - 1),
        }
    }

    /// `(lhs op rhs)`.
    pub(crate) fn infix_expr(&mut self, depth: usize) {
        self.out.ch('(');
        self.expr(depth);
        self.out.sp();
        let i = self.weighted_infix();
        self.out.push(INFIX[i].0);
        self.out.sp();
        self.expr(depth);
        self.out.ch(')');
    }

    fn weighted_infix(&mut self) -> usize {
        // Sum of INFIX weights is 100.
        let mut r = self.rng.below(100) as u32;
        for (i, &(_, w)) in INFIX.iter().enumerate() {
            if r < w {
                return i;
            }
            r -= w;
        }
        0
    }

    /// A condition: a comparison, sometimes combined with `&&`/`||`, or a predicate call.
    pub(crate) fn cond(&mut self, depth: usize) {
        let r = self.rng.below(100);
        if r < 60 || depth == 0 {
            self.out.ch('(');
            let n = self.var_ref();
            self.out.push(n);
            self.out.sp();
            self.out.push(self.rng.pick_str(COMPARE));
            self.out.sp();
            self.atom();
            self.out.ch(')');
        } else if r < 75 {
            self.out.ch('(');
            self.cond(0);
            self.out.push(self.rng.pick_str(&[" && ", " || "]));
            self.cond(0);
            self.out.ch(')');
        } else if r < 88 {
            self.method_expr(depth - 1);
        } else {
            self.out.push("(not ");
            self.expr(depth - 1);
            self.out.ch(')');
        }
    }

    /// `(f a b)` with a user function, a builtin or a namespaced function as head.
    pub(crate) fn call_expr(&mut self, depth: usize) {
        self.out.ch('(');
        let r = self.rng.below(100);
        if r < 45 {
            let f = self.func_name();
            self.out.push(f);
        } else if r < 62 {
            self.out.push(self.rng.pick_str(BUILTINS));
        } else if r < 70 {
            self.out.push(self.rng.pick_str(PREFIX_OPS));
        } else if r < 92 {
            self.out.push(self.rng.pick_str(NAMESPACES));
            self.out.ch('/');
            self.out.push(self.rng.pick_str(NS_FUNCS));
        } else {
            self.out.push("new ");
            let c = self.class_name();
            self.out.push(c);
        }
        if self.rng.chance(PROP_PERCENT) {
            self.props(depth);
        }
        self.args(depth);
        self.out.ch(')');
    }

    /// Positional arguments: 2 in 55% of genes, 1 in 24% (corpus: mean 2.2).
    pub(crate) fn args(&mut self, depth: usize) {
        let n = self.rng.weighted(&[3, 25, 52, 12, 6, 2]);
        for _ in 0..n {
            self.out.sp();
            self.expr(depth);
        }
    }

    /// `(obj .method args)`.
    pub(crate) fn method_expr(&mut self, depth: usize) {
        self.out.ch('(');
        if self.rng.chance(15) {
            self.complex_sym();
        } else {
            let n = self.var_ref();
            self.out.push(n);
        }
        self.out.sp();
        let i = self.rng.skewed(METHODS.len());
        self.out.push(METHODS[i]);
        let n = self.rng.weighted(&[35, 50, 15]);
        for _ in 0..n {
            self.out.sp();
            self.expr(depth);
        }
        self.out.ch(')');
    }

    /// `[a b c]`: mean 1.5 elements, a quarter empty.
    pub(crate) fn array_lit(&mut self, depth: usize) {
        self.out.ch('[');
        let n = self.rng.weighted(&[20, 30, 25, 15, 7, 3]);
        for i in 0..n {
            if i > 0 {
                self.out.sp();
            }
            self.expr(depth);
        }
        self.out.ch(']');
    }

    /// One or two `^key value` properties of a gene (after its head; `^^flag` now and then).
    pub(crate) fn props(&mut self, depth: usize) {
        let n = 1 + usize::from(self.rng.chance(20));
        let start = self.rng.skewed(KEYS.len());
        for i in 0..n {
            self.out.sp();
            if self.rng.chance(3) {
                self.out.push("^^");
                self.out.push(KEYS[(start + i) % KEYS.len()]);
                continue;
            }
            self.out.ch('^');
            self.out.push(KEYS[(start + i) % KEYS.len()]);
            self.out.sp();
            self.expr(depth);
        }
    }

    /// `{^k v ...}` on one line (keys unique within the map).
    pub(crate) fn map_lit(&mut self, depth: usize) {
        self.out.ch('{');
        let n = self.rng.weighted(&[8, 25, 35, 20, 12]);
        let start = self.rng.skewed(KEYS.len());
        let step = 1 + self.rng.below(5);
        for i in 0..n {
            if i > 0 {
                self.out.sp();
            }
            self.out.ch('^');
            // Distinct keys: stepping through a list of 41 (a prime) with a step below it.
            self.out.push(KEYS[(start + i * step) % KEYS.len()]);
            self.out.sp();
            self.expr(depth);
        }
        self.out.ch('}');
    }
}
