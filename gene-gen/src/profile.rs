//! Realism metrics: a small scanner that follows the reference reader's token rules, and the
//! metrics of `corpus_profile.json` computed from its tokens, with the same names.
//!
//! Method (as in CORPUS_PROFILE.md): a line is blank if it holds only spaces, tabs or commas,
//! comment-only if it holds comments and no code token, code otherwise. Token depth counts the
//! enclosing open delimiters (an opener and its closer sit at the outer depth); comments are
//! not tokens for depth or per-line counts, and tokens inside `#{}` holes of interpolated
//! strings are not counted separately. Percentiles are nearest-rank. This scanner does not
//! validate: on malformed input it still produces numbers.

use std::collections::HashSet;

use crate::shape::{self, Kind, Shape, count};

/// The metrics of one source. Field names follow the JSON paths of `corpus_profile.json`
/// (`size.bytes_per_line.mean` becomes `bytes_per_line_mean`); [`Profile::metrics`] lists them
/// under their full JSON path.
#[derive(Clone, Debug, PartialEq)]
pub struct Profile {
    /// `size.total_lines`.
    pub total_lines: usize,
    /// `size.total_bytes`.
    pub total_bytes: usize,
    /// `size.bytes_per_line.mean` (line terminator excluded).
    pub bytes_per_line_mean: f64,
    /// `size.bytes_per_line.p50`.
    pub bytes_per_line_p50: usize,
    /// `size.bytes_per_line.p90`.
    pub bytes_per_line_p90: usize,
    /// `size.line_length_over_80_share`.
    pub line_length_over_80_share: f64,
    /// `size.distinct_nonblank_line_share`.
    pub distinct_nonblank_line_share: f64,
    /// `lines.blank_fraction`.
    pub blank_fraction: f64,
    /// `lines.comment_only_fraction`.
    pub comment_only_fraction: f64,
    /// `lines.code_fraction`.
    pub code_fraction: f64,
    /// `lines.closer_only_line_fraction_of_code_lines`.
    pub closer_only_line_fraction_of_code_lines: f64,
    /// `tokens.total_excluding_comments`.
    pub code_tokens: usize,
    /// `tokens.code_tokens_per_code_line`.
    pub code_tokens_per_code_line: f64,
    /// `nesting.mean_token_depth`.
    pub mean_token_depth: f64,
    /// `nesting.token_depth_p90`.
    pub token_depth_p90: usize,
    /// `nesting.token_depth_share`: share of code tokens at depth 0, 1, 2, ...
    pub token_depth_share: Vec<f64>,
    /// Maximum token depth (`nesting.max_depth_per_file.max` for one file).
    pub max_depth: usize,
    /// `forms.top_level_forms`.
    pub top_level_forms: usize,
    /// `forms.lines_per_top_level_form.mean`.
    pub lines_per_top_level_form_mean: f64,
    /// `forms.lines_per_top_level_form.p50`.
    pub lines_per_top_level_form_p50: usize,
    /// `forms.lines_per_top_level_form.p90`.
    pub lines_per_top_level_form_p90: usize,
    /// `forms.genes_total`.
    pub genes_total: usize,
    /// `forms.gene_call_shape_share.prefix_call`.
    pub prefix_call_share: f64,
    /// `forms.gene_call_shape_share.infix_operator`.
    pub infix_operator_share: f64,
    /// `forms.gene_call_shape_share.method_call`.
    pub method_call_share: f64,
    /// `forms.multiline_gene_share`.
    pub multiline_gene_share: f64,
    /// `identifiers.complex_symbol_share_of_all_symbols`.
    pub complex_symbol_share_of_all_symbols: f64,
    /// `identifiers.identifier_length.mean` (plain identifiers and `.method` names, dot excluded).
    pub identifier_length_mean: f64,
    /// `identifiers.identifier_length.p50`.
    pub identifier_length_p50: usize,
    /// `identifiers.identifier_length.p90`.
    pub identifier_length_p90: usize,
    /// `identifiers.unique_identifier_count`.
    pub unique_identifier_count: usize,
    /// `strings.interpolated_share` (of all strings).
    pub interpolated_share: f64,
    /// `literals.numeric_tokens`.
    pub numeric_tokens: usize,
    /// Numeric literals as a share of code tokens (`share_by_kind` int + float + number_other).
    pub numeric_token_share: f64,
    /// `literals.int_share` (of numeric literals).
    pub int_share: f64,
    /// `literals.float_share`.
    pub float_share: f64,
    /// `literals.other_number_share` (dates, times, byte literals).
    pub other_number_share: f64,
    /// The counts behind the whole distributions (histograms, shares, top-name lists), compared
    /// with the real corpus by the `distributions` module.
    pub shape: Shape,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Open {
    Paren,
    Bracket,
    Brace,
    HashMap,
}

/// What the first two elements of a gene were, for its call shape.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Elem {
    None,
    Paren,
    Symbol,
    Complex,
    Operator,
    Method,
    Other,
}

struct Frame<'a> {
    open: Open,
    line: usize,
    elems: u32,
    head: Elem,
    second: Elem,
    head_name: &'a [u8],
    second_name: &'a [u8],
    /// `^key` tokens directly inside (map entries for a brace).
    props: u32,
    /// The next item is a property value, not a positional element.
    skip_value: bool,
}

#[derive(Default)]
struct Counts {
    code_tokens: usize,
    depth_sum: usize,
    depth_hist: Vec<usize>,
    genes: usize,
    prefix: usize,
    infix: usize,
    method: usize,
    multiline_genes: usize,
    symbols: usize,
    complex: usize,
    ident_len_hist: Vec<usize>,
    strings: usize,
    istrings: usize,
    ints: usize,
    floats: usize,
    other_numbers: usize,
    form_lines: Vec<usize>,
    shape: Shape,
    /// First and last line of each top-level form.
    form_spans: Vec<(usize, usize)>,
}

