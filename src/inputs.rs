//! Benchmark inputs: generated in memory from fixed seeds, built once per process, with the
//! counts each benchmark asserts before timing anything.
//!
//! Every input is a pure function of its [`Spec`] and the generator version, so two machines (or
//! two commits with the same generator) benchmark byte-identical text. Nothing is read from
//! untracked files except the opt-in `GENE_CORPUS` directory.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex};

/// The seed of every generated input. Changing it changes every benchmark's input.
pub const SEED: u64 = 42;

/// Line count of the `pattern` and `complexity` inputs: large enough that per-file overhead is
/// noise, small enough that the whole group runs in well under a minute.
pub const PATTERN_LINES: usize = 5_000;

/// Line count of the `phases` and `errors` inputs (the "medium" preset).
pub const MEDIUM_LINES: usize = 10_000;

/// The file sizes of the `size` group: the four presets and 1M lines (26 MB).
pub const SIZES: [usize; 5] = [1_000, 10_000, 50_000, 100_000, 1_000_000];

/// The opt-in size of the `size` group and of `gene-report`: 10M lines (about 260 MB of source,
/// and a few GB of memory while it is generated, checked and parsed; about a minute of
/// generation and checking before any timing).
pub const HUGE_LINES: usize = 10_000_000;

/// The environment variable that adds [`HUGE_LINES`] to the sweep: `GENE_BENCH_HUGE=1`.
pub const HUGE_ENV: &str = "GENE_BENCH_HUGE";

/// Whether [`HUGE_ENV`] is set to `1`.
pub fn huge_enabled() -> bool {
    huge_requested(std::env::var_os(HUGE_ENV).as_deref())
}

/// Whether a value of [`HUGE_ENV`] asks for the huge size: exactly `1` (not `0`, not empty).
fn huge_requested(value: Option<&std::ffi::OsStr>) -> bool {
    value.is_some_and(|v| v == "1")
}

/// The sizes of the `size` sweep: [`SIZES`], plus [`HUGE_LINES`] when [`huge_enabled`].
pub fn sweep_sizes() -> Vec<usize> {
    sweep_sizes_with(huge_enabled())
}

fn sweep_sizes_with(huge: bool) -> Vec<usize> {
    let mut sizes = SIZES.to_vec();
    if huge {
        sizes.push(HUGE_LINES);
    }
    sizes
}

/// What to generate.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Spec {
    /// The default pattern mix at this many lines.
    Size(usize),
    /// One pattern alone (by its generator name) at [`PATTERN_LINES`].
    Pattern(String),
    /// The default mix at this complexity level (1..=5) and [`PATTERN_LINES`].
    Complexity(u8),
    /// The default mix at [`MEDIUM_LINES`] with this many injected syntax errors.
    Errors(usize),
}

/// A source text with the facts a benchmark checks before it times anything.
#[derive(Debug)]
pub struct Input {
    /// Stable name, used as the benchmark id and in reports (e.g. `mix-10000`).
    pub name: String,
    /// The source text (Gene input is bytes; corpus files need not be UTF-8).
    pub src: Vec<u8>,
    /// Number of lines.
    pub lines: usize,
    /// Tokens, as counted by the lexer (whitespace and comments skipped).
    pub tokens: usize,
    /// AST nodes of a successful parse; 0 when the input has syntax errors.
    pub nodes: usize,
    /// Distinct interned symbols of a successful parse; 0 when it failed.
    pub symbols: usize,
    /// Top-level forms of a successful parse; 0 when it failed.
    pub roots: usize,
    /// Byte offset of the error the parser reports, for inputs with errors.
    pub error_offset: Option<usize>,
    /// Byte offsets of every injected syntax error, as the generator reports them (empty for
    /// inputs without injected errors).
    pub injected_errors: Vec<usize>,
}

impl Input {
    /// Parses `src` once to record its counts, and checks the lexer/parser token invariant.
    ///
    /// Panics when the lexer's and the document's token counts differ: a benchmark over such an
    /// input would time a broken parser.
    pub fn new(name: impl Into<String>, src: impl Into<Vec<u8>>) -> Input {
        let name = name.into();
        let src = src.into();
        let bytes = &src[..];
        let tokens = gene_parser::Lexer::new(bytes).count();
        let lines = count_lines(bytes);
        let (nodes, symbols, roots, error_offset) = match gene_parser::parse(bytes) {
            Ok(doc) => {
                assert_eq!(
                    doc.token_count(),
                    tokens,
                    "{name}: lexer and parser disagree on the token count"
                );
                (
                    doc.node_count(),
                    doc.symbols().len(),
                    doc.roots().len(),
                    None,
                )
            }
            Err(e) => (0, 0, 0, Some(e.offset())),
        };
        Input {
            name,
            src,
            lines,
            tokens,
            nodes,
            symbols,
            roots,
            error_offset,
            injected_errors: Vec::new(),
        }
    }

