#!/usr/bin/env bash
# Held-out compression of the WordPiece trainers (issue 4: "the likelihood
# WordPiece beats the BPE-style one on held-out compression or says by how
# much it does not"). Trains on the first 90% of the corpus lines and counts
# the tokens each vocabulary gives on the last 10% (tokenforge encode, greedy
# longest match as in BERT):
#   likelihood        count(ab) / (count(a) count(b)), the default, for each
#                     min frequency in MIN_FREQS
#   gain              count(ab) log(count(ab) N / (count(a) count(b)))
#   hf                HF's BPE-based WordPiece trainer (highest count(ab))
#
#   bench/train/wordpiece_heldout.sh [CORPUS] [VOCAB]
#
# CORPUS defaults to out/kerneldocs.txt, VOCAB to 30000; MIN_FREQS defaults
# to "0 2 10 50 200". Results: out/bench/wordpiece_heldout_<corpus>_<vocab>.md
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
tf="${TF_BIN:-$root/build/cli/tokenforge}"
corpus="${1:-$root/out/kerneldocs.txt}"
vocab="${2:-30000}"
min_freqs="${MIN_FREQS:-0 2 10 50 200}"
[ -x "$tf" ] || { echo "missing $tf (build it, or set TF_BIN)" >&2; exit 1; }
[ -s "$corpus" ] || { echo "missing corpus $corpus" >&2; exit 1; }
name="$(basename "$corpus" .txt)"
work="$root/out/bench/wordpiece_heldout_${name}_$vocab"
mkdir -p "$work"
lines=$(wc -l < "$corpus")
head -n $((lines * 9 / 10)) "$corpus" > "$work/train.txt"
tail -n +$((lines * 9 / 10 + 1)) "$corpus" > "$work/test.txt"

# run LABEL TRAIN_FLAGS...: trains, encodes the test part, prints a row.
baseline=""
run() {
  local label="$1"; shift
  local start end
  start=$(date +%s.%N)
  "$tf" train -q --model wordpiece --vocab-size "$vocab" --threads 2 "$@" \
    -o "$work/$label.json" "$work/train.txt"
  end=$(date +%s.%N)
  local tokens
  tokens=$("$tf" encode -t "$work/$label.json" -i "$work/test.txt" -o /dev/null --stats 2>&1 |
    sed -n 's/.* \([0-9]*\) tokens,.*/\1/p')
  [ -z "$baseline" ] && baseline=$tokens
  awk -v l="$label" -v t="$tokens" -v b="$baseline" -v s="$start" -v e="$end" \
    -v bytes="$(wc -c < "$work/test.txt")" \
    'BEGIN { printf "| %s | %.1f | %d | %.4f | %+.1f%% |\n", l, e - s, t, bytes / t, 100 * (t / b - 1) }'
}
{
  echo "## WordPiece held-out compression: $name, vocab $vocab"
  echo
  echo "Train: first $((lines * 9 / 10)) lines ($(wc -c < "$work/train.txt") bytes);" \
    "test: the other $((lines - lines * 9 / 10)) ($(wc -c < "$work/test.txt") bytes)."
  echo
  echo "| trainer | train s | test tokens | bytes/token | tokens vs hf |"
  echo "|---|---|---|---|---|"
  run hf --wordpiece-mode hf
  run gain --wordpiece-mode gain
  for mf in $min_freqs; do run "likelihood-mf$mf" --wordpiece-mode likelihood --min-frequency "$mf"; done
} | tee "$root/out/bench/wordpiece_heldout_${name}_$vocab.md"
