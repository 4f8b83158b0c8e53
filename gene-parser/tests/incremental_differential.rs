//! Hunts for an edit after which an [`IncrementalDocument`] differs from a full parse of its
//! text: long random edit sequences (inserts, deletes, replaces, copies, and undo steps that
//! re-apply the inverse of an earlier edit) over generated files and hand-written tricky text,
//! with edits aimed at offset 0, the end, line boundaries, and at the bytes that change how a
//! token lexes (brackets, quotes, `#` forms and comments, escapes, time zones, regexes,
//! interpolation, byte literals). After every edit the dump, or the error's kind, offset, line
//! and column, must equal those of `gene_parser::parse` of the same text. A failure is shrunk
//! to a small start text and edit list, printed as a call to paste into `tests/incremental.rs`.
//!
//! Also here: the lexer locality the incremental document relies on at the start of a region
//! (`lexing_is_local_past_a_form`), and that parsing a text form by form gives the
//! full parse (`form_by_form_parse_equals_full_parse`).
//!
//! Everything is seeded, so a run is reproducible. About 110,000 edits in all.

mod common;
use common::Rng64 as Rng;

use gene_parser::{IncrementalDocument, Lexer, Token, TokenKind, parse};
use std::ops::Range;

/// Pieces of text that change how the bytes around them lex or parse.
const FRAGMENTS: &[&str] = &[
    // Brackets, whole and half.
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "{{",
    "}}",
    "#(",
    "#[",
    "#{",
    "#{{",
    "()",
    "[]",
    "{}",
    // Strings, chars, escapes, line breaks.
    "\"",
    "\"\"\"",
    "\"s\"",
    "\"a\\\"b\"",
    "'",
    "'a'",
    "'\\n'",
    "'\\u0041'",
    "\\",
    "\\ ",
    "\\\n",
    "\n",
    "\r\n",
    "\r",
    " ",
    "\t",
    ",",
    // Comments.
    "#",
    "# ",
    "#!",
    "##",
    "# c\n",
    "#<",
    ">#",
    ">>#",
    "#< c >#",
    "#<>#",
    // Prefixes, chains, properties, decorators.
    ";",
    "%",
    "%_",
    "%=",
    "`",
    "^",
    "^k ",
    "^a^b ",
    "#@",
    "#@d ",
    "~",
    // Numbers, dates, times, zones.
    "-",
    "+",
    "-1",
    "1",
    "0",
    "12",
    ".",
    ".5",
    "1.5",
    "1e3",
    "e",
    "0x1f",
    "0#ff",
    "0!101",
    "0*QQ==",
    ":",
    "12:35",
    ":30",
    ":59.123456",
    "Z",
    "+02:00",
    "[Area/City]",
    "/",
    "2024-01-02",
    "T10:00",
    "2024-01-02T10:00Z",
    // Regexes and interpolation.
    "#/",
    "#/a/",
    "#/a/b/",
    "i",
    "m",
    "#\"",
    "#\"a#{x}b\"",
    "#\"\"\"",
    "#{x}",
    "#(f)",
    // Plain items and whole forms.
    "x",
    "abc",
    "a/b",
    "nil",
    "(f x)",
    "\n(g ^a 1 [2 3])\n",
    "{^a 1}",
    "{{a 1}}",
];

