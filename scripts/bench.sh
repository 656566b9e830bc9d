#!/usr/bin/env bash
# Speed benchmarks against the PyTorch and MXNet peers (bench/README.md):
# installs what is missing (the project's packages, Debian's python3-torch and
# libjemalloc2, which only the benchmarks use: jemalloc is one of the PyTorch
# peer's tuned configurations; MXNet 1.9.1 from PyPI in its own venv, by
# bench/mxnet_reference/setup.sh), builds the benchmark programs with the
# default preset (build/)
# and runs bench/run.py, which ends by printing the table. Arguments go to
# bench/run.py (--threads 2 --rounds 2 --epochs 4 --workloads softmax,mlp).
# D2L_BENCH_BUILD_DIR=dir builds in dir instead of the preset's build/.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
missing=()
for package in python3-torch libjemalloc2; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  if [[ "$status" != "install ok installed" ]]; then
    missing+=("$package")
  fi
done
if ((${#missing[@]})); then
  echo "bench: installing ${missing[*]} (the PyTorch peer)"
  sudo=()
  if ((EUID != 0)); then
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q "${missing[@]}"
fi

mxnet_venv=${MXNET_VENV:-/work/venv-mxnet}
if [[ ! -x "$mxnet_venv/bin/python" ]]; then
  echo "bench: making MXNet's venv at $mxnet_venv (the MXNet peer)"
  MXNET_VENV=$mxnet_venv bash bench/mxnet_reference/setup.sh ||
    echo "bench: no MXNet venv (PyPI unreachable?); the table leaves MXNet out"
fi

if [[ -n "${D2L_BENCH_BUILD_DIR:-}" ]]; then
  build_dir=$D2L_BENCH_BUILD_DIR
  cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release
  cmake --build "$build_dir" --parallel 2 --target train_bench gemm_rate
else
  build_dir=build
  cmake --preset default
  cmake --build --preset default --parallel 2 --target train_bench gemm_rate
fi

echo "bench: OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-(unset)}"
/usr/bin/python3 bench/run.py --build-dir "$build_dir" \
  --mxnet-python "$mxnet_venv/bin/python" "$@"
