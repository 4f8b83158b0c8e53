//! The interleaved A/B comparison (`gene-gate ab`): a wall-time verdict that survives a noisy
//! machine.
//!
//! Two sequential benchmark runs of identical code on a shared machine differ by up to 40%,
//! because the machine changes between them. Here the two builds take turns instead: each
//! round runs a whole-parse driver of the base and of the change, in a random (seeded) order,
//! moments apart, so what the machine does touches both alike and cancels in the round's ratio
//! `change / base`. Per input, the median of the rounds' ratios and its distribution-free 95%
//! interval ([`stats`]) decide: a regression only when the whole interval lies above
//! `1 + threshold`.
//!
//! - [`checkout`]: a build's sources, a directory or a git revision in a temporary worktree;
//! - [`driver`]: the timing driver, written and built against each checkout;
//! - [`inputs`]: the generated inputs both drivers read;
//! - [`stats`]: schedule, interval, verdict;
//! - [`output`]: the terminal table, Markdown and JSON.

pub mod checkout;
pub mod driver;
pub mod inputs;
pub mod output;
pub mod stats;

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;

use checkout::Checkout;
use driver::{BuildSpec, Driver};
use inputs::{InputFile, InputSpec};
use stats::{CONFIDENCE, Interval, MIN_ROUNDS, Verdict};

/// Default rounds, at most. On the shared 2-core machine a round of the default inputs takes a
/// quarter to a whole second depending on the load, so the rounds also stop at
/// [`DEFAULT_TIME_LIMIT_SECS`]; see the README's calibration.
pub const DEFAULT_ROUNDS: usize = 100;

/// Default time limit of the rounds, in seconds: with input generation and process starts a
/// comparison stays under two minutes of wall time, builds excluded. Stopping on time, not on
/// what the data say, biases nothing: a loaded machine gives fewer rounds and wider intervals.
pub const DEFAULT_TIME_LIMIT_SECS: f64 = 60.0;

/// Default threshold in percent, chosen from the calibration in the README.
pub const DEFAULT_THRESHOLD_PCT: f64 = 2.0;

/// Default seed of the run order.
pub const DEFAULT_SEED: u64 = 1;

/// Arguments of the A/B comparison.
#[derive(clap::Args, Clone, Debug)]
#[command(
    about = "Interleaved A/B comparison of the whole-parse time of two builds",
    after_help = "Exit status: 0 no regression, 1 a regression, 2 bad arguments or an I/O, build or run error."
)]
pub struct AbArgs {
    /// The base build: a git revision of --repo, checked out detached into a temporary worktree.
    #[arg(
        long,
        value_name = "REV",
        conflicts_with = "base_dir",
        required_unless_present = "base_dir"
    )]
    pub base: Option<String>,
    /// The base build: a directory holding a checkout (used as it is, uncommitted changes included).
    #[arg(long, value_name = "DIR")]
    pub base_dir: Option<PathBuf>,
    /// The changed build: a git revision of --repo.
    #[arg(
        long,
        value_name = "REV",
        conflicts_with = "change_dir",
        required_unless_present = "change_dir"
    )]
    pub change: Option<String>,
    /// The changed build: a directory holding a checkout.
    #[arg(long, value_name = "DIR")]
    pub change_dir: Option<PathBuf>,
    /// Cargo features of gene-parser for the base build (comma-separated).
    #[arg(long, value_name = "FEATURES", value_delimiter = ',')]
    pub base_features: Vec<String>,
    /// Cargo features of gene-parser for the changed build (comma-separated).
    #[arg(long, value_name = "FEATURES", value_delimiter = ',')]
    pub change_features: Vec<String>,
    /// An environment variable for the base build's runs (repeatable).
    #[arg(long, value_name = "KEY=VALUE", value_parser = parse_env)]
    pub base_env: Vec<(String, String)>,
    /// An environment variable for the changed build's runs (repeatable).
    #[arg(long, value_name = "KEY=VALUE", value_parser = parse_env)]
    pub change_env: Vec<(String, String)>,
    /// Rounds, at most; in each, every input is timed on both builds back to back, in random
    /// order.
    #[arg(long, default_value_t = DEFAULT_ROUNDS, value_name = "N")]
    pub rounds: usize,
    /// Start no round after this many seconds of rounds (at least 6 rounds are always run).
    #[arg(long, default_value_t = DEFAULT_TIME_LIMIT_SECS, value_name = "SECONDS")]
    pub time_limit: f64,
    /// Percent beyond which a change counts, when the whole 95% interval lies beyond it.
    #[arg(long, default_value_t = DEFAULT_THRESHOLD_PCT, value_name = "PCT")]
    pub threshold: f64,
    /// Seed of the run order.
    #[arg(long, default_value_t = DEFAULT_SEED)]
    pub seed: u64,
    /// Inputs, comma-separated: mix-LINES, pattern-NAME, pattern-NAME-LINES.
    #[arg(long, default_value = inputs::DEFAULT_INPUTS, value_name = "LIST")]
    pub inputs: String,
    /// The git repository revisions are taken from.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub repo: PathBuf,
    /// Where drivers are built and kept between runs [default: $CARGO_TARGET_DIR/gene-ab or
    /// REPO/target/gene-ab].
    #[arg(long, value_name = "DIR")]
    pub work_dir: Option<PathBuf>,
    /// What to print on stdout.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Also write the JSON report to this file.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// Also append the Markdown report to this file (for example "$GITHUB_STEP_SUMMARY").
    #[arg(long, value_name = "FILE")]
    pub markdown: Option<PathBuf>,
    /// No progress messages on stderr.
    #[arg(long, short)]
    pub quiet: bool,
}

