#!/usr/bin/env bash
# Training benchmark: tokenforge vs SentencePiece (spm_train, Debian) and HF
# tokenizers (npm, official Node binding), in one run, on one corpus, with
# the same thread count. For each trainer it reports wall time and peak RSS
# (/usr/bin/time -v around the whole process) and the compression of the
# result on the training text (corpus bytes / tokens, each tokenizer encoding
# the corpus line by line with its own encoder: HF's for tokenizer.json files,
# ours included, and spm_encode for SentencePiece), then ratios against us.
#
#   bench/train/train_vs_peers.sh [CORPUS] [VOCAB] [THREADS]
#
# CORPUS defaults to the 36 MB kerneldocs corpus (made with the peers'
# make_bench_corpus.sh when absent); VOCAB to 30000; THREADS to 2.
# Environment:
#   TF_BIN     our binary (default build/cli/tokenforge)
#   PEERS      the peers folder (default ../shared/peers): train_spm.sh,
#              train_hf.js, encode_bench.js, timev.sh
#   KINDS      which comparisons (default "bpe unigram wordpiece")
#   ENCODE=0   skip the compression measurement (it dominates the run time)
# Results: out/bench/train_<corpus>_<vocab>_<kinds>.md (and results.tsv).
#
# Notes on the peers: the HF Node binding cannot set trainer options, so HF
# bpe/wordpiece train to 30000 and are cut to VOCAB (train_hf.js); HF
# unigram always trains 8000 pieces and runs only when VOCAB=8000. spm runs
# with character_coverage=1.0, byte_fallback=true and all sentences.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
peers="${PEERS:-$root/../shared/peers}"
corpus="${1:-$root/out/kerneldocs.txt}"
vocab="${2:-30000}"
threads="${3:-2}"
tf="${TF_BIN:-$root/build/cli/tokenforge}"
kinds="${KINDS:-bpe unigram wordpiece}"
name="$(basename "$corpus" .txt)"
out="$root/out/bench/train_${name}_${vocab}_${kinds// /_}"
mkdir -p "$out"
[ -s "$corpus" ] || bash "$peers/make_bench_corpus.sh" "$corpus"
[ -x "$tf" ] || { echo "missing $tf (build it, or set TF_BIN)" >&2; exit 1; }
# The npm peers (pinned in bench/peers), and NODE_PATH for ../shared/peers' scripts.
source "$root/bench/peers/ensure_peers.sh"
bytes=$(wc -c < "$corpus")
tsv="$out/results.tsv"
printf 'tool\tkind\tvocab\twall_s\tpeak_rss_mb\ttokens\tbytes_per_token\n' > "$tsv"

# field KEY LINE: the value of KEY=... in a RESULT/TIME line.
field() { sed -n "s/.*[ ]$1=\([^ ]*\).*/\1/p" <<< " $2"; }

# measure TOOL KIND DIR CMD...: runs CMD under timev.sh; sets wall, rss.
measure() {
  local tool="$1" kind="$2" dir="$3"; shift 3
  mkdir -p "$dir"
  if ! "$peers/timev.sh" "$dir/time.txt" "$@" > "$dir/stdout.txt" 2> "$dir/stderr.txt"; then
    echo "  $tool $kind FAILED; see $dir/stderr.txt" >&2
  fi
  local line; line="$(grep '^TIME' "$dir/stdout.txt" | tail -n 1)"
  wall=$(field wall_s "$line"); rss=$(field peak_rss_mb "$line")
  echo "  $tool $kind: ${wall} s, ${rss} MB" >&2
}

# tokens_hf JSON / tokens_spm MODEL: tokens of the corpus, line by line.
tokens_hf() {
  [ "${ENCODE:-1}" = 0 ] && { echo 0; return; }
  local r; r="$(RAYON_NUM_THREADS="$threads" node "$root/bench/peers/encode_peer.js" hf-batch "$1" "$corpus" | grep '^RESULT')"
  field tokens "$r"
}
tokens_spm() {
  [ "${ENCODE:-1}" = 0 ] && { echo 0; return; }
  spm_encode --model="$1" --output_format=id < "$corpus" | wc -w
}