/// Hand-written text with every literal form and the shapes that broke before.
const TRICKY: &[&str] = &[
    "a#\n(g)\n",
    "(a 12:35 x)\n(b [y/z])\n",
    "x0:30[]\n",
    "#yT a \n# F\nf t\n",
    "(t 12:35:59.5Z[Europe/Paris] 2024-01-02T10:00+02:00[A/B] 2024-01-02)\n(d 23:59)\n[x/y]\n",
    "#/ab+c/i\n#/x/y/\n(m #/a\\/b/ \"s\")\n#/p/q/im\n",
    "#\"a#{x}b#{^k 1}c\"\n#\"\"\"t#{y}\"\"\"\n(s #\"n#(f x)#[1 2]#<c>#\")\n",
    "#< block\n comment >#\n(a)\n#<< no >># still ># (b)\n",
    "'a' '\\n' '\\u0041'\n(c 'x')\n",
    "a\\ b c\\\nd\n(e\\) f)\n",
    "\"line\r\nbreak\"\r\n(a)\r\n# c\r\n(b)\r\n",
    "0#ff~ 00 0!1010 0*QQ== 0x1F\n(h 0#ab ~\n cd)\n",
    "%x %_y %= `q #@d (f)\n(g; h i; j)\n",
    "{^a 1 ^b {^c 2}} {{k v}} #{^a 1} #{{a b}} #[1] #(f)\n",
    "(f ^a^b 1 ^a^c 2)\n(g ^^x ^!y)\n",
    "-1 +2 - + 1.5 .5 1e3 1.5e-3 -0.0\n(n 12 -3)\n",
    "\u{feff}(bom)\n(x)\n",
    "#!shebang\n## doc\n# c\n(x)\n",
    "\"\"\"\n  triple\n  \"\"\"\n(a \"\"\"x\"\"\")\n",
    "(a)(b)[c]{^d 1}\"e\"'f'g\n",
    "0#ab~#_\n00\n(a 0!1~ #[2])\n0*QQ~\n#{^k 1}\n0#ff~#(f)\n",
];

/// One edit: the bytes in `range` become `text`.
#[derive(Clone, Debug)]
struct Edit {
    range: Range<usize>,
    text: Vec<u8>,
}

impl Edit {
    fn apply(&self, text: &mut Vec<u8>) {
        text.splice(self.range.clone(), self.text.iter().copied());
    }

    /// The edit that undoes this one on the text it produced.
    fn inverse(&self, before: &[u8]) -> Edit {
        Edit {
            range: self.range.start..self.range.start + self.text.len(),
            text: before[self.range.clone()].to_vec(),
        }
    }
}

/// Where the document and a full parse of its text disagree, if they do.
fn mismatch(doc: &IncrementalDocument, text: &[u8]) -> Option<String> {
    compare(doc, text, &mut Vec::new())
}

/// [`mismatch`], also collecting where the text's top-level forms end (chunk boundaries of
/// the document, where edits are most likely to go wrong).
fn compare(doc: &IncrementalDocument, text: &[u8], form_ends: &mut Vec<usize>) -> Option<String> {
    form_ends.clear();
    if doc.source() != text {
        return Some("the document's text differs from the edited text".into());
    }
    match (parse(text), doc.error()) {
        (Ok(full), None) => {
            form_ends.extend(full.roots().iter().map(|root| full.span(root).end));
            let (inc, full) = (doc.dump(), full.dump());
            (inc != full || doc.form_count() != form_ends.len())
                .then(|| format!("dumps differ:\n incremental: {inc:?}\n full parse:  {full:?}"))
        }
        (Err(full), Some(inc)) => {
            let key = |e: &gene_parser::Error| (e.kind(), e.offset(), e.line(), e.column());
            (key(inc) != key(&full)).then(|| {
                format!(
                    "errors differ:\n incremental: {:?}\n full parse:  {:?}",
                    key(inc),
                    key(&full)
                )
            })
        }
        (Ok(full), Some(inc)) => Some(format!(
            "incremental error {:?} at {}, but the full parse succeeds: {:?}",
            inc.kind(),
            inc.offset(),
            full.dump()
        )),
        (Err(full), None) => Some(format!(
            "full parse fails with {:?} at {}, but the incremental document gives {:?}",
            full.kind(),
            full.offset(),
            doc.dump()
        )),
    }
}

/// Replays `edits` from `start`; the first disagreement, with the number of edits applied.
/// An edit out of range (possible while shrinking) ends the replay without a failure.
fn replay(start: &[u8], edits: &[Edit]) -> Option<(usize, String)> {
    let mut doc = IncrementalDocument::new(start);
    let mut text = start.to_vec();
    if let Some(why) = mismatch(&doc, &text) {
        return Some((0, why));
    }
    for (i, edit) in edits.iter().enumerate() {
        if edit.range.end > text.len() {
            return None;
        }
        let _ = doc.edit(edit.range.clone(), &edit.text);
        edit.apply(&mut text);
        if let Some(why) = mismatch(&doc, &text) {
            return Some((i + 1, why));
        }
    }
    None
}

