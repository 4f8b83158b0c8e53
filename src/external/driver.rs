//! gene-parser behind the protocol (`gene-external protocol [--repeat N] FILE`): the baseline
//! column, measured through a child process exactly as every external implementation is.

use std::io::Read;
use std::path::Path;
use std::time::Instant;

use super::protocol::HEADER;

/// The largest input the driver reads: the parser's own limit.
const MAX_INPUT: u64 = gene_parser::MAX_INPUT_LEN as u64;

/// Runs the driver: without `repeat` the canonical dump, with it the protocol's timed answer.
/// Returns the text for standard output, or the exit status and the one-line error.
pub fn answer(file: &Path, repeat: Option<u64>) -> Result<Vec<u8>, (u8, String)> {
    let mut src = Vec::new();
    std::fs::File::open(file)
        .and_then(|f| f.take(MAX_INPUT + 1).read_to_end(&mut src))
        .map_err(|e| (2, format!("{}: {e}", file.display())))?;
    if src.len() as u64 > MAX_INPUT {
        return Err((2, format!("{}: input too large", file.display())));
    }
    let doc = gene_parser::parse(&src)
        .map_err(|e| (1, e.with_path(file.display().to_string()).to_string()))?;
    let Some(repeat) = repeat else {
        let mut out = Vec::with_capacity(src.len());
        doc.dump_into(&mut out);
        return Ok(out);
    };
    let forms = doc.roots().len();
    drop(doc);
    let mut out = format!("{HEADER}\nforms {forms}\n");
    for _ in 0..repeat {
        let started = Instant::now();
        let doc = gene_parser::parse(std::hint::black_box(&src));
        let ns = started.elapsed().as_nanos();
        // Dropped after the clock stops: the protocol times parsing, and so does every driver.
        drop(std::hint::black_box(doc));
        out.push_str(&format!("parse_ns {ns}\n"));
    }
    Ok(out.into_bytes())
}
