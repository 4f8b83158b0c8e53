//! Measure any Gene implementation with the suite's inputs, side by side with gene-parser.
//!
//! An external implementation is a command that speaks the protocol of
//! `benchmarks/external/PROTOCOL.md` (version [`protocol::VERSION`]): run with a file, it prints
//! the canonical dump or `ok N`; run with `--repeat N FILE`, it prints its own time for each of
//! N parses. The suite ([`suite`]) generates its inputs with gene-gen (seed 42), checks every
//! implementation's answer against gene-parser before timing anything ([`protocol::compare`]),
//! then times all of them in alternation, round after round, with each child's peak RSS taken
//! from the kernel ([`run`]). [`render`] turns the result into a table, Markdown, JSON and SVG.
//!
//! - [`config`]: `name=command` specs, from `GENE_EXTERNAL` or `--impl`.
//! - [`protocol`]: the protocol's answers, parsed strictly, and the conformance comparison.
//! - [`driver`]: gene-parser's own driver (`gene-external protocol`), the baseline column.
//! - [`run`]: one child process, its output, wall time and peak resident set.

pub mod config;
pub mod driver;
pub mod protocol;
pub mod render;
pub mod run;
pub mod suite;
