//! `gene-parse stats`: counts and parse time of one input, as a `key=value` line or as JSON.

use std::time::{Duration, Instant};

use serde::Serialize;

/// One input's statistics; also the shape of one line of `stats --json` (JSON Lines, one
/// object per input, every key always present, `null` where it does not apply).
#[derive(Serialize)]
pub struct Stats {
    /// The input's name (`<stdin>` for `-`).
    pub path: String,
    /// True when the input parsed.
    pub ok: bool,
    /// Input length in bytes.
    pub bytes: usize,
    /// Lines as an editor counts them.
    pub lines: usize,
    /// Tokens of the document (`null` on a syntax error).
    pub tokens: Option<usize>,
    /// AST nodes (`null` on a syntax error).
    pub nodes: Option<usize>,
    /// Top-level forms (`null` on a syntax error).
    pub forms: Option<usize>,
    /// Distinct symbols (`null` on a syntax error).
    pub symbols: Option<usize>,
    /// Number of timed parses (`--repeat`).
    pub runs: u64,
    /// Median parse time in milliseconds (`null` on a syntax error).
    pub parse_time_ms: Option<f64>,
    /// Input bytes per second of median parse time, in 10^6 bytes (`null` on a syntax error).
    pub throughput_mb_s: Option<f64>,
    /// The syntax error (`null` when the input parsed).
    pub error: Option<ErrorJson>,
}

/// A syntax error in `stats --json`.
#[derive(Serialize)]
pub struct ErrorJson {
    /// The error kind's name, e.g. `UnclosedString`.
    pub kind: &'static str,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// Byte offset.
    pub offset: usize,
    /// The message without position.
    pub message: String,
}

impl Stats {
    /// Parses `src` `runs` times (each on `split` threads, see [`crate::parse`]) and collects
    /// its statistics.
    pub fn measure(
        path: String,
        src: &[u8],
        runs: u64,
        split: usize,
    ) -> (Stats, Option<gene_parser::Error>) {
        let started = Instant::now();
        let result = crate::parse(src, split);
        let first = started.elapsed();
        let mut stats = Stats {
            path,
            ok: result.is_ok(),
            bytes: src.len(),
            lines: count_lines(src),
            tokens: None,
            nodes: None,
            forms: None,
            symbols: None,
            runs,
            parse_time_ms: None,
            throughput_mb_s: None,
            error: None,
        };
        match result {
            Ok(doc) => {
                stats.tokens = Some(doc.token_count());
                stats.nodes = Some(doc.node_count());
                stats.forms = Some(doc.roots().len());
                stats.symbols = Some(doc.symbols().len());
                // Dropped before the other parses, so that they start from the same heap.
                drop(doc);
                let elapsed = if runs > 1 {
                    median_parse_time(src, runs, first, split)
                } else {
                    first
                };
                let secs = elapsed.as_secs_f64();
                stats.parse_time_ms = Some(secs * 1e3);
                stats.throughput_mb_s = Some(src.len() as f64 / secs.max(1e-9) / 1e6);
                (stats, None)
            }
            Err(e) => {
                stats.error = Some(ErrorJson {
                    kind: e.kind().name(),
                    line: e.line(),
                    column: e.column(),
                    offset: e.offset(),
                    message: e.message().to_string(),
                });
                (stats, Some(e))
            }
        }
    }

    /// The text form: `PATH: bytes=.. lines=.. tokens=.. nodes=.. forms=.. symbols=.. runs=..
    /// parse_time=..ms throughput=..MB/s`, for an input that parsed.
    pub fn text_line(&self) -> String {
        format!(
            "{}: bytes={} lines={} tokens={} nodes={} forms={} symbols={} runs={} parse_time={:.3}ms throughput={:.1}MB/s",
            self.path,
            self.bytes,
            self.lines,
            self.tokens.unwrap_or(0),
            self.nodes.unwrap_or(0),
            self.forms.unwrap_or(0),
            self.symbols.unwrap_or(0),
            self.runs,
            self.parse_time_ms.unwrap_or(0.0),
            self.throughput_mb_s.unwrap_or(0.0),
        )
    }
}

/// The median time of `runs` parses of `src`, `first` being the time of the one already made.
/// A single parse also pays for first touches of fresh memory and a cold cache; the median of
/// several is what a benchmark would report. `runs` is bounded by the command line (at most
/// 1,000,000), so the times take at most 16 MB.
fn median_parse_time(src: &[u8], runs: u64, first: Duration, split: usize) -> Duration {
    let runs = usize::try_from(runs).expect("--repeat is bounded to 1,000,000");
    let mut times = Vec::with_capacity(runs);
    times.push(first);
    for _ in 1..runs {
        let started = Instant::now();
        let doc = crate::parse(std::hint::black_box(src), split);
        times.push(started.elapsed());
        // Dropped after the clock stops, as the first parse's document is.
        drop(std::hint::black_box(doc));
    }
    times.sort_unstable();
    times[runs / 2]
}

/// Lines as an editor counts them: breaks (LF, CR, CRLF), plus a last line without one.
fn count_lines(src: &[u8]) -> usize {
    let breaks = memchr::memchr2_iter(b'\n', b'\r', src)
        .filter(|&i| !(src[i] == b'\n' && i > 0 && src[i - 1] == b'\r'))
        .count();
    let unterminated_last = !src.is_empty() && !matches!(src.last(), Some(b'\n' | b'\r'));
    breaks + unterminated_last as usize
}
