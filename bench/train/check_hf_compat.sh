#!/usr/bin/env bash
# Issue 4: "The output loads in HF tokenizers and encodes there exactly as in
# tokenforge." Trains every model kind on each corpus, encodes the corpus
# line by line with HF tokenizers 0.23.2 (npm, bench/peers) and with
# `tokenforge encode`, and compares the ids of every line.
#
#   bench/train/check_hf_compat.sh [CORPUS...]
#
# Default corpora: botchan (English), the Japanese novel, the German quotes
# and the Chinese classics from ../shared/data/corpora. VOCAB (default 4000;
# 12000 for the Chinese corpus, whose alphabet alone is ~8,500).
# Exit status 1 when any (corpus, kind) differs.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
tf="${TF_BIN:-$root/build/cli/tokenforge}"
data="$root/../shared/data/corpora"
[ -x "$tf" ] || { echo "missing $tf (build it, or set TF_BIN)" >&2; exit 1; }
# The npm peers (pinned in bench/peers), and NODE_PATH for ../shared/peers' scripts.
source "$root/bench/peers/ensure_peers.sh"
if [ $# -gt 0 ]; then
  corpora=("$@")
else
  corpora=("$data/en/botchan.txt" "$data/ja/wagahaiwa_nekodearu.txt"
           "$data/multi/fortunes_de_zitate.txt" "$data/zh/chinese_classics_poetry.txt")
fi
kinds=(
  "bpe"
  "bpe --char-level --byte-fallback --character-coverage 0.999"
  "wordpiece"
  "wordpiece --wordpiece-mode gain"
  "wordpiece --wordpiece-mode hf"
  "unigram"
  "unigram --byte-fallback"
  "char --byte-fallback --character-coverage 0.999"
)
work="$root/out/bench/hf_compat"
mkdir -p "$work"
failed=0
for corpus in "${corpora[@]}"; do
  [ -s "$corpus" ] || { echo "SKIPPED: $corpus is absent"; continue; }
  vocab="${VOCAB:-4000}"
  case "$corpus" in *chinese*) vocab="${VOCAB:-12000}" ;; esac
  for kind in "${kinds[@]}"; do
    read -r -a flags <<< "$kind"
    "$tf" train -q --model "${flags[@]}" --vocab-size "$vocab" --threads 2 \
      -o "$work/tokenizer.json" "$corpus"
    RAYON_NUM_THREADS=2 node "$root/bench/peers/encode_peer.js" hf-batch "$work/tokenizer.json" "$corpus" \
      "$work/hf.ids" > /dev/null
    "$tf" encode -t "$work/tokenizer.json" -i "$corpus" -o "$work/tf.ids"
    lines=$(wc -l < "$corpus")
    if cmp -s "$work/hf.ids" "$work/tf.ids"; then
      echo "$(basename "$corpus") | $kind | $lines lines | identical"
    else
      echo "$(basename "$corpus") | $kind | $lines lines | DIFFERENT on $(diff "$work/hf.ids" "$work/tf.ids" | grep -c '^<') lines"
      failed=1
    fi
  done
done
exit "$failed"
