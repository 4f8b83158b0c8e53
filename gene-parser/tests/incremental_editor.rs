//! What an editor reads from an [`IncrementalDocument`] besides its dump and error:
//!
//! - `forms_with_offsets`: each form's base plus any offset in its document is the offset a
//!   full parse of the text gives (every node's span, in pre-order), on generated files under
//!   random edits (`bases_plus_form_spans_equal_the_full_parse_spans`);
//! - `recovered`: exactly the forms and errors of `parse_recovering` of the current text,
//!   whether or not the text has an error, over random edits that break and repair forms
//!   (`recovered_equals_parse_recovering_of_the_text`), and an outline that survives a
//!   typed `(` (`an_outline_survives_a_typed_open_paren`).
//!
//! Seeded, so a run is reproducible.

mod common;
use common::Rng64 as Rng;

use gene_parser::{Document, IncrementalDocument, parse, parse_recovering};
use std::ops::Range;

/// Pieces of text that break, repair, merge and split forms.
const FRAGMENTS: &[&str] = &[
    "(", ")", "[", "]", "{", "}", "{{", "}}", "#(", "\"", "\"s\"", "'a'", "\n", " ", "x", "12",
    "^k 1", "(f x)", "[1 2]", "{^a 1}", "# c\n", "#< c >#", "0x", "\0", "`", "%",
];

/// Whole forms and trivia: inserted between tokens they keep the text parsing.
const BALANCED: &[&str] = &[
    " ", "\n", "x", "12", "(f x)", "[1 2]", "{^a 1}", "# c\n", "\"s\"", "'a'", "\r\n",
];

/// A random edit of `text`: an insertion, a deletion or a replacement with `fragments`.
fn random_edit(
    rng: &mut Rng,
    text: &[u8],
    max_len: usize,
    fragments: &[&str],
) -> (Range<usize>, Vec<u8>) {
    let start = rng.below(text.len() + 1);
    let room = text.len() - start;
    let len = if text.len() > max_len || rng.below(3) == 0 {
        rng.below(room.min(12) + 1)
    } else {
        0
    };
    let replacement: Vec<u8> = if text.len() > max_len {
        Vec::new()
    } else {
        (0..rng.below(3))
            .flat_map(|_| fragments[rng.below(fragments.len())].bytes())
            .collect()
    };
    (start..start + len, replacement)
}

/// Runs `steps` random edits (two in five undo the last edit not yet undone) from each
/// generated file, calling `check` after every edit with
/// the document and its text. Returns the number of edits checked.
fn edit_generated_files(
    steps: usize,
    fragments: &[&str],
    mut check: impl FnMut(&IncrementalDocument, &[u8]),
) -> usize {
    let mut edits = 0;
    for seed in 0..6u64 {
        let config = gene_gen::Config::new(seed, 10 + 4 * seed as usize)
            .with_complexity(1 + (seed % 5) as u8);
        let start = gene_gen::generate(&config).into_bytes();
        let mut rng = Rng::new(300 + seed);
        let mut doc = IncrementalDocument::new(&start);
        let mut text = start.clone();
        check(&doc, &text);
        // Inverses of the edits made: undo steps repair what random edits break.
        let mut undo: Vec<(Range<usize>, Vec<u8>)> = Vec::new();
        for _ in 0..steps {
            let (range, replacement) = if !undo.is_empty() && rng.below(5) < 2 {
                undo.pop().unwrap()
            } else {
                let (range, replacement) =
                    random_edit(&mut rng, &text, start.len() * 2 + 64, fragments);
                let inverse = range.start..range.start + replacement.len();
                undo.push((inverse, text[range.clone()].to_vec()));
                (range, replacement)
            };
            let _ = doc.edit(range.clone(), &replacement);
            text.splice(range, replacement);
            check(&doc, &text);
            edits += 1;
        }
    }
    edits
}

/// Every node's span in `doc`, in pre-order, shifted by `base`.
fn spans(doc: &Document<'_>, base: usize) -> Vec<Range<usize>> {
    doc.preorder()
        .map(|id| {
            let span = doc.span(id);
            span.start + base..span.end + base
        })
        .collect()
}

#[test]
fn bases_plus_form_spans_equal_the_full_parse_spans() {
    let mut compared = 0;
    let edits = edit_generated_files(300, BALANCED, |doc, text| {
        let Ok(full) = parse(text) else {
            assert_eq!(
                doc.forms_with_offsets().count(),
                0,
                "forms while the text has an error"
            );
            return;
        };
        let mut incremental = Vec::new();
        let mut starts = Vec::new();
        for (base, form) in doc.forms_with_offsets() {
            assert_eq!(form.roots().len(), 1);
            starts.push(base + form.span(form.roots().get(0).unwrap()).start);
            incremental.extend(spans(&form, base));
        }
        let full_starts: Vec<usize> = full.roots().iter().map(|r| full.span(r).start).collect();
        assert_eq!(
            starts,
            full_starts,
            "form starts of {:?}",
            String::from_utf8_lossy(text)
        );
        assert_eq!(
            incremental,
            spans(&full, 0),
            "spans of {:?}",
            String::from_utf8_lossy(text)
        );
        compared += 1;
    });
    assert_eq!(edits, 1800);
    assert!(compared > 300, "only {compared} texts without an error");
}

#[test]
fn recovered_equals_parse_recovering_of_the_text() {
    let mut with_error = 0;
    let mut kept_forms = 0;
    let edits = edit_generated_files(300, FRAGMENTS, |doc, text| {
        let recovered = doc.recovered();
        let (full, errors) = parse_recovering(text);
        assert_eq!(recovered.source(), text);
        assert_eq!(recovered.document().dump(), full.dump());
        assert_eq!(spans(&recovered.document(), 0), spans(&full, 0));
        let key = |e: &gene_parser::Error| (e.kind(), e.span(), e.line(), e.column());
        let got: Vec<_> = recovered.errors().iter().map(key).collect();
        let expected: Vec<_> = errors.iter().map(key).collect();
        assert_eq!(
            got,
            expected,
            "errors of {:?}",
            String::from_utf8_lossy(text)
        );
        // The strict error is the first recovered one, and without one the forms agree.
        assert_eq!(doc.error().map(key), expected.first().cloned());
        if doc.error().is_none() {
            assert_eq!(recovered.document().dump(), doc.dump());
        } else {
            with_error += 1;
            kept_forms += recovered.document().roots().len();
        }
    });
    assert_eq!(edits, 1800);
    // The hunt reaches texts with errors, and forms survive them.
    assert!(
        with_error > 300 && kept_forms > with_error,
        "{with_error} errors, {kept_forms} forms"
    );
}

#[test]
fn an_outline_survives_a_typed_open_paren() {
    let src = b"(fn a [] 1)\n(fn b [] 2)\n(fn c [] 3)\n";
    let mut doc = IncrementalDocument::new(src);
    assert!(doc.edit(12..12, b"(").is_err());
    assert_eq!(doc.forms().count(), 0);
    let recovered = doc.recovered();
    let outline = recovered.document();
    assert_eq!(outline.dump(), "(fn a [] 1)\n(fn c [] 3)\n");
    let starts: Vec<usize> = outline
        .roots()
        .iter()
        .map(|r| outline.span(r).start)
        .collect();
    assert_eq!(starts, [0, 25]);
    doc.edit(12..13, b"").expect("repaired");
    assert_eq!(doc.recovered().document().dump(), doc.dump());
}
