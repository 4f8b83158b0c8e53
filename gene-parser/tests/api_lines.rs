//! The line index (`LineIndex`, `Document::line_col`) against `line_column`, the crate's own
//! rules, at every offset of random texts mixing LF, CR, CRLF, a BOM, multi-byte UTF-8 and
//! invalid UTF-8 (stray continuation bytes, cut sequences, long runs that stress the anchors'
//! restart rule); and a count that queries do not rescan the text.

use gene_parser::{LineIndex, line_column, line_index_query_work};
use proptest::prelude::*;

/// Pieces that each hit one rule: breaks, the BOM (also away from the start, where it is an
/// ordinary character), characters of 1 to 4 bytes, invalid bytes, and long lines.
fn piece() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"\n".to_vec()),
        Just(b"\r".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\n\r".to_vec()),
        Just("\u{feff}".as_bytes().to_vec()),
        Just("é".as_bytes().to_vec()),
        Just("€".as_bytes().to_vec()),
        Just("😀".as_bytes().to_vec()),
        Just(vec![0x80]),
        Just(vec![0xBF, 0x80, 0x80, 0x80, 0x80]),
        Just(vec![0xE2, 0x82]),
        Just(vec![0xF0, 0x9F, 0x98]),
        Just(vec![0xFF]),
        Just(vec![0xC3]),
        "[a-z ()]{1,8}".prop_map(String::into_bytes),
        (
            1usize..200,
            prop_oneof![Just("x"), Just("é"), Just("😀"), Just("\u{80}")]
        )
            .prop_map(|(n, s)| s.repeat(n).into_bytes()),
        (1usize..150).prop_map(|n| vec![0x80; n]),
    ]
}

fn text() -> impl Strategy<Value = Vec<u8>> {
    (any::<bool>(), prop::collection::vec(piece(), 0..40)).prop_map(|(bom, pieces)| {
        let mut out = if bom {
            "\u{feff}".as_bytes().to_vec()
        } else {
            Vec::new()
        };
        pieces.iter().for_each(|p| out.extend_from_slice(p));
        out
    })
}

fn agrees_everywhere(src: &[u8]) -> Result<(), TestCaseError> {
    let index = LineIndex::new(src);
    for offset in 0..=src.len() + 2 {
        prop_assert_eq!(
            index.line_col(offset),
            line_column(src, offset),
            "offset {} of {:?}",
            offset,
            src
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn line_index_agrees_with_line_column_at_every_offset(src in text()) {
        agrees_everywhere(&src)?;
    }

    #[test]
    fn line_index_agrees_on_random_bytes(src in prop::collection::vec(
        prop_oneof![Just(b'\n'), Just(b'\r'), Just(0x80u8), Just(0xE2), Just(0xF0), any::<u8>()],
        0..300,
    )) {
        agrees_everywhere(&src)?;
    }
}

#[test]
fn document_line_col_agrees_on_the_corpus() {
    for entry in std::fs::read_dir("../benchmarks/data/corpus").unwrap() {
        let src = std::fs::read(entry.unwrap().path()).unwrap();
        let doc = gene_parser::parse(&src).unwrap();
        for offset in (0..=src.len()).step_by(7) {
            assert_eq!(doc.line_col(offset), line_column(&src, offset));
        }
    }
}

/// Queries count a bounded stretch of text each (at most 67 bytes), not the text from its
/// start, whatever the shape of the text: many short lines, or one long line of multi-byte
/// characters and stray continuation bytes.
#[test]
fn queries_do_not_rescan() {
    let short_lines = "(fn f [a b] (a + b))\r\n".repeat(5_000).into_bytes();
    let mut one_line = "é😀x".repeat(20_000).into_bytes();
    one_line.extend(vec![0x80; 10_000]);
    for src in [short_lines, one_line] {
        let index = LineIndex::new(&src);
        let queries = 2_000;
        let before = line_index_query_work();
        for q in 0..queries {
            let offset = q * src.len() / queries;
            index.line_col(offset);
        }
        let work = line_index_query_work() - before;
        assert!(
            work <= queries * 67,
            "{work} bytes counted for {queries} queries over {} bytes",
            src.len()
        );
    }
}

/// The lazily built index keeps a document shareable across threads (a `-j` caller may parse
/// on one thread and report on another).
#[test]
fn a_document_with_its_lazy_index_is_send_and_sync() {
    fn shareable<T: Send + Sync + std::panic::RefUnwindSafe>() {}
    shareable::<gene_parser::Document<'static>>();
    shareable::<LineIndex<'static>>();
    let src = b"(a\n b)";
    let doc = gene_parser::parse(src).unwrap();
    std::thread::scope(|s| {
        let answers: Vec<_> = (0..4)
            .map(|i| {
                let doc = &doc;
                s.spawn(move || doc.line_col(i + 3))
            })
            .collect();
        for (i, a) in answers.into_iter().enumerate() {
            assert_eq!(a.join().unwrap(), line_column(src, i + 3));
        }
    });
}
