//! Syntax-error injection for the error-handling benchmarks.
//!
//! # How errors are placed
//!
//! The clean file is generated first. Each injected error then *replaces* one whole line that
//! holds a complete single-line top-level form (starting with `(` at column 1) by a one-line
//! form containing exactly one error, so the line count is unchanged and every error is confined
//! to its own top-level form. The replaced lines are spread evenly over the file: the
//! candidates are cut into `N` equal runs and one line is drawn from each run.
//!
//! Errors that make the parser read past their own line (an unclosed list or map, an
//! unterminated string: they swallow everything after them) can only be the *last* error:
//! such a line is appended as the file's final line (the clean part is generated one line
//! shorter), so nothing follows it and the parser reports it at end of input.
//!
//! Every other kind is chosen so the first error the parser meets on that line is the injected
//! one, at the position given by GENE_SYNTAX.md §6.2, and so that it cannot interact with other
//! forms: stray closers only follow a complete form on the same line, strings are closed on
//! the same line, and no other form is left open.
//!
//! If the file has fewer candidate lines than requested errors, fewer are injected; the
//! returned list is always exact.

use crate::rng::Rng;
use crate::vocab::{KEYS, Vocab};

/// A kind of syntax error the generator can inject. [`name`](InjectKind::name) is the error
/// kind name of GENE_SYNTAX.md §6.2, which `gene-parser`'s `ErrorKind` follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum InjectKind {
    /// A stray `)` after a complete form, or `)` closing a `[`: `(f x))`, `(var a [b c))`.
    UnmatchedDelimiter,
    /// `^key` followed by `}`: `{^a 1 ^b}`. Reported at the `^`.
    MissingPropertyValue,
    /// A second property group in one gene: `(f x ^a 1 y ^b 2)`. Reported at the second `^`.
    MisplacedProperties,
    /// A key repeated in a map: `{^a 1 ^b 2 ^a 3}`. Reported at the second `^a`.
    DuplicateProperty,
    /// Map content that is not `^key value`: `{name 1}`. Reported at the key.
    ExpectedPropertyKey,
    /// Digits followed by a letter: `10px`. Reported at the first digit.
    UnsupportedNumber,
    /// An integer beyond i64: `99999999999999999999`.
    InvalidNumber,
    /// An integer followed by `-` that is not a date: `10-5` (subtraction written without spaces).
    InvalidDate,
    /// A char literal with two characters: `'ab'`. Reported at the opening `'`.
    InvalidChar,
    /// `\u` with fewer than four hex digits in a string. Reported at the backslash.
    InvalidEscape,
    /// An empty interpolation hole `#{}`. Reported at its `#`.
    InvalidInterpolation,
    /// A regex flag other than `i`/`m`: `#/\d+/g`. Reported at the flag.
    InvalidRegexFlag,
    /// `0x` without a hex digit: `0xZZ`. Reported at the `0`.
    InvalidHexInt,
    /// An unclosed `(` at end of input (always the last error). Reported at the `(`.
    UnterminatedList,
    /// An unclosed `{` at end of input (always the last error). Reported at the `{`.
    UnterminatedMap,
    /// An unclosed `"` at end of input (always the last error). Reported at the `"`.
    UnterminatedString,
}

impl InjectKind {
    /// Every kind.
    pub const ALL: [InjectKind; 16] = [
        InjectKind::UnmatchedDelimiter,
        InjectKind::MissingPropertyValue,
        InjectKind::MisplacedProperties,
        InjectKind::DuplicateProperty,
        InjectKind::ExpectedPropertyKey,
        InjectKind::UnsupportedNumber,
        InjectKind::InvalidNumber,
        InjectKind::InvalidDate,
        InjectKind::InvalidChar,
        InjectKind::InvalidEscape,
        InjectKind::InvalidInterpolation,
        InjectKind::InvalidRegexFlag,
        InjectKind::InvalidHexInt,
        InjectKind::UnterminatedList,
        InjectKind::UnterminatedMap,
        InjectKind::UnterminatedString,
    ];

    /// The error kind name (GENE_SYNTAX.md §6.2), e.g. `"UnmatchedDelimiter"`.
    pub fn name(self) -> &'static str {
        match self {
            InjectKind::UnmatchedDelimiter => "UnmatchedDelimiter",
            InjectKind::MissingPropertyValue => "MissingPropertyValue",
            InjectKind::MisplacedProperties => "MisplacedProperties",
            InjectKind::DuplicateProperty => "DuplicateProperty",
            InjectKind::ExpectedPropertyKey => "ExpectedPropertyKey",
            InjectKind::UnsupportedNumber => "UnsupportedNumber",
            InjectKind::InvalidNumber => "InvalidNumber",
            InjectKind::InvalidDate => "InvalidDate",
            InjectKind::InvalidChar => "InvalidChar",
            InjectKind::InvalidEscape => "InvalidEscape",
            InjectKind::InvalidInterpolation => "InvalidInterpolation",
            InjectKind::InvalidRegexFlag => "InvalidRegexFlag",
            InjectKind::InvalidHexInt => "InvalidHexInt",
            InjectKind::UnterminatedList => "UnterminatedList",
            InjectKind::UnterminatedMap => "UnterminatedMap",
            InjectKind::UnterminatedString => "UnterminatedString",
        }
    }

    /// The kind with this [`name`](InjectKind::name).
    pub fn from_name(name: &str) -> Option<InjectKind> {
        InjectKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// True for the kinds that swallow the rest of the file and are therefore placed last.
    pub fn at_end(self) -> bool {
        matches!(
            self,
            InjectKind::UnterminatedList
                | InjectKind::UnterminatedMap
                | InjectKind::UnterminatedString
        )
    }
}

