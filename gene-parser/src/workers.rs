//! Ordered parallel work over many inputs (feature `parallel`): the engine behind
//! `gene-parse check -j N DIR` and the `project` benchmark.
//!
//! Results reach the caller in input order whatever the number of threads, so output built
//! from them is byte-identical at `-j 1` and `-j 64`. Memory stays bounded for a tree of any
//! size: at most [`Workers::window`] inputs are in flight or waiting to be handed over, and
//! items are pulled from the caller's iterator only as the window frees up.

use std::collections::VecDeque;
use std::fmt;
use std::ops::ControlFlow;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::mpsc;

/// The most threads a [`Workers`] pool takes (`-j` is bounded to `1..=MAX_JOBS`).
pub const MAX_JOBS: usize = 1024;

/// Inputs in flight (or finished, waiting for an earlier one) per thread. The calling thread
/// refills the window only when it runs, and on a loaded machine it may wait a whole scheduler
/// slice (milliseconds) for that: with 4 per thread (about 70 µs of work on corpus-sized files)
/// the workers ran dry and 2 threads were slower than 1. 64 per thread covers a slice; a
/// waiting input holds only its item (a path) or its finished result, never a source, which
/// exists only while a worker parses it.
const LOOK_AHEAD_PER_JOB: usize = 64;

/// A pool of threads that maps a function over a sequence, in parallel, and hands the results
/// over in order.
///
/// With one job the work runs on the calling thread and no pool is built: `-j 1` is the plain
/// sequential loop, the baseline the parallel runs are compared with.
pub struct Workers {
    jobs: usize,
    pool: Option<rayon::ThreadPool>,
}

/// Why [`Workers::new`] failed.
#[derive(Debug)]
pub enum WorkersError {
    /// The job count is 0 or above [`MAX_JOBS`].
    JobsOutOfRange(usize),
    /// The operating system refused a thread.
    Spawn(String),
}

impl fmt::Display for WorkersError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WorkersError::JobsOutOfRange(n) => {
                write!(f, "{n} jobs: the job count must be 1 to {MAX_JOBS}")
            }
            WorkersError::Spawn(e) => write!(f, "cannot start worker threads: {e}"),
        }
    }
}

impl std::error::Error for WorkersError {}

impl Workers {
    /// A pool of `jobs` threads (1 to [`MAX_JOBS`]; 1 runs on the caller's thread).
    pub fn new(jobs: usize) -> Result<Workers, WorkersError> {
        if !(1..=MAX_JOBS).contains(&jobs) {
            return Err(WorkersError::JobsOutOfRange(jobs));
        }
        let pool = if jobs == 1 {
            None
        } else {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(jobs)
                .thread_name(|i| format!("gene-worker-{i}"))
                .build()
                .map_err(|e| WorkersError::Spawn(e.to_string()))?;
            Some(pool)
        };
        Ok(Workers { jobs, pool })
    }

