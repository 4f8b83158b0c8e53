//! The whole-parse driver: a tiny crate written into the work directory, depending on
//! `<checkout>/gene-parser` by path and built `--release`, so that any revision with
//! `gene_parser::parse` and `Document::roots` (every revision so far) can be timed the same way.
//!
//! The driver stays running for the whole comparison and takes orders on stdin, so that the two
//! builds can take turns every few tens of milliseconds, not every process start: it reads
//! every input once, parses each once and prints its top-level form count (the cross-check
//! between the builds), then for each line `I K` parses input `I` `K` times and prints the
//! shortest time. Only parsing is timed. The shortest of a few parses is the estimate least
//! disturbed by other processes: on a shared machine interference only ever adds time.

use std::io::{BufRead as _, BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use super::AbError;
use super::inputs::InputFile;

/// The driver's source. Arguments are the input paths.
const DRIVER_MAIN: &str = r#"//! Written by gene-gate ab: times whole parses of its inputs on demand.
use std::hint::black_box;
use std::io::{BufRead, Write};
use std::time::Instant;

fn main() {
    let sources: Vec<Vec<u8>> = std::env::args()
        .skip(1)
        .map(|path| {
            std::fs::read(&path).unwrap_or_else(|e| {
                eprintln!("{path}: {e}");
                std::process::exit(3)
            })
        })
        .collect();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for (i, src) in sources.iter().enumerate() {
        match gene_parser::parse(src) {
            Ok(doc) => writeln!(out, "{}", doc.roots().len()).unwrap(),
            Err(e) => {
                eprintln!("input {i}: {e}");
                std::process::exit(3)
            }
        }
    }
    out.flush().unwrap();
    for line in std::io::stdin().lock().lines() {
        let line = line.unwrap();
        let mut words = line.split_whitespace();
        let (Some(i), Some(k)) = (words.next(), words.next()) else { break };
        let src = &sources[i.parse::<usize>().unwrap()];
        let best = (0..k.parse::<usize>().unwrap().max(1))
            .map(|_| {
                let start = Instant::now();
                let doc = gene_parser::parse(black_box(src));
                let elapsed = start.elapsed();
                // The document is dropped after the clock stops, as in the benchmarks.
                drop(black_box(doc));
                elapsed.as_nanos()
            })
            .min()
            .unwrap();
        writeln!(out, "{best}").unwrap();
        out.flush().unwrap();
    }
}
"#;

/// One side of the comparison, ready to build: a checkout, the gene-parser features to enable
/// and the environment to run with.
#[derive(Clone, Debug)]
pub struct BuildSpec {
    /// `base` or `change`: names the build directory and error messages.
    pub label: &'static str,
    /// The checkout (its root holds `gene-parser/`).
    pub checkout: PathBuf,
    /// Cargo features of gene-parser to enable.
    pub features: Vec<String>,
    /// Extra environment variables for the driver's runs.
    pub env: Vec<(String, String)>,
}

/// A built driver.
#[derive(Clone, Debug)]
pub struct Driver {
    /// `base` or `change`.
    pub label: &'static str,
    /// The driver executable.
    pub exe: PathBuf,
    env: Vec<(String, String)>,
}

/// A running driver with its inputs loaded.
#[derive(Debug)]
pub struct Session {
    label: &'static str,
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    /// Top-level forms of each input, as this build counts them.
    pub forms: Vec<usize>,
}

/// Writes the driver crate for `spec` under `work_dir` and builds it `--release`.
///
/// Each label and feature set has its own directory (`work_dir/base`, `work_dir/change-FEATURES`),
/// kept between runs so that the dependencies are compiled once; cargo rebuilds gene-parser
/// whenever the checkout's sources or path change. The checkout's `Cargo.lock` is copied so
/// the driver uses the dependency versions the checkout was tested with.
pub fn build(spec: &BuildSpec, work_dir: &Path) -> Result<Driver, AbError> {
    let parser = spec.checkout.join("gene-parser");
    if !parser.join("Cargo.toml").is_file() {
        return Err(AbError::Build(format!(
            "{}: {} has no gene-parser/Cargo.toml",
            spec.label,
            spec.checkout.display()
        )));
    }
    let parser = parser
        .canonicalize()
        .map_err(|e| AbError::Io(format!("{}: {e}", parser.display())))?;
    let mut name = spec.label.to_string();
    for feature in &spec.features {
        name.push('-');
        name.extend(
            feature
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }),
        );
    }
    let dir = work_dir.join(name);
    let crate_dir = dir.join("driver");
    let io = |e: std::io::Error| AbError::Io(format!("{}: {e}", crate_dir.display()));
    std::fs::create_dir_all(crate_dir.join("src")).map_err(io)?;
    write_if_changed(
        &crate_dir.join("Cargo.toml"),
        &manifest(&parser, &spec.features),
    )
    .map_err(io)?;
    write_if_changed(&crate_dir.join("src/main.rs"), DRIVER_MAIN).map_err(io)?;
    let lock = spec.checkout.join("Cargo.lock");
    if lock.is_file() {
        let text = std::fs::read_to_string(&lock).map_err(io)?;
        write_if_changed(&crate_dir.join("Cargo.lock"), &text).map_err(io)?;
    }
    let target = dir.join("target");
    let output = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args(["build", "--release", "--quiet", "--manifest-path"])
        .arg(crate_dir.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(&target)
        .env_remove("CARGO_TARGET_DIR")
        .output()
        .map_err(|e| AbError::Build(format!("{}: cannot run cargo: {e}", spec.label)))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first_error = stderr
            .lines()
            .find(|l| l.starts_with("error"))
            .unwrap_or("cargo build failed");
        return Err(AbError::Build(format!(
            "{}: building the driver against {} failed: {first_error}",
            spec.label,
            parser.display()
        )));
    }
    Ok(Driver {
        label: spec.label,
        exe: target
            .join("release")
            .join(format!("gene-ab-driver{}", std::env::consts::EXE_SUFFIX)),
        env: spec.env.clone(),
    })
}

