//! `gene-report`: the memory and throughput report.
//!
//! ```text
//! cargo run --release --bin gene-report -- [--runs N] [--sizes 1000,10000,...] [--out DIR]
//! ```
//!
//! Generates the default-mix inputs (seed 42), parses each once under the counting allocator and
//! `--runs` times (default 30) on the clock, and writes `report.json`, `report.md` and
//! `report.svg` into `--out` (default `benchmark_reports/`), each stamped with the date, the
//! commit (`GENE_REPORT_COMMIT` overrides `git rev-parse --short HEAD`), the compiler and the
//! machine. Exit status: 0 when the report was written (a flagged verdict included), 2 for usage
//! or I/O errors. The default sizes go from 1k to 1M lines; `GENE_BENCH_HUGE=1` adds 10M lines
//! (about 260 MB of source, a few GB of memory and a few minutes).
//!
//! ```text
//! cargo build --release -p gene-parser && cargo run --release --bin gene-report -- whole-process
//! ```
//!
//! alternates whole-process runs of `gene-parse check` on the 1M-line input (written to a
//! file) with in-process parses of the 10k- and 1M-line inputs, and prints medians and the
//! ratios (see `gene_bench::report::whole_process`).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, value_parser};

use gene_bench::cli::{self, EXIT_ERROR, EXIT_OK};
use gene_bench::report::whole_process;
use gene_bench::{inputs, measure, report};

#[global_allocator]
static ALLOC: measure::CountingAlloc = measure::CountingAlloc;

/// The largest input, in lines: about 400 MB of source, held in memory with its parse.
const MAX_LINES: u64 = 10_000_000;

/// The most lines over all sizes: every input stays in memory until the report is written
/// (about 40 bytes a line), so this bounds the run to about 1 GB of inputs.
const MAX_TOTAL_LINES: u64 = 20_000_000;

const EXIT_CODES: &str = "\
Exit status:
  0  the report was written
  2  usage error, or the report could not be written (the reason is printed on one line;
     a closed standard output, as in `gene-report | head`, is not an error)

Environment:
  GENE_REPORT_COMMIT  the commit stamped on the report (default: `git rev-parse --short HEAD`
                      of the current directory, with -dirty for uncommitted changes)";

/// Measure the parser's throughput and heap on generated inputs of several sizes, and write
/// report.json, report.md and report.svg (the Markdown also goes to standard output)
#[derive(Parser)]
#[command(name = "gene-report", version, after_help = EXIT_CODES,
          args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Mode>,
    /// Timed parses of each input (1 to 10000)
    #[arg(long, value_name = "N", default_value_t = 30,
          value_parser = value_parser!(u64).range(1..=10_000))]
    runs: u64,
    /// Input sizes in lines, comma-separated (each 1 to 10000000, 20000000 in all)
    /// [default: 1000,2000,5000,10000,20000,50000,100000,200000,500000,1000000, and
    /// 10000000 when GENE_BENCH_HUGE=1]
    #[arg(long, value_name = "LINES,...", value_delimiter = ',', num_args = 1,
          value_parser = value_parser!(u64).range(1..=MAX_LINES))]
    sizes: Option<Vec<u64>>,
    /// Directory the report files are written to
    #[arg(long, value_name = "DIR", default_value = "benchmark_reports")]
    out: PathBuf,
}

const WHOLE_PROCESS_EXIT_CODES: &str = "\
Exit status:
  0  the figures were printed
  2  usage error; gene-parse missing, failing or answering other than `FILE: ok` with exit
     status 0; or the large input could not be written (the reason is printed on one line)

Environment:
  GENE_REPORT_COMMIT  the commit stamped on the result (default: `git rev-parse --short HEAD`)";

#[derive(Subcommand)]
enum Mode {
    /// Alternate whole-process runs of `gene-parse check` on a large generated file with
    /// in-process parses of a small and of the large input; print medians and the ratios
    #[command(after_help = WHOLE_PROCESS_EXIT_CODES)]
    WholeProcess {
        /// Rounds, each measuring every figure once (1 to 1000)
        #[arg(long, value_name = "N", default_value_t = 11,
              value_parser = value_parser!(u64).range(1..=1000))]
        rounds: u64,
        /// Lines of the large input (1 to 10000000)
        #[arg(long, value_name = "LINES", default_value_t = 1_000_000,
              value_parser = value_parser!(u64).range(1..=MAX_LINES))]
        lines: u64,
        /// Lines of the small, in-process reference input (1 to 10000000)
        #[arg(long, value_name = "LINES", default_value_t = 10_000,
              value_parser = value_parser!(u64).range(1..=MAX_LINES))]
        small: u64,
        /// The gene-parse executable [default: gene-parse next to this executable]
        #[arg(long, value_name = "PATH")]
        gene_parse: Option<PathBuf>,
        /// Where to write the large input (a file already there must hold its bytes, and is
        /// kept) [default: a file in the temporary directory, removed afterwards]
        #[arg(long, value_name = "PATH")]
        file: Option<PathBuf>,
        /// Print JSON instead of Markdown
        #[arg(long)]
        json: bool,
    },
}

