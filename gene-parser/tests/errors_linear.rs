//! Error paths are linear: `parse_recovering` (what `gene-parse check --all-errors` runs) does
//! work proportional to its input whatever the number and density of errors.
//!
//! No clock: each shape is built at 1x and 8x, and the work the recovering parse reports
//! (bytes lexed, lexed again to skip failed forms, examined for lines and columns, and written
//! into messages; see `gene_parser::recovery_work`) must grow about 8 times (under 16), not
//! 64, and stay under 12 bytes of work per input byte (messages: under `MAX_MESSAGE_LEN` per
//! error). The
//! shapes are the ones that were quadratic (one mismatched delimiter per line, NUL runs, random
//! punctuation) and the others that could be: many errors on one long line, forms left open to
//! the end, strings left open at the top of the file, stray closers, errors found behind the
//! parser (a duplicate key after a long value, where recovery resumes inside the value).

mod common;
use common::Rng;

use gene_parser::{MAX_MESSAGE_LEN, RecoveryWork, recovery_work};

/// Random text over Gene's punctuation (and a few letters, digits, spaces and line breaks).
fn punctuation_soup(len: usize, seed: u64) -> Vec<u8> {
    let alphabet = b"()[]{}#\"'`%^;:,./\\ \n@!=-01aZ\t";
    let mut rng = Rng(seed);
    (0..len)
        .map(|_| alphabet[rng.below(alphabet.len())])
        .collect()
}

/// Builds a shape at scale `n` (a count of repetitions).
type Shape = fn(usize) -> Vec<u8>;

/// Every shape, by name.
fn shapes() -> Vec<(&'static str, Shape)> {
    vec![
        ("mismatched delimiter per line", |n| b"(a ]\n".repeat(n)),
        ("mismatched delimiters on one line", |n| b"(a ] ".repeat(n)),
        ("opener far above its wrong closer", |n| {
            let mut s = b"(a\n".to_vec();
            s.extend(b"  (b c)\n".repeat(n));
            s.extend(b"]\n(x ]\n".repeat(n));
            s
        }),
        ("run of NUL bytes", |n| vec![0; n * 8]),
        ("NULs after an error, one per line", |n| {
            let mut s = b"(f ^a)\n".to_vec();
            s.extend(b"(a \0 b)\n".repeat(n));
            s
        }),
        ("punctuation soup", |n| punctuation_soup(n * 64, 7)),
        ("punctuation soup, another seed", |n| {
            punctuation_soup(n * 64, 99)
        }),
        ("forms left open to the end", |n| b"(\n".repeat(n)),
        ("open form then many broken forms", |n| {
            let mut s = b"(a (b)\n".to_vec();
            s.extend(b"(c ^d)\n{e}\n".repeat(n));
            s
        }),
        ("string left open at the top", |n| {
            let mut s = b"\"".to_vec();
            s.extend(b"(a ]\n\x1b\r".repeat(n));
            s
        }),
        ("a quote per line", |n| b"(a \"\n".repeat(n)),
        ("stray closers", |n| b")]}\n  ) ]\n".repeat(n)),
        ("missing property values", |n| b"(f ^a)\n  (g ^b)".repeat(n)),
        ("bad literals", |n| {
            b"12abc 0xZZ 'ab' \"\\u12\" 10-5 #/a/g ".repeat(n)
        }),
        ("duplicate keys found after long values", |n| {
            // The error is behind the parser, so the column-1 stop resumes inside the value.
            let mut s = Vec::new();
            for _ in 0..n / 100 {
                s.extend(b"{^a 1 ^a [\n");
                s.extend(b"x {^b 1 ^b 2}\n".repeat(100));
                s.extend(b"]}\n");
            }
            s
        }),
        // The lexer hands a malformed regex over as running to the end of input: recovery
        // must not take that as read (nor skip the column-1 stop after it).
        ("malformed regexes looked ahead at", |n| {
            b"{#/a/1}\n(#/b/g)\n".repeat(n)
        }),
        ("long keys in errors", |n| {
            let mut s = b"{^".to_vec();
            s.extend(b"k".repeat(n * 8));
            s.extend(b" 1 ^");
            s.extend(b"k".repeat(n * 8));
            s.extend(b" 2}\n");
            s
        }),
    ]
}

fn work(src: &[u8]) -> (usize, RecoveryWork) {
    recovery_work(src)
}

#[test]
fn every_error_path_does_linear_work() {
    const N: usize = 2_000;
    for (name, shape) in shapes() {
        let (small, large) = (shape(N), shape(8 * N));
        let (errors_small, work_small) = work(&small);
        let (errors_large, work_large) = work(&large);
        assert!(errors_small > 0, "{name}: no error at 1x");
        // Linear work grows with the input, about 8 times (random shapes vary: the work per
        // byte may differ by a little between sizes); quadratic work would grow 64 times.
        let ratio = work_large.total() as f64 / work_small.total() as f64;
        assert!(
            ratio < 16.0,
            "{name}: work grew {ratio:.1} times for 8 times the input \
             (1x: {work_small:?}, {errors_small} errors; 8x: {work_large:?}, {errors_large} errors)"
        );
        // And the work is a small multiple of the input (messages: of the errors), not merely
        // of the small input's work.
        let scanning = work_large.total() - work_large.message_bytes;
        assert!(
            scanning <= 12 * large.len()
                && work_large.message_bytes <= errors_large * MAX_MESSAGE_LEN,
            "{name}: {work_large:?} for {} bytes, {errors_large} errors",
            large.len()
        );
    }
}

#[test]
fn dense_shapes_report_one_error_per_defect() {
    let n = 1_000;
    for (name, src, expected) in [
        ("mismatched per line", b"(a ]\n".repeat(n), n),
        ("mismatched on one line", b"(a ] ".repeat(n), n),
        ("NUL run", vec![0; n], n),
        ("stray closers", b")]}\n".repeat(n), 3 * n),
        ("malformed regexes", b"{#/a/1}\n(#/b/g)\n".repeat(n), 2 * n),
    ] {
        assert_eq!(work(&src).0, expected, "{name}");
    }
}
