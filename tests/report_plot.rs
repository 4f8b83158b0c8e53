//! The report's verdict, plot axes, stamp and SVG, on synthetic reports (no timing involved).
//!
//! - The verdict flags a per-line cost that grows more than 10% from the smallest to the largest
//!   size, including the 1.7× growth a least-squares R² of 0.998 called linear, and does not flag
//!   a flat or falling one.
//! - The log size axis fits the data (padding at most 10% of its width on either side) and its
//!   ticks are round numbers inside the range; every size gets the same room per decade.
//! - The stamp (date, commit, compiler, CPU) is in the JSON, the Markdown and the SVG, and the SVG
//!   is well-formed XML with every point inside its canvas.

use gene_bench::measure::HeapStats;
use gene_bench::report::svg::{Axis, Scale, label};
use gene_bench::report::{self, InputReport, Machine, Report, Stamp, Verdict};
use gene_bench::stats::Summary;

/// The report's default sizes.
const SIZES: [u64; 7] = [1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000];

/// An input of `lines` lines that took `ns` nanoseconds (median; ±3% min–max) and peaked at
/// `peak` heap bytes.
fn input(lines: u64, ns: f64, peak: u64) -> InputReport {
    let bytes = lines * 26;
    let secs = [ns * 0.97e-9, ns * 1e-9, ns * 1.03e-9];
    let per_sec = |amount: f64| Summary::of(&secs.map(|s| amount / s));
    InputReport {
        name: format!("mix-{lines}"),
        lines,
        bytes,
        tokens: lines * 7,
        nodes: lines * 5,
        symbols: lines / 10,
        source_bytes_per_line: 26.0,
        wall_ns: Summary::of(&secs.map(|s| s * 1e9)),
        tokens_per_s: per_sec((lines * 7) as f64),
        lines_per_s: per_sec(lines as f64),
        mb_per_s: per_sec(bytes as f64 / 1e6),
        mb_per_s_cpu: per_sec(bytes as f64 / 1e6),
        heap: HeapStats {
            peak_bytes: peak,
            peak_blocks: 10,
            allocations: lines / 100,
            allocated_bytes: peak * 2,
            retained_bytes: peak / 2,
        },
        ast_bytes: peak / 2,
        peak_bytes_per_line: peak as f64 / lines as f64,
        document_bytes_per_line: (peak / 2) as f64 / lines as f64,
        symbol_table_bytes: 1000,
        tree_bytes_per_line: (peak / 2 - 1000) as f64 / lines as f64,
        peak_over_source: peak as f64 / bytes as f64,
        allocations_per_kib: 0.5,
    }
}

/// A whole report over `inputs`, stamped with fixed values.
fn report(inputs: Vec<InputReport>) -> Report {
    Report {
        schema: report::SCHEMA,
        machine: Machine {
            os: "linux".into(),
            arch: "x86_64".into(),
            cpu: "Test CPU <model> & co @ 3.0GHz".into(),
            cpus: 2,
            optimized: true,
        },
        stamp: Stamp {
            date: "2026-12-02T02:30:00Z".into(),
            commit: "abc1234".into(),
            rustc: "rustc 1.95.0 (test 2026-01-01)".into(),
        },
        runs: 3,
        seed: 42,
        fits: report::fit(&inputs),
        verdict: Verdict::of(&inputs),
        memory_per_line: report::MemoryPerLine::of(&inputs),
        inputs,
    }
}

/// Time per line grows smoothly (geometrically in the size) by `growth` from 1k to 100k lines.
fn growing(growth: f64) -> Vec<InputReport> {
    SIZES
        .iter()
        .map(|&n| {
            let factor = growth.powf((n as f64 / 1e3).ln() / 100f64.ln());
            input(n, 20.0 * n as f64 * factor, 60 * n + 65_536)
        })
        .collect()
}

#[test]
fn flat_per_line_cost_is_not_flagged() {
    // ±4% of noise around 20 ns per line, and a fixed 64 KiB of heap that makes the small sizes
    // cost more per line: nothing grows.
    let inputs: Vec<_> = SIZES
        .iter()
        .zip([1.0, 1.04, 0.96, 1.02, 0.98, 1.03, 1.01])
        .map(|(&n, noise)| input(n, 20.0 * n as f64 * noise, 60 * n + 65_536))
        .collect();
    let r = report(inputs);
    assert!(!r.verdict.time_per_line.flagged, "{:?}", r.verdict);
    assert!(!r.verdict.peak_per_line.flagged, "{:?}", r.verdict);
    assert!(!r.verdict.flagged());
    assert!((r.verdict.time_per_line.ratio - 1.01).abs() < 1e-9);
    assert!(r.verdict.peak_per_line.ratio < 1.0);
    assert!(report::markdown(&r).contains("**Verdict: steady**"));
}

