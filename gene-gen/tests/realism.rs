//! The default mix matches the real corpus for any seed, at 10k lines and above: the 13 key
//! metrics within the tolerances ([`gene_gen::Profile::check`]), and every
//! whole distribution of `corpus_profile.json` that one file can be compared with (histograms,
//! shares, top-name lists) within the tolerance the README justifies
//! ([`gene_gen::distributions::compare`]).

use gene_gen::{Config, distributions, generate, profile};

fn assert_realistic(cfg: &Config) {
    let p = profile(generate(cfg).as_bytes());
    let mut bad: Vec<String> = p
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
    let dists = distributions::compare(&p);
    bad.extend(dists.iter().filter(|d| !d.ok).map(|d| {
        format!(
            "{}: distance {:.4} > {:.4} (real {} | ours {})",
            d.metric, d.distance, d.tolerance, d.real, d.ours
        )
    }));
    assert!(
        bad.is_empty(),
        "seed {}, {} lines:\n{}",
        cfg.seed,
        cfg.target_lines,
        bad.join("\n")
    );
    // Every compared distribution has a tolerance, and the comparison covers all of them.
    assert!(dists.iter().all(|d| d.tolerance.is_finite()));
    assert_eq!(dists.len(), distributions::TOLERANCES.len());
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

/// The comparison can fail: the old generator's style (one prefix call per line, no
/// properties, no comments) is far from the corpus on many distributions.
#[test]
fn an_unrealistic_file_is_caught() {
    let mut src = String::new();
    for i in 0..2_000 {
        src.push_str(&format!("(def v{i} (map (+ {i} 1) [1 2 3 4]))\n"));
    }
    let p = profile(src.as_bytes());
    let out: Vec<&str> = distributions::compare(&p)
        .into_iter()
        .filter(|d| !d.ok)
        .map(|d| d.metric)
        .collect();
    for must in [
        "forms.genes_with_properties_share",
        "forms.arith_compare_operator_position",
        "forms.gene_call_shape_share",
        "forms.blank_lines_between_top_level_forms_hist",
    ] {
        assert!(out.contains(&must), "{must} not caught: {out:?}");
    }
}