/// Measures `src` (any bytes; Gene source expected).
pub fn profile(src: &[u8]) -> Profile {
    let mut s = Scanner::new(src);
    s.run();
    s.finish()
}

struct Scanner<'a> {
    src: &'a [u8],
    pos: usize,
    line: usize,
    /// Per line: 1 = has code, 2 = has comment.
    line_flags: Vec<u8>,
    /// Per line: count of code tokens starting on it.
    line_tokens: Vec<u32>,
    /// Per line: number of closer tokens starting on it.
    line_closers: Vec<u32>,
    /// Per line: closers since the last other code token on it.
    line_run: Vec<u32>,
    /// Per line: depth of its first code token (`u32::MAX` when none).
    line_depth: Vec<u32>,
    stack: Vec<Frame<'a>>,
    form_start: Option<usize>,
    idents: HashSet<&'a [u8]>,
    c: Counts,
}

fn is_terminator(b: u8) -> bool {
    matches!(
        b,
        b' ' | b'\t'
            | b'\n'
            | b'\r'
            | 0x0B
            | 0x0C
            | b','
            | b';'
            | b'"'
            | b'`'
            | b'%'
            | b'('
            | b')'
            | b'['
            | b']'
            | b'{'
            | b'}'
    )
}

fn is_operator(sym: &[u8]) -> bool {
    !sym.is_empty()
        && sym.iter().all(|b| b"=<>!+-*/%&|?.~^:".contains(b))
        && !(sym.len() > 1 && sym[0] == b'.' && sym.iter().all(|&b| b == b'.'))
        || sym == b".."
}

fn percentile(hist: &[usize], p: f64) -> usize {
    let n: usize = hist.iter().sum();
    if n == 0 {
        return 0;
    }
    let rank = ((p * n as f64).ceil() as usize).max(1);
    let mut acc = 0;
    for (v, &c) in hist.iter().enumerate() {
        acc += c;
        if acc >= rank {
            return v;
        }
    }
    hist.len() - 1
}

use shape::bump;

