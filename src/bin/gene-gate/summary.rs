//! `gene-gate ci-summary`: one Markdown page with every gate's verdict and numbers, for a CI step
//! summary (`$GITHUB_STEP_SUMMARY`), so that a reviewer needs no artifact.
//!
//! It reads the JSON each gate wrote (`gene-gate instructions|memory|criterion --json`, and
//! `gene-gate ab --json FILE`). A gate whose file is absent or unreadable is shown as "no result"
//! with the reason: a step that failed before writing it must not look like a pass.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use gene_bench::cli;

const MAX_LEN: usize = 64 << 20;

/// The files of one summary.
#[derive(Clone, Debug, Default)]
pub struct Inputs {
    /// `gene-gate instructions --json` output.
    pub instructions: Option<PathBuf>,
    /// `gene-gate memory --json` output.
    pub memory: Option<PathBuf>,
    /// `gene-gate ab --json FILE` output.
    pub ab: Option<PathBuf>,
    /// `gene-gate criterion --json` output (reported, never gating).
    pub criterion: Option<PathBuf>,
}

/// The gate JSON (`GateResult`), as far as the summary reads it.
#[derive(Clone, Debug, Deserialize)]
pub struct Gate {
    base: Option<String>,
    new: String,
    threshold_percent: f64,
    compared: usize,
    regressed: usize,
    passed: bool,
    without_comparison: Vec<String>,
    missing_from_new: Vec<String>,
    results: Vec<GateItem>,
}

#[derive(Clone, Debug, Deserialize)]
struct GateItem {
    id: String,
    metric: String,
    base: Option<u64>,
    new: Option<u64>,
    change_percent: Option<f64>,
    lower_percent: Option<f64>,
    upper_percent: Option<f64>,
    verdict: String,
}

/// The A/B report JSON, as far as the summary reads it.
#[derive(Clone, Debug, Deserialize)]
pub struct Ab {
    base: AbBuild,
    change: AbBuild,
    rounds: usize,
    threshold_pct: f64,
    confidence: f64,
    inputs: Vec<AbInput>,
    verdict: String,
}

