//! The generator context ([`Gen`]) and one module per [`Pattern`].
//!
//! Every pattern function writes one complete top-level form (or a comment block) at column 0,
//! ending with a newline. Shared building blocks live in `expr` (single-line expressions and
//! atoms) and `stmt` (statements and multi-line blocks).

mod classes;
mod comments;
mod control;
mod data;
mod expr;
mod expressions;
mod functions;
mod literals;
mod stmt;
mod strings;
mod variables;

use crate::config::Pattern;
use crate::rng::Rng;
use crate::vocab::Vocab;
use crate::writer::Out;

/// Knobs derived from the complexity level. Every field grows (or stays) from level 1 to 5, so
/// depth and form length grow monotonically.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Level {
    /// Maximum nesting of genes inside one single-line expression.
    pub expr_depth: usize,
    /// Maximum nesting of multi-line blocks (if/while/fn...) inside one top-level form.
    pub block_depth: usize,
    /// Statements per body: inclusive range.
    pub body: (usize, usize),
    /// Members (constructor and methods) per class: inclusive range.
    pub members: (usize, usize),
    /// Percent of functions / control-flow forms / calls written over several lines.
    pub multi: u32,
    /// Percent chance, per expression slot, of nesting one level deeper.
    pub nest: u32,
}

/// Complexity 1..=5. Level 3 is tuned to match the real corpus (mean token depth 2.17, 3.05 lines
/// per top-level form).
pub(crate) const LEVELS: [Level; 5] = [
    Level {
        expr_depth: 1,
        block_depth: 1,
        body: (1, 2),
        members: (1, 2),
        multi: 25,
        nest: 20,
    },
    Level {
        expr_depth: 2,
        block_depth: 1,
        body: (1, 3),
        members: (1, 3),
        multi: 40,
        nest: 28,
    },
    Level {
        expr_depth: 2,
        block_depth: 2,
        body: (1, 4),
        members: (2, 4),
        multi: 65,
        nest: 40,
    },
    Level {
        expr_depth: 3,
        block_depth: 3,
        body: (2, 5),
        members: (2, 6),
        multi: 70,
        nest: 40,
    },
    Level {
        expr_depth: 4,
        block_depth: 4,
        body: (2, 7),
        members: (3, 8),
        multi: 85,
        nest: 46,
    },
];

/// Generator state: the random stream, the output, the vocabulary and the local scope.
pub(crate) struct Gen<'v> {
    pub rng: Rng,
    pub out: Out,
    pub v: &'v Vocab,
    pub lv: Level,
    /// Names declared in the enclosing function or block (parameters, `var`s); references prefer
    /// them so bodies read like code rather than word salad.
    pub scope: Vec<&'v str>,
    /// True when the last line written is a comment: a closer must then not be stacked onto it.
    pub last_comment: bool,
    /// Inside a class body: `/field` self access is in scope.
    pub in_class: bool,
}

impl<'v> Gen<'v> {
    pub(crate) fn new(rng: Rng, out: Out, v: &'v Vocab, complexity: u8) -> Self {
        let lv = LEVELS[usize::from(complexity.clamp(1, 5)) - 1];
        Gen {
            rng,
            out,
            v,
            lv,
            scope: Vec::with_capacity(16),
            last_comment: false,
            in_class: false,
        }
    }

    /// Writes one top-level form of pattern `p`.
    pub(crate) fn form(&mut self, p: Pattern) {
        self.scope.clear();
        self.in_class = false;
        self.last_comment = false;
        match p {
            Pattern::Functions => functions::form(self),
            Pattern::Variables => variables::form(self),
            Pattern::DataStructures => data::form(self),
            Pattern::Comments => comments::form(self),
            Pattern::Expressions => expressions::form(self),
            Pattern::ControlFlow => control::form(self),
            Pattern::Classes => classes::form(self),
            Pattern::Strings => strings::form(self),
            Pattern::Literals => literals::form(self),
        }
    }

    /// A single-line top-level statement, used to fill the last few lines exactly.
    pub(crate) fn filler(&mut self) {
        self.scope.clear();
        self.in_class = false;
        self.last_comment = false;
        self.simple_stmt(0);
    }

    /// A comment line at `ind` (used between forms and inside bodies).
    pub(crate) fn comment_line(&mut self, ind: usize) {
        comments::line(self, ind);
    }

    /// Ends the line (the caller has written the last token).
    #[inline]
    pub(crate) fn nl(&mut self) {
        self.out.nl();
        self.last_comment = false;
    }

    /// Closes a multi-line gene opened at indentation `ind`: on its own line at the opener's
    /// column (77.5% in the corpus) or stacked at the end of the last line.
    pub(crate) fn close(&mut self, ind: usize, closer: &str) {
        if self.last_comment || self.rng.chance(85) {
            self.out.indent(ind);
            self.out.push(closer);
        } else {
            self.out.unnewline();
            self.out.push(closer);
        }
        self.nl();
    }

    // ---- names -------------------------------------------------------------------------

    /// A variable reference: usually a name in scope, otherwise a common name.
    pub(crate) fn var_ref(&mut self) -> &'v str {
        if !self.scope.is_empty() && self.rng.chance(65) {
            let i = self.rng.below(self.scope.len());
            return self.scope[i];
        }
        self.any_var()
    }

    /// A name from the vocabulary, skewed toward the frequent ones.
    pub(crate) fn any_var(&mut self) -> &'v str {
        if self.rng.chance(26) {
            return self.rng.pick_str(crate::vocab::SHORT);
        }
        let v = self.v;
        &v.vars[self.rng.skewed(v.vars.len())]
    }

    /// A name for a new local, added to the scope.
    pub(crate) fn new_var(&mut self) -> &'v str {
        let name = self.any_var();
        if self.scope.len() < 12 {
            self.scope.push(name);
        }
        name
    }

    pub(crate) fn func_name(&mut self) -> &'v str {
        let v = self.v;
        &v.funcs[self.rng.skewed(v.funcs.len())]
    }

    pub(crate) fn class_name(&mut self) -> &'v str {
        let v = self.v;
        &v.classes[self.rng.skewed(v.classes.len())]
    }

    pub(crate) fn const_name(&mut self) -> &'v str {
        let v = self.v;
        &v.consts[self.rng.skewed(v.consts.len())]
    }

    /// Writes a parameter list `[a b]` and puts the names in scope. Arity 0 is common (24% of
    /// arrays in the corpus are empty, mostly parameter lists).
    pub(crate) fn params(&mut self, max: usize) {
        let n = match self.rng.below(10) {
            0..=2 => 0,
            3..=6 => 1,
            7..=8 => 2,
            _ => 3,
        }
        .min(max);
        self.out.ch('[');
        for i in 0..n {
            if i > 0 {
                self.out.sp();
            }
            let name = self.new_var();
            self.out.push(name);
        }
        self.out.ch(']');
    }
}