/// Characters (not bytes) of UTF-8 text.
fn chars(text: &[u8]) -> usize {
    text.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

impl<'a> Scanner<'a> {
    fn new(src: &'a [u8]) -> Self {
        let lines = src.iter().filter(|&&b| b == b'\n').count() + 1;
        Scanner {
            src,
            pos: 0,
            line: 0,
            line_flags: vec![0; lines],
            line_tokens: vec![0; lines],
            line_closers: vec![0; lines],
            line_run: vec![0; lines],
            line_depth: vec![u32::MAX; lines],
            stack: Vec::new(),
            form_start: None,
            idents: HashSet::new(),
            c: Counts::default(),
        }
    }

    fn peek(&self, k: usize) -> u8 {
        self.src.get(self.pos + k).copied().unwrap_or(0)
    }

    /// Advances one byte, counting LF, CR and CRLF as one line break.
    fn bump(&mut self) {
        let b = self.src[self.pos];
        self.pos += 1;
        if b == b'\n' || (b == b'\r' && self.peek(0) != b'\n') {
            self.line += 1;
            if self.line >= self.line_flags.len() {
                self.line_flags.push(0);
                self.line_tokens.push(0);
                self.line_closers.push(0);
                self.line_run.push(0);
                self.line_depth.push(u32::MAX);
            }
        }
    }

    fn at_end(&self) -> bool {
        self.pos >= self.src.len()
    }

    fn run(&mut self) {
        while !self.at_end() {
            let b = self.peek(0);
            match b {
                b' ' | b'\t' | b',' | b'\n' | b'\r' | 0x0B | 0x0C | 0 => self.bump(),
                b'#' => self.hash(),
                _ => self.item_start(),
            }
        }
    }

    fn hash(&mut self) {
        match self.peek(1) {
            b' ' | b'!' | b'#' | b'\n' | b'\r' | 0 => {
                self.line_flags[self.line] |= 2;
                self.c.shape.token_kinds[Kind::Comment as usize] += 1;
                let marker = match self.peek(1) {
                    b' ' => 0,
                    b'!' => 1,
                    _ => 2,
                };
                self.c.shape.comment_markers[marker] += 1;
                let start = self.pos;
                while !self.at_end() && self.peek(0) != b'\n' && self.peek(0) != b'\r' {
                    self.pos += 1;
                }
                self.c.shape.comment_chars += chars(&self.src[start..self.pos]);
            }
            b'<' => {
                self.c.shape.token_kinds[Kind::Comment as usize] += 1;
                self.block_comment();
            }
            _ => self.item_start(),
        }
    }

    fn block_comment(&mut self) {
        self.line_flags[self.line] |= 2;
        self.pos += 2;
        while !self.at_end() {
            // The `<` of the opener may precede the `>`, so `#<>#` is a complete comment.
            if self.peek(0) == b'>' && self.peek(1) == b'#' && self.src[self.pos - 1] != b'>' {
                self.pos += 2;
                return;
            }
            self.bump();
            self.line_flags[self.line] |= 2;
        }
    }

    /// Records a code token of `kind` starting at `line` at the current depth.
    fn token(&mut self, line: usize, depth: usize, kind: Kind) {
        self.c.shape.token_kinds[kind as usize] += 1;
        if matches!(
            kind,
            Kind::CloseParen | Kind::CloseBracket | Kind::CloseBrace
        ) {
            self.line_run[line] += 1;
        } else {
            self.line_run[line] = 0;
        }
        if self.line_tokens[line] == 0 {
            self.line_depth[line] = depth as u32;
        }
        self.c.code_tokens += 1;
        self.c.depth_sum += depth;
        bump(&mut self.c.depth_hist, depth);
        self.line_tokens[line] += 1;
        for l in line..=self.line {
            self.line_flags[l] |= 1;
        }
    }

    /// Counts an item (not a closer, not a property key) as an element of the enclosing gene.
    fn element(&mut self, kind: Elem, text: &'a [u8]) {
        if self.stack.is_empty() {
            return;
        }
        let f = self.stack.last_mut().expect("non-empty");
        if f.skip_value {
            f.skip_value = false;
            return;
        }
        if f.open != Open::Paren {
            f.elems += 1;
            return;
        }
        match f.elems {
            0 => {
                f.head = kind;
                f.head_name = text;
            }
            1 => {
                f.second = kind;
                f.second_name = text;
            }
            _ => {}
        }
        f.elems += 1;
    }

    fn item_start(&mut self) {
        let line = self.line;
        let depth = self.stack.len();
        let b = self.peek(0);
        // Top-level forms start with an item at depth 0.
        let top = depth == 0 && !matches!(b, b')' | b']' | b'}' | b'`' | b'%' | b';');
        if top {
            self.form_start = Some(line);
        }
        // A container opener, plain or frozen (`#` first): `open` steps over either.
        if let Some(open) = self.opener_at(usize::from(b == b'#')) {
            self.open(open, line, depth);
            return;
        }
        let kind = match b {
            b')' | b']' | b'}' => {
                self.close();
                return;
            }
            b'"' => {
                self.string(false);
                self.c.strings += 1;
                self.element(Elem::Other, b"");
                Kind::Str
            }
            b'#' if self.peek(1) == b'"' => {
                self.pos += 1;
                self.string(true);
                self.c.strings += 1;
                self.c.istrings += 1;
                self.element(Elem::Other, b"");
                Kind::IStr
            }
            b'#' if self.peek(1) == b'/' => {
                self.regex();
                self.element(Elem::Other, b"");
                Kind::Regex
            }
            b'\'' => {
                self.char_lit();
                self.element(Elem::Other, b"");
                Kind::Char
            }
            b'`' | b'%'
                if !(b == b'%' && (is_terminator(self.peek(1)) || self.peek(1) == b'=')) =>
            {
                self.pos += 1;
                if self.peek(0) == b'_' {
                    self.pos += 1;
                }
                Kind::Other
            }
            b';' => {
                self.pos += 1;
                Kind::Other
            }
            b'0'..=b'9' => self.number(),
            b'+' | b'-' if self.peek(1).is_ascii_digit() => self.number(),
            b'^' if depth == 0
                || self
                    .stack
                    .last()
                    .is_some_and(|f| matches!(f.open, Open::Paren | Open::Brace)) =>
            {
                self.prop_key();
                Kind::PropKey
            }
            _ => self.symbol(),
        };
        if top {
            let head: &[u8] = match kind {
                Kind::PropKey => b"<document_property>",
                Kind::Complex => b"<atom:complex_symbol>",
                Kind::Symbol => b"<atom:symbol>",
                Kind::Str => b"<atom:string>",
                Kind::Int | Kind::Float => b"<atom:number>",
                _ => b"<atom:other>",
            };
            count(&mut self.c.shape.top_level_heads, head);
        }
        self.token(line, depth, kind);
        if top && self.stack.is_empty() {
            self.end_form();
        }
    }

    /// A `^key`, `^^flag` or `^!flag`: a property of the enclosing gene or map, or of the
    /// document at top level.
    fn prop_key(&mut self) {
        let flag = matches!(self.peek(1), b'^' | b'!');
        let key = self.symbol_bytes();
        let name = &key[if flag { 2 } else { 1 }.min(key.len())..];
        count(&mut self.c.shape.prop_names, name);
        let at = match self.stack.last_mut() {
            None => 2,
            Some(f) => {
                f.props += 1;
                f.skip_value = !flag;
                usize::from(f.open != Open::Paren)
            }
        };
        self.c.shape.prop_locations[at] += 1;
    }

    fn end_form(&mut self) {
        if let Some(start) = self.form_start.take() {
            self.c.form_lines.push(self.line - start + 1);
            self.c.form_spans.push((start, self.line));
        }
    }

    /// The container that a `(`, `[`, `{` or `{{` at `k` bytes ahead opens.
    fn opener_at(&self, k: usize) -> Option<Open> {
        match self.peek(k) {
            b'(' => Some(Open::Paren),
            b'[' => Some(Open::Bracket),
            b'{' if self.peek(k + 1) == b'{' => Some(Open::HashMap),
            b'{' => Some(Open::Brace),
            _ => None,
        }
    }

    fn open(&mut self, open: Open, line: usize, depth: usize) {
        let frozen = self.peek(0) == b'#';
        self.pos += usize::from(frozen) + if open == Open::HashMap { 2 } else { 1 };
        let (elem, kind) = match open {
            Open::Paren => (Elem::Paren, Kind::OpenParen),
            Open::Bracket => (Elem::Other, Kind::OpenBracket),
            Open::Brace | Open::HashMap => (Elem::Other, Kind::OpenBrace),
        };
        self.element(elem, b"");
        self.token(line, depth, kind);
        self.stack.push(Frame {
            open,
            line,
            elems: 0,
            head: Elem::None,
            second: Elem::None,
            head_name: b"",
            second_name: b"",
            props: 0,
            skip_value: false,
        });
    }

    fn close(&mut self) {
        let line = self.line;
        let b = self.peek(0);
        let frame = self.stack.pop();
        let width = if b == b'}'
            && frame.as_ref().is_some_and(|f| f.open == Open::HashMap)
            && self.peek(1) == b'}'
        {
            2
        } else {
            1
        };
        self.pos += width;
        let depth = self.stack.len();
        let own_line = self.line_tokens[line] == 0;
        let kind = match b {
            b')' => Kind::CloseParen,
            b']' => Kind::CloseBracket,
            _ => Kind::CloseBrace,
        };
        self.token(line, depth, kind);
        self.line_closers[line] += 1;
        if let Some(f) = frame {
            match f.open {
                Open::Paren => self.gene(&f, line, own_line),
                Open::Bracket => {
                    let a = &mut self.c.shape.arrays;
                    a[0] += 1;
                    a[1] += f.elems as usize;
                    a[2] += usize::from(f.elems == 0);
                    a[3] += usize::from(f.line != line);
                }
                Open::Brace | Open::HashMap => {
                    let m = &mut self.c.shape.maps;
                    let entries = (f.props + f.elems) as usize;
                    m[0] += 1;
                    m[1] += entries;
                    m[2] += usize::from(entries == 0);
                    m[3] += usize::from(f.line != line);
                }
            }
            if depth == 0 {
                if f.open == Open::Paren {
                    let head: &[u8] = match f.head {
                        Elem::Paren => b"<open_paren>",
                        Elem::None => b"<empty>",
                        Elem::Other => b"<other>",
                        _ => f.head_name,
                    };
                    count(&mut self.c.shape.top_level_heads, head);
                } else {
                    count(&mut self.c.shape.top_level_heads, b"<container>");
                }
                self.end_form();
            }
        }
    }

    /// Counts a closed gene: its call shape, head, arguments, properties and lines.
    fn gene(&mut self, f: &Frame<'a>, line: usize, closer_own_line: bool) {
        let sh = &mut self.c.shape;
        self.c.genes += 1;
        sh.gene_lines += line - f.line + 1;
        if f.line != line {
            self.c.multiline_genes += 1;
            sh.multiline_closer_own_line += usize::from(closer_own_line);
        }
        let call = if f.elems >= 2 && f.second == Elem::Operator {
            self.c.infix += 1;
            shape::count(&mut sh.infix_operators, f.second_name);
            1
        } else if f.elems >= 2 && f.second == Elem::Method {
            self.c.method += 1;
            shape::count(&mut sh.method_names, f.second_name);
            2
        } else if matches!(
            f.head,
            Elem::Symbol | Elem::Complex | Elem::Operator | Elem::Method
        ) {
            self.c.prefix += 1;
            shape::count(&mut sh.prefix_heads, f.head_name);
            0
        } else if f.elems == 0 {
            4
        } else {
            3
        };
        sh.call_shapes[call] += 1;
        if call == 1 && shape::is_arith_compare(f.second_name) {
            sh.arith_position[1] += 1;
        } else if f.head == Elem::Operator && shape::is_arith_compare(f.head_name) {
            sh.arith_position[0] += 1;
        }
        if f.elems > 0 {
            let head = match f.head {
                Elem::Symbol | Elem::Operator | Elem::Method => 0,
                Elem::Complex => 1,
                Elem::Paren => 2,
                _ => 3,
            };
            sh.head_kinds[head] += 1;
        }
        shape::bump(&mut sh.positional_args, f.elems.saturating_sub(1) as usize);
        if f.props > 0 {
            sh.genes_with_props += 1;
            sh.props_in_genes += f.props as usize;
        }
    }

    /// A token up to the next terminator, with `\` escapes. Returns its bytes.
    fn symbol_bytes(&mut self) -> &'a [u8] {
        let start = self.pos;
        // The first byte always belongs to the token: `%` and `;` reach here as symbols and must
        // not stall the scanner.
        if self.peek(0) == b'\\' && self.pos + 1 < self.src.len() {
            self.bump();
        }
        self.bump();
        while !self.at_end() {
            let b = self.peek(0);
            if b == b'\\' && self.pos + 1 < self.src.len() {
                self.bump();
                self.bump();
                continue;
            }
            if is_terminator(b) {
                break;
            }
            self.pos += 1;
        }
        &self.src[start..self.pos]
    }

    fn symbol(&mut self) -> Kind {
        let line = self.line;
        let sym = self.symbol_bytes();
        self.c.symbols += 1;
        let sh = &mut self.c.shape;
        let complex = sym.len() > 1 && sym != b"/=" && sym.contains(&b'/') && !is_operator(sym);
        if complex {
            self.c.complex += 1;
            let segments = sym.split(|&b| b == b'/').count();
            shape::bump(&mut sh.complex_segments, segments);
            sh.complex_chars += sym.len();
            let f = &mut sh.complex_features;
            f[0] += usize::from(sym.windows(2).any(|w| w == b"/."));
            f[1] += usize::from(sym[0] == b'$');
            f[2] += usize::from(sym[0].is_ascii_uppercase());
            f[3] += usize::from(sym[0] == b'/');
            f[4] += usize::from(
                sym.split(|&b| b == b'/')
                    .any(|s| !s.is_empty() && s.iter().all(u8::is_ascii_digit)),
            );
            self.element(Elem::Complex, sym);
            return Kind::Complex;
        }
        let leads_line = self.line_tokens[line] == 0 && !self.stack.is_empty();
        if is_operator(sym) {
            sh.symbol_classes[1] += 1;
            count(&mut sh.operator_symbols, sym);
            self.element(Elem::Operator, sym);
            return Kind::Symbol;
        }
        if leads_line && !sym.starts_with(b".") {
            count(&mut sh.line_leading_bare_symbols, sym);
        }
        if matches!(sym, b"nil" | b"true" | b"false" | b"void" | b"not_found") {
            sh.symbol_classes[2] += 1;
            self.element(Elem::Other, sym);
            return Kind::Symbol;
        }
        let (name, kind) = match sym {
            [b'.', rest @ ..] if !rest.is_empty() => (rest, Elem::Method),
            _ => (sym, Elem::Symbol),
        };
        sh.symbol_classes[if kind == Elem::Method { 3 } else { 0 }] += 1;
        sh.styles[shape::style(name)] += 1;
        bump(&mut self.c.ident_len_hist, name.len());
        self.idents.insert(name);
        self.element(kind, sym);
        Kind::Symbol
    }

    fn number(&mut self) -> Kind {
        let s = self.src;
        let start = self.pos;
        let mut i = self.pos;
        if s[i] == b'+' || s[i] == b'-' {
            i += 1;
        }
        let kind;
        if s[i] == b'0' && matches!(s.get(i + 1), Some(b'x' | b'X')) {
            i += 2;
            while i < s.len() && (s[i].is_ascii_hexdigit() || s[i] == b'_') {
                i += 1;
            }
            kind = 0;
        } else if s[i] == b'0' && matches!(s.get(i + 1), Some(b'!' | b'#' | b'*')) && start == i {
            i += 2;
            while i < s.len()
                && (s[i].is_ascii_alphanumeric() || matches!(s[i], b'+' | b'/' | b'=' | b'~'))
            {
                i += 1;
            }
            kind = 2;
        } else {
            while i < s.len() && (s[i].is_ascii_digit() || s[i] == b'_') {
                i += 1;
            }
            match s.get(i) {
                Some(b'-' | b':') => {
                    while i < s.len()
                        && (s[i].is_ascii_digit()
                            || matches!(s[i], b'-' | b':' | b'T' | b'Z' | b'+' | b'.'))
                    {
                        i += 1;
                    }
                    if s.get(i) == Some(&b'[') {
                        while i < s.len() && s[i] != b']' {
                            i += 1;
                        }
                        i = (i + 1).min(s.len());
                    }
                    kind = 2;
                }
                Some(b'.' | b'e' | b'E') => {
                    if s[i] == b'.' {
                        i += 1;
                        while i < s.len() && s[i].is_ascii_digit() {
                            i += 1;
                        }
                    }
                    if matches!(s.get(i), Some(b'e' | b'E')) {
                        i += 1;
                        if matches!(s.get(i), Some(b'+' | b'-')) {
                            i += 1;
                        }
                        while i < s.len() && s[i].is_ascii_digit() {
                            i += 1;
                        }
                    }
                    kind = 1;
                }
                _ => kind = 0,
            }
        }
        self.pos = i;
        let text = &s[start..i];
        self.element(Elem::Other, b"");
        match kind {
            0 => {
                self.c.ints += 1;
                let sh = &mut self.c.shape;
                sh.int_magnitude[shape::int_bucket(text)] += 1;
                sh.int_negative += usize::from(text[0] == b'-');
                count(&mut sh.int_values, text);
                Kind::Int
            }
            1 => {
                self.c.floats += 1;
                let (bucket, decimals) = shape::float_bucket(text);
                let sh = &mut self.c.shape;
                sh.float_magnitude[bucket] += 1;
                sh.float_decimals += decimals;
                Kind::Float
            }
            _ => {
                self.c.other_numbers += 1;
                Kind::Other
            }
        }
    }

    fn char_lit(&mut self) {
        self.pos += 1;
        if self.peek(0) == b'\\' {
            self.pos += 1;
        }
        if !self.at_end() {
            self.bump();
        }
        if self.peek(0) == b'\'' {
            self.pos += 1;
        }
    }

    /// A plain or interpolated string starting at the `"` (the `#` already skipped). Holes are
    /// skipped as balanced text. Records its length (characters between the quotes), escapes
    /// and holes.
    fn string(&mut self, interpolated: bool) {
        let (len, escape, holes) = self.scan_string();
        let sh = &mut self.c.shape;
        if interpolated {
            sh.interpolated[0] += 1;
            sh.interpolated[1] += len;
            sh.interpolated[2] += holes;
        } else {
            shape::bump(&mut sh.plain_length, len);
            sh.plain_with_escape += usize::from(escape);
        }
    }

    /// Steps over a string from its `"`; returns its length in characters, whether it has an
    /// escape, and its count of holes.
    fn scan_string(&mut self) -> (usize, bool, usize) {
        let triple = self.peek(1) == b'"' && self.peek(2) == b'"';
        self.pos += if triple { 3 } else { 1 };
        let start = self.pos;
        let (mut escape, mut holes) = (false, 0);
        let mut end = self.src.len();
        while !self.at_end() {
            match self.peek(0) {
                b'\\' => {
                    escape = true;
                    self.bump();
                    if !self.at_end() {
                        self.bump();
                    }
                }
                b'"' if !triple => {
                    end = self.pos;
                    self.pos += 1;
                    break;
                }
                b'"' if self.peek(1) == b'"' && self.peek(2) == b'"' => {
                    end = self.pos;
                    self.pos += 3;
                    break;
                }
                b'#' if matches!(self.peek(1), b'{' | b'(' | b'[') => {
                    holes += 1;
                    self.pos += 1;
                    self.skip_balanced();
                }
                _ => self.bump(),
            }
        }
        (chars(&self.src[start..end.max(start)]), escape, holes)
    }

    /// Skips a bracketed group (the opener is the current byte), including nested strings.
    fn skip_balanced(&mut self) {
        let mut depth = 0usize;
        while !self.at_end() {
            match self.peek(0) {
                b'(' | b'[' | b'{' => {
                    depth += 1;
                    self.pos += 1;
                }
                b')' | b']' | b'}' => {
                    self.pos += 1;
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return;
                    }
                }
                b'"' => {
                    self.scan_string();
                }
                b'\\' => {
                    self.bump();
                    if !self.at_end() {
                        self.bump();
                    }
                }
                _ => self.bump(),
            }
        }
    }

    /// `#/pattern/[replacement/]flags`, replacement detected as the reference does.
    fn regex(&mut self) {
        self.pos += 2;
        self.regex_segment();
        let mut other = false;
        let mut k = 0;
        let replacement = loop {
            match self.peek(k) {
                0 | b' ' | b'\t' | b'\r' | b'\n' => break false,
                b'/' => break true,
                b'\\' => {
                    other = true;
                    k += 2;
                }
                b')' | b']' | b'}' | b';' | b',' if !other => break false,
                b'i' | b'm' if !other => k += 1,
                _ => {
                    other = true;
                    k += 1;
                }
            }
            if self.pos + k >= self.src.len() {
                break false;
            }
        };
        if replacement {
            self.regex_segment();
        }
        while !self.at_end()
            && !matches!(
                self.peek(0),
                b' ' | b'\t' | b'\r' | b'\n' | b')' | b']' | b'}' | b';' | b','
            )
        {
            self.pos += 1;
        }
    }

    fn regex_segment(&mut self) {
        while !self.at_end() {
            match self.peek(0) {
                b'\\' => {
                    self.bump();
                    if !self.at_end() {
                        self.bump();
                    }
                }
                b'/' => {
                    self.pos += 1;
                    return;
                }
                _ => self.bump(),
            }
        }
    }

    fn finish(mut self) -> Profile {
        let src = self.src;
        // Per line: 0 blank, 1 comment-only, 2 code.
        let mut line_kind: Vec<u8> = Vec::with_capacity(self.line_flags.len());
        let sh = &mut self.c.shape;
        let mut lens: Vec<usize> = Vec::new();
        let mut distinct: HashSet<&[u8]> = HashSet::new();
        let (mut blank, mut comment, mut code, mut nonblank, mut over80, mut closer_only) =
            (0, 0, 0, 0, 0, 0);
        let mut total_lines = 0;
        let mut start = 0;
        let mut idx = 0;
        while start < src.len() {
            let end = src[start..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(src.len(), |p| start + p);
            let mut line = &src[start..end];
            if line.last() == Some(&b'\r') {
                line = &line[..line.len() - 1];
            }
            bump(&mut lens, line.len());
            if line.len() > 80 {
                over80 += 1;
            }
            let flags = self.line_flags.get(idx).copied().unwrap_or(0);
            let indent = line.iter().take_while(|&&b| b == b' ').count();
            if flags & 1 != 0 {
                code += 1;
                line_kind.push(2);
                let tokens = self.line_tokens[idx] as usize;
                if tokens > 0 && tokens == self.line_closers[idx] as usize {
                    closer_only += 1;
                    shape::bump(&mut sh.closers_per_closer_only_line, tokens);
                } else {
                    shape::bump(&mut sh.trailing_closer_run, self.line_run[idx] as usize);
                }
                sh.trailing_comment_lines += usize::from(flags & 2 != 0);
                shape::bump(&mut sh.indent_width, indent);
                let depth = self.line_depth[idx];
                sh.indent_is_2x_depth +=
                    usize::from(depth != u32::MAX && indent == 2 * depth as usize);
            } else if flags & 2 != 0 {
                comment += 1;
                line_kind.push(1);
                sh.indented_comment_lines +=
                    usize::from(matches!(line.first(), Some(b' ' | b'\t')));
            } else if line.iter().all(|b| matches!(b, b' ' | b'\t' | b',')) {
                blank += 1;
                line_kind.push(0);
            } else {
                code += 1;
                line_kind.push(2);
            }
            if !line.iter().all(|b| matches!(b, b' ' | b'\t' | b',')) {
                nonblank += 1;
                distinct.insert(line);
            }
            total_lines += 1;
            idx += 1;
            start = end + 1;
        }
        let mut prev_end = None;
        for &(first, last) in &self.c.form_spans {
            if let Some(prev) = prev_end {
                let gap = line_kind
                    .get(prev + 1..first)
                    .map_or(0, |k| k.iter().filter(|&&k| k == 0).count());
                shape::bump(&mut sh.blank_lines_between_forms, gap);
            }
            sh.forms_after_comment +=
                usize::from(first > 0 && line_kind.get(first - 1) == Some(&1));
            shape::bump(&mut sh.lines_per_form, last - first + 1);
            prev_end = Some(last);
        }
        for name in &self.idents {
            sh.unique_styles[shape::style(name)] += 1;
        }
        sh.identifier_length = self.c.ident_len_hist.clone();
        let c = &self.c;
        let bytes_total: usize = lens.iter().enumerate().map(|(l, n)| l * n).sum();
        let form_n = c.form_lines.len();
        let mut form_hist = Vec::new();
        for &l in &c.form_lines {
            bump(&mut form_hist, l);
        }
        let ident_n: usize = c.ident_len_hist.iter().sum();
        let ident_sum: usize = c
            .ident_len_hist
            .iter()
            .enumerate()
            .map(|(l, n)| l * n)
            .sum();
        let numbers = c.ints + c.floats + c.other_numbers;
        Profile {
            total_lines,
            total_bytes: src.len(),
            bytes_per_line_mean: ratio(bytes_total, total_lines),
            bytes_per_line_p50: percentile(&lens, 0.5),
            bytes_per_line_p90: percentile(&lens, 0.9),
            line_length_over_80_share: ratio(over80, total_lines),
            distinct_nonblank_line_share: ratio(distinct.len(), nonblank),
            blank_fraction: ratio(blank, total_lines),
            comment_only_fraction: ratio(comment, total_lines),
            code_fraction: ratio(code, total_lines),
            closer_only_line_fraction_of_code_lines: ratio(closer_only, code),
            code_tokens: c.code_tokens,
            code_tokens_per_code_line: ratio(c.code_tokens, code),
            mean_token_depth: ratio(c.depth_sum, c.code_tokens),
            token_depth_p90: percentile(&c.depth_hist, 0.9),
            token_depth_share: c
                .depth_hist
                .iter()
                .map(|&n| ratio(n, c.code_tokens))
                .collect(),
            max_depth: c.depth_hist.len().saturating_sub(1),
            top_level_forms: form_n,
            lines_per_top_level_form_mean: ratio(c.form_lines.iter().sum(), form_n),
            lines_per_top_level_form_p50: percentile(&form_hist, 0.5),
            lines_per_top_level_form_p90: percentile(&form_hist, 0.9),
            genes_total: c.genes,
            prefix_call_share: ratio(c.prefix, c.genes),
            infix_operator_share: ratio(c.infix, c.genes),
            method_call_share: ratio(c.method, c.genes),
            multiline_gene_share: ratio(c.multiline_genes, c.genes),
            complex_symbol_share_of_all_symbols: ratio(c.complex, c.symbols),
            identifier_length_mean: ratio(ident_sum, ident_n),
            identifier_length_p50: percentile(&c.ident_len_hist, 0.5),
            identifier_length_p90: percentile(&c.ident_len_hist, 0.9),
            unique_identifier_count: self.idents.len(),
            interpolated_share: ratio(c.istrings, c.strings),
            numeric_tokens: numbers,
            numeric_token_share: ratio(numbers, c.code_tokens),
            int_share: ratio(c.ints, numbers),
            float_share: ratio(c.floats, numbers),
            other_number_share: ratio(c.other_numbers, numbers),
            shape: c.shape.clone(),
        }
    }
}