    /// The source as bytes, the parser's input type.
    pub fn bytes(&self) -> &[u8] {
        &self.src
    }

    /// Whether the input parses without error.
    pub fn is_valid(&self) -> bool {
        self.error_offset.is_none()
    }

    /// Asserts that parsing this input now yields the recorded counts. Benchmarks call it once,
    /// outside the timed loop, so a parser that skips work cannot look fast.
    pub fn check_parse(&self) {
        match gene_parser::parse(self.bytes()) {
            Ok(doc) => {
                assert!(self.is_valid(), "{}: expected a syntax error", self.name);
                assert_eq!(doc.node_count(), self.nodes, "{}: node count", self.name);
                assert_eq!(doc.token_count(), self.tokens, "{}: token count", self.name);
                assert_eq!(doc.roots().len(), self.roots, "{}: root count", self.name);
            }
            Err(e) => assert_eq!(
                Some(e.offset()),
                self.error_offset,
                "{}: unexpected error {e}",
                self.name
            ),
        }
    }
}

/// Counts lines the way editors do: a final line without a newline still counts.
pub fn count_lines(src: &[u8]) -> usize {
    let newlines = memchr_count(src);
    newlines + usize::from(!src.is_empty() && !src.ends_with(b"\n"))
}

fn memchr_count(src: &[u8]) -> usize {
    src.iter().filter(|&&b| b == b'\n').count()
}

/// Inputs built so far in this process. Entries are leaked on purpose: they live until the
/// process exits, and `&'static` references keep benchmark closures simple.
static CACHE: LazyLock<Mutex<HashMap<Spec, &'static Input>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

/// Returns the input for `spec`, generating it on first use in this process.
pub fn get(spec: Spec) -> &'static Input {
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(input) = cache.get(&spec) {
        return input;
    }
    let input: &'static Input = Box::leak(Box::new(build(&spec)));
    cache.insert(spec, input);
    input
}

/// The default mix at `lines` lines ([`Spec::Size`]).
pub fn sized(lines: usize) -> &'static Input {
    get(Spec::Size(lines))
}

fn build(spec: &Spec) -> Input {
    let (name, config) = match spec {
        Spec::Size(lines) => (format!("mix-{lines}"), generator_config(*lines)),
        Spec::Pattern(p) => (
            format!("pattern-{p}"),
            generator_config(PATTERN_LINES).with_mix(gene_gen::Mix::only(pattern_by_name(p))),
        ),
        Spec::Complexity(level) => (
            format!("complexity-{level}"),
            generator_config(PATTERN_LINES).with_complexity(*level),
        ),
        Spec::Errors(n) => (
            format!("errors-{n}"),
            generator_config(MEDIUM_LINES).with_errors(*n),
        ),
    };
    let generated = gene_gen::generate_with_errors(&config);
    let mut input = Input::new(name, generated.source);
    input.injected_errors = generated.errors.iter().map(|e| e.offset).collect();
    assert_eq!(
        input.lines, config.target_lines,
        "{}: line count",
        input.name
    );
    // The generator says where its first injected error is; the parser must stop exactly there.
    // This is the oracle that keeps the error benchmarks honest.
    assert_eq!(
        input.error_offset,
        generated.errors.first().map(|e| e.offset),
        "{}: the parser's error is not the first injected one",
        input.name
    );
    input
}

/// The generator configuration of the suite: the default mix at `lines` lines, seed [`SEED`].
pub fn generator_config(lines: usize) -> gene_gen::Config {
    gene_gen::Config::new(SEED, lines)
}

fn pattern_by_name(name: &str) -> gene_gen::Pattern {
    gene_gen::Pattern::from_name(name).unwrap_or_else(|| panic!("unknown pattern {name:?}"))
}

/// The names of the generator's patterns, in its order.
pub fn pattern_names() -> Vec<String> {
    gene_gen::Pattern::ALL
        .iter()
        .map(|p| p.name().to_string())
        .collect()
}

/// The committed corpus directory, `benchmarks/data/corpus` (absolute, independent of the
/// current directory).
pub fn committed_corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("benchmarks/data/corpus")
}

/// A directory of `.gene` files read for the `corpus` group.
#[derive(Debug)]
pub struct CorpusDir {
    /// Short label: `committed`, or the directory's path relative to `GENE_CORPUS`.
    pub label: String,
    /// The files, sorted by path.
    pub files: Vec<Input>,
}

