#!/usr/bin/env bash
# Configures and builds tokenforge into build/ (Release, warnings as errors).
# Extra arguments go to cmake's configure step.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${TF_BUILD_DIR:-$root/build}"
python_args=()
# Build the Python bindings for Debian's interpreter (the one with
# python3-pytest), not whatever python3 comes first on PATH.
[ -x /usr/bin/python3 ] && python_args=(-DPython3_EXECUTABLE=/usr/bin/python3)
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTF_WERROR=ON \
  "${python_args[@]}" "$@" >/dev/null
ninja -C "$build" -j "$(nproc)"
