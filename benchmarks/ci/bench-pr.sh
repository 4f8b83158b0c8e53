#!/usr/bin/env bash
# Benchmarks a change against its base on this machine, the way the CI job does
# (.github/workflows/bench.yml runs exactly this script):
#
#   benchmarks/ci/bench-pr.sh BASE_REV CHANGE_REV
#
# Both revisions are checked out detached, by commit, into worktrees of their own (so a branch
# checked out elsewhere, main in CI, is no obstacle), and measured one after the other on the
# same machine. The gates, in the order they decide:
#
#   instruction counts  gungraun/Callgrind Ir of a full parse, base vs change   fails above +1%
#   heap counts         gene-report's exact peak/allocations/bytes, base vs change  fails above +1%
#   A/B wall time       gene-gate ab: the two builds interleaved, 95% interval  fails above +2%
#   Criterion           the sequential suite against the saved baseline `pr-base`  reported only
#
# Sequential wall time is not gated: two runs of identical code on a shared machine differ by
# up to 40%; the interleaved A/B comparison is the wall-time gate. The results go to $BENCH_OUT
# (default target/bench-pr): the gates' JSON and tables, summary.md (also appended to
# $GITHUB_STEP_SUMMARY when that is set), the memory reports, and, with BENCH_HISTORY, the
# history with the change's record appended and its plot and table.
#
# Settings (environment):
#   BENCH_QUICK=1             quick, noisy settings for trying the path (the defaults below
#                             become: Criterion on `size` only with short times, gene-report on
#                             1k and 10k lines, A/B 6 to 12 rounds of mix-1000 and mix-10000)
#   BENCH_OUT=DIR             where results go [target/bench-pr]
#   BENCH_CRITERION_TARGETS   `cargo bench` target selection, e.g. "--bench size" [all]
#   BENCH_CRITERION_FLAGS     Criterion flags, e.g. "--measurement-time 2" [Criterion's]
#   BENCH_REPORT_SIZES        gene-report --sizes [10000,100000]
#   BENCH_AB_ARGS             extra `gene-gate ab` arguments [none]
#   BENCH_INSTRUCTIONS        auto | on | off: auto runs them when valgrind and gungraun-runner
#                             are installed, and reports "not run" otherwise [auto]
#   BENCH_HISTORY=FILE        a JSON-lines history: copied to $BENCH_OUT/history.jsonl, the
#                             change's record appended (also alone in record.jsonl, for
#                             history-publish.sh), and rendered (history.svg, history.md)
#   INSTRUCTIONS_THRESHOLD, MEMORY_THRESHOLD, AB_THRESHOLD, TIME_THRESHOLD   percentages
#                             [1, 1, 2, 10]
#
# Exit status: 0 no gate failed, 1 a gating gate found a regression, 2 a gating gate gave no
# result (a step failed) or the arguments were wrong.
set -uo pipefail

usage() {
    sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
    exit 2
}
[ $# -eq 2 ] || usage
case "$1$2" in -*) usage ;; esac

repo=$(git rev-parse --show-toplevel) || exit 2
cd "$repo" || exit 2
base_sha=$(git rev-parse --verify --quiet "$1^{commit}") || {
    echo "bench-pr: $1 is not a commit of $repo" >&2
    exit 2
}
change_sha=$(git rev-parse --verify --quiet "$2^{commit}") || {
    echo "bench-pr: $2 is not a commit of $repo" >&2
    exit 2
}

quick=${BENCH_QUICK:-0}
out=${BENCH_OUT:-$repo/target/bench-pr}
mkdir -p "$out" || exit 2
out=$(cd "$out" && pwd)
# Both builds share one target directory: Criterion keeps the base's saved baseline next to the
# change's results, and the dependencies are built once.
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$repo/target}
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}

if [ "$quick" = 1 ]; then
    criterion_targets=${BENCH_CRITERION_TARGETS:---bench size}
    criterion_flags=${BENCH_CRITERION_FLAGS:---warm-up-time 0.1 --measurement-time 0.3 --sample-size 10}
    report_sizes=${BENCH_REPORT_SIZES:-1000,10000}
    ab_args=${BENCH_AB_ARGS:---rounds 12 --time-limit 5 --inputs mix-1000,mix-10000}
