#!/usr/bin/env bash
# Checks `tokenforge encode` against the reference encoders on every line of
# every corpus: tiktoken (npm) for r50k_base / cl100k_base / o200k_base, and
# HF tokenizers (npm) with the GPT-2 tokenizer.json.
#   bench/check_exactness.sh [CORPUS...]
# Default corpora: every file under ../shared/data/corpora plus the 36 MB
# kerneldocs corpus (bench/make_kerneldocs.sh). Vocabularies from
# $TF_SHARED_DATA (default ../shared/data). Prints one line per
# (corpus, vocabulary) and exits non-zero if any differ.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${TF_SHARED_DATA:-$root/../shared/data}"
tf="$root/build/cli/tokenforge"
out="$root/out/exactness"
mkdir -p "$out"
[ -x "$tf" ] || bash "$root/scripts/build.sh"
# The npm peers (pinned in bench/peers), and NODE_PATH for ../shared/peers' scripts.
source "$root/bench/peers/ensure_peers.sh"
corpora=("$@")
if [ ${#corpora[@]} -eq 0 ]; then
  mapfile -t corpora < <(find "$data/corpora" -type f | LC_ALL=C sort)
  [ -s "$root/out/kerneldocs.txt" ] || bash "$root/bench/make_kerneldocs.sh" "$root/out/kerneldocs.txt"
  corpora+=("$root/out/kerneldocs.txt")
fi
failed=0
for corpus in "${corpora[@]}"; do
  name="$(basename "$corpus")"
  for spec in tiktoken:gpt2:r50k_base tiktoken:cl100k_base:cl100k_base \
              tiktoken:o200k_base:o200k_base hf:gpt2; do
    IFS=: read -r kind enc file <<< "$spec"
    if [ "$kind" = tiktoken ]; then
      node "$root/bench/peers/encode_peer.js" tiktoken "$enc" "$corpus" "$out/ref.$enc.$name" >/dev/null
      "$tf" encode --tokenizer "$data/vocabs/tiktoken/$file.tiktoken" --input "$corpus" --output "$out/ours.$enc.$name"
      label="tiktoken $file"; ref="$out/ref.$enc.$name"; ours="$out/ours.$enc.$name"
    else
      node "$root/bench/peers/encode_peer.js" hf-batch "$data/vocabs/gpt2/tokenizer.json" "$corpus" "$out/ref.hf.$name" >/dev/null
      # HF always matches special tokens such as <|endoftext|> in the text.
      "$tf" encode --tokenizer "$data/vocabs/gpt2/tokenizer.json" --allow-special --input "$corpus" --output "$out/ours.hf.$name"
      label="HF gpt2/tokenizer.json"; ref="$out/ref.hf.$name"; ours="$out/ours.hf.$name"
    fi
    if result=$(python3 "$root/bench/compare_ids.py" "$ours" "$ref"); then
      echo "OK    $name  $label  $(head -1 <<< "$result")"
    else
      echo "DIFF  $name  $label  $result"; failed=1
    fi
    rm -f "$ours" "$ref"
  done
done
exit $failed
