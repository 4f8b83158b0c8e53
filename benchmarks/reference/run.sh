#!/bin/sh
# Side by side: the reference Gene reader (Nim) and gene-parser on the same generated files.
#
#   GENE_REF=/path/to/gene benchmarks/reference/run.sh [LINES...]
#
# GENE_REF is a checkout of gene-lang/gene (the reader must compile with the machine's Nim).
# Settings, from the environment: SEED (42), MIX (default), ROUNDS (5), N (20 parses per
# program per file per round). Prints one line per program, file and round; compare medians.
set -eu
: "${GENE_REF:?set GENE_REF to a checkout of gene-lang/gene}"
SEED=${SEED:-42}
MIX=${MIX:-default}
ROUNDS=${ROUNDS:-5}
N=${N:-20}
[ $# -gt 0 ] || set -- 50000 100000
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=${WORK:-$root/target/reference}
mkdir -p "$work/inputs"

cargo build --quiet --release --manifest-path "$root/Cargo.toml" -p gene-gen -p gene-parser
nim c -d:release -d:danger --opt:speed --hints:off --path:"$GENE_REF/src" \
    --nimcache:"$work/nimcache" -o:"$work/bench_ref" "$here/bench_ref.nim"

# gene-gen names each file by its settings and prints its path.
cd "$work/inputs"
files=""
for lines in "$@"; do
    path=$("$root/target/release/gene-gen" --lines "$lines" --seed "$SEED" --mix "$MIX" --out .)
    files="$files $(basename "$path")"
done
for round in $(seq "$ROUNDS"); do
    for f in $files; do
        echo "round=$round ours      $("$root/target/release/gene-parse" stats --repeat "$N" "$f")"
        echo "round=$round reference $("$work/bench_ref" "$f" "$N" || true)"
    done
done
