#!/usr/bin/env bash
# Builds the default real-text corpus of the main job: the reStructuredText
# sources of the Python 3.11 documentation (Debian package python3.11-doc),
# in a fixed order, blank lines dropped. No third-party text is committed to
# the repository; this script makes the corpus on the machine.
# Usage: make_corpus.sh [OUTFILE]   (default: out/pydoc311.txt)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/out/pydoc311.txt}"
src=/usr/share/doc/python3.11/html/_sources
if [ ! -d "$src" ]; then
  echo "make_corpus: $src is missing; run scripts/install_deps.sh" >&2
  exit 1
fi
mkdir -p "$(dirname "$out")"
tmp="$out.tmp.$$"
( cd "$src" && find . -type f -name '*.txt' | LC_ALL=C sort | xargs cat ) \
  | LC_ALL=C grep -v '^[[:space:]]*$' > "$tmp"
mv "$tmp" "$out"
printf 'corpus %s: %s bytes, %s lines\n' "$out" "$(wc -c < "$out")" "$(wc -l < "$out")"
