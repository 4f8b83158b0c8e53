//! Output files: naming, the manifest next to each file, and `clean`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use gene_gen::{Config, GENERATOR_VERSION, Generated, Mix};
use serde::Serialize;
use sha2::{Digest as _, Sha256};

/// Every file we write starts with this, so `clean` removes only ours.
const PREFIX: &str = "gene_";
const MANIFEST_SUFFIX: &str = ".manifest.json";

/// `gene_{lines}l_s{seed}_c{complexity}[_e{errors}[k{kindshash}]][_m{mixhash}]_v{version}.gene`:
/// the settings that determine the bytes, so equal names mean equal content.
pub(crate) fn file_name(cfg: &Config) -> String {
    let mut name = format!(
        "{PREFIX}{}l_s{}_c{}",
        cfg.target_lines, cfg.seed, cfg.complexity
    );
    if cfg.errors > 0 {
        let _ = write!(name, "_e{}", cfg.errors);
        if !cfg.error_kinds.is_empty() {
            let kinds: Vec<&str> = cfg.error_kinds.iter().map(|k| k.name()).collect();
            let _ = write!(name, "k{}", &sha256_hex(kinds.join(",").as_bytes())[..8]);
        }
    }
    if cfg.mix != Mix::default() {
        let _ = write!(
            name,
            "_m{}",
            &sha256_hex(cfg.mix.to_string().as_bytes())[..8]
        );
    }
    let _ = write!(name, "_v{GENERATOR_VERSION}.gene");
    name
}

fn sha256_hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(64);
    for b in Sha256::digest(bytes) {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// `NAME.manifest.json`: the settings, what was produced, and where each injected error is.
#[derive(Serialize)]
struct Manifest<'a> {
    file: &'a str,
    generator: &'static str,
    generator_version: u32,
    seed: u64,
    target_lines: usize,
    mix: String,
    complexity: u8,
    errors_requested: usize,
    error_kinds: Vec<&'static str>,
    lines: usize,
    bytes: usize,
    sha256: String,
    errors: Vec<ManifestError>,
}

/// One injected error, as the parser reports it.
#[derive(Serialize)]
struct ManifestError {
    kind: &'static str,
    line: u32,
    column: u32,
    offset: usize,
}

/// Writes `generated` (made from `cfg`) into `dir` with its manifest; returns the file's path.
pub(crate) fn write(dir: &Path, cfg: &Config, generated: &Generated) -> Result<PathBuf, String> {
    let src = generated.source.as_bytes();
    let name = file_name(cfg);
    let manifest = Manifest {
        file: &name,
        generator: "gene-gen",
        generator_version: GENERATOR_VERSION,
        seed: cfg.seed,
        target_lines: cfg.target_lines,
        mix: cfg.mix.to_string(),
        complexity: cfg.complexity,
        errors_requested: cfg.errors,
        error_kinds: cfg.error_kinds.iter().map(|k| k.name()).collect(),
        lines: generated.source.lines().count(),
        bytes: src.len(),
        sha256: sha256_hex(src),
        errors: generated
            .errors
            .iter()
            .map(|e| ManifestError {
                kind: e.kind_name(),
                line: e.line,
                column: e.column,
                offset: e.offset,
            })
            .collect(),
    };
    let path = dir.join(&name);
    std::fs::write(&path, src).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    let mut json = serde_json::to_string_pretty(&manifest)
        .map_err(|e| format!("cannot encode the manifest of {name}: {e}"))?;
    json.push('\n');
    let mpath = dir.join(format!("{name}{MANIFEST_SUFFIX}"));
    std::fs::write(&mpath, json).map_err(|e| format!("cannot write {}: {e}", mpath.display()))?;
    Ok(path)
}

/// Removes the files this tool wrote in `dir` (and `dir` itself if it is then empty).
pub(crate) fn clean(dir: &Path) -> Result<usize, String> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(format!("cannot read {}: {e}", dir.display())),
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = name.starts_with(PREFIX)
            && (name.ends_with(".gene") || name.ends_with(MANIFEST_SUFFIX));
        if ours && entry.file_type().is_ok_and(|t| t.is_file()) {
            std::fs::remove_file(entry.path()).map_err(|e| format!("cannot remove {name}: {e}"))?;
            removed += 1;
        }
    }
    // Only succeeds when empty; a directory holding other files is kept.
    let _ = std::fs::remove_dir(dir);
    Ok(removed)
}
