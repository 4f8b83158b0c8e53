//! What does re-parsing cost after a one-line edit, compared with parsing the file again?
//!
//! The 100k-line default mix. `full_reparse` parses the whole text from scratch;
//! `one_line_edit` applies one edit to an `IncrementalDocument` that holds the parsed file: an
//! identifier on a line near the middle is renamed, and the next iteration renames it back, so
//! every iteration is the same one-word edit and the document never drifts. The ratio of the two
//! medians is the figure of merit (the target is at most 1%).
//! Throughput: bytes of the file for the full parse; one element per edit.

mod support;

use std::hint::black_box;

use criterion::{
    AxisScale, BenchmarkId, Criterion, PlotConfiguration, Throughput, criterion_group,
    criterion_main,
};
use gene_bench::inputs;
use gene_parser::IncrementalDocument;

const LINES: usize = 100_000;

fn incremental(c: &mut Criterion) {
    let input = inputs::sized(LINES);
    input.check_parse();
    let text = std::str::from_utf8(input.bytes()).expect("generated text is UTF-8");

    // The name declared by the first `(var NAME …)` line past the middle of the file.
    let at = text.len() / 2
        + text[text.len() / 2..].find("\n(var ").expect("a var line")
        + "\n(var ".len();
    let len = text[at..].find(' ').expect("a name then a space");
    let old_name = text[at..at + len].to_string();
    let new_name = format!("{old_name}_renamed");
    let there = (at..at + len, new_name.clone());
    let back = (at..at + new_name.len(), old_name);

    let mut doc = IncrementalDocument::new(input.bytes());
    assert!(doc.error().is_none());
    let forms = doc.form_count();
    for (range, name) in [&there, &back] {
        let stats = doc
            .edit(range.clone(), name.as_bytes())
            .expect("a rename keeps the text valid");
        assert_eq!(
            stats.reparsed_forms, 1,
            "a one-line edit re-parses one form: {stats:?}"
        );
        assert_eq!(doc.form_count(), forms);
    }

    let mut g = c.benchmark_group("incremental");
    // The violin plot's time axis: the edit takes microseconds, the full parse milliseconds.
    g.plot_config(PlotConfiguration::default().summary_scale(AxisScale::Logarithmic));
    g.throughput(Throughput::Bytes(input.src.len() as u64));
    g.bench_with_input(
        BenchmarkId::new("full_reparse", LINES),
        input.bytes(),
        |b, src| b.iter(|| gene_parser::parse(black_box(src))),
    );
    g.throughput(Throughput::Elements(1));
    let mut forward = true;
    g.bench_function(BenchmarkId::new("one_line_edit", LINES), |b| {
        b.iter(|| {
            let (range, name) = if forward { &there } else { &back };
            forward = !forward;
            doc.edit(black_box(range.clone()), black_box(name.as_bytes()))
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = support::criterion(30, 2, 6);
    targets = incremental
}
criterion_main!(benches);
