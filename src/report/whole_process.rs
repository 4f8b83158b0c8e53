//! `gene-report whole-process`: what a user running `gene-parse check` on a large file gets,
//! against what the parser does in-process on a small one, measured alternately in one run.
//!
//! Each round measures three things, in an order that alternates from round to round so that a
//! change of load on a shared machine falls on all of them alike:
//! - **in-process, small input** (default 10k lines): as many timed parses as make up the large
//!   input's bytes, and their median (the warm, cached case: the reference speed);
//! - **in-process, distinct small inputs**: as many parses again, cycling through
//!   [`DISTINCT_SMALL_INPUTS`] files of the same size and mix made from other seeds. Parsing one
//!   text over and over lets the caches and the branch predictor learn it (BOTTLENECKS.md,
//!   "What a repeated input hides"), which a user parsing a file once never gets; this figure
//!   tells how much of the large input's gap to the repeated one is that;
//! - **in-process, large input** (default 1M lines): one timed parse, then its drop timed alone,
//!   and one parse through [`gene_parser::Buffers`] that hold the last round's arrays (the same
//!   parse without fresh memory, to tell what fresh memory costs);
//! - **whole process**: `gene-parse check FILE` on the large input written to a file, timed from
//!   spawn to exit, with the child's user and system CPU time and minor page faults (`wait4`).
//!
//! Every figure is taken twice: by the wall clock, and by CPU time (the thread's in-process, see
//! [`clock`](super::clock); user plus system time of the child), which alone compares fairly on
//! a loaded machine.
//!
//! Before any timing, both inputs are checked against their recorded counts and `gene-parse`'s
//! answer must be exactly `FILE: ok` with exit status 0, so a broken build cannot look fast.
//! The result gives medians, minimum and maximum of each figure, and two ratios, both as the
//! ratio of medians and as the median of the per-round ratios (paired within a round, so less
//! sensitive to load that changes between rounds): in-process large over small (is throughput
//! flat with size?) and whole process over in-process small (what process start, reading the
//! file, fresh memory and exit add).

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::clock::{Seconds, timed};
use super::{Machine, Stamp};
use crate::external::run;
use crate::inputs::{self, Input};
use crate::stats::Summary;

/// The ratio the issue asks of both comparisons: within 10% of the in-process small input.
pub const TARGET_RATIO: f64 = 0.9;

/// The most parses of the small input in one round (its share of the large input's bytes).
const MAX_SMALL_PARSES: usize = 1000;

/// How many distinct small inputs the rotating figure cycles through (different seeds, same
/// size and mix): together several MB, more than the caches hold.
pub const DISTINCT_SMALL_INPUTS: u64 = 32;

/// What to measure.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Rounds (each measures the three figures once).
    pub rounds: usize,
    /// Lines of the small, in-process reference input.
    pub small_lines: usize,
    /// Lines of the large input, parsed in-process and by `gene-parse check`.
    pub large_lines: usize,
    /// The `gene-parse` executable.
    pub gene_parse: PathBuf,
    /// Where the large input is written and removed afterwards; a file already there is used
    /// if it holds the same bytes (and kept), and refused otherwise.
    pub file: PathBuf,
}

/// One round's figures.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub struct Round {
    /// Median MB/s (10^6 bytes) of the small input's parses this round, by the wall clock.
    pub small_mb_s: f64,
    /// The same by the thread's CPU time.
    pub small_cpu_mb_s: f64,
    /// Median MB/s of the parses of distinct small inputs this round, by the wall clock.
    #[serde(default)]
    pub distinct_mb_s: f64,
    /// The same by the thread's CPU time.
    #[serde(default)]
    pub distinct_cpu_mb_s: f64,
    /// MB/s of the large input's parse, by the wall clock.
    pub large_mb_s: f64,
    /// The same by the thread's CPU time.
    pub large_cpu_mb_s: f64,
    /// MB/s by CPU time of a parse of the large input through [`gene_parser::Buffers`] that
    /// hold the previous round's document: the same parse without fresh memory.
    #[serde(default)]
    pub large_reused_cpu_mb_s: f64,
    /// Milliseconds to drop the large input's document.
    pub large_drop_ms: f64,
    /// MB/s of `gene-parse check` on the large file, wall time from spawn to exit.
    pub whole_mb_s: f64,
    /// The same by its user and system CPU time.
    pub whole_cpu_mb_s: f64,
    /// Wall time of `gene-parse check`, milliseconds.
    pub whole_wall_ms: f64,
    /// Its user CPU time, milliseconds.
    pub whole_user_ms: f64,
    /// Its system CPU time, milliseconds.
    pub whole_system_ms: f64,
    /// Its minor page faults.
    pub whole_minor_faults: u64,
    /// Whether the whole-process run came first this round.
    pub whole_first: bool,
}