/// What `--format` prints on stdout.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A plain-text table.
    Table,
    /// The JSON report.
    Json,
    /// The Markdown report.
    Markdown,
}

fn parse_env(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
        _ => Err(format!("`{s}` is not KEY=VALUE")),
    }
}

/// Why a comparison could not be made (exit status 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AbError {
    /// Bad arguments.
    Usage(String),
    /// A file or directory could not be read, written or created.
    Io(String),
    /// A driver did not build.
    Build(String),
    /// A driver failed, or the two builds read the inputs differently.
    Run(String),
}

impl fmt::Display for AbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AbError::Usage(m) | AbError::Io(m) | AbError::Build(m) | AbError::Run(m) => {
                f.write_str(m)
            }
        }
    }
}

impl std::error::Error for AbError {}

/// One build as the report describes it.
#[derive(Clone, Debug, Serialize)]
pub struct BuildInfo {
    /// The revision or directory given.
    pub source: String,
    /// Its commit, when known.
    pub commit: Option<String>,
    /// gene-parser features enabled.
    pub features: Vec<String>,
    /// Environment variables set for its runs.
    pub env: Vec<String>,
}

/// The result for one input.
#[derive(Clone, Debug, Serialize)]
pub struct InputResult {
    /// The input's name.
    pub name: String,
    /// Its size in bytes.
    pub bytes: usize,
    /// Top-level forms, as both builds counted them.
    pub forms: usize,
    /// Parses per measurement (the measurement is the shortest).
    pub parses_per_measurement: usize,
    /// Median over rounds of the base's time, in nanoseconds.
    pub base_median_ns: f64,
    /// Median over rounds of the change's time, in nanoseconds.
    pub change_median_ns: f64,
    /// Median of the rounds' ratios `change / base`, with its interval.
    pub ratio: Interval,
    /// What the interval says at the threshold.
    pub verdict: Verdict,
    /// The base's time in each round (the shortest of its parses), in nanoseconds.
    pub base_ns: Vec<u64>,
    /// The change's time in each round, in nanoseconds.
    pub change_ns: Vec<u64>,
}

/// A whole comparison.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// The base build.
    pub base: BuildInfo,
    /// The changed build.
    pub change: BuildInfo,
    /// Rounds run (fewer than asked when the time limit stopped them).
    pub rounds: usize,
    /// Rounds asked for.
    pub rounds_asked: usize,
    /// Seed of the run order.
    pub seed: u64,
    /// The threshold, in percent.
    pub threshold_pct: f64,
    /// The intervals' nominal confidence.
    pub confidence: f64,
    /// Wall time of the timed rounds (input generation and builds excluded), in seconds.
    pub rounds_seconds: f64,
    /// Wall time of the builds, in seconds.
    pub build_seconds: f64,
    /// Per input.
    pub inputs: Vec<InputResult>,
    /// `regression` if any input regressed, else `improvement` if any improved, else
    /// `within-noise`.
    pub verdict: Verdict,
}

impl Report {
    /// Whether some input regressed (the command then exits 1).
    pub fn regressed(&self) -> bool {
        self.verdict == Verdict::Regression
    }
}

