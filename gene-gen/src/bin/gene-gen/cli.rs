//! The command line, declared with clap's derive API: every numeric argument is bounded here,
//! so a value out of range is a usage error (exit 2) before any work starts.

use std::num::IntErrorKind;
use std::path::PathBuf;
use std::sync::LazyLock;

use clap::{Args, CommandFactory as _, FromArgMatches as _, Parser, Subcommand, ValueEnum};
use gene_gen::{Config, GENERATOR_VERSION, InjectKind, Mix, Preset};

/// Default output directory, relative to the current directory (git-ignored in the repo).
pub(crate) const DEFAULT_OUT: &str = "benchmarks/data/large_files";

/// The largest `--errors`: one error per line at most, so more than the largest file can never
/// be honoured.
pub(crate) const MAX_ERRORS: usize = Config::MAX_LINES;

/// Shown at the end of `--help` (and in the README): what the exit status means.
const EXIT_STATUS: &str = "\
Exit status:
  0  success
  1  findings: `profile` measured a metric outside the real corpus's tolerance
  2  usage errors (unknown flag, value out of range, a file that cannot hold --errors)
     and input/output errors (unreadable input, failed write)
A closed standard output (`gene-gen profile f | head -1`) ends the run normally.";

/// `gene-gen 0.1.0 (generator version 1)`: the version that names the output format too.
static VERSION: LazyLock<String> = LazyLock::new(|| {
    format!(
        "{} (generator version {GENERATOR_VERSION})",
        env!("CARGO_PKG_VERSION")
    )
});

/// Writes generated Gene files (with manifests), profiles Gene files, cleans up.
///
/// Without a subcommand, generates: files are named by the settings that determine their
/// bytes and each gets a NAME.manifest.json next to it (settings, generator version, sha256,
/// lines, bytes, injected errors).
#[derive(Parser, Debug)]
#[command(
    name = "gene-gen",
    about,
    long_about,
    after_help = EXIT_STATUS,
    args_conflicts_with_subcommands = true
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub command: Option<Sub>,
    #[command(flatten)]
    pub generate: GenerateArgs,
}

/// The settings of `gene-gen` without a subcommand.
#[derive(Args, Debug)]
pub(crate) struct GenerateArgs {
    /// Exact number of lines, 1 to 10,000,000 [default: 10000]
    #[arg(
        short = 'n',
        long,
        value_name = "N",
        allow_negative_numbers = true,
        value_parser = parse_lines,
        conflicts_with = "preset",
    )]
    pub lines: Option<usize>,
    /// small (1k lines), medium (10k), large (50k), xl (100k) or all four; repeatable
    #[arg(long, value_name = "P", value_enum)]
    pub preset: Vec<PresetArg>,
    /// Seed of the random stream, 0 to 2^64-1
    #[arg(
        short = 's',
        long,
        value_name = "S",
        allow_negative_numbers = true,
        default_value_t = Config::DEFAULT_SEED,
        value_parser = parse_seed,
    )]
    pub seed: u64,
    /// Pattern weights, e.g. functions=3,classes=1 (unlisted patterns get 0; weights up to
    /// 1000000); patterns: functions variables data comments expressions control classes
    /// strings literals; `default` for the realistic mix
    #[arg(long, value_name = "SPEC", default_value = "default", value_parser = parse_mix)]
    pub mix: Mix,
    /// 1 (flat) to 5 (deep); 3 matches real code
    #[arg(
        short = 'c',
        long,
        value_name = "C",
        allow_negative_numbers = true,
        default_value_t = Config::DEFAULT_COMPLEXITY,
        value_parser = parse_complexity,
    )]
    pub complexity: u8,
    /// Inject N syntax errors, 0 to 10,000,000 (positions in the manifest); more than the
    /// file can hold (one per single-line form) is refused
    #[arg(
        short = 'e',
        long,
        value_name = "N",
        allow_negative_numbers = true,
        default_value_t = 0,
        value_parser = parse_errors,
    )]
    pub errors: usize,
    /// Inject only these kinds, e.g. UnmatchedDelimiter,InvalidChar
    #[arg(long, value_name = "K1,K2", value_delimiter = ',', value_parser = parse_kind)]
    pub error_kinds: Vec<InjectKind>,
    /// Output directory; `-` writes the source to standard output (one file, no manifest)
    #[arg(short = 'o', long, value_name = "DIR", default_value = DEFAULT_OUT)]
    pub out: PathBuf,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
