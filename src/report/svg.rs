//! The report's plot: four panels against source lines on a logarithmic axis, with the stamp and
//! the verdict in the header.
//!
//! A log axis gives each size the same room: on a linear axis from 0 to 100k lines, the 1k, 2k
//! and 5k points all fall within the first 5% of the width. Per-line panels show what a
//! time-against-size plot hides: a cost per line that grows with the file.

use std::fmt::Write as _;

use super::{Report, verdict::GROWTH_LIMIT};

/// How an axis maps values to positions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    /// Equal distances for equal differences.
    Linear,
    /// Equal distances for equal ratios.
    Log,
}

/// One axis: its range and its tick values.
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    /// Linear or logarithmic.
    pub scale: Scale,
    /// Value at the start of the axis.
    pub lo: f64,
    /// Value at the end of the axis.
    pub hi: f64,
    /// Values that get a tick and a label, ascending, all within `lo..=hi`.
    pub ticks: Vec<f64>,
}

impl Axis {
    /// A log axis fitted to data from `min` to `max` (both positive), padded by 5% of its width
    /// on each side so no point sits on the frame. Ticks are 1, 2 and 5 times powers of ten
    /// within the range (powers of ten alone beyond four decades, every integer multiple below
    /// one decade when that leaves fewer than two; wider padding when even that does, as for a
    /// single size).
    pub fn log_fit(min: f64, max: f64) -> Axis {
        let min = if min > 0.0 && min.is_finite() {
            min
        } else {
            1.0
        };
        let max = if max >= min && max.is_finite() {
            max
        } else {
            min
        };
        let (a, b) = (min.log10(), max.log10());
        let mut pad = ((b - a) * 0.05).max(0.05);
        loop {
            let (lo, hi) = (10f64.powf(a - pad), 10f64.powf(b + pad));
            let mantissas: &[f64] = if (hi / lo).log10() > 4.0 {
                &[1.0]
            } else {
                &[1.0, 2.0, 5.0]
            };
            let mut ticks = log_ticks(lo, hi, mantissas);
            if ticks.len() < 2 {
                ticks = log_ticks(lo, hi, &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0]);
            }
            // Only a single value (or nearly) leaves fewer than two ticks: widen until it has
            // two, which takes at most a few rounds (the integers 1 to 9 are a tenth of a decade
            // apart at most above 5).
            if ticks.len() >= 2 || pad > 1.0 {
                return Axis {
                    scale: Scale::Log,
                    lo,
                    hi,
                    ticks,
                };
            }
            pad *= 2.0;
        }
    }

    /// A linear axis from 0 to a round number at or above `max` plus 5%, with five ticks.
    pub fn linear_from_zero(max: f64) -> Axis {
        let hi = nice_max(max * 1.05);
        Axis {
            scale: Scale::Linear,
            lo: 0.0,
            hi,
            ticks: (0..=4).map(|k| hi * k as f64 / 4.0).collect(),
        }
    }

    /// Where `v` falls along the axis, 0 at `lo` and 1 at `hi`.
    pub fn frac(&self, v: f64) -> f64 {
        match self.scale {
            Scale::Linear => (v - self.lo) / (self.hi - self.lo),
            Scale::Log => {
                (v.max(f64::MIN_POSITIVE).log10() - self.lo.log10())
                    / (self.hi.log10() - self.lo.log10())
            }
        }
    }
}

/// `m × 10^k` for each mantissa `m`, within `lo..=hi`, ascending.
fn log_ticks(lo: f64, hi: f64, mantissas: &[f64]) -> Vec<f64> {
    let mut ticks = Vec::new();
    for k in lo.log10().floor() as i32..=hi.log10().ceil() as i32 {
        for &m in mantissas {
            // Rounded to 12 significant digits so 10^k * m prints as the round number it is.
            let v: f64 = format!("{:.11e}", m * 10f64.powi(k)).parse().unwrap_or(0.0);
            if v >= lo && v <= hi {
                ticks.push(v);
            }
        }
    }
    ticks
}

/// Rounds up to 1, 2, 2.5 or 5 times a power of ten, so the quarter ticks are round numbers.
pub fn nice_max(v: f64) -> f64 {
    if v <= 0.0 || !v.is_finite() {
        return 1.0;
    }
    let p = 10f64.powf(v.log10().floor());
    for m in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if v <= m * p {
            return m * p;
        }
    }
    10.0 * p
}

