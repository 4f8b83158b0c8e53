//! Measurement tools shared by the benchmark suite (`benches/`), the report command
//! (`gene-report`) and the regression gate (`gene-gate`).
//!
//! - [`inputs`]: benchmark inputs generated in memory from fixed seeds, built once per process,
//!   with the token and node counts each benchmark asserts before timing.
//! - [`measure`]: measure any closure's wall time, peak heap, allocation count and allocated
//!   bytes through a counting global allocator ([`dhat`]).
//! - [`peers`]: one random data tree rendered as Gene and as JSON, for the `peers` benchmark.
//! - [`stats`]: mean, median, standard deviation and least-squares fits.
//! - [`report`]: the memory and throughput report (`benchmark_reports/report.{json,md,svg}`).
//! - [`ab`]: the interleaved A/B comparison of two builds' parse time (`gene-gate ab`), the
//!   wall-time verdict that survives a noisy machine.
//! - [`gate`]: fail a CI job when Criterion's saved comparison or a memory report shows a
//!   regression beyond a threshold.
//! - [`external`]: other Gene implementations measured side by side with gene-parser, through
//!   the external-parser protocol (`gene-external`).
//! - [`history`]: the benchmark history (one JSON line per run) and its trend plot and table.
//! - [`cli`]: the command-line conventions `gene-report` and `gene-gate` share (standard output
//!   that ends quietly on a closed pipe, bounded arguments, bounded reading).
//!
//! Nothing here installs a global allocator: the benchmarks time the parser on the system
//! allocator, and only the binaries and tests that ask for heap figures opt in.

pub mod ab;
pub mod cli;
pub mod external;
pub mod gate;
pub mod history;
pub mod inputs;
pub mod measure;
pub mod peers;
pub mod report;
pub mod stats;
