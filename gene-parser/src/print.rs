//! The printer: renders a parsed [`Document`] back to Gene source.
//!
//! The contract is the round trip: for every input `x` that parses,
//! `parse(print(parse(x)))` has the same canonical dump as `parse(x)`. The printer therefore
//! writes every value in a form the reader maps back to exactly that value, which takes care
//! in a few places (see GENE_SYNTAX.md for the reader rules cited below):
//!
//! - Symbols escape terminators, `\` and `/` (§2.7, §4.3), and their first byte when it would
//!   start something else: a number, a char, a property, a comment or dispatch after `#`, a
//!   byte-order mark. `%` and `%=` are written bare (a `\%` would read the same; bare is nicer).
//! - Strings use the escapes of §3.4 (`\n`, `\r`, `\uXXXX` for other control bytes). Bytes
//!   from 0x80 up are copied raw, since the reader has no escape for a byte that is not
//!   UTF-8. That is why the output is `Vec<u8>`, not `String`.
//! - Property keys containing `^` cannot be written as `^key value` (the reader splits them
//!   into a key path, even when escaped [Q21]); they are written with the `^^key` / `^!key`
//!   shortcuts (value true / nil) or as key paths from the enclosing map, which is the only
//!   way the reader can create them in the first place (§5.3).
//! - Regexes write their segments so that the reader's replacement look-ahead (§3.7) decides
//!   as it did for the original; raw CR is written as CR LF, which the reader turns back into
//!   CR ([Q8]).
//! - Floats use Rust's shortest round-trip form; infinities are written `1e400` / `-1e400`
//!   ([Q27]).
//! - Interpolated strings are genes `(#Str …)` in the value model; they print as such.
//!
//! Values the reader never produces have no exact spelling, and the printer makes a best
//! effort for them: NaN (printed `NaN`, which reads as a symbol), symbols named like a keyword
//! (`nil`, … read back as the keyword [Q23]), the empty symbol, the complex symbols `/` and
//! `/=` with empty parts, a non-last complex-symbol part ending in `\` ([Q22]), regex
//! replacements that the look-ahead would not find, and maps under `^`-keys that could not
//! have been built by a key path. No input that parses yields any of these.

use crate::ast::{Children, Date, Document, Entries, NodeId, Time, Value};
#[cfg(doc)]
use crate::comments::Attachment;
use crate::comments::Comment;
use crate::dump::opener;
use std::io::Write;

mod commented;

/// How [`Document::print`] lays out the source.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum PrintStyle {
    /// One line per top-level value, items separated by one space.
    #[default]
    Compact,
    /// Two-space indentation: a form that does not fit in 80 columns is broken across lines,
    /// its head (type and leading atoms) on the first line, then one item per line, and the
    /// closing bracket on a line of its own, as in hand-written Gene.
    Indented,
}

/// Column budget of [`PrintStyle::Indented`].
const WIDTH: usize = 80;

