#!/usr/bin/env bash
# Compares our BERT-uncased ids with HF's (Node binding) on every corpus:
# check_corpora.sh BUILD_DIR REF_DIR, where REF_DIR/<corpus>/ids.*.txt was
# written by encode_bench.sh hf-batch:tokenizer.json (make_bert_json.py).
set -euo pipefail
build="$1"; ref="$2"
tool=$(find "$build" -name tf_wordpiece_encode -type f | head -1)
vocab=/work/shared/data/vocabs/bert-base-uncased/vocab.txt
out=$(mktemp -d)
printf '%-28s %9s %9s\n' corpus lines mismatches
for d in "$ref"/*/; do
  n=$(basename "$d"); c=$(find /work/shared/data/corpora /tmp -maxdepth 3 -name "$n.txt" | head -1)
  refids=$(ls "$d"/ids.*.txt 2>/dev/null | head -1 || true); [ -z "$refids" ] && continue
  "$tool" "$vocab" "$c" "$out/ids" > /dev/null
  bad=$(paste -d'\t' "$refids" "$out/ids" | awk -F'\t' '$1 != $2' | wc -l)
  printf '%-28s %9s %9s\n' "$n" "$(wc -l < "$out/ids")" "$bad"
done
rm -rf "$out"