#[test]
fn a_1_7x_growth_that_r2_calls_linear_is_flagged() {
    let r = report(growing(1.7));
    // The old verdict: R² of time against lines, which stays high.
    assert!(r.fits.time_vs_lines.r_squared > 0.998, "{:?}", r.fits);
    assert!(r.fits.time_linear);
    let g = r.verdict.time_per_line;
    assert!((g.ratio - 1.7).abs() < 1e-9, "{g:?}");
    assert_eq!((g.from_lines, g.to_lines), (1_000, 100_000));
    assert!(g.flagged && r.verdict.flagged());
    assert!(!r.verdict.peak_per_line.flagged);
    let md = report::markdown(&r);
    assert!(md.contains("**Verdict: FLAGGED**"), "{md}");
    assert!(md.contains("| 1.70× | GROWS (flagged) |"), "{md}");
    assert!(report::svg(&r).contains("GROWS (flagged)"));
}

#[test]
fn the_limit_is_ten_percent_and_applies_to_heap_too() {
    assert!(!report(growing(1.09)).verdict.time_per_line.flagged);
    assert!(report(growing(1.11)).verdict.time_per_line.flagged);
    // Peak heap per line growing 20% (a quadratic term in the peak).
    let inputs: Vec<_> = SIZES
        .iter()
        .map(|&n| {
            let peak = 60.0 * n as f64 * (1.0 + 0.2 * (n - 1_000) as f64 / 99_000.0);
            input(n, 20.0 * n as f64, peak as u64)
        })
        .collect();
    let v = report(inputs).verdict;
    assert!(v.peak_per_line.flagged && !v.time_per_line.flagged, "{v:?}");
    assert!((v.peak_per_line.ratio - 1.2).abs() < 1e-6);
}

#[test]
fn the_verdict_needs_two_sizes_and_ignores_input_order() {
    let one = report(vec![input(1_000, 5e4, 1 << 20)]);
    assert!(!one.verdict.flagged());
    assert_eq!(one.verdict.time_per_line.ratio, 1.0);
    let mut shuffled = growing(1.7);
    shuffled.reverse();
    shuffled.swap(2, 5);
    let g = Verdict::of(&shuffled).time_per_line;
    assert!(g.flagged && (g.ratio - 1.7).abs() < 1e-9, "{g:?}");
    assert!(!Verdict::of(&[]).flagged());
}

/// Checks that `axis` fits `min..=max` with little padding either side and round ticks inside.
#[test]
fn memory_per_line_gives_the_spread_and_the_fit_in_every_output() {
    // Peak = 60 KB a file + 65 B a line; the document is half of it (see `input`), and the
    // tree is the document less a 1,000-byte symbol table.
    let inputs: Vec<InputReport> = SIZES
        .iter()
        .map(|&n| input(n, n as f64 * 70.0, 60_000 + 65 * n))
        .collect();
    let r = report(inputs);
    let m = &r.memory_per_line;
    assert_eq!((m.peak.max_lines, m.peak.min_lines), (1_000, 100_000));
    assert!((m.peak.max - 125.0).abs() < 1e-9, "{:?}", m.peak);
    assert!((m.peak.min - 65.6).abs() < 1e-9, "{:?}", m.peak);
    assert!((m.peak.spread - 125.0 / 65.6).abs() < 1e-9);
    assert!((m.peak.fit.slope - 65.0).abs() < 1e-6, "{:?}", m.peak.fit);
    assert!(
        (m.peak.fit.intercept - 60_000.0).abs() < 1e-3,
        "{:?}",
        m.peak.fit
    );
    assert!((m.document.fit.slope - 32.5).abs() < 1e-6);
    assert!(
        (m.tree.fit.intercept - 29_000.0).abs() < 1e-3,
        "{:?}",
        m.tree.fit
    );
    assert_eq!(
        gene_bench::report::PerLine::of(&[], |i| i.peak_bytes_per_line),
        gene_bench::report::PerLine::default()
    );

    let md = report::markdown(&r);
    assert!(md.contains("## Memory per line"), "{md}");
    assert!(
        md.contains("| peak heap | 65.6 B (100000 lines) | 125.0 B (1000 lines) | 1.905× | 65.00 B | 60000 B |"),
        "{md}"
    );
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["memory_per_line"]["tree"]["min_lines"], 100_000);
    assert!(json["inputs"][0]["tree_bytes_per_line"].as_f64().unwrap() > 0.0);
    let svg = report::svg(&r);
    assert!(svg.contains("tree (no symbol table)") && svg.contains("tree max/min"));
}

