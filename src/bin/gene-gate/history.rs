//! `gene-gate history append|render`: the command side of [`gene_bench::history`].

use std::path::{Path, PathBuf};
use std::process::Command;

use clap::{Args, Subcommand};

use gene_bench::cli;
use gene_bench::history::{self, Record, render, sources};

/// What `gene-gate history` does.
#[derive(Subcommand)]
pub enum HistoryCommand {
    /// Append one record (commit, date, machine, rustc, Criterion medians, instruction counts,
    /// peak heap) to a JSON-lines history file
    Append(AppendArgs),
    /// Render the last N records as a trend plot (SVG) and a Markdown table with the change at
    /// each step
    Render(RenderArgs),
}

/// Arguments of `history append`.
#[derive(Args)]
pub struct AppendArgs {
    /// The history file (JSON lines; created when absent)
    #[arg(long, value_name = "FILE")]
    pub file: PathBuf,
    /// The commit measured [default: `git rev-parse HEAD` in the current directory]
    #[arg(long, value_name = "REV")]
    pub commit: Option<String>,
    /// Criterion's output directory, for the medians of its latest run
    #[arg(long, value_name = "DIR")]
    pub criterion: Option<PathBuf>,
    /// Keep the Criterion benchmarks whose id starts with this (repeatable)
    #[arg(long = "bench", value_name = "PREFIX", default_value = "size/")]
    pub bench_prefixes: Vec<String>,
    /// gungraun's JSON output (`--output-format=json`), for instruction counts
    #[arg(long, value_name = "FILE")]
    pub instructions: Option<PathBuf>,
    /// A gene-report JSON file, for peak heap
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// The machine's description [default: CPU model, CPUs, OS and architecture of this one]
    #[arg(long, value_name = "TEXT")]
    pub machine: Option<String>,
    /// The toolchain [default: `rustc -V`]
    #[arg(long, value_name = "TEXT")]
    pub rustc: Option<String>,
}

/// Arguments of `history render`.
#[derive(Args)]
pub struct RenderArgs {
    /// The history file (JSON lines)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// How many of the latest records to show (1 to 1000)
    #[arg(long, value_name = "N", default_value_t = 20,
          value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub last: u16,
    /// Write the trend plot here
    #[arg(long, value_name = "OUT.svg")]
    pub svg: Option<PathBuf>,
    /// Write the Markdown table here [default: standard output, when --svg is not given]
    #[arg(long, value_name = "OUT.md")]
    pub markdown: Option<PathBuf>,
}

/// Runs a history command; `Err` is a one-line reason (exit 2).
pub fn run(command: HistoryCommand) -> Result<Option<String>, String> {
    match command {
        HistoryCommand::Append(args) => append(args).map(|()| None),
        HistoryCommand::Render(args) => render_files(args),
    }
}

fn append(args: AppendArgs) -> Result<(), String> {
    let commit = match args.commit {
        Some(c) => c,
        None => command_line("git", &["rev-parse", "HEAD"])?,
    };
    let rustc = match args.rustc {
        Some(r) => r,
        None => {
            let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
            command_line(&rustc, &["-V"])?
        }
    };
    let medians_ns = match &args.criterion {
        Some(dir) => sources::criterion_medians(dir, &args.bench_prefixes)?,
        None => Default::default(),
    };
    let instructions = match &args.instructions {
        Some(path) => {
            let text = cli::read_text_bounded(path, history::MAX_HISTORY_LEN)?;
            sources::gungraun_instructions(&text, &path.display().to_string())?
        }
        None => Default::default(),
    };
    let peak_heap_bytes = match &args.report {
        Some(path) => {
            let text = cli::read_text_bounded(path, history::MAX_HISTORY_LEN)?;
            sources::report_peak_heap(&text, &path.display().to_string())?
        }
        None => Default::default(),
    };
    let record = Record {
        schema: history::SCHEMA,
        commit,
        date: history::now_utc(),
        machine: args.machine.unwrap_or_else(history::machine_description),
        rustc,
        medians_ns,
        instructions,
        peak_heap_bytes,
    };
    if record.is_empty() {
        return Err(
            "nothing to record: no Criterion median (--criterion, --bench), instruction count \
             (--instructions) or peak heap (--report) was found"
                .into(),
        );
    }
    history::append(&args.file, &record)
}

fn render_files(args: RenderArgs) -> Result<Option<String>, String> {
    let records = load(&args.file)?;
    if records.is_empty() {
        return Err(format!("{}: no records", args.file.display()));
    }
    let shown = render::last(&records, usize::from(args.last));
    if let Some(path) = &args.svg {
        write(path, &render::svg(shown))?;
    }
    let table = render::markdown(shown);
    match &args.markdown {
        Some(path) => {
            write(path, &table)?;
            Ok(None)
        }
        None if args.svg.is_none() => Ok(Some(table)),
        None => Ok(None),
    }
}

fn load(path: &Path) -> Result<Vec<Record>, String> {
    let text = cli::read_text_bounded(path, history::MAX_HISTORY_LEN)?;
    history::parse(&text, &path.display().to_string())
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The first line of a command's standard output.
fn command_line(program: &str, args: &[&str]) -> Result<String, String> {
    let out = Command::new(program)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run {program}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "`{program} {}` failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout)
        .lines()
        .next()
        .unwrap_or("")
        .trim()
        .to_string())
}
