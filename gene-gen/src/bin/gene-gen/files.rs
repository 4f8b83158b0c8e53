//! Output files: naming, the manifest next to each file, and `clean`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use gene_gen::{Config, GENERATOR_VERSION, Mix, generate_with_errors};
use sha2::{Digest as _, Sha256};

use crate::json_string;

/// Every file we write starts with this, so `clean` removes only ours.
const PREFIX: &str = "gene_";
const MANIFEST_SUFFIX: &str = ".manifest.json";

/// `gene_{lines}l_s{seed}_c{complexity}[_e{errors}][_m{mixhash}]_v{version}.gene`: the settings that
/// determine the bytes, so equal names mean equal content.
pub(crate) fn file_name(cfg: &Config) -> String {
    let mut name = format!(
        "{PREFIX}{}l_s{}_c{}",
        cfg.target_lines, cfg.seed, cfg.complexity
    );
    if cfg.errors > 0 {
        let _ = write!(name, "_e{}", cfg.errors);
        if !cfg.error_kinds.is_empty() {
            let kinds: Vec<&str> = cfg.error_kinds.iter().map(|k| k.name()).collect();
            let _ = write!(
                name,
                "k{}",
                &hex(&Sha256::digest(kinds.join(",").as_bytes()))[..8]
            );
        }
    }
    if cfg.mix != Mix::default() {
        let _ = write!(
            name,
            "_m{}",
            &hex(&Sha256::digest(cfg.mix.to_string().as_bytes()))[..8]
        );
    }
    let _ = write!(name, "_v{GENERATOR_VERSION}.gene");
    name
}

fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// Generates `cfg` into `dir`, writes its manifest, returns the file's path.
pub(crate) fn write(dir: &Path, cfg: &Config) -> Result<PathBuf, String> {
    let generated = generate_with_errors(cfg);
    let src = generated.source.as_bytes();
    let sha = hex(&Sha256::digest(src));
    let path = dir.join(file_name(cfg));
    std::fs::write(&path, src).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    let mut m = String::from("{\n");
    let _ = writeln!(m, "  \"file\": {},", json_string(&file_name(cfg)));
    let _ = writeln!(m, "  \"generator\": \"gene-gen\",");
    let _ = writeln!(m, "  \"generator_version\": {GENERATOR_VERSION},");
    let _ = writeln!(m, "  \"seed\": {},", cfg.seed);
    let _ = writeln!(m, "  \"target_lines\": {},", cfg.target_lines);
    let _ = writeln!(m, "  \"mix\": {},", json_string(&cfg.mix.to_string()));
    let _ = writeln!(m, "  \"complexity\": {},", cfg.complexity);
    let _ = writeln!(m, "  \"errors_requested\": {},", cfg.errors);
    let _ = writeln!(m, "  \"lines\": {},", generated.source.lines().count());
    let _ = writeln!(m, "  \"bytes\": {},", src.len());
    let _ = writeln!(m, "  \"sha256\": \"{sha}\",");
    m.push_str("  \"errors\": [");
    for (i, e) in generated.errors.iter().enumerate() {
        if i > 0 {
            m.push(',');
        }
        let _ = write!(
            m,
            "\n    {{\"kind\": \"{}\", \"line\": {}, \"column\": {}, \"offset\": {}}}",
            e.kind_name(),
            e.line,
            e.column,
            e.offset
        );
    }
    m.push_str(if generated.errors.is_empty() {
        "]\n}\n"
    } else {
        "\n  ]\n}\n"
    });
    let mpath = dir.join(format!("{}{MANIFEST_SUFFIX}", file_name(cfg)));
    std::fs::write(&mpath, m).map_err(|e| format!("cannot write {}: {e}", mpath.display()))?;
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
