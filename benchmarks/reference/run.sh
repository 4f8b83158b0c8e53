#!/bin/sh
# The reference Gene reader side by side with gene-parser, through gene-external:
#
#   GENE_REF=/path/to/gene benchmarks/reference/run.sh [GENE-EXTERNAL ARGS...]
#
# builds the reference's protocol driver (build.sh) and runs
# `gene-external --impl "ref=DRIVER {file}" ARGS...` (e.g. --large, --rounds 9).
set -eu
: "${GENE_REF:?set GENE_REF to a checkout of gene-lang/gene}"
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
driver=$("$here/build.sh" "$GENE_REF")
cargo build --quiet --release --manifest-path "$root/Cargo.toml" --bin gene-external
exec "$root/target/release/gene-external" --impl "ref=$driver {file}" "$@"
