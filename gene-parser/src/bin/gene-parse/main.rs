//! `gene-parse`: the command-line face of gene-parser.
//!
//! ```text
//! gene-parse dump FILE...                 canonical dump to stdout (`<error>` for a file that fails)
//! gene-parse check [--all-errors] FILE... one line per file: `FILE: ok` or `FILE:LINE:COL: message`
//! gene-parse stats [--repeat N] [--json] FILE...  bytes, lines, tokens, nodes, forms, parse time
//! gene-parse completions SHELL            a completion script for bash, zsh, fish, ...
//! ```
//! `-` reads standard input. Exit status: 0 when every file parsed, 1 when any had a syntax
//! error, 2 for usage or I/O errors (an I/O error wins over a syntax error).

mod input;
mod output;
mod stats;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{CommandFactory, Parser, Subcommand, value_parser};

use input::{display_name, read_input};
use output::{Out, WriteStop, warn};
use stats::Stats;

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
        inputs: Inputs,
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
        inputs: Inputs,
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

/// The most parses `stats --repeat` makes of one file: the median needs every time kept, so
/// this bounds its memory (16 MB) as well as the run.
const MAX_REPEAT: u64 = 1_000_000;

const STATS_HELP: &str = "\
JSON output (--json): one object per line and input, every key always present:
  {\"path\", \"ok\", \"bytes\", \"lines\", \"tokens\", \"nodes\", \"forms\", \"symbols\", \"runs\",
   \"parse_time_ms\", \"throughput_mb_s\", \"error\"}
  counts and times are null when the input has a syntax error; \"error\" is then
  {\"kind\", \"line\", \"column\", \"offset\", \"message\"}, else null.

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
    let (files, job) = match command {
        Command::Dump(inputs) => (inputs.files, Job::Dump),
        Command::Check { all_errors, inputs } => (inputs.files, Job::Check { all_errors }),
        Command::Stats {
            repeat,
            json,
            inputs,
        } => (inputs.files, Job::Stats { repeat, json }),
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "gene-parse", &mut script);
            return out.bytes(&script);
        }
    };
    for path in &files {
        let found = process(path, job, out)?;
        *status = (*status).max(found);
    }
    Ok(())
}

#[derive(Clone, Copy)]
enum Job {
    Dump,
    Check { all_errors: bool },
    Stats { repeat: u64, json: bool },
}

/// Reads and handles one input; returns its status. Only a failed write stops the run.
fn process(path: &Path, job: Job, out: &mut Out) -> Result<Status, WriteStop> {
    let name = display_name(path);
    let src = match read_input(path) {
        Ok(src) => src,
        Err(e) => {
            warn(format_args!("gene-parse: {name}: {e}"));
            return Ok(Status::Failed);
        }
    };
    let failed = match job {
        Job::Dump => match gene_parser::parse(&src) {
            Ok(doc) => {
                let mut text = Vec::with_capacity(src.len());
                doc.dump_into(&mut text);
                out.bytes(&text)?;
                false
            }
            Err(e) => {
                warn(e.with_path(name));
                out.bytes(b"<error>\n")?;
                true
            }
        },
        Job::Check { all_errors: false } => match gene_parser::parse(&src) {
            Ok(_) => {
                out.line(format_args!("{name}: ok"))?;
                false
            }
            Err(e) => {
                out.line(e.with_path(name))?;
                true
            }
        },
        Job::Check { all_errors: true } => {
            // Each error is written as it is found, so memory stays bounded by the document
            // however many errors the file has; the first failed write stops the output.
            let mut count = 0usize;
            let mut written = Ok(());
            gene_parser::parse_recovering_each(&src, |e| {
                count += 1;
                if written.is_ok() {
                    written = out.line(e.with_path(name.as_str()));
                }
            });
            written?;
            if count == 0 {
                out.line(format_args!("{name}: ok"))?;
            }
            count > 0
        }
        Job::Stats { repeat, json } => {
            let (stats, error) = Stats::measure(name.clone(), &src, repeat);
            if json {
                let line = serde_json::to_string(&stats).expect("stats serialize to JSON");
                out.line(line)?;
            } else if let Some(e) = &error {
                out.line(e.clone().with_path(name))?;
            } else {
                out.line(stats.text_line())?;
            }
            error.is_some()
        }
    };
    Ok(if failed {
        Status::SyntaxError
    } else {
        Status::Ok
    })
}