/// A short label: `1k`, `2.5M`, `0.25`, `40`.
pub fn label(v: f64) -> String {
    let trim = |s: String| -> String {
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    };
    let a = v.abs();
    if a >= 1e9 {
        trim(format!("{:.2}", v / 1e9)) + "G"
    } else if a >= 1e6 {
        trim(format!("{:.2}", v / 1e6)) + "M"
    } else if a >= 1e3 {
        trim(format!("{:.2}", v / 1e3)) + "k"
    } else if a >= 1.0 || a == 0.0 {
        trim(format!("{v:.2}"))
    } else {
        trim(format!("{v:.4}"))
    }
}

/// Escapes text for an XML text node or attribute.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// One point of a series: the value and its min–max whisker (equal to the value when none).
type Point = (f64, f64, f64);

/// A data series: points, colour and legend label.
struct Series<'a> {
    points: Vec<Point>,
    color: &'a str,
    label: &'a str,
}

/// A panel: title, y unit, y axis and series, plus an optional reference band (the value at
/// the smallest size and the verdict's limit above it).
struct Panel<'a> {
    title: String,
    unit: &'a str,
    y: Axis,
    series: Vec<Series<'a>>,
    band: Option<f64>,
    flagged: bool,
}

const WIDTH: f64 = 960.0;
const HEIGHT: f64 = 790.0;
const PANEL_W: f64 = 380.0;
const PANEL_H: f64 = 220.0;