impl Document<'_> {
    /// Renders the document as Gene source that parses back to the same values (same
    /// canonical dump). Each top-level value ends with a line feed.
    ///
    /// The result is bytes, not a `String`: strings and symbols may hold bytes that are not
    /// UTF-8, and Gene has no escape for them, so they are copied raw.
    ///
    /// ```
    /// use gene_parser::{PrintStyle, parse};
    /// let doc = parse(b"(f x ^k 1)  #[1 , 2]").unwrap();
    /// assert_eq!(doc.print(PrintStyle::Compact), b"(f ^k 1 x)\n#[1 2]\n");
    /// let again = parse(&doc.print(PrintStyle::Indented)).unwrap().dump();
    /// assert_eq!(again, doc.dump());
    /// ```
    pub fn print(&self, style: PrintStyle) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.src.len() + 16);
        self.print_into(style, &mut out);
        out
    }

    /// Appends the rendering of [`Document::print`] to `out`.
    pub fn print_into(&self, style: PrintStyle, out: &mut Vec<u8>) {
        let mut printer = Printer {
            doc: self,
            scratch: Vec::new(),
        };
        for root in self.roots() {
            match style {
                PrintStyle::Compact => printer.compact(out, root, usize::MAX),
                PrintStyle::Indented => printer.indented(out, root, 0),
            }
            out.push(b'\n');
        }
    }

    /// [`Document::print`] that keeps comments: every comment of `comments` (found by
    /// [`crate::comments`] in this document's source) is written where it was, so that the
    /// output has the same canonical dump and the same comments in the same order, each
    /// attached to the same node ([`Document::attach_comments`]). A comment
    /// [`Attachment::Leading`] a node is written on its own line just before it (before the
    /// `^key` of a property); one [`Attachment::Trailing`] a node after it, on the line where
    /// it ends; one [`Attachment::Inner`] a container on its own line before the closer; an
    /// [`Attachment::End`] one on its own line at the end. An unterminated block comment, which
    /// can only come last, is written last. Printing the output again gives the same text.
    ///
    /// A form with no comment inside is written as [`Document::print`] writes it. A gene or
    /// map with comments inside writes its properties among its items where they were (rather
    /// than first), one member per line in the indented style when it does not fit, so that
    /// the comments keep their order. The pieces of a key path that a later `^a^…` extends
    /// are written together where the first one was.
    ///
    /// # Panics
    ///
    /// If a comment's span is not in this document's source (comments of another text).
    ///
    /// ```
    /// use gene_parser::{PrintStyle, comments, parse};
    /// let src = b"# head\n(f   x # why\n y ^k 1) # tail\n#< end >#";
    /// let doc = parse(src).unwrap();
    /// let out = doc.print_with_comments(&comments(src), PrintStyle::Compact);
    /// assert_eq!(out, b"# head\n(f x # why\n  y ^k 1) # tail\n#< end >#\n");
    /// ```
    pub fn print_with_comments(&self, comments: &[Comment], style: PrintStyle) -> Vec<u8> {
        commented::print(self, comments, style)
    }

    /// Renders one value compactly (no trailing newline).
    pub fn print_value(&self, id: NodeId) -> Vec<u8> {
        let mut out = Vec::new();
        Printer {
            doc: self,
            scratch: Vec::new(),
        }
        .compact(&mut out, id, usize::MAX);
        out
    }
}

/// One property as written: the key text (with its `^`, `^^`, `^!` or key path) and the
/// value, absent for the `^^`/`^!` shortcuts and for path-final `^name` / `!name`.
struct Piece {
    key: Vec<u8>,
    value: Option<NodeId>,
}

struct Printer<'d, 'src> {
    doc: &'d Document<'src>,
    /// Trial renderings of [`PrintStyle::Indented`].
    scratch: Vec<u8>,
}

impl Printer<'_, '_> {
    /// Writes `id` on one line. Stops early (leaving a truncated rendering) once `out` is
    /// longer than `limit`: the indented style only asks whether a form fits, and a bounded
    /// trial keeps it linear however deep the tree is.
    fn compact(&mut self, out: &mut Vec<u8>, id: NodeId, limit: usize) {
        if out.len() > limit {
            return;
        }
        let doc = self.doc;
        match doc.value(id) {
            Value::Array { items, frozen } => {
                self.compact_items(out, items, opener(b"#[", frozen), b"]", limit);
            }
            Value::HashMap { items, frozen } => {
                self.compact_items(out, items, opener(b"#{{", frozen), b"}}", limit);
            }
            Value::Map { entries, frozen } => {
                out.extend_from_slice(opener(b"#{", frozen));
                for (i, piece) in self.pieces(entries).iter().enumerate() {
                    if i > 0 {
                        out.push(b' ');
                    }
                    self.piece(out, piece, limit);
                }
                out.push(b'}');
            }
            Value::Gene {
                ty,
                props,
                children,
                frozen,
            } => {
                out.extend_from_slice(opener(b"#(", frozen));
                self.compact(out, ty, limit);
                for piece in &self.pieces(props) {
                    out.push(b' ');
                    self.piece(out, piece, limit);
                }
                for child in children.iter() {
                    out.push(b' ');
                    self.compact(out, child, limit);
                }
                out.push(b')');
            }
            Value::Quote(x) => {
                out.push(b'`');
                self.compact(out, x, limit);
            }
            Value::Unquote { value, discard } => {
                self.unquote_prefix(out, value, discard);
                self.compact(out, value, limit);
            }
            atom => self.atom(out, atom),
        }
    }

