#!/usr/bin/env bash
# The one prepared script for a machine with a GPU (the device tool lends one
# H200 for 15 minutes): build the CUDA backend for that GPU, run the parity
# suite (every op and gradient against the CPU, LeNet's loss curve on both),
# the use_gpu and lenet sections on gpu(0), and the GPU benchmark, ours
# against PyTorch on the same GPU where a CUDA build of torch is importable.
#
#   bash bench/gpu/run_on_gpu.sh OUT_DIR [CUDA_ARCH]     (default arch: 90, H100/H200)
#
# Everything it prints also goes to OUT_DIR/log.txt; each step's output has its
# own file, so a step that fails or runs out of time leaves the others' results.
set -uo pipefail
cd "$(dirname "$0")/../.."
out=${1:?usage: run_on_gpu.sh OUT_DIR [CUDA_ARCH]}
arch=${2:-90}
mkdir -p "$out"
exec > >(tee -a "$out/log.txt") 2>&1

step() { echo; echo "== $* ($(date +%T))"; }

step "machine"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv || true
lscpu | grep -m1 "Model name" || true

step "configure and build (CUDA arch $arch)"
build=build-gpu
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DD2L_WITH_CUDA=ON \
  -DCMAKE_CUDA_ARCHITECTURES="$arch" -DD2L_BUILD_EXERCISES=OFF > "$out/configure.txt" 2>&1 ||
  { tail -30 "$out/configure.txt"; exit 1; }
cmake --build "$build" --parallel "$(nproc)" --target d2l_gpu_parity use_gpu lenet \
  train_bench > "$out/build.txt" 2>&1 || { grep -m20 -E "error" "$out/build.txt"; exit 1; }

step "parity suite on the real GPU"
"$build/tests/d2l_gpu_parity" --reporter compact --success > "$out/parity_full.txt" 2>&1
echo "exit status $?" | tee -a "$out/parity_full.txt"
grep -E "passed|failed|FAILED|skipped" "$out/parity_full.txt" | tail -25

step "use_gpu on gpu(0)"
"$build/chapters/use_gpu" --out "$out/use_gpu" | sed -n '/When a GPU/,$p'

step "lenet on gpu(0), the book's settings (10 epochs), and on the CPU's quick profile"
( cd . && "$build/chapters/lenet" --device gpu --out "$out/lenet_gpu" ) | tail -15

step "GPU benchmark: ours"
for w in lenet resnet18 alexnet; do
  "$build/bench/train_bench" --workload "$w" --device gpu --epochs 3 --num-train 2048 \
    | tee -a "$out/bench_ours.jsonl"
done

step "GPU benchmark: PyTorch"
if python3 -c "import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)" 2>/dev/null; then
  for w in lenet resnet18 alexnet; do
    python3 bench/peer_torch.py --workload "$w" --device cuda --epochs 3 --num-train 2048 \
      | tee -a "$out/bench_torch.jsonl"
  done
else
  echo "skipped: no CUDA build of torch importable here ($(python3 -c 'import torch; print(torch.__version__)' 2>&1 | tail -1))"
fi
step "done"
