//! One child process: its standard output (bounded), the first line of its standard error, its
//! wall time, and its peak resident set from the kernel's account of the child (`wait4`).

use std::io::{self, Read};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// The most standard output kept from one run: a dump is about the size of its input, and the
/// suite's largest input is about 40 MB.
pub const MAX_STDOUT: u64 = 1 << 30;

/// The most standard error kept (only its first line is reported).
const MAX_STDERR: u64 = 64 * 1024;

/// What one run of a command gave.
#[derive(Debug)]
pub struct Outcome {
    /// How it ended.
    pub status: ExitStatus,
    /// Everything it printed on standard output.
    pub stdout: Vec<u8>,
    /// The first line of its standard error (empty if none).
    pub stderr_line: String,
    /// From just before the spawn to the end of the wait.
    pub wall: Duration,
    /// Peak resident set size of the child, in KiB (`ru_maxrss`; `None` off Unix).
    pub peak_rss_kib: Option<u64>,
}

/// Runs `command` to its end with no standard input. Fails only when it cannot be started or
/// waited for, or prints more than [`MAX_STDOUT`] bytes (then it is killed).
pub fn run(mut command: Command) -> io::Result<Outcome> {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let started = Instant::now();
    let mut child = command.spawn()?;
    let mut stderr = child.stderr.take().expect("stderr is piped");
    let errors = std::thread::spawn(move || {
        let mut kept = Vec::new();
        let _ = (&mut stderr).take(MAX_STDERR).read_to_end(&mut kept);
        // Drained to the end, so that a chatty child never blocks on a full pipe.
        let _ = io::copy(&mut stderr, &mut io::sink());
        kept
    });
    let mut stdout = Vec::new();
    let read = child
        .stdout
        .take()
        .expect("stdout is piped")
        .take(MAX_STDOUT + 1)
        .read_to_end(&mut stdout);
    if read.is_err() || stdout.len() as u64 > MAX_STDOUT {
        let _ = child.kill();
    }
    let (status, peak_rss_kib) = wait(&mut child)?;
    let wall = started.elapsed();
    let stderr = errors.join().unwrap_or_default();
    read?;
    if stdout.len() as u64 > MAX_STDOUT {
        return Err(io::Error::other(format!(
            "printed more than {MAX_STDOUT} bytes"
        )));
    }
    let stderr_line = String::from_utf8_lossy(&stderr)
        .lines()
        .next()
        .unwrap_or("")
        .to_string();
    Ok(Outcome {
        status,
        stdout,
        stderr_line,
        wall,
        peak_rss_kib,
    })
}

/// Waits for the child with `wait4`, which returns the resource usage of that child alone
/// (`getrusage(RUSAGE_CHILDREN)` would give the largest of all children so far).
#[cfg(unix)]
fn wait(child: &mut std::process::Child) -> io::Result<(ExitStatus, Option<u64>)> {
    use std::os::unix::process::ExitStatusExt;
    let pid = libc::pid_t::try_from(child.id()).map_err(io::Error::other)?;
    let mut status: libc::c_int = 0;
    // SAFETY: an all-zero `rusage` is a valid value of that plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `pid` is our own unwaited child (std's `Child` never waited for it), and both
        // pointers are to live locals of the right types.
        let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if r == pid {
            break;
        }
        let e = io::Error::last_os_error();
        if e.kind() != io::ErrorKind::Interrupted {
            return Err(e);
        }
    }
    // Linux reports `ru_maxrss` in KiB.
    let rss = u64::try_from(usage.ru_maxrss).ok();
    Ok((ExitStatus::from_raw(status), rss))
}

#[cfg(not(unix))]
fn wait(child: &mut std::process::Child) -> io::Result<(ExitStatus, Option<u64>)> {
    Ok((child.wait()?, None))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn output_status_and_rss_of_a_child_are_collected() {
        let mut c = Command::new("sh");
        c.args(["-c", "echo out; echo err1 >&2; echo err2 >&2; exit 3"]);
        let o = run(c).unwrap();
        assert_eq!(o.stdout, b"out\n");
        assert_eq!(o.stderr_line, "err1");
        assert_eq!(o.status.code(), Some(3));
        assert!(o.peak_rss_kib.is_some_and(|k| k > 0));
    }

    #[test]
    fn a_missing_program_is_an_error_not_a_panic() {
        assert!(run(Command::new("/nonexistent/gene-driver")).is_err());
    }
}