    /// `%_`, or `%`, followed by a comma when the value is printed starting with `=` or `_`:
    /// `%=`/`%_` would read as the symbol `%=` or a discarding unquote, while `%,` is an
    /// unquote whose value follows the comma, which is whitespace (§5.9, [Q33]).
    fn unquote_prefix(&mut self, out: &mut Vec<u8>, value: NodeId, discard: bool) {
        if discard {
            out.extend_from_slice(b"%_");
            return;
        }
        out.push(b'%');
        let at = out.len();
        self.atom_or_nothing(out, value);
        let starts_badly = matches!(out.get(at), Some(b'=' | b'_'));
        out.truncate(at);
        if starts_badly {
            out.push(b',');
        }
    }

    /// Writes `id` if it is an atom (so the caller can look at its first byte).
    fn atom_or_nothing(&mut self, out: &mut Vec<u8>, id: NodeId) {
        if let v @ (Value::Symbol(_) | Value::Complex(_)) = self.doc.value(id) {
            self.atom(out, v);
        }
    }

    fn piece(&mut self, out: &mut Vec<u8>, piece: &Piece, limit: usize) {
        out.extend_from_slice(&piece.key);
        if let Some(value) = piece.value {
            out.push(b' ');
            self.compact(out, value, limit);
        }
    }

    /// Atoms: everything without children.
    fn atom(&mut self, out: &mut Vec<u8>, value: Value<'_>) {
        let doc = self.doc;
        match value {
            Value::Nil => out.extend_from_slice(b"nil"),
            Value::Void => out.extend_from_slice(b"void"),
            Value::Bool(b) => out.extend_from_slice(if b { b"true" } else { b"false" }),
            Value::NotFound => out.extend_from_slice(b"not_found"),
            Value::Int(i) => {
                let _ = write!(out, "{i}");
            }
            Value::Float(x) => write_float(out, x),
            Value::Char(c) => write_char(out, c),
            Value::Str(s) => write_string(out, s),
            Value::Symbol(s) => write_symbol(out, doc.symbols().resolve(s)),
            Value::Complex(parts) => {
                for (i, part) in parts.iter().enumerate() {
                    if i > 0 {
                        out.push(b'/');
                    }
                    write_symbol_part(out, doc.symbols().resolve(part), i == 0);
                }
            }
            Value::Regex {
                pattern,
                ignore_case,
                multiline,
                replacement,
            } => write_regex(out, pattern, ignore_case, multiline, replacement),
            Value::Bytes(bytes) => {
                out.extend_from_slice(b"0#");
                for b in bytes {
                    let _ = write!(out, "{b:02x}");
                }
            }
            Value::Date(d) => write_date(out, d),
            Value::DateTime(d, t) => {
                write_date(out, d);
                out.push(b'T');
                write_time(out, &t, true);
            }
            Value::Time(t) => write_time(out, &t, false),
            Value::Array { .. }
            | Value::Map { .. }
            | Value::HashMap { .. }
            | Value::Gene { .. }
            | Value::Quote(_)
            | Value::Unquote { .. } => unreachable!("containers are not atoms"),
        }
    }

