//! Memory per line is constant across sizes (issue 24): exact counts of the parsed document's
//! heap ([`gene_parser::Document::heap_bytes`]) on generated code at 1k, 10k and 100k lines.
//! `gene-report` shows the same figures from 1k to 1M lines (its "Memory per line" section).
//!
//! The document is the tree (node, entry and text arrays, the roots) plus the symbol table. The
//! tree's bytes per line must stay within 10% at every size; the symbol table grows with the
//! vocabulary (573 names at 1k lines, 1,306 at 100k), not with the lines, so it must stay a
//! fixed cost: the document's bytes per line may only fall as the file grows, and the table
//! must stay under 128 KiB.

use gene_bench::inputs;

/// The largest ratio of the tree's bytes per line between any two sizes.
const TREE_SPREAD: f64 = 1.10;

/// The most the symbol table of a generated file may hold, whatever its length.
const SYMBOL_TABLE_LIMIT: usize = 128 << 10;

#[test]
fn tree_bytes_per_line_are_constant_and_the_symbol_table_is_a_fixed_cost() {
    let mut rows = Vec::new();
    for lines in [1_000, 10_000, 100_000] {
        let input = inputs::sized(lines);
        let doc = gene_parser::parse(input.bytes()).unwrap();
        let document = doc.heap_bytes();
        let symbols = doc.symbols().heap_bytes();
        let per_line = |bytes: usize| bytes as f64 / lines as f64;
        eprintln!(
            "{lines} lines: document {:.1} B/line, tree {:.1} B/line, symbol table {symbols} B",
            per_line(document),
            per_line(document - symbols)
        );
        rows.push((
            lines,
            per_line(document),
            per_line(document - symbols),
            symbols,
        ));
    }
    let trees: Vec<f64> = rows.iter().map(|r| r.2).collect();
    let (lo, hi) = (
        trees.iter().copied().fold(f64::INFINITY, f64::min),
        trees.iter().copied().fold(0.0, f64::max),
    );
    assert!(
        hi / lo <= TREE_SPREAD,
        "tree bytes per line spread {:.3}x over {rows:?}",
        hi / lo
    );
    for pair in rows.windows(2) {
        let ((small, small_doc, ..), (large, large_doc, ..)) = (pair[0], pair[1]);
        assert!(
            large_doc <= small_doc,
            "document bytes per line grew from {small_doc:.1} at {small} lines to {large_doc:.1} at {large}"
        );
    }
    for &(lines, .., symbols) in &rows {
        assert!(
            symbols <= SYMBOL_TABLE_LIMIT,
            "symbol table of {symbols} B at {lines} lines"
        );
    }
}
