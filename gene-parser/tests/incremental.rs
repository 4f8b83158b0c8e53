//! The incremental document must always agree with a full parse of its text: after each of
//! many random edits (including ones that unbalance delimiters, merge or split forms, open
//! strings and comments), its dump or its error equals that of `parse` on the edited text.

mod common;
use common::Rng64 as Rng;

use gene_parser::{IncrementalDocument, parse};

const FRAGMENTS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "{{",
    "}}",
    "\"",
    "#",
    " ",
    "\n",
    "x",
    "1",
    "^k ",
    "#\"a#{",
    "#(",
    ";",
    "~",
    "\\",
    "%",
    "`",
    "#<",
    ">#",
    "0#f",
    "# c\n",
    "(f x)",
    "\n(g ^a 1 [2 3])\n",
    "'a'",
    "#/r/",
    "2024-01-02",
    "\r\n",
    "nil",
    "a/b",
    "#@d",
    ",",
];

const BASE: &str = "# module\n(fn add [a b]\n  (a + b)\n)\n\n(var x {^k 1 ^m [1 2 3]})\n(println #\"x=#{x}!\")\n\
[1 2.5 \"s\" 'c' #/re/i 0#ff 2024-03-09]\n(class P ^final true\n  (ctor [n] (/n = n))\n)\n`(q %u %_v)\n(a b; c)\n";

fn check(doc: &IncrementalDocument, history: &[String]) {
    let text = doc.source();
    assert_eq!(text.len(), doc.len());
    match parse(&text) {
        Ok(full) => {
            assert!(
                doc.error().is_none(),
                "incremental has error {:?} but full parse succeeds\nedits: {history:#?}",
                doc.error()
            );
            assert_eq!(
                doc.dump(),
                full.dump(),
                "dump differs for {:?}\nedits: {history:#?}",
                String::from_utf8_lossy(&text)
            );
            assert_eq!(doc.form_count(), full.roots().len());
        }
        Err(full) => {
            let inc = doc.error().unwrap_or_else(|| panic!("full parse fails with {full:?} but incremental succeeds\ntext: {:?}\nedits: {history:#?}", String::from_utf8_lossy(&text)));
            assert_eq!(
                (inc.kind(), inc.offset(), inc.line(), inc.column()),
                (full.kind(), full.offset(), full.line(), full.column()),
                "errors differ for {:?}\nedits: {history:#?}",
                String::from_utf8_lossy(&text)
            );
        }
    }
}

#[test]
fn random_edits_agree_with_full_parses() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for round in 0..60 {
        let mut doc = IncrementalDocument::new(BASE.as_bytes());
        let mut history = vec![format!("round {round}")];
        check(&doc, &history);
        for _ in 0..40 {
            let len = doc.len();
            let start = rng.below(len + 1);
            let end = (start + rng.below(6).min(len - start)).min(len);
            let end = if rng.below(3) == 0 { start } else { end };
            let text: String = (0..rng.below(3))
                .map(|_| FRAGMENTS[rng.below(FRAGMENTS.len())])
                .collect();
            history.push(format!("{start}..{end} -> {text:?}"));
            let _ = doc.edit(start..end, text.as_bytes());
            check(&doc, &history);
        }
    }
}

#[test]
fn one_line_edit_reparses_one_form() {
    let src: String = (0..2000)
        .map(|i| format!("(fn f{i} [a] (a + {i}))\n"))
        .collect();
    let mut doc = IncrementalDocument::new(src.as_bytes());
    assert_eq!(doc.form_count(), 2000);
    let at = src.find("(a + 1000)").unwrap() + 5;
    let stats = doc.edit(at..at + 4, b"2024").unwrap();
    assert_eq!((stats.reparsed_forms, stats.reused_forms), (1, 1999));
    assert!(stats.reparsed_bytes < 40, "{stats:?}");
    assert_eq!(doc.dump(), parse(&doc.source()).unwrap().dump());
}

#[test]
fn unbalancing_then_rebalancing_merges_and_splits_forms() {
    let mut doc = IncrementalDocument::new(b"(a)\n(b)\n(c)\n");
    doc.edit(2..3, b"").unwrap_err(); // `(a` swallows the rest and never closes
    assert_eq!(doc.form_count(), 0);
    doc.edit(doc.len()..doc.len(), b")").unwrap(); // closing at the end merges everything
    assert_eq!(doc.dump(), "(a (b) (c))\n");
    // Splitting again: close `(a` early and drop the closer at the end.
    assert!(doc.edit(2..2, b")").is_err());
    let end = doc.len();
    doc.edit(end - 1..end, b"").unwrap();
    assert_eq!(doc.dump(), "(a)\n(b)\n(c)\n");
}

#[test]
fn generated_edit_scripts_agree_with_full_parses() {
    for seed in 0..6 {
        let src = gene_gen::generate(
            &gene_gen::Config::new(seed, 600).with_complexity(1 + (seed % 5) as u8),
        );
        let mut doc = IncrementalDocument::new(src.as_bytes());
        let mut text = src.clone();
        let mut history = vec![format!("seed {seed}")];
        for edit in gene_gen::edit_script(&src, seed, 80) {
            history.push(format!("{edit:?}"));
            let _ = doc.edit(edit.range.clone(), edit.text.as_bytes());
            edit.apply(&mut text);
            assert_eq!(doc.source(), text.as_bytes());
            check(&doc, &history[history.len().saturating_sub(3)..]);
        }
    }
}

