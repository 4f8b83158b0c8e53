//! Whole-distribution realism: every histogram, share and top-name list of
//! `corpus_profile.json` (`real_corpus`) that one generated file can be compared with, the
//! distance of a [`Profile`] to each, and the tolerance the default mix must meet.
//!
//! Distances: histograms and categorical shares by total variation distance (half the sum of
//! absolute differences of the normalized buckets, 0 = identical, 1 = disjoint); single shares
//! by absolute difference; means by relative difference; top-name lists by the share of the
//! real top-k names missing from the generated top-k. Per-file distributions (lines, tokens,
//! forms, maximum depth and comment share per file) are left out: the generator writes one
//! long file, not a corpus of 338 short ones. The tolerances are justified in the README.

use std::collections::BTreeMap;

use crate::profile::Profile;
use crate::shape::Shape;

mod real;

pub use real::{REAL_HISTOGRAMS, REAL_SCALARS, REAL_TOP_LISTS};

/// How a distance is measured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Distance {
    /// Total variation distance between normalized histograms.
    Tvd,
    /// Absolute difference of two shares.
    Absolute,
    /// Relative difference `|ours - real| / real`.
    Relative,
    /// Share of the real top-k names that are not in the generated top-k (k given).
    TopMissing(usize),
}

/// One distribution compared with the real corpus.
#[derive(Clone, Debug, PartialEq)]
pub struct DistCheck {
    /// JSON path in `corpus_profile.json`.
    pub metric: &'static str,
    /// How the distance is measured.
    pub distance_kind: Distance,
    /// The real value, summarized for tables.
    pub real: String,
    /// The measured value, summarized the same way.
    pub ours: String,
    /// The distance between the two.
    pub distance: f64,
    /// The largest distance accepted.
    pub tolerance: f64,
    /// True when `distance <= tolerance`.
    pub ok: bool,
}

/// The tolerance of every compared distribution, by JSON path (justified in the README).
pub const TOLERANCES: &[(&str, f64)] = &[
    ("lines.closers_per_closer_only_line_hist", 0.10),
    ("lines.trailing_closer_run_on_other_code_lines_hist", 0.15),
    ("lines.line_comment_marker_share", 0.10),
    ("tokens.share_by_kind_rollup", 0.10),
    ("nesting.token_depth_hist", 0.10),
    ("forms.lines_per_top_level_form_hist", 0.10),
    ("forms.blank_lines_between_top_level_forms_hist", 0.10),
    ("forms.gene_call_shape_share", 0.07),
    ("forms.gene_head_kind_share", 0.05),
    ("forms.gene_positional_args_hist", 0.12),
    ("forms.prop_key_location_share", 0.15),
    ("forms.arith_compare_operator_position", 0.10),
    ("identifiers.symbol_class_share_of_plain_symbols", 0.05),
    ("identifiers.identifier_length_hist", 0.15),
    ("identifiers.style_share_by_occurrence", 0.10),
    ("identifiers.style_share_by_unique_name", 0.15),
    ("identifiers.complex_symbol_segments_hist", 0.10),
    ("strings.plain_length_hist", 0.10),
    ("literals.int_abs_magnitude_hist", 0.10),
    ("literals.float_abs_magnitude_hist", 0.20),
    ("indentation.indent_width_hist", 0.15),
    ("lines.trailing_comment_fraction_of_code_lines", 0.01),
    ("lines.comment_only_lines_indented_share", 0.05),
    ("lines.line_comment_length_chars.mean", 0.25),
    (
        "forms.top_level_forms_directly_preceded_by_comment_line_share",
        0.05,
    ),
    ("forms.genes_with_properties_share", 0.4),
    ("forms.props_per_gene_when_present.mean", 0.25),
    ("forms.multiline_gene_closer_on_own_line_share", 0.10),
    ("forms.lines_per_gene.mean", 0.25),
    ("forms.gene_positional_args_after_head.mean", 0.15),
    ("forms.genes_per_code_line", 0.18),
    ("forms.tokens_per_top_level_form.mean", 0.25),
    ("forms.array_elements.mean", 0.25),
    ("forms.empty_array_share", 0.08),
    ("forms.multiline_array_share", 0.05),
    ("forms.map_entries.mean", 0.25),
    ("forms.empty_map_share", 0.08),
    ("forms.multiline_map_share", 0.12),
    ("identifiers.complex_symbol_length.mean", 0.30),
    (
        "identifiers.complex_symbol_feature_share.has_/.method_segment",
        0.10,
    ),
    (
        "identifiers.complex_symbol_feature_share.starts_$name/ (e.g. $ns)",
        0.08,
    ),
    (
        "identifiers.complex_symbol_feature_share.starts_Capitalized (namespace/class)",
        0.08,
    ),
    (
        "identifiers.complex_symbol_feature_share.starts_with_slash",
        0.10,
    ),
    (
        "identifiers.complex_symbol_feature_share.has_numeric_index_segment",
        0.05,
    ),
    ("strings.plain_with_escape_share", 0.03),
    ("strings.empty_string_share", 0.05),
    ("strings.interpolated_length.mean", 0.25),
    ("strings.interpolated_parts.mean", 0.25),
    ("literals.int_negative_share", 0.03),
    ("literals.float_decimal_digits.mean", 0.25),
    ("indentation.indent_equals_2x_depth_share", 0.08),
    ("indentation.odd_indent_share", 0.03),
    ("forms.top_level_heads_top30", 0.5),
    ("forms.prefix_call_heads_top60", 0.4),
    ("forms.infix_operators_top30", 0.3),
    ("forms.method_call_names_top40", 0.4),
    ("forms.property_key_names_top30", 0.5),
    ("forms.line_leading_bare_symbols_top15", 0.7),
    ("identifiers.operator_symbols_top25", 0.3),
    ("literals.int_top15_values", 0.3),
];

