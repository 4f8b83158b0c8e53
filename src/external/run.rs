//! One child process: its standard output (bounded), the first line of its standard error, its
//! wall time, and its peak resident set from the kernel's account of the child (`wait4`).
//!
//! Why a runner: Linux keeps, across `exec`, the peak RSS of the memory the new program
//! replaces, and a child spawned by `posix_spawn`/`vfork` replaces its parent's. Spawned
//! directly by the suite, which holds every input and dump, each child would report at least
//! the suite's own peak. So when a runner is set ([`set_runner`], done by `gene-external`),
//! every command is started by a small process of its own (`gene-external run-child`, see
//! [`run_child`]) that spawns the command, waits for it with `wait4` and hands back its peak RSS
//! and wall time; the figure then carries only the runner's own few MB as a floor.

use std::ffi::OsString;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

static RUNNER: OnceLock<PathBuf> = OnceLock::new();

/// Starts every later [`run`] through `exe run-child` (an executable whose `run-child`
/// subcommand calls [`run_child`]). Without it, peak RSS includes the caller's (see the module
/// doc).
pub fn set_runner(exe: PathBuf) {
    let _ = RUNNER.set(exe);
}

/// The runner's side: spawns `command` (standard streams inherited), waits for it, writes
/// `rss_kib R` and `wall_ns W` lines into `report`, and returns its exit code (128 + the
/// signal for a killed child). A command that cannot be started: `Err` with the reason, and no
/// report.
pub fn run_child(report: &Path, command: &[OsString]) -> Result<u8, String> {
    let (program, args) = command.split_first().ok_or("no command")?;
    let started = Instant::now();
    let mut child = Command::new(program)
        .args(args)
        .spawn()
        .map_err(|e| e.to_string())?;
    let (status, usage) = wait(&mut child).map_err(|e| e.to_string())?;
    let rss = usage.map(|u| u.peak_rss_kib);
    let wall = started.elapsed().as_nanos();
    let rss = rss.map_or(String::new(), |k| format!("rss_kib {k}\n"));
    std::fs::write(report, format!("{rss}wall_ns {wall}\n"))
        .map_err(|e| format!("{}: {e}", report.display()))?;
    Ok(exit_code(status))
}

#[cfg(unix)]
fn exit_code(status: ExitStatus) -> u8 {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (Some(code), _) => code as u8,
        (None, Some(signal)) => 128u8.wrapping_add(signal as u8),
        _ => 255,
    }
}

#[cfg(not(unix))]
fn exit_code(status: ExitStatus) -> u8 {
    status.code().map_or(255, |c| c as u8)
}

/// A fresh path for one runner report.
fn report_path() -> PathBuf {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    std::env::temp_dir().join(format!("gene-external-{}-{n}.run", std::process::id()))
}

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
    /// The child's CPU times and page faults (`None` off Unix, and through the runner, whose
    /// own figures these would be).
    pub usage: Option<ChildUsage>,
}

/// What the kernel accounted to a child process (`wait4`'s `rusage`).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ChildUsage {
    /// CPU time in user mode.
    pub user: Duration,
    /// CPU time in the kernel (system calls, page faults).
    pub system: Duration,
    /// Page faults served without I/O (`ru_minflt`): mostly first touches of fresh memory.
    pub minor_faults: u64,
    /// Peak resident set, in KiB (`ru_maxrss`; see the module doc for when it is the child's).
    pub peak_rss_kib: u64,
}

/// Runs `command` to its end with no standard input, through the runner if one is set. Fails
/// only when it cannot be started or waited for, or prints more than [`MAX_STDOUT`] bytes (then
/// it is killed).
pub fn run(command: Command) -> io::Result<Outcome> {
    let Some(runner) = RUNNER.get() else {
        return run_direct(command);
    };
    let report = report_path();
    let mut through = Command::new(runner);
    through
        .arg("run-child")
        .arg("--report")
        .arg(&report)
        .arg("--")
        .arg(command.get_program())
        .args(command.get_args());
    let mut outcome = run_direct(through)?;
    outcome.usage = None;
    let text = std::fs::read_to_string(&report);
    let _ = std::fs::remove_file(&report);
    // No report: the runner could not start the command, and said why on standard error.
    let text = text.map_err(|_| io::Error::other(outcome.stderr_line.clone()))?;
    for line in text.lines() {
        match line.split_once(' ') {
            Some(("rss_kib", k)) => outcome.peak_rss_kib = k.parse().ok(),
            Some(("wall_ns", w)) => {
                outcome.wall = Duration::from_nanos(w.parse().map_err(io::Error::other)?)
            }
            _ => {}
        }
    }
    Ok(outcome)
}

fn run_direct(mut command: Command) -> io::Result<Outcome> {
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
    let (status, usage) = wait(&mut child)?;
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
        peak_rss_kib: usage.map(|u| u.peak_rss_kib),
        usage,
    })
}

/// Waits for the child with `wait4`, which returns the resource usage of that child alone
/// (`getrusage(RUSAGE_CHILDREN)` would give the largest of all children so far).
#[cfg(unix)]
fn wait(child: &mut std::process::Child) -> io::Result<(ExitStatus, Option<ChildUsage>)> {
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
    let time = |t: libc::timeval| {
        Duration::from_secs(u64::try_from(t.tv_sec).unwrap_or(0))
            + Duration::from_micros(u64::try_from(t.tv_usec).unwrap_or(0))
    };
    let usage = ChildUsage {
        user: time(usage.ru_utime),
        system: time(usage.ru_stime),
        minor_faults: u64::try_from(usage.ru_minflt).unwrap_or(0),
        // Linux reports `ru_maxrss` in KiB.
        peak_rss_kib: u64::try_from(usage.ru_maxrss).unwrap_or(0),
    };
    Ok((ExitStatus::from_raw(status), Some(usage)))
}

#[cfg(not(unix))]
fn wait(child: &mut std::process::Child) -> io::Result<(ExitStatus, Option<ChildUsage>)> {
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
        assert!(o.usage.is_some_and(|u| u.minor_faults > 0));
    }

    #[test]
    fn the_runner_reports_the_exit_code_rss_and_wall_time() {
        let dir = std::env::temp_dir().join(format!("gene-run-child-{}", std::process::id()));
        let command: Vec<OsString> = ["sh", "-c", "exit 3"].map(OsString::from).to_vec();
        assert_eq!(run_child(&dir, &command), Ok(3));
        let report = std::fs::read_to_string(&dir).unwrap();
        let _ = std::fs::remove_file(&dir);
        let keys: Vec<&str> = report.lines().filter_map(|l| l.split(' ').next()).collect();
        assert_eq!(keys, ["rss_kib", "wall_ns"]);
        assert!(run_child(&dir, &[OsString::from("/nonexistent/x")]).is_err());
        assert!(!dir.exists(), "no report for a command that did not start");
    }

    #[test]
    fn a_missing_program_is_an_error_not_a_panic() {
        assert!(run(Command::new("/nonexistent/gene-driver")).is_err());
    }
}
