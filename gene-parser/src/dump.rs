//! The canonical dump of GENE_SYNTAX.md ("Canonical dump"): one line per top-level value,
//! deterministic and injective on the value model, for differential testing.

use crate::ast::{Date, Document, Entries, NodeId, Time, Value};
use crate::interner::Interner;
use std::io::Write;

impl Document<'_> {
    /// The canonical dump: one line per top-level value, each ending in LF.
    pub fn dump(&self) -> String {
        let mut out = Vec::with_capacity(self.src.len() + 64);
        self.dump_into(&mut out);
        // Every byte written is ASCII or copied from a well-formed UTF-8 sequence.
        String::from_utf8(out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }

    /// Appends the canonical dump to `out`.
    pub fn dump_into(&self, out: &mut Vec<u8>) {
        for root in self.roots() {
            self.write_value(out, root);
            out.push(b'\n');
        }
    }

    /// Writes the canonical dump of one value (no trailing newline).
    pub fn dump_value(&self, id: NodeId) -> String {
        let mut out = Vec::new();
        self.write_value(&mut out, id);
        String::from_utf8_lossy(&out).into_owned()
    }

    fn write_value(&self, out: &mut Vec<u8>, id: NodeId) {
        let symbols = &self.tree.symbols;
        match self.value(id) {
            Value::Nil => out.extend_from_slice(b"nil"),
            Value::Void => out.extend_from_slice(b"void"),
            Value::Bool(b) => out.extend_from_slice(if b { b"true" } else { b"false" }),
            Value::NotFound => out.extend_from_slice(b"not_found"),
            Value::Int(i) => {
                let _ = write!(out, "{i}");
            }
            Value::Float(x) => {
                let _ = write!(out, "{x:?}");
            }
            Value::Char(c) => {
                out.push(b'\'');
                escape_text(out, &[c], b'\'', false);
                out.push(b'\'');
            }
            Value::Str(s) => write_string(out, s),
            Value::Symbol(s) => write_symbol_part(out, symbols.resolve(s), true, true),
            Value::Complex(parts) => {
                for (i, part) in parts.iter().enumerate() {
                    if i > 0 {
                        out.push(b'/');
                    }
                    write_symbol_part(out, symbols.resolve(part), i == 0, false);
                }
            }
            Value::Array { items, frozen } => {
                out.extend_from_slice(opener(b"#[", frozen));
                self.write_list(out, items.iter(), false);
                out.push(b']');
            }
            Value::HashMap { items, frozen } => {
                out.extend_from_slice(opener(b"#{{", frozen));
                self.write_list(out, items.iter(), false);
                out.extend_from_slice(b"}}");
            }
            Value::Map { entries, frozen } => {
                out.extend_from_slice(opener(b"#{", frozen));
                self.write_entries(out, entries, false);
                out.push(b'}');
            }
            Value::Gene {
                ty,
                props,
                children,
                frozen,
            } => {
                out.extend_from_slice(opener(b"#(", frozen));
                self.write_value(out, ty);
                self.write_entries(out, props, true);
                self.write_list(out, children.iter(), true);
                out.push(b')');
            }
            Value::Quote(x) => {
                out.extend_from_slice(b"<quote ");
                self.write_value(out, x);
                out.push(b'>');
            }
            Value::Unquote { value, discard } => {
                out.extend_from_slice(if discard {
                    b"<unquote_discard "
                } else {
                    b"<unquote "
                });
                self.write_value(out, value);
                out.push(b'>');
            }
            Value::Regex {
                pattern,
                ignore_case,
                multiline,
                replacement,
            } => {
                out.extend_from_slice(b"<regex ");
                write_string(out, pattern);
                out.extend_from_slice(match (ignore_case, multiline) {
                    (false, false) => b" \"\"",
                    (true, false) => b" \"i\"",
                    (false, true) => b" \"m\"",
                    (true, true) => b" \"im\"",
                });
                if let Some(r) = replacement {
                    out.push(b' ');
                    write_string(out, r);
                }
                out.push(b'>');
            }
            Value::Bytes(bytes) => {
                out.extend_from_slice(b"<bytes \"");
                for b in bytes {
                    let _ = write!(out, "{b:02x}");
                }
                out.extend_from_slice(b"\">");
            }
            Value::Date(d) => {
                out.extend_from_slice(b"<date ");
                write_date(out, d);
                out.push(b'>');
            }
            Value::DateTime(d, t) => {
                out.extend_from_slice(b"<datetime ");
                write_date(out, d);
                out.push(b'T');
                write_time(out, &t);
                out.push(b'>');
            }
            Value::Time(t) => {
                out.extend_from_slice(b"<time ");
                write_time(out, &t);
                out.push(b'>');
            }
        }
    }

    fn write_list(
        &self,
        out: &mut Vec<u8>,
        items: impl Iterator<Item = NodeId>,
        leading_space: bool,
    ) {
        for (i, item) in items.enumerate() {
            if leading_space || i > 0 {
                out.push(b' ');
            }
            self.write_value(out, item);
        }
    }

    /// `^key value` entries sorted by key bytes.
    fn write_entries(&self, out: &mut Vec<u8>, entries: Entries<'_>, leading_space: bool) {
        if entries.is_empty() {
            return;
        }
        let symbols: &Interner = &self.tree.symbols;
        let mut sorted: Vec<_> = entries
            .iter()
            .map(|(k, v)| (symbols.resolve(k), v))
            .collect();
        sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
        for (i, (key, value)) in sorted.into_iter().enumerate() {
            if leading_space || i > 0 {
                out.push(b' ');
            }
            out.push(b'^');
            write_key(out, key);
            out.push(b' ');
            self.write_value(out, value);
        }
    }
}