fn assert_fits(axis: &Axis, min: f64, max: f64) {
    assert_eq!(axis.scale, Scale::Log);
    assert!(
        axis.lo <= min && axis.hi >= max,
        "{axis:?} for {min}..{max}"
    );
    // Padding: 5% of the width, or a twentieth of a decade when the data spans less than one.
    let pad_ok = |p: f64, decades: f64| p <= 0.1 || decades <= 0.051 || min == max;
    assert!(axis.frac(min) > 0.0 && axis.frac(max) < 1.0, "{axis:?}");
    assert!(pad_ok(axis.frac(min), (min / axis.lo).log10()), "{axis:?}");
    assert!(
        pad_ok(1.0 - axis.frac(max), (axis.hi / max).log10()),
        "{axis:?}"
    );
    assert!(axis.ticks.len() >= 2, "{axis:?}");
    assert!(axis.ticks.windows(2).all(|w| w[0] < w[1]));
    for &t in &axis.ticks {
        assert!(t >= axis.lo && t <= axis.hi, "tick {t} outside {axis:?}");
        let mantissa = t / 10f64.powf(t.log10().floor());
        let nearest = mantissa.round();
        assert!(
            (mantissa - nearest).abs() < 1e-9 && label(t).len() <= 4,
            "tick {t} ({}) is not a round number",
            label(t)
        );
    }
}

#[test]
fn the_log_axis_fits_the_data_with_round_ticks() {
    // The report's default sizes: ticks at 1k, 2k, 5k, 10k, 20k, 50k, 100k.
    let lines = Axis::log_fit(1e3, 1e5);
    assert_fits(&lines, 1e3, 1e5);
    assert_eq!(lines.ticks, vec![1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5]);
    assert_eq!(
        lines.ticks.iter().map(|&t| label(t)).collect::<Vec<_>>(),
        ["1k", "2k", "5k", "10k", "20k", "50k", "100k"]
    );
    // Each decade gets the same width: 1k to 10k as much as 10k to 100k.
    let (a, b, c) = (lines.frac(1e3), lines.frac(1e4), lines.frac(1e5));
    assert!(((b - a) - (c - b)).abs() < 1e-12);
    // The data of the issue: bytes from 26 kB to 2.6 MB no longer run to 5 MB.
    let bytes = Axis::log_fit(26_000.0, 2.6e6);
    assert_fits(&bytes, 26_000.0, 2.6e6);
    assert!(bytes.hi < 3.3e6, "{bytes:?}");
    // Wide and narrow ranges, and one point.
    for (min, max) in [
        (1.0, 1e7),
        (1e3, 1e6),
        (3_000.0, 4_000.0),
        (50.0, 60.0),
        (7.0, 7.0),
    ] {
        let axis = Axis::log_fit(min, max);
        assert_fits(&axis, min, max);
    }
    assert_eq!(Axis::log_fit(1.0, 1e7).ticks.len(), 8, "powers of ten only");
}

#[test]
fn the_linear_axis_starts_at_zero_and_ends_round() {
    let a = Axis::linear_from_zero(33.0);
    assert_eq!((a.lo, a.hi), (0.0, 50.0));
    assert_eq!(a.ticks, vec![0.0, 12.5, 25.0, 37.5, 50.0]);
    assert_eq!(Axis::linear_from_zero(19.0).hi, 20.0);
    assert_eq!(label(12.5), "12.5");
    assert_eq!(label(2.5e6), "2.5M");
    assert_eq!(label(0.0), "0");
}

