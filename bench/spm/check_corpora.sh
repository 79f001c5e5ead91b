#!/usr/bin/env bash
# Compares our SentencePiece ids with the C++ SentencePiece library's on every
# corpus: check_corpora.sh BUILD_DIR REF_DIR [MODEL...]
# REF_DIR holds <model>.<corpus>.ids written by the peers' spm_encode_bench
# (encode_bench.sh spm:MODEL); corpora are ../shared/data/corpora/**.txt and
# $BENCH_CORPUS (default /tmp/kerneldocs.txt) when present.
set -euo pipefail
build="$1"; ref="$2"; shift 2
vocabs=/work/shared/data/vocabs/sentencepiece
models=("$@")
[ ${#models[@]} -eq 0 ] && models=(llama2_tokenizer albert_spiece spm_botchan_unigram1000)
corpora=$(find /work/shared/data/corpora -type f -name '*.txt' | sort)
[ -f "${BENCH_CORPUS:-/tmp/kerneldocs.txt}" ] && corpora="$corpora ${BENCH_CORPUS:-/tmp/kerneldocs.txt}"
out=$(mktemp -d)
printf '%-26s %-28s %9s %9s\n' model corpus lines mismatches
for m in "${models[@]}"; do
  for c in $corpora; do
    n=$(basename "$c" .txt)
    "$(find "$build" -name tf_spm_encode -type f | head -1)" "$vocabs/$m.model" "$c" "$out/ids" > /dev/null
    bad=$(paste -d'\t' "$ref/$m.$n.ids" "$out/ids" | awk -F'\t' '$1 != $2' | wc -l)
    printf '%-26s %-28s %9s %9s\n' "$m" "$n" "$(wc -l < "$out/ids")" "$bad"
  done
done
rm -rf "$out"
