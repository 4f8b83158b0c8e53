//! Generation settings: [`Config`], the [`Pattern`] [`Mix`] and the size [`Preset`]s.

use std::fmt;

use crate::inject::InjectKind;

/// A family of top-level forms the generator can emit.
///
/// Each pattern writes complete top-level forms (or, for [`Pattern::Comments`], comment blocks)
/// in the style of hand-written Gene code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Pattern {
    /// `(fn name [params] ...)`: various arities, recursion, early return.
    Functions,
    /// `(var x ...)` declarations and `(x = ...)` / `(x += ...)` assignments, infix arithmetic.
    Variables,
    /// Arrays, `{^key value}` maps, nested structures and the rare `{{ }}` hash map.
    DataStructures,
    /// Line comment blocks, section headers, the rare block comment `#< >#`.
    Comments,
    /// Nested calls, infix operators, method calls `(obj .method args)`, complex symbols `a/b/c`.
    Expressions,
    /// `if`/`elif`/`else`, `while`, `for`, `try`/`catch`, `case`/`when`.
    ControlFlow,
    /// `(class Name < Base ...)` with constructors, methods and `/property` access.
    Classes,
    /// Plain strings with escapes, interpolated `#"..#{x}.."` and triple-quoted strings.
    Strings,
    /// Floats, chars, dates and times, regexes and byte literals.
    Literals,
}

impl Pattern {
    /// Every pattern, in declaration order (the order of [`Mix`] weights).
    pub const ALL: [Pattern; 9] = [
        Pattern::Functions,
        Pattern::Variables,
        Pattern::DataStructures,
        Pattern::Comments,
        Pattern::Expressions,
        Pattern::ControlFlow,
        Pattern::Classes,
        Pattern::Strings,
        Pattern::Literals,
    ];

    /// The short name used by `--mix` and in file names.
    pub fn name(self) -> &'static str {
        match self {
            Pattern::Functions => "functions",
            Pattern::Variables => "variables",
            Pattern::DataStructures => "data",
            Pattern::Comments => "comments",
            Pattern::Expressions => "expressions",
            Pattern::ControlFlow => "control",
            Pattern::Classes => "classes",
            Pattern::Strings => "strings",
            Pattern::Literals => "literals",
        }
    }

    /// The pattern with this [`name`](Pattern::name).
    pub fn from_name(name: &str) -> Option<Pattern> {
        Pattern::ALL.into_iter().find(|p| p.name() == name)
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Relative weights of the patterns: the chance that the next top-level form comes from a
/// pattern is its weight divided by the sum of all weights.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Mix {
    weights: [u32; 9],
}

impl Default for Mix {
    /// The realistic mix, tuned so that the output profile matches the real Gene corpus
    /// (see the README for the measured table).
    fn default() -> Self {
        let mut m = Mix::none();
        m.set(Pattern::Functions, 10);
        m.set(Pattern::Variables, 26);
        m.set(Pattern::DataStructures, 7);
        m.set(Pattern::Comments, 19);
        m.set(Pattern::Expressions, 24);
        m.set(Pattern::ControlFlow, 7);
        m.set(Pattern::Classes, 2);
        m.set(Pattern::Strings, 11);
        m.set(Pattern::Literals, 4);
        m
    }
}

impl Mix {
    /// Largest accepted weight: nine of them still sum within the `u32` the generator draws
    /// from.
    pub const MAX_WEIGHT: u32 = 1_000_000;

    /// All weights zero (not valid for generation until a weight is set).
    pub fn none() -> Self {
        Mix { weights: [0; 9] }
    }

    /// A mix with only one pattern.
    pub fn only(p: Pattern) -> Self {
        let mut m = Mix::none();
        m.set(p, 1);
        m
    }

    /// The weight of `p`.
    pub fn weight(&self, p: Pattern) -> u32 {
        self.weights[p.index()]
    }

    /// Sets the weight of `p`.
    pub fn set(&mut self, p: Pattern, weight: u32) -> &mut Self {
        self.weights[p.index()] = weight;
        self
    }

