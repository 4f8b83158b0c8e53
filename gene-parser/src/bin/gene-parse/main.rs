//! `gene-parse`: the command-line face of gene-parser.
//!
//! ```text
//! gene-parse dump FILE...                 canonical dump to stdout (`<error>` for a file that fails)
//! gene-parse check [--all-errors] [-j N] PATH...  one line per file: `FILE: ok` or `FILE:LINE:COL: message`
//! gene-parse stats [--repeat N] [--json] [-j N] PATH...  bytes, lines, tokens, nodes, forms, parse time
//! gene-parse completions SHELL            a completion script for bash, zsh, fish, ...
//! ```
//! `-` reads standard input. `check` and `stats` take directories too (every `*.gene` file
//! under them, sorted; see `walk`) and parse on `-j N` threads (default: all cores), writing
//! the same bytes in the same order at any `-j`; a single input of 1 MiB or more (not with
//! `--all-errors`) is itself parsed on the `-j` threads (`gene_parser::parse_parallel`, which
//! builds the same document). Exit status: 0 when every file parsed, 1 when any had a syntax
//! error, 2 for usage or I/O errors (an I/O error wins over a syntax error).

mod input;
mod output;
mod stats;
mod total;
mod walk;

use std::io::{IsTerminal, Write};
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::error::ErrorKind;
use clap::{CommandFactory, Parser, Subcommand, value_parser};

use gene_parser::{MAX_JOBS, Workers};
use input::{display_name, read_input};
use output::{Out, WriteStop, warn};
use stats::Stats;
use total::Total;
use walk::Entry;

const EXIT_CODES: &str = "\
Exit status:
  0  every input parsed
  1  some input has a syntax error
  2  usage error, or an input or the output could not be read or written
     (a closed output pipe, as in `gene-parse dump f | head`, ends the run quietly)";

/// Parse Gene source: print its canonical dump, check it, or measure it.
#[derive(Parser)]
#[command(name = "gene-parse", version, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the canonical dump, one line per top-level form (`<error>` for a file that fails,
    /// the error on standard error)
    #[command(after_help = EXIT_CODES)]
    Dump(Inputs),
    /// Print `FILE: ok` or the first syntax error of each file as `FILE:LINE:COL: message`
    #[command(after_help = EXIT_CODES)]
    Check {
        /// Report every error, resuming at the next top-level form after each
        #[arg(long)]
        all_errors: bool,
        #[command(flatten)]
        inputs: TreeInputs,
    },
    /// Print bytes, lines, tokens, nodes, top-level forms, symbols and parse time of each file
    #[command(after_help = STATS_HELP)]
    Stats {
        /// Parse each file N times and report the median time (1 to 1000000)
        #[arg(long, value_name = "N", default_value_t = 1,
              value_parser = value_parser!(u64).range(1..=MAX_REPEAT))]
        repeat: u64,
        /// One JSON object per file (JSON Lines) instead of `key=value` text
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        inputs: TreeInputs,
    },
    /// Print a shell completion script (e.g. `gene-parse completions bash > gene-parse.bash`)
    Completions {
        /// The shell to complete for
        shell: clap_complete::Shell,
    },
}

/// The input files of a subcommand.
#[derive(clap::Args)]
struct Inputs {
    /// Gene source files; `-` reads standard input
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
}

/// The inputs of `check` and `stats`: files or directories, and the thread count.
#[derive(clap::Args)]
struct TreeInputs {
    /// Gene source files, or directories (every `*.gene` file under them, recursively, in
    /// sorted order); `-` reads standard input
    #[arg(required = true, value_name = "PATH")]
    files: Vec<PathBuf>,
    /// Parse on N threads (1 to 1024; default: all cores). Files are parsed in parallel;
    /// a single input of 1 MiB or more is itself split between its top-level forms and
    /// parsed on N threads (faster, at up to twice the peak memory of one thread). The output is
    /// the same at any N
    #[arg(short = 'j', long, value_name = "N",
          value_parser = value_parser!(u16).range(1..=MAX_JOBS as i64))]
    jobs: Option<u16>,
}

/// The most parses `stats --repeat` makes of one file: the median needs every time kept, so
/// this bounds its memory (16 MB) as well as the run.
const MAX_REPEAT: u64 = 1_000_000;