    /// An array or hash map in compact style: items separated by one space.
    fn compact_items(
        &mut self,
        out: &mut Vec<u8>,
        items: Children<'_>,
        open: &[u8],
        close: &[u8],
        limit: usize,
    ) {
        out.extend_from_slice(open);
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push(b' ');
            }
            self.compact(out, item, limit);
        }
        out.extend_from_slice(close);
    }

    /// An array or hash map in indented style: one item per line, the closer on its own line.
    fn indented_items(
        &mut self,
        out: &mut Vec<u8>,
        items: Children<'_>,
        open: &[u8],
        close: &[u8],
        indent: usize,
    ) {
        let inner = indent + 2;
        out.extend_from_slice(open);
        for item in items.iter() {
            newline(out, inner);
            self.indented(out, item, inner);
        }
        newline(out, indent);
        out.extend_from_slice(close);
    }

    /// Writes `id` at indentation `indent` (the cursor is already there).
    fn indented(&mut self, out: &mut Vec<u8>, id: NodeId, indent: usize) {
        let budget = WIDTH.saturating_sub(indent);
        let mut trial = std::mem::take(&mut self.scratch);
        trial.clear();
        self.compact(&mut trial, id, budget);
        let fits = trial.len() <= budget;
        if fits {
            out.extend_from_slice(&trial);
        }
        self.scratch = trial;
        if fits {
            return;
        }
        let inner = indent + 2;
        match self.doc.value(id) {
            Value::Gene {
                ty,
                props,
                children,
                frozen,
            } => {
                let line_start = out.len();
                out.extend_from_slice(opener(b"#(", frozen));
                self.indented(out, ty, indent + 1);
                // Head line: properties and leading children while they fit on the line, as
                // in `(fn name [a b]`; the rest go one per line.
                let mut on_head = true;
                let pieces = self.pieces(props);
                for piece in &pieces {
                    let room = WIDTH.saturating_sub(indent + (out.len() - line_start) + 1);
                    if on_head
                        && !out[line_start..].contains(&b'\n')
                        && self.fits_piece(piece, room)
                    {
                        out.push(b' ');
                        self.piece(out, piece, usize::MAX);
                    } else {
                        on_head = false;
                        newline(out, inner);
                        out.extend_from_slice(&piece.key);
                        if let Some(value) = piece.value {
                            out.push(b' ');
                            self.indented(out, value, inner + piece.key.len() + 1);
                        }
                    }
                }
                for (i, child) in children.iter().enumerate() {
                    let room = WIDTH.saturating_sub(indent + (out.len() - line_start) + 1);
                    // A gene joins the head only as the first child, as in `(if (x > 1)`.
                    if on_head
                        && (i == 0 || !self.is_gene(child))
                        && self.fits(child, room)
                        && !out[line_start..].contains(&b'\n')
                    {
                        out.push(b' ');
                        self.compact(out, child, usize::MAX);
                    } else {
                        on_head = false;
                        newline(out, inner);
                        self.indented(out, child, inner);
                    }
                }
                newline(out, indent);
                out.push(b')');
            }
            Value::Array { items, frozen } => {
                self.indented_items(out, items, opener(b"#[", frozen), b"]", indent);
            }
            Value::HashMap { items, frozen } => {
                self.indented_items(out, items, opener(b"#{{", frozen), b"}}", indent);
            }
            Value::Map { entries, frozen } => {
                out.extend_from_slice(opener(b"#{", frozen));
                for piece in &self.pieces(entries) {
                    newline(out, inner);
                    out.extend_from_slice(&piece.key);
                    if let Some(value) = piece.value {
                        out.push(b' ');
                        self.indented(out, value, inner + piece.key.len() + 1);
                    }
                }
                newline(out, indent);
                out.push(b'}');
            }
            Value::Quote(x) => {
                out.push(b'`');
                self.indented(out, x, indent + 1);
            }
            Value::Unquote { value, discard } => {
                let at = out.len();
                self.unquote_prefix(out, value, discard);
                let width = out.len() - at;
                self.indented(out, value, indent + width);
            }
            atom => self.atom(out, atom),
        }
    }

    fn is_gene(&self, id: NodeId) -> bool {
        matches!(self.doc.value(id), Value::Gene { .. })
    }

    /// Whether the compact rendering of `id` has at most `room` bytes and no line break.
    fn fits(&mut self, id: NodeId, room: usize) -> bool {
        let mut trial = std::mem::take(&mut self.scratch);
        trial.clear();
        self.compact(&mut trial, id, room);
        let fits = trial.len() <= room && !trial.contains(&b'\n');
        self.scratch = trial;
        fits
    }

    fn fits_piece(&mut self, piece: &Piece, room: usize) -> bool {
        match piece.value {
            None => piece.key.len() <= room,
            Some(value) => piece.key.len() < room && self.fits(value, room - piece.key.len() - 1),
        }
    }

    /// The pieces that write `entries` in one gene segment or map literal.
    fn pieces(&self, entries: Entries<'_>) -> Vec<Piece> {
        let mut pieces = Vec::with_capacity(entries.len());
        let symbols = self.doc.symbols();
        for (key, value) in entries.iter() {
            let key = symbols.resolve(key);
            if self.is_deferred(key, value) {
                // Only key paths from the enclosing map create these; see `entry`.
                continue;
            }
            self.entry(&mut pieces, &[], key, value);
        }
        pieces
    }

    /// A `^`-key holding anything but true or nil: a map created by a key path (§5.3) that
    /// a map literal cannot write; its parent writes it as paths.
    fn is_deferred(&self, key: &[u8], value: NodeId) -> bool {
        key.contains(&b'^') && !matches!(self.doc.value(value), Value::Bool(true) | Value::Nil)
    }

    /// Pieces for `key = value` reached through the key path `path` (empty: directly in the
    /// frame being written).
    fn entry(&self, pieces: &mut Vec<Piece>, path: &[&[u8]], key: &[u8], value: NodeId) {
        let v = self.doc.value(value);
        if path.is_empty() {
            if !key.contains(&b'^') {
                pieces.push(Piece {
                    key: path_text(&[key]),
                    value: Some(value),
                });
                self.deferred_entries(pieces, &[key], value);
                return;
            }
            let prefix: &[u8] = match v {
                Value::Bool(true) => b"^^",
                Value::Nil => b"^!",
                // Not producible: a `^`-key with another value directly in a frame.
                _ => b"^",
            };
            let mut text = prefix.to_vec();
            escape_name(&mut text, key, false);
            pieces.push(Piece {
                key: text,
                value: (prefix == b"^").then_some(value),
            });
            return;
        }
        let mut full: Vec<&[u8]> = path.to_vec();
        let caret_free = !key.contains(&b'^');
        // A path's last segment carries a value unless it starts with `^` or `!`.
        if caret_free && !key.is_empty() && key[0] != b'!' {
            full.push(key);
            pieces.push(Piece {
                key: path_text(&full),
                value: Some(value),
            });
            self.deferred_entries(pieces, &full, value);
            return;
        }
        let shortcut = match v {
            // `^name` as the last segment; leading carets of `name` stay in the segment.
            Value::Bool(true) if valid_segment(key, true) => Some(b'^'),
            Value::Bool(false) if caret_free => Some(b'!'),
            _ => None,
        };
        if let Some(mark) = shortcut {
            let mut last = vec![mark];
            last.extend_from_slice(key);
            full.push(&last);
            pieces.push(Piece {
                key: path_text(&full),
                value: None,
            });
            return;
        }
        if let Value::Map { entries, .. } = v
            && !entries.is_empty()
            && valid_segment(key, false)
        {
            // A map only a path can name (a `^`-key, or a `!`-key): every entry by path.
            full.push(key);
            let symbols = self.doc.symbols();
            for (k, v) in entries.iter() {
                self.entry(pieces, &full, symbols.resolve(k), v);
            }
            return;
        }
        // Not producible by the reader; best effort.
        full.push(key);
        pieces.push(Piece {
            key: path_text(&full),
            value: Some(value),
        });
    }

    /// The deferred entries of the map `value`, written as paths through `path`.
    fn deferred_entries(&self, pieces: &mut Vec<Piece>, path: &[&[u8]], value: NodeId) {
        if let Value::Map { entries, .. } = self.doc.value(value) {
            let symbols = self.doc.symbols();
            for (k, v) in entries.iter() {
                let k = symbols.resolve(k);
                if self.is_deferred(k, v) {
                    self.entry(pieces, path, k, v);
                }
            }
        }
    }
}