/// Where an injected error is: the position the parser reports for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct InjectedError {
    /// 1-based line.
    pub line: u32,
    /// 1-based column in characters (the generated text is ASCII, so also bytes + 1).
    pub column: u32,
    /// Byte offset from the start of the file.
    pub offset: usize,
    /// What was injected.
    pub kind: InjectKind,
}

impl InjectedError {
    /// The error kind name, as [`InjectKind::name`].
    pub fn kind_name(&self) -> &'static str {
        self.kind.name()
    }
}

/// A top-level form of the clean text that occupies exactly one whole line: a candidate for
/// error injection. The driver collects them while it builds the text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct SingleLine {
    /// Byte offset of the line start.
    pub offset: usize,
    /// 0-based line index.
    pub line: usize,
}

/// The injection decided before generation: how many inline errors, of which kinds, and which
/// end error.
///
/// The inline kinds are not listed but computed by [`Plan::inline_kind`], so that a request
/// for billions of errors costs nothing before [`apply`] caps it at the candidate lines.
pub(crate) struct Plan {
    /// The inline kinds of the set, cycled from `offset`.
    kinds: Vec<InjectKind>,
    offset: usize,
    /// Number of inline errors asked for (before capping at the candidate lines).
    pub inline_count: usize,
    pub end: Option<InjectKind>,
}

impl Plan {
    /// The kind of the `i`th inline error (`i` is below the number of candidate lines, so
    /// the sum cannot overflow).
    fn inline_kind(&self, i: usize) -> InjectKind {
        self.kinds[(self.offset + i) % self.kinds.len()]
    }
}

/// Chooses the kinds. `kinds` empty means all. Inline kinds are cycled from a random start;
/// the final error is an end-of-input kind with probability 1/2 when the set allows it
/// (always when the set only has end-of-input kinds).
pub(crate) fn plan(rng: &mut Rng, errors: usize, kinds: &[InjectKind]) -> Plan {
    let kinds: &[InjectKind] = if kinds.is_empty() {
        &InjectKind::ALL
    } else {
        kinds
    };
    let inline: Vec<InjectKind> = kinds.iter().copied().filter(|k| !k.at_end()).collect();
    let ends: Vec<InjectKind> = kinds.iter().copied().filter(|k| k.at_end()).collect();
    if errors == 0 {
        return Plan {
            kinds: Vec::new(),
            offset: 0,
            inline_count: 0,
            end: None,
        };
    }
    let end = if !ends.is_empty() && (inline.is_empty() || rng.chance(50)) {
        Some(*rng.pick(&ends))
    } else {
        None
    };
    let n_inline = if inline.is_empty() {
        0
    } else {
        errors - usize::from(end.is_some())
    };
    let off = if inline.is_empty() {
        0
    } else {
        rng.below(inline.len())
    };
    Plan {
        kinds: inline,
        offset: off,
        inline_count: n_inline,
        end,
    }
}

/// Replaces evenly spread single-line forms of `text` by error lines and appends the end
/// error, if any. Returns the new text and the exact error positions, in file order.
pub(crate) fn apply(
    rng: &mut Rng,
    vocab: &Vocab,
    text: &str,
    singles: &[SingleLine],
    plan: &Plan,
) -> (String, Vec<InjectedError>) {
    let k = plan.inline_count.min(singles.len());
    let mut chosen = Vec::with_capacity(k);
    for b in 0..k {
        let lo = b * singles.len() / k;
        let hi = (b + 1) * singles.len() / k;
        chosen.push(singles[rng.range(lo, hi - 1)]);
    }
    let mut out = String::with_capacity(text.len() + 64 * k + 64);
    let mut errors = Vec::with_capacity(k + 1);
    let mut prev = 0;
    for (i, s) in chosen.iter().enumerate() {
        out.push_str(&text[prev..s.offset]);
        let line_start = out.len();
        let kind = plan.inline_kind(i);
        let col = error_line(rng, vocab, kind, &mut out);
        errors.push(InjectedError {
            line: (s.line + 1) as u32,
            column: (col + 1) as u32,
            offset: line_start + col,
            kind,
        });
        // Skip the original line, keep its newline.
        prev = text[s.offset..]
            .find('\n')
            .map_or(text.len(), |n| s.offset + n);
    }
    out.push_str(&text[prev..]);
    if let Some(kind) = plan.end {
        let line = out.bytes().filter(|&b| b == b'\n').count();
        let line_start = out.len();
        let col = error_line(rng, vocab, kind, &mut out);
        out.push('\n');
        errors.push(InjectedError {
            line: (line + 1) as u32,
            column: (col + 1) as u32,
            offset: line_start + col,
            kind,
        });
    }
    (out, errors)
}