const STATS_HELP: &str = "\
JSON output (--json): one object per line and input, every key always present:
  {\"path\", \"ok\", \"bytes\", \"lines\", \"tokens\", \"nodes\", \"forms\", \"symbols\", \"runs\",
   \"parse_time_ms\", \"throughput_mb_s\", \"error\"}
  counts and times are null when the input has a syntax error; \"error\" is then
  {\"kind\", \"line\", \"column\", \"offset\", \"message\"}, else null.

Directories: when a PATH is a directory, a last line sums every input:
  total: files=.. ok=.. syntax_errors=.. unreadable=.. bytes=.. lines=.. tokens=.. nodes=..
         forms=.. parse_time=..ms throughput=..MB/s wall_time=..ms jobs=..
  (with --json, one last object {\"total\": {the same keys, times as parse_time_ms,
  throughput_mb_s, wall_time_ms}}). bytes and lines count every file read; tokens, nodes,
  forms and parse_time the files that parsed; throughput is their bytes over parse_time (the
  sum of per-file times, so per core); wall_time is the whole run, reading included.

Exit status:
  0  every input parsed
  1  some input has a syntax error
  2  usage error, or an input or the output could not be read or written
     (a closed output pipe ends the run quietly)";

/// The run's exit status, worst first: I/O (2) over syntax errors (1) over success (0).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Status {
    Ok = 0,
    SyntaxError = 1,
    Failed = 2,
}

fn main() -> ExitCode {
    let cli = parse_args();
    let mut out = Out::stdout();
    let mut status = Status::Ok;
    let ended = run(cli.command, &mut out, &mut status).and_then(|()| out.flush());
    match ended {
        Ok(()) | Err(WriteStop::Closed) => {}
        Err(WriteStop::Failed(e)) => {
            warn(format_args!("gene-parse: writing standard output: {e}"));
            status = Status::Failed;
        }
    }
    ExitCode::from(status as u8)
}

/// Parses the command line like `Cli::parse`, except that `--help` and `--version` go through
/// [`Out`]: clap's own printing ignores a failed write (exit 0 on `> /dev/full`). Usage errors
/// exit 2 through clap, with its message and suggestion.
fn parse_args() -> Cli {
    match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            let rendered = e.render();
            let text = if std::io::stdout().is_terminal() {
                rendered.ansi().to_string()
            } else {
                rendered.to_string()
            };
            let mut out = Out::stdout();
            let status = match out.bytes(text.as_bytes()).and_then(|()| out.flush()) {
                Ok(()) | Err(WriteStop::Closed) => Status::Ok,
                Err(WriteStop::Failed(e)) => {
                    warn(format_args!("gene-parse: writing standard output: {e}"));
                    Status::Failed
                }
            };
            std::process::exit(status as i32)
        }
        Err(e) => e.exit(),
    }
}

fn run(command: Command, out: &mut Out, status: &mut Status) -> Result<(), WriteStop> {
    let (inputs, job) = match command {
        Command::Dump(inputs) => {
            // One file after another, directories refused: a dump of a tree is one stream
            // with no file names in it.
            let files = inputs.files.into_iter().map(Entry::File);
            let workers = Workers::new(1).expect("one job is in range");
            return run_on(&workers, files, Job::Dump, 1, out, status).map(|_| ());
        }
        Command::Check { all_errors, inputs } => (inputs, Job::Check { all_errors }),
        Command::Stats {
            repeat,
            json,
            inputs,
        } => (inputs, Job::Stats { repeat, json }),
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "gene-parse", &mut script);
            return out.bytes(&script);
        }
    };
    let started = Instant::now();
    let jobs = inputs
        .jobs
        .map_or_else(Workers::available_jobs, usize::from);
    // No more threads than inputs: idle pool threads look for work before they sleep, and a
    // thousand of them doing so on two cores took 14 s for a one-file `check -j 1024`. The
    // first `jobs` inputs are listed to know (at most 1,024 paths).
    let mut entries = walk::expand(&inputs.files);
    let first: Vec<Entry> = entries.by_ref().take(jobs).collect();
    // One input: its own parse takes the threads (when it is large enough to split).
    let split = if first.len() == 1 { jobs } else { 1 };
    let jobs = first.len().clamp(1, jobs);
    let entries = first.into_iter().chain(entries);
    let workers = match Workers::new(jobs) {
        Ok(workers) => workers,
        Err(e) => {
            warn(format_args!("gene-parse: {e}"));
            *status = Status::Failed;
            return Ok(());
        }
    };
    let any_dir = inputs.files.iter().any(|p| walk::is_dir(p));
    let total = run_on(&workers, entries, job, split, out, status)?;
    if let (Job::Stats { json, .. }, true) = (job, any_dir) {
        let total = total.finish(started.elapsed(), jobs);
        if json {
            out.line(total.json())?;
        } else {
            out.line(total.text_line())?;
        }
    }
    Ok(())
}

