//! Peak heap of a parse of a run of one shape, as a multiple of the source.
//!
//! `cargo run --release --example dense_heap -- SIZE_BYTES [full|parallel|recovering|incremental] SHAPE...`
//! Each shape is repeated up to SIZE_BYTES; a shape `A|B|C` is the prefix A, the body B
//! repeated, and the suffix C (so `(a|;|)` is one long chain).

use gene_bench::measure::{self, CountingAlloc};

#[global_allocator]
static ALLOC: CountingAlloc = CountingAlloc;

/// `BODY` or `PRE|BODY|POST`, with `\n` written as two characters on the command line.
fn build(shape: &str, size: usize) -> Vec<u8> {
    let shape = shape.replace("\\n", "\n");
    let parts: Vec<&str> = shape.split('|').collect();
    let parts = match parts.as_slice() {
        [b] => ("", *b, ""),
        [p, b, s] => (*p, *b, *s),
        _ => panic!("shape is BODY or PRE|BODY|POST"),
    };
    gene_bench::inputs::dense_input(parts, size)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let size: usize = args[0].parse().expect("size in bytes");
    let mode = args[1].as_str();
    for shape in &args[2..] {
        let src = build(shape, size);
        let (summary, heap) = match mode {
            "full" => measure::measure_heap(|| {
                gene_parser::parse(&src)
                    .map(|d| format!("{d:?}"))
                    .unwrap_or_else(|e| format!("error {e}"))
            }),
            "parallel" => measure::measure_heap(|| {
                gene_parser::parse_parallel(&src, 2)
                    .map(|d| format!("{d:?}"))
                    .unwrap_or_else(|e| format!("error {e}"))
            }),
            "recovering" => measure::measure_heap(|| {
                let (d, e) = gene_parser::parse_recovering(&src);
                format!("{d:?} errors {}", e.len())
            }),
            "incremental" => measure::measure_heap(|| {
                let d = gene_parser::IncrementalDocument::new(&src);
                format!(
                    "forms {} error {:?}",
                    d.form_count(),
                    d.error().map(|e| e.kind())
                )
            }),
            _ => panic!("mode"),
        };
        println!(
            "{:<16} {:>10} B  peak {:>12} B  {:>6.2}x  retained {:>6.2}x  allocs {:>8}  {}",
            shape,
            src.len(),
            heap.peak_bytes,
            heap.peak_bytes as f64 / src.len() as f64,
            heap.retained_bytes as f64 / src.len() as f64,
            heap.allocations,
            summary
        );
    }
}