impl CorpusDir {
    /// Total source bytes.
    pub fn bytes(&self) -> usize {
        self.files.iter().map(|f| f.src.len()).sum()
    }

    /// Total lines.
    pub fn lines(&self) -> usize {
        self.files.iter().map(|f| f.lines).sum()
    }
}

/// The committed corpus, plus every directory under `$GENE_CORPUS` that directly holds `*.gene`
/// files (one [`CorpusDir`] each, so results are reported per directory).
///
/// Files that fail to parse are kept: the corpus benchmark times what a user's code base costs,
/// errors included, and [`Input::check_parse`] pins the error offset.
pub fn corpus() -> Vec<CorpusDir> {
    let mut dirs = Vec::new();
    let committed = read_gene_files(&committed_corpus_dir(), "committed");
    if !committed.is_empty() {
        dirs.push(CorpusDir {
            label: "committed".into(),
            files: committed,
        });
    }
    if let Some(root) = std::env::var_os("GENE_CORPUS") {
        let root = PathBuf::from(root);
        let mut stack = vec![root.clone()];
        let mut found = Vec::new();
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for e in entries.flatten() {
                let p = e.path();
                if p.is_dir() && p.file_name().is_none_or(|n| n != ".git") {
                    stack.push(p);
                }
            }
            let rel = dir.strip_prefix(&root).unwrap_or(&dir);
            let label = if rel.as_os_str().is_empty() {
                ".".to_string()
            } else {
                rel.to_string_lossy().replace('\\', "/")
            };
            let files = read_gene_files(&dir, &label);
            if !files.is_empty() {
                found.push(CorpusDir { label, files });
            }
        }
        found.sort_by(|a, b| a.label.cmp(&b.label));
        dirs.extend(found);
    }
    dirs
}

fn read_gene_files(dir: &Path, label: &str) -> Vec<Input> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "gene"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| {
            let src = std::fs::read(&p).ok()?;
            let name = format!(
                "{label}/{}",
                p.file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
            );
            Some(Input::new(name, src))
        })
        .collect()
}

/// Files in the generated project of the `project` benchmark.
pub const PROJECT_FILES: usize = 500;

/// Lines-per-file quantiles of the real corpus (`shared/CORPUS_PROFILE.md` beside the repository, 338 files):
/// `(quantile, lines)`. Minimum, p50, p90 and maximum are measured; p99 is the log-normal fit
/// of p50 and p90 (sigma 1.07) at 2.33 sigma.
pub const CORPUS_LINES_QUANTILES: [(f64, f64); 5] = [
    (0.0, 1.0),
    (0.5, 30.0),
    (0.9, 118.0),
    (0.99, 361.0),
    (1.0, 1_060.0),
];

/// The few files over 1,000 lines a real code base has (the corpus's largest is 1,060; its
/// benchmark fixtures go to 32,902), added to the quantile sizes.
pub const PROJECT_LARGE_FILES: [usize; 3] = [1_060, 1_500, 2_400];

/// The line counts of a project of `files` files (at least 4), in the order the files are
/// named: `files - 3` sizes at evenly spaced quantiles of [`CORPUS_LINES_QUANTILES`]
/// (log-linear between the points, so the median is 30 lines and p90 about 118), plus the
/// three [`PROJECT_LARGE_FILES`], shuffled with a fixed seed so the large ones do not all come
/// last (a real tree's order does not follow size).
pub fn project_file_lines(files: usize) -> Vec<usize> {
    assert!(
        files > PROJECT_LARGE_FILES.len(),
        "a project needs at least 4 files"
    );
    let n = files - PROJECT_LARGE_FILES.len();
    let mut lines: Vec<usize> = (0..n)
        .map(|i| corpus_lines_at((i as f64 + 0.5) / n as f64))
        .chain(PROJECT_LARGE_FILES)
        .collect();
    // Fisher-Yates with the suite's seeded generator.
    let mut rng = <rand_chacha::ChaCha8Rng as rand_core::SeedableRng>::seed_from_u64(SEED);
    for i in (1..lines.len()).rev() {
        let j = (rand_core::Rng::next_u64(&mut rng) % (i as u64 + 1)) as usize;
        lines.swap(i, j);
    }
    lines
}

