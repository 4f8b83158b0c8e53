//! Statements and multi-line blocks: the bodies of functions, methods and control flow.
//!
//! Layout follows the corpus: 2 spaces per level, a multi-line gene's closer on its own line at
//! the opener's column (77.5%) or stacked, and branch keywords (`else`, `elif`, `catch`, `when`)
//! outdented to the parent form's column.

use super::Gen;
use crate::vocab::METHODS;

impl<'v> Gen<'v> {
    /// `n` statements at indentation `ind`, allowing `blocks` more levels of nested blocks.
    pub(crate) fn body(&mut self, ind: usize, n: usize, blocks: usize) {
        for i in 0..n {
            if i > 0 && self.rng.chance(6) {
                self.comment_line(ind);
            }
            self.stmt(ind, blocks);
        }
    }

    /// A body length drawn from the complexity level.
    pub(crate) fn body_len(&mut self) -> usize {
        let (lo, hi) = self.lv.body;
        self.rng.range(lo, hi)
    }

    /// One statement; a nested block with a chance that shrinks with depth.
    pub(crate) fn stmt(&mut self, ind: usize, blocks: usize) {
        if blocks > 0 && self.rng.chance(25) {
            self.block(ind, blocks - 1);
        } else {
            self.simple_stmt(ind);
        }
    }

    /// A multi-line control-flow block at `ind`.
    pub(crate) fn block(&mut self, ind: usize, blocks: usize) {
        match self.rng.below(100) {
            0..=44 => self.if_block(ind, blocks),
            45..=57 => self.for_block(ind, blocks),
            58..=67 => self.while_block(ind, blocks),
            68..=79 => self.try_block(ind, blocks),
            80..=87 => self.case_block(ind, blocks),
            _ => self.lambda_block(ind, blocks),
        }
    }

    /// One line: declaration, assignment, call, method call, return, assert, one-line `if`.
    pub(crate) fn simple_stmt(&mut self, ind: usize) {
        self.out.indent(ind);
        let d = self.lv.expr_depth;
        match self.rng.below(100) {
            0..=21 => {
                self.out.push("(var ");
                let n = self.new_var();
                self.out.push(n);
                self.out.sp();
                self.expr(d);
                self.out.ch(')');
            }
            22..=33 => {
                self.out.ch('(');
                if self.in_class && self.rng.chance(50) {
                    self.out.ch('/');
                    self.out.push(self.rng.pick_str(crate::vocab::KEYS));
                } else {
                    let n = self.var_ref();
                    self.out.push(n);
                }
                let op = *self
                    .rng
                    .pick(&[" = ", " = ", " = ", " += ", " += ", " -= "]);
                self.out.push(op);
                self.expr(d);
                self.out.ch(')');
            }
            34..=45 => {
                self.out
                    .push(self.rng.pick_str(&["(println ", "(println ", "(print "]));
                self.expr(d.saturating_sub(1));
                if self.rng.chance(50) {
                    self.out.sp();
                    self.expr(d.saturating_sub(1));
                }
                self.out.ch(')');
            }
            46..=61 => self.method_expr(d.saturating_sub(1)),
            62..=75 => self.call_expr(d.saturating_sub(1)),
            76..=82 => {
                self.out.push("(return");
                if self.rng.chance(90) {
                    self.out.sp();
                    self.expr(d);
                }
                self.out.ch(')');
            }
            83..=87 => {
                self.out.push("(if ");
                self.cond(1);
                self.out.sp();
                if self.rng.chance(60) {
                    self.out.push("(return ");
                    self.atom();
                    self.out.ch(')');
                } else {
                    self.call_expr(0);
                }
                self.out.ch(')');
            }
            88..=92 => {
                self.out.push("(assert ");
                self.cond(d.saturating_sub(1));
                self.out.ch(')');
            }
            _ => {
                self.out
                    .push(self.rng.pick_str(&["(logger ", "(log ", "(logger "]));
                self.out
                    .push(self.rng.pick_str(&[".info", ".debug", ".warn", ".error"]));
                self.out.sp();
                if self.rng.chance(50) {
                    self.istr_lit(0);
                } else {
                    self.str_lit();
                }
                self.out.ch(')');
            }
        }
        self.nl();
    }

