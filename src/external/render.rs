//! The comparison as a terminal table, Markdown, JSON and an SVG plot.

use std::fmt::Write as _;
use std::path::Path;

use super::config::BASELINE;
use super::suite::{Cell, Report, Spread, Timing};

/// Rows of the throughput tables: one per input and implementation.
struct Row {
    input: String,
    subject: String,
    mb_s: String,
    lines_s: String,
    ns_line: String,
    ratio: String,
    rss: String,
    check_rss: String,
}

fn rows(r: &Report) -> Vec<Row> {
    let mut rows = Vec::new();
    for input in &r.inputs {
        let base = r.cell(BASELINE, &input.name);
        for s in &r.subjects {
            let Some(c) = r.cell(&s.name, &input.name) else {
                continue;
            };
            rows.push(Row {
                input: input.name.clone(),
                subject: s.name.clone(),
                mb_s: spread(c.mb_s, 1),
                lines_s: format!("{:.2} M", c.lines_s.median / 1e6),
                ns_line: format!("{:.0}", c.ns_per_line),
                ratio: ratio(base, c),
                rss: megabytes(c.peak_rss_kib),
                check_rss: megabytes(c.check_rss_kib),
            });
        }
    }
    rows
}

fn megabytes(kib: Option<u64>) -> String {
    kib.map_or("-".into(), |k| format!("{:.1} MB", k as f64 / 1024.0))
}

/// How many times gene-parser's time a cell's time is (`1.00×` for the baseline itself).
fn ratio(base: Option<&Cell>, c: &Cell) -> String {
    match base {
        Some(b) if b.parse_ms.median > 0.0 => {
            format!("{:.2}×", c.parse_ms.median / b.parse_ms.median)
        }
        _ => "-".into(),
    }
}

fn spread(s: Spread, digits: usize) -> String {
    format!("{:.d$} [{:.d$}–{:.d$}]", s.median, s.min, s.max, d = digits)
}

const HEADINGS: [&str; 8] = [
    "input",
    "implementation",
    "MB/s median [min–max]",
    "lines/s",
    "ns/line",
    "time × gene-parser",
    "RSS, 1 parse",
    "RSS, N parses",
];

fn startup_rows(r: &Report) -> Vec<[String; 4]> {
    r.subjects
        .iter()
        .map(|s| {
            [
                s.name.clone(),
                match s.timing {
                    Timing::InProcess => "in-process (--repeat)".into(),
                    Timing::Process => "whole process runs".into(),
                },
                s.startup_ms.map_or("-".into(), |m| spread(m, 2)),
                megabytes(s.startup_rss_kib),
            ]
        })
        .collect()
}

const STARTUP_HEADINGS: [&str; 4] = [
    "implementation",
    "timing",
    "start-up ms, empty file [min–max]",
    "peak RSS",
];

fn failures_text(r: &Report) -> String {
    if r.failures.is_empty() {
        return "Every answer matches gene-parser's.\n".into();
    }
    let mut t = String::new();
    for f in &r.failures {
        let _ = writeln!(t, "{} on {}: {}", f.subject, f.input, f.message);
    }
    t
}

/// The terminal table: conformance, throughput and start-up.
pub fn table(r: &Report) -> String {
    let mut t = failures_text(r);
    t.push('\n');
    let rows: Vec<[String; 8]> = rows(r)
        .into_iter()
        .map(|w| {
            [
                w.input,
                w.subject,
                w.mb_s,
                w.lines_s,
                w.ns_line,
                w.ratio,
                w.check_rss,
                w.rss,
            ]
        })
        .collect();
    aligned(&mut t, &HEADINGS, &rows);
    t.push('\n');
    aligned(&mut t, &STARTUP_HEADINGS, &startup_rows(r));
    t
}

fn aligned<const N: usize>(t: &mut String, headings: &[&str; N], rows: &[[String; N]]) {
    let mut widths = headings.map(|h| h.chars().count());
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |t: &mut String, cells: &[&str]| {
        for (j, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            let pad = w - cell.chars().count();
            if j < 2 {
                let _ = write!(t, "{cell}{}  ", " ".repeat(pad));
            } else {
                let _ = write!(t, "{}{cell}  ", " ".repeat(pad));
            }
        }
        t.truncate(t.trim_end().len());
        t.push('\n');
    };
    line(t, headings);
    for row in rows {
        line(t, &row.each_ref().map(String::as_str));
    }
}

/// The Markdown report.
pub fn markdown(r: &Report) -> String {
    let mut t = String::new();
    let _ = writeln!(
        t,
        "# Gene implementations side by side\n\nProtocol version {}, inputs from gene-gen \
         (seed {}), {} rounds; each figure is the spread of the round medians.\n",
        r.protocol, r.seed, r.rounds
    );
    t.push_str("## Conformance\n\n");
    t.push_str(&failures_text(r));
    t.push_str("\n## Throughput\n\n");
    md_table(
        &mut t,
        &HEADINGS,
        rows(r).into_iter().map(|w| {
            vec![
                w.input, w.subject, w.mb_s, w.lines_s, w.ns_line, w.ratio, w.rss,
            ]
        }),
    );
    t.push_str("\n## Start-up\n\n");
    md_table(
        &mut t,
        &STARTUP_HEADINGS,
        startup_rows(r).into_iter().map(Vec::from),
    );
    t
}