/// How close a metric must be to the real corpus (the tolerances).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Tolerance {
    /// Within this fraction of the real value (0.15 = ±15%).
    Relative(f64),
    /// Within this many percentage points (3.0 = ±3 points) of a share.
    Points(f64),
    /// At least this value.
    AtLeast(f64),
    /// Reported for comparison, not checked.
    Info,
}

/// One metric of `real_corpus` with its tolerance.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Target {
    /// JSON path in `corpus_profile.json`.
    pub metric: &'static str,
    /// The `real_corpus` value.
    pub real: f64,
    /// The tolerance the default mix must meet.
    pub tolerance: Tolerance,
}

/// The `real_corpus` values (corpus_profile.json, schema 1) that [`Profile::check`] compares
/// against. Checked metrics come first.
pub const REAL_CORPUS: &[Target] = &[
    Target {
        metric: "size.bytes_per_line.mean",
        real: 26.649,
        tolerance: Tolerance::Relative(0.15),
    },
    Target {
        metric: "tokens.code_tokens_per_code_line",
        real: 5.445,
        tolerance: Tolerance::Relative(0.15),
    },
    Target {
        metric: "nesting.mean_token_depth",
        real: 2.17,
        tolerance: Tolerance::Relative(0.15),
    },
    Target {
        metric: "forms.lines_per_top_level_form.mean",
        real: 3.048,
        tolerance: Tolerance::Relative(0.15),
    },
    Target {
        metric: "identifiers.identifier_length.mean",
        real: 6.189,
        tolerance: Tolerance::Relative(0.15),
    },
    Target {
        metric: "lines.blank_fraction",
        real: 0.1413,
        tolerance: Tolerance::Points(3.0),
    },
    Target {
        metric: "lines.comment_only_fraction",
        real: 0.1138,
        tolerance: Tolerance::Points(3.0),
    },
    Target {
        metric: "lines.code_fraction",
        real: 0.7449,
        tolerance: Tolerance::Points(3.0),
    },
    Target {
        metric: "size.distinct_nonblank_line_share",
        real: 0.6653,
        tolerance: Tolerance::AtLeast(0.5),
    },
    Target {
        metric: "size.bytes_per_line.p50",
        real: 23.0,
        tolerance: Tolerance::Info,
    },
    Target {
        metric: "size.bytes_per_line.p90",
        real: 59.0,
        tolerance: Tolerance::Info,
    },
    Target {
        metric: "size.line_length_over_80_share",
        real: 0.0323,
        tolerance: Tolerance::Info,
    },
    Target {
        metric: "lines.closer_only_line_fraction_of_code_lines",
        real: 0.1484,
        tolerance: Tolerance::Info,
    },
    Target {
        metric: "nesting.token_depth_p90",
        real: 4.0,
        tolerance: Tolerance::Info,
    },
    Target {
        metric: "nesting.token_depth_share.0",
        real: 0.1248,
        tolerance: Tolerance::Info,
    },
    Target {
        metric: "nesting.token_depth_share.1",
        real: 0.2752,
        tolerance: Tolerance::Info,
    },
    Target {
        metric: "nesting.token_depth_share.2",
        real: 0.2583,
        tolerance: Tolerance::Info,
    },
    Target {
        metric: "nesting.token_depth_share.3",
        real: 0.1549,
        tolerance: Tolerance::Info,
    },
    Target {
        metric: "nesting.token_depth_share.4",
        real: 0.0901,
        tolerance: Tolerance::Info,
    },
    Target {
        metric: "nesting.token_depth_share.5+",
        real: 0.0974,
        tolerance: Tolerance::Info,
    },
    Target {
        metric: "forms.lines_per_top_level_form.p50",
        real: 1.0,
        tolerance: Tolerance::Info,
    },
    Target {
        metric: "forms.lines_per_top_level_form.p90",
        real: 6.0,
        tolerance: Tolerance::Info,
    },
    Target {
        metric: "forms.gene_call_shape_share.prefix_call",
        real: 0.7072,
        tolerance: Tolerance::Info,
    },
    Target {
        metric: "forms.gene_call_shape_share.infix_operator",
        real: 0.1821,
        tolerance: Tolerance::Info,
    },
    Target {
        metric: "forms.gene_call_shape_share.method_call",
        real: 0.1079,
        tolerance: Tolerance::Info,
    },
    Target {
        metric: "forms.multiline_gene_share",
        real: 0.1648,
        tolerance: Tolerance::Info,
    },
    Target {
        metric: "identifiers.complex_symbol_share_of_all_symbols",
        real: 0.0905,
        tolerance: Tolerance::Info,
    },
    Target {
        metric: "identifiers.identifier_length.p50",
        real: 5.0,
        tolerance: Tolerance::Info,
    },
    Target {
        metric: "identifiers.identifier_length.p90",
        real: 12.0,
        tolerance: Tolerance::Info,
    },
    Target {
        metric: "strings.interpolated_share",
        real: 0.0957,
        tolerance: Tolerance::Info,
    },
    Target {
        metric: "tokens.numeric_token_share",
        real: 0.0370,
        tolerance: Tolerance::Info,
    },
    Target {
        metric: "literals.int_share",
        real: 0.9094,
        tolerance: Tolerance::Info,
    },
    Target {
        metric: "literals.float_share",
        real: 0.0479,
        tolerance: Tolerance::Info,
    },
    Target {
        metric: "literals.other_number_share",
        real: 0.0428,
        tolerance: Tolerance::Info,
    },
];

