#!/usr/bin/env bash
# Training quality sweep: on every shared corpus (../shared/data/corpora) and
# optionally the 36 MB benchmark corpus, train at equal vocab size
#   - tokenforge BPE vs HF tokenizers' byte-level BPE (issue 4: within 0.5%),
#   - tokenforge Unigram vs SentencePiece's unigram (at least as good),
# and compare compression on the training text: corpus bytes / tokens, each
# file encoded line by line (HF's encoder for every tokenizer.json, ours
# included, so the figure also shows that HF reads our files; spm_encode for
# SentencePiece models).
#
#   bench/train/quality_sweep.sh [CORPUS...]
#
# Without arguments: every *.txt under ../shared/data/corpora, plus
# out/kerneldocs.txt when it exists. Vocab size: VOCAB if set, else 8000 for
# corpora of 500 kB or more and 2000 below (the multi30k files are ~60 kB),
# twice the number of distinct characters (rounded up to 1000) when that is
# over 4000.
# Environment: TF_BIN (default build/cli/tokenforge), THREADS (default 2).
# Results: out/bench/quality_sweep.md (and .tsv).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
peers="${PEERS:-$root/../shared/peers}"
tf="${TF_BIN:-$root/build/cli/tokenforge}"
threads="${THREADS:-2}"
[ -x "$tf" ] || { echo "missing $tf (build it, or set TF_BIN)" >&2; exit 1; }
# The npm peers (pinned in bench/peers), and NODE_PATH for ../shared/peers' scripts.
source "$root/bench/peers/ensure_peers.sh"

if [ $# -gt 0 ]; then
  corpora=("$@")
else
  mapfile -t corpora < <(find "$root/../shared/data/corpora" -name '*.txt' | sort)
  [ -s "$root/out/kerneldocs.txt" ] && corpora+=("$root/out/kerneldocs.txt")
fi
work="$root/out/bench/quality_sweep"
mkdir -p "$work"
tsv="$root/out/bench/quality_sweep.tsv"
printf 'corpus\tbytes\tvocab\ttf_bpe\thf_bpe\ttf_unigram\tspm_unigram\n' > "$tsv"

# hf_tokens JSON CORPUS / spm_tokens MODEL CORPUS: tokens of CORPUS, line by line.
hf_tokens() {
  RAYON_NUM_THREADS="$threads" node "$root/bench/peers/encode_peer.js" hf-batch "$1" "$2" |
    sed -n 's/^RESULT.* tokens=\([0-9]*\).*/\1/p'
}
spm_tokens() { spm_encode --model="$1" --output_format=id < "$2" | wc -w; }
# or_na CMD...: the command's output, or "n/a" (with the reason on stderr).
or_na() { "$@" 2> "$work/last_error.txt" || { echo "n/a"; cat "$work/last_error.txt" >&2; }; }

for corpus in "${corpora[@]}"; do
  name="$(basename "$corpus" .txt)"
  bytes=$(wc -c < "$corpus")
  vocab="${VOCAB:-$([ "$bytes" -ge 500000 ] && echo 8000 || echo 2000)}"
  # Character-level models need room beyond the alphabet (Chinese has ~8,000).
  chars=$(python3 -c 'import sys; print(len(set(open(sys.argv[1], encoding="utf-8", errors="replace").read())))' "$corpus")
  [ -z "${VOCAB:-}" ] && [ "$chars" -gt 4000 ] && vocab=$(( (chars * 2 + 999) / 1000 * 1000 ))
  d="$work/$name"
  mkdir -p "$d"
  # spm first: when the corpus cannot fill the vocabulary, spm says the
  # largest size it can reach, and every trainer then runs at that size.
  spm_ok=1
  if ! THREADS="$threads" "$peers/train_spm.sh" "$corpus" "$vocab" unigram "$d/spm_unigram" \
      > /dev/null 2>&1; then
    reachable=$(sed -n 's/.*Please set it to a value <= \([0-9]*\).*/\1/p' "$d/spm_unigram/train_spm.log")
    if [ -n "$reachable" ]; then
      vocab=$reachable
      THREADS="$threads" "$peers/train_spm.sh" "$corpus" "$vocab" unigram "$d/spm_unigram" \
        > /dev/null || spm_ok=0
    else
      spm_ok=0
    fi
  fi
  echo "== $name ($bytes bytes, vocab $vocab)" >&2
  "$tf" train -q --model bpe --vocab-size "$vocab" --threads "$threads" -o "$d/tf_bpe.json" "$corpus"
  "$tf" train -q --model unigram --byte-fallback --vocab-size "$vocab" --threads "$threads" \
    -o "$d/tf_unigram.json" "$corpus"
  RAYON_NUM_THREADS="$threads" node "$peers/train_hf.js" "$corpus" "$vocab" bpe "$d/hf_bpe" > /dev/null
  tf_bpe=$(hf_tokens "$d/tf_bpe.json" "$corpus")
  hf_bpe=$(hf_tokens "$d/hf_bpe/tokenizer.json" "$corpus")
  tf_uni=$(hf_tokens "$d/tf_unigram.json" "$corpus")
  spm_uni=n/a
  [ "$spm_ok" = 1 ] && spm_uni=$(or_na spm_tokens "$d/spm_unigram/spm.model" "$corpus")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$bytes" "$vocab" "$tf_bpe" "$hf_bpe" \
    "$tf_uni" "$spm_uni" >> "$tsv"
done

# Markdown: bytes/token of each, and our difference (positive = we compress better).
awk -F'\t' '
  function bpt(b, t) { return (t + 0 > 0) ? sprintf("%.4f", b / t) : "n/a" }
  function diff(ours, theirs) {
    return (ours + 0 > 0 && theirs + 0 > 0) ? sprintf("%+.2f%%", 100 * (theirs / ours - 1)) : "n/a"
  }
  NR == 1 {
    print "| corpus | bytes | vocab | BPE ours | BPE HF | ours vs HF | Unigram ours | Unigram spm | ours vs spm |"
    print "|---|---|---|---|---|---|---|---|---|"
    next
  }
  { printf "| %s | %d | %d | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, bpt($2, $4), bpt($2, $5),
      diff($4, $5), bpt($2, $6), bpt($2, $7), diff($6, $7) }
' "$tsv" | tee "$root/out/bench/quality_sweep.md"
echo "bytes/token on the training text; \"ours vs\" = the peer's tokens / ours - 1 (positive: we use fewer tokens)." |
  tee -a "$root/out/bench/quality_sweep.md"