#[derive(Clone, Debug, Deserialize)]
struct AbBuild {
    source: String,
    commit: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
struct AbInput {
    name: String,
    base_median_ns: f64,
    change_median_ns: f64,
    ratio: AbRatio,
    verdict: String,
}

#[derive(Clone, Debug, Deserialize)]
struct AbRatio {
    median: f64,
    low: f64,
    high: f64,
}

fn load<T: for<'de> Deserialize<'de>>(path: &Option<PathBuf>) -> Option<Result<T, String>> {
    let path = path.as_ref()?;
    Some(read(path))
}

fn read<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T, String> {
    let text = cli::read_text_bounded(path, MAX_LEN)?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// How one gate came out, for the overview and the exit status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Ran and passed.
    Passed,
    /// Ran and found a regression.
    Failed,
    /// Did not give a usable result (missing file, incomplete comparison).
    NoResult,
    /// Not asked for.
    Skipped,
}

/// The Markdown page and whether the gating gates passed: `Failed` when one regressed,
/// `NoResult` when one gave no usable result, else `Passed`. Criterion never gates.
pub fn render(inputs: &Inputs) -> (String, Outcome) {
    let instructions = load::<Gate>(&inputs.instructions);
    let memory = load::<Gate>(&inputs.memory);
    let ab = load::<Ab>(&inputs.ab);
    let criterion = load::<Gate>(&inputs.criterion);

    let gate_outcome = |g: &Option<Result<Gate, String>>| match g {
        None => Outcome::Skipped,
        Some(Err(_)) => Outcome::NoResult,
        Some(Ok(g)) if g.regressed > 0 => Outcome::Failed,
        Some(Ok(g)) if g.passed => Outcome::Passed,
        Some(Ok(_)) => Outcome::NoResult,
    };
    let ab_outcome = match &ab {
        None => Outcome::Skipped,
        Some(Err(_)) => Outcome::NoResult,
        Some(Ok(a)) if a.verdict == "regression" => Outcome::Failed,
        Some(Ok(_)) => Outcome::Passed,
    };
    let gating = [
        gate_outcome(&instructions),
        gate_outcome(&memory),
        ab_outcome,
    ];
    let overall = if gating.contains(&Outcome::Failed) {
        Outcome::Failed
    } else if gating.contains(&Outcome::NoResult) {
        Outcome::NoResult
    } else {
        Outcome::Passed
    };

    let mut out = String::new();
    let headline = match overall {
        Outcome::Failed => "❌ regression",
        Outcome::NoResult => "⚠️ incomplete: a gate gave no result",
        _ => "✅ no regression",
    };
    let _ = writeln!(out, "## Benchmark gates: {headline}\n");
    if let Some(Ok(a)) = &ab {
        let _ = writeln!(
            out,
            "base `{}` → change `{}`\n",
            a.base.commit.as_deref().unwrap_or(&a.base.source),
            a.change.commit.as_deref().unwrap_or(&a.change.source)
        );
    }
    let _ = writeln!(out, "| gate | fails the job? | verdict | numbers |");
    let _ = writeln!(out, "|---|---|---|---|");
    gate_row(
        &mut out,
        "instruction counts (Callgrind Ir)",
        &instructions,
        true,
    );
    gate_row(&mut out, "heap counts (gene-report, exact)", &memory, true);
    ab_row(&mut out, &ab);
    gate_row(
        &mut out,
        "sequential Criterion wall time",
        &criterion,
        false,
    );
    out.push('\n');

    if let Some(Ok(g)) = &instructions {
        let _ = writeln!(out, "### Instruction counts\n");
        counts_table(&mut out, g);
    }
    if let Some(Ok(g)) = &memory {
        let _ = writeln!(out, "### Heap counts\n");
        counts_table(&mut out, g);
    }
    if let Some(Ok(a)) = &ab {
        ab_table(&mut out, a);
    }
    if let Some(Ok(g)) = &criterion {
        criterion_table(&mut out, g);
    }
    (out, overall)
}

fn pct(v: Option<f64>) -> String {
    v.map_or("n/a".to_string(), |v| format!("{v:+.2}%"))
}

fn verdict_cell(verdict: &str) -> String {
    match verdict {
        "regressed" | "regression" => "**regressed**".to_string(),
        "within-noise" => "within noise".to_string(),
        other => other.to_string(),
    }
}

fn gate_row(out: &mut String, name: &str, gate: &Option<Result<Gate, String>>, gating: bool) {
    let fails = |g: &Gate| {
        if gating {
            format!("yes, above +{}%", g.threshold_percent)
        } else {
            format!("no: reported only (±{}%)", g.threshold_percent)
        }
    };
    match gate {
        None => {
            let _ = writeln!(out, "| {name} | — | not run | — |");
        }
        Some(Err(e)) => {
            let _ = writeln!(
                out,
                "| {name} | {} | **no result** | {} |",
                if gating { "yes" } else { "no" },
                e.replace('|', "\\|")
            );
        }
        Some(Ok(g)) => {
            let verdict = if g.regressed > 0 {
                format!("**{} regressed**", g.regressed)
            } else if !g.passed {
                "**incomplete**".to_string()
            } else {
                "passed".to_string()
            };
            let verdict = if gating {
                verdict
            } else {
                let improved = g.results.iter().filter(|r| r.verdict == "improved").count();
                format!(
                    "reported: {} slower, {improved} faster beyond the threshold (not gated)",
                    g.regressed
                )
            };
            let worst = g
                .results
                .iter()
                .filter(|r| r.change_percent.is_some())
                .max_by(|a, b| {
                    a.change_percent
                        .partial_cmp(&b.change_percent)
                        .unwrap_or(std::cmp::Ordering::Equal)
                });
            let mut numbers = format!(
                "{} compared against {}",
                g.compared,
                g.base
                    .as_deref()
                    .map_or("each benchmark's saved baseline".to_string(), |b| format!(
                        "`{b}`"
                    ))
            );
            if let Some(w) = worst {
                let _ = write!(
                    numbers,
                    "; largest change {} ({} {})",
                    pct(w.change_percent),
                    w.id,
                    w.metric
                );
            }
            let _ = write!(
                numbers,
                "; {} without a comparison",
                g.without_comparison.len()
            );
            if !g.missing_from_new.is_empty() {
                let _ = write!(
                    numbers,
                    "; missing from the new run: {}",
                    g.missing_from_new.join(", ")
                );
            }
            let _ = writeln!(out, "| {name} | {} | {verdict} | {numbers} |", fails(g));
        }
    }
}

fn ab_row(out: &mut String, ab: &Option<Result<Ab, String>>) {
    let name = "A/B wall time (interleaved)";
    match ab {
        None => {
            let _ = writeln!(out, "| {name} | — | not run | — |");
        }
        Some(Err(e)) => {
            let _ = writeln!(
                out,
                "| {name} | yes | **no result** | {} |",
                e.replace('|', "\\|")
            );
        }
        Some(Ok(a)) => {
            let ratios: Vec<String> = a
                .inputs
                .iter()
                .map(|i| {
                    format!(
                        "{} {:+.1}% [{:+.1}, {:+.1}]",
                        i.name,
                        (i.ratio.median - 1.0) * 100.0,
                        (i.ratio.low - 1.0) * 100.0,
                        (i.ratio.high - 1.0) * 100.0
                    )
                })
                .collect();
            let _ = writeln!(
                out,
                "| {name} | yes, whole {:.0}% interval above +{}% | {} | {} rounds: {} |",
                a.confidence * 100.0,
                a.threshold_pct,
                verdict_cell(&a.verdict),
                a.rounds,
                ratios.join("; ")
            );
        }
    }
}

fn counts_table(out: &mut String, g: &Gate) {
    let _ = writeln!(
        out,
        "Compared `{}` against `{}`.\n",
        g.new,
        g.base.as_deref().unwrap_or("?")
    );
    let _ = writeln!(out, "| id | metric | base | change | Δ | verdict |");
    let _ = writeln!(out, "|---|---|--:|--:|--:|---|");
    for r in &g.results {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            r.id,
            r.metric,
            r.base.map_or("—".into(), thousands),
            r.new.map_or("—".into(), thousands),
            pct(r.change_percent),
            verdict_cell(&r.verdict)
        );
    }
    out.push('\n');
}

