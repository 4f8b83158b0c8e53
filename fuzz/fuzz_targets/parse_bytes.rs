//! Arbitrary bytes into the parser: it must never panic or hang, errors must have sane
//! positions, and the recovering parser must not panic either.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match gene_parser::parse(data) {
        Ok(doc) => {
            let _ = doc.dump();
        }
        Err(e) => {
            assert!(e.offset() <= data.len(), "error offset past the end: {e}");
            assert!(e.line() >= 1 && e.column() >= 1, "bad position: {e}");
        }
    }
    let (_, errors) = gene_parser::parse_recovering(data);
    for e in &errors {
        assert!(e.offset() <= data.len(), "recovered error offset past the end: {e}");
    }
});
