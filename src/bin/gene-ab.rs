//! `gene-ab`: the interleaved A/B comparison of two builds' parse time (temporary binary; the
//! same arguments become `gene-gate ab`). Exit status: 0 no regression, 1 regression, 2 bad
//! arguments or an I/O, build or run error.

use clap::Parser;
use gene_bench::ab::{AbArgs, run};

#[derive(Parser)]
#[command(name = "gene-ab", version)]
struct Cli {
    #[command(flatten)]
    args: AbArgs,
}

fn main() {
    let cli = Cli::parse();
    match run(&cli.args) {
        Ok(report) => std::process::exit(i32::from(report.regressed())),
        Err(e) => {
            eprintln!("gene-ab: error: {e}");
            std::process::exit(2)
        }
    }
}
