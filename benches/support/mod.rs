//! Shared Criterion configuration for the bench targets: sampling settings and, on Unix, a
//! flamegraph profiler for `--profile-time`.
//!
//! `cargo bench --bench size -- --profile-time 10` runs each selected benchmark for 10 seconds
//! under a sampling profiler (the `pprof` crate, 997 Hz) instead of measuring it, and writes
//! `target/criterion/<group>/<id>/profile/flamegraph.svg`. pprof's own Criterion integration
//! targets an older Criterion, so this module implements Criterion 0.8's `Profiler` trait on top
//! of pprof's `ProfilerGuard` directly.

use std::time::Duration;

use criterion::Criterion;

/// A Criterion configured with the given sample count and times, and the flamegraph profiler.
pub fn criterion(samples: usize, warm_up_secs: u64, measurement_secs: u64) -> Criterion {
    let c = Criterion::default()
        .sample_size(samples)
        .warm_up_time(Duration::from_secs(warm_up_secs))
        .measurement_time(Duration::from_secs(measurement_secs));
    #[cfg(unix)]
    let c = c.with_profiler(flamegraph::Flamegraph::default());
    c
}

#[cfg(unix)]
mod flamegraph {
    use std::fs::File;
    use std::path::Path;

    use criterion::profiler::Profiler;
    use pprof::ProfilerGuard;

    /// Samples per second: a prime, so sampling does not lock step with periodic work.
    const FREQUENCY: i32 = 997;

    /// Samples the stacks while Criterion runs a benchmark in `--profile-time` mode.
    #[derive(Default)]
    pub struct Flamegraph {
        active: Option<ProfilerGuard<'static>>,
    }

    impl Profiler for Flamegraph {
        fn start_profiling(&mut self, _benchmark_id: &str, _benchmark_dir: &Path) {
            match ProfilerGuard::new(FREQUENCY) {
                Ok(guard) => self.active = Some(guard),
                Err(e) => eprintln!("flamegraph: cannot start the profiler: {e}"),
            }
        }

        fn stop_profiling(&mut self, benchmark_id: &str, benchmark_dir: &Path) {
            let Some(guard) = self.active.take() else {
                return;
            };
            let path = benchmark_dir.join("flamegraph.svg");
            let written = std::fs::create_dir_all(benchmark_dir)
                .map_err(|e| e.to_string())
                .and_then(|()| guard.report().build().map_err(|e| e.to_string()))
                .and_then(|report| {
                    let file = File::create(&path).map_err(|e| e.to_string())?;
                    report.flamegraph(file).map_err(|e| e.to_string())
                });
            match written {
                Ok(()) => eprintln!("{benchmark_id}: flamegraph at {}", path.display()),
                Err(e) => eprintln!("{benchmark_id}: flamegraph not written: {e}"),
            }
        }
    }
}
