#!/usr/bin/env bash
# Ours vs HF tokenizers (Node binding, encodeBatch) on BERT-uncased, in one
# encode_bench.sh run:  bench/wordpiece/run_bench.sh BUILD_DIR CORPUS OUTDIR
# HF runs with RAYON_NUM_THREADS=1 (per-thread comparison) and with 2.
set -euo pipefail
build=$(realpath "$1"); corpus="$2"; out="$3"
here=$(cd "$(dirname "$0")" && pwd)
tool=$(find "$build" -name tf_wordpiece_encode -type f | head -1)
vocab=/work/shared/data/vocabs/bert-base-uncased/vocab.txt
mkdir -p "$out/bert"
python3 "$here/make_bert_json.py" "$vocab" "$out/bert/tokenizer.json"
w="$out/ours-bert-uncased"
printf '#!/bin/sh\nexec %s %s "$@"\n' "$tool" "$vocab" > "$w"; chmod +x "$w"
RAYON_NUM_THREADS=1 bash /work/shared/peers/encode_bench.sh "$corpus" "$out" \
  "hf-batch:$out/bert/tokenizer.json" "exec:$w"
RAYON_NUM_THREADS=2 bash /work/shared/peers/encode_bench.sh "$corpus" "$out" \
  "hf-batch:$out/bert/tokenizer.json"
