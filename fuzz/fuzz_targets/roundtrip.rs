//! Parse, print (both styles), parse again: the canonical dumps must be equal.
#![no_main]

use gene_parser::{PrintStyle, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = parse(data) else {
        return;
    };
    let want = doc.dump();
    for style in [PrintStyle::Compact, PrintStyle::Indented] {
        let printed = doc.print(style);
        let again = match parse(&printed) {
            Ok(again) => again,
            Err(e) => panic!(
                "{style:?} print does not parse: {e}\ninput: {:?}\nprinted: {:?}",
                String::from_utf8_lossy(data),
                String::from_utf8_lossy(&printed)
            ),
        };
        let got = again.dump();
        assert!(
            got == want,
            "{style:?} round trip changed the value\ninput: {:?}\nprinted: {:?}\nwant: {want}got:  {got}",
            String::from_utf8_lossy(data),
            String::from_utf8_lossy(&printed)
        );
    }
});