    /// `(if cond` body [`elif` cond body] [`else` body] `)`.
    pub(crate) fn if_block(&mut self, ind: usize, blocks: usize) {
        self.out.indent(ind);
        self.out.push("(if ");
        self.cond(self.lv.expr_depth);
        self.nl();
        let n = self.body_len();
        self.body(ind + 1, n, blocks);
        if self.rng.chance(15) {
            self.out.indent(ind);
            self.out.push("elif ");
            self.cond(1);
            self.nl();
            let n = self.body_len();
            self.body(ind + 1, n, blocks);
        }
        if self.rng.chance(45) {
            self.out.indent(ind);
            self.out.push("else");
            self.nl();
            let n = self.body_len();
            self.body(ind + 1, n, blocks);
        }
        self.close(ind, ")");
    }

    /// `(for x in xs` body `)`.
    pub(crate) fn for_block(&mut self, ind: usize, blocks: usize) {
        self.out.indent(ind);
        self.out.push("(for ");
        let x = self.new_var();
        self.out.push(x);
        self.out.push(" in ");
        if self.rng.chance(20) {
            self.out.push("(range 0 ");
            let n = self.var_ref();
            self.out.push(n);
            self.out.ch(')');
        } else {
            let xs = self.var_ref();
            self.out.push(xs);
        }
        self.nl();
        let n = self.body_len();
        self.body(ind + 1, n, blocks);
        self.close(ind, ")");
    }

    /// `(while cond` body `)`.
    pub(crate) fn while_block(&mut self, ind: usize, blocks: usize) {
        self.out.indent(ind);
        self.out.push("(while ");
        self.cond(1);
        self.nl();
        let n = self.body_len();
        self.body(ind + 1, n, blocks);
        self.close(ind, ")");
    }

    /// `(try` body `catch *` body [`finally` body] `)`.
    pub(crate) fn try_block(&mut self, ind: usize, blocks: usize) {
        self.out.indent(ind);
        self.out.push("(try");
        self.nl();
        let n = self.body_len();
        self.body(ind + 1, n, blocks);
        self.out.indent(ind);
        if self.rng.chance(70) {
            self.out.push("catch *");
        } else {
            self.out.push("catch ");
            let c = self.class_name();
            self.out.push(c);
        }
        self.nl();
        if self.rng.chance(50) {
            self.out.indent(ind + 1);
            self.out.push("(println ");
            self.str_lit();
            self.out.push(" $ex)");
            self.nl();
        } else {
            let n = self.rng.range(1, 2);
            self.body(ind + 1, n, 0);
        }
        if self.rng.chance(10) {
            self.out.indent(ind);
            self.out.push("finally");
            self.nl();
            self.simple_stmt(ind + 1);
        }
        self.close(ind, ")");
    }

    /// `(case x` `when v` body ... [`else` body] `)`.
    pub(crate) fn case_block(&mut self, ind: usize, blocks: usize) {
        self.out.indent(ind);
        self.out.push("(case ");
        let x = self.var_ref();
        self.out.push(x);
        self.nl();
        let arms = self.rng.range(2, 4);
        let string_arms = self.rng.chance(50);
        for k in 0..arms {
            self.out.indent(ind);
            self.out.push("when ");
            if string_arms {
                self.str_lit();
            } else {
                self.out.int(k as i64 + self.rng.below(2) as i64);
            }
            self.nl();
            let n = self.rng.range(1, 2);
            self.body(ind + 1, n, blocks.saturating_sub(1));
        }
        if self.rng.chance(60) {
            self.out.indent(ind);
            self.out.push("else");
            self.nl();
            self.simple_stmt(ind + 1);
        }
        self.close(ind, ")");
    }

    /// `(xs .each (fn [x]` body `))`: two genes opened on one line add one indent level.
    pub(crate) fn lambda_block(&mut self, ind: usize, blocks: usize) {
        self.out.indent(ind);
        self.out.ch('(');
        let xs = self.var_ref();
        self.out.push(xs);
        self.out.sp();
        self.out.push(
            self.rng
                .pick_str(&[".each", ".map", ".filter", METHODS[20]]),
        );
        self.out.push(" (fn ");
        self.params(2);
        self.nl();
        let n = self.body_len();
        self.body(ind + 1, n, blocks);
        self.close(ind, "))");
    }
}
