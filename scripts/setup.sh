#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the project needs, and nothing when they are
# all present. Used by scripts/book.sh and scripts/test.sh.
set -euo pipefail

packages=(
  build-essential cmake g++ pkg-config
  xtensor-dev libxtensor-blas-dev libopenblas-dev
  catch2 libcli11-dev zlib1g-dev nlohmann-json3-dev
  doxygen python3 python3-sphinx python3-breathe python3-myst-parser libjs-mathjax
  furo python3-sphinx-copybutton
  dataset-fashion-mnist
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "setup: installing ${missing[*]}"
sudo=()
if ((EUID != 0)); then
  sudo=(sudo)
fi
"${sudo[@]}" apt-get update -q
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends \
  "${missing[@]}"
