#!/usr/bin/env bash
# bench/model/run_model_bench.sh: speed and quality figures of model/
# (issue 5; model.md 4 and 5.4-5.5).
#
#   bench/model/run_model_bench.sh [BUILD_DIR] [quick|full]
#
# quick (default): GEMM GFLOP/s (OpenBLAS and built-in, 1 thread) and G1
#                  training throughput over 200 steps on 2 threads.
# full:            also the whole G1 recipe (2000 steps) and its validation
#                  bits per byte, plus the n-gram baselines.
# Every figure is printed next to the machine's fp32 FMA peak, measured by
# model_bench at start-up (about 115 GFLOP/s per core on the Zen 4 machines
# of research/model.md, about 150 on the Xeon measured on 2026-12-04). Throughput on a shared machine varies with the load;
# the script prints the load average so the figures can be judged.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BUILD="${1:-$ROOT/build}"
MODE="${2:-quick}"
BENCH="$BUILD/bench/model/model_bench"
CORPUS="${TF_SHARED_DATA:-$ROOT/../shared/data}/corpora/en/tinyshakespeare.txt"

if [[ ! -x "$BENCH" ]]; then
  echo "missing $BENCH: build the model_bench target first" >&2
  exit 1
fi
if [[ ! -f "$CORPUS" ]]; then
  echo "missing $CORPUS (set TF_SHARED_DATA)" >&2
  exit 1
fi

echo "== machine: $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== GEMM, single thread (target >= 85 GFLOP/s with BLAS)"
"$BENCH" gemm --threads 1
echo "== GEMM, built-in fallback kernel, single thread"
"$BENCH" gemm --threads 1 --fallback
echo "== G1 training throughput, 2 threads (target >= 10,000 tokens/s)"
"$BENCH" train --corpus "$CORPUS" --preset g1 --steps 200 --threads 2 2>/dev/null
if [[ "$MODE" == "full" ]]; then
  echo "== G1 full recipe, 2000 steps (target <= 2.81 bits/byte)"
  "$BENCH" train --corpus "$CORPUS" --preset g1 --threads 2 --full
fi
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
