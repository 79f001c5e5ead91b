#!/usr/bin/env bash
# The main job, on a fresh machine: installs the dependencies, builds, makes
# the default real-text corpus (Python 3.11 documentation sources, Debian
# python3.11-doc), trains BPE, Unigram and WordPiece vocabularies on it, and
# encodes the corpus with each, reporting tokens, bytes per token and
# throughput. Outputs go to out/main/.
#   scripts/run_main.sh [CORPUS] [VOCAB_SIZE]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/scripts/install_deps.sh"
bash "$root/scripts/build.sh"
corpus="${1:-$root/out/pydoc311.txt}"
vocab="${2:-8000}"
[ -s "$corpus" ] || bash "$root/scripts/make_corpus.sh" "$corpus"
tf="$root/build/cli/tokenforge"
out="$root/out/main"
mkdir -p "$out"
for model in bpe unigram wordpiece; do
  echo "== $model, vocab $vocab, on $(basename "$corpus")"
  "$tf" train --model "$model" --vocab-size "$vocab" --threads 0 \
    --output "$out/$model-$vocab.json" "$corpus"
  "$tf" encode --tokenizer "$out/$model-$vocab.json" --input "$corpus" \
    --output "$out/$model-$vocab.ids" --stats
done
