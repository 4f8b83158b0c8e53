//! The comparison's report as a terminal table, Markdown (for a CI step summary) and JSON.

use std::fmt::Write as _;

use super::Report;
use super::stats::Verdict;

/// A ratio as a signed percentage change: 1.034 is `+3.4%`.
fn pct(ratio: f64) -> String {
    format!("{:+.1}%", (ratio - 1.0) * 100.0)
}

fn ms(nanos: f64) -> String {
    format!("{:.3} ms", nanos / 1e6)
}

fn build_line(label: &str, b: &super::BuildInfo) -> String {
    let mut line = format!("{label}: {}", b.source);
    if !b.features.is_empty() {
        let _ = write!(line, ", features {}", b.features.join(","));
    }
    if !b.env.is_empty() {
        let _ = write!(line, ", env {}", b.env.join(" "));
    }
    line
}

fn summary_line(r: &Report) -> String {
    let regressed = r
        .inputs
        .iter()
        .filter(|i| i.verdict == Verdict::Regression)
        .count();
    let improved = r
        .inputs
        .iter()
        .filter(|i| i.verdict == Verdict::Improvement)
        .count();
    let rounds = if r.rounds < r.rounds_asked {
        format!("{} rounds (of {}: time limit)", r.rounds, r.rounds_asked)
    } else {
        format!("{} rounds", r.rounds)
    };
    format!(
        "{rounds} (seed {}), threshold {}%, {:.0}% intervals, {:.0} s of rounds: \
         {regressed} regressed, {improved} improved, {} within noise",
        r.seed,
        r.threshold_pct,
        r.confidence * 100.0,
        r.rounds_seconds,
        r.inputs.len() - regressed - improved
    )
}

/// The plain-text table.
pub fn table(r: &Report) -> String {
    let rows: Vec<[String; 6]> = r
        .inputs
        .iter()
        .map(|i| {
            [
                i.name.clone(),
                ms(i.base_median_ns),
                ms(i.change_median_ns),
                pct(i.ratio.median),
                format!("[{}, {}]", pct(i.ratio.low), pct(i.ratio.high)),
                i.verdict.label().to_string(),
            ]
        })
        .collect();
    let header = ["input", "base", "change", "change", "95% CI", "verdict"];
    let mut widths = header.map(str::len);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.len());
        }
    }
    let mut out = String::new();
    let _ = writeln!(out, "{}", build_line("base  ", &r.base));
    let _ = writeln!(out, "{}", build_line("change", &r.change));
    for row in std::iter::once(header.map(String::from)).chain(rows) {
        let mut line = String::new();
        for (i, (cell, w)) in row.iter().zip(widths).enumerate() {
            if i == 0 || i == 5 {
                let _ = write!(line, "{cell:<w$}  ");
            } else {
                let _ = write!(line, "{cell:>w$}  ");
            }
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    let _ = writeln!(out, "{}", summary_line(r));
    out
}

/// The Markdown report: a heading with the overall verdict, the builds, and the table.
pub fn markdown(r: &Report) -> String {
    let mut out = String::new();
    let headline = match r.verdict {
        Verdict::Regression => "regression",
        Verdict::Improvement => "no regression (some inputs improved)",
        Verdict::WithinNoise => "no regression",
    };
    let _ = writeln!(out, "### A/B parse time: {headline}\n");
    let _ = writeln!(out, "- {}", build_line("base", &r.base));
    let _ = writeln!(out, "- {}", build_line("change", &r.change));
    let _ = writeln!(out, "- {}\n", summary_line(r));
    let _ = writeln!(
        out,
        "| input | bytes | base median | change median | change | 95% CI | verdict |"
    );
    let _ = writeln!(out, "|---|--:|--:|--:|--:|--:|---|");
    for i in &r.inputs {
        let verdict = match i.verdict {
            Verdict::Regression => "**regression**",
            other => other.label(),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | [{}, {}] | {verdict} |",
            i.name,
            i.bytes,
            ms(i.base_median_ns),
            ms(i.change_median_ns),
            pct(i.ratio.median),
            pct(i.ratio.low),
            pct(i.ratio.high),
        );
    }
    out.push('\n');
    out
}

/// The JSON report (every round's times included).
pub fn json(r: &Report) -> String {
    serde_json::to_string_pretty(r).expect("the report serializes")
}