/// Median, minimum and maximum of one figure over the rounds, and the two ratios.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct WholeProcess {
    /// When, on which commit, with which compiler.
    pub stamp: Stamp,
    /// The machine.
    pub machine: Machine,
    /// The small input's name and bytes.
    pub small: (String, usize),
    /// The large input's name and bytes.
    pub large: (String, usize),
    /// Small-input parses per round.
    pub small_parses: usize,
    /// The command timed (`gene-parse check FILE`).
    pub command: String,
    /// Every round.
    pub rounds: Vec<Round>,
    /// In-process large MB/s over in-process small MB/s, by the wall clock.
    pub large_over_small: Ratio,
    /// The same by CPU time.
    pub large_over_small_cpu: Ratio,
    /// Whole-process MB/s over in-process small MB/s, by the wall clock.
    pub whole_over_small: Ratio,
    /// The same by CPU time.
    pub whole_over_small_cpu: Ratio,
    /// In-process large MB/s over the distinct small inputs' MB/s, by the wall clock (absent
    /// from results saved before this figure existed).
    #[serde(default)]
    pub large_over_distinct: Option<Ratio>,
    /// The same by CPU time.
    #[serde(default)]
    pub large_over_distinct_cpu: Option<Ratio>,
}

/// A ratio two ways: of the medians, and the median of the per-round ratios.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub struct Ratio {
    /// Median of the numerator over median of the denominator.
    pub of_medians: f64,
    /// Median over the rounds of each round's own ratio.
    pub paired: f64,
}

impl Ratio {
    fn of(rounds: &[Round], num: impl Fn(&Round) -> f64, den: impl Fn(&Round) -> f64) -> Ratio {
        let median = |f: &dyn Fn(&Round) -> f64| {
            Summary::of(&rounds.iter().map(f).collect::<Vec<_>>()).median
        };
        Ratio {
            of_medians: median(&num) / median(&den),
            paired: median(&|r| num(r) / den(r)),
        }
    }
}

/// `gene-parse` next to this executable (`target/release/gene-parse` for a release build), the
/// default of `--gene-parse`.
pub fn default_gene_parse() -> PathBuf {
    let name = format!("gene-parse{}", std::env::consts::EXE_SUFFIX);
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(&name)))
        .unwrap_or_else(|| PathBuf::from(name))
}

/// The default place of the large input: the temporary directory, named by the process.
pub fn default_file(large_lines: usize) -> PathBuf {
    std::env::temp_dir().join(format!(
        "gene-report-whole-process-{}-{large_lines}.gene",
        std::process::id()
    ))
}

