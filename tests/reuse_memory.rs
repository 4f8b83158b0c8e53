//! Allocation counts of `gene_parser::Buffers` against fresh parses, with the counting
//! allocator (deterministic: the same inputs give the same counts on every run). A program
//! that parses many files through one `Buffers`, giving each document back, allocates the
//! document's arrays only while the files grow past what it has seen; fresh parses allocate
//! them for every file.
//!
//! Its own test binary for the reason `tests/memory.rs` gives: the allocator is process-wide.

use gene_bench::inputs::{self, Input};
use gene_bench::measure::{self, CountingAlloc};
use gene_parser::Buffers;
use std::sync::Mutex;

#[global_allocator]
static ALLOC: CountingAlloc = CountingAlloc;

/// Taken by every test for its whole run, so that no other test allocates during a measurement.
static SERIAL: Mutex<()> = Mutex::new(());

/// Allocations of parsing every file fresh, each document dropped before the next parse.
fn fresh_allocations(files: &[&[u8]]) -> u64 {
    let ((), heap) = measure::measure_heap(|| {
        for src in files {
            let doc = gene_parser::parse(src).expect("generated files parse");
            std::hint::black_box(doc.node_count());
        }
    });
    heap.allocations
}

/// Allocations of parsing every file through `bufs`, each document given back.
fn reused_allocations(bufs: &mut Buffers, files: &[&[u8]]) -> u64 {
    let ((), heap) = measure::measure_heap(|| {
        for src in files {
            let doc = bufs.parse(src).expect("generated files parse");
            std::hint::black_box(doc.node_count());
            bufs.recycle(doc);
        }
    });
    heap.allocations
}

#[test]
fn similar_files_after_the_first_allocate_almost_nothing() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    assert!(
        measure::is_counting(),
        "the counting allocator is installed"
    );
    // Ten different files of the same size (100 lines, about 2.7 KB, each its own seed).
    let sources: Vec<String> = (0..10)
        .map(|seed| gene_gen::generate(&gene_gen::Config::new(seed, 100)))
        .collect();
    let files: Vec<&[u8]> = sources.iter().map(|s| s.as_bytes()).collect();
    let fresh_one = fresh_allocations(&files[..1]);
    let fresh_all = fresh_allocations(&files);
    let mut bufs = Buffers::new();
    let first = reused_allocations(&mut bufs, &files[..1]);
    let later = reused_allocations(&mut bufs, &files[1..]);
    eprintln!(
        "100-line files: fresh {fresh_one} allocations for one, {fresh_all} for ten; \
         reused {first} for the first, {later} for the nine after it"
    );
    // The first parse through new buffers is a fresh parse.
    assert_eq!(first, fresh_one);
    assert!(
        fresh_one >= 5,
        "a fresh parse allocates its arrays: {fresh_one}"
    );
    // The nine later ones: a quarter of what fresh parses make, or less. What remains is the
    // parser's scratch (the entries stack, the key cooking buffer, the duplicate-key state),
    // which lives only as long as one parse, and a little more room when a file has more
    // nodes or names than any before it.
    assert!(
        later * 4 <= fresh_all,
        "nine similar files through reused buffers made {later} allocations (fresh: {fresh_all} for ten)"
    );
}

#[test]
fn a_project_parsed_through_one_buffers_allocates_a_fifth_as_often() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    assert!(
        measure::is_counting(),
        "the counting allocator is installed"
    );
    // The `reuse` benchmark's many small files: 500 files whose sizes follow the corpus.
    let project: Vec<Input> = inputs::project(inputs::PROJECT_FILES);
    let files: Vec<&[u8]> = project.iter().map(Input::bytes).collect();
    let fresh = fresh_allocations(&files);
    let mut bufs = Buffers::new();
    let first_pass = reused_allocations(&mut bufs, &files);
    let second_pass = reused_allocations(&mut bufs, &files);
    eprintln!(
        "{} project files: fresh {fresh} allocations, reused {first_pass} (first pass), \
         {second_pass} (second pass, buffers already grown)",
        files.len()
    );
    assert!(
        fresh >= 5 * files.len() as u64,
        "fresh parses allocate their arrays: {fresh} allocations"
    );
    assert!(
        first_pass * 5 <= fresh,
        "reused buffers made {first_pass} allocations, fresh parses {fresh}"
    );
    // Once the buffers have held the largest file, the document's arrays never grow again:
    // what is left is the parser's per-parse scratch, a few allocations a file.
    assert!(
        second_pass <= 4 * files.len() as u64,
        "second pass through grown buffers: {second_pass} allocations"
    );
}
