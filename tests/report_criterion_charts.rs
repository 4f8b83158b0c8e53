//! Which Criterion summary line charts the benches get (README, "Reading the results").
//!
//! Criterion 0.8 draws a line chart of time against the throughput count for any set of
//! benchmarks in a group that share a throughput kind with different counts. The README says
//! `pattern`, `complexity` and `errors/recover` draw none because their benchmarks all count the
//! same number of lines; this checks those counts on the very inputs the benches use.

use gene_bench::inputs::{self, Spec};

#[test]
fn pattern_and_complexity_inputs_all_count_the_same_lines() {
    let mut specs: Vec<Spec> = inputs::pattern_names()
        .into_iter()
        .map(Spec::Pattern)
        .collect();
    specs.push(Spec::Size(inputs::PATTERN_LINES));
    specs.extend((1..=5u8).map(Spec::Complexity));
    for spec in specs {
        let input = inputs::get(spec);
        assert_eq!(input.lines, inputs::PATTERN_LINES, "{}", input.name);
        assert_eq!(
            inputs::count_lines(&input.src),
            input.lines,
            "{}",
            input.name
        );
    }
}

#[test]
fn error_inputs_all_count_the_same_lines() {
    let lines: Vec<usize> = [0, 1, 10, 100]
        .into_iter()
        .map(|n| inputs::get(Spec::Errors(n)).lines)
        .collect();
    assert!(lines.iter().all(|&l| l == lines[0]), "{lines:?}");
}