/// Runs a comparison: checks the arguments, builds both drivers, generates the inputs, runs the
/// rounds, prints the report in `args.format` and writes the requested files.
pub fn run(args: &AbArgs) -> Result<Report, AbError> {
    validate(args)?;
    let specs = InputSpec::parse_list(&args.inputs)?;
    let say = |msg: &str| {
        if !args.quiet {
            eprintln!("gene-gate ab: {msg}");
        }
    };
    let work_dir = match &args.work_dir {
        Some(dir) => dir.clone(),
        None => std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| args.repo.join("target"))
            .join("gene-ab"),
    };
    std::fs::create_dir_all(&work_dir)
        .map_err(|e| AbError::Io(format!("cannot create {}: {e}", work_dir.display())))?;

    let base = checkout(&args.repo, args.base.as_deref(), args.base_dir.as_deref())?;
    let change = checkout(
        &args.repo,
        args.change.as_deref(),
        args.change_dir.as_deref(),
    )?;
    let build_start = Instant::now();
    say(&format!("building the base driver ({})", base.description));
    let base_driver = driver::build(
        &spec("base", &base, &args.base_features, &args.base_env),
        &work_dir,
    )?;
    say(&format!(
        "building the change driver ({})",
        change.description
    ));
    let change_driver = driver::build(
        &spec("change", &change, &args.change_features, &args.change_env),
        &work_dir,
    )?;
    let build_seconds = build_start.elapsed().as_secs_f64();

    let input_dir = tempfile::Builder::new()
        .prefix("gene-ab-inputs-")
        .tempdir()
        .map_err(|e| AbError::Io(format!("cannot create a temporary directory: {e}")))?;
    let files = inputs::write_inputs(&specs, input_dir.path())?;
    say(&format!(
        "{} rounds over {} inputs, seed {}",
        args.rounds,
        files.len(),
        args.seed
    ));
    let start = Instant::now();
    let (base_times, change_times, forms) = rounds(&base_driver, &change_driver, &files, args)?;
    let rounds_seconds = start.elapsed().as_secs_f64();

    let threshold = args.threshold / 100.0;
    let rounds_run = base_times.len();
    let results = files
        .iter()
        .enumerate()
        .map(|(i, file)| {
            let base_ns: Vec<u64> = base_times.iter().map(|r| r[i]).collect();
            let change_ns: Vec<u64> = change_times.iter().map(|r| r[i]).collect();
            summarize(file, forms[i], base_ns, change_ns, threshold)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let verdict = if results.iter().any(|r| r.verdict == Verdict::Regression) {
        Verdict::Regression
    } else if results.iter().any(|r| r.verdict == Verdict::Improvement) {
        Verdict::Improvement
    } else {
        Verdict::WithinNoise
    };
    let report = Report {
        base: info(&base, &args.base_features, &args.base_env),
        change: info(&change, &args.change_features, &args.change_env),
        rounds: rounds_run,
        rounds_asked: args.rounds,
        seed: args.seed,
        threshold_pct: args.threshold,
        confidence: CONFIDENCE,
        rounds_seconds,
        build_seconds,
        inputs: results,
        verdict,
    };
    emit(&report, args)?;
    Ok(report)
}

/// Checks what clap cannot.
fn validate(args: &AbArgs) -> Result<(), AbError> {
    if args.rounds < MIN_ROUNDS {
        return Err(AbError::Usage(format!(
            "--rounds must be at least {MIN_ROUNDS} (fewer give no 95% interval)"
        )));
    }
    if args.rounds > 100_000 {
        return Err(AbError::Usage("--rounds must be at most 100000".into()));
    }
    if !(args.time_limit.is_finite() && args.time_limit > 0.0) {
        return Err(AbError::Usage(format!(
            "--time-limit must be a positive number of seconds, not {}",
            args.time_limit
        )));
    }
    if !(args.threshold.is_finite() && args.threshold >= 0.0 && args.threshold < 100.0) {
        return Err(AbError::Usage(format!(
            "--threshold must be a percentage in [0, 100), not {}",
            args.threshold
        )));
    }
    if args.base.is_some() == args.base_dir.is_some() {
        return Err(AbError::Usage(
            "give exactly one of --base and --base-dir".into(),
        ));
    }
    if args.change.is_some() == args.change_dir.is_some() {
        return Err(AbError::Usage(
            "give exactly one of --change and --change-dir".into(),
        ));
    }
    Ok(())
}

fn checkout(repo: &Path, rev: Option<&str>, dir: Option<&Path>) -> Result<Checkout, AbError> {
    match (rev, dir) {
        (Some(rev), _) => Checkout::revision(repo, rev),
        (None, Some(dir)) => Checkout::directory(dir),
        (None, None) => Err(AbError::Usage("a build is missing".into())),
    }
}

fn spec(
    label: &'static str,
    checkout: &Checkout,
    features: &[String],
    env: &[(String, String)],
) -> BuildSpec {
    BuildSpec {
        label,
        checkout: checkout.dir.clone(),
        features: features.to_vec(),
        env: env.to_vec(),
    }
}

fn info(checkout: &Checkout, features: &[String], env: &[(String, String)]) -> BuildInfo {
    BuildInfo {
        source: checkout.description.clone(),
        commit: checkout.commit.clone(),
        features: features.to_vec(),
        env: env.iter().map(|(k, v)| format!("{k}={v}")).collect(),
    }
}

/// Per-round times of each build in nanoseconds: `[round][input]`.
type Rounds = Vec<Vec<u64>>;

/// Runs the rounds. Each round starts both drivers afresh (each parses every input once,
/// untimed, and the form counts are compared), then times every input on both builds back to
/// back, in the scheduled order. Fresh processes every round make whatever is fixed for a
/// process's life (where its code and buffers landed in memory, which core it started on) vary
/// from round to round, where the interval accounts for it, instead of biasing every round
/// alike.
fn rounds(
    base_driver: &Driver,
    change_driver: &Driver,
    files: &[InputFile],
    args: &AbArgs,
) -> Result<(Rounds, Rounds, Vec<usize>), AbError> {
    let order = stats::schedule(args.seed, args.rounds * files.len());
    let mut order = order.into_iter();
    let mut base_times = Vec::with_capacity(args.rounds);
    let mut change_times = Vec::with_capacity(args.rounds);
    let mut forms = Vec::new();
    let start = Instant::now();
    for round in 0..args.rounds {
        if round >= MIN_ROUNDS && start.elapsed().as_secs_f64() >= args.time_limit {
            break;
        }
        let mut base = base_driver.start(files)?;
        let mut change = change_driver.start(files)?;
        check_forms(files, &base.forms, &change.forms)?;
        forms.clone_from(&base.forms);
        let mut b = Vec::with_capacity(files.len());
        let mut c = Vec::with_capacity(files.len());
        for (i, file) in files.iter().enumerate() {
            if order.next().unwrap_or(true) {
                b.push(base.time(i, file.parses)?);
                c.push(change.time(i, file.parses)?);
            } else {
                c.push(change.time(i, file.parses)?);
                b.push(base.time(i, file.parses)?);
            }
        }
        base_times.push(b);
        change_times.push(c);
        if !args.quiet && (round + 1) % 20 == 0 {
            eprintln!("gene-gate ab: round {}/{}", round + 1, args.rounds);
        }
    }
    Ok((base_times, change_times, forms))
}

/// Both builds must read every input the same way before their times mean anything.
fn check_forms(files: &[InputFile], base: &[usize], change: &[usize]) -> Result<(), AbError> {
    for ((file, b), c) in files.iter().zip(base).zip(change) {
        if b != c {
            return Err(AbError::Run(format!(
                "{}: the builds read it differently ({b} top-level forms in base, {c} in change)",
                file.name
            )));
        }
    }
    Ok(())
}

fn summarize(
    file: &InputFile,
    forms: usize,
    base_ns: Vec<u64>,
    change_ns: Vec<u64>,
    threshold: f64,
) -> Result<InputResult, AbError> {
    let base_f: Vec<f64> = base_ns.iter().map(|&n| n.max(1) as f64).collect();
    let change_f: Vec<f64> = change_ns.iter().map(|&n| n.max(1) as f64).collect();
    let ratio = stats::median_interval(&stats::paired_ratios(&base_f, &change_f), CONFIDENCE)
        .ok_or_else(|| AbError::Run(format!("{}: no interval from the timings", file.name)))?;
    Ok(InputResult {
        name: file.name.clone(),
        bytes: file.bytes,
        forms,
        parses_per_measurement: file.parses,
        base_median_ns: stats::median(&base_f).unwrap_or(0.0),
        change_median_ns: stats::median(&change_f).unwrap_or(0.0),
        verdict: Verdict::of(&ratio, threshold),
        ratio,
        base_ns,
        change_ns,
    })
}

/// Prints the report on stdout in the chosen format and writes the requested files.
fn emit(report: &Report, args: &AbArgs) -> Result<(), AbError> {
    let json = output::json(report);
    match args.format {
        Format::Table => print!("{}", output::table(report)),
        Format::Json => println!("{json}"),
        Format::Markdown => print!("{}", output::markdown(report)),
    }
    if let Some(path) = &args.json {
        std::fs::write(path, format!("{json}\n"))
            .map_err(|e| AbError::Io(format!("cannot write {}: {e}", path.display())))?;
    }
    if let Some(path) = &args.markdown {
        use std::io::Write as _;
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .and_then(|mut f| f.write_all(output::markdown(report).as_bytes()))
            .map_err(|e| AbError::Io(format!("cannot write {}: {e}", path.display())))?;
    }
    Ok(())
}
