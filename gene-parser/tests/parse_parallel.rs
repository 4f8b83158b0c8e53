//! A split parse (`parse_parallel`) against the full parse: the same dump, the same storage
//! (every node slot, `extra` word, cooked byte, root, symbol id, token count) and the same
//! errors, at cuts everywhere, on generated files and on text built to defeat the split
//! (strings, comments and interpolations across the cuts, `(` at column 1 inside them,
//! errors on either side of a cut, a BOM, CRLF, no form at column 1, tiny inputs).

mod common;
use common::Rng64 as Rng;

use gene_parser::{
    ParseOptions, SplitReport, parallel_cut_guesses, parse_parallel, parse_parallel_at,
    parse_parallel_with, parse_with, storage_difference,
};

/// Parses `src` split at `cuts` and fully, and fails unless both agree in every respect.
fn check_with(src: &[u8], cuts: &[usize], options: &ParseOptions) -> SplitReport {
    let full = parse_with(src, options);
    // Chunks of 3 nodes: every kind of node meets a chunk boundary in the merge.
    let (split, report) = parse_parallel_at(src, options, cuts, Some(3));
    assert!(!report.recopied, "a node's extra words outside its chunk's");
    let label = || {
        format!(
            "cuts {cuts:?} of {:?}",
            String::from_utf8_lossy(&src[..src.len().min(400)])
        )
    };
    match (&full, &split) {
        (Ok(full), Ok(split)) => {
            assert_eq!(full.dump(), split.dump(), "dump: {}", label());
            if let Some(difference) = storage_difference(full, split) {
                panic!("storage: {difference}: {}", label());
            }
        }
        (Err(full), Err(split)) => assert_eq!(full, split, "error: {}", label()),
        _ => panic!(
            "full parse {:?}, split parse {:?}: {}",
            full.as_ref().err(),
            split.as_ref().err(),
            label()
        ),
    }
    report
}

fn check(src: &[u8], cuts: &[usize]) -> SplitReport {
    check_with(src, cuts, &ParseOptions::default())
}

/// Offsets just after each `\n`.
fn line_starts(src: &[u8]) -> Vec<usize> {
    (1..src.len()).filter(|&i| src[i - 1] == b'\n').collect()
}

/// One cut at each line start, then every pair of consecutive line starts.
fn check_every_line_start(src: &[u8]) -> [usize; 2] {
    let starts = line_starts(src);
    let mut counts = [0; 2];
    for &cut in &starts {
        let report = check(src, &[cut]);
        counts[0] += report.joined;
        counts[1] += report.reparsed;
    }
    for pair in starts.windows(2) {
        check(src, pair);
    }
    counts
}

