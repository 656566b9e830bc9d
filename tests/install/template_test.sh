#!/usr/bin/env bash
# Installs the built tree into a temporary prefix and builds template/ from
# outside the tree against it, once with CMake (find_package(d2l)) and once with
# pkg-config, as a learner would; each program must train to a small loss.
# Usage: template_test.sh <cmake> <c++ compiler> <build dir> <source dir>
set -euo pipefail
cmake=$1 cxx=$2 build_dir=$3 source_dir=$4

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix

# Runs a step quietly; on failure shows its output and stops.
step() {
  local name=$1
  shift
  if ! "$@" >"$work/$name.log" 2>&1; then
    echo "FAILED: $name: $*"
    cat "$work/$name.log"
    exit 1
  fi
}

# The program prints "epoch 3, loss X": X must be near the noise level.
check_output() {
  local name=$1
  cat "$work/$name.log"
  awk '/^epoch 3, loss / { found = 1; if ($4 + 0 < 1e-3) ok = 1 }
       END { if (!found) print "no final loss printed"; else if (!ok) print "loss too high";
             exit !ok }' "$work/$name.log"
}

step install "$cmake" --install "$build_dir" --prefix "$prefix"
cp -r "$source_dir/template" "$work/app"
cd "$work"

echo "== CMake: find_package(d2l) with CMAKE_PREFIX_PATH=<prefix>"
step configure "$cmake" -S app -B app/build -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_CXX_COMPILER="$cxx"
step build "$cmake" --build app/build
step run_cmake app/build/main
check_output run_cmake

echo "== CMake without d2l: the template names both ways to get it"
if "$cmake" -S app -B app/build-none -DCMAKE_DISABLE_FIND_PACKAGE_d2l=ON \
     -DCMAKE_CXX_COMPILER="$cxx" >"$work/none.log" 2>&1 ||
   ! grep -q "DD2L_SOURCE_DIR" "$work/none.log"; then
  echo "FAILED: expected the template's 'd2l was not found' message"
  cat "$work/none.log"
  exit 1
fi

echo "== pkg-config"
if ! command -v pkg-config >/dev/null; then
  echo "SKIPPED the pkg-config part: pkg-config is not installed" \
       "(apt-get install pkg-config, or bash scripts/setup.sh)"
  exit 0
fi
pc_file=$(find "$prefix" -name d2l.pc)
flags=$(PKG_CONFIG_PATH=$(dirname "$pc_file") pkg-config --cflags --libs d2l)
echo "pkg-config --cflags --libs d2l: $flags"
# shellcheck disable=SC2086  # the flags are words
step compile_pc "$cxx" -std=c++20 -O2 app/main.cpp $flags -o main_pc
step run_pc ./main_pc
check_output run_pc
