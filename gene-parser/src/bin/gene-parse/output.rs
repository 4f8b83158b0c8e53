//! Standard output with the convention's two endings: a closed pipe (`gene-parse dump f | head`)
//! is a normal, silent end; any other failed write is reported on one line and exits 2.

use std::io::{self, BufWriter, StdoutLock, Write};

/// Why writing stopped.
pub enum WriteStop {
    /// The reader went away (EPIPE): stop quietly.
    Closed,
    /// Any other failure (`/dev/full`, a full disk): report it.
    Failed(io::Error),
}

impl From<io::Error> for WriteStop {
    fn from(e: io::Error) -> WriteStop {
        if e.kind() == io::ErrorKind::BrokenPipe {
            WriteStop::Closed
        } else {
            WriteStop::Failed(e)
        }
    }
}

/// Buffered standard output whose writes fail with a [`WriteStop`].
pub struct Out(BufWriter<StdoutLock<'static>>);

impl Out {
    /// Locks standard output for the run.
    pub fn stdout() -> Out {
        Out(BufWriter::new(io::stdout().lock()))
    }

    /// Writes `bytes`.
    pub fn bytes(&mut self, bytes: &[u8]) -> Result<(), WriteStop> {
        Ok(self.0.write_all(bytes)?)
    }

    /// Writes `line` and a line break.
    pub fn line(&mut self, line: impl std::fmt::Display) -> Result<(), WriteStop> {
        Ok(writeln!(self.0, "{line}")?)
    }

    /// Flushes what is buffered.
    pub fn flush(&mut self) -> Result<(), WriteStop> {
        Ok(self.0.flush()?)
    }
}

/// Prints one line on standard error; a failing standard error is ignored (there is nowhere
/// left to report it), where `eprintln!` would panic.
pub fn warn(line: impl std::fmt::Display) {
    let _ = writeln!(io::stderr().lock(), "{line}");
}