/// Whether `segment` survives the path split as one segment after the first: leading
/// carets, then caret-free text (non-empty unless `last` allows a bare `^` shortcut).
fn valid_segment(segment: &[u8], last: bool) -> bool {
    let rest = &segment[segment.iter().take_while(|&&b| b == b'^').count()..];
    !rest.contains(&b'^') && (last || !rest.is_empty())
}

/// `^` + the segments joined by `^`. Escapes do not stop path splitting [Q21], but they do
/// stop the reader from seeing a `^^`/`^!` shortcut in the first byte after the `^`.
fn path_text(segments: &[&[u8]]) -> Vec<u8> {
    let mut text = vec![b'^'];
    for (i, segment) in segments.iter().enumerate() {
        if i > 0 {
            text.push(b'^');
        }
        escape_name(&mut text, segment, false);
    }
    if matches!(text.get(1), Some(b'^' | b'!')) {
        text.insert(1, b'\\');
    }
    text
}

fn newline(out: &mut Vec<u8>, indent: usize) {
    out.push(b'\n');
    out.resize(out.len() + indent, b' ');
}

fn write_float(out: &mut Vec<u8>, x: f64) {
    if x.is_nan() {
        // The reader never produces NaN and Gene has no spelling for it.
        out.extend_from_slice(b"NaN");
    } else if x.is_infinite() {
        // Overflow is the only way to write an infinity [Q27].
        out.extend_from_slice(if x > 0.0 { b"1e400" } else { b"-1e400" });
    } else {
        // `{:?}` is the shortest text that parses back to `x` and always has `.` or `e`.
        let _ = write!(out, "{x:?}");
    }
}

