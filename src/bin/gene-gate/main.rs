//! `gene-gate`: fail a CI job on a performance or memory regression.
//!
//! ```text
//! gene-gate criterion [DIR] [--threshold PCT] [--json]   # DIR defaults to $CARGO_TARGET_DIR/criterion
//! gene-gate memory BASE.json NEW.json [--threshold PCT] [--json]
//! gene-gate instructions BASE.json NEW.json [--threshold PCT] [--json]
//! gene-gate ci-summary [--instructions F] [--memory F] [--ab F] [--criterion F]
//! gene-gate history append --file H.jsonl [--commit REV] [--criterion DIR] [--instructions F] [--report F]
//! gene-gate history render H.jsonl [--last N] [--svg OUT.svg] [--markdown OUT.md]
//! gene-gate ab --base REV|--base-dir DIR --change REV|--change-dir DIR [--threshold PCT] ...
//! gene-gate completions SHELL
//! ```
//!
//! Exit status: 0 when nothing regressed, 1 when something did, 2 for usage or I/O errors and
//! for an incomplete comparison (nothing compared, or inputs of the base report missing from
//! the new one).

mod history;
mod instructions;
mod summary;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

use gene_bench::ab::AbArgs;
use gene_bench::cli::{self, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK};
use gene_bench::gate::{self, GateResult};
use gene_bench::history::sources;

const EXIT_CODES: &str = "\
Exit status:
  0  nothing regressed
  1  something regressed beyond the threshold
  2  usage or I/O error, or an incomplete comparison: nothing compared, or inputs of the base
     report missing from the new one (the reason is printed on one line)";

const AB_EXIT_CODES: &str = "\
Exit status:
  0  no input regressed
  1  some input regressed: its whole 95% interval lies above the threshold
  2  usage error, or a build, I/O or run error (the reason is printed on one line)";