/// Text where a line starting with `(` lies inside something that is not a form boundary.
const DEFEATING: &[&str] = &[
    // A string across lines, `(` at column 1 inside.
    "(a \"x\n(b)\n(c\" d)\n(e)\n",
    "\"\n(f)\n\"\n(g)\n",
    "(h \"\"\"\n(i)\n\"\"\")\n(j)\n",
    "(k \"a\\\"\n(l)\n\\\"\")\n(m)\n",
    // Block comments and their odd closers, a comment open at the end.
    "(a) #<\n(b)\n># (c)\n(d)\n",
    "(a) #< x #<< y\n(b)\n>># z\n(c) >#\n(d)\n",
    "(a)\n#<\n(b)\n(c)\n",
    "(a) #<>#\n(b)\n",
    // Interpolations with holes, nested forms and segments across lines.
    "(a #\"x #{(f\n(g))} y\")\n(h)\n",
    "#\"\n(a)\n#{b}\n(c)\n\"\n(d)\n",
    "#\"\"\"\n(a)\n#(b\n(c))\n\"\"\"\n(d)\n",
    "(p #\"a#{\"b\n(c)\"}d\")\n(e)\n",
    "#\"a#<\n(n)\n>#b\"\n(c)\n",
    // Line comments, byte literals and `#` at the end of a piece (the look-ahead cases).
    "(a) # c\n(b)\n",
    "(a 0#ff~\n(b)\n",
    "(a 0#ff~#\n(b)\n",
    "(a 0!1010~\n#< c >#\n(b)\n",
    "(a 0*QQ==\n(b) 0#ff~#(\n(c)\n",
    "(a #\n(b)\n",
    "12:30 [Area/City]\n(b)\n",
    "(a 12:30\n[Area/City]\n(b))\n",
    "(a #/x\n(b)/\n(c)\n",
    // Chains, properties, key paths and symbols shared across pieces.
    "(a b; c ^k 1)\n(a ^k^m 2; d)\n(k m a)\n",
    "{^a^b 1 ^a^c 2}\n(x a b c)\n{^b 3}\n",
    "(a/b c\\ d)\n(b/a \"e\\tf\")\n(0x7fffffffff 1.5 0#ff 2024-01-02T10:00Z)\n",
    "#\"#{\"a\\tb\"}c#{\"d\\ne\"}\"\n(x #\"u\\tv#{\"w\"}\")\n",
    // Errors on either side of a cut, and an unterminated form across it.
    "(a ^)\n(b)\n",
    "(a)\n(b ^)\n",
    "(a)\n(b\n(c)\n",
    "(a))\n(b)\n",
    "(a)\n\"open\n(b)\n",
    "(a)\n(b 10px)\n(c {^k 1 ^k 2})\n",
    // A BOM, CRLF, no form at column 1, nearly nothing.
    "\u{feff}(a)\n(b)\n",
    "\u{feff}\n(a)\n",
    "(a)\r\n(b)\r\n\r\n(c \"x\r\n(d)\")\r\n",
    "a b\n  (c)\n [d]\n",
    "",
    "\n",
    "(",
    "\n(",
    "\n)",
    "(a)\n(",
    "(a)\n(\n",
];

#[test]
fn defeating_text_splits_as_it_parses_at_every_line_start() {
    let mut counts = [0; 2];
    for src in DEFEATING {
        let [joined, reparsed] = check_every_line_start(src.as_bytes());
        counts[0] += joined;
        counts[1] += reparsed;
    }
    // Both paths ran: cuts that were proven and joined, and guesses that were wrong.
    assert!(counts[0] > 100 && counts[1] > 20, "{counts:?}");
}

#[test]
fn defeating_text_splits_as_it_parses_at_every_byte() {
    for src in DEFEATING {
        let src = src.as_bytes();
        for cut in 0..=src.len() {
            check(src, &[cut]);
            check(src, &[cut, cut + 2, cut + 5]);
        }
    }
}

#[test]
fn a_wrong_guess_is_parsed_again_and_a_right_one_joined() {
    let src = b"(a \"x\n(b)\n\")\n(c)\n(d)\n";
    let report = check(src, &[6, 13]);
    assert_eq!((report.pieces, report.joined, report.reparsed), (3, 2, 0));
    // The stop of the first piece (13) is past the cut (6): the second piece is dropped, the
    // third (from 10) is parsed again from 13, and the fourth joined.
    let report = check(src, &[6, 10, 17]);
    assert_eq!((report.pieces, report.joined, report.reparsed), (4, 2, 1));
    let report = check(src, &[10, 17]);
    assert_eq!((report.joined, report.reparsed), (2, 1));
}

#[test]
fn a_nul_goes_to_the_sequential_parse() {
    let src = b"(a)\n(b \"\0\")\n(c)\n";
    for cut in 0..src.len() {
        assert!(check(src, &[cut]).sequential || cut == 0);
    }
}

#[test]
fn options_apply_to_every_piece() {
    let options = ParseOptions { max_depth: 3 };
    let src = b"(a (b))\n(c (d (e (f))))\n(g)\n";
    for cut in line_starts(src) {
        check_with(src, &[cut], &options);
    }
}

fn generated(seed: u64, lines: usize, errors: usize) -> Vec<u8> {
    let config = gene_gen::Config::new(seed, lines).with_errors(errors);
    gene_gen::generate(&config).into_bytes()
}

#[test]
fn generated_files_split_as_they_parse_at_every_line_start() {
    for seed in 1..=3 {
        let src = generated(seed, 150, 0);
        let [joined, _] = check_every_line_start(&src);
        assert!(joined > 150, "{joined}");
    }
}