    /// The weights in [`Pattern::ALL`] order.
    pub fn weights(&self) -> &[u32; 9] {
        &self.weights
    }

    /// The sum of all weights.
    pub fn total(&self) -> u64 {
        self.weights.iter().map(|&w| u64::from(w)).sum()
    }

    /// Parses `functions=3,classes=1,...`. Patterns that are not listed get weight 0, so the
    /// spec describes the whole mix. The word `default` stands for the default mix.
    pub fn parse(spec: &str) -> Result<Mix, ConfigError> {
        if spec.trim() == "default" {
            return Ok(Mix::default());
        }
        let mut m = Mix::none();
        for part in spec.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let (name, w) = part
                .split_once('=')
                .ok_or_else(|| ConfigError(format!("mix entry `{part}` is not name=weight")))?;
            let p = Pattern::from_name(name.trim()).ok_or_else(|| {
                ConfigError(format!(
                    "unknown pattern `{name}` (known: {})",
                    Pattern::ALL.map(Pattern::name).join(", ")
                ))
            })?;
            let w: u32 = w
                .trim()
                .parse()
                .map_err(|_| ConfigError(format!("weight `{w}` of `{name}` is not a number")))?;
            if w > Mix::MAX_WEIGHT {
                return Err(ConfigError(format!(
                    "weight {w} of `{name}` is above {}",
                    Mix::MAX_WEIGHT
                )));
            }
            m.set(p, w);
        }
        if m.total() == 0 {
            return Err(ConfigError(format!("mix `{spec}` has no non-zero weight")));
        }
        Ok(m)
    }
}

impl fmt::Display for Mix {
    /// The `name=weight` form accepted by [`Mix::parse`], zero weights left out.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for p in Pattern::ALL {
            let w = self.weight(p);
            if w > 0 {
                if !first {
                    f.write_str(",")?;
                }
                write!(f, "{}={w}", p.name())?;
                first = false;
            }
        }
        Ok(())
    }
}

/// A named size matching the suite's design targets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Preset {
    /// 1,000 lines.
    Small,
    /// 10,000 lines.
    Medium,
    /// 50,000 lines.
    Large,
    /// 100,000 lines.
    Xl,
}

impl Preset {
    /// The four presets, smallest first.
    pub const ALL: [Preset; 4] = [Preset::Small, Preset::Medium, Preset::Large, Preset::Xl];

    /// Number of lines the preset generates.
    pub fn lines(self) -> usize {
        match self {
            Preset::Small => 1_000,
            Preset::Medium => 10_000,
            Preset::Large => 50_000,
            Preset::Xl => 100_000,
        }
    }

    /// Lower-case name (`small`, `medium`, `large`, `xl`).
    pub fn name(self) -> &'static str {
        match self {
            Preset::Small => "small",
            Preset::Medium => "medium",
            Preset::Large => "large",
            Preset::Xl => "xl",
        }
    }

    /// The preset with this [`name`](Preset::name).
    pub fn from_name(name: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.name() == name)
    }
}

/// An invalid setting, with a message meant for a person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

/// Everything that determines the generated text. The same `Config` always yields
/// byte-identical output (for a given [`GENERATOR_VERSION`](crate::GENERATOR_VERSION)).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Config {
    /// Seed of the ChaCha8 stream; different seeds give different files.
    pub seed: u64,
    /// Exact number of lines of the output (each ends with `\n`).
    pub target_lines: usize,
    /// Pattern weights.
    pub mix: Mix,
    /// 1 (flat, short forms) to 5 (deep nesting, long forms); 3 matches the real corpus.
    pub complexity: u8,
    /// Number of syntax errors to inject (0 for a valid file). See [`crate::inject`].
    pub errors: usize,
    /// Which error kinds to inject, cycled in order; empty means [`InjectKind::ALL`].
    pub error_kinds: Vec<InjectKind>,
}

