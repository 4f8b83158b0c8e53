//! The history as a Markdown table and as an SVG trend plot.
//!
//! Both show the same series: every metric found in the records drawn (Criterion medians,
//! instruction counts, peak heap), each in its own unit. The plot is small multiples, one panel
//! per series with its own y axis, because the series differ by orders of magnitude and a
//! shared axis would flatten all but the largest. The y axes do not start at zero: a history is
//! read for steps of a few percent, which a zero-based axis would hide; the tick labels carry
//! the values.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::Record;

/// Which map of a [`Record`] a series comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Criterion median time (nanoseconds).
    Median,
    /// Callgrind `Ir` (instructions).
    Instructions,
    /// Peak heap (bytes).
    PeakHeap,
}

/// One metric over the records: its name, unit and scaled values.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// What is measured.
    pub kind: Kind,
    /// The benchmark or input id.
    pub id: String,
    /// The unit the values are in (`ms`, `M instr.`, `MB`).
    pub unit: &'static str,
    /// One value per record, in `unit`; `None` where a record lacks the metric.
    pub values: Vec<Option<f64>>,
}

impl Series {
    /// A title: `size/10000 median time`.
    pub fn title(&self) -> String {
        let what = match self.kind {
            Kind::Median => "median time",
            Kind::Instructions => "instructions",
            Kind::PeakHeap => "peak heap",
        };
        format!("{} {what}", self.id)
    }
}

fn raw(record: &Record, kind: Kind, id: &str) -> Option<f64> {
    match kind {
        Kind::Median => record.medians_ns.get(id).copied(),
        Kind::Instructions => record.instructions.get(id).map(|&v| v as f64),
        Kind::PeakHeap => record.peak_heap_bytes.get(id).map(|&v| v as f64),
    }
}

/// Compares ids with their digit runs as numbers, so that `lines_10k` comes before
/// `lines_100k` and `size/9` before `size/10`.
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    let (mut a, mut b) = (a.as_bytes(), b.as_bytes());
    loop {
        match (a.first(), b.first()) {
            (None, None) => return std::cmp::Ordering::Equal,
            (None, Some(_)) => return std::cmp::Ordering::Less,
            (Some(_), None) => return std::cmp::Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let run = |s: &[u8]| s.iter().take_while(|c| c.is_ascii_digit()).count();
                let (na, nb) = (run(a), run(b));
                let (da, db) = (&a[..na], &b[..nb]);
                let trim = |d: &'_ [u8]| {
                    let zeros = d.iter().take_while(|&&c| c == b'0').count();
                    d[zeros..].to_vec()
                };
                let (ta, tb) = (trim(da), trim(db));
                let order = ta.len().cmp(&tb.len()).then_with(|| ta.cmp(&tb));
                if order != std::cmp::Ordering::Equal {
                    return order;
                }
                a = &a[na..];
                b = &b[nb..];
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(y);
                }
                a = &a[1..];
                b = &b[1..];
            }
        }
    }
}

/// Every series of `records`: medians first, then instructions, then peak heap, each in the
/// natural order of its ids ([`natural_cmp`]). A time series takes the unit (ns, µs, ms, s) that suits its largest value.
pub fn series(records: &[Record]) -> Vec<Series> {
    let mut keys = BTreeSet::new();
    for r in records {
        keys.extend(r.medians_ns.keys().map(|k| (Kind::Median, k.clone())));
        keys.extend(
            r.instructions
                .keys()
                .map(|k| (Kind::Instructions, k.clone())),
        );
        keys.extend(
            r.peak_heap_bytes
                .keys()
                .map(|k| (Kind::PeakHeap, k.clone())),
        );
    }
    let mut keys: Vec<(Kind, String)> = keys.into_iter().collect();
    keys.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| natural_cmp(&a.1, &b.1)));
    keys.into_iter()
        .map(|(kind, id)| {
            let raw_values: Vec<Option<f64>> = records.iter().map(|r| raw(r, kind, &id)).collect();
            let max = raw_values.iter().flatten().copied().fold(0.0, f64::max);
            let (unit, scale) = match kind {
                Kind::Median if max >= 1e9 => ("s", 1e9),
                Kind::Median if max >= 1e6 => ("ms", 1e6),
                Kind::Median if max >= 1e3 => ("µs", 1e3),
                Kind::Median => ("ns", 1.0),
                Kind::Instructions => ("M instr.", 1e6),
                Kind::PeakHeap => ("MB", 1e6),
            };
            Series {
                kind,
                id,
                unit,
                values: raw_values.iter().map(|v| v.map(|v| v / scale)).collect(),
            }
        })
        .collect()
}

