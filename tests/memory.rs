//! Memory and allocation counts grow linearly with input size; peak heap stays under three
//! times the source for code, and under [`MAX_PEAK_ANY_INPUT`] times for the densest input.
//!
//! Heap counts come from the counting allocator and are deterministic (the same input gives the
//! same counts on every run), so they can be asserted; wall time never is. This file is its own
//! test binary because the counting allocator is process-wide: it must be installed here, and no
//! other test may allocate concurrently while a measurement runs (hence `SERIAL`, held by each
//! test for its whole run).

use gene_bench::inputs;
use gene_bench::measure::{self, CountingAlloc, HeapStats};
use std::sync::Mutex;

#[global_allocator]
static ALLOC: CountingAlloc = CountingAlloc;

/// Taken by every test for its whole run, so that no other test allocates during a measurement.
static SERIAL: Mutex<()> = Mutex::new(());

/// Allowed difference of the bytes each added line costs, between 10k→50k and 50k→100k lines.
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
        "{}: {} B of source, peak {} B ({:.2}x), retained {} B, Document::heap_bytes {} B, {} allocations",
        input.name,
        input.src.len(),
        heap.peak_bytes,
        heap.peak_bytes as f64 / input.src.len() as f64,
        heap.retained_bytes,
        doc.heap_bytes(),
        heap.allocations
    );
    drop(doc);
    (heap, input.lines)
}

/// Peak heap during a parse, document included, as a multiple of the source size: the bound
/// issue 5 sets for the default mix.
const MAX_PEAK_PER_SOURCE_BYTE: f64 = 3.0;

#[test]
fn heap_is_linear_bounded_and_rarely_allocated() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    assert!(
        measure::is_counting(),
        "the counting allocator is installed"
    );
    let sizes = [1_000, 10_000, 50_000, 100_000];
    let runs: Vec<(HeapStats, usize)> = sizes.iter().map(|&lines| parse_heap(lines)).collect();
    // The same input measured twice gives the same counts: what makes asserting them sound.
    assert_eq!(
        parse_heap(10_000).0,
        runs[1].0,
        "heap counts are deterministic"
    );

    // Peak heap, document included, stays under 3 times the source from 10k lines (270 KB)
    // up. At 1k lines (27 KB) it is about 4 times: the symbol table of the file's ~600 distinct
    // names is a fixed cost that the small file cannot amortize.
    for (stats, lines) in &runs[1..] {
        let src_len = inputs::sized(*lines).src.len() as f64;
        let ratio = stats.peak_bytes as f64 / src_len;
        assert!(
            ratio <= MAX_PEAK_PER_SOURCE_BYTE,
            "peak heap is {ratio:.2} times the source at {lines} lines (limit {MAX_PEAK_PER_SOURCE_BYTE})"
        );
    }

    // Linear growth: each further line costs the same. The vocabulary (interned names) grows
    // much slower than the file, so bytes per line fall a little with size; what must not
    // change is the slope, compared between 10k→50k and 50k→100k lines.
    let slope = |from: usize, to: usize, field: fn(&HeapStats) -> u64| {
        let ((a, la), (b, lb)) = (&runs[from], &runs[to]);
        (field(b) as f64 - field(a) as f64) / (lb - la) as f64
    };
    for (what, field) in [
        (
            "peak bytes",
            (|h: &HeapStats| h.peak_bytes) as fn(&HeapStats) -> u64,
        ),
        ("allocated bytes", |h: &HeapStats| h.allocated_bytes),
    ] {
        let (early, late) = (slope(1, 2, field), slope(2, 3, field));
        assert!(
            (late - early).abs() <= TOLERANCE * early,
            "{what} per added line: {early:.1} from 10k to 50k lines, {late:.1} from 50k to 100k (more than {:.0}% apart)",
            TOLERANCE * 100.0
        );
    }

    // Allocation counts may grow slower than linearly (a growing Vec allocates O(log n) times)
    // but never faster.
    let per_line = |v: u64, lines: usize| v as f64 / lines as f64;
    let (small, large) = (&runs[1], &runs[3]);
    let (a, b) = (
        per_line(small.0.allocations, small.1),
        per_line(large.0.allocations, large.1),
    );
    assert!(
        b <= a * (1.0 + TOLERANCE),
        "allocations per line grew from {a:.3} at 10k to {b:.3} at 100k lines"
    );
    // The document is a handful of vectors reserved from the input size, so allocations are
    // rare: at most one per KiB of source (a target of issue 5).
    for (stats, lines) in &runs[1..] {
        let kib = inputs::sized(*lines).src.len() as f64 / 1024.0;
        let per_kib = stats.allocations as f64 / kib;
        assert!(
            per_kib <= 1.0,
            "{per_kib:.2} allocations per KiB at {lines} lines"
        );
    }
}

