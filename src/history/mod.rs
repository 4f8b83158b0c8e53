//! The benchmark history: one JSON line per run, and its rendering as a trend plot and a table.
//!
//! A CI run (or a person) appends one [`Record`] per measured commit to a JSON-lines file
//! (`gene-gate history append`); `gene-gate history render` draws the last N records as an SVG
//! of small multiples (one panel per metric, each with its own unit) and a Markdown table with
//! the change at each step. The file is plain text that only grows by whole lines, so it can
//! live on a branch of its own or travel as a CI artifact (README, "History").
//!
//! - [`sources`]: the figures of a record, read from what the suite writes (Criterion's
//!   `new/estimates.json`, gungraun's JSON output, a `gene-report` JSON file);
//! - [`render`]: the Markdown table and the SVG plot.

pub mod render;
pub mod sources;

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// Version of a record's layout; bump it when a field changes meaning.
pub const SCHEMA: u32 = 1;

/// The longest history file read (about 40,000 records of a few hundred bytes): a history that
/// grows past it is to be cut, not read whole.
pub const MAX_HISTORY_LEN: usize = 16 << 20;

/// One run of the suite on one commit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Layout version ([`SCHEMA`]).
    pub schema: u32,
    /// The commit measured (full hash, or whatever names it).
    pub commit: String,
    /// When the run ended, UTC, RFC 3339 (`2026-12-02T01:34:06Z`).
    pub date: String,
    /// The machine: CPU model, logical CPUs, OS and architecture.
    pub machine: String,
    /// `rustc -V` of the toolchain that built the benchmarks.
    pub rustc: String,
    /// Criterion median times in nanoseconds, by benchmark id (`size/10000`).
    #[serde(default)]
    pub medians_ns: BTreeMap<String, f64>,
    /// Instructions executed (Callgrind `Ir`), by gungraun benchmark id (`parse lines_10k`).
    #[serde(default)]
    pub instructions: BTreeMap<String, u64>,
    /// Peak heap during a parse in bytes, by gene-report input (`mix-10000`).
    #[serde(default)]
    pub peak_heap_bytes: BTreeMap<String, u64>,
}

impl Record {
    /// The record as one line of JSON (no newline).
    pub fn to_line(&self) -> String {
        serde_json::to_string(self).expect("a record serializes")
    }

    /// True when the record holds no figure at all: appending it would record nothing.
    pub fn is_empty(&self) -> bool {
        self.medians_ns.is_empty()
            && self.instructions.is_empty()
            && self.peak_heap_bytes.is_empty()
    }
}

/// Parses a history file's text: one record per non-empty line. An unreadable line is an error
/// naming its line number, never skipped, so a damaged history is noticed.
pub fn parse(text: &str, name: &str) -> Result<Vec<Record>, String> {
    let mut records = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let record: Record = serde_json::from_str(line)
            .map_err(|e| format!("{name}:{}: not a history record: {e}", i + 1))?;
        if record.schema != SCHEMA {
            return Err(format!(
                "{name}:{}: record schema {} (this gene-gate reads {SCHEMA})",
                i + 1,
                record.schema
            ));
        }
        records.push(record);
    }
    Ok(records)
}

/// Appends `record` as one line to `path`, creating the file if needed. A file that does not
/// end in a newline (a line cut by an interrupted write) gets one first, so the new record
/// stays a line of its own.
pub fn append(path: &Path, record: &Record) -> Result<(), String> {
    let needs_newline = match std::fs::read(path) {
        Ok(bytes) => bytes.last().is_some_and(|&b| b != b'\n'),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let line = format!(
        "{}{}\n",
        if needs_newline { "\n" } else { "" },
        record.to_line()
    );
    file.write_all(line.as_bytes())
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// The current time, UTC, as RFC 3339 to the second.
pub fn now_utc() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    rfc3339(secs)
}

/// Seconds since the Unix epoch as `YYYY-MM-DDTHH:MM:SSZ` (proleptic Gregorian calendar).
pub fn rfc3339(unix_secs: u64) -> String {
    let days = (unix_secs / 86_400) as i64;
    let rem = unix_secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

/// Howard Hinnant's `civil_from_days`: days since 1970-01-01 to (year, month, day).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// The machine as one line: `CPU model, N CPUs, os/arch`.
pub fn machine_description() -> String {
    let m = crate::report::Machine::current();
    format!("{}, {} CPUs, {}/{}", m.cpu, m.cpus, m.os, m.arch)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_rfc3339_utc() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_798_853_646), "2027-01-02T01:34:06Z");
        assert_eq!(rfc3339(4_107_542_399), "2100-02-28T23:59:59Z");
    }
}
