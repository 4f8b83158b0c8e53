//! Realistic edit scripts, for testing and benchmarking incremental re-parsing.
//!
//! An edit script is a sequence of [`Edit`]s, each a byte range of the *current* text (after
//! the edits before it) replaced by new text. The kinds mirror what a person does in an editor:
//! insert a line, rename an identifier, delete a top-level form, and break then repair a
//! delimiter. Like the generator, a script is a pure function of its inputs and seed.

use crate::rng::Rng;
use std::ops::Range;

/// What an edit does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EditKind {
    /// A new statement line inserted at the start of a line.
    InsertLine,
    /// One occurrence of an identifier replaced by another name.
    RenameIdentifier,
    /// A whole top-level form (and its line break) removed.
    DeleteForm,
    /// A closing delimiter removed: the text no longer parses.
    Unbalance,
    /// The delimiter removed by the [`EditKind::Unbalance`] just before put back.
    Rebalance,
}

/// One edit: replace `range` of the current text with `text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    /// What kind of edit this is.
    pub kind: EditKind,
    /// The bytes replaced, in the text as it is before this edit.
    pub range: Range<usize>,
    /// The replacement.
    pub text: String,
}

impl Edit {
    /// Applies the edit to `text`.
    ///
    /// # Panics
    /// If the range is not within `text` or not on character boundaries.
    pub fn apply(&self, text: &mut String) {
        text.replace_range(self.range.clone(), &self.text);
    }
}

const NEW_NAMES: &[&str] = &[
    "total",
    "next_item",
    "buffer",
    "retries",
    "user_id",
    "cache",
    "result_set",
    "idx",
];

const NEW_LINES: &[&str] = &[
    "(println \"checkpoint\")\n",
    "(var retries 3)\n",
    "# TODO: handle the empty case\n",
    "(assert (count > 0))\n",
    "(log/info #\"state: #{state}\")\n",
    "(cache .clear)\n",
];

/// An edit script of `count` edits for `source` (which should parse, as generated files do).
/// An [`EditKind::Unbalance`] is always followed by its [`EditKind::Rebalance`], so the text
/// parses again after every other edit.
pub fn edit_script(source: &str, seed: u64, count: usize) -> Vec<Edit> {
    let mut rng = Rng::new(seed ^ 0xED17_0000_0000_0000);
    let mut text = source.to_string();
    let mut edits = Vec::with_capacity(count);
    while edits.len() < count {
        let planned = match rng.below(5) {
            0 => insert_line(&mut rng, &text),
            1 | 2 => rename_identifier(&mut rng, &text),
            3 => delete_form(&mut rng, &text),
            _ if count - edits.len() >= 2 => unbalance(&mut rng, &text),
            _ => rename_identifier(&mut rng, &text),
        };
        for edit in planned {
            edit.apply(&mut text);
            edits.push(edit);
        }
    }
    edits.truncate(count);
    edits
}

/// Start offsets of every line.
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .filter(|&i| i <= text.len())
        .collect()
}

fn insert_line(rng: &mut Rng, text: &str) -> Vec<Edit> {
    let starts = line_starts(text);
    let at = *rng.pick(&starts);
    let line = rng.pick_str(NEW_LINES);
    vec![Edit {
        kind: EditKind::InsertLine,
        range: at..at,
        text: line.to_string(),
    }]
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_lowercase() || b == b'_'
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'
}

/// Whether `b` may stand next to an identifier without becoming part of its token.
fn separates(b: u8) -> bool {
    matches!(
        b,
        b' ' | b'\t' | b'\n' | b'(' | b')' | b'[' | b']' | b'{' | b'}'
    )
}

fn rename_identifier(rng: &mut Rng, text: &str) -> Vec<Edit> {
    let bytes = text.as_bytes();
    // Start somewhere random and take the first whole lowercase word delimited on both sides.
    let from = rng.below(bytes.len().max(1));
    let mut i = from;
    while i < bytes.len() {
        let word_start = i == 0 || separates(bytes[i - 1]);
        if word_start && is_ident_start(bytes[i]) {
            let end = i + bytes[i..].iter().take_while(|&&b| is_ident(b)).count();
            let word = &text[i..end];
            let keyword = matches!(word, "nil" | "void" | "true" | "false" | "not_found");
            if (end == bytes.len() || separates(bytes[end])) && !keyword {
                let name = rng.pick_str(NEW_NAMES);
                return vec![Edit {
                    kind: EditKind::RenameIdentifier,
                    range: i..end,
                    text: name.to_string(),
                }];
            }
            i = end;
        } else {
            i += 1;
        }
    }
    // No identifier after `from`: insert a line instead.
    insert_line(rng, text)
}

/// Top-level forms found from lines that start with `(` at column 0, by bracket matching that
/// skips strings and comments; good enough for generated code, whose forms all look like that.
fn top_level_forms(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut forms = Vec::new();
    for start in line_starts(text) {
        if bytes.get(start) != Some(&b'(') {
            continue;
        }
        let mut depth = 0usize;
        let mut i = start;
        let mut end = None;
        while i < bytes.len() {
            match bytes[i] {
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = Some(i + 1);
                        break;
                    }
                }
                b'"' => {
                    i += 1;
                    while i < bytes.len() && bytes[i] != b'"' {
                        i += if bytes[i] == b'\\' { 2 } else { 1 };
                    }
                }
                b'#' if matches!(bytes.get(i + 1), Some(b' ' | b'\n')) => {
                    while i < bytes.len() && bytes[i] != b'\n' {
                        i += 1;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        if let Some(end) = end
            && bytes.get(end) == Some(&b'\n')
        {
            forms.push(start..end + 1);
        }
    }
    forms
}

fn delete_form(rng: &mut Rng, text: &str) -> Vec<Edit> {
    let forms = top_level_forms(text);
    if forms.is_empty() {
        return insert_line(rng, text);
    }
    let range = rng.pick(&forms).clone();
    vec![Edit {
        kind: EditKind::DeleteForm,
        range,
        text: String::new(),
    }]
}

fn unbalance(rng: &mut Rng, text: &str) -> Vec<Edit> {
    let forms = top_level_forms(text);
    if forms.is_empty() {
        return insert_line(rng, text);
    }
    let form = rng.pick(&forms).clone();
    // The form's own closing paren: the byte before its line break.
    let closer = form.end - 2;
    vec![
        Edit {
            kind: EditKind::Unbalance,
            range: closer..closer + 1,
            text: String::new(),
        },
        Edit {
            kind: EditKind::Rebalance,
            range: closer..closer,
            text: ")".to_string(),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Config, generate};

    #[test]
    fn scripts_are_deterministic_and_keep_the_text_parsing() {
        let src = generate(&Config::new(3, 400));
        let script = edit_script(&src, 9, 60);
        assert_eq!(script, edit_script(&src, 9, 60));
        assert_eq!(script.len(), 60);
        let mut text = src.clone();
        for edit in &script {
            edit.apply(&mut text);
            let parses = gene_parser::parse(text.as_bytes()).is_ok();
            assert_eq!(parses, edit.kind != EditKind::Unbalance, "{edit:?}");
        }
        for kind in [
            EditKind::InsertLine,
            EditKind::RenameIdentifier,
            EditKind::DeleteForm,
            EditKind::Unbalance,
        ] {
            assert!(
                script.iter().any(|e| e.kind == kind),
                "no {kind:?} in 60 edits"
            );
        }
    }
}