const JSON_HELP: &str = "\
JSON output (--json): one object, every key always present:
  {\"gate\", \"base\", \"new\", \"threshold_percent\", \"compared\", \"regressed\", \"passed\",
   \"without_comparison\": [ids], \"missing_from_new\": [ids],
   \"results\": [{\"id\", \"metric\", \"base\", \"new\", \"change_percent\",
                \"lower_percent\", \"upper_percent\", \"verdict\"}]}
  verdict is \"regressed\", \"improved\" or \"unchanged\"; fields that do not apply are null.";

/// Default wall-time threshold: 10 %. Criterion's confidence interval covers the noise within one
/// run, not the drift between two runs (another job starting on a shared runner, a different
/// clock frequency); on shared 2-core machines identical builds were seen to differ by more than
/// 5 % with tight intervals, so 5 % would fail unchanged code. Pass `--threshold 5` on a quiet,
/// dedicated machine.
const DEFAULT_TIME_THRESHOLD: &str = "10";

/// Default memory threshold: 1 %. Heap counts are exact, so any change is real; 1 % leaves room
/// for a few deliberate small allocations.
const DEFAULT_MEMORY_THRESHOLD: &str = "1";

/// Default instruction-count threshold: 1 %. Callgrind's count for the same binary and input
/// repeats to the instruction, so no noise has to be allowed for: the threshold only says how
/// small a real increase may pass. 1 % is half the A/B wall-time threshold (2 %), so the
/// deterministic gate catches added work the timing cannot resolve, and leaves room for the
/// fraction of a percent that a neutral change (a reordered match, an inlining decision) moves.
const DEFAULT_INSTRUCTIONS_THRESHOLD: &str = "1";

/// A memory report is a few kilobytes; anything past this is not one (`/dev/zero`).
const MAX_REPORT_LEN: usize = 64 << 20;

/// Fail a CI job on a performance or memory regression.
#[derive(Parser)]
#[command(name = "gene-gate", version, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// One subcommand per kind of comparison; a new gate is a new variant.
#[derive(Subcommand)]
enum Command {
    /// Gate on Criterion's saved comparisons (`cargo bench -- --baseline NAME`): fail when a
    /// benchmark's mean slowed down by more than the threshold with its whole confidence
    /// interval above it
    #[command(after_help = format!("{JSON_HELP}\n\n{EXIT_CODES}"))]
    Criterion {
        /// Criterion's output directory [default: $CARGO_TARGET_DIR/criterion, else
        /// target/criterion]
        #[arg(value_name = "DIR")]
        dir: Option<PathBuf>,
        /// Slowdown that fails the gate, in percent (0 to 1000)
        #[arg(long, short = 't', value_name = "PCT", default_value = DEFAULT_TIME_THRESHOLD,
              value_parser = cli::parse_threshold)]
        threshold: f64,
        /// The name of the baseline the run compared with (`--baseline NAME`): printed, and
        /// the benchmarks without it counted
        #[arg(long, value_name = "NAME")]
        baseline: Option<String>,
        /// Print the result as one JSON object instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Gate on two gene-report JSON files: fail when peak bytes, allocations or allocated
    /// bytes of an input grew by more than the threshold
    #[command(after_help = format!("{JSON_HELP}\n\n{EXIT_CODES}"))]
    Memory {
        /// The base report (`-` reads standard input)
        #[arg(value_name = "BASE.json")]
        base: PathBuf,
        /// The new report (`-` reads standard input)
        #[arg(value_name = "NEW.json")]
        new: PathBuf,
        /// Growth that fails the gate, in percent (0 to 1000)
        #[arg(long, short = 't', value_name = "PCT", default_value = DEFAULT_MEMORY_THRESHOLD,
              value_parser = cli::parse_threshold)]
        threshold: f64,
        /// Print the result as one JSON object instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Gate on two gungraun JSON outputs (`cargo bench --features instructions --bench
    /// instructions -- --output-format=json`): fail when a benchmark's instruction count
    /// (Callgrind Ir) grew by more than the threshold
    #[command(after_help = format!("{JSON_HELP}\n\n{EXIT_CODES}"))]
    Instructions {
        /// The base build's output (`-` reads standard input)
        #[arg(value_name = "BASE.json")]
        base: PathBuf,
        /// The changed build's output (`-` reads standard input)
        #[arg(value_name = "NEW.json")]
        new: PathBuf,
        /// Growth that fails the gate, in percent (0 to 1000)
        #[arg(long, short = 't', value_name = "PCT", default_value = DEFAULT_INSTRUCTIONS_THRESHOLD,
              value_parser = cli::parse_threshold)]
        threshold: f64,
        /// Print the result as one JSON object instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Write one Markdown page with every gate's verdict and numbers (for $GITHUB_STEP_SUMMARY)
    /// from the gates' JSON files; exit 1 when a gating gate (instructions, memory, A/B)
    /// regressed, 2 when one gave no usable result
    #[command(after_help = EXIT_CODES, name = "ci-summary")]
    Summary {
        /// `gene-gate instructions --json` output
        #[arg(long, value_name = "FILE")]
        instructions: Option<PathBuf>,
        /// `gene-gate memory --json` output
        #[arg(long, value_name = "FILE")]
        memory: Option<PathBuf>,
        /// `gene-gate ab --json FILE` output
        #[arg(long, value_name = "FILE")]
        ab: Option<PathBuf>,
        /// `gene-gate criterion --json` output (reported, not gated)
        #[arg(long, value_name = "FILE")]
        criterion: Option<PathBuf>,
    },
    /// The benchmark history: append a run's record, render the trend
    #[command(subcommand)]
    History(history::HistoryCommand),
    /// Interleaved A/B comparison of the whole-parse time of two builds: the wall-time gate.
    /// Fails when an input's median ratio change/base has its whole 95% interval above the
    /// threshold
    #[command(after_help = AB_EXIT_CODES)]
    Ab(AbArgs),
    /// Print a shell completion script (e.g. `gene-gate completions bash`)
    Completions {
        /// The shell to complete for
        shell: clap_complete::Shell,
    },
}

