//! Measures generation speed: `cargo run --release -p gene-gen --example throughput`.
fn main() {
    for lines in [100_000usize, 1_000_000] {
        let cfg = gene_gen::Config::new(1, lines);
        let t = std::time::Instant::now();
        let mut bytes = 0;
        let runs = 5;
        for _ in 0..runs {
            bytes += std::hint::black_box(gene_gen::generate(&cfg)).len();
        }
        let s = t.elapsed().as_secs_f64();
        println!(
            "{lines} lines: {:.1} MB/s ({:.1} ms per file)",
            bytes as f64 / s / 1e6,
            s * 1e3 / runs as f64
        );
    }
}
