//! The last line of `gene-parse stats` over a directory: sums over every input.

use std::time::Duration;

use serde::Serialize;

use crate::Outcome;

/// Sums over the inputs of one run; also the shape of the `--json` total object
/// (`{"total": {...}}`, every key always present).
#[derive(Default, Serialize)]
pub struct Total {
    /// Inputs processed (read or not).
    pub files: usize,
    /// Inputs that parsed.
    pub ok: usize,
    /// Inputs with a syntax error.
    pub syntax_errors: usize,
    /// Inputs that could not be read, and parts of a tree that could not be walked.
    pub unreadable: usize,
    /// Bytes of every input read.
    pub bytes: usize,
    /// Lines of every input read.
    pub lines: usize,
    /// Tokens of the inputs that parsed.
    pub tokens: usize,
    /// AST nodes of the inputs that parsed.
    pub nodes: usize,
    /// Top-level forms of the inputs that parsed.
    pub forms: usize,
    /// Sum of the per-input parse times (each the median of `--repeat`) of the inputs that
    /// parsed, in milliseconds: CPU time across threads, not elapsed time.
    pub parse_time_ms: f64,
    /// Bytes of the inputs that parsed over `parse_time_ms`, in 10^6 bytes per second: the
    /// speed of one core.
    pub throughput_mb_s: f64,
    /// Elapsed time of the whole run (walking, reading, parsing, writing), in milliseconds.
    pub wall_time_ms: f64,
    /// Threads used: `-j` (default: all cores), or the number of inputs when there are fewer.
    pub jobs: usize,
    /// Bytes of the inputs that parsed (for the throughput).
    #[serde(skip)]
    parsed_bytes: usize,
}

impl Total {
    /// Adds one input's outcome.
    pub(crate) fn add(&mut self, outcome: &Outcome) {
        self.files += 1;
        if outcome.unreadable {
            self.unreadable += 1;
            return;
        }
        let Some(stats) = &outcome.stats else { return };
        self.bytes += stats.bytes;
        self.lines += stats.lines;
        if !stats.ok {
            self.syntax_errors += 1;
            return;
        }
        self.ok += 1;
        self.parsed_bytes += stats.bytes;
        self.tokens += stats.tokens.unwrap_or(0);
        self.nodes += stats.nodes.unwrap_or(0);
        self.forms += stats.forms.unwrap_or(0);
        self.parse_time_ms += stats.parse_time_ms.unwrap_or(0.0);
    }

    /// Sets the run's elapsed time and thread count, and the throughput.
    pub fn finish(mut self, wall: Duration, jobs: usize) -> Total {
        self.wall_time_ms = wall.as_secs_f64() * 1e3;
        self.jobs = jobs;
        self.throughput_mb_s = if self.parse_time_ms > 0.0 {
            self.parsed_bytes as f64 / (self.parse_time_ms / 1e3) / 1e6
        } else {
            0.0
        };
        self
    }

    /// The text form (see `gene-parse stats --help`).
    pub fn text_line(&self) -> String {
        format!(
            "total: files={} ok={} syntax_errors={} unreadable={} bytes={} lines={} tokens={} nodes={} forms={} parse_time={:.3}ms throughput={:.1}MB/s wall_time={:.3}ms jobs={}",
            self.files,
            self.ok,
            self.syntax_errors,
            self.unreadable,
            self.bytes,
            self.lines,
            self.tokens,
            self.nodes,
            self.forms,
            self.parse_time_ms,
            self.throughput_mb_s,
            self.wall_time_ms,
            self.jobs,
        )
    }

    /// The JSON form: `{"total": {...}}`.
    pub fn json(&self) -> String {
        // Through a struct, not `json!` (whose map would sort the keys): the keys keep the
        // order of the text line.
        let inner = serde_json::to_string(self).expect("the total serializes to JSON");
        format!("{{\"total\":{inner}}}")
    }
}