/// Shrinks a failing case: the shortest failing suffix of the edits (started from the text
/// before it), then without single edits, then without bytes of the start text that no edit
/// touches.
fn shrink(start: &[u8], edits: &[Edit]) -> (Vec<u8>, Vec<Edit>) {
    let (applied, _) = replay(start, edits).expect("shrink is given a failing case");
    let mut edits = edits[..applied].to_vec();
    let mut start = start.to_vec();
    // The shortest suffix that fails from the text it starts from.
    let mut texts = vec![start.clone()];
    for edit in &edits {
        let mut next = texts.last().unwrap().clone();
        edit.apply(&mut next);
        texts.push(next);
    }
    for from in (0..edits.len()).rev() {
        if replay(&texts[from], &edits[from..]).is_some() {
            start = texts[from].clone();
            edits = edits[from..].to_vec();
            break;
        }
    }
    // Without single edits.
    let mut i = 0;
    while i < edits.len() && edits.len() > 1 {
        let mut fewer = edits.clone();
        fewer.remove(i);
        if replay(&start, &fewer).is_some() {
            edits = fewer;
        } else {
            i += 1;
        }
    }
    // Without windows of the start text, halving their size.
    let mut size = start.len() / 2;
    while size > 0 {
        let mut at = 0;
        while at + size <= start.len() {
            if let Some(moved) = without_window(&start, &edits, at..at + size)
                && replay(&moved.0, &moved.1).is_some()
            {
                (start, edits) = moved;
            } else {
                at += size;
            }
        }
        size /= 2;
    }
    (start, edits)
}

/// `start` without the bytes in `cut`, and `edits` moved to match, if no edit touches them.
fn without_window(start: &[u8], edits: &[Edit], cut: Range<usize>) -> Option<(Vec<u8>, Vec<Edit>)> {
    let mut shorter = start.to_vec();
    shorter.drain(cut.clone());
    // Where the cut bytes are in the current text as the edits apply.
    let mut cut = cut;
    let mut moved = Vec::with_capacity(edits.len());
    for edit in edits {
        let r = &edit.range;
        let len = cut.len();
        let range = if r.end <= cut.start {
            let grown = edit.text.len() as isize - r.len() as isize;
            cut = (cut.start as isize + grown) as usize..(cut.end as isize + grown) as usize;
            r.clone()
        } else if r.start >= cut.end {
            r.start - len..r.end - len
        } else {
            return None;
        };
        moved.push(Edit {
            range,
            text: edit.text.clone(),
        });
    }
    Some((shorter, moved))
}

/// Fails the test with a shrunk reproduction of a failing case.
fn report(label: &str, start: &[u8], edits: &[Edit]) -> ! {
    let (_, why) = replay(start, edits).expect("a failing case");
    let (small_start, small_edits) = shrink(start, edits);
    let (_, small_why) = replay(&small_start, &small_edits).expect("shrinking keeps a failure");
    let list: Vec<String> = small_edits
        .iter()
        .map(|e| format!("({:?}, {:?})", e.range, String::from_utf8_lossy(&e.text)))
        .collect();
    panic!(
        "{label}: the incremental document differs from a full parse ({why})\n\
         shrunk to ({small_why}):\n  check_edits({:?}, &[{}]);",
        String::from_utf8_lossy(&small_start),
        list.join(", ")
    );
}

