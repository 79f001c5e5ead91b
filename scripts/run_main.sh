#!/usr/bin/env bash
# The main job, on a fresh machine: installs the dependencies, builds, makes
# the default real-text corpus (Python 3.11 documentation sources, Debian
# python3.11-doc), trains BPE, Unigram and two WordPiece vocabularies on it
# (likelihood-scored and HF's BPE-style), and
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
# name, then trainer flags. The likelihood WordPiece gets a frequency floor:
# without one its score prefers pairs of rare pieces (docs/training.md).
runs=(
  "bpe|--model bpe"
  "unigram|--model unigram"
  "wordpiece|--model wordpiece --min-frequency 50"
  "wordpiece-gain|--model wordpiece --wordpiece-mode gain"
  "wordpiece-hf|--model wordpiece --wordpiece-mode hf"
)
for run in "${runs[@]}"; do
  name="${run%%|*}"; read -r -a flags <<< "${run#*|}"
  echo "== $name, vocab $vocab, on $(basename "$corpus")"
  "$tf" train "${flags[@]}" --vocab-size "$vocab" --threads 0 \
    --output "$out/$name-$vocab.json" "$corpus"
  "$tf" encode --tokenizer "$out/$name-$vocab.json" --input "$corpus" \
    --output "$out/$name-$vocab.ids" --stats
done