row() {  # row TOOL KIND VOCAB TOKENS
  local bpt=0
  [ "$4" != 0 ] && bpt=$(awk -v b="$bytes" -v t="$4" 'BEGIN { printf "%.4f", b / t }')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$wall" "$rss" "$4" "$bpt" >> "$tsv"
}

for kind in $kinds; do
  echo "== $kind ==" >&2
  case "$kind" in
    bpe|unigram)
      measure tokenforge "$kind" "$out/tf_$kind" "$tf" train --model "$kind" \
        --vocab-size "$vocab" --threads "$threads" -o "$out/tf_$kind/tokenizer.json" \
        $([ "$kind" = unigram ] && echo --byte-fallback) "$corpus"
      row tokenforge "$kind" "$vocab" "$(tokens_hf "$out/tf_$kind/tokenizer.json")"
      measure spm "$kind" "$out/spm_$kind" env THREADS="$threads" \
        "$peers/train_spm.sh" "$corpus" "$vocab" "$kind" "$out/spm_$kind"
      row spm "$kind" "$vocab" "$(tokens_spm "$out/spm_$kind/spm.model")"
      if [ "$kind" = bpe ] || [ "$vocab" = 8000 ]; then
        measure hf "$kind" "$out/hf_$kind" env RAYON_NUM_THREADS="$threads" \
          node "$peers/train_hf.js" "$corpus" "$vocab" "$kind" "$out/hf_$kind"
        row hf "$kind" "$vocab" "$(tokens_hf "$out/hf_$kind/tokenizer.json")"
      fi
      ;;
    wordpiece)
      for mode in likelihood hf; do
        measure tokenforge "wordpiece-$mode" "$out/tf_wordpiece_$mode" "$tf" train \
          --model wordpiece --wordpiece-mode "$mode" --vocab-size "$vocab" \
          --threads "$threads" -o "$out/tf_wordpiece_$mode/tokenizer.json" "$corpus"
        row tokenforge "wordpiece-$mode" "$vocab" \
          "$(tokens_hf "$out/tf_wordpiece_$mode/tokenizer.json")"
      done
      measure hf wordpiece "$out/hf_wordpiece" env RAYON_NUM_THREADS="$threads" \
        node "$peers/train_hf.js" "$corpus" "$vocab" wordpiece "$out/hf_wordpiece"
      row hf wordpiece "$vocab" "$(tokens_hf "$out/hf_wordpiece/tokenizer.json")"
      ;;
  esac
done

# Markdown: each peer row with time, memory and compression ratios to ours.
awk -F'\t' -v corpus="$name" -v bytes="$bytes" -v threads="$threads" '
  NR == 1 { next }
  { tool[NR] = $1; kind[NR] = $2; wall[NR] = $4; rss[NR] = $5; tok[NR] = $6; bpt[NR] = $7
    base = $2; sub(/-.*/, "", base); k[NR] = base
    if ($1 == "tokenforge" && !(base in ours)) ours[base] = NR }
  END {
    printf "## Training on %s (%d bytes), %d threads\n\n", corpus, bytes, threads
    printf "| trainer | model | wall s | peak RSS MB | tokens | bytes/token | time vs ours | RSS vs ours | bytes/token vs ours |\n"
    printf "|---|---|---|---|---|---|---|---|---|\n"
    for (i = 2; i <= NR; i++) {
      o = ours[k[i]]
      printf "| %s | %s | %s | %s | %s | %s | %.2fx | %.2fx | %+.2f%% |\n", tool[i], kind[i], wall[i], rss[i], tok[i], bpt[i],
        (wall[o] > 0 ? wall[i] / wall[o] : 0), (rss[o] > 0 ? rss[i] / rss[o] : 0),
        (bpt[o] > 0 ? 100 * (bpt[i] / bpt[o] - 1) : 0)
    }
  }' "$tsv" | tee "$out.md"