fn md_table(t: &mut String, headings: &[&str], rows: impl Iterator<Item = Vec<String>>) {
    let _ = writeln!(t, "| {} |", headings.join(" | "));
    let rule: Vec<&str> = (0..headings.len())
        .map(|j| if j < 2 { "---" } else { "--:" })
        .collect();
    let _ = writeln!(t, "|{}|", rule.join("|"));
    for row in rows {
        let _ = writeln!(t, "| {} |", row.join(" | "));
    }
}

/// Colours of the implementations' bars, gene-parser first.
const COLOURS: [&str; 6] = [
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b",
];

/// Throughput of every implementation on every input as horizontal bars on a logarithmic
/// axis (so a reader 30 times slower stays visible), with min–max whiskers.
pub fn svg(r: &Report) -> String {
    let (label_w, plot_w, bar_h, gap) = (190.0, 760.0, 14.0, 10.0);
    let inputs: Vec<&str> = r
        .inputs
        .iter()
        .map(|i| i.name.as_str())
        .filter(|name| r.cells.iter().any(|c| c.input == *name))
        .collect();
    let n = r.subjects.len().max(1) as f64;
    let group_h = n * bar_h + gap;
    let top = 60.0;
    let height = top + inputs.len() as f64 * group_h + 60.0;
    let width = label_w + plot_w + 40.0;
    let all_rates = r.cells.iter().flat_map(|c| [c.mb_s.min, c.mb_s.max]);
    let lo = all_rates.clone().fold(f64::INFINITY, f64::min).max(1e-3);
    let hi = all_rates.fold(0.0, f64::max).max(lo * 10.0);
    let (d0, d1) = (lo.log10().floor(), hi.log10().ceil());
    let x = |v: f64| label_w + (v.max(1e-3).log10() - d0) / (d1 - d0) * plot_w;
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(s, r#"<rect width="100%" height="100%" fill="white"/>"#);
    let _ = writeln!(
        s,
        r#"<text x="{label_w}" y="22" font-size="15">Parse throughput, MB/s (log scale; bar = median of {} rounds, whisker = min–max)</text>"#,
        r.rounds
    );
    for (j, subject) in r.subjects.iter().enumerate() {
        let lx = label_w + j as f64 * 150.0;
        let _ = writeln!(
            s,
            r#"<rect x="{lx}" y="34" width="12" height="12" fill="{}"/><text x="{}" y="45">{}</text>"#,
            COLOURS[j % COLOURS.len()],
            lx + 16.0,
            escape(&subject.name)
        );
    }
    let bottom = top + inputs.len() as f64 * group_h;
    let mut decade = d0;
    while decade <= d1 {
        let v = 10f64.powf(decade);
        let gx = x(v);
        let _ = writeln!(
            s,
            r##"<line x1="{gx:.1}" y1="{top}" x2="{gx:.1}" y2="{bottom}" stroke="#ccc"/><text x="{gx:.1}" y="{:.1}" text-anchor="middle">{}</text>"##,
            bottom + 16.0,
            format_rate(v)
        );
        decade += 1.0;
    }
    for (g, input) in inputs.iter().enumerate() {
        let gy = top + g as f64 * group_h;
        let _ = writeln!(
            s,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
            label_w - 8.0,
            gy + n * bar_h / 2.0 + 4.0,
            escape(input)
        );
        for (j, subject) in r.subjects.iter().enumerate() {
            let Some(c) = r.cell(&subject.name, input) else {
                continue;
            };
            let y = gy + j as f64 * bar_h;
            let colour = COLOURS[j % COLOURS.len()];
            let _ = writeln!(
                s,
                r#"<rect x="{label_w}" y="{y:.1}" width="{:.1}" height="{:.1}" fill="{colour}"><title>{} on {}: {:.1} MB/s</title></rect>"#,
                (x(c.mb_s.median) - label_w).max(0.5),
                bar_h - 2.0,
                escape(&subject.name),
                escape(input),
                c.mb_s.median
            );
            let wy = y + (bar_h - 2.0) / 2.0;
            let _ = writeln!(
                s,
                r#"<line x1="{:.1}" y1="{wy:.1}" x2="{:.1}" y2="{wy:.1}" stroke="black"/><text x="{:.1}" y="{:.1}" font-size="10">{:.1}</text>"#,
                x(c.mb_s.min),
                x(c.mb_s.max),
                x(c.mb_s.max) + 4.0,
                wy + 3.5,
                c.mb_s.median
            );
        }
    }
    let _ = writeln!(
        s,
        r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">MB/s (10^6 bytes per second)</text>"#,
        label_w + plot_w / 2.0,
        bottom + 36.0
    );
    s.push_str("</svg>\n");
    s
}

fn format_rate(v: f64) -> String {
    if v >= 1.0 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Writes `external.json`, `external.md` and `external.svg` into `dir`.
pub fn write_all(r: &Report, dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let json = serde_json::to_string_pretty(r).map_err(std::io::Error::other)?;
    std::fs::write(dir.join("external.json"), json + "\n")?;
    std::fs::write(dir.join("external.md"), markdown(r))?;
    std::fs::write(dir.join("external.svg"), svg(r))
}
