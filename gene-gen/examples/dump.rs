//! Tuning helper: prints the realism check for a seed, size and complexity.
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let seed: u64 = a[1].parse().unwrap();
    let lines: usize = a[2].parse().unwrap();
    let mut cfg = gene_gen::Config::new(seed, lines);
    if a.len() > 3 {
        cfg.complexity = a[3].parse().unwrap();
    }
    let src = gene_gen::generate(&cfg);
    let p = gene_gen::profile(src.as_bytes());
    for c in p.check() {
        println!("{:50} {:>10.4} {:>10.4} {}", c.target.metric, c.ours, c.target.real, if c.ok { "" } else { "FAIL" });
    }
}
