#!/usr/bin/env bash
# Appends benchmark records to the history kept on a branch of their own:
#
#   benchmarks/ci/history-publish.sh RECORDS.jsonl [BRANCH [REMOTE]]
#
# RECORDS.jsonl holds the new record(s) (bench-pr.sh writes record.jsonl beside the history).
# The branch (default bench-history) holds one file, history.jsonl; it is created, with no
# parent, the first time. Only the new lines are appended to the branch's current file, so two
# runs that started from the same history do not drop each other's record; a push that loses a
# race is retried on the new tip. Runs from any clone whose REMOTE (default origin) accepts pushes.
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 3 ]; then
    sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
    exit 2
fi
records=$(realpath "$1")
branch=${2:-bench-history}
remote=${3:-origin}
[ -s "$records" ] || {
    echo "history-publish: $1: no records" >&2
    exit 2
}

tmp=$(mktemp -d)
# shellcheck disable=SC2317 # called by the trap
cleanup() {
    git worktree remove --force "$tmp/wt" >/dev/null 2>&1 || true
    rm -rf "$tmp"
}
trap cleanup EXIT

for attempt in 1 2 3; do
    git worktree remove --force "$tmp/wt" >/dev/null 2>&1 || true
    if git fetch --quiet "$remote" "refs/heads/$branch" 2>/dev/null; then
        git worktree add --quiet --detach "$tmp/wt" FETCH_HEAD
    else
        # First record: a branch with no parent and nothing but the history.
        git worktree add --quiet --detach "$tmp/wt" HEAD
        git -C "$tmp/wt" checkout --quiet --orphan "$branch-new"
        git -C "$tmp/wt" rm -rq --cached .
        git -C "$tmp/wt" clean -fdqx
    fi
    # A history cut by an interrupted write gets its newline back before the new lines.
    if [ -s "$tmp/wt/history.jsonl" ] && [ -n "$(tail -c 1 "$tmp/wt/history.jsonl")" ]; then
        echo >>"$tmp/wt/history.jsonl"
    fi
    cat "$records" >>"$tmp/wt/history.jsonl"
    git -C "$tmp/wt" add history.jsonl
    git -C "$tmp/wt" -c user.name="gene-bench history" -c user.email="bench-history@invalid" \
        commit --quiet -m "history: $(wc -l <"$records") record(s), $(head -c 300 "$records" |
            sed -n 's/.*"commit":"\([0-9a-zA-Z]\{1,12\}\).*/\1/p' | head -1)"
    if git -C "$tmp/wt" push --quiet "$remote" "HEAD:refs/heads/$branch"; then
        echo "history-publish: appended $(wc -l <"$records") record(s) to $remote/$branch" >&2
        exit 0
    fi
    echo "history-publish: push refused (attempt $attempt), retrying on the new tip" >&2
done
exit 1