/// Applies `edits` to a document of `start`, comparing with a full parse after each.
fn check_edits(start: &str, edits: &[(std::ops::Range<usize>, &str)]) {
    let mut doc = IncrementalDocument::new(start.as_bytes());
    let history = vec![format!("start {start:?}, edits {edits:?}")];
    check(&doc, &history);
    for (range, text) in edits {
        let _ = doc.edit(range.clone(), text.as_bytes());
        check(&doc, &history);
    }
}

// The four classes of issue 21: a token whose extent or meaning depends on bytes across a
// chunk boundary.

/// `a#` loses its `a`: the `#` before a line break now begins a comment.
#[test]
fn hash_that_becomes_a_comment_at_a_chunk_end() {
    check_edits("a#\n(g)\n", &[(0..1, "")]);
}

/// `12:35 ` becomes `12:35[`: the time's `[Area/City]` zone runs into the next form.
#[test]
fn time_zone_that_runs_into_the_next_form() {
    check_edits("(a 12:35 x)\n(b [y/z])\n", &[(8..9, "[")]);
}

/// `x0:30` splits into `x 0:30`, and the `[]` after it makes the time malformed: alone the
/// time is valid, joined it is a shorter, malformed token.
#[test]
fn time_that_becomes_malformed_with_the_next_chunk() {
    check_edits("x0:30[]\n", &[(1..1, " ")]);
}

/// `#yT` becomes `# T` (a comment), then the comment swallows what follows on its line.
#[test]
fn comment_that_swallows_the_rest_of_its_line() {
    check_edits("#yT a \n# F\nf t\n", &[(1..2, " "), (6..12, "o")]);
}

/// A `%` or a sign at a chunk's end reads the next chunk's first byte.
#[test]
fn percent_and_sign_that_read_the_next_chunk() {
    check_edits("(a)%\n(b)\n", &[(4..5, "")]);
    check_edits("(a)-\n1\n", &[(4..5, "")]);
    check_edits("(a) 1\n.5\n", &[(5..6, "")]);
}

/// An error that a later chunk resolves is not final until the region reaches the end, and
/// repairing it keeps the forms after it.
#[test]
fn error_is_final_only_at_the_end_and_repair_reuses_later_forms() {
    let src: String = (0..50).map(|i| format!("(f{i} 1)\n")).collect();
    let mut doc = IncrementalDocument::new(src.as_bytes());
    // An unterminated string at the start runs to the end of the text.
    assert!(doc.edit(1..1, b"\"").is_err());
    check(&doc, &[]);
    let stats = doc.edit(1..2, b"").unwrap();
    assert_eq!(
        (stats.reparsed_forms, stats.reused_forms),
        (1, 49),
        "{stats:?}"
    );
    check(&doc, &[]);
}

/// A byte literal's `~` skips the trivia after it, and whether a `#` there opens a comment
/// depends on the byte after the `#`: two bytes past the literal's end.
#[test]
fn byte_literal_continuation_reads_two_bytes_past_its_end() {
    check_edits("0#ff~#(f)\n00\n", &[(6..7, " ")]);
    check_edits("(a 0#ff~)#x\n00\n", &[(10..11, " ")]);
}

/// When the region's end does not hold, the region grows by at least the bytes it parses
/// again, so a cascade of growths costs linear work: an unterminated block comment opened at
/// the top swallows every form (it runs to the end of input without an error), and the
/// bytes scanned stay a small multiple of the text at 1x and 8x the size.
#[test]
fn region_growth_costs_linear_work() {
    let scanned = |forms: usize| {
        let src: String = (0..forms).map(|i| format!("(f{i} 1)\n")).collect();
        let mut doc = IncrementalDocument::new(src.as_bytes());
        let stats = doc.edit(0..0, b"#< ").unwrap();
        assert_eq!(doc.form_count(), 0);
        assert_eq!(stats.reparsed_bytes, doc.len());
        stats.scanned_bytes as f64 / doc.len() as f64
    };
    let (small, large) = (scanned(1000), scanned(8000));
    assert!(
        small < 4.0 && large < 4.0,
        "{small:.2} and {large:.2} bytes per byte"
    );
}

/// The boundary rules are not too cautious: an edit strictly inside a form (two bytes past
/// its chunk's start and before its last byte) that keeps the text valid re-parses that form
/// alone, for every form of generated files of every complexity and of every literal kind.
#[test]
fn edit_inside_a_form_reparses_only_that_form() {
    let mut texts: Vec<String> = (1..=5u8)
        .map(|c| gene_gen::generate(&gene_gen::Config::new(u64::from(c), 150).with_complexity(c)))
        .collect();
    texts.push(BASE.to_string());
    let mut edits = 0;
    texts.push(
        "(t 12:35[A/B] 2024-01-02T10:00Z) 0#ff~ #(f) #/a/i %x -1 '\\n' #\"a#{b}c\" \"\"\"s\"\"\"\n"
            .to_string(),
    );
    for src in &texts {
        let full = parse(src.as_bytes()).unwrap();
        let mut doc = IncrementalDocument::new(src.as_bytes());
        for root in full.roots() {
            let span = full.span(root);
            if span.len() < 4 {
                continue;
            }
            let at = (span.start + span.end) / 2;
            // The byte replaced by itself: the text stays as it was.
            let stats = doc.edit(at..at + 1, &src.as_bytes()[at..at + 1]).unwrap();
            edits += 1;
            assert_eq!(
                (stats.reparsed_forms, stats.reused_forms),
                (1, full.roots().len() - 1),
                "editing byte {at} of {:?}",
                &src[span]
            );
        }
    }
    assert!(edits > 100, "only {edits} forms edited");
}