/// Renders the report's four panels against source lines (log axis): median parse time per line
/// (min–max whiskers), peak heap per line, median throughput, and peak heap with the source size
/// for reference (log axis). The header carries the stamp, the machine and the verdict.
pub fn svg(r: &Report) -> String {
    let xs: Vec<f64> = r.inputs.iter().map(|i| i.lines as f64).collect();
    let x = Axis::log_fit(
        xs.iter().copied().fold(f64::INFINITY, f64::min),
        xs.iter().copied().fold(0.0, f64::max),
    );
    let per_line: Vec<Point> = r
        .inputs
        .iter()
        .map(|i| {
            let l = i.lines.max(1) as f64;
            (i.wall_ns.median / l, i.wall_ns.min / l, i.wall_ns.max / l)
        })
        .collect();
    let peak_line: Vec<Point> = r
        .inputs
        .iter()
        .map(|i| {
            let v = i.heap.peak_bytes as f64 / i.lines.max(1) as f64;
            (v, v, v)
        })
        .collect();
    let per_line_of = |f: fn(&super::InputReport) -> f64| -> Vec<Point> {
        r.inputs
            .iter()
            .map(|i| {
                let v = f(i);
                (v, v, v)
            })
            .collect()
    };
    let document_line = per_line_of(|i| i.document_bytes_per_line);
    let tree_line = per_line_of(|i| i.tree_bytes_per_line);
    let thr: Vec<Point> = r
        .inputs
        .iter()
        .map(|i| (i.mb_per_s.median, i.mb_per_s.min, i.mb_per_s.max))
        .collect();
    let peak: Vec<Point> = r
        .inputs
        .iter()
        .map(|i| {
            let v = i.heap.peak_bytes as f64;
            (v, v, v)
        })
        .collect();
    let src: Vec<Point> = r
        .inputs
        .iter()
        .map(|i| (i.bytes as f64, i.bytes as f64, i.bytes as f64))
        .collect();
    // Axes fit the medians: one descheduled run's maximum would otherwise flatten the panel.
    // Whiskers beyond the axis are cut at its end.
    let top = |pts: &[Point]| pts.iter().map(|p| p.0).fold(0.0, f64::max);
    let v = &r.verdict;
    let heap_values = peak.iter().chain(&src).map(|p| p.0);
    let heap_axis = Axis::log_fit(
        heap_values.clone().fold(f64::INFINITY, f64::min),
        heap_values.fold(0.0, f64::max),
    );
    let panels = [
        Panel {
            title: format!(
                "Parse time per line: {:.2}× smallest to largest",
                v.time_per_line.ratio
            ),
            unit: "ns per line",
            y: Axis::linear_from_zero(
                top(&per_line).max(per_line.first().map_or(0.0, |p| p.0) * (1.0 + GROWTH_LIMIT)),
            ),
            band: per_line.first().map(|p| p.0),
            flagged: v.time_per_line.flagged,
            series: vec![Series {
                points: per_line,
                color: "#1f77b4",
                label: "median (min–max)",
            }],
        },
        Panel {
            title: format!(
                "Heap per line: peak {:.2}×, tree max/min {:.2}×",
                v.peak_per_line.ratio, r.memory_per_line.tree.spread
            ),
            unit: "bytes per line",
            y: Axis::linear_from_zero(top(&peak_line).max(top(&document_line))),
            band: peak_line.first().map(|p| p.0),
            flagged: v.peak_per_line.flagged,
            series: vec![
                Series {
                    points: peak_line,
                    color: "#d62728",
                    label: "peak heap / lines",
                },
                Series {
                    points: document_line,
                    color: "#ff7f0e",
                    label: "document",
                },
                Series {
                    points: tree_line,
                    color: "#8c564b",
                    label: "tree (no symbol table)",
                },
            ],
        },
        Panel {
            title: "Parse throughput".to_string(),
            unit: "MB/s",
            y: Axis::linear_from_zero(top(&thr)),
            band: None,
            flagged: false,
            series: vec![Series {
                points: thr,
                color: "#2ca02c",
                label: "median (min–max)",
            }],
        },
        Panel {
            title: "Peak heap (log scale)".to_string(),
            unit: "bytes",
            y: heap_axis,
            band: None,
            flagged: false,
            series: vec![
                Series {
                    points: peak,
                    color: "#d62728",
                    label: "peak heap",
                },
                Series {
                    points: src,
                    color: "#999999",
                    label: "source size",
                },
            ],
        },
    ];

    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(s, r#"<rect width="100%" height="100%" fill="white"/>"#);
    header(&mut s, r);
    for (n, p) in panels.iter().enumerate() {
        let left = 70.0 + (n % 2) as f64 * (PANEL_W + 90.0);
        let top = 180.0 + (n / 2) as f64 * (PANEL_H + 90.0);
        panel(&mut s, left, top, &x, &xs, p);
    }
    let _ = writeln!(s, "</svg>");
    s
}

/// Title, stamp, machine and verdict lines.
fn header(s: &mut String, r: &Report) {
    let m = &r.machine;
    let st = &r.stamp;
    let lines = [
        format!("{} · commit {} · {}", st.date, st.commit, st.rustc),
        format!(
            "{} · {} logical CPUs · {} {}{} · {} runs per size · seed {}",
            m.cpu,
            m.cpus,
            m.os,
            m.arch,
            if m.optimized {
                ""
            } else {
                " · UNOPTIMISED BUILD"
            },
            r.runs,
            r.seed
        ),
    ];
    let _ = writeln!(
        s,
        r#"<text x="20" y="28" font-size="17" font-weight="bold">gene-parser: parse cost and heap against input size</text>"#
    );
    for (k, line) in lines.iter().enumerate() {
        let _ = writeln!(
            s,
            r##"<text x="20" y="{}" fill="#444">{}</text>"##,
            50 + 18 * k,
            escape(line)
        );
    }
    let v = &r.verdict;
    let verdicts = [
        ("Time per line", &v.time_per_line, "ns"),
        ("Peak heap per line", &v.peak_per_line, "B"),
    ];
    for (k, (name, g, unit)) in verdicts.into_iter().enumerate() {
        let (word, color) = if g.flagged {
            ("GROWS (flagged)", "#c00000")
        } else {
            ("steady", "#006400")
        };
        let _ = writeln!(
            s,
            r#"<text x="20" y="{}" font-weight="bold" fill="{color}">{name}: {word}, {}</text>"#,
            96 + 18 * k,
            escape(&g.describe(unit))
        );
    }
    let _ = writeln!(
        s,
        r##"<text x="20" y="136" fill="#444">Verdict: flagged when a cost per line grows more than {:.0}% from the smallest to the largest size (shaded band). R² of time against lines: {:.4}, information only.</text>"##,
        GROWTH_LIMIT * 100.0,
        r.fits.time_vs_lines.r_squared
    );
}

fn panel(s: &mut String, left: f64, top: f64, x: &Axis, xs: &[f64], p: &Panel<'_>) {
    let px = |v: f64| left + x.frac(v) * PANEL_W;
    let py = |v: f64| top + PANEL_H - p.y.frac(v) * PANEL_H;
    let (right, bottom) = (left + PANEL_W, top + PANEL_H);
    let title_color = if p.flagged { "#c00000" } else { "black" };
    let _ = writeln!(
        s,
        r#"<text x="{left}" y="{:.1}" font-size="14" font-weight="bold" fill="{title_color}">{}</text>"#,
        top - 12.0,
        escape(&p.title)
    );
    if let Some(base) = p.band {
        let (y0, y1) = (py(base), py(base * (1.0 + GROWTH_LIMIT)));
        let _ = writeln!(
            s,
            r##"<rect x="{left}" y="{y1:.1}" width="{PANEL_W}" height="{:.1}" fill="#fff3c4"/><line x1="{left}" y1="{y0:.1}" x2="{right}" y2="{y0:.1}" stroke="#b8860b" stroke-dasharray="4 3"/>"##,
            y0 - y1
        );
    }
    for &t in &p.y.ticks {
        let y = py(t);
        let _ = writeln!(
            s,
            r##"<line x1="{left}" y1="{y:.1}" x2="{right}" y2="{y:.1}" stroke="#e4e4e4"/><text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"##,
            left - 5.0,
            y + 4.0,
            label(t)
        );
    }
    for &t in &x.ticks {
        let xp = px(t);
        let _ = writeln!(
            s,
            r##"<line x1="{xp:.1}" y1="{top}" x2="{xp:.1}" y2="{bottom}" stroke="#e4e4e4"/><text x="{xp:.1}" y="{:.1}" text-anchor="middle">{}</text>"##,
            bottom + 16.0,
            label(t)
        );
    }
    let _ = writeln!(
        s,
        r#"<rect x="{left}" y="{top}" width="{PANEL_W}" height="{PANEL_H}" fill="none" stroke="black"/>"#
    );
    let _ = writeln!(
        s,
        r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">source lines (log scale)</text>"#,
        left + PANEL_W / 2.0,
        bottom + 34.0
    );
    let (ux, uy) = (left - 50.0, top + PANEL_H / 2.0);
    let _ = writeln!(
        s,
        r#"<text x="{ux:.1}" y="{uy:.1}" text-anchor="middle" transform="rotate(-90 {ux:.1} {uy:.1})">{}</text>"#,
        escape(p.unit)
    );
    for (n, series) in p.series.iter().enumerate() {
        let color = series.color;
        let path: Vec<String> = xs
            .iter()
            .zip(&series.points)
            .map(|(&xv, pt)| format!("{:.1},{:.1}", px(xv), py(pt.0)))
            .collect();
        let _ = writeln!(
            s,
            r#"<polyline fill="none" stroke="{color}" stroke-width="2" points="{}"/>"#,
            path.join(" ")
        );
        for (&xv, pt) in xs.iter().zip(&series.points) {
            if pt.2 > pt.1 {
                let _ = writeln!(
                    s,
                    r#"<line x1="{0:.1}" y1="{1:.1}" x2="{0:.1}" y2="{2:.1}" stroke="{color}"/>"#,
                    px(xv),
                    py(pt.1.max(p.y.lo)),
                    py(pt.2.min(p.y.hi))
                );
            }
            let _ = writeln!(
                s,
                r#"<circle cx="{:.1}" cy="{:.1}" r="3" fill="{color}"><title>{} lines: {} {}</title></circle>"#,
                px(xv),
                py(pt.0),
                xv,
                label(pt.0),
                escape(p.unit)
            );
        }
        let ly = top + 16.0 + 16.0 * n as f64;
        let _ = writeln!(
            s,
            r#"<rect x="{:.1}" y="{:.1}" width="12" height="3" fill="{color}"/><text x="{:.1}" y="{ly:.1}">{}</text>"#,
            left + 10.0,
            ly - 4.0,
            left + 26.0,
            escape(series.label)
        );
    }
}
