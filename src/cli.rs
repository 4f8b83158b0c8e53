//! Command-line conventions shared by `gene-report` and `gene-gate` (and followed by
//! `gene-parse` and `gene-gen`): standard output that treats a closed pipe as a normal end and
//! any other failed write as a one-line error, percentages parsed within bounds, and input
//! files read with a size limit.

use std::fmt::Display;
use std::io::{self, BufWriter, IsTerminal, Read, StdoutLock, Write};
use std::path::Path;

/// Exit status of a run that found nothing wrong.
pub const EXIT_OK: u8 = 0;
/// Exit status of a run that found something (a regression).
pub const EXIT_FINDINGS: u8 = 1;
/// Exit status of a usage error, an I/O error or an incomplete comparison.
pub const EXIT_ERROR: u8 = 2;

/// Why writing to standard output stopped.
#[derive(Debug)]
pub enum WriteStop {
    /// The reader went away (EPIPE, as in `gene-gate ... | head -1`): a normal, quiet end.
    Closed,
    /// Any other failure (`/dev/full`, a full disk): to be reported.
    Failed(io::Error),
}

impl From<io::Error> for WriteStop {
    fn from(e: io::Error) -> WriteStop {
        if e.kind() == io::ErrorKind::BrokenPipe {
            WriteStop::Closed
        } else {
            WriteStop::Failed(e)
        }
    }
}

/// Writes `text` to standard output and flushes it.
pub fn print_stdout(text: &str) -> Result<(), WriteStop> {
    let mut out: BufWriter<StdoutLock<'static>> = BufWriter::new(io::stdout().lock());
    out.write_all(text.as_bytes())?;
    Ok(out.flush()?)
}

/// Maps the end of writing to an exit status: `ok` when everything was written or the reader
/// closed the pipe, [`EXIT_ERROR`] with the one line `BIN: writing standard output: ERROR`
/// otherwise.
pub fn finish_output(bin: &str, written: Result<(), WriteStop>, ok: u8) -> u8 {
    match written {
        Ok(()) | Err(WriteStop::Closed) => ok,
        Err(WriteStop::Failed(e)) => {
            warn(format_args!("{bin}: writing standard output: {e}"));
            EXIT_ERROR
        }
    }
}

/// Parses the command line like [`clap::Parser::parse`], except that `--help` and `--version`
/// are written by [`print_stdout`]: clap's own printing ignores a failed write and exits 0 on
/// `> /dev/full`, where the convention wants `BIN: writing standard output: ...` and exit 2.
/// Usage errors exit 2 through clap, with its message and suggestion.
pub fn parse_args<P: clap::Parser>(bin: &str) -> P {
    match P::try_parse() {
        Ok(parsed) => parsed,
        Err(e)
            if matches!(
                e.kind(),
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion
            ) =>
        {
            let rendered = e.render();
            let text = if io::stdout().is_terminal() {
                rendered.ansi().to_string()
            } else {
                rendered.to_string()
            };
            std::process::exit(finish_output(bin, print_stdout(&text), EXIT_OK).into())
        }
        Err(e) => e.exit(),
    }
}

/// Prints one line on standard error, ignoring a failing standard error (where `eprintln!`
/// would panic): there is nowhere left to report it.
pub fn warn(line: impl Display) {
    let _ = writeln!(io::stderr().lock(), "{line}");
}

/// The largest percentage a threshold takes: a tenfold slowdown or growth. Larger values would
/// disable the gate without saying so.
pub const MAX_THRESHOLD_PERCENT: f64 = 1000.0;

/// Parses a threshold in percent (`10`, `2.5`, `10%`) into a fraction (`0.10`): a finite number
/// from 0 to [`MAX_THRESHOLD_PERCENT`]. For clap's `value_parser`.
pub fn parse_threshold(text: &str) -> Result<f64, String> {
    let number = text.trim().strip_suffix('%').unwrap_or(text.trim());
    let pct: f64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a percentage (write e.g. 10 or 2.5%)"))?;
    if !pct.is_finite() || !(0.0..=MAX_THRESHOLD_PERCENT).contains(&pct) {
        return Err(format!(
            "{text} is out of range: a threshold is a percentage from 0 to {MAX_THRESHOLD_PERCENT}"
        ));
    }
    Ok(pct / 100.0)
}

/// Reads the whole of `path` (`-` is standard input) as UTF-8 text of at most `limit` bytes;
/// reads at most one byte more, so an endless stream (`/dev/zero`) ends in an error instead of
/// exhausting memory. Errors are one line: `PATH: what failed`.
pub fn read_text_bounded(path: &Path, limit: usize) -> Result<String, String> {
    let name = if path.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    };
    let mut bytes = Vec::new();
    let read = if path.as_os_str() == "-" {
        io::stdin()
            .lock()
            .take(limit as u64 + 1)
            .read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(limit as u64 + 1).read_to_end(&mut bytes))
    };
    read.map_err(|e| format!("{name}: {e}"))?;
    if bytes.len() > limit {
        return Err(format!("{name}: larger than the limit of {limit} bytes"));
    }
    String::from_utf8(bytes).map_err(|e| format!("{name}: not UTF-8: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_are_finite_bounded_percentages() {
        assert_eq!(parse_threshold("10"), Ok(0.10));
        assert_eq!(parse_threshold("2.5%"), Ok(0.025));
        assert_eq!(parse_threshold("0"), Ok(0.0));
        assert_eq!(parse_threshold("1000"), Ok(10.0));
        for bad in [
            "", "%", "-1", "1000.1", "1e400", "inf", "NaN", "ten", "10%%",
        ] {
            assert!(parse_threshold(bad).is_err(), "{bad:?}");
        }
    }
}