fn write_char(out: &mut Vec<u8>, c: u8) {
    out.push(b'\'');
    match c {
        b'\n' => out.extend_from_slice(b"\\n"),
        b'\t' => out.extend_from_slice(b"\\t"),
        b'\r' => out.extend_from_slice(b"\\r"),
        0x08 => out.extend_from_slice(b"\\b"),
        0x0c => out.extend_from_slice(b"\\f"),
        b'\\' | b'\'' => {
            out.push(b'\\');
            out.push(c);
        }
        // Any other byte stands for itself between the quotes (§3.3).
        _ => out.push(c),
    }
    out.push(b'\'');
}

fn write_string(out: &mut Vec<u8>, s: &[u8]) {
    out.push(b'"');
    for &b in s {
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            // Escaped, since a raw CR LF would be stored as a lone CR [Q8].
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0..=0x1f => {
                let _ = write!(out, "\\u{b:04x}");
            }
            _ => out.push(b),
        }
    }
    out.push(b'"');
}

const KEYWORDS: [&[u8]; 5] = [b"nil", b"void", b"true", b"false", b"not_found"];

fn write_symbol(out: &mut Vec<u8>, name: &[u8]) {
    // `%` and `%=` are read by the unquote reader, bare (§5.9).
    if name == b"%" || name == b"%=" {
        out.extend_from_slice(name);
        return;
    }
    if KEYWORDS.contains(&name) {
        // Not producible [Q23]: escaping does not help; write it as is.
        out.extend_from_slice(name);
        return;
    }
    write_symbol_part(out, name, true);
}