/// Runs the measurement; `progress` gets one line per step. An error is one line: the input
/// could not be written, `gene-parse` could not be run, or it answered wrongly.
pub fn measure(settings: &Settings, progress: impl Fn(&str)) -> Result<WholeProcess, String> {
    let small = inputs::sized(settings.small_lines);
    let large = inputs::sized(settings.large_lines);
    let distinct: Vec<Input> = (1..=DISTINCT_SMALL_INPUTS)
        .map(|k| {
            let config = inputs::generator_config(settings.small_lines);
            let config = gene_gen::Config::new(config.seed.wrapping_add(k), config.target_lines);
            let input = Input::new(
                format!("{}-seed+{k}", small.name),
                gene_gen::generate(&config),
            );
            input.check_parse();
            input
        })
        .collect();
    small.check_parse();
    large.check_parse();
    let path = &settings.file;
    // A file already there is used only if it holds the input's bytes, and never overwritten.
    let existed = match std::fs::read(path) {
        Ok(bytes) if bytes == large.src => true,
        Ok(_) => {
            return Err(format!(
                "{}: exists and is not the {} input; name another --file",
                path.display(),
                large.name
            ));
        }
        Err(_) => false,
    };
    if !existed {
        std::fs::write(path, &large.src).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let result = measure_rounds(settings, small, &distinct, large, &progress);
    if !existed {
        let _ = std::fs::remove_file(path);
    }
    result
}

fn measure_rounds(
    settings: &Settings,
    small: &Input,
    distinct: &[Input],
    large: &Input,
    progress: &impl Fn(&str),
) -> Result<WholeProcess, String> {
    let small_parses = large
        .src
        .len()
        .div_ceil(small.src.len().max(1))
        .clamp(3, MAX_SMALL_PARSES);
    // The check, which also warms the page cache and the file's inode; then one untimed pass
    // of each in-process figure.
    whole(settings)?;
    median_mb_s(std::slice::from_ref(small), small_parses, 0);
    median_mb_s(distinct, small_parses, 0);
    large_round(large);
    let mut buffers = gene_parser::Buffers::new();
    reused_round(&mut buffers, large);
    let mut rounds = Vec::with_capacity(settings.rounds);
    for k in 0..settings.rounds {
        progress(&format!("round {}/{}", k + 1, settings.rounds));
        let whole_first = k % 2 == 0;
        let mut run = None;
        if whole_first {
            run = Some(whole(settings)?);
        }
        let small_s = median_mb_s(std::slice::from_ref(small), small_parses, 0);
        let distinct_s = median_mb_s(distinct, small_parses, k);
        let (large_s, drop_s) = large_round(large);
        let reused_s = reused_round(&mut buffers, large);
        let cpu = |t: Duration| t.as_secs_f64();
        if !whole_first {
            run = Some(whole(settings)?);
        }
        let (wall, usage) = run.expect("measured in this round");
        let mb = |bytes: usize, secs: f64| bytes as f64 / 1e6 / secs;
        rounds.push(Round {
            small_mb_s: small_s.wall,
            small_cpu_mb_s: small_s.cpu,
            distinct_mb_s: distinct_s.wall,
            distinct_cpu_mb_s: distinct_s.cpu,
            large_mb_s: mb(large.src.len(), large_s.wall),
            large_cpu_mb_s: mb(large.src.len(), large_s.cpu),
            large_reused_cpu_mb_s: mb(large.src.len(), reused_s.cpu),
            large_drop_ms: drop_s * 1e3,
            whole_mb_s: mb(large.src.len(), wall.as_secs_f64()),
            whole_cpu_mb_s: mb(large.src.len(), cpu(usage.user + usage.system)),
            whole_wall_ms: wall.as_secs_f64() * 1e3,
            whole_user_ms: usage.user.as_secs_f64() * 1e3,
            whole_system_ms: usage.system.as_secs_f64() * 1e3,
            whole_minor_faults: usage.minor_faults,
            whole_first,
        });
    }
    Ok(WholeProcess {
        stamp: Stamp::now(),
        machine: Machine::current(),
        small: (small.name.clone(), small.src.len()),
        large: (large.name.clone(), large.src.len()),
        small_parses,
        command: format!(
            "{} check {}",
            settings.gene_parse.display(),
            settings.file.display()
        ),
        large_over_small: Ratio::of(&rounds, |r| r.large_mb_s, |r| r.small_mb_s),
        large_over_small_cpu: Ratio::of(&rounds, |r| r.large_cpu_mb_s, |r| r.small_cpu_mb_s),
        whole_over_small: Ratio::of(&rounds, |r| r.whole_mb_s, |r| r.small_mb_s),
        whole_over_small_cpu: Ratio::of(&rounds, |r| r.whole_cpu_mb_s, |r| r.small_cpu_mb_s),
        large_over_distinct: Some(Ratio::of(&rounds, |r| r.large_mb_s, |r| r.distinct_mb_s)),
        large_over_distinct_cpu: Some(Ratio::of(
            &rounds,
            |r| r.large_cpu_mb_s,
            |r| r.distinct_cpu_mb_s,
        )),
        rounds,
    })
}

/// A throughput by the wall clock and by CPU time, MB/s (10^6 bytes).
struct MbPerSecond {
    wall: f64,
    cpu: f64,
}

/// The median MB/s (wall, CPU) of `parses` parses cycling through `inputs`, starting at the
/// `first`-th (each round starts elsewhere, so that no input is always parsed first). One
/// input is the repeated case.
fn median_mb_s(inputs: &[Input], parses: usize, first: usize) -> MbPerSecond {
    let (mut wall, mut cpu) = (Vec::with_capacity(parses), Vec::with_capacity(parses));
    for i in 0..parses {
        let input = &inputs[(first + i) % inputs.len()];
        let ((), t) = timed(|| {
            drop(std::hint::black_box(gene_parser::parse(
                std::hint::black_box(input.bytes()),
            )))
        });
        let mb = input.src.len() as f64 / 1e6;
        wall.push(mb / t.wall);
        cpu.push(mb / t.cpu);
    }
    MbPerSecond {
        wall: Summary::of(&wall).median,
        cpu: Summary::of(&cpu).median,
    }
}

/// The time of one parse of `input`, and of the drop of its document in seconds (wall).
fn large_round(input: &Input) -> (Seconds, f64) {
    let (doc, parsed) =
        timed(|| std::hint::black_box(gene_parser::parse(std::hint::black_box(input.bytes()))));
    let start = Instant::now();
    drop(doc);
    (parsed, start.elapsed().as_secs_f64())
}

/// The time of one parse of `input` into the arrays `buffers` hold, which then keep its
/// document's arrays for the next round.
fn reused_round(buffers: &mut gene_parser::Buffers, input: &Input) -> Seconds {
    let (doc, t) = timed(|| buffers.parse(std::hint::black_box(input.bytes())));
    if let Ok(doc) = doc {
        buffers.recycle(doc);
    }
    t
}

/// One checked run of `gene-parse check FILE`: its wall time and what the kernel accounted to it.
fn whole(settings: &Settings) -> Result<(Duration, run::ChildUsage), String> {
    let mut command = Command::new(&settings.gene_parse);
    command.arg("check").arg(&settings.file);
    let program = settings.gene_parse.display();
    let outcome = run::run(command).map_err(|e| {
        format!(
            "running {program}: {e} (build it with `cargo build --release -p gene-parser`, or \
             name it with --gene-parse)"
        )
    })?;
    let expected = format!("{}: ok\n", settings.file.display());
    if !outcome.status.success() || outcome.stdout != expected.as_bytes() {
        return Err(format!(
            "{program} check {}: expected `{}` and exit status 0, got `{}` and {}{}",
            settings.file.display(),
            expected.trim_end(),
            String::from_utf8_lossy(&outcome.stdout).trim_end(),
            outcome.status,
            if outcome.stderr_line.is_empty() {
                String::new()
            } else {
                format!(" ({})", outcome.stderr_line)
            }
        ));
    }
    Ok((outcome.wall, outcome.usage.unwrap_or_default()))
}

/// A row of the Markdown table: its name, the figure of a round, and the decimals shown.
type Row<'a> = (String, &'a dyn Fn(&Round) -> f64, usize);

