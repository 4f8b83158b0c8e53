//! The comparison: inputs generated with gene-gen, every implementation checked against
//! gene-parser on every input before anything is timed, then timed in alternation.

use std::io;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::config::{BASELINE, Implementation};
use super::protocol;
use super::run::{Outcome, run};
use crate::inputs::{SEED, count_lines, generator_config, pattern_names};

/// The suite's sizes, in lines; [`QUICK_SIZES`] by default, the largest on request.
pub const ALL_SIZES: [usize; 4] = [1_000, 10_000, 100_000, 1_000_000];

/// The sizes of a default (quick) run.
pub const QUICK_SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// What to run.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Default-mix file sizes, in lines.
    pub sizes: Vec<usize>,
    /// Generator patterns, each alone in one file of [`Settings::pattern_lines`].
    pub patterns: Vec<String>,
    /// Lines of each pattern file.
    pub pattern_lines: usize,
    /// Rounds; in each, every implementation is timed once on every input, in rotating order.
    pub rounds: usize,
    /// Parses per timed run; `None` picks enough for [`Settings::bytes_per_run`].
    pub repeat: Option<u64>,
    /// Input bytes one timed run should parse at least, when `repeat` is `None`.
    pub bytes_per_run: u64,
    /// Where the generated files go.
    pub work_dir: PathBuf,
    /// A code base: its `*.gene` files that gene-parser reads, joined into one more input.
    pub corpus: Option<PathBuf>,
}

impl Settings {
    /// The quick default: 1k, 10k and 100k lines, every pattern at 5k lines, 5 rounds, 16 MB
    /// of input per timed run.
    pub fn quick(work_dir: PathBuf) -> Settings {
        Settings {
            sizes: QUICK_SIZES.to_vec(),
            patterns: pattern_names(),
            pattern_lines: crate::inputs::PATTERN_LINES,
            rounds: 5,
            repeat: None,
            bytes_per_run: 16_000_000,
            work_dir,
            corpus: None,
        }
    }
}

/// Most parses in one timed run when chosen from the input's size.
const MAX_AUTO_REPEAT: u64 = 1_000;

/// Fewest parses in one timed run when chosen from the input's size: the first parses of a
/// process also pay for first touches of fresh memory, and the median of five is a later one.
const MIN_AUTO_REPEAT: u64 = 5;

/// One generated input on disk, with gene-parser's answer for it.
pub struct Input {
    /// `mix-10000`, `pattern-strings`, ...
    pub name: String,
    /// `size`, `pattern` or `corpus`.
    pub kind: &'static str,
    /// Its file.
    pub path: PathBuf,
    /// Lines.
    pub lines: usize,
    /// Bytes.
    pub bytes: usize,
    /// gene-parser's canonical dump.
    pub dump: Vec<u8>,
    /// gene-parser's top-level forms.
    pub forms: usize,
    /// Parses per timed run.
    pub repeat: u64,
}