#[test]
fn generated_files_split_as_they_parse_on_many_threads() {
    let mut rng = Rng::new(11);
    for seed in 1..=4 {
        let src = generated(seed, 3000, 0);
        for threads in 1..=4 {
            let report = check(&src, &parallel_cut_guesses(&src, threads));
            assert_eq!(report.joined, threads, "threads {threads}");
        }
        let starts = line_starts(&src);
        for _ in 0..20 {
            let cuts: Vec<usize> = (0..1 + rng.below(6))
                .map(|_| starts[rng.below(starts.len())])
                .collect();
            check(&src, &cuts);
        }
    }
}

#[test]
fn errors_on_either_side_of_a_cut() {
    let mut rng = Rng::new(5);
    for seed in 1..=6 {
        let src = generated(seed, 400, 1 + seed as usize % 3);
        let starts = line_starts(&src);
        let failed = gene_parser::parse(&src).unwrap_err().offset();
        // Cuts just before and after the first error's line, and anywhere.
        let near: Vec<usize> = starts
            .iter()
            .copied()
            .filter(|&s| s + 400 > failed && s < failed + 400)
            .collect();
        for &cut in &near {
            check(&src, &[cut]);
        }
        for _ in 0..20 {
            let cuts: Vec<usize> = (0..1 + rng.below(4))
                .map(|_| starts[rng.below(starts.len())])
                .collect();
            check(&src, &cuts);
        }
    }
}

/// Pieces of text that make `(` at column 1 mean something else, and the usual suspects.
const FRAGMENTS: &[&str] = &[
    "\n(",
    "\n(",
    "\n(",
    "\n(a)",
    "\n(a b)\n",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "#(",
    "#[",
    "#{",
    "\"",
    "\"\"\"",
    "\"s\"",
    "\\",
    "\\\n",
    "'",
    "'a'",
    "\n",
    "\r\n",
    " ",
    "#",
    "# c\n",
    "#<",
    ">#",
    ">>#",
    "#< c >#",
    ";",
    "%",
    "`",
    "^",
    "^k ",
    "^a^b ",
    "#@d ",
    "~",
    "-1",
    "1",
    "1.5",
    "0#ff",
    "0#ff~",
    "0!101",
    "12:35",
    "[Area/City]",
    "2024-01-02",
    "#/",
    "#/a/",
    "/",
    "#\"",
    "#\"\"\"",
    "#{",
    "#{x}",
    "a",
    "b/c",
    "\u{feff}",
    "\0",
];

fn soup(rng: &mut Rng) -> Vec<u8> {
    let mut text = Vec::new();
    for _ in 0..1 + rng.below(30) {
        text.extend_from_slice(rng.pick(FRAGMENTS).as_bytes());
    }
    text
}

#[test]
fn random_soups_split_as_they_parse() {
    let mut rng = Rng::new(3);
    for _ in 0..3000 {
        let text = soup(&mut rng);
        let starts = line_starts(&text);
        let cuts: Vec<usize> = (0..1 + rng.below(4))
            .map(|_| {
                if !starts.is_empty() && rng.chance(70) {
                    starts[rng.below(starts.len())]
                } else {
                    rng.below(text.len() + 1)
                }
            })
            .collect();
        check(&text, &cuts);
    }
}

#[test]
fn parse_parallel_splits_large_input_and_equals_parse() {
    let src = generated(8, 40_000, 0);
    assert!(src.len() > 2 * gene_parser::MIN_PIECE_BYTES);
    let full = gene_parser::parse(&src).unwrap();
    for threads in [0, 1, 2, 3, 4] {
        let split = parse_parallel(&src, threads).unwrap();
        assert_eq!(storage_difference(&full, &split), None, "threads {threads}");
    }
    let options = ParseOptions::default();
    let split = parse_parallel_with(&src, &options, 2).unwrap();
    assert_eq!(full.dump(), split.dump());
    // The guesses on generated code are all right: every piece is joined.
    let (_, report) = parse_parallel_at(&src, &options, &parallel_cut_guesses(&src, 4), None);
    assert_eq!((report.pieces, report.joined, report.reparsed), (4, 4, 0));
}
