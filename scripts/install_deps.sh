#!/usr/bin/env bash
# Installs everything tokenforge needs to build, test and run its main job,
# from Debian packages only. Idempotent: runs apt-get only for what is
# missing. Needs root (or sudo).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

packages=(
  cmake ninja-build g++ pkg-config
  libabsl-dev libre2-dev libicu-dev zlib1g-dev
  libgtest-dev libgmock-dev libcli11-dev nlohmann-json3-dev
  libopenblas-dev pybind11-dev python3-dev python3-pytest python3-hypothesis
  time python3.11-doc
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install_deps: all ${#packages[@]} packages present"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install_deps: installing ${missing[*]}"
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
