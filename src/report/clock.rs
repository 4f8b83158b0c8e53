//! The two clocks of the report: the wall clock, and the calling thread's CPU time
//! (`CLOCK_THREAD_CPUTIME_ID`, user and system).
//!
//! On an idle machine they agree. On a loaded one only CPU time compares parses of different
//! lengths fairly: the median of many short parses leaves out those the scheduler interrupted,
//! while a long parse always carries its share of other programs' time slices (measured at
//! load 4 on two cores: a 1M-line parse at 170 MB/s by the wall clock, over 300 by CPU time).

use std::time::{Duration, Instant};

/// A time in seconds by both clocks.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Seconds {
    /// By the wall clock.
    pub wall: f64,
    /// By the thread's CPU time (0 where it is not measured, off Unix).
    pub cpu: f64,
}

/// Runs `f` and times it by both clocks.
pub fn timed<R>(f: impl FnOnce() -> R) -> (R, Seconds) {
    let (wall, cpu) = (Instant::now(), thread_cpu());
    let result = f();
    let cpu = thread_cpu().saturating_sub(cpu).as_secs_f64();
    let wall = wall.elapsed().as_secs_f64();
    (result, Seconds { wall, cpu })
}

/// CPU time of the calling thread so far (user and system).
#[cfg(unix)]
pub fn thread_cpu() -> Duration {
    // SAFETY: an all-zero `timespec` is a valid value of that plain C struct.
    let mut t: libc::timespec = unsafe { std::mem::zeroed() };
    // SAFETY: the clock id is a constant the platform defines and `t` is a live local of the
    // type `clock_gettime` writes.
    let r = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    if r != 0 {
        return Duration::ZERO;
    }
    Duration::new(
        u64::try_from(t.tv_sec).unwrap_or(0),
        u32::try_from(t.tv_nsec).unwrap_or(0),
    )
}

/// CPU time is not measured off Unix: always zero.
#[cfg(not(unix))]
pub fn thread_cpu() -> Duration {
    Duration::ZERO
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_time_counts_work_and_not_sleep() {
        let ((), busy) = timed(|| {
            let start = Instant::now();
            let mut x = 0u64;
            while start.elapsed() < Duration::from_millis(30) {
                x = std::hint::black_box(x.wrapping_add(1));
            }
        });
        let ((), idle) = timed(|| std::thread::sleep(Duration::from_millis(30)));
        assert!(busy.wall >= 0.03 && idle.wall >= 0.03);
        if cfg!(unix) {
            // No threshold: a sleeping thread uses less CPU than a spinning one, whatever the
            // load, and less than the time it slept.
            assert!(busy.cpu > idle.cpu, "{busy:?} {idle:?}");
            assert!(idle.cpu < idle.wall, "{idle:?}");
        }
    }
}
