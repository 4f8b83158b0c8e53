//! Reading one input, a file or standard input (`-`), never past the parser's size limit.

use std::ffi::OsStr;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// An input that could not be read: what to print after `gene-parse: NAME: `.
pub enum ReadError {
    /// The file system or the stream failed.
    Io(io::Error),
    /// The input holds more bytes than the parser accepts.
    TooLarge { limit: usize },
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "{e}"),
            ReadError::TooLarge { limit } => write!(
                f,
                "input too large (InputTooLarge): more than the limit of {limit} bytes"
            ),
        }
    }
}

/// The name messages give an input: its path, or `<stdin>` for `-`.
pub fn display_name(path: &Path) -> String {
    if is_stdin(path) {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == OsStr::new("-")
}

/// The largest input read: [`gene_parser::MAX_INPUT_LEN`], or less when the hidden
/// `GENE_PARSE_TEST_INPUT_LIMIT` variable says so. The variable exists for the CLI tests, which
/// check the endless-stream case (`/dev/zero`) without reading 2 GiB; it can only lower the limit.
fn input_limit() -> usize {
    std::env::var("GENE_PARSE_TEST_INPUT_LIMIT")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .map_or(gene_parser::MAX_INPUT_LEN, |n| {
            n.min(gene_parser::MAX_INPUT_LEN)
        })
}

/// Reads the whole of `path` (`-` is standard input). Reads at most one byte past the limit, so
/// an endless stream such as `/dev/zero` ends in [`ReadError::TooLarge`] instead of exhausting
/// memory; a regular file larger than the limit is refused before any byte is read.
pub fn read_input(path: &Path) -> Result<Vec<u8>, ReadError> {
    let limit = input_limit();
    if is_stdin(path) {
        return read_bounded(io::stdin().lock(), 0, limit);
    }
    let file = File::open(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if meta.is_dir() {
        return Err(ReadError::Io(io::Error::new(
            io::ErrorKind::IsADirectory,
            "is a directory",
        )));
    }
    // A regular file's length is known: refuse it unread, and read it into one allocation.
    // Devices and pipes report 0 and are read in growing chunks up to the limit.
    let known = if meta.is_file() { meta.len() } else { 0 };
    if known > limit as u64 {
        return Err(ReadError::TooLarge { limit });
    }
    read_bounded(file, known as usize, limit)
}

fn read_bounded(reader: impl Read, expected: usize, limit: usize) -> Result<Vec<u8>, ReadError> {
    let mut buf = Vec::with_capacity(expected.saturating_add(1));
    // A large file is read into fresh memory: mapped in huge pages, the read takes a few
    // faults instead of one per 4 KiB (6,400 for a 26 MB file; see benchmarks/BOTTLENECKS.md).
    gene_parser::advise_huge_pages(&buf);
    reader
        .take(limit as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(ReadError::Io)?;
    if buf.len() > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(buf)
}
