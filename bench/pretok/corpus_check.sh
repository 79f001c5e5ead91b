#!/bin/bash
# bench/pretok/corpus_check.sh PRETOK_BENCH [CORPORA_DIR]
#
# Offline exactness check of the known-pattern splitters on every line (and
# the whole text) of every shared corpus, against two references: Node's
# RegExp (node_split.js) and the C++ backtracking matcher (pretok_bench ref).
# Prints one line per file and pattern; exits 1 on any mismatch.
set -u
bench=$1
corpora=${2:-$(dirname "$0")/../../../shared/data/corpora}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ulimit -s unlimited 2>/dev/null || true  # The reference recurses per character.
bad=0
for f in $(find "$corpora" -type f | sort); do
  for p in gpt2 cl100k cl100k_possessive o200k; do
    node "$here/node_split.js" "$p" "$f" "$tmp/node.txt" > /dev/null || bad=1
    "$bench" check "$p" "$f" "$tmp/node.txt" | tail -1 || bad=1
    "$bench" ref "$p" "$f" | tail -1 || bad=1
  done
done
exit $bad
