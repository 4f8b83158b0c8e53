//! Reading the conformance data files (`tests/data/*.txt`), shared by the test binaries.

#![allow(
    dead_code,
    reason = "each test binary uses a different part of this module"
)]

use std::path::{Path, PathBuf};

/// The data file that holds known-failing vectors; the default runs skip it.
pub const PENDING: &str = "pending_bugs.txt";

/// `gene-parser/tests/data`.
pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

/// Every `*.txt` data file but [`PENDING`], sorted.
pub fn data_files() -> Vec<PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(data_dir())
        .expect("tests/data")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .filter(|p| p.file_name().is_some_and(|n| n != PENDING))
        .collect();
    files.sort();
    files
}

/// Every `in:` input of `file`, with its 1-based line number.
pub fn inputs(file: &Path) -> Vec<(usize, Vec<u8>)> {
    let text = std::fs::read_to_string(file).expect("read test data");
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            line.strip_prefix("in:")
                .map(|lit| (i + 1, json_string(lit)))
        })
        .collect()
}

/// Decodes a JSON string literal (the subset the data files use:
/// `\\ \" \/ \b \f \n \r \t \uXXXX`).
pub fn json_string(lit: &str) -> Vec<u8> {
    let inner = lit
        .trim()
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or_else(|| panic!("not a JSON string: {lit}"));
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next().expect("escape") {
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            '"' => out.push('"'),
            '\\' => out.push('\\'),
            '/' => out.push('/'),
            'u' => {
                let hex: String = chars.by_ref().take(4).collect();
                let code = u32::from_str_radix(&hex, 16).expect("hex");
                out.push(char::from_u32(code).expect("scalar"));
            }
            other => panic!("unsupported JSON escape \\{other}"),
        }
    }
    out.into_bytes()
}

/// A deterministic xorshift generator for the seeded random tests: they need noise that is the
/// same on every machine, not quality.
pub struct Rng(pub u64);

impl Rng {
    /// The next number below `n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// A deterministic xorshift64* generator for the incremental-editing tests, so that every
/// failure reproduces from its seed.
pub struct Rng64(pub u64);

impl Rng64 {
    /// A generator whose state is `seed` spread over the word (never 0).
    pub fn new(seed: u64) -> Rng64 {
        Rng64(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (0 for `n == 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// True with probability `percent`%.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// One of `items`, uniformly.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}