    /// The number of threads the machine offers (at least 1, at most [`MAX_JOBS`]).
    pub fn available_jobs() -> usize {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, MAX_JOBS)
    }

    /// The job count.
    pub fn jobs(&self) -> usize {
        self.jobs
    }

    /// The most items in flight or waiting at once: a few per job.
    pub fn window(&self) -> usize {
        self.jobs * LOOK_AHEAD_PER_JOB
    }

    /// Applies `work` to every item on the pool's threads and calls `sink` with the results in
    /// the items' order, on the calling thread, as soon as each one and all before it are done.
    ///
    /// `sink` returning [`ControlFlow::Break`] stops the run: no further item is started (those
    /// in flight finish and are dropped). A panic in `work` is re-raised on the calling thread
    /// once the items in flight have finished.
    pub fn map_ordered<T, R, I, F, S>(&self, items: I, work: F, mut sink: S)
    where
        I: IntoIterator<Item = T>,
        T: Send,
        R: Send,
        F: Fn(T) -> R + Sync,
        S: FnMut(R) -> ControlFlow<()>,
    {
        let Some(pool) = &self.pool else {
            for item in items {
                if sink(work(item)).is_break() {
                    return;
                }
            }
            return;
        };
        let window = self.window();
        let (tx, rx) = mpsc::channel();
        let work = &work;
        // `in_place_scope` runs this closure on the calling thread (not a pool thread), so its
        // blocking `recv` never takes a worker away; the spawned jobs may borrow the caller's data.
        pool.in_place_scope(|scope| {
            let mut items = items.into_iter();
            let mut started = 0usize; // items handed to the pool
            let mut delivered = 0usize; // results handed to `sink`
            // `waiting[k]` holds the result of item `delivered + k` once it is done.
            let mut waiting: VecDeque<Option<R>> = VecDeque::with_capacity(window);
            loop {
                while started - delivered < window {
                    let Some(item) = items.next() else { break };
                    let tx = tx.clone();
                    let index = started;
                    scope.spawn(move |_| {
                        let result = catch_unwind(AssertUnwindSafe(|| work(item)));
                        // The receiver is gone only when the caller stopped early.
                        let _ = tx.send((index, result));
                    });
                    started += 1;
                }
                if delivered == started {
                    return;
                }
                let (index, result) = rx.recv().expect("a sender is kept alive by this thread");
                let result = match result {
                    Ok(result) => result,
                    Err(panic) => resume_unwind(panic),
                };
                let slot = index - delivered;
                if waiting.len() <= slot {
                    waiting.resize_with(slot + 1, || None);
                }
                waiting[slot] = Some(result);
                while let Some(Some(_)) = waiting.front() {
                    let ready = waiting.pop_front().flatten().expect("checked above");
                    delivered += 1;
                    if sink(ready).is_break() {
                        return;
                    }
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_order_whatever_the_finishing_order() {
        for jobs in [1, 2, 3, 8] {
            let workers = Workers::new(jobs).unwrap();
            let mut seen = Vec::new();
            // Early items take longest, so they finish last on a pool.
            workers.map_ordered(
                0..100u64,
                |i| {
                    let spin = (100 - i) * 2_000;
                    std::hint::black_box((0..spin).map(std::hint::black_box).sum::<u64>());
                    i
                },
                |r| {
                    seen.push(r);
                    ControlFlow::Continue(())
                },
            );
            assert_eq!(seen, (0..100).collect::<Vec<_>>(), "jobs={jobs}");
        }
    }

    #[test]
    fn the_window_bounds_the_items_pulled_ahead() {
        let workers = Workers::new(2).unwrap();
        let pulled = std::cell::Cell::new(0usize);
        let mut max_ahead = 0;
        let mut delivered = 0;
        let items = (0..1_000).inspect(|_| pulled.set(pulled.get() + 1));
        workers.map_ordered(
            items,
            |i| i,
            |_| {
                delivered += 1;
                max_ahead = max_ahead.max(pulled.get() - delivered);
                ControlFlow::Continue(())
            },
        );
        assert_eq!(delivered, 1_000);
        assert!(
            max_ahead < workers.window(),
            "{max_ahead} items pulled ahead"
        );
    }

    #[test]
    fn break_stops_starting_items() {
        for jobs in [1, 4] {
            let workers = Workers::new(jobs).unwrap();
            let started = std::sync::atomic::AtomicUsize::new(0);
            let mut got = Vec::new();
            workers.map_ordered(
                0..10_000,
                |i| {
                    started.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    i
                },
                |r| {
                    got.push(r);
                    if r == 9 {
                        ControlFlow::Break(())
                    } else {
                        ControlFlow::Continue(())
                    }
                },
            );
            assert_eq!(got, (0..10).collect::<Vec<_>>());
            let started = started.into_inner();
            assert!(started <= 10 + workers.window(), "{started} started");
        }
    }

    #[test]
    fn job_counts_out_of_range_are_refused() {
        assert!(matches!(
            Workers::new(0),
            Err(WorkersError::JobsOutOfRange(0))
        ));
        assert!(Workers::new(MAX_JOBS + 1).is_err());
    }

    #[test]
    fn a_panic_in_work_reaches_the_caller() {
        let workers = Workers::new(2).unwrap();
        let caught = catch_unwind(AssertUnwindSafe(|| {
            workers.map_ordered(
                0..50,
                |i| assert!(i != 20, "boom"),
                |()| ControlFlow::Continue(()),
            );
        }));
        assert!(caught.is_err());
    }
}
