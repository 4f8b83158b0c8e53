//! `gene-gate`: fail a CI job on a performance or memory regression.
//!
//! ```text
//! gene-gate criterion [DIR] [--threshold PCT]       # DIR defaults to $CARGO_TARGET_DIR/criterion
//! gene-gate memory BASE.json NEW.json [--threshold PCT]
//! ```
//!
//! Exit status: 0 when nothing regressed, 1 when something did, 2 for usage or I/O errors.

use std::path::PathBuf;
use std::process::ExitCode;

use gene_bench::gate;

const USAGE: &str = "\
usage: gene-gate criterion [DIR] [--threshold PCT]
       gene-gate memory BASE.json NEW.json [--threshold PCT]

criterion  reads every change/estimates.json under DIR (default: $CARGO_TARGET_DIR/criterion,
           else target/criterion), written by `cargo bench -- --baseline NAME`, and fails when a
           benchmark's mean slowed down by more than PCT percent (default 10) with the whole
           confidence interval above it.
memory     compares two gene-report JSON files (peak bytes, allocations, allocated bytes) and
           fails when any count grew by more than PCT percent (default 1).
exit status: 0 no regression, 1 regression, 2 usage or I/O error";

/// Default wall-time threshold: 10 %. Criterion's confidence interval covers the noise within one
/// run, not the drift between two runs (another job starting on a shared runner, a different
/// clock frequency); on shared 2-core machines identical builds were seen to differ by more than
/// 5 % with tight intervals, so 5 % would fail unchanged code. Pass `--threshold 5` on a quiet,
/// dedicated machine.
const DEFAULT_TIME_THRESHOLD: f64 = 0.10;

/// Default memory threshold: 1 %. Heap counts are exact, so any change is real; 1 % leaves room
/// for a few deliberate small allocations.
const DEFAULT_MEMORY_THRESHOLD: f64 = 0.01;

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(msg) => {
            eprintln!("gene-gate: {msg}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Vec<String>) -> Result<bool, String> {
    let mut threshold: Option<f64> = None;
    let mut positional = Vec::new();
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--threshold" | "-t" => {
                let v = it.next().ok_or("--threshold needs a value")?;
                let pct: f64 = v
                    .trim_end_matches('%')
                    .parse()
                    .map_err(|_| format!("bad threshold {v:?}"))?;
                if !(pct >= 0.0 && pct.is_finite()) {
                    return Err(format!("bad threshold {v:?}"));
                }
                threshold = Some(pct / 100.0);
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(true);
            }
            s if s.starts_with('-') => return Err(format!("unknown option {s}")),
            _ => positional.push(a),
        }
    }
    let (cmd, rest) = positional.split_first().ok_or("missing command")?;
    let result = match cmd.as_str() {
        "criterion" => {
            let dir = match rest {
                [] => default_criterion_dir(),
                [d] => PathBuf::from(d),
                _ => return Err("criterion takes at most one directory".into()),
            };
            let changes = gate::criterion_changes(&dir)?;
            if changes.is_empty() {
                return Err(format!(
                    "no comparisons under {} (run `cargo bench -- --baseline NAME` first)",
                    dir.display()
                ));
            }
            gate::gate_changes(&changes, threshold.unwrap_or(DEFAULT_TIME_THRESHOLD))
        }
        "memory" => {
            let [base, new] = rest else {
                return Err("memory takes two report files".into());
            };
            let base = gate::MemoryReport::load(std::path::Path::new(base))?;
            let new = gate::MemoryReport::load(std::path::Path::new(new))?;
            gate::compare_memory(&base, &new, threshold.unwrap_or(DEFAULT_MEMORY_THRESHOLD))
        }
        other => return Err(format!("unknown command {other:?}")),
    };
    print!("{}", result.table);
    Ok(result.passed())
}

fn default_criterion_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| PathBuf::from("target"), PathBuf::from)
        .join("criterion")
}
