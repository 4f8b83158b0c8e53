//! Measure any closure: wall time, peak heap bytes, number and total size of allocations.
//!
//! Heap figures come from [`dhat`]'s counting allocator, which must be the program's global
//! allocator. A binary or test opts in with one line:
//!
//! ```ignore
//! #[global_allocator]
//! static ALLOC: gene_bench::measure::CountingAlloc = gene_bench::measure::CountingAlloc;
//! ```
//!
//! It is deliberately not installed by this library, so the Criterion benchmarks (which link the
//! library for their inputs) run on the plain system allocator and their timings carry no
//! counting overhead.
//!
//! # What is counted
//!
//! - `allocations`: calls to `alloc` *and* `realloc` made while the closure ran, on any thread
//!   (DHAT's definition: a `Vec` that grows three times counts four).
//! - `allocated_bytes`: the sum of the sizes requested by those calls.
//! - `peak_bytes`: the largest number of live bytes, counting only blocks allocated while the
//!   closure ran. Whatever the closure returns is still alive at the end, so a parse that returns
//!   its tree has the tree counted in its peak.
//!
//! These counts are deterministic for deterministic code, which is why tests may assert on them.
//! Wall time is not: [`measure`] therefore takes its time from a separate run without the
//! profiler, because recording a backtrace per allocation slows the profiled run down.
//!
//! # Example
//!
//! ```no_run
//! # // no_run: doctests do not install the counting allocator.
//! let m = gene_bench::measure::measure(|| vec![0u8; 1 << 20]);
//! println!("{:?}, peak {} bytes in {} allocations", m.wall, m.heap.peak_bytes, m.heap.allocations);
//! ```

use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

/// The counting allocator to install with `#[global_allocator]` (a re-export of [`dhat::Alloc`]).
pub use dhat::Alloc as CountingAlloc;

/// Heap activity of one run of a closure. See the [module documentation](self) for definitions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeapStats {
    /// Largest number of live bytes allocated during the run.
    pub peak_bytes: u64,
    /// Number of live blocks at the moment of the peak.
    pub peak_blocks: u64,
    /// Number of `alloc` and `realloc` calls.
    pub allocations: u64,
    /// Total bytes requested by those calls.
    pub allocated_bytes: u64,
    /// Bytes allocated during the run that were still live when it ended (the returned value).
    pub retained_bytes: u64,
}

/// Wall time and heap activity of a closure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Measurement {
    /// Wall-clock time of one run without the heap profiler.
    pub wall: Duration,
    /// Heap activity of one profiled run.
    pub heap: HeapStats,
}

/// dhat allows a single profiler per process; this lock serialises measurements across threads.
static PROFILER: Mutex<()> = Mutex::new(());

/// Runs `f` once and returns its result with the time it took.
pub fn time<R>(f: impl FnOnce() -> R) -> (R, Duration) {
    let start = Instant::now();
    let r = std::hint::black_box(f());
    (r, start.elapsed())
}

/// Runs `f` once under the heap profiler and returns its result with its heap activity.
///
/// The result is dropped only after the figures are taken, so it counts towards `peak_bytes` and
/// `retained_bytes`. Returns all zeros when [`CountingAlloc`] is not the global allocator; check
/// [`is_counting`] when that matters.
pub fn measure_heap<R>(f: impl FnOnce() -> R) -> (R, HeapStats) {
    let _guard = PROFILER.lock().unwrap_or_else(|e| e.into_inner());
    // Testing mode writes no profile file; short backtraces keep the per-allocation cost down
    // (dhat clamps the limit to at least 4 frames).
    let profiler = dhat::Profiler::builder()
        .testing()
        .trim_backtraces(Some(4))
        .build();
    let r = std::hint::black_box(f());
    let s = dhat::HeapStats::get();
    drop(profiler);
    let stats = HeapStats {
        peak_bytes: s.max_bytes as u64,
        peak_blocks: s.max_blocks as u64,
        allocations: s.total_blocks,
        allocated_bytes: s.total_bytes,
        retained_bytes: s.curr_bytes as u64,
    };
    (r, stats)
}

/// Measures `f`: one run for wall time (no profiler), then one profiled run for heap figures.
///
/// `f` runs twice, so it must do the same work each time. Use [`time`] and [`measure_heap`]
/// directly for a closure that can only run once.
pub fn measure<R>(mut f: impl FnMut() -> R) -> Measurement {
    let (r, wall) = time(&mut f);
    drop(r);
    let (r, heap) = measure_heap(&mut f);
    drop(r);
    Measurement { wall, heap }
}

/// Whether [`CountingAlloc`] is the global allocator, so that heap figures are real.
pub fn is_counting() -> bool {
    let (_, s) = measure_heap(|| std::hint::black_box(Box::new(0u64)));
    s.allocations > 0
}
