#!/usr/bin/env bash
# Calibrates the interleaved A/B comparison (`gene-gate ab`) on this machine:
#   1. 10 comparisons of two identical builds (two checkouts of HEAD, built separately):
#      false regressions at thresholds 2%, 5% and 10%;
#   2. the planted slowdown (gene-parser feature `calibration-slowdown`, GENE_CALIBRATION_SPINS
#      spins per 1,000 tokens) at amounts tuned to 3%, 5% and 10% on mix-10000, each amount
#      verified by a long run (the measured slowdown per input is what the table reports);
#   3. planted slowdowns of 3% (5 comparisons), 5% (10) and 10% (5): detection rate at the
#      default threshold.
# Every comparison uses the command's defaults (rounds, inputs, threshold) and its own seed.
# Writes OUT/json/*.json (every comparison's report) and OUT/results.md (the tables).
#
# Usage: benchmarks/ab/calibrate.sh [OUT]   (default OUT: target/gene-ab-calibration)
# Environment: IDENTICAL (10), PLANTED_3 (5), PLANTED_5 (10), PLANTED_10 (5): comparison counts;
# LONG_ROUNDS (150) and LONG_TIME_LIMIT (120): rounds and time limit of the verification runs;
# SPINS_3, SPINS_5, SPINS_10: the planted amounts (spins per 1,000 tokens).
set -euo pipefail

root=$(git rev-parse --show-toplevel)
cd "$root"
out=${1:-target/gene-ab-calibration}
mkdir -p "$out/json"
out=$(cd "$out" && pwd)
identical=${IDENTICAL:-10}
planted_3=${PLANTED_3:-5}
planted_5=${PLANTED_5:-10}
planted_10=${PLANTED_10:-5}
long_rounds=${LONG_ROUNDS:-150}
long_limit=${LONG_TIME_LIMIT:-120}
# ROUNDS: rounds of the ordinary comparisons (default: the command's default). EXTRA_ARGS: more
# arguments for every comparison. A quick trial of this script:
#   ROUNDS=6 LONG_ROUNDS=8 LONG_TIME_LIMIT=5 EXTRA_ARGS="--inputs mix-300" IDENTICAL=2 PLANTED_3=1 PLANTED_5=1 \
#   PLANTED_10=1 benchmarks/ab/calibrate.sh target/ab-trial
EXTRA_ARGS=${EXTRA_ARGS:-}

cargo build --release --quiet --bin gene-gate
gate=$root/target/release/gene-gate

# Two checkouts of the same commit, so that "identical" means two separate builds, as in a real
# comparison (not one binary run twice). They are removed at exit; the driver builds stay in
# OUT/work, so a rerun recompiles gene-parser only.
commit=$(git rev-parse HEAD)
cleanup() {
    for side in a b; do
        git worktree remove --force "$out/$side" 2>/dev/null || true
    done
}
trap cleanup EXIT
for side in a b; do
    git worktree remove --force "$out/$side" 2>/dev/null || true
    git worktree add --quiet --detach "$out/$side" "$commit"
done

compare() { # NAME SEED ROUNDS [ARGS...]: one comparison (ROUNDS "" for the default); its
    # JSON report and wall time are kept
    local name=$1 seed=$2 rounds=${3:-${ROUNDS:-}}
    shift 3
    local start end status=0
    start=$(date +%s.%N)
    "$gate" ab --quiet --base-dir "$out/a" --change-dir "$out/b" --work-dir "$out/work" \
        --seed "$seed" --json "$out/json/$name.json" ${rounds:+--rounds "$rounds"} $EXTRA_ARGS "$@" >"$out/json/$name.txt" || status=$?
    end=$(date +%s.%N)
    if [ "$status" -gt 1 ]; then
        echo "calibrate: $name failed (exit $status)" >&2
        exit 2
    fi
    python3 - "$out/json/$name.json" "$start" "$end" <<'PY'
import json, sys
path, start, end = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
r = json.load(open(path))
r["wall_seconds"] = end - start
json.dump(r, open(path, "w"), indent=1)
PY
    echo "calibrate: $name: $(tail -1 "$out/json/$name.txt")" >&2
}

planted() { # SPINS: the arguments of a planted build
    echo --change-features calibration-slowdown --change-env "GENE_CALIBRATION_SPINS=$1"
}

echo "calibrate: $(date -u +%FT%TZ) at $commit; load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

for i in $(seq 1 "$identical"); do
    compare "identical-$i" "$((100 + i))" ""
done

# The planted amounts, tuned beforehand on mix-10000 (the cost is linear in the spins, zero at
# zero: 2,000 spins per 1k tokens measured +3.2%), and verified here by one long run each.
s3=${SPINS_3:-1875}
s5=${SPINS_5:-3125}
s10=${SPINS_10:-6250}
echo "calibrate: spins for 3%, 5%, 10%: $s3 $s5 $s10" >&2
for pair in "3 $s3" "5 $s5" "10 $s10"; do
    set -- $pair
    # shellcheck disable=SC2046
    compare "verify-$1" 8 "$long_rounds" --time-limit "$long_limit" $(planted "$2")
done

for pair in "3 $s3 $planted_3" "5 $s5 $planted_5" "10 $s10 $planted_10"; do
    set -- $pair
    for i in $(seq 1 "$3"); do
        # shellcheck disable=SC2046
        compare "planted-$1-$i" "$((200 + 10 * $1 + i))" "" $(planted "$2")
    done
done

echo "$s3 $s5 $s10" >"$out/spins.txt"
python3 "$root/benchmarks/ab/summarize.py" "$out" | tee "$out/results.md"
echo "calibrate: $(date -u +%FT%TZ) done; load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