/// How many names of a top list are compared.
const TOP_K: usize = 10;

/// The tolerance of `metric` (`f64::INFINITY` when not listed, so nothing fails unlisted).
pub fn tolerance(metric: &str) -> f64 {
    TOLERANCES
        .iter()
        .find(|(m, _)| *m == metric)
        .map_or(f64::INFINITY, |&(_, t)| t)
}

/// Compares `p` with every real distribution.
pub fn compare(p: &Profile) -> Vec<DistCheck> {
    let mut out = Vec::new();
    for &(metric, real) in REAL_HISTOGRAMS {
        let ours = histogram(p, metric);
        let r: Vec<f64> = real.iter().map(|&(_, v)| v).collect();
        let (rn, on) = (normalize(&r), normalize(&ours));
        let distance = 0.5 * rn.iter().zip(&on).map(|(a, b)| (a - b).abs()).sum::<f64>();
        out.push(check(
            metric,
            Distance::Tvd,
            summary(&rn),
            summary(&on),
            distance,
        ));
    }
    for &(metric, real) in REAL_SCALARS {
        let ours = scalar(p, metric);
        let (kind, distance) = if metric.ends_with(".mean")
            || metric == "forms.genes_per_code_line"
            || metric == "forms.genes_with_properties_share"
        {
            (Distance::Relative, (ours - real).abs() / real)
        } else {
            (Distance::Absolute, (ours - real).abs())
        };
        out.push(check(
            metric,
            kind,
            format!("{real:.4}"),
            format!("{ours:.4}"),
            distance,
        ));
    }
    for &(metric, real) in REAL_TOP_LISTS {
        let ours = top(names(&p.shape, metric), TOP_K);
        let k = TOP_K.min(real.len());
        let missing = real[..k].iter().filter(|n| !ours.contains(n)).count();
        out.push(check(
            metric,
            Distance::TopMissing(k),
            real[..k].join(" "),
            ours.join(" "),
            missing as f64 / k as f64,
        ));
    }
    out
}