#[test]
fn the_stamp_is_in_the_json_the_markdown_and_the_svg() {
    let r = report(growing(1.0));
    let json: serde_json::Value =
        serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
    assert_eq!(json["stamp"]["date"], "2026-12-02T02:30:00Z");
    assert_eq!(json["stamp"]["commit"], "abc1234");
    assert_eq!(json["stamp"]["rustc"], "rustc 1.95.0 (test 2026-01-01)");
    assert_eq!(json["machine"]["cpus"], 2);
    assert_eq!(json["verdict"]["time_per_line"]["flagged"], false);
    let md = report::markdown(&r);
    let svg = report::svg(&r);
    for text in [&md, &svg] {
        for needle in [
            "2026-12-02T02:30:00Z",
            "abc1234",
            "rustc 1.95.0",
            "linux x86_64",
        ] {
            assert!(text.contains(needle), "{needle} missing from\n{text}");
        }
    }
    assert!(md.contains("Test CPU <model> & co"));
    // Escaped in the SVG.
    assert!(svg.contains("Test CPU &lt;model&gt; &amp; co"));
    // A report written before the stamp existed still reads.
    let mut old = json.clone();
    let obj = old.as_object_mut().unwrap();
    obj.remove("stamp");
    obj.remove("verdict");
    let back: Report = serde_json::from_value(old).unwrap();
    assert_eq!(back.stamp, Stamp::default());
}

#[test]
fn the_svg_is_well_formed_and_every_point_is_on_the_canvas() {
    use quick_xml::Reader;
    use quick_xml::events::Event;
    for r in [report(growing(1.7)), report(vec![input(10, 800.0, 4_096)])] {
        let svg = report::svg(&r);
        let mut reader = Reader::from_str(&svg);
        let (mut depth, mut circles, mut texts) = (0i32, 0, 0);
        loop {
            match reader.read_event() {
                Ok(Event::Start(e)) => {
                    depth += 1;
                    if e.name().as_ref() == b"circle" {
                        circles += 1;
                        for a in e.attributes() {
                            let a = a.unwrap();
                            let v = || -> f64 {
                                std::str::from_utf8(&a.value).unwrap().parse().unwrap()
                            };
                            match a.key.as_ref() {
                                b"cx" => assert!((0.0..=960.0).contains(&v()), "cx {}", v()),
                                b"cy" => assert!((0.0..=790.0).contains(&v()), "cy {}", v()),
                                _ => {}
                            }
                        }
                    }
                    if e.name().as_ref() == b"text" {
                        texts += 1;
                    }
                }
                Ok(Event::End(_)) => depth -= 1,
                Ok(Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("malformed SVG at {}: {e}\n{svg}", reader.buffer_position()),
            }
            assert!(depth >= 0);
        }
        assert_eq!(depth, 0, "unclosed elements");
        // Four panels: one point per input per series, seven series in all (heap per line
        // draws the peak, the document and the tree).
        assert_eq!(circles, 7 * r.inputs.len());
        assert!(texts > 20);
        for bad in ["NaN", "\"inf", "\"-inf", "inf,", "inf "] {
            assert!(!svg.contains(bad), "{bad} in\n{svg}");
        }
    }
}

#[test]
fn gene_report_stamps_its_files_and_honours_the_commit_variable() {
    let bin = env!("CARGO_BIN_EXE_gene-report");
    for commit in [Some("feedbee"), None] {
        let dir = tempfile::tempdir().unwrap();
        let mut cmd = std::process::Command::new(bin);
        // Run outside any checkout: without the variable the commit is "unknown".
        cmd.current_dir(dir.path())
            .args(["--sizes=40,80", "--runs=1", "--out", "."])
            .env("GIT_CEILING_DIRECTORIES", dir.path().parent().unwrap());
        match commit {
            Some(c) => cmd.env(report::stamp::COMMIT_ENV, c),
            None => cmd.env_remove(report::stamp::COMMIT_ENV),
        };
        let o = cmd.output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{o:?}");
        let read = |f: &str| std::fs::read_to_string(dir.path().join(f)).unwrap();
        let json: serde_json::Value = serde_json::from_str(&read("report.json")).unwrap();
        let stamp = &json["stamp"];
        let want = commit.unwrap_or("unknown");
        assert_eq!(stamp["commit"], want);
        let date = stamp["date"].as_str().unwrap();
        assert!(
            date.len() == 20 && date.starts_with("20") && date.ends_with('Z'),
            "{date}"
        );
        let rustc = stamp["rustc"].as_str().unwrap();
        assert!(rustc.starts_with("rustc 1."), "{rustc}");
        let cpu = json["machine"]["cpu"].as_str().unwrap();
        assert!(!cpu.is_empty());
        assert!(json["verdict"]["time_per_line"]["ratio"].as_f64().unwrap() > 0.0);
        for file in ["report.md", "report.svg"] {
            let text = read(file);
            for needle in [date, want, rustc] {
                assert!(text.contains(needle), "{needle} missing from {file}");
            }
        }
    }
}
