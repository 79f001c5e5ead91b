#!/usr/bin/env bash
# Configures and builds tokenforge into build/ (Release, warnings as errors).
# Extra arguments go to cmake's configure step.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${TF_BUILD_DIR:-$root/build}"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTF_WERROR=ON "$@" >/dev/null
ninja -C "$build" -j "$(nproc)"