impl Driver {
    /// Starts the driver on `inputs`; it reads and parses each once and reports the form counts.
    pub fn start(&self, inputs: &[InputFile]) -> Result<Session, AbError> {
        let mut child = Command::new(&self.exe)
            .args(inputs.iter().map(|i| &i.path))
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| {
                AbError::Io(format!(
                    "{}: cannot run {}: {e}",
                    self.label,
                    self.exe.display()
                ))
            })?;
        let stdin = child.stdin.take().expect("piped stdin");
        let stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
        let mut session = Session {
            label: self.label,
            child,
            stdin,
            stdout,
            forms: Vec::new(),
        };
        for _ in inputs {
            let forms = session.read_number()?;
            session.forms.push(forms as usize);
        }
        Ok(session)
    }
}

impl Session {
    /// Parses input `index` `parses` times and returns the shortest time in nanoseconds.
    pub fn time(&mut self, index: usize, parses: usize) -> Result<u64, AbError> {
        if writeln!(self.stdin, "{index} {parses}")
            .and_then(|()| self.stdin.flush())
            .is_err()
        {
            return Err(self.failure());
        }
        self.read_number()
    }

    fn read_number(&mut self) -> Result<u64, AbError> {
        let mut line = String::new();
        match self.stdout.read_line(&mut line) {
            Ok(n) if n > 0 => line.trim().parse().map_err(|_| {
                AbError::Run(format!(
                    "{}: the driver printed `{}`",
                    self.label,
                    line.trim()
                ))
            }),
            _ => Err(self.failure()),
        }
    }

    /// The error for a driver that stopped answering, with its first line on stderr.
    fn failure(&mut self) -> AbError {
        let _ = self.child.kill();
        let mut message = String::new();
        if let Some(stderr) = self.child.stderr.take() {
            let _ = BufReader::new(stderr).read_line(&mut message);
        }
        let message = message.trim();
        AbError::Run(format!(
            "{}: the driver failed: {}",
            self.label,
            if message.is_empty() {
                "no message"
            } else {
                message
            }
        ))
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The driver's Cargo.toml. An empty `[workspace]` keeps it out of any enclosing workspace (the
/// work directory usually lies inside this repository's `target/`).
fn manifest(parser: &Path, features: &[String]) -> String {
    let features: Vec<String> = features.iter().map(|f| toml_string(f)).collect();
    format!(
        "[package]\nname = \"gene-ab-driver\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [workspace]\n\n[dependencies]\ngene-parser = {{ path = {}, features = [{}] }}\n\n\
         [profile.release]\ndebug = \"line-tables-only\"\n",
        toml_string(&parser.to_string_lossy()),
        features.join(", ")
    )
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Writes `text` unless the file already holds it, so cargo sees no change on a rerun.
fn write_if_changed(path: &Path, text: &str) -> std::io::Result<()> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    std::fs::write(path, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_quotes_paths_and_features() {
        let m = manifest(Path::new("/a \"b\"\\c"), &["x".into(), "y-z".into()]);
        assert!(
            m.contains(r#"path = "/a \"b\"\\c", features = ["x", "y-z"]"#),
            "{m}"
        );
        assert!(m.contains("[workspace]"));
    }
}