/// Lines at quantile `q` of the corpus curve: log-linear between [`CORPUS_LINES_QUANTILES`].
fn corpus_lines_at(q: f64) -> usize {
    let points = CORPUS_LINES_QUANTILES;
    let k = points
        .windows(2)
        .position(|w| q <= w[1].0)
        .unwrap_or(points.len() - 2);
    let ((q0, l0), (q1, l1)) = (points[k], points[k + 1]);
    let t = (q - q0) / (q1 - q0);
    (l0.ln() + t * (l1.ln() - l0.ln())).exp().round().max(1.0) as usize
}

/// The seed of file `index` of the generated project: distinct per file, fixed per index.
pub fn project_file_seed(index: usize) -> u64 {
    (SEED << 32) | index as u64
}

/// A generated project of `files` files for the `project` benchmark: file `i` is the default
/// mix at [`project_file_lines`]`(files)[i]` lines with seed [`project_file_seed`]`(i)`,
/// named `project/NNNN.gene`. Each is checked as every input is ([`Input::new`]).
pub fn project(files: usize) -> Vec<Input> {
    project_file_lines(files)
        .into_iter()
        .enumerate()
        .map(|(i, lines)| {
            let config = gene_gen::Config::new(project_file_seed(i), lines);
            let input = Input::new(format!("project/{i:04}.gene"), gene_gen::generate(&config));
            assert_eq!(input.lines, lines, "{}: line count", input.name);
            assert!(input.is_valid(), "{}: generated files parse", input.name);
            input
        })
        .collect()
}

/// A distinct name per `i`: letters only (never a number), base 52, shortest first.
pub fn short_name(mut i: usize) -> String {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut name = String::new();
    loop {
        name.push(LETTERS[i % LETTERS.len()] as char);
        i /= LETTERS.len();
        if i == 0 {
            return name;
        }
        i -= 1;
    }
}

/// A dense input of about `size` bytes for the memory-bound tests: `prefix`, then `body`
/// repeated (each `%` in it replaced by a distinct [`short_name`]), then `suffix`. A `;` chain
/// (`(a` `;b` `)`) is cut at 1,000 links, which the depth limit counts, and repeated whole.
pub fn dense_input((prefix, body, suffix): (&str, &str, &str), size: usize) -> Vec<u8> {
    let mut src = prefix.as_bytes().to_vec();
    let mut i = 0;
    loop {
        let piece = body.replace('%', &short_name(i));
        // A `;` chain counts towards the depth limit: keep each chain in a gene of its own.
        let chain = prefix == "(a" && body == ";b";
        if src.len() + piece.len() + suffix.len() > size || (chain && i == 1000) {
            break;
        }
        src.extend_from_slice(piece.as_bytes());
        i += 1;
    }
    src.extend_from_slice(suffix.as_bytes());
    if prefix == "(a" && body == ";b" {
        // Repeat the 1,000-link chain up to the size.
        let one = src.clone();
        while src.len() + one.len() <= size {
            src.extend_from_slice(&one);
        }
    }
    src
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sweep_reaches_1m_lines_and_10m_only_on_request() {
        assert_eq!(sweep_sizes_with(false).last(), Some(&1_000_000));
        assert!(!sweep_sizes_with(false).contains(&HUGE_LINES));
        assert_eq!(sweep_sizes_with(true).last(), Some(&10_000_000));
        assert!(huge_requested(Some("1".as_ref())));
        for off in [None, Some(""), Some("0"), Some("yes"), Some("10")] {
            assert!(!huge_requested(off.map(AsRef::as_ref)), "{off:?}");
        }
    }

    #[test]
    fn project_sizes_follow_the_corpus() {
        let lines = project_file_lines(PROJECT_FILES);
        assert_eq!(lines, project_file_lines(PROJECT_FILES), "deterministic");
        let mut sorted = lines.clone();
        sorted.sort_unstable();
        let at = |q: f64| sorted[((sorted.len() - 1) as f64 * q).round() as usize];
        assert_eq!(at(0.5), 30, "median");
        assert!((110..=126).contains(&at(0.9)), "p90 {}", at(0.9));
        assert_eq!(sorted[0], 1);
        assert_eq!(
            sorted.iter().filter(|&&n| n > 1_000).count(),
            3,
            "{sorted:?}"
        );
        // Shuffled: the largest files are not all at the end.
        let last = &lines[lines.len() - 10..];
        assert!(last.iter().any(|&n| n < 1_000));
        assert!(lines.windows(2).any(|w| w[0] > w[1]));
    }

    #[test]
    fn a_small_project_is_generated_at_its_sizes() {
        let files = project(12);
        let want = project_file_lines(12);
        assert_eq!(files.iter().map(|f| f.lines).collect::<Vec<_>>(), want);
        // Distinct seeds, distinct files.
        assert_ne!(files[0].src, files[1].src);
    }
}
