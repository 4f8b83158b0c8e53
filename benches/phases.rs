//! Where does the time go?
//!
//! On the 10k-line default mix:
//! - `lex`: the lexer alone, every token produced and counted (the `Lexer` iterator, which
//!   takes the block fast path);
//! - `lex_tape`: the same tokens written into a reused `TokenTape`, many per step on a CPU
//!   with AVX-512 (the iterator's tokens otherwise). Lexed over and over, the 10k-line file
//!   lets the branch predictor learn part of the tape's branches; `size_lex_tape` (in the
//!   `size` bench) gives the figures on larger files, where it cannot;
//! - `lex_bytewise`: the same tokens by the byte-at-a-time path, which is the lexing the
//!   parser inlines (so `parse` minus this is the tree building, give or take their overlap);
//! - `parse`: lexing and parsing into a complete document, then dropping it (as `size` does);
//! - `drop`: dropping a finished document, alone (the parse is Criterion's untimed setup).
//!   It replaced `parse_keep`, which kept the documents of a batch alive and so timed parses
//!   into fresh pages: it ran slower than `parse` and said nothing about the drop;
//! - `intern`: interning every symbol token's text into a fresh interner;
//! - `dump`: rendering an already-parsed document to the canonical dump.
//!
//! Elements, shown by Criterion as "elem/s": tokens for `lex`, `lex_tape`, `lex_bytewise` and
//! `parse`; symbol tokens for `intern`; nodes for `dump`. `drop` has no throughput.
//! Criterion 0.8 draws a summary line chart whenever the benchmarks of a group share a
//! throughput kind with different counts; `drop` without one is what leaves it out here.

mod support;

use std::hint::black_box;

use criterion::{
    AxisScale, BatchSize, Criterion, PlotConfiguration, Throughput, criterion_group, criterion_main,
};
use gene_bench::inputs;
use gene_parser::{Interner, Lexer, TokenKind, TokenTape};

fn phases(c: &mut Criterion) {
    let input = inputs::sized(inputs::MEDIUM_LINES);
    input.check_parse();
    let src = input.bytes();
    let mut g = c.benchmark_group("phases");
    // The violin plot's time axis: `drop` (under a microsecond) and `dump` (milliseconds) are
    // four decades apart, and on a linear axis `drop` is invisible.
    g.plot_config(PlotConfiguration::default().summary_scale(AxisScale::Logarithmic));
    // `drop` runs first, before the group has a throughput: freeing a tree reads no input, so
    // it gets none. Its lack of one also keeps Criterion from drawing a summary line chart of
    // time against each phase's element count (tokens, symbols, nodes), which is no size.
    // One document at a time, as a program that parses file after file drops them. With
    // Criterion's batches, dozens of documents were freed together and the allocator gave
    // their pages back to the system on the way: the same drop measured 0.7 µs or 21 µs
    // depending on the batch size Criterion picked. The per-iteration timer adds a few
    // tens of nanoseconds.
    g.bench_function("drop", |b| {
        b.iter_batched(
            || gene_parser::parse(src).expect("the input parses"),
            drop,
            BatchSize::PerIteration,
        )
    });

    g.throughput(Throughput::ElementsAndBytes {
        elements: input.tokens as u64,
        bytes: src.len() as u64,
    });

    assert_eq!(Lexer::new(src).count(), input.tokens);
    g.bench_function("lex", |b| b.iter(|| Lexer::new(black_box(src)).count()));
    assert_eq!(TokenTape::new(src).len(), input.tokens);
    // One tape reused, as a tool that lexes file after file would: a fresh tape per
    // iteration would mostly time the kernel mapping its pages in.
    let mut tape = TokenTape::default();
    g.bench_function("lex_tape", |b| {
        b.iter(|| {
            tape.relex(black_box(src));
            tape.len()
        })
    });
    let bytewise = |src: &[u8]| {
        let mut lexer = Lexer::new(src);
        std::iter::from_fn(|| Some(lexer.next_token_bytewise()))
            .take_while(|t| t.kind != TokenKind::Eof)
            .count()
    };
    assert_eq!(bytewise(src), input.tokens);
    g.bench_function("lex_bytewise", |b| b.iter(|| bytewise(black_box(src))));

    g.bench_function("parse", |b| b.iter(|| gene_parser::parse(black_box(src))));
    // The symbol texts, collected once; the benchmark times only the interning.
    let symbols: Vec<&[u8]> = Lexer::new(src)
        .filter(|t| t.kind == TokenKind::Symbol)
        .map(|t| &src[t.start as usize..t.end as usize])
        .collect();
    let distinct = {
        let mut i = Interner::new();
        for s in &symbols {
            i.intern(s);
        }
        i.len()
    };
    assert!(distinct > 0 && distinct <= symbols.len());
    g.throughput(Throughput::ElementsAndBytes {
        elements: symbols.len() as u64,
        bytes: symbols.iter().map(|s| s.len() as u64).sum(),
    });
    g.bench_function("intern", |b| {
        b.iter(|| {
            let mut interner = Interner::new();
            for s in &symbols {
                interner.intern(black_box(s));
            }
            interner.len()
        })
    });

    let doc = gene_parser::parse(src).expect("the phases input parses");
    let dump = doc.dump();
    assert_eq!(
        dump.lines().count(),
        input.roots,
        "one dump line per top-level form"
    );
    g.throughput(Throughput::ElementsAndBytes {
        elements: input.nodes as u64,
        bytes: dump.len() as u64,
    });
    g.bench_function("dump", |b| b.iter(|| black_box(&doc).dump()));
    g.finish();
}

criterion_group! {
    name = benches;
    config = support::criterion(30, 1, 4);
    targets = phases
}
criterion_main!(benches);