/// Peak heap during a parse of any input, document included, as a multiple of the source, on
/// top of [`FIXED_HEAP`]. The document holds at most one 16-byte node slot per source byte (a
/// `;`, a key path's `^k`); with the entry words, the roots and the symbol table, the densest
/// shapes below reach 21 times at 1 MB (distinct names of three letters, and key paths); the
/// bound leaves room for growth steps (a quarter of an array at most, but the symbol table's
/// slots double).
const MAX_PEAK_ANY_INPUT: f64 = 24.0;

/// What any parse may take beyond [`MAX_PEAK_ANY_INPUT`] times the source: the first
/// reservations (about 1 KiB), and the symbol table of a small file of distinct two-letter
/// names, denser than any large file can be (27 times the source at 6 KB).
const FIXED_HEAP: u64 = 64 * 1024;

/// Whether `peak` bytes for `len` bytes of source are within the bound for any input.
fn within_any_input_bound(peak: u64, len: usize) -> bool {
    peak as f64 <= MAX_PEAK_ANY_INPUT * len as f64 + FIXED_HEAP as f64
}

/// Size of each dense input: large enough that fixed costs (the first reservations, the symbol
/// table) are a few percent, small enough to keep the test fast in the dev profile.
const DENSE_SIZE: usize = 1_000_000;

/// The densest shapes found: each is repeated up to [`DENSE_SIZE`] bytes, between a prefix and
/// a suffix (`%` stands for a distinct short name per repetition).
const DENSE_SHAPES: &[(&str, &str, &str)] = &[
    ("", "()", ""),
    ("", "[]", ""),
    ("", "1 ", ""),
    ("", "a ", ""),
    ("", "{^a 1}", ""),
    ("", "(a)", ""),
    ("", "#[]", ""),
    ("", "`[]", ""),
    ("", "#@a[]", ""),
    ("[", "()", "]"),
    ("", "\"\\n\"", ""),
    ("", "#\"#{a}\"", ""),
    ("#\"", "#()", "\""),
    ("", "% ", ""),
    ("{", "^% 1 ", "}"),
    ("(a", " ^% 1", ")"),
    ("", "{^a^b 1}", ""),
    ("", "(a ^a^b^c^d^e^f 1)", ""),
    ("{", "^%^b 1 ", "}"),
    ("{", "^%^^b ", "}"),
    ("{", "^a^% 1 ", "}"),
    (
        "{",
        "^%^b^c^d^e^f^g^h^i^j^k^l^m^n^o^p^q^r^s^t^u^v^w^x^y^z 1 ",
        "}",
    ),
    ("", "(a b; c d)", ""),
    (
        "",
        "(a;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;)",
        "",
    ),
    ("(a", ";b", ")"),
];