/// Sizes of the report by default: the four presets plus intermediate points up to 1M lines,
/// so the fit has enough points to tell a line from a curve. `GENE_BENCH_HUGE=1` adds
/// [`inputs::HUGE_LINES`] (10M).
const DEFAULT_SIZES: [u64; 10] = [
    1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000,
];

fn default_sizes() -> Vec<u64> {
    let mut sizes = DEFAULT_SIZES.to_vec();
    if inputs::huge_enabled() {
        sizes.push(inputs::HUGE_LINES as u64);
    }
    sizes
}

fn main() -> ExitCode {
    let cli: Cli = cli::parse_args("gene-report");
    if let Some(Mode::WholeProcess {
        rounds,
        lines,
        small,
        gene_parse,
        file,
        json,
    }) = cli.command
    {
        let settings = whole_process::Settings {
            rounds: rounds as usize,
            small_lines: small as usize,
            large_lines: lines as usize,
            gene_parse: gene_parse.unwrap_or_else(whole_process::default_gene_parse),
            file: file.unwrap_or_else(|| whole_process::default_file(lines as usize)),
        };
        return ExitCode::from(run_whole_process(&settings, json));
    }
    let sizes = cli.sizes.unwrap_or_else(default_sizes);
    if let Err(message) = check_sizes(&sizes) {
        Cli::command()
            .error(clap::error::ErrorKind::ValueValidation, message)
            .exit();
    }
    let sizes: Vec<usize> = sizes.iter().map(|&n| n as usize).collect();
    if cfg!(debug_assertions) {
        cli::warn("gene-report: warning: unoptimised build; use `cargo run --release`");
    }
    let r = report::collect(&sizes, cli.runs as usize);
    if let Err(e) = report::write_all(&r, &cli.out) {
        cli::warn(format_args!(
            "gene-report: writing the report into {}: {e}",
            cli.out.display()
        ));
        return ExitCode::from(EXIT_ERROR);
    }
    let written = cli::print_stdout(&report::markdown(&r));
    cli::warn(format_args!(
        "gene-report: wrote {0}/report.json, {0}/report.md, {0}/report.svg",
        cli.out.display()
    ));
    ExitCode::from(cli::finish_output("gene-report", written, EXIT_OK))
}

/// `gene-report whole-process`: the table (or JSON) on standard output, progress on standard
/// error; exit 2 when gene-parse is missing, fails or answers wrongly.
fn run_whole_process(settings: &whole_process::Settings, json: bool) -> u8 {
    if !settings.gene_parse.is_file() {
        cli::warn(format_args!(
            "gene-report: whole-process: no gene-parse at {}: build it with `cargo build \
             --release -p gene-parser`, or name it with --gene-parse",
            settings.gene_parse.display()
        ));
        return EXIT_ERROR;
    }
    if cfg!(debug_assertions) {
        cli::warn("gene-report: warning: unoptimised build; use `cargo run --release`");
    }
    let progress = |step: &str| cli::warn(format_args!("gene-report: whole-process: {step}"));
    match whole_process::measure(settings, progress) {
        Ok(result) => {
            let text = if json {
                serde_json::to_string_pretty(&result).expect("the result serializes") + "\n"
            } else {
                whole_process::markdown(&result)
            };
            cli::finish_output("gene-report", cli::print_stdout(&text), EXIT_OK)
        }
        Err(message) => {
            cli::warn(format_args!("gene-report: whole-process: {message}"));
            EXIT_ERROR
        }
    }
}

/// Sizes must be distinct (the memory gate matches inputs by name) and fit in memory together.
fn check_sizes(sizes: &[u64]) -> Result<(), String> {
    for (i, size) in sizes.iter().enumerate() {
        if sizes[..i].contains(size) {
            return Err(format!("--sizes: {size} is given twice"));
        }
    }
    let total = sizes.iter().fold(0u64, |sum, &n| sum.saturating_add(n));
    if total > MAX_TOTAL_LINES {
        return Err(format!(
            "--sizes: {total} lines in all; the inputs are held in memory together, at most {MAX_TOTAL_LINES} lines"
        ));
    }
    Ok(())
}