impl Default for Config {
    /// Seed 42, 10,000 lines, the default mix, complexity 3, no errors.
    fn default() -> Self {
        Config::new(42, 10_000)
    }
}

impl Config {
    /// The seed used by [`Config::default`] and [`Config::preset`].
    pub const DEFAULT_SEED: u64 = 42;
    /// The complexity level that matches the real corpus.
    pub const DEFAULT_COMPLEXITY: u8 = 3;
    /// Largest accepted `target_lines`: 10 million lines are 250 to 400 MB of text (the
    /// largest sizes the suite measures are 1M lines), well below the parser's 2 GiB input
    /// limit, and take seconds to generate.
    pub const MAX_LINES: usize = 10_000_000;
    /// The accepted complexity levels.
    pub const COMPLEXITY: std::ops::RangeInclusive<u8> = 1..=5;

    /// A realistic valid file of `target_lines` lines: default mix, complexity 3, no errors.
    pub fn new(seed: u64, target_lines: usize) -> Self {
        Config {
            seed,
            target_lines,
            mix: Mix::default(),
            complexity: Config::DEFAULT_COMPLEXITY,
            errors: 0,
            error_kinds: Vec::new(),
        }
    }

    /// The preset's size with [`Config::DEFAULT_SEED`] and the default mix and complexity.
    pub fn preset(preset: Preset) -> Self {
        Config::new(Config::DEFAULT_SEED, preset.lines())
    }

    /// Same config with another seed.
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Same config with another mix.
    pub fn with_mix(mut self, mix: Mix) -> Self {
        self.mix = mix;
        self
    }

    /// Same config with another complexity level (1..=5).
    pub fn with_complexity(mut self, complexity: u8) -> Self {
        self.complexity = complexity;
        self
    }

    /// Same config with `errors` injected syntax errors.
    pub fn with_errors(mut self, errors: usize) -> Self {
        self.errors = errors;
        self
    }

    /// Checks the ranges: complexity in [`Config::COMPLEXITY`], at least one non-zero weight
    /// and none above [`Mix::MAX_WEIGHT`], at most [`Config::MAX_LINES`] lines.
    /// [`crate::try_generate`] returns this error; [`crate::generate`] generates
    /// [`Config::clamped`] instead.
    ///
    /// Any number of [`errors`](Config::errors) is valid: as many are injected as the file has
    /// candidate lines for.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if !Config::COMPLEXITY.contains(&self.complexity) {
            return Err(ConfigError(format!(
                "complexity {} is outside 1..=5",
                self.complexity
            )));
        }
        if self.mix.total() == 0 {
            return Err(ConfigError("the pattern mix has no non-zero weight".into()));
        }
        if let Some(p) = Pattern::ALL
            .into_iter()
            .find(|&p| self.mix.weight(p) > Mix::MAX_WEIGHT)
        {
            return Err(ConfigError(format!(
                "weight {} of `{p}` is above {}",
                self.mix.weight(p),
                Mix::MAX_WEIGHT
            )));
        }
        if self.target_lines > Config::MAX_LINES {
            return Err(ConfigError(format!(
                "{} lines is above the limit of {}",
                self.target_lines,
                Config::MAX_LINES
            )));
        }
        Ok(())
    }

    /// The nearest valid config: complexity and weights clamped into range, `target_lines`
    /// capped at [`Config::MAX_LINES`], an all-zero mix replaced by the default one. A config
    /// that [`validate`](Config::validate) accepts is returned unchanged.
    pub fn clamped(&self) -> Config {
        let mut c = self.clone();
        c.complexity = c
            .complexity
            .clamp(*Config::COMPLEXITY.start(), *Config::COMPLEXITY.end());
        c.target_lines = c.target_lines.min(Config::MAX_LINES);
        for p in Pattern::ALL {
            c.mix.set(p, c.mix.weight(p).min(Mix::MAX_WEIGHT));
        }
        if c.mix.total() == 0 {
            c.mix = Mix::default();
        }
        c
    }
}