/// Processes `entries` on `workers` (each parse on `split` threads, see [`parse`]) and writes
/// each one's outcome in order; returns the sums for the `stats` total. Only a failed write
/// stops the run.
fn run_on(
    workers: &Workers,
    entries: impl Iterator<Item = Entry>,
    job: Job,
    split: usize,
    out: &mut Out,
    status: &mut Status,
) -> Result<Total, WriteStop> {
    let mut total = Total::default();
    let mut stopped = Ok(());
    workers.map_ordered(
        entries,
        |entry| process(entry, job, split),
        |outcome| {
            // Standard error first: a file's warning and its output line stay together.
            if !outcome.err.is_empty() {
                warn(String::from_utf8_lossy(outcome.err.trim_ascii_end()));
            }
            *status = (*status).max(outcome.status);
            total.add(&outcome);
            match out.bytes(&outcome.out) {
                Ok(()) => ControlFlow::Continue(()),
                Err(stop) => {
                    stopped = Err(stop);
                    ControlFlow::Break(())
                }
            }
        },
    );
    stopped.map(|()| total)
}

#[derive(Clone, Copy)]
enum Job {
    Dump,
    Check { all_errors: bool },
    Stats { repeat: u64, json: bool },
}

/// What one input produced, built on a worker thread and written in input order.
struct Outcome {
    /// Bytes for standard output.
    out: Vec<u8>,
    /// Lines for standard error.
    err: Vec<u8>,
    status: Status,
    /// The input's statistics (`stats` only).
    stats: Option<Stats>,
    /// Whether the input could not be read (or walked).
    unreadable: bool,
}

impl Outcome {
    fn new() -> Outcome {
        Outcome {
            out: Vec::new(),
            err: Vec::new(),
            status: Status::Ok,
            stats: None,
            unreadable: false,
        }
    }

    fn unreadable(name: impl std::fmt::Display, message: impl std::fmt::Display) -> Outcome {
        let mut outcome = Outcome::new();
        let _ = writeln!(outcome.err, "gene-parse: {name}: {message}");
        outcome.status = Status::Failed;
        outcome.unreadable = true;
        outcome
    }
}

/// Inputs from this size on are split between `split` threads when there are several.
const SPLIT_FROM_BYTES: usize = 1 << 20;

/// Parses `src`: on `split` threads if there are several and the input has at least
/// [`SPLIT_FROM_BYTES`] (`gene_parser::parse_parallel`, which builds the same document),
/// else on this one.
pub(crate) fn parse(
    src: &[u8],
    split: usize,
) -> Result<gene_parser::Document<'_>, gene_parser::Error> {
    if split > 1 && src.len() >= SPLIT_FROM_BYTES {
        gene_parser::parse_parallel(src, split)
    } else {
        gene_parser::parse(src)
    }
}

/// Reads and handles one input, its parse on `split` threads (see [`parse`]). Writing into a
/// `Vec` cannot fail, hence the ignored results.
fn process(entry: Entry, job: Job, split: usize) -> Outcome {
    let path = match entry {
        Entry::File(path) => path,
        Entry::Unwalkable { path, message } => return Outcome::unreadable(path, message),
    };
    let name = display_name(&path);
    let src = match read_input(&path) {
        Ok(src) => src,
        Err(e) => return Outcome::unreadable(name, e),
    };
    let mut o = Outcome::new();
    let failed = match job {
        Job::Dump => match parse(&src, split) {
            Ok(doc) => {
                o.out.reserve(src.len());
                doc.dump_into(&mut o.out);
                false
            }
            Err(e) => {
                let _ = writeln!(o.err, "{}", e.with_path(name));
                o.out.extend_from_slice(b"<error>\n");
                true
            }
        },
        Job::Check { all_errors: false } => match parse(&src, split) {
            Ok(_) => {
                let _ = writeln!(o.out, "{name}: ok");
                false
            }
            Err(e) => {
                let _ = writeln!(o.out, "{}", e.with_path(name));
                true
            }
        },
        Job::Check { all_errors: true } => {
            // Each error is formatted as it is found: the file's output is held until its turn
            // comes, but the errors themselves are not.
            let mut count = 0usize;
            gene_parser::parse_recovering_each(&src, |e| {
                count += 1;
                let _ = writeln!(o.out, "{}", e.with_path(name.as_str()));
            });
            if count == 0 {
                let _ = writeln!(o.out, "{name}: ok");
            }
            count > 0
        }
        Job::Stats { repeat, json } => {
            let (stats, error) = Stats::measure(name.clone(), &src, repeat, split);
            if json {
                let line = serde_json::to_string(&stats).expect("stats serialize to JSON");
                let _ = writeln!(o.out, "{line}");
            } else if let Some(e) = &error {
                let _ = writeln!(o.out, "{}", e.clone().with_path(name));
            } else {
                let _ = writeln!(o.out, "{}", stats.text_line());
            }
            o.stats = Some(stats);
            error.is_some()
        }
    };
    if failed {
        o.status = Status::SyntaxError;
    }
    o
}
