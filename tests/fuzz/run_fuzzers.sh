#!/usr/bin/env bash
# Runs every libFuzzer binary of a TF_BUILD_FUZZERS=ON build for a while.
#
#   tests/fuzz/run_fuzzers.sh [BUILD_DIR] [SECONDS_PER_FUZZER] [FUZZER...]
#
# Defaults: build-fuzz, 60 s, all fuzzers. Each fuzzer starts from its
# committed seeds (corpus/<fuzzer>/, read only) and grows a scratch corpus in
# $TF_FUZZ_WORK (default /tmp/tokenforge-fuzz/<fuzzer>/), so runs do not
# dirty the tree. Crash inputs land in $TF_FUZZ_WORK/artifacts/; copy the
# ones you fix into corpus/<fuzzer>/ as regression_<what>. Exits non-zero if
# any fuzzer found a crash. Extra libFuzzer flags come from $TF_FUZZ_FLAGS
# (e.g. "-fork=1 -ignore_crashes=1" to keep going past a known crash).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${1:-$root/build-fuzz}"
seconds="${2:-60}"
shift 2 2>/dev/null || shift $#
fuzzers=("$@")
if [ ${#fuzzers[@]} -eq 0 ]; then
  fuzzers=(decode_fuzzer known_patterns_fuzzer merges_txt_fuzzer roundtrip_fuzzer
           tiktoken_ranks_fuzzer tokenizer_json_fuzzer)
fi
work="${TF_FUZZ_WORK:-/tmp/tokenforge-fuzz}"
mkdir -p "$work/artifacts"
status=0
for f in "${fuzzers[@]}"; do
  bin="$build/tests/fuzz/$f"
  if [ ! -x "$bin" ]; then
    echo "run_fuzzers: $bin is missing (configure with clang and -DTF_BUILD_FUZZERS=ON)" >&2
    exit 2
  fi
  mkdir -p "$work/$f"
  dict=()
  [ -f "$here/${f%_fuzzer}.dict" ] && dict=(-dict="$here/${f%_fuzzer}.dict")
  echo "== $f: ${seconds}s"
  if ! "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
       -print_final_stats=1 -artifact_prefix="$work/artifacts/$f-" "${dict[@]}" \
       ${TF_FUZZ_FLAGS:-} \
       "$work/$f" "$here/corpus/$f" > "$work/$f.log" 2>&1; then
    echo "   CRASH: see $work/$f.log and $work/artifacts/" >&2
    status=1
  fi
  grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+ *DONE" "$work/$f.log" | sed 's/^/   /'
done
exit $status