fn check(
    metric: &'static str,
    distance_kind: Distance,
    real: String,
    ours: String,
    distance: f64,
) -> DistCheck {
    let tolerance = tolerance(metric);
    DistCheck {
        metric,
        distance_kind,
        real,
        ours,
        distance,
        tolerance,
        ok: distance <= tolerance,
    }
}

fn normalize(v: &[f64]) -> Vec<f64> {
    let sum: f64 = v.iter().sum();
    v.iter()
        .map(|x| if sum > 0.0 { x / sum } else { 0.0 })
        .collect()
}

fn summary(v: &[f64]) -> String {
    v.iter()
        .map(|x| format!("{:.0}", x * 100.0))
        .collect::<Vec<_>>()
        .join("/")
}

/// The `k` most frequent names, ties broken by name.
fn top(map: &BTreeMap<String, usize>, k: usize) -> Vec<&str> {
    let mut v: Vec<(&str, usize)> = map.iter().map(|(n, &c)| (n.as_str(), c)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    v.into_iter().take(k).map(|(n, _)| n).collect()
}

fn names<'s>(s: &'s Shape, metric: &str) -> &'s BTreeMap<String, usize> {
    match metric {
        "forms.top_level_heads_top30" => &s.top_level_heads,
        "forms.prefix_call_heads_top60" => &s.prefix_heads,
        "forms.infix_operators_top30" => &s.infix_operators,
        "forms.method_call_names_top40" => &s.method_names,
        "forms.property_key_names_top30" => &s.prop_names,
        "forms.line_leading_bare_symbols_top15" => &s.line_leading_bare_symbols,
        "identifiers.operator_symbols_top25" => &s.operator_symbols,
        _ => &s.int_values,
    }
}

/// Sums `hist` over inclusive ranges (`usize::MAX` as the open end).
fn ranges(hist: &[usize], bounds: &[(usize, usize)]) -> Vec<f64> {
    bounds
        .iter()
        .map(|&(lo, hi)| {
            hist.iter()
                .enumerate()
                .filter(|&(v, _)| v >= lo && v <= hi)
                .fold(0.0, |acc, (_, &n)| acc + n as f64)
        })
        .collect()
}

/// Each value up to `last - 1` alone, then `last` and above together.
fn singles(hist: &[usize], first: usize, last: usize) -> Vec<f64> {
    let mut b: Vec<(usize, usize)> = (first..last).map(|v| (v, v)).collect();
    b.push((last, usize::MAX));
    ranges(hist, &b)
}

fn floats(v: &[usize]) -> Vec<f64> {
    v.iter().map(|&n| n as f64).collect()
}

const MAX: usize = usize::MAX;