/// An offset to edit at: anywhere, the ends, up to two bytes past a form's end, or next to
/// a line break.
fn position(rng: &mut Rng, text: &[u8], form_ends: &[usize]) -> usize {
    let len = text.len();
    match rng.below(12) {
        0 => 0,
        1 => len,
        4 | 5 if !form_ends.is_empty() => {
            (form_ends[rng.below(form_ends.len())] + rng.below(3)).min(len)
        }
        2 | 3 => {
            // Just before or after a line break near a random point.
            let from = rng.below(len + 1);
            let at = text[from..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(len, |i| from + i);
            (at + rng.below(2)).min(len)
        }
        _ => rng.below(len + 1),
    }
}

/// A random edit of `text`, not counting undo steps.
fn random_edit(rng: &mut Rng, text: &[u8], form_ends: &[usize], max_len: usize) -> Edit {
    let fragments = |rng: &mut Rng| -> Vec<u8> {
        (0..1 + rng.below(3))
            .flat_map(|_| rng.pick(FRAGMENTS).bytes())
            .collect()
    };
    let start = position(rng, text, form_ends);
    let room = text.len() - start;
    let short = |rng: &mut Rng| rng.below(room.min(8) + 1);
    // Deletions win while the text is long, so it stays small.
    let kind = if text.len() > max_len {
        1
    } else {
        rng.below(8)
    };
    match kind {
        0 => Edit {
            range: start..start,
            text: fragments(rng),
        },
        1 => {
            let len = if rng.chance(15) {
                rng.below(room.min(60) + 1)
            } else {
                short(rng)
            };
            Edit {
                range: start..start + len,
                text: Vec::new(),
            }
        }
        2 | 3 => {
            let len = short(rng);
            Edit {
                range: start..start + len,
                text: fragments(rng),
            }
        }
        4 => {
            // A copy of some of the text elsewhere: whole tokens and forms in new contexts.
            let from = rng.below(text.len() + 1);
            let len = rng.below((text.len() - from).min(30) + 1);
            Edit {
                range: start..start,
                text: text[from..from + len].to_vec(),
            }
        }
        5 | 6 if !form_ends.is_empty() => {
            // Within two bytes past a form's end (a chunk boundary of the document), a byte
            // that matters to the lexer replaces one or is inserted.
            let start = (form_ends[rng.below(form_ends.len())] + rng.below(3)).min(text.len());
            let len = usize::from(start < text.len() && rng.chance(70));
            let bytes = b"()[]{}\"'#\\ \n\r/:;%^`~-.<>0aZT!_";
            Edit {
                range: start..start + len,
                text: vec![bytes[rng.below(bytes.len())]],
            }
        }
        _ => {
            // One byte replaced by one byte that matters to the lexer.
            let len = usize::from(room > 0);
            let bytes = b"()[]{}\"'#\\ \n\r/:;%^`~-.<>0aZT!_";
            let byte = bytes[rng.below(bytes.len())];
            Edit {
                range: start..start + len,
                text: vec![byte],
            }
        }
    }
}

/// Runs `sequences` random edit sequences of `steps` edits each from `start`, checking after
/// every edit. Returns the number of edits made.
fn hunt(label: &str, start: &[u8], seed: u64, sequences: usize, steps: usize) -> usize {
    let mut rng = Rng::new(seed);
    let max_len = start.len() * 2 + 64;
    let mut edits_made = 0;
    for sequence in 0..sequences {
        let label = format!("{label}, sequence {sequence}");
        let mut doc = IncrementalDocument::new(start);
        let mut text = start.to_vec();
        let mut edits: Vec<Edit> = Vec::with_capacity(steps);
        // Inverses of the edits made, for undo steps.
        let mut undo: Vec<Edit> = Vec::new();
        let mut form_ends = Vec::new();
        if compare(&doc, &text, &mut form_ends).is_some() {
            report(&label, start, &edits);
        }
        for _ in 0..steps {
            let edit = if !undo.is_empty() && rng.chance(20) {
                undo.pop().unwrap()
            } else {
                let edit = random_edit(&mut rng, &text, &form_ends, max_len);
                undo.push(edit.inverse(&text));
                edit
            };
            let _ = doc.edit(edit.range.clone(), &edit.text);
            edit.apply(&mut text);
            edits.push(edit);
            edits_made += 1;
            if compare(&doc, &text, &mut form_ends).is_some() {
                report(&label, start, &edits);
            }
        }
    }
    edits_made
}

/// Generated files of several seeds and complexities: 8 files x 32 sequences x 200 edits.
#[test]
fn random_edits_of_generated_files_agree_with_full_parses() {
    let mut edits = 0;
    for seed in 0..8u64 {
        let config = gene_gen::Config::new(seed, 12 + 6 * seed as usize)
            .with_complexity(1 + (seed % 5) as u8);
        let src = gene_gen::generate(&config);
        let label = format!("generated file, seed {seed}, {} bytes", src.len());
        edits += hunt(&label, src.as_bytes(), 1000 + seed, 32, 200);
    }
    assert_eq!(edits, 51_200);
}

/// Hand-written tricky text: 21 texts x 60 sequences x 50 edits.
#[test]
fn random_edits_of_tricky_text_agree_with_full_parses() {
    let mut edits = 0;
    for (i, src) in TRICKY.iter().enumerate() {
        let label = format!("tricky text {i} {src:?}");
        edits += hunt(&label, src.as_bytes(), 2000 + i as u64, 60, 50);
    }
    assert_eq!(edits, 63_000);
}

/// A random soup of fragments and tricky text.
fn soup(rng: &mut Rng) -> Vec<u8> {
    let mut text = Vec::new();
    for _ in 0..1 + rng.below(24) {
        if rng.chance(10) {
            let tricky = rng.pick(TRICKY).as_bytes();
            let from = rng.below(tricky.len());
            text.extend_from_slice(&tricky[from..]);
        } else {
            text.extend_from_slice(rng.pick(FRAGMENTS).as_bytes());
        }
    }
    text
}

/// The incremental document parses a text form by form (`Parser::parse_one` on the rest of
/// the text after each form); that must give the full parse on any text.
#[test]
fn form_by_form_parse_equals_full_parse() {
    let mut rng = Rng::new(7);
    for _ in 0..20_000 {
        let text = soup(&mut rng);
        let doc = IncrementalDocument::new(&text);
        if mismatch(&doc, &text).is_some() {
            report("form-by-form parse", &text, &[]);
        }
    }
}

/// The tokens the byte path gives for `text`.
fn tokens(text: &[u8]) -> Vec<Token> {
    let mut lexer = Lexer::new(text);
    std::iter::from_fn(|| Some(lexer.next_token_bytewise()))
        .take_while(|t| t.kind != TokenKind::Eof)
        .collect()
}

/// How many bytes past a token's end the lexer may read to decide it: `incremental.rs`'s
/// `LOOKAHEAD`, which this test holds to. A byte literal's `~` skips the trivia after it, and
/// a `#` there opens a comment or not by the byte after it (`0#ff~#(` against `0#ff~# `).
const LOOKAHEAD: usize = 2;

/// The start of a region relies on this: outside interpolated strings, tokens that are not
/// malformed are decided by their own bytes and the [`LOOKAHEAD`] bytes after them, so an edit
/// that starts further than that past a form's end never changes how that form lexes.
/// Checked by keeping random texts up to that far past a token's end and replacing the rest.
#[test]
fn lexing_is_local_past_a_form() {
    let mut rng = Rng::new(11);
    let mut cuts = 0;
    for _ in 0..20_000 {
        let text = soup(&mut rng);
        let before = tokens(&text);
        // Open interpolated strings after each token (their mode makes the lexer remember).
        let mut open = 0i32;
        for (i, token) in before.iter().enumerate() {
            if token.has(Token::MALFORMED) {
                break;
            }
            match token.kind {
                TokenKind::InterpStart => open += 1,
                TokenKind::InterpEnd => open -= 1,
                _ => {}
            }
            let kept = token.end as usize + LOOKAHEAD;
            if open != 0 || kept > text.len() || !rng.chance(30) {
                continue;
            }
            let mut changed = text[..kept].to_vec();
            changed.extend_from_slice(&soup(&mut rng));
            let after = tokens(&changed);
            cuts += 1;
            assert_eq!(
                after.get(..=i),
                Some(&before[..=i]),
                "the tokens of {:?} up to {} change when the text after byte {} becomes {:?}",
                String::from_utf8_lossy(&text),
                token.end,
                kept - 1,
                String::from_utf8_lossy(&changed[kept..]),
            );
        }
    }
    assert!(cuts > 20_000, "only {cuts} cuts checked");
}