fn write_date(out: &mut Vec<u8>, d: Date) {
    let _ = write!(out, "{:04}-{:02}-{:02}", d.year, d.month, d.day);
}

fn write_time(out: &mut Vec<u8>, t: &Time<'_>) {
    let sign = if t.offset_min < 0 { '-' } else { '+' };
    let offset = t.offset_min.unsigned_abs();
    let _ = write!(
        out,
        "{:02}:{:02}:{:02}.{:06} {sign}{:02}:{:02} ",
        t.hour,
        t.minute,
        t.second,
        t.micros,
        offset / 60,
        offset % 60
    );
    write_string(out, t.zone);
}

fn write_string(out: &mut Vec<u8>, s: &[u8]) {
    out.push(b'"');
    escape_text(out, s, b'"', true);
    out.push(b'"');
}

/// String and char escaping: `quote` is the byte to escape (`"` or `'`); `utf8` copies
/// well-formed multi-byte sequences (strings) instead of escaping every byte >= 0x80 (chars).
fn escape_text(out: &mut Vec<u8>, s: &[u8], quote: u8, utf8: bool) {
    let mut rest = s;
    while let Some((&b, tail)) = rest.split_first() {
        if b >= 0x80 && utf8 {
            let n = utf8_sequence_len(rest);
            if n > 0 {
                out.extend_from_slice(&rest[..n]);
                rest = &rest[n..];
                continue;
            }
        }
        match b {
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\r' => out.extend_from_slice(b"\\r"),
            _ if b == quote => {
                out.push(b'\\');
                out.push(b);
            }
            0..=0x1f | 0x7f => {
                let _ = write!(out, "\\u{{{b:X}}}");
            }
            0x80.. => {
                let _ = write!(out, "\\x{{{b:X}}}");
            }
            _ => out.push(b),
        }
        rest = tail;
    }
}

/// Length of the well-formed UTF-8 sequence of 2 to 4 bytes at the start of `s`, or 0.
fn utf8_sequence_len(s: &[u8]) -> usize {
    let n = match s[0] {
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return 0,
    };
    match s.get(..n) {
        Some(seq) if std::str::from_utf8(seq).is_ok() => n,
        _ => 0,
    }
}

/// Names that would read back as something else when written bare.
const RESERVED: [&[u8]; 8] = [
    b"nil",
    b"void",
    b"true",
    b"false",
    b"not_found",
    b"inf",
    b"-inf",
    b"NaN",
];

/// Symbol escaping, rules 1–5 of the dump spec. `first` is the first part of the symbol;
/// `simple` is a one-part symbol (only those get the reserved-name rule).
fn write_symbol_part(out: &mut Vec<u8>, part: &[u8], first: bool, simple: bool) {
    if simple && part.is_empty() {
        out.extend_from_slice(b"<symbol \"\">");
        return;
    }
    if first && let Some(&b) = part.first() {
        let next = part.get(1).copied();
        let needs_mark = b.is_ascii_digit()
            || b == b'\''
            || b == b'^'
            || (b == b'<' && next.is_some_and(|n| n.is_ascii_alphabetic()))
            || (matches!(b, b'+' | b'-') && next.is_some_and(|n| n.is_ascii_digit()))
            || (simple && RESERVED.contains(&part));
        if needs_mark {
            out.push(b'\\');
        }
    }
    escape_name(out, part, true);
}

/// Property keys: symbol rules 1 (backslash only), 2, 3 and 5.
fn write_key(out: &mut Vec<u8>, key: &[u8]) {
    escape_name(out, key, false);
}

fn escape_name(out: &mut Vec<u8>, name: &[u8], escape_slash: bool) {
    let mut rest = name;
    while let Some((&b, tail)) = rest.split_first() {
        if b >= 0x80 {
            let n = utf8_sequence_len(rest);
            if n > 0 {
                out.extend_from_slice(&rest[..n]);
                rest = &rest[n..];
            } else {
                let _ = write!(out, "\\x{{{b:X}}}");
                rest = tail;
            }
            continue;
        }
        match b {
            b'/' if !escape_slash => out.push(b),
            b'\\' | b'/' | b' ' | b'"' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => {
                out.push(b'\\');
                out.push(b);
            }
            0..=0x1f | 0x7f => {
                let _ = write!(out, "\\u{{{b:X}}}");
            }
            _ => out.push(b),
        }
        rest = tail;
    }
}

/// A container's opener as Gene source writes it, given its frozen form (`#[`, `#{{`, `#{`,
/// `#(`): a frozen container keeps the `#`, any other drops it.
pub(crate) fn opener(frozen_form: &'static [u8], frozen: bool) -> &'static [u8] {
    if frozen {
        frozen_form
    } else {
        &frozen_form[1..]
    }
}
