//! `gene-external`: measure other Gene implementations side by side with gene-parser.
//!
//! ```text
//! gene-external [--impl NAME=COMMAND]... [--large] [--sizes L,...] [--patterns P,...|none]
//!               [--pattern-lines N] [--corpus DIR] [--rounds N] [--repeat N] [--out DIR] [--json]
//! gene-external protocol [--repeat N] FILE     gene-parser's own protocol driver
//! ```
//!
//! Implementations come from `--impl` and from `GENE_EXTERNAL` (`;`-separated). Each is checked
//! against gene-parser on every input, then all are timed in alternation; the table goes to
//! standard output and `external.{json,md,svg}` into `--out`. See
//! `benchmarks/external/PROTOCOL.md` for what a command must answer.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, value_parser};

use gene_bench::cli::{self, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK};
use gene_bench::external::{config, driver, render, suite};

const EXIT_CODES: &str = "\
Environment:
  GENE_EXTERNAL  implementations to compare, `name=command;name=command` (as --impl)

Exit status:
  0  every implementation answered every input as gene-parser does
  1  a conformance or protocol failure (that input was not timed for that implementation)
  2  usage error, a command that cannot be run, or a file that cannot be written";

/// Measure Gene implementations that speak the external-parser protocol side by side with
/// gene-parser, on generated inputs, after checking each answer against gene-parser's
#[derive(Parser)]
#[command(name = "gene-external", version, after_help = EXIT_CODES,
          args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// An implementation, `NAME=COMMAND` (`{file}` marks where the path goes; repeatable)
    #[arg(long = "impl", value_name = "NAME=COMMAND")]
    impls: Vec<String>,
    /// Default-mix sizes in lines, comma-separated (each 1 to 10000000) [default: 1000,10000,100000]
    #[arg(long, value_name = "LINES,...", value_delimiter = ',', num_args = 1,
          value_parser = value_parser!(u64).range(1..=10_000_000))]
    sizes: Option<Vec<u64>>,
    /// Add the 1,000,000-line file to the sizes
    #[arg(long)]
    large: bool,
    /// Generator patterns to time alone (--pattern-lines each), comma-separated, or `none`
    /// [default: all nine]
    #[arg(long, value_name = "PATTERN,...", value_delimiter = ',', num_args = 1)]
    patterns: Option<Vec<String>>,
    /// Lines of each pattern file (1 to 1000000)
    #[arg(long, value_name = "LINES", default_value_t = 5_000,
          value_parser = value_parser!(u64).range(1..=1_000_000))]
    pattern_lines: u64,
    /// Rounds (1 to 1000); each times every implementation once on every input
    #[arg(long, value_name = "N", default_value_t = 5,
          value_parser = value_parser!(u64).range(1..=1000))]
    rounds: u64,
    /// Parses per timed run (1 to 100000) [default: enough for 16 MB of input, 5 to 1000]
    #[arg(long, value_name = "N", value_parser = value_parser!(u64).range(1..=100_000))]
    repeat: Option<u64>,
    /// A code base: its `*.gene` files that gene-parser reads, joined, as one more input
    /// (see benchmarks/external/fetch_corpus.sh)
    #[arg(long, value_name = "DIR")]
    corpus: Option<PathBuf>,
    /// Directory of the generated inputs and of external.{json,md,svg}
    #[arg(long, value_name = "DIR", default_value = "benchmark_reports/external")]
    out: PathBuf,
    /// Print the JSON report on standard output instead of the table
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
enum Command {
    /// gene-parser behind the protocol: the dump of FILE, or with --repeat the time of each parse
    Protocol {
        /// Parse N times and print `gene-protocol 1`, `forms F` and N lines `parse_ns T`
        #[arg(long, value_name = "N", value_parser = value_parser!(u64).range(1..=1_000_000))]
        repeat: Option<u64>,
        /// The Gene source file
        file: PathBuf,
    },
    /// Internal: run a command and report its peak RSS and wall time into a file
    #[command(hide = true)]
    RunChild {
        /// Where `rss_kib` and `wall_ns` go
        #[arg(long, value_name = "FILE")]
        report: PathBuf,
        /// The command and its arguments
        #[arg(last = true, required = true)]
        command: Vec<std::ffi::OsString>,
    },
}