/// The last `n` records (all when fewer).
pub fn last(records: &[Record], n: usize) -> &[Record] {
    &records[records.len().saturating_sub(n)..]
}

/// A commit as shown: its first 10 characters.
pub fn short(commit: &str) -> &str {
    commit.get(..10).unwrap_or(commit)
}

/// The relative change from `prev` to `cur` in percent, when both exist and `prev` is not 0.
pub fn step_change(prev: Option<f64>, cur: Option<f64>) -> Option<f64> {
    match (prev, cur) {
        (Some(p), Some(c)) if p != 0.0 => Some((c - p) / p * 100.0),
        _ => None,
    }
}

/// Three significant digits, without exponent notation.
fn fmt_value(v: f64) -> String {
    let magnitude = if v == 0.0 {
        0
    } else {
        v.abs().log10().floor() as i32
    };
    let decimals = (2 - magnitude).clamp(0, 6) as usize;
    format!("{v:.decimals$}")
}

/// The Markdown table: one row per record (oldest first), one column per series, each cell the
/// value and its change from the previous record. A record whose machine or rustc differs from
/// the previous one is marked `†` and its steps are to be read with that in mind.
pub fn markdown(records: &[Record]) -> String {
    let all = series(records);
    let mut out = String::new();
    let _ = write!(out, "| # | commit | date (UTC) |");
    for s in &all {
        let _ = write!(out, " {} ({}) |", s.title(), s.unit);
    }
    let _ = write!(out, "\n|--:|---|---|");
    for _ in &all {
        out.push_str("--:|");
    }
    out.push('\n');
    let mut changed_setup = Vec::new();
    for (i, r) in records.iter().enumerate() {
        let mark =
            if i > 0 && (r.machine != records[i - 1].machine || r.rustc != records[i - 1].rustc) {
                changed_setup.push(i + 1);
                " †"
            } else {
                ""
            };
        let date = r.date.get(..16).unwrap_or(&r.date).replace('T', " ");
        let _ = write!(out, "| {} | `{}`{mark} | {date} |", i + 1, short(&r.commit));
        for s in &all {
            let cell = match s.values[i] {
                None => "—".to_string(),
                Some(v) => {
                    let prev = if i == 0 { None } else { s.values[i - 1] };
                    match step_change(prev, Some(v)) {
                        Some(c) => format!("{} ({c:+.1}%)", fmt_value(v)),
                        None => fmt_value(v),
                    }
                }
            };
            let _ = write!(out, " {cell} |");
        }
        out.push('\n');
    }
    if let Some(r) = records.last() {
        let _ = writeln!(out, "\nLatest machine: {}; {}.", r.machine, r.rustc);
    }
    if !changed_setup.is_empty() {
        let rows: Vec<String> = changed_setup.iter().map(|i| format!("#{i}")).collect();
        let _ = writeln!(
            out,
            "† machine or rustc differs from the previous record (rows {}): that step is not \
             the commit's alone.",
            rows.join(", ")
        );
    }
    out
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A tick step of 1, 2 or 5 times a power of ten giving about `ticks` intervals over `span`.
fn nice_step(span: f64, ticks: f64) -> f64 {
    let raw = span / ticks;
    let power = 10f64.powf(raw.log10().floor());
    let m = raw / power;
    let nice = if m <= 1.0 {
        1.0
    } else if m <= 2.0 {
        2.0
    } else if m <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * power
}

/// The y range and ticks of a panel: at least ±1% around a flat series, so one value still
/// gets an axis.
fn axis(values: &[f64]) -> (f64, f64, f64) {
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let pad = ((hi - lo) * 0.1).max(hi.abs().max(1e-9) * 0.01);
    let (lo, hi) = (lo - pad, hi + pad);
    let step = nice_step(hi - lo, 4.0);
    ((lo / step).floor() * step, (hi / step).ceil() * step, step)
}

const PANEL_W: f64 = 580.0;
const PANEL_H: f64 = 250.0;
const COLUMNS: usize = 2;
const COLORS: [&str; 3] = ["#1f77b4", "#2ca02c", "#d62728"];

/// The trend plot: a title, then one panel per series (two per row), each with a labelled y
/// axis in its unit, a point per record joined by lines, the change at each step above the
/// point, and the commits along the x axis. The newest record is on the right.
pub fn svg(records: &[Record]) -> String {
    let all = series(records);
    let rows = all.len().div_ceil(COLUMNS).max(1);
    let width = PANEL_W * COLUMNS as f64 + 40.0;
    let height = 70.0 + rows as f64 * PANEL_H;
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(s, r#"<rect width="100%" height="100%" fill="white"/>"#);
    let first = records.first().map_or("", |r| short(&r.commit));
    let last = records.last().map_or("", |r| short(&r.commit));
    let _ = writeln!(
        s,
        r#"<text x="20" y="28" font-size="17" font-weight="bold">Benchmark history: {} record(s), {} to {}</text>"#,
        records.len(),
        xml_escape(first),
        xml_escape(last)
    );
    let _ = writeln!(
        s,
        r##"<text x="20" y="48" fill="#555">Lower is better in every panel. Each panel has its own y axis (not from zero); labels above points: change from the previous record. Commits oldest left, newest right.</text>"##
    );
    if all.is_empty() {
        let _ = writeln!(
            s,
            r#"<text x="20" y="90">No figures in these records.</text>"#
        );
    }
    for (i, series) in all.iter().enumerate() {
        let left = 20.0 + (i % COLUMNS) as f64 * PANEL_W;
        let top = 60.0 + (i / COLUMNS) as f64 * PANEL_H;
        panel(
            &mut s,
            left,
            top,
            series,
            records,
            COLORS[series.kind as usize],
        );
    }
    let _ = writeln!(s, "</svg>");
    s
}

fn panel(s: &mut String, left: f64, top: f64, series: &Series, records: &[Record], color: &str) {
    let (x0, y0) = (left + 70.0, top + 30.0);
    let (pw, ph) = (PANEL_W - 100.0, PANEL_H - 110.0);
    let _ = writeln!(
        s,
        r#"<text x="{x0}" y="{}" font-size="14" font-weight="bold">{}</text>"#,
        top + 18.0,
        xml_escape(&series.title())
    );
    let present: Vec<f64> = series.values.iter().flatten().copied().collect();
    if present.is_empty() {
        return;
    }
    let (lo, hi, step) = axis(&present);
    let n = records.len();
    let px = |i: usize| {
        if n == 1 {
            x0 + pw / 2.0
        } else {
            x0 + 10.0 + i as f64 * (pw - 20.0) / (n - 1) as f64
        }
    };
    let py = |v: f64| y0 + ph - (v - lo) / (hi - lo) * ph;
    // Frame, grid and y ticks.
    let _ = writeln!(
        s,
        r##"<rect x="{x0}" y="{y0}" width="{pw}" height="{ph}" fill="none" stroke="#888"/>"##
    );
    let decimals = (-step.log10().floor()).clamp(0.0, 6.0) as usize;
    let mut tick = lo;
    while tick <= hi + step / 2.0 {
        let y = py(tick);
        let _ = writeln!(
            s,
            r##"<line x1="{x0}" y1="{y:.1}" x2="{}" y2="{y:.1}" stroke="#e5e5e5"/><text x="{}" y="{:.1}" text-anchor="end">{tick:.decimals$}</text>"##,
            x0 + pw,
            x0 - 6.0,
            y + 4.0
        );
        tick += step;
    }
    let _ = writeln!(
        s,
        r#"<text transform="translate({},{}) rotate(-90)" text-anchor="middle">{}</text>"#,
        left + 16.0,
        y0 + ph / 2.0,
        xml_escape(series.unit)
    );
    // Commit labels along the x axis.
    for (i, r) in records.iter().enumerate() {
        let x = px(i);
        let _ = writeln!(
            s,
            r##"<line x1="{x:.1}" y1="{}" x2="{x:.1}" y2="{}" stroke="#888"/><text transform="translate({:.1},{}) rotate(-35)" text-anchor="end" font-family="monospace" font-size="11">{}</text>"##,
            y0 + ph,
            y0 + ph + 4.0,
            x + 4.0,
            y0 + ph + 16.0,
            xml_escape(&short(&r.commit)[..short(&r.commit).len().min(7)])
        );
    }
    // The line (broken where a record lacks the metric), the points and the step changes.
    let mut path = String::new();
    let mut pen_down = false;
    for (i, v) in series.values.iter().enumerate() {
        match v {
            Some(v) => {
                let _ = write!(
                    path,
                    "{}{:.1},{:.1} ",
                    if pen_down { "L" } else { "M" },
                    px(i),
                    py(*v)
                );
                pen_down = true;
            }
            None => pen_down = false,
        }
    }
    let _ = writeln!(
        s,
        r#"<path d="{}" fill="none" stroke="{color}" stroke-width="2"/>"#,
        path.trim_end()
    );
    for (i, v) in series.values.iter().enumerate() {
        let Some(v) = *v else { continue };
        let (x, y) = (px(i), py(v));
        let _ = writeln!(
            s,
            r#"<circle cx="{x:.1}" cy="{y:.1}" r="3.5" fill="{color}"><title>{}: {} {}</title></circle>"#,
            xml_escape(short(&records[i].commit)),
            fmt_value(v),
            xml_escape(series.unit)
        );
        let prev = if i == 0 { None } else { series.values[i - 1] };
        // The change from the previous record, or the value itself where the line starts.
        let label = match step_change(prev, Some(v)) {
            Some(c) => format!("{c:+.1}%"),
            None => fmt_value(v),
        };
        let _ = writeln!(
            s,
            r##"<text x="{x:.1}" y="{:.1}" text-anchor="middle" font-size="10" fill="#333">{label}</text>"##,
            y - 8.0
        );
    }
    // The latest value, in full, to the right of the title.
    if let Some(v) = series.values.last().copied().flatten() {
        let _ = writeln!(
            s,
            r##"<text x="{}" y="{}" text-anchor="end" fill="#333">latest: {} {}</text>"##,
            x0 + pw,
            top + 18.0,
            fmt_value(v),
            xml_escape(series.unit)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::natural_cmp;
    use std::cmp::Ordering::*;

    #[test]
    fn ids_sort_with_numbers_as_numbers() {
        assert_eq!(natural_cmp("parse lines_10k", "parse lines_100k"), Less);
        assert_eq!(natural_cmp("size/9", "size/10"), Less);
        assert_eq!(natural_cmp("size/010", "size/10"), Equal);
        assert_eq!(natural_cmp("a", "b"), Less);
        assert_eq!(natural_cmp("mix-100000", "mix-10000"), Greater);
        assert_eq!(natural_cmp("x", "x1"), Less);
    }
}
