//! A start text and an edit script from the bytes: after every edit, an `IncrementalDocument`
//! must give what a full parse of its text gives (the dump, or the error's kind, offset, line
//! and column).
//!
//! Layout: two bytes (little-endian) give the start text's length, which is taken from the
//! bytes after them; the rest is up to 64 edits of four header bytes each, `at` (two bytes,
//! taken modulo the text's length + 1), `delete` (low 4 bits: how many bytes to remove; the
//! top bit set makes the edit an undo step, which re-applies the inverse of the last edit not
//! yet undone) and `insert` (low 5 bits: how many of the following bytes to insert).
#![no_main]

use gene_parser::{IncrementalDocument, parse};
use libfuzzer_sys::fuzz_target;
use std::ops::Range;

fuzz_target!(|data: &[u8]| {
    let Some((head, rest)) = data.split_first_chunk::<2>() else {
        return;
    };
    let len = usize::from(u16::from_le_bytes(*head)).min(rest.len());
    let (start, mut script) = rest.split_at(len);
    let mut doc = IncrementalDocument::new(start);
    let mut text = start.to_vec();
    let mut log: Vec<(Range<usize>, Vec<u8>)> = Vec::new();
    let mut undo: Vec<(Range<usize>, Vec<u8>)> = Vec::new();
    check(&doc, &text, start, &log);
    for _ in 0..64 {
        let Some((&[lo, hi, delete, insert], tail)) = script.split_first_chunk::<4>() else {
            break;
        };
        let count = usize::from(insert & 31).min(tail.len());
        let (inserted, tail) = tail.split_at(count);
        script = tail;
        let (range, replacement) = match undo.pop() {
            Some(inverse) if delete & 0x80 != 0 => inverse,
            _ => {
                let at = usize::from(u16::from_le_bytes([lo, hi])) % (text.len() + 1);
                let end = (at + usize::from(delete & 15)).min(text.len());
                undo.push((at..at + inserted.len(), text[at..end].to_vec()));
                (at..end, inserted.to_vec())
            }
        };
        let _ = doc.edit(range.clone(), &replacement);
        text.splice(range.clone(), replacement.iter().copied());
        log.push((range, replacement));
        check(&doc, &text, start, &log);
    }
});

/// Panics with a reproduction if the document differs from a full parse of `text`.
fn check(doc: &IncrementalDocument, text: &[u8], start: &[u8], log: &[(Range<usize>, Vec<u8>)]) {
    let why = if doc.source() != text {
        Some("the document's text differs from the edited text".to_string())
    } else {
        match (parse(text), doc.error()) {
            (Ok(full), None) => {
                let (inc, full) = (doc.dump(), full.dump());
                (inc != full).then(|| format!("dumps differ: {inc:?} against {full:?}"))
            }
            (Err(full), Some(inc)) => {
                let key = |e: &gene_parser::Error| (e.kind(), e.offset(), e.line(), e.column());
                (key(inc) != key(&full))
                    .then(|| format!("errors differ: {:?} against {:?}", key(inc), key(&full)))
            }
            (Ok(_), Some(inc)) => Some(format!("incremental error {inc:?}, full parse succeeds")),
            (Err(full), None) => Some(format!("full parse error {full:?}, incremental succeeds")),
        }
    };
    if let Some(why) = why {
        let edits: Vec<String> = log
            .iter()
            .map(|(r, t)| format!("({r:?}, {:?})", String::from_utf8_lossy(t)))
            .collect();
        panic!(
            "{why}\n  check_edits({:?}, &[{}]);",
            String::from_utf8_lossy(start),
            edits.join(", ")
        );
    }
}
