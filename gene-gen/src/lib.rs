//! Deterministic generator of realistic Gene source, from one line to millions.
//!
//! [`generate`] builds a whole file in memory from a [`Config`]: exactly
//! [`Config::target_lines`] lines, each ending with `\n`, made of complete top-level forms
//! drawn from a weighted [`Mix`] of [`Pattern`]s. The output is a pure function of the config:
//! all randomness comes from ChaCha8 streams seeded with [`Config::seed`], so the same config
//! yields byte-identical text on every machine and every run (for a given
//! [`GENERATOR_VERSION`]).
//!
//! The default mix at complexity 3 is tuned to the statistics of hand-written Gene code
//! (`corpus_profile.json`, `real_corpus`); [`profile()`] measures any source the same way so
//! the claim can be checked (see the README for the measured table).
//!
//! ```
//! use gene_gen::{generate, Config, Preset};
//!
//! let src = generate(&Config::new(7, 200));
//! assert_eq!(src.lines().count(), 200);
//! assert_eq!(src, generate(&Config::new(7, 200)));
//! assert_eq!(Config::preset(Preset::Medium).target_lines, 10_000);
//! ```
//!
//! With [`Config::errors`] > 0, [`generate_with_errors`] also returns where each injected
//! syntax error is (see [`inject`]).
//!
//! Settings out of range never panic: [`try_generate`] returns a [`ConfigError`], and
//! [`generate`] generates the nearest valid config ([`Config::clamped`]).
//! [`try_generate_with_progress`] reports the lines made so far, for progress bars.
//!
//! [`edit_script`] turns a file into a sequence of realistic edits (insert a line, rename an
//! identifier, delete a form, break and repair a delimiter) for incremental re-parsing.
//!
//! Non-goals: the output is syntactically valid Gene, not a meaningful program (names are not
//! resolved, types do not check).

mod config;
pub mod distributions;
mod driver;
pub mod edits;
pub mod inject;
mod patterns;
pub mod profile;
mod rng;
pub mod shape;
mod vocab;
mod writer;

pub use config::{Config, ConfigError, Mix, Pattern, Preset};
pub use edits::{Edit, EditKind, edit_script};
pub use inject::{InjectKind, InjectedError};
pub use profile::{Check, Profile, REAL_CORPUS, Target, Tolerance, profile};

/// Version of the generated output. Any change that alters the bytes produced for some config
/// must bump it (and update the golden checksums in `tests/golden.rs`): benchmark results are
/// only comparable between files of the same version.
pub const GENERATOR_VERSION: u32 = 2;

/// A generated file and the errors injected into it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Generated {
    /// The Gene source, exactly `target_lines` lines.
    pub source: String,
    /// Injected errors in file order (empty when `errors` is 0).
    pub errors: Vec<InjectedError>,
}

/// Generates the file described by `cfg`, or by [`Config::clamped`] when [`Config::validate`]
/// rejects `cfg` (so it never panics: complexity 9 generates complexity 5, a trillion lines
/// generates [`Config::MAX_LINES`]). Use [`try_generate`] to be told instead.
pub fn generate(cfg: &Config) -> String {
    generate_with_errors(cfg).source
}

/// Generates the file described by `cfg` (or [`Config::clamped`], as [`generate`]) and reports
/// the injected errors.
pub fn generate_with_errors(cfg: &Config) -> Generated {
    match cfg.validate() {
        Ok(()) => build(cfg, &mut |_| {}),
        Err(_) => build(&cfg.clamped(), &mut |_| {}),
    }
}

/// Generates the file described by `cfg`, or says why `cfg` is out of range.
pub fn try_generate(cfg: &Config) -> Result<Generated, ConfigError> {
    try_generate_with_progress(cfg, |_| {})
}

/// As [`try_generate`], calling `progress` with the number of lines generated so far as the
/// work advances: non-decreasing values, one call per 16,384 lines or so, the last call with
/// [`Config::target_lines`]. The callback cannot change the output.
pub fn try_generate_with_progress(
    cfg: &Config,
    mut progress: impl FnMut(usize),
) -> Result<Generated, ConfigError> {
    cfg.validate()?;
    Ok(build(cfg, &mut progress))
}

/// Generates a config that [`Config::validate`] accepts.
fn build(cfg: &Config, progress: &mut dyn FnMut(usize)) -> Generated {
    if cfg.errors == 0 || cfg.target_lines == 0 {
        let built = driver::build(cfg, cfg.target_lines, progress);
        return Generated {
            source: built.text,
            errors: Vec::new(),
        };
    }
    let mut rng = driver::stream(cfg.seed, driver::STREAM_INJECT);
    let plan = inject::plan(&mut rng, cfg.errors, &cfg.error_kinds);
    let clean_lines = cfg.target_lines - usize::from(plan.end.is_some());
    let built = driver::build(cfg, clean_lines, progress);
    let vocab = vocab::Vocab::new(&mut driver::stream(cfg.seed, driver::STREAM_VOCAB));
    let (source, errors) = inject::apply(&mut rng, &vocab, &built.text, &built.singles, &plan);
    progress(cfg.target_lines);
    Generated { source, errors }
}
