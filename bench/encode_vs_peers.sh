#!/usr/bin/env bash
# Encode benchmark: tokenforge vs tiktoken (npm, Rust compiled to WASM; its
# 2-thread figure uses two Node worker threads on halves of the lines) and
# HF tokenizers (npm, native), side by side in one run on the same corpus,
# reported as MB/s and ratios. Also checks that all three give identical ids.
#
#   bench/encode_vs_peers.sh [CORPUS] [ENCODING]
#
# CORPUS defaults to the 36 MB kerneldocs corpus (bench/make_kerneldocs.sh);
# ENCODING to cl100k_base, read from $TF_TIKTOKEN_DIR (default
# ../shared/data/vocabs/tiktoken). Peers are installed from npm into
# bench/peers/node_modules on first use. Results: out/bench/encode_<corpus>.md
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="${1:-$root/out/kerneldocs.txt}"
encoding="${2:-cl100k_base}"
tiktoken_dir="${TF_TIKTOKEN_DIR:-$root/../shared/data/vocabs/tiktoken}"
out="$root/out/bench"
mkdir -p "$out"

bash "$root/scripts/install_deps.sh" >/dev/null
bash "$root/scripts/build.sh"
# The npm peers (pinned in bench/peers), and NODE_PATH for ../shared/peers' scripts.
source "$root/bench/peers/ensure_peers.sh"
[ -s "$corpus" ] || bash "$root/bench/make_kerneldocs.sh" "$corpus"
ranks="$tiktoken_dir/$encoding.tiktoken"
[ -r "$ranks" ] || { echo "missing $ranks (set TF_TIKTOKEN_DIR)" >&2; exit 1; }

tf="$root/build/cli/tokenforge"
bench="$root/build/bench/tf_encode_bench"
hf_json="$out/$encoding.tokenizer.json"
"$tf" convert --tokenizer "$ranks" --output "$hf_json"
name="$(basename "$corpus" .txt)"
results=()
run() {  # label, command...
  local label="$1"; shift
  local line
  line="$("$@" | grep '^RESULT')" || { echo "FAILED: $label" >&2; return 1; }
  results+=("$label $line")
  echo "$label: $line"
}
run "tokenforge-1t" "$bench" "$ranks" "$corpus" "$out/ids.tf.$name.txt" --threads 1 --repeat 2
run "tokenforge-2t" "$bench" "$ranks" "$corpus" --threads 2 --repeat 2
run "tiktoken-wasm" node "$root/bench/peers/encode_peer.js" tiktoken "$encoding" "$corpus" "$out/ids.tiktoken.$name.txt"
TIKTOKEN_THREADS=2 run "tiktoken-wasm-2t" node "$root/bench/peers/encode_peer.js" tiktoken "$encoding" "$corpus"
RAYON_NUM_THREADS=1 run "hf-batch-1t" node "$root/bench/peers/encode_peer.js" hf-batch "$hf_json" "$corpus" "$out/ids.hf.$name.txt"
RAYON_NUM_THREADS=2 run "hf-batch-2t" node "$root/bench/peers/encode_peer.js" hf-batch "$hf_json" "$corpus"

get() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<< " $2"; }
mbs() { for r in "${results[@]}"; do if [ "${r%% *}" = "$1" ]; then get mb_s "$r"; fi; done; }
ours1=$(mbs tokenforge-1t); ours2=$(mbs tokenforge-2t)
report="$out/encode_$name.md"
{
  echo "Encode benchmark, $encoding, corpus $name ($(wc -c < "$corpus") bytes), $(date -u +%F), $(nproc) cores"
  echo
  echo "| encoder | threads | tokens | encode s | MB/s | tokenforge-1t / this |"
  echo "|---|---|---|---|---|---|"
  for r in "${results[@]}"; do
    label="${r%% *}"; m=$(get mb_s "$r")
    ratio=$(awk -v a="$ours1" -v b="$m" 'BEGIN{printf "%.2f", a/b}')
    echo "| $label | $(get threads "$r") | $(get tokens "$r") | $(get encode_s "$r") | $m | ${ratio}x |"
  done
  echo
  echo "2-thread scaling of tokenforge: $(awk -v a="$ours2" -v b="$ours1" 'BEGIN{printf "%.2f", a/b}')x"
  echo
  for peer in tiktoken hf; do
    if python3 "$root/bench/compare_ids.py" "$out/ids.tf.$name.txt" "$out/ids.$peer.$name.txt" >/dev/null; then
      echo "ids identical to $peer on every line"
    else
      echo "ids DIFFER from $peer: $(python3 "$root/bench/compare_ids.py" "$out/ids.tf.$name.txt" "$out/ids.$peer.$name.txt" | head -1)"
    fi
  done
} | tee "$report"
