#!/bin/sh
# Fetches a real Gene code base, gene-lang/gene at a pinned commit, into an ignored directory,
# for the `corpus` Criterion group and the external comparison:
#
#   benchmarks/external/fetch_corpus.sh [DIR]        (default benchmarks/data/external_corpus)
#   GENE_CORPUS=benchmarks/data/external_corpus/gene cargo bench --bench corpus
#   cargo run --release --bin gene-external -- --corpus benchmarks/data/external_corpus/gene
#
# Only the commit's *.gene files are kept (examples, test suite, example projects). Without git
# or network it says so and exits 0, so that a suite script calling it goes on without the
# corpus. Exit 2 only for a usage error.
set -eu
REPO=${GENE_CORPUS_REPO:-https://github.com/gene-lang/gene.git}
COMMIT=${GENE_CORPUS_COMMIT:-f3a441c468bed3b62eaab83244b7ee39b32ef5f8}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
[ $# -le 1 ] || { echo "usage: fetch_corpus.sh [DIR]" >&2; exit 2; }
dest=${1:-$root/benchmarks/data/external_corpus}
target=$dest/gene
if [ -f "$target/.commit" ] && [ "$(cat "$target/.commit")" = "$COMMIT" ]; then
    echo "fetch_corpus: $target already holds $COMMIT"
    exit 0
fi
command -v git >/dev/null || { echo "fetch_corpus: no git; going on without the corpus"; exit 0; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A partial clone where the server allows it (only the *.gene blobs are then read), a shallow
# one otherwise.
if ! git -C "$work" init -q ||
   ! { git -C "$work" fetch -q --depth 1 --filter=blob:none "$REPO" "$COMMIT" 2>"$work/err" ||
       git -C "$work" fetch -q --depth 1 "$REPO" "$COMMIT" 2>"$work/err"; }; then
    echo "fetch_corpus: cannot fetch $REPO at $COMMIT ($(head -1 "$work/err" 2>/dev/null)); going on without the corpus"
    exit 0
fi
git -C "$work" ls-tree -r --name-only FETCH_HEAD | grep '\.gene$' > "$work/list" || true
rm -rf "$target"
mkdir -p "$target"
while read -r path; do
    mkdir -p "$target/$(dirname "$path")"
    git -C "$work" show "FETCH_HEAD:$path" > "$target/$path"
done < "$work/list"
echo "$COMMIT" > "$target/.commit"
echo "fetch_corpus: $(wc -l < "$work/list") files of $REPO at $COMMIT in $target"
