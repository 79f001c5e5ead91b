#!/usr/bin/env bash
# Issue 4's determinism acceptance on real corpora: for every model kind the
# tokenizer.json is byte-identical for --threads 1, 2 and 3, on a second run,
# from the corpus's count file, and from the count files of its two halves.
#
#   bench/train/check_determinism.sh [CORPUS...]
#
# Default corpora: the Japanese novel, the Chinese classics and (when
# present) out/kerneldocs.txt. VOCAB defaults to 30000 (12000 below 3 MB).
# Exit status 1 when any file differs.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
tf="${TF_BIN:-$root/build/cli/tokenforge}"
data="$root/../shared/data/corpora"
[ -x "$tf" ] || { echo "missing $tf (build it, or set TF_BIN)" >&2; exit 1; }
if [ $# -gt 0 ]; then
  corpora=("$@")
else
  corpora=("$data/ja/wagahaiwa_nekodearu.txt" "$data/zh/chinese_classics_poetry.txt")
  [ -s "$root/out/kerneldocs.txt" ] && corpora+=("$root/out/kerneldocs.txt")
fi
kinds=("bpe" "bpe --char-level --byte-fallback" "wordpiece" "wordpiece --wordpiece-mode hf"
       "unigram --byte-fallback" "char --byte-fallback")
work="$root/out/bench/determinism"
mkdir -p "$work"
failed=0
for corpus in "${corpora[@]}"; do
  [ -s "$corpus" ] || { echo "SKIPPED: $corpus is absent"; continue; }
  bytes=$(wc -c < "$corpus")
  vocab="${VOCAB:-$([ "$bytes" -ge 3000000 ] && echo 30000 || echo 12000)}"
  lines=$(wc -l < "$corpus")
  head -n $((lines / 2)) "$corpus" > "$work/half1.txt"
  tail -n +$((lines / 2 + 1)) "$corpus" > "$work/half2.txt"
  for kind in "${kinds[@]}"; do
    read -r -a flags <<< "$kind"
    [ "${flags[0]}" = char ] && v=$((vocab < 9000 ? vocab : 9000)) || v=$vocab
    train() { "$tf" train -q --model "${flags[@]}" --vocab-size "$v" "$@"; }
    # Counting uses the same pipeline flags as training.
    count_flags=(--model "${flags[0]}")
    for f in "${flags[@]:1}"; do
      case "$f" in --char-level|--byte-fallback) count_flags+=("$f") ;; esac
    done
    train --threads 1 -o "$work/t1.json" "$corpus"
    train --threads 2 -o "$work/t2.json" "$corpus"
    train --threads 3 -o "$work/t3.json" "$corpus"
    train --threads 2 -o "$work/again.json" "$corpus"
    "$tf" count "${count_flags[@]}" --threads 2 -o "$work/all.tsv" "$corpus"
    "$tf" count "${count_flags[@]}" --threads 2 -o "$work/h1.tsv" "$work/half1.txt"
    "$tf" count "${count_flags[@]}" --threads 2 -o "$work/h2.tsv" "$work/half2.txt"
    train --threads 2 -o "$work/counts.json" --from-counts "$work/all.tsv"
    train --threads 2 -o "$work/halves.json" --from-counts "$work/h1.tsv" "$work/h2.tsv"
    verdict=identical
    for f in t2 t3 again counts halves; do
      cmp -s "$work/t1.json" "$work/$f.json" || { verdict="DIFFERENT ($f)"; failed=1; }
    done
    echo "$(basename "$corpus") | $kind | vocab $v | $(md5sum < "$work/t1.json" | cut -c1-12) | $verdict"
  done
done
exit "$failed"