/// Writes one line (without its newline) containing exactly one error of `kind`; returns the
/// 0-based byte column of the position the parser must report.
fn error_line(rng: &mut Rng, vocab: &Vocab, kind: InjectKind, out: &mut String) -> usize {
    let start = out.len();
    let name = vocab.vars[rng.skewed(vocab.vars.len())].as_str();
    let other = vocab.vars[rng.below(vocab.vars.len())].as_str();
    let func = vocab.funcs[rng.skewed(vocab.funcs.len())].as_str();
    let k1 = rng.below(KEYS.len());
    let key1 = KEYS[k1];
    let key2 = KEYS[(k1 + 1 + rng.below(KEYS.len() - 1)) % KEYS.len()];
    let mut at = 0;
    let mut mark = |out: &mut String| at = out.len() - start;
    match kind {
        InjectKind::UnmatchedDelimiter => {
            if rng.chance(50) {
                out.push_str("(println ");
                out.push_str(name);
                out.push(')');
                mark(out);
                out.push(')');
            } else {
                out.push_str("(var ");
                out.push_str(name);
                out.push_str(" [");
                out.push_str(other);
                out.push_str(" 1");
                mark(out);
                out.push_str("))");
            }
        }
        InjectKind::MissingPropertyValue => {
            out.push_str("(var ");
            out.push_str(name);
            out.push_str(" {^");
            out.push_str(key1);
            out.push_str(" 1 ");
            mark(out);
            out.push('^');
            out.push_str(key2);
            out.push_str("})");
        }
        InjectKind::MisplacedProperties => {
            out.push('(');
            out.push_str(func);
            out.push(' ');
            out.push_str(name);
            out.push_str(" ^");
            out.push_str(key1);
            out.push_str(" 1 ");
            out.push_str(other);
            out.push(' ');
            mark(out);
            out.push('^');
            out.push_str(key2);
            out.push_str(" 2)");
        }
        InjectKind::DuplicateProperty => {
            out.push_str("(var ");
            out.push_str(name);
            out.push_str(" {^");
            out.push_str(key1);
            out.push_str(" 1 ^");
            out.push_str(key2);
            out.push_str(" 2 ");
            mark(out);
            out.push('^');
            out.push_str(key1);
            out.push_str(" 3})");
        }
        InjectKind::ExpectedPropertyKey => {
            out.push_str("(var ");
            out.push_str(name);
            out.push_str(" {");
            mark(out);
            out.push_str(key1);
            out.push_str(" \"");
            out.push_str(other);
            out.push_str("\"})");
        }
        InjectKind::UnsupportedNumber => {
            out.push_str("(var ");
            out.push_str(name);
            out.push(' ');
            mark(out);
            out.push_str(["10px", "2kg", "500ms", "2.5kg", "3x"][rng.below(5)]);
            out.push(')');
        }
        InjectKind::InvalidNumber => {
            out.push_str("(var ");
            out.push_str(name);
            out.push(' ');
            mark(out);
            out.push_str("99999999999999999999)");
        }
        InjectKind::InvalidDate => {
            out.push_str("(var ");
            out.push_str(name);
            out.push(' ');
            mark(out);
            out.push_str(["10-5", "1-2", "24-01-01", "100-1"][rng.below(4)]);
            out.push(')');
        }
        InjectKind::InvalidChar => {
            out.push_str("(var ");
            out.push_str(name);
            out.push(' ');
            mark(out);
            out.push_str("'ab')");
        }
        InjectKind::InvalidEscape => {
            out.push_str("(println \"");
            out.push_str(name);
            out.push(' ');
            mark(out);
            out.push_str("\\u12 end\")");
        }
        InjectKind::InvalidInterpolation => {
            out.push_str("(println #\"");
            out.push_str(name);
            out.push_str(": ");
            mark(out);
            out.push_str("#{}\")");
        }
        InjectKind::InvalidRegexFlag => {
            out.push_str("(var ");
            out.push_str(name);
            out.push_str(" #/\\d+/");
            mark(out);
            out.push_str("g)");
        }
        InjectKind::InvalidHexInt => {
            out.push_str("(var ");
            out.push_str(name);
            out.push(' ');
            mark(out);
            out.push_str("0xZZ)");
        }
        InjectKind::UnterminatedList => {
            mark(out);
            out.push_str("(println ");
            out.push_str(name);
        }
        InjectKind::UnterminatedMap => {
            mark(out);
            out.push_str("{^");
            out.push_str(key1);
            out.push_str(" 1 ^");
            out.push_str(key2);
            out.push_str(" \"");
            out.push_str(other);
            out.push('"');
        }
        InjectKind::UnterminatedString => {
            out.push_str("(println ");
            mark(out);
            out.push('"');
            out.push_str(name);
            out.push_str(" is");
        }
    }
    at
}