else
    criterion_targets=${BENCH_CRITERION_TARGETS:-}
    criterion_flags=${BENCH_CRITERION_FLAGS:-}
    report_sizes=${BENCH_REPORT_SIZES:-10000,100000}
    ab_args=${BENCH_AB_ARGS:-}
fi
instructions_threshold=${INSTRUCTIONS_THRESHOLD:-1}
memory_threshold=${MEMORY_THRESHOLD:-1}
ab_threshold=${AB_THRESHOLD:-2}
time_threshold=${TIME_THRESHOLD:-10}

say() { printf '\n== bench-pr: %s\n' "$*" >&2; }

# The worktrees live under $out and are removed on any exit.
work="$out/worktrees"
cleanup() {
    for side in base change; do
        if [ -d "$work/$side" ]; then
            git -C "$repo" worktree remove --force "$work/$side" >/dev/null 2>&1 || true
        fi
    done
    git -C "$repo" worktree prune >/dev/null 2>&1 || true
}
trap cleanup EXIT
cleanup
# Results of an earlier run in the same place must not pass for this run's.
rm -rf "$work" "$out"/gate-* "$out"/instructions-*.json "$out"/report-base "$out"/report-change \
    "$out"/gungraun-base "$out"/gungraun-change "$out"/failed-steps.txt "$out"/summary.md \
    "$out"/history.* "$out"/record.jsonl
mkdir -p "$work"
for side in base change; do
    sha=$base_sha
    [ "$side" = change ] && sha=$change_sha
    git -C "$repo" worktree add --detach --quiet "$work/$side" "$sha" || exit 2
done
say "base $base_sha, change $change_sha, results in $out"

# The gates are the change's own gene-gate (the script's checkout), copied out of the shared
# target directory so that building the base cannot replace it.
say "building gene-gate"
cargo build --release --quiet --bin gene-gate || exit 2
mkdir -p "$out/bin"
cp "$CARGO_TARGET_DIR/release/gene-gate" "$out/bin/gene-gate" || exit 2
gate="$out/bin/gene-gate"

instructions=${BENCH_INSTRUCTIONS:-auto}
if [ "$instructions" = auto ]; then
    if command -v valgrind >/dev/null && command -v gungraun-runner >/dev/null; then
        instructions=on
    else
        instructions=off
        say "valgrind or gungraun-runner not found: instruction counts not run"
    fi
fi

# word-splitting of the settings is intended: they are lists of arguments.
# shellcheck disable=SC2086
measure() {
    local side=$1 dir="$work/$1"
    if [ "$side" = base ]; then
        say "$side: Criterion suite, saved as baseline pr-base"
        (cd "$dir" && cargo bench $criterion_targets -- --save-baseline pr-base $criterion_flags) ||
            echo "criterion" >>"$out/failed-steps.txt"
    else
        say "$side: Criterion suite, compared with baseline pr-base"
        (cd "$dir" && cargo bench $criterion_targets -- --baseline-lenient pr-base $criterion_flags) ||
            echo "criterion" >>"$out/failed-steps.txt"
    fi
    if grep -q 'name = "gene-report"' "$dir/Cargo.toml"; then
        say "$side: memory report ($report_sizes lines)"
        (cd "$dir" && cargo run --release --quiet --bin gene-report -- \
            --runs 1 --sizes "$report_sizes" --out "$out/report-$side") >/dev/null ||
            echo "memory report ($side)" >>"$out/failed-steps.txt"
    else
        say "$side has no gene-report: no memory report"
    fi
    if [ "$instructions" = on ]; then
        if grep -q '^instructions = ' "$dir/Cargo.toml"; then
            say "$side: instruction counts (Callgrind)"
            # A home of its own per side: gungraun then has no earlier run to hold the counts
            # against, and gene-gate alone judges.
            (cd "$dir" && cargo bench --quiet --features instructions --bench instructions -- \
                --home="$out/gungraun-$side" --output-format=json) >"$out/instructions-$side.json" ||
                echo "instruction counts ($side)" >>"$out/failed-steps.txt"
        else
            say "$side has no instruction-count benchmark"
        fi
    fi
}
measure base
measure change

