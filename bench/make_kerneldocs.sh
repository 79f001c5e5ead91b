#!/usr/bin/env bash
# Builds the 36 MB benchmark corpus the team's peers figures use: the
# reStructuredText, text and YAML sources of the Linux 6.1 documentation
# (Debian package linux-doc-6.1, installed when missing), in a fixed order,
# blank lines dropped. Same bytes as ../shared/peers/make_bench_corpus.sh.
# Usage: make_kerneldocs.sh [OUTFILE]   (default: out/kerneldocs.txt)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/out/kerneldocs.txt}"
[ -s "$out" ] && { echo "corpus $out: $(wc -c < "$out") bytes (cached)"; exit 0; }
src=/usr/share/doc/linux-doc-6.1/Documentation
if [ ! -d "$src" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q && apt-get install -y -q --no-install-recommends linux-doc-6.1
fi
mkdir -p "$(dirname "$out")"
tmp="$out.tmp.$$"
( cd "$src" && find . -type f \( -name '*.rst.gz' -o -name '*.txt.gz' -o -name '*.yaml.gz' \) \
  | LC_ALL=C sort | xargs zcat ) | LC_ALL=C grep -v '^[[:space:]]*$' > "$tmp"
mv "$tmp" "$out"
echo "corpus $out: $(wc -c < "$out") bytes, $(wc -l < "$out") lines"
