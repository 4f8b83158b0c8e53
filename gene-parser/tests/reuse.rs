//! `Buffers` against `parse`: one set of buffers parses a long sequence of inputs of every
//! size and shape (the conformance vectors, generated files with and without injected errors,
//! in a mixed order so each parse reuses arrays of a different size and content) and must give
//! the same document or the same error as a fresh parse each time.

mod common;

use common::{data_files, inputs};
use gene_parser::{Buffers, Document, ParseOptions};

/// Everything a document shows, for comparing two of them: the dump, counts, storage sizes
/// (not capacities), the symbol table in id order, and the roots.
fn fingerprint(doc: &Document<'_>) -> String {
    let storage = doc.storage();
    let symbols: Vec<_> = doc
        .symbols()
        .iter()
        .map(|(id, name)| (id, name.to_vec()))
        .collect();
    format!(
        "{}\nnodes {} tokens {} storage {} {} {} {} {}\nsymbols {:?}\nroots {:?}",
        doc.dump(),
        doc.node_count(),
        doc.token_count(),
        storage.nodes,
        storage.node_bytes,
        storage.extra_words,
        storage.text_bytes,
        storage.symbols,
        symbols,
        // Indices: the two documents have different tags.
        doc.roots().iter().map(|id| id.index()).collect::<Vec<_>>(),
    )
}

/// Parses `src` with `bufs` and fresh, compares, and gives the document back to `bufs`.
fn check(bufs: &mut Buffers, options: &ParseOptions, src: &[u8], label: &str) -> bool {
    let fresh = gene_parser::parse_with(src, options);
    let reused = bufs.parse(src);
    match (fresh, reused) {
        (Ok(fresh), Ok(reused)) => {
            assert_eq!(fingerprint(&fresh), fingerprint(&reused), "{label}");
            bufs.recycle(reused);
            true
        }
        (Err(fresh), Err(reused)) => {
            assert_eq!(fresh, reused, "{label}");
            assert_eq!(fresh.to_string(), reused.to_string(), "{label}");
            false
        }
        (fresh, reused) => panic!(
            "{label}: fresh parse {:?}, reused {:?}",
            fresh.map(|d| d.dump()),
            reused.map(|d| d.dump())
        ),
    }
}

fn vectors() -> Vec<(String, Vec<u8>)> {
    let mut all = Vec::new();
    for file in data_files() {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        for (line, input) in inputs(&file) {
            all.push((format!("{name}:{line}"), input));
        }
    }
    assert!(all.len() > 300, "{} conformance vectors", all.len());
    all
}

fn generated() -> Vec<(String, Vec<u8>)> {
    let mut all = Vec::new();
    for seed in 0..24u64 {
        // Sizes from a handful of lines to 2,000, so the recycled arrays are sometimes far
        // larger and sometimes far smaller than the next input needs.
        let lines = [3, 40, 600, 2_000][seed as usize % 4];
        let config = gene_gen::Config::new(seed, lines).with_complexity(1 + (seed % 5) as u8);
        all.push((
            format!("generated seed {seed}, {lines} lines"),
            gene_gen::generate(&config).into_bytes(),
        ));
    }
    all
}

#[test]
fn reused_buffers_parse_vectors_and_generated_files_as_parse_does() {
    let vectors = vectors();
    let generated = generated();
    // Interleaved: a generated file after every few vectors, so small inputs follow large ones
    // and the other way round, and errors (which drop the arrays) fall in between.
    let mut bufs = Buffers::new();
    let options = ParseOptions::default();
    let (mut ok, mut failed) = (0, 0);
    let mut next_generated = generated.iter().cycle();
    for (i, (label, src)) in vectors.iter().enumerate() {
        if check(&mut bufs, &options, src, label) {
            ok += 1;
        } else {
            failed += 1;
        }
        if i % 16 == 0 {
            let (label, src) = next_generated.next().unwrap();
            assert!(check(&mut bufs, &options, src, label), "{label} parses");
        }
    }
    // Both branches ran often: the vectors hold inputs to accept and inputs to reject.
    assert!(ok > 100 && failed > 50, "{ok} parsed, {failed} rejected");
    for (label, src) in generated.iter().rev() {
        assert!(check(&mut bufs, &options, src, label), "{label} parses");
    }
}

#[test]
fn reused_buffers_give_the_same_errors_on_generated_files_with_errors() {
    let mut bufs = Buffers::new();
    let options = ParseOptions::default();
    let mut failed = 0;
    for seed in 0..16u64 {
        // A clean file first, so that the next (broken) one starts from used arrays.
        let clean = gene_gen::generate(&gene_gen::Config::new(seed, 300));
        assert!(check(&mut bufs, &options, clean.as_bytes(), "clean"));
        let config = gene_gen::Config::new(seed, 300).with_errors(1 + seed as usize % 3);
        let broken = gene_gen::generate_with_errors(&config).source;
        if !check(
            &mut bufs,
            &options,
            broken.as_bytes(),
            &format!("errors, seed {seed}"),
        ) {
            failed += 1;
        }
    }
    assert!(
        failed >= 12,
        "only {failed} of 16 files with injected errors failed"
    );
}

#[test]
fn reused_buffers_apply_their_options() {
    let options = ParseOptions { max_depth: 3 };
    let mut bufs = Buffers::with_options(options.clone());
    for src in [&b"[[1]]"[..], b"[[[[1]]]]", b"(a (b (c (d))))", b"(a)"] {
        check(&mut bufs, &options, src, &String::from_utf8_lossy(src));
    }
    assert!(bufs.parse(b"[[[[1]]]]").is_err());
}

#[test]
fn a_document_given_back_is_reused_and_its_storage_counted() {
    let src = gene_gen::generate(&gene_gen::Config::new(7, 500));
    let mut bufs = Buffers::new();
    let first = bufs.parse(src.as_bytes()).unwrap();
    let held = first.heap_bytes();
    bufs.recycle(first);
    assert_eq!(bufs.heap_bytes(), held);
    // A smaller document given back after it does not replace the larger arrays...
    let small = gene_parser::parse(b"(a)").unwrap();
    bufs.recycle(small);
    assert_eq!(bufs.heap_bytes(), held);
    // ...and the next parse of the same file needs no more room than it had.
    let second = bufs.parse(src.as_bytes()).unwrap();
    assert_eq!(second.heap_bytes(), held);
    assert_eq!(bufs.heap_bytes(), 0, "the parse took the arrays");
}
