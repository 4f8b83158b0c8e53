//! How a run ends, and standard output written so that a closed pipe is a normal end and a
//! failed write is an error that says so.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

/// Why a run stopped early.
#[derive(Debug)]
pub(crate) enum Stop {
    /// A usage or input/output error: one line on stderr, exit 2.
    Error(String),
    /// The reader of standard output went away (`| head -1`): not an error, exit 0.
    ClosedPipe,
}

impl Stop {
    /// The exit status, after printing the message if there is one.
    pub(crate) fn report(self) -> ExitCode {
        match self {
            Stop::Error(message) => {
                // If stderr is gone too there is nobody left to tell.
                let _ = writeln!(io::stderr(), "gene-gen: {message}");
                ExitCode::from(2)
            }
            Stop::ClosedPipe => ExitCode::SUCCESS,
        }
    }
}

/// What a finished run found: `profile` outside its tolerances is a finding (exit 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Exit 0.
    Clean,
    /// Exit 1.
    Findings,
}

/// Buffered standard output whose errors become [`Stop`]s.
pub(crate) struct Stdout(BufWriter<io::StdoutLock<'static>>);

impl Stdout {
    pub(crate) fn new() -> Stdout {
        Stdout(BufWriter::new(io::stdout().lock()))
    }

    /// Writes `bytes` as they are.
    pub(crate) fn bytes(&mut self, bytes: &[u8]) -> Result<(), Stop> {
        self.0.write_all(bytes).map_err(write_failed)
    }

    /// Writes `text` and a newline.
    pub(crate) fn line(&mut self, text: impl std::fmt::Display) -> Result<(), Stop> {
        writeln!(self.0, "{text}").map_err(write_failed)
    }

    /// Flushes what is buffered: the last chance for a write to fail.
    pub(crate) fn finish(mut self) -> Result<(), Stop> {
        self.0.flush().map_err(write_failed)
    }
}

fn write_failed(e: io::Error) -> Stop {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Stop::ClosedPipe
    } else {
        Stop::Error(format!("cannot write to standard output: {e}"))
    }
}
