//! The generator against the parser: valid output parses, injected errors are found exactly
//! where they are reported.

use gene_gen::{Config, InjectKind, Mix, Pattern, Preset, generate, generate_with_errors};

fn assert_parses(cfg: &Config) {
    let src = generate(cfg);
    if let Err(e) = gene_parser::parse(src.as_bytes()) {
        let line = src.lines().nth(e.line() as usize - 1).unwrap_or("");
        panic!(
            "{cfg:?}: {:?} at {}:{}\n{line}",
            e.kind(),
            e.line(),
            e.column()
        );
    }
}

#[test]
fn fifty_seeds_parse() {
    for seed in 0..50 {
        assert_parses(&Config::new(seed, 2_000));
    }
}

#[test]
fn every_pattern_alone_parses() {
    for p in Pattern::ALL {
        for seed in 0..3 {
            assert_parses(&Config::new(seed, 1_500).with_mix(Mix::only(p)));
        }
    }
}

#[test]
fn every_complexity_parses() {
    for c in 1..=5 {
        assert_parses(&Config::new(11, 3_000).with_complexity(c));
    }
}

#[test]
fn all_presets_parse() {
    for p in Preset::ALL {
        assert_parses(&Config::preset(p));
    }
}

fn check_first_error(cfg: &Config) -> usize {
    let g = generate_with_errors(cfg);
    assert_eq!(g.source.lines().count(), cfg.target_lines);
    let first = g
        .errors
        .first()
        .unwrap_or_else(|| panic!("no error injected for {cfg:?}"));
    let e = gene_parser::parse(g.source.as_bytes())
        .err()
        .unwrap_or_else(|| panic!("{cfg:?} parsed"));
    let line = g.source.lines().nth(first.line as usize - 1).unwrap_or("");
    assert_eq!(
        (format!("{:?}", e.kind()), e.line(), e.column(), e.offset()),
        (
            first.kind_name().to_string(),
            first.line,
            first.column,
            first.offset
        ),
        "{cfg:?}\n{line}"
    );
    g.errors.len()
}

#[test]
fn each_kind_alone_fails_at_its_place() {
    for kind in InjectKind::ALL {
        for seed in 0..4 {
            let mut cfg = Config::new(seed, 800).with_errors(1);
            cfg.error_kinds = vec![kind];
            assert_eq!(check_first_error(&cfg), 1, "{kind:?}");
        }
    }
}

#[test]
fn many_errors_fail_at_the_first_reported_place() {
    for seed in 0..10 {
        let cfg = Config::new(seed, 3_000).with_errors(20);
        assert_eq!(check_first_error(&cfg), 20);
    }
}

/// Every inline error is confined to its line: cutting the file just before each error line's
/// successor and parsing it alone reports that error, in file order.
#[test]
fn every_error_is_reported_at_its_place() {
    let cfg = Config::new(5, 4_000).with_errors(16);
    let g = generate_with_errors(&cfg);
    let lines: Vec<&str> = g.source.split_inclusive('\n').collect();
    for err in &g.errors {
        let line = lines[err.line as usize - 1];
        let e = gene_parser::parse(line.as_bytes())
            .err()
            .unwrap_or_else(|| panic!("{line} parsed"));
        assert_eq!(format!("{:?}", e.kind()), err.kind_name(), "{line}");
        assert_eq!(e.column(), err.column, "{line}");
    }
    // The injected file differs from the clean one only on the error lines (and the appended
    // last line for end-of-input kinds).
    let clean = generate(&Config::new(5, 4_000));
    let n = clean
        .lines()
        .zip(g.source.lines())
        .filter(|(a, b)| a != b)
        .count();
    assert!(n <= g.errors.len() + 1, "{n} lines differ");
}