/// The outcome of comparing one metric with the real corpus.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Check {
    /// The target compared against.
    pub target: Target,
    /// The measured value.
    pub ours: f64,
    /// True when within tolerance (always true for [`Tolerance::Info`]).
    pub ok: bool,
}

impl Profile {
    /// Every metric as `(JSON path, value)`, in a stable order.
    pub fn metrics(&self) -> Vec<(&'static str, f64)> {
        let d = |i: usize| self.token_depth_share.get(i).copied().unwrap_or(0.0);
        let deep: f64 = self.token_depth_share.iter().skip(5).sum();
        vec![
            ("size.total_lines", self.total_lines as f64),
            ("size.total_bytes", self.total_bytes as f64),
            ("size.bytes_per_line.mean", self.bytes_per_line_mean),
            ("size.bytes_per_line.p50", self.bytes_per_line_p50 as f64),
            ("size.bytes_per_line.p90", self.bytes_per_line_p90 as f64),
            (
                "size.line_length_over_80_share",
                self.line_length_over_80_share,
            ),
            (
                "size.distinct_nonblank_line_share",
                self.distinct_nonblank_line_share,
            ),
            ("lines.blank_fraction", self.blank_fraction),
            ("lines.comment_only_fraction", self.comment_only_fraction),
            ("lines.code_fraction", self.code_fraction),
            (
                "lines.closer_only_line_fraction_of_code_lines",
                self.closer_only_line_fraction_of_code_lines,
            ),
            ("tokens.total_excluding_comments", self.code_tokens as f64),
            (
                "tokens.code_tokens_per_code_line",
                self.code_tokens_per_code_line,
            ),
            ("tokens.numeric_token_share", self.numeric_token_share),
            ("nesting.mean_token_depth", self.mean_token_depth),
            ("nesting.token_depth_p90", self.token_depth_p90 as f64),
            ("nesting.token_depth_share.0", d(0)),
            ("nesting.token_depth_share.1", d(1)),
            ("nesting.token_depth_share.2", d(2)),
            ("nesting.token_depth_share.3", d(3)),
            ("nesting.token_depth_share.4", d(4)),
            ("nesting.token_depth_share.5+", deep),
            ("nesting.max_depth", self.max_depth as f64),
            ("forms.top_level_forms", self.top_level_forms as f64),
            (
                "forms.lines_per_top_level_form.mean",
                self.lines_per_top_level_form_mean,
            ),
            (
                "forms.lines_per_top_level_form.p50",
                self.lines_per_top_level_form_p50 as f64,
            ),
            (
                "forms.lines_per_top_level_form.p90",
                self.lines_per_top_level_form_p90 as f64,
            ),
            ("forms.genes_total", self.genes_total as f64),
            (
                "forms.gene_call_shape_share.prefix_call",
                self.prefix_call_share,
            ),
            (
                "forms.gene_call_shape_share.infix_operator",
                self.infix_operator_share,
            ),
            (
                "forms.gene_call_shape_share.method_call",
                self.method_call_share,
            ),
            ("forms.multiline_gene_share", self.multiline_gene_share),
            (
                "identifiers.complex_symbol_share_of_all_symbols",
                self.complex_symbol_share_of_all_symbols,
            ),
            (
                "identifiers.identifier_length.mean",
                self.identifier_length_mean,
            ),
            (
                "identifiers.identifier_length.p50",
                self.identifier_length_p50 as f64,
            ),
            (
                "identifiers.identifier_length.p90",
                self.identifier_length_p90 as f64,
            ),
            (
                "identifiers.unique_identifier_count",
                self.unique_identifier_count as f64,
            ),
            ("strings.interpolated_share", self.interpolated_share),
            ("literals.numeric_tokens", self.numeric_tokens as f64),
            ("literals.int_share", self.int_share),
            ("literals.float_share", self.float_share),
            ("literals.other_number_share", self.other_number_share),
        ]
    }

    /// The value of one metric by JSON path.
    pub fn value(&self, metric: &str) -> Option<f64> {
        self.metrics()
            .into_iter()
            .find(|(m, _)| *m == metric)
            .map(|(_, v)| v)
    }

    /// Compares with [`REAL_CORPUS`].
    pub fn check(&self) -> Vec<Check> {
        REAL_CORPUS
            .iter()
            .map(|&target| {
                let ours = self.value(target.metric).unwrap_or(f64::NAN);
                let ok = match target.tolerance {
                    Tolerance::Relative(r) => (ours - target.real).abs() <= r * target.real,
                    Tolerance::Points(p) => (ours - target.real).abs() * 100.0 <= p,
                    Tolerance::AtLeast(min) => ours >= min,
                    Tolerance::Info => true,
                };
                Check { target, ours, ok }
            })
            .collect()
    }
}
