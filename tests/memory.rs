//! Memory and allocation counts grow linearly with input size.
//!
//! Heap counts come from the counting allocator and are deterministic (the same input gives the
//! same counts on every run), so they can be asserted; wall time never is. This file is its own
//! test binary because the counting allocator is process-wide: it must be installed here, and no
//! other test may allocate concurrently while a measurement runs (hence a single `#[test]`).

use gene_bench::inputs;
use gene_bench::measure::{self, CountingAlloc, HeapStats};

#[global_allocator]
static ALLOC: CountingAlloc = CountingAlloc;

/// Allowed difference of a per-line figure between 10k and 100k lines.
const TOLERANCE: f64 = 0.10;

fn parse_heap(lines: usize) -> (HeapStats, usize) {
    let input = inputs::sized(lines);
    let (doc, heap) = measure::measure_heap(|| gene_parser::parse(input.bytes()));
    let doc = doc.unwrap_or_else(|e| panic!("{} parses: {e}", input.name));
    // Two independent accounts of the finished tree: what the allocator saw still alive, and
    // what the document says its buffers hold. The first includes everything the second does.
    assert!(
        heap.retained_bytes >= doc.heap_bytes() as u64,
        "{}: allocator sees {} live bytes, document claims {}",
        input.name,
        heap.retained_bytes,
        doc.heap_bytes()
    );
    eprintln!(
        "{}: peak {} B, retained {} B, Document::heap_bytes {} B, {} allocations",
        input.name,
        heap.peak_bytes,
        heap.retained_bytes,
        doc.heap_bytes(),
        heap.allocations
    );
    drop(doc);
    (heap, input.lines)
}

#[test]
fn heap_per_line_is_constant_from_10k_to_100k_lines() {
    assert!(
        measure::is_counting(),
        "the counting allocator is installed"
    );
    let (small, small_lines) = parse_heap(10_000);
    let (large, large_lines) = parse_heap(100_000);
    // The same input measured twice gives the same counts: what makes asserting them sound.
    assert_eq!(parse_heap(10_000).0, small, "heap counts are deterministic");

    let per_line = |v: u64, lines: usize| v as f64 / lines as f64;
    for (what, s, l) in [
        ("peak bytes", small.peak_bytes, large.peak_bytes),
        (
            "allocated bytes",
            small.allocated_bytes,
            large.allocated_bytes,
        ),
    ] {
        let (a, b) = (per_line(s, small_lines), per_line(l, large_lines));
        assert!(
            (b - a).abs() <= TOLERANCE * a,
            "{what} per line: {a:.1} at 10k lines, {b:.1} at 100k lines (more than {:.0}% apart)",
            TOLERANCE * 100.0
        );
    }
    // Allocation counts may grow slower than linearly (a doubling Vec allocates O(log n) times)
    // but never faster.
    let (a, b) = (
        per_line(small.allocations, small_lines),
        per_line(large.allocations, large_lines),
    );
    assert!(
        b <= a * (1.0 + TOLERANCE),
        "allocations per line grew from {a:.3} at 10k to {b:.3} at 100k lines"
    );
    // The document is a handful of vectors reserved from the input size, so allocations are
    // rare: at most one per KiB of source (a target of issue 5).
    for (stats, lines) in [(small, small_lines), (large, large_lines)] {
        let kib = inputs::sized(lines).src.len() as f64 / 1024.0;
        let per_kib = stats.allocations as f64 / kib;
        assert!(
            per_kib <= 1.0,
            "{per_kib:.2} allocations per KiB at {lines} lines"
        );
    }
}
