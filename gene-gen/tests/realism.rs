//! The default mix matches the real corpus within the tolerances, for any seed, at 10k
//! lines and above.

use gene_gen::{Config, generate, profile};

fn assert_realistic(cfg: &Config) {
    let p = profile(generate(cfg).as_bytes());
    let bad: Vec<String> = p
        .check()
        .iter()
        .filter(|c| !c.ok)
        .map(|c| {
            format!(
                "{}: ours {:.4}, real {:.4}",
                c.target.metric, c.ours, c.target.real
            )
        })
        .collect();
    assert!(
        bad.is_empty(),
        "seed {}, {} lines:\n{}",
        cfg.seed,
        cfg.target_lines,
        bad.join("\n")
    );
}

#[test]
fn ten_thousand_lines_several_seeds() {
    for seed in [0, 1, 2, 42, 1234, 99_999, u64::MAX] {
        assert_realistic(&Config::new(seed, 10_000));
    }
}

#[test]
fn hundred_thousand_lines() {
    assert_realistic(&Config::new(2026, 100_000));
}