fn main() -> ExitCode {
    let status = match cli::parse_args::<Cli>("gene-gate").command {
        Command::Criterion {
            dir,
            threshold,
            baseline,
            json,
        } => conclude(criterion(dir, threshold, baseline.as_deref()), json),
        Command::Instructions {
            base,
            new,
            threshold,
            json,
        } => conclude(instruction_counts(&base, &new, threshold), json),
        Command::Summary {
            instructions,
            memory,
            ab,
            criterion,
        } => {
            let (page, outcome) = summary::render(&summary::Inputs {
                instructions,
                memory,
                ab,
                criterion,
            });
            let status = match outcome {
                summary::Outcome::Failed => EXIT_FINDINGS,
                summary::Outcome::NoResult => EXIT_ERROR,
                _ => EXIT_OK,
            };
            cli::finish_output("gene-gate", cli::print_stdout(&page), status)
        }
        Command::History(command) => match history::run(command) {
            Ok(Some(text)) => cli::finish_output("gene-gate", cli::print_stdout(&text), EXIT_OK),
            Ok(None) => EXIT_OK,
            Err(e) => {
                cli::warn(format_args!("gene-gate: history: {e}"));
                EXIT_ERROR
            }
        },
        Command::Memory {
            base,
            new,
            threshold,
            json,
        } => conclude(memory(&base, &new, threshold), json),
        Command::Ab(args) => match gene_bench::ab::run(&args) {
            Ok(report) if report.regressed() => EXIT_FINDINGS,
            Ok(_) => EXIT_OK,
            Err(e) => {
                cli::warn(format_args!("gene-gate: ab: {e}"));
                EXIT_ERROR
            }
        },
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "gene-gate", &mut script);
            let written = cli::print_stdout(&String::from_utf8_lossy(&script));
            cli::finish_output("gene-gate", written, EXIT_OK)
        }
    };
    ExitCode::from(status)
}

/// Prints a gate's result (a table, or JSON) and returns the exit status: 2 with a one-line
/// reason when the gate could not run or its comparison is incomplete, else 1 on a regression
/// and 0 otherwise.
fn conclude(result: Result<GateResult, String>, json: bool) -> u8 {
    let result = match result {
        Ok(result) => result,
        Err(message) => {
            cli::warn(format_args!("gene-gate: {message}"));
            return EXIT_ERROR;
        }
    };
    let text = if json {
        serde_json::to_string_pretty(&result).expect("a gate result serializes") + "\n"
    } else {
        result.table.clone()
    };
    let written = cli::print_stdout(&text);
    let verdict = match result.incomplete() {
        Some(why) => {
            // After the table, so that the reason is the last thing on the terminal.
            cli::warn(format_args!("gene-gate: {why}"));
            EXIT_ERROR
        }
        None if result.passed() => EXIT_OK,
        None => EXIT_FINDINGS,
    };
    cli::finish_output("gene-gate", written, verdict)
}

fn criterion(
    dir: Option<PathBuf>,
    threshold: f64,
    baseline: Option<&str>,
) -> Result<GateResult, String> {
    let dir = dir.unwrap_or_else(default_criterion_dir);
    let scan = gate::criterion_scan(&dir)?;
    let mut result = gate::gate_criterion(&scan, &dir.display().to_string(), threshold);
    if let Some(name) = baseline {
        // Criterion keeps a saved baseline NAME of each benchmark in `<bench>/NAME/`.
        let without: Vec<String> = sources::criterion_benchmarks(&dir)?
            .into_iter()
            .filter(|b| !b.dir.join(name).join("estimates.json").is_file())
            .map(|b| b.id)
            .collect();
        result.table.push_str(&format!(
            "baseline: `{name}`; {} benchmark(s) had no saved `{name}`{}\n",
            without.len(),
            if without.is_empty() {
                String::new()
            } else {
                format!(": {}", without.join(", "))
            }
        ));
        result.base = Some(name.to_string());
    }
    Ok(result)
}

fn instruction_counts(base: &Path, new: &Path, threshold: f64) -> Result<GateResult, String> {
    if base.as_os_str() == "-" && new.as_os_str() == "-" {
        return Err("only one of BASE and NEW can be `-` (standard input)".into());
    }
    Ok(instructions::compare(
        &instructions::load(base)?,
        &base.display().to_string(),
        &instructions::load(new)?,
        &new.display().to_string(),
        threshold,
    ))
}

fn memory(base: &Path, new: &Path, threshold: f64) -> Result<GateResult, String> {
    if base.as_os_str() == "-" && new.as_os_str() == "-" {
        return Err("only one of BASE and NEW can be `-` (standard input)".into());
    }
    let base_report = load_report(base)?;
    let new_report = load_report(new)?;
    Ok(gate::compare_memory_named(
        &base_report,
        &base.display().to_string(),
        &new_report,
        &new.display().to_string(),
        threshold,
    ))
}

fn load_report(path: &Path) -> Result<gate::MemoryReport, String> {
    let text = cli::read_text_bounded(path, MAX_REPORT_LEN)?;
    gate::MemoryReport::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn default_criterion_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| PathBuf::from("target"), PathBuf::from)
        .join("criterion")
}
