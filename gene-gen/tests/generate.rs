//! Determinism, exact size, presets, patterns, complexity and golden checksums.

use gene_gen::{
    Config, Mix, Pattern, Preset, generate, generate_with_errors, profile, try_generate,
    try_generate_with_progress,
};
use sha2::{Digest as _, Sha256};

fn sha(s: &str) -> String {
    Sha256::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn same_config_same_bytes() {
    for seed in [0, 1, 42, u64::MAX] {
        let cfg = Config::new(seed, 2_000);
        assert_eq!(generate(&cfg), generate(&cfg));
    }
    assert_ne!(
        generate(&Config::new(1, 500)),
        generate(&Config::new(2, 500))
    );
}

#[test]
fn exact_line_count_for_small_and_odd_sizes() {
    for lines in (0..=300).chain([997, 1_001, 4_099]) {
        for seed in [3, 17] {
            let src = generate(&Config::new(seed, lines));
            assert_eq!(
                src.bytes().filter(|&b| b == b'\n').count(),
                lines,
                "seed {seed}, {lines} lines"
            );
            assert!(lines == 0 || src.ends_with('\n'));
            assert!(!src.contains('\r') && !src.contains('\t'));
        }
    }
}

#[test]
fn one_line() {
    let src = generate(&Config::new(5, 1));
    assert_eq!(src.lines().count(), 1);
    assert!(src.ends_with('\n'));
}

#[test]
fn presets_have_their_sizes() {
    let sizes: Vec<usize> = Preset::ALL.iter().map(|p| p.lines()).collect();
    assert_eq!(sizes, [1_000, 10_000, 50_000, 100_000]);
    for p in Preset::ALL {
        let cfg = Config::preset(p);
        assert_eq!(cfg, Config::new(Config::DEFAULT_SEED, p.lines()));
        assert_eq!(Preset::from_name(p.name()), Some(p));
        assert_eq!(generate(&cfg).lines().count(), p.lines());
    }
}

#[test]
fn every_pattern_alone() {
    for p in Pattern::ALL {
        let src = generate(&Config::new(9, 400).with_mix(Mix::only(p)));
        assert_eq!(src.lines().count(), 400, "{p}");
        assert_eq!(Pattern::from_name(p.name()), Some(p));
    }
}

#[test]
fn complexity_grows_depth_and_form_length() {
    let mut prev = (0.0, 0.0);
    for c in 1..=5 {
        let src = generate(&Config::new(4, 10_000).with_complexity(c));
        let p = profile(src.as_bytes());
        let now = (p.mean_token_depth, p.lines_per_top_level_form_mean);
        assert!(
            now.0 > prev.0 && now.1 > prev.1,
            "complexity {c}: {now:?} after {prev:?}"
        );
        prev = now;
    }
}

#[test]
fn mix_spec_round_trips() {
    let m = Mix::parse("functions=3,classes=1").unwrap();
    assert_eq!(m.weight(Pattern::Functions), 3);
    assert_eq!(m.weight(Pattern::Variables), 0);
    assert_eq!(Mix::parse(&m.to_string()).unwrap(), m);
    assert_eq!(
        Mix::parse(&Mix::default().to_string()).unwrap(),
        Mix::default()
    );
    assert!(Mix::parse("bogus=1").is_err());
    assert!(Mix::parse("functions=0").is_err());
}

/// Every setting out of range: `try_generate` says which, `generate` makes the clamped config
/// (and never panics), and a valid config is its own clamp.
#[test]
fn out_of_range_configs_are_errors_or_clamped() {
    let mut heavy = Mix::default();
    heavy.set(Pattern::Classes, u32::MAX);
    let small_bad = [
        (Config::new(1, 30).with_complexity(0), "complexity 0"),
        (Config::new(1, 30).with_complexity(6), "complexity 6"),
        (
            Config::new(1, 30).with_complexity(u8::MAX),
            "complexity 255",
        ),
        (
            Config::new(1, 30).with_mix(Mix::none()),
            "no non-zero weight",
        ),
        (Config::new(1, 30).with_mix(heavy), "above 1000000"),
    ];
    for (cfg, message) in &small_bad {
        let err = try_generate(cfg).unwrap_err().to_string();
        assert!(err.contains(message), "{cfg:?}: {err}");
        let clamped = cfg.clamped();
        assert_eq!(clamped.validate(), Ok(()), "{cfg:?}");
        assert_eq!(generate(cfg), generate(&clamped), "{cfg:?}");
        assert_eq!(generate(cfg).lines().count(), 30);
    }
    for lines in [Config::MAX_LINES + 1, 1_000_000_000_000, usize::MAX] {
        let cfg = Config::new(1, lines);
        let err = try_generate(&cfg).unwrap_err().to_string();
        assert!(err.contains("above the limit of 10000000"), "{err}");
        assert_eq!(cfg.clamped().target_lines, Config::MAX_LINES);
    }
    for cfg in [
        Config::new(3, 0),
        Config::new(3, Config::MAX_LINES).with_complexity(5),
        Config::new(u64::MAX, 7).with_errors(usize::MAX),
        Config::new(0, 1).with_mix(Mix::only(Pattern::Strings)),
    ] {
        assert_eq!(cfg.validate(), Ok(()), "{cfg:?}");
        assert_eq!(cfg.clamped(), cfg);
    }
}

/// Asking for more errors than the file has lines for injects as many as fit, at no cost
/// proportional to the request (a plan for `usize::MAX` errors once aborted on allocation),
/// and the same file as asking for exactly that many.
#[test]
fn more_errors_than_lines_inject_what_fits() {
    for (seed, lines) in [(1, 5), (2, 40), (3, 300)] {
        let all = generate_with_errors(&Config::new(seed, lines).with_errors(usize::MAX));
        let fit = all.errors.len();
        assert!(fit >= 1 && fit <= lines, "{fit} errors in {lines} lines");
        assert_eq!(
            generate_with_errors(&Config::new(seed, lines).with_errors(fit)),
            all
        );
        assert_eq!(
            generate_with_errors(&Config::new(seed, lines).with_errors(100_000_000_000)),
            all
        );
    }
}

/// The progress callback advances with the work (never backwards, in steps, ending at the
/// target) and leaves the output unchanged.
#[test]
fn progress_advances_with_the_lines_and_changes_nothing() {
    for cfg in [
        Config::new(5, 70_000),
        Config::new(6, 40_000).with_errors(30),
    ] {
        let mut seen = Vec::new();
        let generated = try_generate_with_progress(&cfg, |lines| seen.push(lines)).unwrap();
        assert_eq!(generated, generate_with_errors(&cfg));
        assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
        assert_eq!(seen.last(), Some(&cfg.target_lines));
        let steps = seen.iter().filter(|&&n| n < cfg.target_lines - 1).count();
        assert!(steps >= cfg.target_lines / 20_000, "{seen:?}");
        assert!(seen.len() <= cfg.target_lines / 10_000 + 3, "{seen:?}");
    }
}

/// Golden checksums. If this fails after an intended change of the output, bump
/// `GENERATOR_VERSION` and update the table (run with `GOLDEN_PRINT=1 ... -- --nocapture`).
#[test]
fn golden_checksums() {
    assert_eq!(
        gene_gen::GENERATOR_VERSION,
        2,
        "update the table below when bumping"
    );
    let cases: [(Config, &str); 4] = [
        (
            Config::new(42, 1_000),
            "ec869f2d567b137b26a00b4cdce2541dfd96098d01218b8db8c1ab2206045d1f",
        ),
        (
            Config::new(7, 5_000).with_complexity(5),
            "3fd3b4b958b0106261da2a86220138c1518b8ead75dc5f4c75b754908f184995",
        ),
        (
            Config::new(1, 2_000).with_mix(Mix::only(Pattern::Classes)),
            "7c89ca4356ca7e459cf199f41088a4840e68c1df4bc41787cc3d074a90a9b623",
        ),
        (
            Config::new(3, 3_000).with_errors(5),
            "db3b191a8c2465ce64c5316660f2227d8b0faf60876151857fad94ec92d4608d",
        ),
    ];
    let print = std::env::var_os("GOLDEN_PRINT").is_some();
    for (cfg, want) in &cases {
        let got = sha(&generate(cfg));
        if print {
            println!("{got}");
        } else {
            assert_eq!(&got, want, "output changed for {cfg:?}");
        }
    }
}
