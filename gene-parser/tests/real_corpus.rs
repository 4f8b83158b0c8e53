//! The tool author's checks of issue 27, on real Gene files: every file of the committed corpus
//! (`benchmarks/data/corpus`), or of the directory named by `GENE_CORPUS` (for example the
//! reference's own code base fetched by `benchmarks/external/fetch_corpus.sh`):
//!
//! - `Document::line_col` equals `line_column` at both ends of every node;
//! - a round trip through `print_with_comments` keeps every comment, in order, and the values
//!   (the re-parsed dump equals the original's);
//! - with an error injected inside a top-level form, `parse_recovering` keeps every form that
//!   ends before the broken one and every later form written at column 1.
//!
//! Files the parser rejects as they are are counted and skipped (two of the reference's 342:
//! one ends inside a gene, the other has a `;` at top level, which hangs the reference reader).

mod common;

use common::Rng64;
use gene_parser::{Document, NodeId, PrintStyle, comments, line_column, parse, parse_recovering};
use std::path::{Path, PathBuf};

/// The `.gene` files under `dir`, sorted.
fn gene_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            gene_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "gene") {
            out.push(path);
        }
    }
}

fn corpus() -> Vec<(PathBuf, Vec<u8>)> {
    let dir = std::env::var_os("GENE_CORPUS").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../benchmarks/data/corpus"),
        PathBuf::from,
    );
    let mut files = Vec::new();
    gene_files(&dir, &mut files);
    assert!(!files.is_empty(), "no .gene file under {}", dir.display());
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read(&p).unwrap();
            (p, text)
        })
        .collect()
}

/// The files that parse as they are (the checks need a reference document).
fn parsable() -> Vec<(PathBuf, Vec<u8>)> {
    let all = corpus();
    let total = all.len();
    let ok: Vec<_> = all.into_iter().filter(|(_, s)| parse(s).is_ok()).collect();
    eprintln!("{} of {total} files parse", ok.len());
    ok
}

fn root_ids(doc: &Document) -> Vec<NodeId> {
    doc.roots().iter().collect()
}

#[test]
fn line_col_equals_line_column_at_every_node() {
    let mut checked = 0usize;
    for (path, src) in parsable() {
        let doc = parse(&src).unwrap();
        // `line_column` rescans from byte 0: a stride keeps the check linear on large files.
        let stride = (src.len() / 4096).max(1);
        for id in doc.preorder().step_by(stride) {
            let span = doc.span(id);
            for at in [span.start, span.end] {
                assert_eq!(
                    doc.line_col(at),
                    line_column(&src, at),
                    "{}: offset {at}",
                    path.display()
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 0);
}

#[test]
fn printing_with_comments_keeps_every_comment_in_order() {
    for (path, src) in parsable() {
        let doc = parse(&src).unwrap();
        let found = comments(&src);
        for style in [PrintStyle::Compact, PrintStyle::Indented] {
            let printed = doc.print_with_comments(&found, style);
            let again =
                parse(&printed).unwrap_or_else(|e| panic!("{} ({style:?}): {e}", path.display()));
            assert_eq!(again.dump(), doc.dump(), "{} ({style:?})", path.display());
            let before: Vec<&[u8]> = found.iter().map(|c| c.text(&src)).collect();
            let after_found = comments(&printed);
            let after: Vec<&[u8]> = after_found.iter().map(|c| c.text(&printed)).collect();
            assert_eq!(after, before, "{} ({style:?})", path.display());
        }
    }
}

/// Offsets inside top-level form `root` just before one of its tokens: the start of a child of
/// a bracketed container reached through bracketed containers only (not through an
/// interpolated string, whose parts lie inside the string's text), where an injected byte
/// cannot land inside a string or comment.
fn token_starts(doc: &Document, src: &[u8], root: NodeId) -> Vec<usize> {
    let bracketed = |id: NodeId| matches!(src[doc.span(id).start], b'(' | b'[' | b'{');
    let mut starts = Vec::new();
    let mut stack = vec![root];
    while let Some(id) = stack.pop() {
        if !bracketed(id) {
            continue;
        }
        for child in doc.children_of(id) {
            starts.push(doc.span(child.id).start);
            stack.push(child.id);
        }
    }
    starts
}

#[test]
fn recovery_keeps_the_forms_around_an_injected_error() {
    let mut rng = Rng64::new(27);
    let mut injections = 0usize;
    for (path, src) in parsable() {
        let doc = parse(&src).unwrap();
        let roots = root_ids(&doc);
        for _ in 0..24 {
            if roots.is_empty() {
                break;
            }
            let broken = roots[rng.below(roots.len())];
            let places = token_starts(&doc, &src, broken);
            if places.is_empty() {
                continue;
            }
            let at = places[rng.below(places.len())];
            // An opener that is never closed, or a closer that closes the form early.
            let inserted: &[u8] = if rng.below(2) == 0 { b"(" } else { b")" };
            let mut text = src[..at].to_vec();
            text.extend_from_slice(inserted);
            text.extend_from_slice(&src[at..]);
            let (recovered, errors) = parse_recovering(&text);
            let where_ = format!("{}: {:?} at {at}", path.display(), inserted[0] as char);
            assert!(!errors.is_empty(), "{where_}: no error");
            let kept: Vec<String> = root_ids(&recovered)
                .into_iter()
                .map(|id| recovered.dump_value(id))
                .collect();
            let broken_end = doc.span(broken).end;
            let expected: Vec<String> = roots
                .iter()
                .filter(|&&id| {
                    let span = doc.span(id);
                    span.end <= doc.span(broken).start
                        || (span.start >= broken_end && line_column(&src, span.start).1 == 1)
                })
                .map(|&id| doc.dump_value(id))
                .collect();
            // The expected forms appear in the recovered document, in order.
            let mut rest = kept.iter();
            for form in &expected {
                assert!(
                    rest.any(|k| k == form),
                    "{where_}: form lost by recovery: {form}"
                );
            }
            injections += 1;
        }
    }
    assert!(injections > 0);
}