say "gate: instruction counts (fails above +$instructions_threshold%)"
if [ -s "$out/instructions-base.json" ] && [ -s "$out/instructions-change.json" ]; then
    "$gate" instructions "$out/instructions-base.json" "$out/instructions-change.json" \
        --threshold "$instructions_threshold" --json >"$out/gate-instructions.json"
    "$gate" instructions "$out/instructions-base.json" "$out/instructions-change.json" \
        --threshold "$instructions_threshold" | tee "$out/gate-instructions.txt" >&2
fi

say "gate: heap counts (fails above +$memory_threshold%)"
if [ -f "$out/report-base/report.json" ] && [ -f "$out/report-change/report.json" ]; then
    "$gate" memory "$out/report-base/report.json" "$out/report-change/report.json" \
        --threshold "$memory_threshold" --json >"$out/gate-memory.json"
    "$gate" memory "$out/report-base/report.json" "$out/report-change/report.json" \
        --threshold "$memory_threshold" | tee "$out/gate-memory.txt" >&2
fi

say "gate: A/B wall time, interleaved (fails above +$ab_threshold%)"
# shellcheck disable=SC2086
"$gate" ab --base-dir "$work/base" --change-dir "$work/change" --threshold "$ab_threshold" \
    --json "$out/gate-ab.json" $ab_args | tee "$out/gate-ab.txt" >&2
[ -s "$out/gate-ab.json" ] || echo "A/B comparison" >>"$out/failed-steps.txt"

say "report: sequential Criterion wall time against pr-base (not gated)"
"$gate" criterion --baseline pr-base --threshold "$time_threshold" --json >"$out/gate-criterion.json"
"$gate" criterion --baseline pr-base --threshold "$time_threshold" | tee "$out/gate-criterion.txt" >&2

# Which files the summary reads: a gate that was to run but left no file shows as "no result".
summary_args=(--memory "$out/gate-memory.json" --ab "$out/gate-ab.json")
[ "$instructions" = on ] && summary_args+=(--instructions "$out/gate-instructions.json")
[ -s "$out/gate-criterion.json" ] && summary_args+=(--criterion "$out/gate-criterion.json")
"$gate" ci-summary "${summary_args[@]}" >"$out/summary.md"
verdict=$?
if [ -s "$out/failed-steps.txt" ]; then
    {
        echo
        echo "Steps that failed (see the job log): $(paste -sd, "$out/failed-steps.txt" | sed 's/,/, /g')."
    } >>"$out/summary.md"
fi

if [ -n "${BENCH_HISTORY:-}" ]; then
    say "history: the change's record"
    if [ -f "$BENCH_HISTORY" ]; then
        cp "$BENCH_HISTORY" "$out/history.jsonl"
    else
        : >"$out/history.jsonl"
    fi
    history_args=(--file "$out/history.jsonl" --commit "$change_sha"
        --criterion "$CARGO_TARGET_DIR/criterion")
    [ -f "$out/report-change/report.json" ] && history_args+=(--report "$out/report-change/report.json")
    [ -s "$out/instructions-change.json" ] && history_args+=(--instructions "$out/instructions-change.json")
    if "$gate" history append "${history_args[@]}" &&
        tail -n 1 "$out/history.jsonl" >"$out/record.jsonl" &&
        "$gate" history render "$out/history.jsonl" --last 20 \
            --svg "$out/history.svg" --markdown "$out/history.md"; then
        {
            echo
            echo "### History (last 20 records; plot in the artifact, history.svg)"
            echo
            cat "$out/history.md"
        } >>"$out/summary.md"
    else
        echo "history" >>"$out/failed-steps.txt"
    fi
fi

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    cat "$out/summary.md" >>"$GITHUB_STEP_SUMMARY"
fi
say "summary ($out/summary.md)"
cat "$out/summary.md" >&2

if [ "$verdict" -eq 0 ] && [ -s "$out/failed-steps.txt" ]; then
    verdict=2
fi
exit "$verdict"