fn main() -> ExitCode {
    let cli: Cli = cli::parse_args("gene-external");
    match cli.command {
        Some(Command::Protocol { repeat, file }) => protocol(&file, repeat),
        Some(Command::RunChild { report, command }) => {
            match gene_bench::external::run::run_child(&report, &command) {
                Ok(code) => ExitCode::from(code),
                Err(e) => {
                    // One line, which the suite wraps as `NAME: running `PROGRAM`: ...`.
                    cli::warn(e);
                    ExitCode::from(EXIT_ERROR)
                }
            }
        }
        None => ExitCode::from(compare(cli)),
    }
}

fn protocol(file: &std::path::Path, repeat: Option<u64>) -> ExitCode {
    match driver::answer(file, repeat) {
        Ok(out) => {
            let text = String::from_utf8_lossy(&out);
            ExitCode::from(cli::finish_output(
                "gene-external",
                cli::print_stdout(&text),
                EXIT_OK,
            ))
        }
        Err((status, message)) => {
            cli::warn(message);
            ExitCode::from(status)
        }
    }
}

fn usage_error(message: String) -> ! {
    use clap::CommandFactory;
    Cli::command()
        .error(clap::error::ErrorKind::ValueValidation, message)
        .exit()
}

fn compare(cli: Cli) -> u8 {
    let from_env = std::env::var(config::ENV_VAR).unwrap_or_default();
    let externals = match config::parse_list(
        cli.impls
            .iter()
            .map(String::as_str)
            .chain(std::iter::once(from_env.as_str())),
    ) {
        Ok(list) => list,
        Err(message) => usage_error(message),
    };
    let mut sizes: Vec<usize> = match &cli.sizes {
        Some(s) => s.iter().map(|&n| n as usize).collect(),
        None => suite::QUICK_SIZES.to_vec(),
    };
    if cli.large && !sizes.contains(&1_000_000) {
        sizes.push(1_000_000);
    }
    let mut settings = suite::Settings::quick(cli.out.clone());
    settings.sizes = sizes;
    settings.rounds = cli.rounds as usize;
    settings.pattern_lines = cli.pattern_lines as usize;
    settings.repeat = cli.repeat;
    settings.corpus = cli.corpus.clone();
    if let Some(patterns) = cli.patterns {
        settings.patterns = if patterns == ["none"] {
            Vec::new()
        } else {
            patterns
        };
        for p in &settings.patterns {
            if gene_gen::Pattern::from_name(p).is_none() {
                usage_error(format!(
                    "unknown pattern `{p}` (known: {}, or none)",
                    gene_bench::inputs::pattern_names().join(", ")
                ));
            }
        }
    }
    if externals.is_empty() {
        cli::warn(format_args!(
            "gene-external: no implementation given (--impl or {}); measuring gene-parser alone",
            config::ENV_VAR
        ));
    }
    if cfg!(debug_assertions) {
        cli::warn("gene-external: warning: unoptimised build; use `cargo run --release`");
    }
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(e) => {
            cli::warn(format_args!("gene-external: locating this program: {e}"));
            return EXIT_ERROR;
        }
    };
    gene_bench::external::run::set_runner(exe.clone());
    let report = match suite::run_suite(&settings, suite::baseline(&exe), &externals, &mut |step| {
        cli::warn(format_args!("gene-external: {step}"))
    }) {
        Ok(r) => r,
        Err(e) => {
            cli::warn(format_args!("gene-external: {e}"));
            return EXIT_ERROR;
        }
    };
    if let Err(e) = render::write_all(&report, &cli.out) {
        cli::warn(format_args!(
            "gene-external: writing the report into {}: {e}",
            cli.out.display()
        ));
        return EXIT_ERROR;
    }
    let text = if cli.json {
        serde_json::to_string_pretty(&report).expect("the report serializes") + "\n"
    } else {
        render::table(&report)
    };
    let status = if report.failures.is_empty() {
        EXIT_OK
    } else {
        EXIT_FINDINGS
    };
    cli::finish_output("gene-external", cli::print_stdout(&text), status)
}