#[test]
fn dense_input_stays_under_the_bound() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut worst = (0.0, String::new());
    for &shape in DENSE_SHAPES {
        let src = inputs::dense_input(shape, DENSE_SIZE);
        let name = format!("{}{}{}", shape.0, shape.1, shape.2);
        let (slots, heap) = measure::measure_heap(|| match gene_parser::parse(&src) {
            Ok(doc) => doc.storage().nodes,
            Err(e) => panic!("{name}: {e}"),
        });
        let ratio = heap.peak_bytes as f64 / src.len() as f64;
        eprintln!(
            "{name:<24} {} B: peak {} B ({ratio:.2}x), {slots} slots, {} allocations",
            src.len(),
            heap.peak_bytes,
            heap.allocations
        );
        // The growth rule and the `NIL_TYPE` ids rely on at most one slot per source byte.
        assert!(
            slots <= src.len(),
            "{name}: {slots} node slots for {} source bytes",
            src.len()
        );
        assert!(
            within_any_input_bound(heap.peak_bytes, src.len()),
            "{name}: peak heap {ratio:.2} times the source (limit {MAX_PEAK_ANY_INPUT} and {FIXED_HEAP} B)"
        );
        if ratio > worst.0 {
            worst = (ratio, name.clone());
        }
        // Recovery builds the same document, plus an empty error list.
        let (_, recovering) = measure::measure_heap(|| gene_parser::parse_recovering(&src));
        assert!(
            within_any_input_bound(recovering.peak_bytes, src.len()),
            "{name}: parse_recovering peaks at {:.2} times the source",
            recovering.peak_bytes as f64 / src.len() as f64
        );
    }
    eprintln!("densest: {} at {:.2}x", worst.1, worst.0);

    // Small inputs, where fixed costs and the shortest names weigh most: the bound with its
    // fixed part. Distinct two-letter names peak near 6 KB.
    for size in [0, 1, 2, 100, 3_000, 6_200, 30_000] {
        for &shape in DENSE_SHAPES {
            let src = inputs::dense_input(shape, size);
            let (_, heap) = measure::measure_heap(|| gene_parser::parse(&src).map(|d| d.storage()));
            assert!(
                within_any_input_bound(heap.peak_bytes, src.len()),
                "{}{}{} at {} B: peak {} B",
                shape.0,
                shape.1,
                shape.2,
                src.len(),
                heap.peak_bytes
            );
        }
    }
}

/// Fixed heap a parallel parse may add: the threads' bookkeeping and each piece's small
/// first reservations.
const PARALLEL_FIXED_HEAP: u64 = 128 * 1024;

/// `parse_parallel` holds each later piece's arrays beside the document's, which are reserved
/// for the whole source, until the merge copies them in: its peak is at most twice `parse`'s
/// (so at most 48 times the source plus 128 KiB on any input). Hunted with the dense shapes,
/// each also with a line break after every repetition (so that the input has cut points at
/// `\n(`), and with generated code, at 2 and 4 threads.
#[test]
fn parallel_parse_stays_within_twice_the_sequential_peak() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut inputs: Vec<(String, Vec<u8>)> = Vec::new();
    for &(prefix, body, suffix) in DENSE_SHAPES {
        for line_break in ["", "\n"] {
            let body = format!("{body}{line_break}");
            let src = inputs::dense_input((prefix, &body, suffix), DENSE_SIZE);
            inputs.push((format!("{prefix}{body}{suffix}"), src));
        }
    }
    let code = inputs::sized(100_000);
    inputs.push((code.name.clone(), code.src.clone()));
    let mut worst = (0.0, String::new());
    for (name, src) in &inputs {
        let (_, sequential) =
            measure::measure_heap(|| gene_parser::parse(src).map(|d| d.storage()));
        for threads in [2, 4] {
            let (_, parallel) = measure::measure_heap(|| {
                gene_parser::parse_parallel(src, threads).map(|d| d.storage())
            });
            let ratio = parallel.peak_bytes as f64 / sequential.peak_bytes as f64;
            assert!(
                parallel.peak_bytes <= 2 * sequential.peak_bytes + PARALLEL_FIXED_HEAP,
                "{name:?} at {threads} threads: peak {} B, {ratio:.2} times parse's {} B",
                parallel.peak_bytes,
                sequential.peak_bytes
            );
            assert!(
                parallel.peak_bytes as f64
                    <= 2.0 * MAX_PEAK_ANY_INPUT * src.len() as f64
                        + (2 * FIXED_HEAP + PARALLEL_FIXED_HEAP) as f64,
                "{name:?} at {threads} threads: peak {} B for {} B of source",
                parallel.peak_bytes,
                src.len()
            );
            if ratio > worst.0 {
                worst = (ratio, format!("{name:?} at {threads} threads"));
            }
        }
    }
    eprintln!(
        "parse_parallel against parse, worst peak: {:.2}x ({})",
        worst.0, worst.1
    );
}