/// One part of a symbol (the whole name of a simple one), with `/` and `\` escaped.
fn write_symbol_part(out: &mut Vec<u8>, part: &[u8], first: bool) {
    if first && let Some(&b) = part.first() {
        let next = part.get(1).copied();
        let needs_mark = b.is_ascii_digit()
            // A char, a property (inside genes and maps), or a sign-led number.
            || b == b'\''
            || b == b'^'
            || (matches!(b, b'+' | b'-') && next.is_some_and(|n| n.is_ascii_digit()))
            // `#` alone or before a comment or dispatch byte (§2.3, §2.6).
            || (b == b'#' && matches!(next, None | Some(b'!' | b'#' | b'<' | b'/' | b'@' | b'"')))
            // A byte-order mark at the start of the output would be skipped.
            || part.starts_with(b"\xEF\xBB\xBF");
        if needs_mark {
            out.push(b'\\');
        }
    }
    escape_name(out, part, true);
}

/// Escapes the bytes that end or change a token: terminators, `\`, and `/` when
/// `escape_slash` (symbols; in keys `/` has no meaning).
fn escape_name(out: &mut Vec<u8>, name: &[u8], escape_slash: bool) {
    for &b in name {
        match b {
            b'/' if escape_slash => out.push(b'\\'),
            b'\\' | b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c | 0 | b',' | b';' | b'"' | b'`'
            | b'%' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => out.push(b'\\'),
            _ => {}
        }
        out.push(b);
    }
}

/// `#/pattern/[replacement/]flags` (§3.7). Inside a segment `\/` and `\\` are the only
/// escapes; raw CR is written CR LF (read as CR [Q8]).
fn write_regex(
    out: &mut Vec<u8>,
    pattern: &[u8],
    ignore_case: bool,
    multiline: bool,
    replacement: Option<&[u8]>,
) {
    out.extend_from_slice(b"#/");
    for &b in pattern {
        match b {
            b'/' | b'\\' => out.extend_from_slice(&[b'\\', b]),
            b'\r' => out.extend_from_slice(b"\r\n"),
            _ => out.push(b),
        }
    }
    out.push(b'/');
    if let Some(r) = replacement {
        // The look-ahead skips two bytes after a `\` but stops at raw whitespace, so a
        // backslash before whitespace is written alone (it is kept as `\` and the whitespace
        // is read after it); elsewhere `\\`.
        for (i, &b) in r.iter().enumerate() {
            match b {
                b'/' => out.extend_from_slice(b"\\/"),
                b'\\' if matches!(r.get(i + 1), Some(b' ' | b'\t' | b'\r' | b'\n')) => out.push(b),
                b'\\' => out.extend_from_slice(b"\\\\"),
                _ => out.push(b),
            }
        }
        out.push(b'/');
    }
    if ignore_case {
        out.push(b'i');
    }
    if multiline {
        out.push(b'm');
    }
}

fn write_date(out: &mut Vec<u8>, d: Date) {
    let _ = write!(out, "{:04}-{:02}-{:02}", d.year, d.month, d.day);
}

/// `HH:MM:SS[.ffffff]` then the zone: nothing (naive), `Z` (UTC), `±HH:MM`, and `[Name]`.
fn write_time(out: &mut Vec<u8>, t: &Time<'_>, datetime: bool) {
    let _ = write!(out, "{:02}:{:02}:{:02}", t.hour, t.minute, t.second);
    if t.micros != 0 {
        let _ = write!(out, ".{:06}", t.micros);
    }
    let named = !t.zone.is_empty() && t.zone != b"UTC";
    if t.zone == b"UTC" && t.offset_min == 0 {
        out.push(b'Z');
    } else if t.offset_min != 0 || (named && datetime) {
        // A datetime needs a zone before `[Name]`; a time does not.
        let sign = if t.offset_min < 0 { '-' } else { '+' };
        let offset = t.offset_min.unsigned_abs();
        let _ = write!(out, "{sign}{:02}:{:02}", offset / 60, offset % 60);
    }
    if named {
        out.push(b'[');
        out.extend_from_slice(t.zone);
        out.push(b']');
    }
}
