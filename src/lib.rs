//! Measurement tools shared by the benchmark suite (`benches/`) and its report command.