/// Writes the inputs into `settings.work_dir`, with gene-parser's dump of each.
pub fn inputs(settings: &Settings) -> io::Result<Vec<Input>> {
    std::fs::create_dir_all(&settings.work_dir)?;
    let mut specs: Vec<(String, &'static str, gene_gen::Config)> = settings
        .sizes
        .iter()
        .map(|&n| (format!("mix-{n}"), "size", generator_config(n)))
        .collect();
    for p in &settings.patterns {
        let pattern = gene_gen::Pattern::from_name(p)
            .ok_or_else(|| io::Error::other(format!("unknown pattern `{p}`")))?;
        specs.push((
            format!("pattern-{p}"),
            "pattern",
            generator_config(settings.pattern_lines).with_mix(gene_gen::Mix::only(pattern)),
        ));
    }
    let mut sources: Vec<(String, &'static str, String)> = specs
        .into_iter()
        .map(|(name, kind, config)| (name, kind, gene_gen::generate(&config)))
        .collect();
    if let Some(dir) = &settings.corpus {
        sources.push(corpus_input(dir)?);
    }
    sources
        .into_iter()
        .map(|(name, kind, src)| {
            let doc = gene_parser::parse(src.as_bytes()).map_err(|e| {
                io::Error::other(format!("{name}: gene-parser rejects its own input: {e}"))
            })?;
            let mut dump = Vec::with_capacity(src.len());
            doc.dump_into(&mut dump);
            let path = settings.work_dir.join(format!("{name}-seed{SEED}.gene"));
            std::fs::write(&path, &src).map_err(|e| with_path(&path, e))?;
            let repeat = settings.repeat.unwrap_or_else(|| {
                (settings.bytes_per_run / (src.len() as u64).max(1))
                    .clamp(MIN_AUTO_REPEAT, MAX_AUTO_REPEAT)
            });
            Ok(Input {
                lines: count_lines(src.as_bytes()),
                bytes: src.len(),
                forms: doc.roots().len(),
                dump,
                name,
                kind,
                path,
                repeat,
            })
        })
        .collect()
}

/// The most bytes of code base joined into one input.
const MAX_CORPUS_BYTES: u64 = 512 << 20;

/// Every `*.gene` file below `dir` (not under `.git`) that gene-parser reads, in path order,
/// joined by line breaks into one input named `corpus-DIRNAME`: a sequence of complete files is
/// a sequence of top-level forms, so every implementation reads it as it reads the files.
/// Files gene-parser rejects are left out (the protocol compares readings of valid source).
fn corpus_input(dir: &Path) -> io::Result<(String, &'static str, String)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).map_err(|e| with_path(&d, e))? {
            let path = entry?.path();
            if path.is_dir() {
                if path.file_name().is_none_or(|n| n != ".git") {
                    stack.push(path);
                }
            } else if path.extension().is_some_and(|x| x == "gene") {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut joined = String::new();
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        if gene_parser::parse(text.as_bytes()).is_ok() {
            if joined.len() as u64 + text.len() as u64 > MAX_CORPUS_BYTES {
                break;
            }
            joined.push_str(&text);
            joined.push('\n');
        }
    }
    if joined.is_empty() {
        return Err(io::Error::other(format!(
            "{}: no *.gene file that gene-parser reads",
            dir.display()
        )));
    }
    let label = dir
        .file_name()
        .map_or("corpus".into(), |n| n.to_string_lossy().into_owned());
    Ok((format!("corpus-{label}"), "corpus", joined))
}

fn with_path(path: &Path, e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

/// Median, least and greatest of a set of measurements.
#[derive(Clone, Copy, Debug, Serialize, PartialEq)]
pub struct Spread {
    /// The median (the mean of the middle two for an even count).
    pub median: f64,
    /// The least.
    pub min: f64,
    /// The greatest.
    pub max: f64,
}

impl Spread {
    /// The spread of `values` (not empty).
    pub fn of(values: &[f64]) -> Spread {
        let mut v = values.to_vec();
        v.sort_by(f64::total_cmp);
        let n = v.len();
        let median = if n % 2 == 1 {
            v[n / 2]
        } else {
            (v[n / 2 - 1] + v[n / 2]) / 2.0
        };
        Spread {
            median,
            min: v[0],
            max: v[n - 1],
        }
    }

    /// `f` applied to each figure; for a decreasing `f` (time to rate) min and max swap.
    pub fn map(self, f: impl Fn(f64) -> f64) -> Spread {
        let (a, b) = (f(self.min), f(self.max));
        Spread {
            median: f(self.median),
            min: a.min(b),
            max: a.max(b),
        }
    }
}

/// How an implementation's parses are timed.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Timing {
    /// By the implementation itself (`--repeat N`): parsing only.
    InProcess,
    /// Whole process runs (the implementation does not answer `--repeat`): start-up, reading
    /// and parsing.
    Process,
}

/// One implementation in the report.
#[derive(Debug, Serialize)]
pub struct Subject {
    /// Its name (`gene-parser` for the baseline).
    pub name: String,
    /// Its command.
    pub command: String,
    /// How it was timed.
    pub timing: Timing,
    /// Wall time of a check run on an empty file, in milliseconds, one per round.
    pub startup_ms: Option<Spread>,
    /// Peak RSS of that run, in KiB (the largest over the rounds).
    pub startup_rss_kib: Option<u64>,
}

/// One implementation on one input.
#[derive(Debug, Serialize)]
pub struct Cell {
    /// The implementation.
    pub subject: String,
    /// The input.
    pub input: String,
    /// Time of one parse, in milliseconds: the spread of the round medians.
    pub parse_ms: Spread,
    /// 10^6 input bytes per second.
    pub mb_s: Spread,
    /// Input lines per second.
    pub lines_s: Spread,
    /// Median nanoseconds per line.
    pub ns_per_line: f64,
    /// Parses per timed run.
    pub repeat: u64,
    /// The largest peak RSS of the timed runs (N parses in one process), in KiB.
    pub peak_rss_kib: Option<u64>,
    /// Peak RSS of the check run (one parse, and printing the answer), in KiB.
    pub check_rss_kib: Option<u64>,
}

/// Something that kept an implementation from being timed on an input.
#[derive(Debug, Serialize)]
pub struct Failure {
    /// The implementation.
    pub subject: String,
    /// The input (`empty` for the start-up file).
    pub input: String,
    /// `conformance` (its answer differs from gene-parser's), `error` (it failed on the
    /// input) or `protocol` (its timed answer breaks the protocol).
    pub kind: &'static str,
    /// What happened, on one line.
    pub message: String,
}

/// An input in the report.
#[derive(Debug, Serialize)]
pub struct InputInfo {
    /// Its name.
    pub name: String,
    /// `size`, `pattern` or `corpus`.
    pub kind: &'static str,
    /// Lines.
    pub lines: usize,
    /// Bytes.
    pub bytes: usize,
    /// Top-level forms.
    pub forms: usize,
}

/// The whole comparison, as written to JSON.
#[derive(Debug, Serialize)]
pub struct Report {
    /// The protocol version spoken.
    pub protocol: u32,
    /// The generator seed.
    pub seed: u64,
    /// Rounds run.
    pub rounds: usize,
    /// gene-parser first, then the external implementations in the order given.
    pub subjects: Vec<Subject>,
    /// The inputs, in order.
    pub inputs: Vec<InputInfo>,
    /// Every implementation on every input it was timed on.
    pub cells: Vec<Cell>,
    /// Conformance and protocol failures (those inputs are not timed).
    pub failures: Vec<Failure>,
}

impl Report {
    /// The cell of `subject` on `input`, if it was timed.
    pub fn cell(&self, subject: &str, input: &str) -> Option<&Cell> {
        self.cells
            .iter()
            .find(|c| c.subject == subject && c.input == input)
    }
}

/// The baseline: gene-parser's driver, this very binary's `protocol` subcommand.
pub fn baseline(exe: &Path) -> Implementation {
    Implementation {
        name: BASELINE.to_string(),
        words: vec![exe.display().to_string(), "protocol".to_string()],
    }
}

/// A run that could not even start: the one-line reason (exit status 2).
fn spawn_error(i: &Implementation, e: io::Error) -> io::Error {
    io::Error::new(
        e.kind(),
        format!("{}: running `{}`: {e}", i.name, i.words[0]),
    )
}

fn exit_failure(o: &Outcome) -> Option<String> {
    if o.status.success() {
        return None;
    }
    let how = match o.status.code() {
        Some(code) => format!("exit status {code}"),
        None => format!("killed ({})", o.status),
    };
    Some(if o.stderr_line.is_empty() {
        how
    } else {
        format!("{how}: {}", o.stderr_line)
    })
}

/// Finds out how `i` is timed, from its answer to `--repeat 1` on the (empty) file `empty`:
/// [`Timing::InProcess`] when it speaks the timed run, [`Timing::Process`] when it does not
/// answer with the protocol's header, and a `protocol` failure when the header comes with an
/// invalid answer. The outer error: the command could not be run.
pub fn probe_timing(i: &Implementation, empty: &Path) -> io::Result<Result<Timing, Failure>> {
    let probe = run(i.command(empty, Some(1))).map_err(|e| spawn_error(i, e))?;
    if !(probe.status.success() && probe.stdout.starts_with(b"gene-protocol ")) {
        return Ok(Ok(Timing::Process));
    }
    Ok(protocol::timings(&probe.stdout, 1)
        .map(|_| Timing::InProcess)
        .map_err(|message| Failure {
            subject: i.name.clone(),
            input: "empty".into(),
            kind: "protocol",
            message: format!("--repeat: {message}; timing whole runs instead"),
        }))
}

/// Checks one implementation's answer on one input against gene-parser's dump; the inner
/// `Err` is the failure to report, the outer one a command that could not be run.
/// `Ok` carries the run's peak RSS in KiB.
pub fn check(
    i: &Implementation,
    input_name: &str,
    path: &Path,
    dump: &[u8],
) -> io::Result<Result<Option<u64>, Failure>> {
    let o = run(i.command(path, None)).map_err(|e| spawn_error(i, e))?;
    let failure = |kind, message| Failure {
        subject: i.name.clone(),
        input: input_name.to_string(),
        kind,
        message,
    };
    if let Some(message) = exit_failure(&o) {
        return Ok(Err(failure("error", message)));
    }
    Ok(protocol::compare(dump, &protocol::answer(&o.stdout))
        .map(|()| o.peak_rss_kib)
        .map_err(|m| failure("conformance", format!("conformance failure: {m}"))))
}

/// Runs the comparison. `progress` gets one line per step (for standard error).
pub fn run_suite(
    settings: &Settings,
    baseline: Implementation,
    externals: &[Implementation],
    progress: &mut dyn FnMut(&str),
) -> io::Result<Report> {
    progress("generating inputs");
    let inputs = inputs(settings)?;
    let empty = settings.work_dir.join("empty.gene");
    std::fs::write(&empty, b"").map_err(|e| with_path(&empty, e))?;
    let all: Vec<&Implementation> = std::iter::once(&baseline).chain(externals).collect();
    let mut failures = Vec::new();
    let mut subjects = Vec::new();
    // conformant[s][k]: implementation s answered input k as gene-parser does.
    let mut conformant = vec![vec![false; inputs.len()]; all.len()];
    let mut check_rss: Vec<Vec<Option<u64>>> = vec![vec![None; inputs.len()]; all.len()];
    for (s, i) in all.iter().enumerate() {
        progress(&format!("checking {} ({})", i.name, i.display()));
        let mut timing = Timing::Process;
        match check(i, "empty", &empty, b"")? {
            Err(f) => failures.push(f),
            Ok(_) => match probe_timing(i, &empty)? {
                Ok(found) => timing = found,
                Err(f) => failures.push(f),
            },
        }
        for (k, input) in inputs.iter().enumerate() {
            match check(i, &input.name, &input.path, &input.dump)? {
                Ok(rss) => {
                    conformant[s][k] = true;
                    check_rss[s][k] = rss;
                }
                Err(f) => failures.push(f),
            }
        }
        subjects.push(Subject {
            name: i.name.clone(),
            command: i.display(),
            timing,
            startup_ms: None,
            startup_rss_kib: None,
        });
    }

    let mut round_ns: Vec<Vec<Vec<f64>>> = vec![vec![Vec::new(); inputs.len()]; all.len()];
    let mut rss: Vec<Vec<Option<u64>>> = vec![vec![None; inputs.len()]; all.len()];
    let mut startup: Vec<Vec<f64>> = vec![Vec::new(); all.len()];
    let mut startup_rss: Vec<Option<u64>> = vec![None; all.len()];
    for round in 0..settings.rounds {
        progress(&format!("round {} of {}", round + 1, settings.rounds));
        // The order of the implementations turns by one each round, so that none is always
        // first after a change of input (cold caches) or always last.
        let order: Vec<usize> = (0..all.len()).map(|j| (j + round) % all.len()).collect();
        for &s in &order {
            let o = run(all[s].command(&empty, None)).map_err(|e| spawn_error(all[s], e))?;
            if o.status.success() {
                startup[s].push(o.wall.as_secs_f64() * 1e3);
                startup_rss[s] = startup_rss[s].max(o.peak_rss_kib);
            }
        }
        for (k, input) in inputs.iter().enumerate() {
            for &s in &order {
                if !conformant[s][k] {
                    continue;
                }
                let i = all[s];
                let timed = match subjects[s].timing {
                    Timing::InProcess => timed_in_process(i, input)?,
                    Timing::Process => timed_processes(i, input)?,
                };
                match timed {
                    Ok((ns, peak)) => {
                        round_ns[s][k].push(ns);
                        rss[s][k] = rss[s][k].max(peak);
                    }
                    Err((kind, message)) => {
                        conformant[s][k] = false;
                        round_ns[s][k].clear();
                        failures.push(Failure {
                            subject: i.name.clone(),
                            input: input.name.clone(),
                            kind,
                            message,
                        });
                    }
                }
            }
        }
    }

    let mut cells = Vec::new();
    for (s, i) in all.iter().enumerate() {
        if !startup[s].is_empty() {
            subjects[s].startup_ms = Some(Spread::of(&startup[s]));
            subjects[s].startup_rss_kib = startup_rss[s];
        }
        for (k, input) in inputs.iter().enumerate() {
            if round_ns[s][k].is_empty() {
                continue;
            }
            let ns = Spread::of(&round_ns[s][k]);
            let secs = ns.map(|n| n / 1e9);
            cells.push(Cell {
                subject: i.name.clone(),
                input: input.name.clone(),
                parse_ms: ns.map(|n| n / 1e6),
                mb_s: secs.map(|t| input.bytes as f64 / t.max(1e-12) / 1e6),
                lines_s: secs.map(|t| input.lines as f64 / t.max(1e-12)),
                ns_per_line: ns.median / input.lines.max(1) as f64,
                repeat: input.repeat,
                peak_rss_kib: rss[s][k],
                check_rss_kib: check_rss[s][k],
            });
        }
    }
    Ok(Report {
        protocol: protocol::VERSION,
        seed: SEED,
        rounds: settings.rounds,
        subjects,
        inputs: inputs
            .iter()
            .map(|i| InputInfo {
                name: i.name.clone(),
                kind: i.kind,
                lines: i.lines,
                bytes: i.bytes,
                forms: i.forms,
            })
            .collect(),
        cells,
        failures,
    })
}

/// A round's figure (median nanoseconds per parse) and peak RSS, or why timing stopped.
type Timed = Result<(f64, Option<u64>), (&'static str, String)>;

/// One run with `--repeat`: the median of the implementation's own per-parse times.
fn timed_in_process(i: &Implementation, input: &Input) -> io::Result<Timed> {
    let o = run(i.command(&input.path, Some(input.repeat))).map_err(|e| spawn_error(i, e))?;
    if let Some(message) = exit_failure(&o) {
        return Ok(Err((
            "error",
            format!("--repeat {}: {message}", input.repeat),
        )));
    }
    let t = match protocol::timings(&o.stdout, input.repeat) {
        Ok(t) => t,
        Err(message) => return Ok(Err(("protocol", format!("--repeat: {message}")))),
    };
    if t.forms != input.forms {
        return Ok(Err((
            "conformance",
            format!(
                "conformance failure: --repeat reports {} forms, gene-parser reads {}",
                t.forms, input.forms
            ),
        )));
    }
    let ns: Vec<f64> = t.parse_ns.iter().map(|&n| n as f64).collect();
    Ok(Ok((Spread::of(&ns).median, o.peak_rss_kib)))
}

/// `repeat` whole check runs: the median wall time of one.
fn timed_processes(i: &Implementation, input: &Input) -> io::Result<Timed> {
    let mut walls = Vec::new();
    let mut peak = None;
    for _ in 0..input.repeat {
        let o = run(i.command(&input.path, None)).map_err(|e| spawn_error(i, e))?;
        if let Some(message) = exit_failure(&o) {
            return Ok(Err(("error", message)));
        }
        walls.push(o.wall.as_secs_f64() * 1e9);
        peak = peak.max(o.peak_rss_kib);
    }
    Ok(Ok((Spread::of(&walls).median, peak)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreads_are_medians_and_extremes() {
        assert_eq!(
            Spread::of(&[3.0, 1.0, 2.0]),
            Spread {
                median: 2.0,
                min: 1.0,
                max: 3.0
            }
        );
        assert_eq!(Spread::of(&[4.0, 1.0, 2.0, 3.0]).median, 2.5);
        let rate = Spread::of(&[1.0, 2.0, 4.0]).map(|t| 8.0 / t);
        assert_eq!((rate.min, rate.median, rate.max), (2.0, 4.0, 8.0));
    }
}
