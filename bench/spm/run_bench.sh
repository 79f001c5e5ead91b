#!/usr/bin/env bash
# Ours vs the SentencePiece C++ library, in one encode_bench.sh run:
#   bench/spm/run_bench.sh BUILD_DIR CORPUS OUTDIR [MODEL...]
# MODEL defaults to the three shared .model files. Single-threaded on both
# sides. REPEAT=N keeps the best of N timed passes.
set -euo pipefail
build=$(realpath "$1"); corpus="$2"; out="$3"; shift 3
models=("$@")
[ ${#models[@]} -eq 0 ] && models=(albert_spiece spm_botchan_unigram1000 llama2_tokenizer)
tool=$(find "$build" -name tf_spm_encode -type f | head -1)
mkdir -p "$out"
specs=()
for m in "${models[@]}"; do
  w="$out/ours-$m"
  printf '#!/bin/sh\nexec %s %s "$@"\n' "$tool" "/work/shared/data/vocabs/sentencepiece/$m.model" > "$w"
  chmod +x "$w"
  specs+=("spm:/work/shared/data/vocabs/sentencepiece/$m.model" "exec:$w")
done
bash /work/shared/peers/encode_bench.sh "$corpus" "$out" "${specs[@]}"