fn ab_table(out: &mut String, a: &Ab) {
    let _ = writeln!(
        out,
        "### A/B wall time\n\nbase: {} · change: {} · {} rounds, {:.0}% intervals of the median ratio change/base\n",
        a.base.source,
        a.change.source,
        a.rounds,
        a.confidence * 100.0
    );
    let _ = writeln!(
        out,
        "| input | base median | change median | change | 95% interval | verdict |"
    );
    let _ = writeln!(out, "|---|--:|--:|--:|--:|---|");
    for i in &a.inputs {
        let _ = writeln!(
            out,
            "| {} | {:.3} ms | {:.3} ms | {:+.2}% | [{:+.2}%, {:+.2}%] | {} |",
            i.name,
            i.base_median_ns / 1e6,
            i.change_median_ns / 1e6,
            (i.ratio.median - 1.0) * 100.0,
            (i.ratio.low - 1.0) * 100.0,
            (i.ratio.high - 1.0) * 100.0,
            verdict_cell(&i.verdict)
        );
    }
    out.push('\n');
}

fn criterion_table(out: &mut String, g: &Gate) {
    let _ = writeln!(
        out,
        "<details><summary>Sequential Criterion wall time ({} compared against {}, {} without a comparison; reported, not gated)</summary>\n",
        g.compared,
        g.base
            .as_deref()
            .map_or("each benchmark's saved baseline".to_string(), |b| format!(
                "baseline `{b}`"
            )),
        g.without_comparison.len()
    );
    let _ = writeln!(out, "| benchmark | mean change | 95% interval | verdict |");
    let _ = writeln!(out, "|---|--:|--:|---|");
    for r in &g.results {
        let _ = writeln!(
            out,
            "| {} | {} | [{}, {}] | {} |",
            r.id,
            pct(r.change_percent),
            pct(r.lower_percent),
            pct(r.upper_percent),
            r.verdict
        );
    }
    if !g.without_comparison.is_empty() {
        let _ = writeln!(
            out,
            "\nWithout a comparison: {}",
            g.without_comparison.join(", ")
        );
    }
    let _ = writeln!(out, "\n</details>\n");
}

/// `1234567` as `1,234,567`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(84_100_000), "84,100,000");
    }
}
