#!/bin/sh
# Builds the protocol driver of the reference Gene reader (gene_protocol.nim) against a checkout
# of gene-lang/gene, and prints the driver's path.
#
#   benchmarks/reference/build.sh /path/to/gene [OUT]      (OUT: default target/reference)
#
# The checkout is never modified: its src/ is copied into OUT/src first. Upstream builds with
# Nim 2 (`--mm:orc`). With Nim 1.6 the copy gets the edits of nim16_compat below, which change
# no parsing code (checked at commit f3a441c4; see README.md).
set -eu
[ $# -ge 1 ] || { echo "usage: build.sh GENE_CHECKOUT [OUT]" >&2; exit 2; }
ref=$1
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${2:-$root/target/reference}
[ -f "$ref/src/gene/parser.nim" ] || { echo "build.sh: $ref has no src/gene/parser.nim" >&2; exit 2; }
command -v nim >/dev/null || { echo "build.sh: nim is not on the PATH" >&2; exit 2; }
mkdir -p "$out"
rm -rf "$out/src"
cp -R "$ref/src" "$out/src"

# Nim 1.6 lacks three things the reader's value system uses: the `=default` hook and
# `=destroy(x: T)` (Nim 2 hooks), overloadable enums by default, and the `@[@[]]` literal's
# inference; and its templates substitute a parameter named like the exception's field.
nim16_compat() {
    src=$1
    memory=$src/gene/types/memory.nim
    # `=default` only zeroes the word, which Nim 1.6 does for every fresh value anyway.
    awk '/^proc `=default`\*\(v: var Value\)/ { skip = 1; next }
         skip && /^[^ ]/ { skip = 0 }
         !skip { print }' "$memory" > "$memory.new" && mv "$memory.new" "$memory"
    sed -i 's/^proc `=destroy`\*(v: Value) =/proc `=destroy`*(v: var Value) =/' "$memory"
    grep -rl 'new_exception(type_defs\.Exception,' "$src" | while read -r f; do
        sed -i 's/new_exception(type_defs\.Exception,/(ref type_defs.Exception)(msg:/g' "$f"
    done
    sed -i 's/template examples_error(msg: string) =/template examples_error(emsg: string) =/;
            s/fn_name \& ": " \& msg)$/fn_name \& ": " \& emsg)/' \
        "$src/gene/types/core/functions.nim"
    sed -i 's/var segments: seq\[seq\[Value\]\] = @\[@\[\]\]/var segments: seq[seq[Value]] = @[newSeq[Value]()]/' \
        "$src/gene/parser.nim"
}

major=$(nim --version | sed -n 's/^Nim Compiler Version \([0-9]*\)\..*/\1/p' | head -1)
if [ "$major" = 1 ]; then
    nim16_compat "$out/src"
    flags="--gc:orc --experimental:overloadableEnums"
else
    flags="--mm:orc"
fi
# shellcheck disable=SC2086
nim c -d:release -d:danger --opt:speed --hints:off $flags --path:"$out/src" \
    --nimcache:"$out/nimcache" -o:"$out/gene_protocol" "$here/gene_protocol.nim" >&2
echo "$out/gene_protocol"
