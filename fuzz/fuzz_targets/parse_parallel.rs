//! A split parse equals the full parse: the first two bytes choose up to four cut offsets
//! (as fractions of the input, snapped to the next line start half of the time), the rest is
//! the source; `parse_parallel_at` must give the full parse's storage (`storage_difference`)
//! or the same error, with merge chunks of 1 to 16 nodes that never need a second copy.
#![no_main]

use gene_parser::{ParseOptions, parse_parallel_at, parse_with, storage_difference};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&[count, snap], src)) = data.split_first_chunk::<2>() else {
        return;
    };
    let mut cuts = Vec::new();
    for i in 0..usize::from(count % 5) {
        let at = src.len() * ((usize::from(count) * 37 + i * 101) % 256) / 256;
        let at = if snap & (1 << i) != 0 {
            at + src[at..].iter().position(|&b| b == b'\n').map_or(0, |p| p + 1)
        } else {
            at
        };
        cuts.push(at);
    }
    let options = ParseOptions::default();
    let full = parse_with(src, &options);
    // Merge chunks of 1 to 16 nodes, so that chunk boundaries fall everywhere.
    let chunk = usize::from(snap >> 4) + 1;
    let (split, report) = parse_parallel_at(src, &options, &cuts, Some(chunk));
    assert!(!report.recopied, "cuts {cuts:?}: a node's extra words outside its chunk's");
    match (full, split) {
        (Ok(full), Ok(split)) => {
            if let Some(difference) = storage_difference(&full, &split) {
                panic!("cuts {cuts:?}: {difference}");
            }
        }
        (Err(full), Err(split)) => assert!(full == split, "cuts {cuts:?}: {full} against {split}"),
        (full, split) => panic!("cuts {cuts:?}: {:?} against {:?}", full.err(), split.err()),
    }
});