fn histogram(p: &Profile, metric: &str) -> Vec<f64> {
    let s = &p.shape;
    match metric {
        "lines.closers_per_closer_only_line_hist" => singles(&s.closers_per_closer_only_line, 1, 4),
        "lines.trailing_closer_run_on_other_code_lines_hist" => {
            singles(&s.trailing_closer_run, 0, 5)
        }
        "lines.line_comment_marker_share" => floats(&s.comment_markers),
        "tokens.share_by_kind_rollup" => floats(&s.token_kinds),
        "nesting.token_depth_hist" => {
            let h: Vec<usize> = p
                .token_depth_share
                .iter()
                .map(|x| (x * 1e9) as usize)
                .collect();
            singles(&h, 0, 8)
        }
        "forms.lines_per_top_level_form_hist" => ranges(
            &s.lines_per_form,
            &[(1, 1), (2, 3), (4, 10), (11, 30), (31, 100), (101, MAX)],
        ),
        "forms.blank_lines_between_top_level_forms_hist" => {
            singles(&s.blank_lines_between_forms, 0, 3)
        }
        "forms.gene_call_shape_share" => floats(&s.call_shapes),
        "forms.gene_head_kind_share" => floats(&s.head_kinds),
        "forms.gene_positional_args_hist" => singles(&s.positional_args, 0, 8),
        "forms.prop_key_location_share" => floats(&s.prop_locations),
        "forms.arith_compare_operator_position" => floats(&s.arith_position),
        "identifiers.symbol_class_share_of_plain_symbols" => floats(&s.symbol_classes),
        "identifiers.identifier_length_hist" => ranges(
            &s.identifier_length,
            &[
                (1, 1),
                (2, 3),
                (4, 6),
                (7, 10),
                (11, 15),
                (16, 20),
                (21, MAX),
            ],
        ),
        "identifiers.style_share_by_occurrence" => floats(&s.styles),
        "identifiers.style_share_by_unique_name" => floats(&s.unique_styles),
        "identifiers.complex_symbol_segments_hist" => singles(&s.complex_segments, 2, 5),
        "strings.plain_length_hist" => ranges(
            &s.plain_length,
            &[
                (0, 0),
                (1, 5),
                (6, 10),
                (11, 20),
                (21, 40),
                (41, 80),
                (81, 200),
                (201, MAX),
            ],
        ),
        "literals.int_abs_magnitude_hist" => floats(&s.int_magnitude),
        "literals.float_abs_magnitude_hist" => floats(&s.float_magnitude),
        "indentation.indent_width_hist" => singles(&s.indent_width, 0, 12),
        _ => Vec::new(),
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

fn scalar(p: &Profile, metric: &str) -> f64 {
    let s = &p.shape;
    let code_lines = (p.code_fraction * p.total_lines as f64).round() as usize;
    let comments: usize = s.comment_markers.iter().sum();
    let comment_lines = (p.comment_only_fraction * p.total_lines as f64).round() as usize;
    let complex: usize = s.complex_segments.iter().sum();
    let plain: usize = s.plain_length.iter().sum();
    let indented: usize = s.indent_width.iter().sum();
    let odd: usize = s.indent_width.iter().skip(1).step_by(2).sum();
    match metric {
        "lines.trailing_comment_fraction_of_code_lines" => {
            ratio(s.trailing_comment_lines, code_lines)
        }
        "lines.comment_only_lines_indented_share" => ratio(s.indented_comment_lines, comment_lines),
        "lines.line_comment_length_chars.mean" => ratio(s.comment_chars, comments),
        "forms.top_level_forms_directly_preceded_by_comment_line_share" => {
            ratio(s.forms_after_comment, p.top_level_forms)
        }
        "forms.genes_with_properties_share" => ratio(s.genes_with_props, p.genes_total),
        "forms.props_per_gene_when_present.mean" => ratio(s.props_in_genes, s.genes_with_props),
        "forms.multiline_gene_closer_on_own_line_share" => ratio(
            s.multiline_closer_own_line,
            (p.multiline_gene_share * p.genes_total as f64).round() as usize,
        ),
        "forms.lines_per_gene.mean" => ratio(s.gene_lines, p.genes_total),
        "forms.gene_positional_args_after_head.mean" => ratio(
            s.positional_args
                .iter()
                .enumerate()
                .map(|(v, n)| v * n)
                .sum(),
            p.genes_total,
        ),
        "forms.genes_per_code_line" => ratio(p.genes_total, code_lines),
        "forms.tokens_per_top_level_form.mean" => ratio(p.code_tokens, p.top_level_forms),
        "forms.array_elements.mean" => ratio(s.arrays[1], s.arrays[0]),
        "forms.empty_array_share" => ratio(s.arrays[2], s.arrays[0]),
        "forms.multiline_array_share" => ratio(s.arrays[3], s.arrays[0]),
        "forms.map_entries.mean" => ratio(s.maps[1], s.maps[0]),
        "forms.empty_map_share" => ratio(s.maps[2], s.maps[0]),
        "forms.multiline_map_share" => ratio(s.maps[3], s.maps[0]),
        "identifiers.complex_symbol_length.mean" => ratio(s.complex_chars, complex),
        "identifiers.complex_symbol_feature_share.has_/.method_segment" => {
            ratio(s.complex_features[0], complex)
        }
        "identifiers.complex_symbol_feature_share.starts_$name/ (e.g. $ns)" => {
            ratio(s.complex_features[1], complex)
        }
        "identifiers.complex_symbol_feature_share.starts_Capitalized (namespace/class)" => {
            ratio(s.complex_features[2], complex)
        }
        "identifiers.complex_symbol_feature_share.starts_with_slash" => {
            ratio(s.complex_features[3], complex)
        }
        "identifiers.complex_symbol_feature_share.has_numeric_index_segment" => {
            ratio(s.complex_features[4], complex)
        }
        "strings.plain_with_escape_share" => ratio(s.plain_with_escape, plain),
        "strings.empty_string_share" => ratio(
            s.plain_length.first().copied().unwrap_or(0),
            plain + s.interpolated[0],
        ),
        "strings.interpolated_length.mean" => ratio(s.interpolated[1], s.interpolated[0]),
        "strings.interpolated_parts.mean" => ratio(s.interpolated[2], s.interpolated[0]),
        "literals.int_negative_share" => ratio(s.int_negative, s.int_magnitude.iter().sum()),
        "literals.float_decimal_digits.mean" => {
            ratio(s.float_decimals, s.float_magnitude.iter().sum())
        }
        "indentation.indent_equals_2x_depth_share" => ratio(s.indent_is_2x_depth, indented),
        "indentation.odd_indent_share" => ratio(odd, indented),
        _ => f64::NAN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::profile;

    #[test]
    fn every_distribution_has_a_tolerance_and_a_measure() {
        let p = profile(b"(f ^a 1 [x] {^b 2} \"s\" #\"t #{y}\" 1.5 a/b)\n# c\n");
        let checks = compare(&p);
        assert_eq!(checks.len(), TOLERANCES.len());
        for c in &checks {
            assert!(c.tolerance.is_finite(), "{}", c.metric);
            assert!(c.distance.is_finite(), "{}: {}", c.metric, c.distance);
            if c.distance_kind == Distance::Tvd {
                assert!((0.0..=1.0 + 1e-9).contains(&c.distance), "{}", c.metric);
            }
        }
    }

    #[test]
    fn odd_inputs_compare_without_panicking() {
        for src in [
            &b""[..],
            b")))",
            b"^^^",
            b"(((",
            b"\"unterminated",
            b"#\"#{",
        ] {
            let checks = compare(&profile(src));
            assert!(
                checks
                    .iter()
                    .all(|c| c.distance.is_finite() || c.distance.is_nan())
            );
        }
    }

    #[test]
    fn generated_buckets_line_up_with_the_real_ones() {
        let p = profile(b"(f 1)\n");
        for &(metric, real) in REAL_HISTOGRAMS {
            assert_eq!(histogram(&p, metric).len(), real.len(), "{metric}");
        }
        for &(metric, _) in REAL_SCALARS {
            assert!(!scalar(&p, metric).is_nan(), "{metric} is not computed");
        }
    }

    #[test]
    fn total_variation_counts_misplaced_mass() {
        // One closer-only line with 1 closer and one with 2: half the mass in bucket 2.
        let p = profile(b"(a\n(b\n)\n))\n");
        let c = compare(&p);
        let d = c
            .iter()
            .find(|c| c.metric == "lines.closers_per_closer_only_line_hist")
            .unwrap();
        // Real: 2139/148/22/1 of 2310; ours 1/1/0/0 of 2.
        let real = [2139.0_f64, 148.0, 22.0, 1.0].map(|x| x / 2310.0);
        let want = 0.5 * ((real[0] - 0.5).abs() + (real[1] - 0.5).abs() + real[2] + real[3]);
        assert!(
            (d.distance - want).abs() < 1e-12,
            "{} vs {want}",
            d.distance
        );
    }
}
