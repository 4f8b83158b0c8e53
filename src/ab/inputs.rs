//! The comparison's inputs: named like the suite's (`mix-10000`, `pattern-strings`), generated
//! once by this build's `gene_gen` with the suite's seed, and written to files so that both
//! drivers read identical bytes.

use std::path::{Path, PathBuf};

use super::AbError;
use crate::inputs::{PATTERN_LINES, generator_config};

/// The default inputs: two sizes of the realistic mix and two single-pattern files that stress
/// different parts of the parser (string cooking and interpolation; nested expressions).
pub const DEFAULT_INPUTS: &str = "mix-10000,mix-100000,pattern-strings,pattern-expressions";

/// Bytes one measurement parses, at least: an input is parsed several times and the shortest
/// time kept, so that each measurement takes a few tens of milliseconds, long enough to be
/// above timer noise and short enough that the builds take turns many times a second.
const BYTES_PER_MEASUREMENT: usize = 4_000_000;

/// Fewest and most parses in one measurement.
const MIN_PARSES: usize = 2;
const MAX_PARSES: usize = 100;

/// One input of a comparison.
#[derive(Clone, Debug)]
pub struct InputSpec {
    /// The name, as given (`mix-LINES`, `pattern-NAME` or `pattern-NAME-LINES`).
    pub name: String,
    /// The generator configuration.
    config: gene_gen::Config,
}

impl InputSpec {
    /// Parses one input name.
    pub fn parse(name: &str) -> Result<InputSpec, AbError> {
        let bad = || {
            AbError::Usage(format!(
                "unknown input `{name}` (expected mix-LINES, pattern-NAME or pattern-NAME-LINES)"
            ))
        };
        let lines = |s: &str| -> Result<usize, AbError> {
            match s.parse::<usize>() {
                Ok(n) if (1..=5_000_000).contains(&n) => Ok(n),
                _ => Err(bad()),
            }
        };
        let config = if let Some(rest) = name.strip_prefix("mix-") {
            generator_config(lines(rest)?)
        } else if let Some(rest) = name.strip_prefix("pattern-") {
            let (pattern, n) = match rest.rsplit_once('-') {
                Some((p, n)) if n.bytes().all(|b| b.is_ascii_digit()) => (p, lines(n)?),
                _ => (rest, PATTERN_LINES),
            };
            let pattern = gene_gen::Pattern::from_name(pattern).ok_or_else(bad)?;
            generator_config(n).with_mix(gene_gen::Mix::only(pattern))
        } else {
            return Err(bad());
        };
        Ok(InputSpec {
            name: name.to_string(),
            config,
        })
    }

    /// Parses a comma-separated list of input names (no duplicates, at least one).
    pub fn parse_list(list: &str) -> Result<Vec<InputSpec>, AbError> {
        let mut specs: Vec<InputSpec> = Vec::new();
        for name in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            if specs.iter().any(|s| s.name == name) {
                return Err(AbError::Usage(format!("input `{name}` is listed twice")));
            }
            specs.push(InputSpec::parse(name)?);
        }
        if specs.is_empty() {
            return Err(AbError::Usage("no inputs given".into()));
        }
        Ok(specs)
    }
}

/// A generated input, written to disk.
#[derive(Clone, Debug)]
pub struct InputFile {
    /// The input's name.
    pub name: String,
    /// Where it was written.
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: usize,
    /// How many times one measurement parses it (the measurement is the shortest time).
    pub parses: usize,
}

/// Generates every input and writes it into `dir` as `NAME.gene`.
pub fn write_inputs(specs: &[InputSpec], dir: &Path) -> Result<Vec<InputFile>, AbError> {
    specs
        .iter()
        .map(|spec| {
            let source = gene_gen::generate(&spec.config);
            let path = dir.join(format!("{}.gene", spec.name));
            std::fs::write(&path, &source)
                .map_err(|e| AbError::Io(format!("cannot write {}: {e}", path.display())))?;
            Ok(InputFile {
                name: spec.name.clone(),
                path,
                bytes: source.len(),
                parses: parses_per_measurement(source.len()),
            })
        })
        .collect()
}

/// How many times one measurement parses an input of `bytes` bytes.
pub fn parses_per_measurement(bytes: usize) -> usize {
    (BYTES_PER_MEASUREMENT / bytes.max(1)).clamp(MIN_PARSES, MAX_PARSES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_names_parse_or_fail_with_a_usage_error() {
        assert_eq!(InputSpec::parse_list(DEFAULT_INPUTS).unwrap().len(), 4);
        assert!(InputSpec::parse("mix-200").is_ok());
        assert!(InputSpec::parse("pattern-data").is_ok());
        assert!(InputSpec::parse("pattern-data-300").is_ok());
        for bad in [
            "mix-",
            "mix-0",
            "mix-x",
            "pattern-nope",
            "pattern-data-0",
            "size-10",
        ] {
            assert!(
                matches!(InputSpec::parse(bad), Err(AbError::Usage(_))),
                "{bad}"
            );
        }
        assert!(matches!(
            InputSpec::parse_list("mix-200,mix-200"),
            Err(AbError::Usage(_))
        ));
        assert!(matches!(
            InputSpec::parse_list(" , "),
            Err(AbError::Usage(_))
        ));
    }

    #[test]
    fn parse_counts_scale_inversely_with_size_within_bounds() {
        assert_eq!(parses_per_measurement(40_000_000), MIN_PARSES);
        assert_eq!(parses_per_measurement(1), MAX_PARSES);
        assert_eq!(parses_per_measurement(400_000), 10);
    }
}
