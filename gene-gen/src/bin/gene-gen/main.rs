//! `gene-gen`: writes generated Gene files (with manifests), profiles Gene files, cleans up.
//!
//! ```text
//! gene-gen [--lines N | --preset all|small|medium|large|xl] [--seed S] [--mix SPEC]
//!          [--complexity 1-5] [--errors N] [--out DIR]
//! gene-gen profile FILE... [--json]
//! gene-gen clean [--out DIR]
//! ```

mod args;
mod files;

use std::io::IsTerminal as _;
use std::process::ExitCode;

use args::{Command, GenerateArgs};
use gene_gen::{Config, Tolerance, profile};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

fn main() -> ExitCode {
    let cmd = match args::parse(std::env::args_os().skip(1)) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("gene-gen: {e}\n\n{}", args::USAGE);
            return ExitCode::from(2);
        }
    };
    let result = match cmd {
        Command::Help => {
            println!("{}", args::USAGE);
            Ok(())
        }
        Command::Version => {
            println!(
                "gene-gen {} (generator version {})",
                env!("CARGO_PKG_VERSION"),
                gene_gen::GENERATOR_VERSION
            );
            Ok(())
        }
        Command::Generate(g) => run_generate(&g),
        Command::Profile { files, json } => run_profile(&files, json),
        Command::Clean { out } => {
            files::clean(&out).map(|n| eprintln!("removed {n} file(s) from {}", out.display()))
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gene-gen: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Outputs of at least this many lines in total get a progress bar (smaller runs finish in
/// well under a second).
const PROGRESS_MIN_LINES: usize = 100_000;

fn run_generate(g: &GenerateArgs) -> Result<(), String> {
    for cfg in &g.configs {
        cfg.validate().map_err(|e| e.to_string())?;
    }
    std::fs::create_dir_all(&g.out)
        .map_err(|e| format!("cannot create {}: {e}", g.out.display()))?;
    let total: usize = g.configs.iter().map(|c| c.target_lines).sum();
    let bar = progress_bar(total as u64);
    for cfg in &g.configs {
        bar.set_message(files::file_name(cfg));
        let written = files::write(&g.out, cfg)?;
        bar.inc(cfg.target_lines as u64);
        bar.suspend(|| println!("{}", written.display()));
    }
    bar.finish_and_clear();
    Ok(())
}

/// A bar over lines generated, drawn on stderr, hidden when stderr is not a terminal or the
/// output is small.
fn progress_bar(total: u64) -> ProgressBar {
    if total < PROGRESS_MIN_LINES as u64 || !std::io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden());
    }
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} lines  {msg}") {
        bar.set_style(style);
    }
    bar
}

fn run_profile(paths: &[std::path::PathBuf], json: bool) -> Result<(), String> {
    let mut outputs = Vec::new();
    for path in paths {
        let bytes =
            std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        outputs.push((path, profile(&bytes)));
    }
    if json {
        if let [(_, p)] = outputs.as_slice() {
            println!("{}", p.to_json());
        } else {
            let parts: Vec<String> = outputs
                .iter()
                .map(|(path, p)| {
                    format!(
                        "{}:{}",
                        json_string(&path.display().to_string()),
                        p.to_json()
                    )
                })
                .collect();
            println!("{{{}}}", parts.join(","));
        }
        return Ok(());
    }
    for (path, p) in &outputs {
        println!("{}", path.display());
        println!(
            "{:<50} {:>10} {:>10}  tolerance",
            "metric", "this file", "real"
        );
        for c in p.check() {
            let tol = match c.target.tolerance {
                Tolerance::Relative(r) => format!("±{:.0}% {}", r * 100.0, ok(c.ok)),
                Tolerance::Points(pts) => format!("±{pts:.0} pts {}", ok(c.ok)),
                Tolerance::AtLeast(min) => format!(">= {min} {}", ok(c.ok)),
                Tolerance::Info => String::new(),
            };
            println!(
                "{:<50} {:>10.4} {:>10.4}  {tol}",
                c.target.metric, c.ours, c.target.real
            );
        }
        println!();
    }
    Ok(())
}

fn ok(ok: bool) -> &'static str {
    if ok { "ok" } else { "OUT OF RANGE" }
}

/// A JSON string literal (paths may hold quotes or backslashes).
pub(crate) fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The default config, used by `args` for unspecified settings.
pub(crate) fn base_config() -> Config {
    Config::default()
}
