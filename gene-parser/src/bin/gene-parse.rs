//! `gene-parse`: the command-line face of gene-parser.
//!
//! ```text
//! gene-parse dump FILE...    canonical dump to stdout (`<error>` for a file that fails)
//! gene-parse check FILE...   one line per file: `FILE: ok` or `FILE:LINE:COL: message`
//! gene-parse check --all-errors FILE...   every error, recovering after each
//! gene-parse stats FILE...   bytes, lines, tokens, nodes, top-level forms, parse time
//! gene-parse stats --repeat N FILE...   the same, with the median time of N parses
//! ```
//! Exit status: 0 when every file parsed, 1 when any had a syntax error, 2 for usage or I/O
//! errors.

use std::io::Write;
use std::process::ExitCode;
use std::time::{Duration, Instant};

// Written with explicit `\n`: a `\` line continuation would strip the indentation.
const USAGE: &str = concat!(
    "usage: gene-parse <dump|check|stats> [--all-errors] [--repeat N] FILE...\n",
    "  dump   print the canonical dump (one line per top-level form)\n",
    "  check  print `ok` or the first syntax error of each file\n",
    "         (--all-errors: every error, resuming at the next top-level form after each)\n",
    "  stats  print bytes, lines, tokens, nodes, top-level forms and parse time\n",
    "         (--repeat N: parse each file N times and report the median time)",
);

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let all_errors = args.iter().any(|a| a == "--all-errors");
    args.retain(|a| a != "--all-errors");
    let runs = match take_repeat(&mut args) {
        Ok(runs) => runs,
        Err(message) => {
            eprintln!("gene-parse: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let (command, files) = match args.split_first() {
        Some((c, f)) if !f.is_empty() && matches!(c.as_str(), "dump" | "check" | "stats") => {
            (c.as_str(), f)
        }
        Some((c, _)) if c == "-h" || c == "--help" => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    if runs.is_some() && command != "stats" {
        eprintln!("gene-parse: --repeat only applies to `stats`\n{USAGE}");
        return ExitCode::from(2);
    }
    let runs = runs.unwrap_or(1);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut status = 0u8;
    for path in files {
        let src = match std::fs::read(path) {
            Ok(src) => src,
            Err(e) => {
                eprintln!("gene-parse: {path}: {e}");
                status = 2;
                continue;
            }
        };
        if all_errors && command == "check" {
            let (_, errors) = gene_parser::parse_recovering(&src);
            let mut written = Ok(());
            for e in &errors {
                written =
                    written.and_then(|_| writeln!(out, "{}", e.clone().with_path(path.as_str())));
            }
            if errors.is_empty() {
                written = written.and_then(|_| writeln!(out, "{path}: ok"));
            } else if status == 0 {
                status = 1;
            }
            if written.is_err() {
                return ExitCode::from(2);
            }
            continue;
        }
        let started = Instant::now();
        let result = gene_parser::parse(&src);
        let mut elapsed = started.elapsed();
        if command == "stats" && runs > 1 && result.is_ok() {
            elapsed = median_parse_time(&src, runs, elapsed);
        }
        let written = match (&result, command) {
            (Ok(doc), "dump") => {
                let mut text = Vec::with_capacity(src.len());
                doc.dump_into(&mut text);
                out.write_all(&text)
            }
            (Err(e), "dump") => {
                eprintln!("{}", e.clone().with_path(path.as_str()));
                out.write_all(b"<error>\n")
            }
            (Ok(_), "check") => writeln!(out, "{path}: ok"),
            (Err(e), "check") => writeln!(out, "{}", e.clone().with_path(path.as_str())),
            (Ok(doc), _) => writeln!(
                out,
                "{path}: bytes={} lines={} tokens={} nodes={} forms={} symbols={} runs={runs} parse_time={:.3}ms throughput={:.1}MB/s",
                src.len(),
                count_lines(&src),
                doc.token_count(),
                doc.node_count(),
                doc.roots().len(),
                doc.symbols().len(),
                elapsed.as_secs_f64() * 1e3,
                src.len() as f64 / elapsed.as_secs_f64().max(1e-9) / 1e6,
            ),
            (Err(e), _) => writeln!(out, "{}", e.clone().with_path(path.as_str())),
        };
        if let Err(e) = written {
            // A closed pipe (`gene-parse dump f | head`) is not worth a message.
            if e.kind() != std::io::ErrorKind::BrokenPipe {
                eprintln!("gene-parse: writing output: {e}");
            }
            return ExitCode::from(2);
        }
        if result.is_err() && status == 0 {
            status = 1;
        }
    }
    if out.flush().is_err() {
        return ExitCode::from(2);
    }
    ExitCode::from(status)
}

/// Removes `--repeat N` from `args` and returns `N`: `None` when absent, an error message when
/// `N` is not a positive integer.
fn take_repeat(args: &mut Vec<String>) -> Result<Option<usize>, String> {
    let Some(at) = args.iter().position(|a| a == "--repeat") else {
        return Ok(None);
    };
    let value = args.get(at + 1).cloned();
    args.drain(at..(at + 2).min(args.len()));
    match value.as_deref().map(str::parse::<usize>) {
        Some(Ok(runs)) if runs > 0 => Ok(Some(runs)),
        _ => Err("--repeat takes a positive number of parses".into()),
    }
}

/// The median time of `runs` parses of `src`, `first` being the time of the one already
/// made. A single parse also pays for first touches of fresh memory and a cold cache; the
/// median of several is what a benchmark would report.
fn median_parse_time(src: &[u8], runs: usize, first: Duration) -> Duration {
    let mut times = Vec::with_capacity(runs);
    times.push(first);
    for _ in 1..runs {
        let started = Instant::now();
        let doc = gene_parser::parse(std::hint::black_box(src));
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