/// The result as Markdown: the setting, a table of medians with their range, and the ratios.
pub fn markdown(w: &WholeProcess) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# Whole process against in-process parsing\n");
    let _ = writeln!(
        s,
        "Measured {} on commit {} with {}; {} ({} logical CPUs){}.\n",
        w.stamp.date,
        w.stamp.commit,
        w.stamp.rustc,
        w.machine.cpu,
        w.machine.cpus,
        if w.machine.optimized {
            ""
        } else {
            " — UNOPTIMISED BUILD, timings meaningless"
        }
    );
    let _ = writeln!(
        s,
        "Large input {} ({} bytes), small input {} ({} bytes); {} rounds, the order alternating; \
         {} parses of the small input a round. Whole process: `{}`.\n",
        w.large.0,
        w.large.1,
        w.small.0,
        w.small.1,
        w.rounds.len(),
        w.small_parses,
        w.command
    );
    let _ = writeln!(s, "| figure | median | min | max |");
    let _ = writeln!(s, "|---|--:|--:|--:|");
    let rows: [Row<'_>; 14] = [
        (
            format!("in-process, {} (median parse), MB/s", w.small.0),
            &|r| r.small_mb_s,
            1,
        ),
        (
            format!("in-process, {} (median parse), MB/s of CPU time", w.small.0),
            &|r| r.small_cpu_mb_s,
            1,
        ),
        (
            format!(
                "in-process, {} distinct inputs like {} (median parse), MB/s",
                DISTINCT_SMALL_INPUTS, w.small.0
            ),
            &|r| r.distinct_mb_s,
            1,
        ),
        (
            format!(
                "in-process, {} distinct inputs like {} (median parse), MB/s of CPU time",
                DISTINCT_SMALL_INPUTS, w.small.0
            ),
            &|r| r.distinct_cpu_mb_s,
            1,
        ),
        (
            format!("in-process, {} (one parse), MB/s", w.large.0),
            &|r| r.large_mb_s,
            1,
        ),
        (
            format!("in-process, {} (one parse), MB/s of CPU time", w.large.0),
            &|r| r.large_cpu_mb_s,
            1,
        ),
        (
            format!(
                "in-process, {} through `Buffers` (memory reused), MB/s of CPU time",
                w.large.0
            ),
            &|r| r.large_reused_cpu_mb_s,
            1,
        ),
        (
            format!("drop of the {} document, ms", w.large.0),
            &|r| r.large_drop_ms,
            2,
        ),
        (
            "whole process `gene-parse check`, MB/s".to_string(),
            &|r| r.whole_mb_s,
            1,
        ),
        (
            "whole process `gene-parse check`, MB/s of CPU time (user + system)".to_string(),
            &|r| r.whole_cpu_mb_s,
            1,
        ),
        (
            "whole process, wall ms".to_string(),
            &|r| r.whole_wall_ms,
            1,
        ),
        (
            "whole process, user CPU ms".to_string(),
            &|r| r.whole_user_ms,
            1,
        ),
        (
            "whole process, system CPU ms".to_string(),
            &|r| r.whole_system_ms,
            1,
        ),
        (
            "whole process, minor page faults".to_string(),
            &|r| r.whole_minor_faults as f64,
            0,
        ),
    ];
    for (name, f, decimals) in rows {
        let v = Summary::of(&w.rounds.iter().map(f).collect::<Vec<_>>());
        let _ = writeln!(
            s,
            "| {name} | {:.*} | {:.*} | {:.*} |",
            decimals, v.median, decimals, v.min, decimals, v.max
        );
    }
    let _ = writeln!(
        s,
        "\n| ratio (target ≥ {TARGET_RATIO:.2}) | clock | of medians | median of round ratios |"
    );
    let _ = writeln!(s, "|---|---|--:|--:|");
    let large = format!("in-process {} / in-process {}", w.large.0, w.small.0);
    let whole = format!("whole process / in-process {}", w.small.0);
    for (name, clock, ratio) in [
        (&large, "wall", w.large_over_small),
        (&large, "CPU", w.large_over_small_cpu),
        (&whole, "wall", w.whole_over_small),
        (&whole, "CPU", w.whole_over_small_cpu),
    ] {
        let _ = writeln!(
            s,
            "| {name} | {clock} | {:.3} | {:.3} |",
            ratio.of_medians, ratio.paired
        );
    }
    let distinct = format!(
        "in-process {} / in-process {} distinct inputs like {}",
        w.large.0, DISTINCT_SMALL_INPUTS, w.small.0
    );
    for (clock, ratio) in [
        ("wall", w.large_over_distinct),
        ("CPU", w.large_over_distinct_cpu),
    ] {
        if let Some(ratio) = ratio {
            let _ = writeln!(
                s,
                "| {distinct} | {clock} | {:.3} | {:.3} |",
                ratio.of_medians, ratio.paired
            );
        }
    }
    s
}
