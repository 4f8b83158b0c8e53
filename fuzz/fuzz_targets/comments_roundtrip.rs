//! Parse, print with comments (both styles), parse again: the canonical dumps must be equal,
//! the comments must come back with the same texts in the same order, and a second print must
//! give the same text (`Document::print_with_comments`'s promise).
#![no_main]

use gene_parser::{PrintStyle, comments, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = parse(data) else {
        return;
    };
    let want = doc.dump();
    let found = comments(data);
    let texts: Vec<&[u8]> = found.iter().map(|c| c.text(data)).collect();
    for style in [PrintStyle::Compact, PrintStyle::Indented] {
        let printed = doc.print_with_comments(&found, style);
        let show = || {
            format!(
                "{style:?}\ninput: {:?}\nprinted: {:?}",
                String::from_utf8_lossy(data),
                String::from_utf8_lossy(&printed)
            )
        };
        let again = match parse(&printed) {
            Ok(again) => again,
            Err(e) => panic!("the print does not parse: {e}\n{}", show()),
        };
        assert!(again.dump() == want, "the value changed\n{}", show());
        let found_again = comments(&printed);
        let texts_again: Vec<&[u8]> = found_again.iter().map(|c| c.text(&printed)).collect();
        assert!(texts_again == texts, "the comments changed\n{}", show());
        let twice = again.print_with_comments(&found_again, style);
        assert!(
            twice == printed,
            "a second print differs: {:?}\n{}",
            String::from_utf8_lossy(&twice),
            show()
        );
    }
});
