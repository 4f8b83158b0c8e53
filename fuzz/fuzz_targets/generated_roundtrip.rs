//! Generator output through print and re-parse: the fuzzer chooses the generator's settings
//! (seed, size, complexity, pattern mix), and every file it generates must parse, and print
//! (both styles) to text that parses back to the same canonical dump.
#![no_main]

use gene_gen::{Config, Mix, Pattern};
use gene_parser::{PrintStyle, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut bytes = [0u8; 20];
    let n = data.len().min(20);
    bytes[..n].copy_from_slice(&data[..n]);
    let seed = u64::from_le_bytes(bytes[..8].try_into().unwrap());
    let lines = 1 + usize::from(u16::from_le_bytes([bytes[8], bytes[9]]) % 400);
    let complexity = 1 + bytes[10] % 5;
    let mut mix = Mix::none();
    for (i, pattern) in Pattern::ALL.iter().enumerate() {
        mix.set(*pattern, u32::from(bytes[11 + i] % 4));
    }
    if mix.total() == 0 {
        mix = Mix::default();
    }
    let src = gene_gen::generate(&Config::new(seed, lines).with_complexity(complexity).with_mix(mix));
    let doc = parse(src.as_bytes()).unwrap_or_else(|e| panic!("generated file does not parse: {e}\n{src}"));
    let want = doc.dump();
    for style in [PrintStyle::Compact, PrintStyle::Indented] {
        let printed = doc.print(style);
        let again = parse(&printed).unwrap_or_else(|e| panic!("{style:?} print does not parse: {e}"));
        assert!(again.dump() == want, "{style:?} round trip changed the value of:\n{src}");
    }
});
