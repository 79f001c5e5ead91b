#!/usr/bin/env bash
# Installs the dependencies, builds, and runs the whole test suite
# (C++ through ctest, then the Python binding tests). Tests that need the
# team's shared corpora in ../shared/data say so and skip when it is absent.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${TF_BUILD_DIR:-$root/build}"
bash "$root/scripts/install_deps.sh"
bash "$root/scripts/build.sh"
cd "$root"
ctest --test-dir "$build" --output-on-failure -j "$(nproc)" --timeout 900
if [ -d "$root/tests/python" ] && ls "$root"/tests/python/test_*.py >/dev/null 2>&1; then
  # Debian's interpreter: python3-pytest is installed for it, and the
  # bindings are built against it (scripts/build.sh).
  py=/usr/bin/python3
  [ -x "$py" ] || py=python3
  PYTHONPATH="$build/bindings/python" "$py" -m pytest -q "$root/tests/python"
fi