pub(crate) enum Sub {
    /// Print the realism metrics of Gene files against the real corpus (`-` reads standard
    /// input)
    Profile {
        /// Files to measure (`-` for standard input, at most once)
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Print the metrics as JSON, nested by metric path (an object keyed by file name when
        /// several files are given)
        #[arg(long)]
        json: bool,
    },
    /// Remove the files gene-gen wrote (gene_*.gene, gene_*.manifest.json) from DIR, and DIR
    /// if it is then empty
    Clean {
        /// The directory to clean
        #[arg(short = 'o', long, value_name = "DIR", default_value = DEFAULT_OUT)]
        out: PathBuf,
    },
}

/// `--preset` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum PresetArg {
    /// The four sizes below
    All,
    /// 1,000 lines
    Small,
    /// 10,000 lines
    Medium,
    /// 50,000 lines
    Large,
    /// 100,000 lines
    Xl,
}

impl PresetArg {
    /// The presets this value stands for.
    pub(crate) fn presets(self) -> &'static [Preset] {
        match self {
            PresetArg::All => &Preset::ALL,
            PresetArg::Small => &[Preset::Small],
            PresetArg::Medium => &[Preset::Medium],
            PresetArg::Large => &[Preset::Large],
            PresetArg::Xl => &[Preset::Xl],
        }
    }
}

impl GenerateArgs {
    /// One config per file to write: the presets' sizes, or `--lines` (10,000 by default).
    pub(crate) fn configs(&self) -> Vec<Config> {
        let base = Config {
            seed: self.seed,
            target_lines: Config::default().target_lines,
            mix: self.mix,
            complexity: self.complexity,
            errors: self.errors,
            error_kinds: self.error_kinds.clone(),
        };
        if self.preset.is_empty() {
            return vec![Config {
                target_lines: self.lines.unwrap_or(base.target_lines),
                ..base
            }];
        }
        self.preset
            .iter()
            .flat_map(|p| p.presets())
            .map(|p| Config {
                target_lines: p.lines(),
                ..base.clone()
            })
            .collect()
    }
}

/// Parses the command line, with the version text that names the generator version too.
pub(crate) fn parse(
    args: impl IntoIterator<Item = std::ffi::OsString>,
) -> Result<Cli, clap::Error> {
    let mut command = Cli::command().version(VERSION.as_str());
    let matches = command.try_get_matches_from_mut(args)?;
    Cli::from_arg_matches(&matches).map_err(|e| e.format(&mut command))
}

/// A whole number, `_` allowed as a separator (`1_000_000`), in `min..=max`.
fn bounded(text: &str, min: u64, max: u64, unit: &str) -> Result<u64, String> {
    let range = || format!("between {min} and {max}{unit}");
    match text.replace('_', "").parse::<u64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        Ok(_) => Err(format!("must be {}", range())),
        Err(e) if *e.kind() == IntErrorKind::PosOverflow => {
            Err(format!("is too large: must be {}", range()))
        }
        Err(_) => Err(format!("is not a whole number {}", range())),
    }
}

fn parse_lines(text: &str) -> Result<usize, String> {
    bounded(text, 1, Config::MAX_LINES as u64, " lines").map(|n| n as usize)
}

fn parse_errors(text: &str) -> Result<usize, String> {
    bounded(text, 0, MAX_ERRORS as u64, " errors").map(|n| n as usize)
}

fn parse_seed(text: &str) -> Result<u64, String> {
    bounded(text, 0, u64::MAX, "")
}

fn parse_complexity(text: &str) -> Result<u8, String> {
    let (lo, hi) = (*Config::COMPLEXITY.start(), *Config::COMPLEXITY.end());
    bounded(text, lo.into(), hi.into(), "").map(|n| n as u8)
}

fn parse_mix(text: &str) -> Result<Mix, String> {
    Mix::parse(text).map_err(|e| e.to_string())
}

fn parse_kind(text: &str) -> Result<InjectKind, String> {
    InjectKind::from_name(text.trim()).ok_or_else(|| {
        format!(
            "unknown error kind `{text}` (known: {})",
            InjectKind::ALL.map(InjectKind::name).join(", ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_declaration_is_consistent() {
        Cli::command().version(VERSION.as_str()).debug_assert();
    }

    #[test]
    fn numbers_are_bounded_with_their_range_in_the_message() {
        assert_eq!(parse_lines("1_000"), Ok(1_000));
        assert!(
            parse_lines("0")
                .unwrap_err()
                .contains("between 1 and 10000000 lines")
        );
        assert!(
            parse_errors("18446744073709551616")
                .unwrap_err()
                .contains("too large")
        );
        assert!(
            parse_complexity("-1")
                .unwrap_err()
                .contains("not a whole number")
        );
        assert_eq!(parse_seed("18446744073709551615"), Ok(u64::MAX));
    }
}
