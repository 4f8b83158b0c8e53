//! `gene-gen`: writes generated Gene files (with manifests), profiles Gene files, cleans up.
//!
//! ```text
//! gene-gen [--lines N | --preset all|small|medium|large|xl] [--seed S] [--mix SPEC]
//!          [--complexity 1-5] [--errors N] [--error-kinds K1,K2] [--out DIR|-]
//! gene-gen profile FILE|-... [--json]
//! gene-gen clean [--out DIR]
//! ```
//!
//! Exit status: 0 success, 1 findings (`profile` out of tolerance), 2 usage or I/O errors.

mod cli;
mod files;
mod output;
mod profile;
mod progress;

use std::path::Path;
use std::process::ExitCode;

use clap::error::ErrorKind;
use cli::{Cli, GenerateArgs, Sub};
use gene_gen::{Config, try_generate_with_progress};
use output::{Outcome, Stdout, Stop};

fn main() -> ExitCode {
    let cli = match cli::parse(std::env::args_os()) {
        Ok(cli) => cli,
        Err(e) => return usage_or_help(&e),
    };
    let mut out = Stdout::new();
    let result = run(cli, &mut out).and_then(|outcome| out.finish().map(|()| outcome));
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Err(stop) => stop.report(),
    }
}

/// `--help` and `--version` go to stdout (a failed write is an error like any other); usage
/// errors go to stderr in clap's words, with its suggestion for a mistyped flag, exit 2.
fn usage_or_help(e: &clap::Error) -> ExitCode {
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let mut out = Stdout::new();
        let written = out.bytes(e.render().to_string().as_bytes());
        return match written.and_then(|()| out.finish()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(stop) => stop.report(),
        };
    }
    let _ = e.print();
    ExitCode::from(2)
}

fn run(cli: Cli, out: &mut Stdout) -> Result<Outcome, Stop> {
    match cli.command {
        None => generate(&cli.generate, out).map(|()| Outcome::Clean),
        Some(Sub::Profile { files, json }) => profile::run(&files, json, out),
        Some(Sub::Clean { out: dir }) => {
            if is_stdout(&dir) {
                return Err(Stop::Error("clean needs a directory, not `-`".into()));
            }
            let n = files::clean(&dir).map_err(Stop::Error)?;
            eprintln!("removed {n} file(s) from {}", dir.display());
            Ok(Outcome::Clean)
        }
    }
}

fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Generates every config, then writes it (file and manifest, or the source to stdout) and
/// prints where. A config whose file cannot hold `--errors` errors is refused before its file
/// is written.
fn generate(args: &GenerateArgs, out: &mut Stdout) -> Result<(), Stop> {
    let configs = args.configs();
    let to_stdout = is_stdout(&args.out);
    if to_stdout && configs.len() > 1 {
        return Err(Stop::Error(format!(
            "--out - writes one file to standard output, but the presets ask for {}",
            configs.len()
        )));
    }
    if !to_stdout {
        std::fs::create_dir_all(&args.out)
            .map_err(|e| Stop::Error(format!("cannot create {}: {e}", args.out.display())))?;
    }
    let total: usize = configs.iter().map(|c| c.target_lines).sum();
    let bar = progress::bar(total);
    let mut done = 0;
    for cfg in &configs {
        let name = files::file_name(cfg);
        bar.set_message(format!("generating {name}"));
        let generated = try_generate_with_progress(cfg, |lines| {
            bar.set_position((done + lines) as u64);
        })
        .map_err(|e| Stop::Error(e.to_string()))?;
        check_capacity(cfg, generated.errors.len())?;
        bar.set_message(format!("writing {name}"));
        if to_stdout {
            out.bytes(generated.source.as_bytes())?;
        } else {
            let path = files::write(&args.out, cfg, &generated).map_err(Stop::Error)?;
            bar.suspend(|| out.line(path.display()))?;
        }
        done += cfg.target_lines;
    }
    bar.finish_and_clear();
    Ok(())
}

/// Refuses a file that holds fewer errors than asked for: its name and manifest would promise
/// `--errors` errors. The injector places one error per single-line form and, for the
/// end-of-input kinds, one more; with the same settings, `injected` is the most there can be.
fn check_capacity(cfg: &Config, injected: usize) -> Result<(), Stop> {
    if injected >= cfg.errors {
        return Ok(());
    }
    Err(Stop::Error(format!(
        "--errors {}: a {}-line file with these settings holds at most {injected} \
         (one per single-line form); ask for at most {injected} or for more lines",
        cfg.errors, cfg.target_lines
    )))
}
