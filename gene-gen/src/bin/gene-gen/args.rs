//! Command-line parsing with `lexopt` (no clap: it would dominate this crate's build time).

use std::ffi::OsString;
use std::path::PathBuf;

use gene_gen::{Config, InjectKind, Mix, Preset};
use lexopt::prelude::*;

pub(crate) const USAGE: &str = "\
usage:
  gene-gen [--lines N | --preset all|small|medium|large|xl] [--seed S] [--mix SPEC]
           [--complexity 1-5] [--errors N] [--error-kinds K1,K2] [--out DIR]
  gene-gen profile FILE... [--json]
  gene-gen clean [--out DIR]

generate options:
  --lines N          exact number of lines (default 10000)
  --preset P         small (1k), medium (10k), large (50k), xl (100k) or all four
  --seed S           seed of the random stream (default 42)
  --mix SPEC         pattern weights, e.g. functions=3,classes=1 (unlisted patterns get 0);
                     patterns: functions variables data comments expressions control
                     classes strings literals; `default` for the realistic mix
  --complexity C     1 (flat) to 5 (deep); 3 matches real code (default 3)
  --errors N         inject N syntax errors (positions in the manifest)
  --error-kinds K    only these kinds, e.g. UnmatchedDelimiter,InvalidChar
  --out DIR          output directory (default benchmarks/data/large_files)

Files are named by their settings and get a NAME.manifest.json next to them
(settings, generator version, sha256, lines, bytes, injected errors).";

/// Default output directory, relative to the current directory (git-ignored in the repo).
pub(crate) const DEFAULT_OUT: &str = "benchmarks/data/large_files";

pub(crate) enum Command {
    Help,
    Version,
    Generate(GenerateArgs),
    Profile { files: Vec<PathBuf>, json: bool },
    Clean { out: PathBuf },
}

pub(crate) struct GenerateArgs {
    pub configs: Vec<Config>,
    pub out: PathBuf,
}

pub(crate) fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Command, String> {
    let mut p = lexopt::Parser::from_args(args);
    let mut sub: Option<String> = None;
    let mut files = Vec::new();
    let mut json = false;
    let mut out = PathBuf::from(DEFAULT_OUT);
    let mut base = crate::base_config();
    let mut lines: Option<usize> = None;
    let mut presets: Vec<Preset> = Vec::new();
    while let Some(arg) = p.next().map_err(|e| e.to_string())? {
        match arg {
            Short('h') | Long("help") => return Ok(Command::Help),
            Short('V') | Long("version") => return Ok(Command::Version),
            Long("out") | Short('o') => out = PathBuf::from(p.value().map_err(|e| e.to_string())?),
            Long("json") => json = true,
            Long("lines") | Short('n') => lines = Some(num(&mut p, "--lines")?),
            Long("seed") | Short('s') => base.seed = num(&mut p, "--seed")?,
            Long("complexity") | Short('c') => base.complexity = num(&mut p, "--complexity")?,
            Long("errors") | Short('e') => base.errors = num(&mut p, "--errors")?,
            Long("mix") => base.mix = Mix::parse(&text(&mut p)?).map_err(|e| e.to_string())?,
            Long("error-kinds") => {
                base.error_kinds = text(&mut p)?
                    .split(',')
                    .map(|k| {
                        InjectKind::from_name(k.trim())
                            .ok_or_else(|| format!("unknown error kind `{k}`"))
                    })
                    .collect::<Result<_, _>>()?;
            }
            Long("preset") => {
                let v = text(&mut p)?;
                if v == "all" {
                    presets.extend(Preset::ALL);
                } else {
                    presets.push(Preset::from_name(&v).ok_or_else(|| {
                        format!("unknown preset `{v}` (all, small, medium, large, xl)")
                    })?);
                }
            }
            Value(v) if sub.is_none() && files.is_empty() && (v == "profile" || v == "clean") => {
                sub = Some(v.to_string_lossy().into_owned());
            }
            Value(v) if sub.as_deref() == Some("profile") => files.push(PathBuf::from(v)),
            other => return Err(other.unexpected().to_string()),
        }
    }
    match sub.as_deref() {
        Some("profile") => {
            if files.is_empty() {
                return Err("profile needs at least one FILE".into());
            }
            Ok(Command::Profile { files, json })
        }
        Some(_) => Ok(Command::Clean { out }),
        None => {
            if lines.is_some() && !presets.is_empty() {
                return Err("--lines and --preset are exclusive".into());
            }
            let configs = if presets.is_empty() {
                vec![Config {
                    target_lines: lines.unwrap_or(base.target_lines),
                    ..base
                }]
            } else {
                presets
                    .iter()
                    .map(|pr| Config {
                        target_lines: pr.lines(),
                        ..base.clone()
                    })
                    .collect()
            };
            Ok(Command::Generate(GenerateArgs { configs, out }))
        }
    }
}

fn text(p: &mut lexopt::Parser) -> Result<String, String> {
    let v = p.value().map_err(|e| e.to_string())?;
    v.into_string()
        .map_err(|_| "argument is not valid UTF-8".to_string())
}

fn num<T: std::str::FromStr>(p: &mut lexopt::Parser, name: &str) -> Result<T, String> {
    let v = text(p)?;
    v.replace('_', "")
        .parse()
        .map_err(|_| format!("{name}: `{v}` is not a valid number"))
}
