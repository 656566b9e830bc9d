// Reductions on a GPU over the middle axis of an (outer, r, inner) view, as in
// src/cpu/reduce.cpp. One thread per output walks its r values in the CPU's
// order (the same result, bit for bit); long contiguous rows (inner == 1, as
// in a loss or a metric over a whole array) get a block each instead, since
// one thread per row would leave the GPU idle.
#include "cuda/common.cuh"

namespace d2l::kernels::cuda {

using namespace detail;

namespace {

// Rows at least this long (with inner == 1) are reduced by a block.
constexpr int64_t kBlockRow = 512;
// Blocks loop over rows past this many (the grid's y and z limits are 65535;
// x allows more, but this is plenty to fill a GPU).
constexpr int64_t kMaxRowBlocks = 65535;

// The CPU's combine: NaNs never replace the running value, so they are skipped
// (all NaN gives the initial value, -inf for max and inf for min).
template <Reduce op>
__device__ inline float combine(float a, float b) {
  if constexpr (op == Reduce::max) return b > a ? b : a;
  if constexpr (op == Reduce::min) return b < a ? b : a;
  return a + b;
}

template <Reduce op>
__device__ inline float initial() {
  if constexpr (op == Reduce::max) return -kInf;
  if constexpr (op == Reduce::min) return kInf;
  return 0.0f;
}

// One thread per output (o, i), over j in order like the CPU; contiguous sums
// (inner == 1) accumulate in double as the CPU does.
template <Reduce op>
__global__ void reduce_kernel(const float* x, float* y, int64_t outer, int64_t r,
                              int64_t inner) {
  const int64_t total = outer * inner;
  for (int64_t t = thread_index(); t < total; t += grid_stride()) {
    const int64_t o = t / inner, i = t % inner;
    const float* p = x + o * r * inner + i;
    if (op == Reduce::sum && inner == 1) {
      double s = 0;
      for (int64_t j = 0; j < r; ++j) s += p[j];
      y[t] = float(s);
    } else {
      float acc = initial<op>();
      for (int64_t j = 0; j < r; ++j) acc = combine<op>(acc, p[j * inner]);
      y[t] = acc;
    }
  }
}

// One block per contiguous row (inner == 1). Sums in double, like the CPU;
// max and min never hold a NaN in a partial (see combine), so the partials
// combine with the same rule.
template <Reduce op>
__global__ void reduce_rows_kernel(const float* x, float* y, int64_t outer, int64_t r) {
  for (int64_t o = blockIdx.x; o < outer; o += gridDim.x) {
    const float* p = x + o * r;
    if constexpr (op == Reduce::sum) {
      double s = 0;
      for (int64_t j = threadIdx.x; j < r; j += blockDim.x) s += p[j];
      s = block_reduce(s, 0.0, [](double a, double b) { return a + b; });
      if (threadIdx.x == 0) y[o] = float(s);
    } else {
      float acc = initial<op>();
      for (int64_t j = threadIdx.x; j < r; j += blockDim.x) acc = combine<op>(acc, p[j]);
      acc = block_reduce(acc, initial<op>(),
                         [](float a, float b) { return combine<op>(a, b); });
      if (threadIdx.x == 0) y[o] = acc;
    }
  }
}

template <Reduce op>
void launch_reduce(const float* x, float* y, int64_t outer, int64_t r, int64_t inner) {
  if (inner == 1 && r >= kBlockRow) {
    reduce_rows_kernel<op>
        <<<unsigned(std::min(outer, kMaxRowBlocks)), kThreads>>>(x, y, outer, r);
  } else {
    reduce_kernel<op><<<blocks_for(outer * inner), kThreads>>>(x, y, outer, r, inner);
  }
  check_launch("reduce");
}

// The CPU's argmax, one thread per output: start at j = 0 and move only to a
// strictly larger value, so ties keep the first and NaNs are skipped (and a
// NaN at j = 0 is never left: the answer is 0).
__global__ void argmax_kernel(const float* x, float* y, int64_t outer, int64_t r,
                              int64_t inner) {
  const int64_t total = outer * inner;
  for (int64_t t = thread_index(); t < total; t += grid_stride()) {
    const int64_t o = t / inner, i = t % inner;
    const float* p = x + o * r * inner + i;
    int64_t best = 0;
    float best_value = p[0];
    for (int64_t j = 1; j < r; ++j) {
      const float v = p[j * inner];
      if (v > best_value) {
        best_value = v;
        best = j;
      }
    }
    y[t] = float(best);
  }
}

// A candidate for the block argmax: its value and position in the row.
struct Best {
  float value;
  int64_t index;
};

__device__ inline Best shuffle_down(Best b, int by) {
  return {detail::shuffle_down(b.value, by), detail::shuffle_down(b.index, by)};
}

// The CPU's answer for a row whose first value is not NaN is the first
// position of the largest non-NaN value: NaNs lose to every number, and equal
// values go to the lower position, whatever order the candidates meet in.
__device__ inline Best better(Best a, Best b) {
  const bool a_nan = a.value != a.value, b_nan = b.value != b.value;
  if (a_nan != b_nan) return a_nan ? b : a;
  if (!a_nan && a.value != b.value) return a.value > b.value ? a : b;
  return a.index < b.index ? a : b;
}

__global__ void argmax_rows_kernel(const float* x, float* y, int64_t outer, int64_t r) {
  const Best none{kNaN, kInt64Max};
  for (int64_t o = blockIdx.x; o < outer; o += gridDim.x) {
    const float* p = x + o * r;
    Best b = none;
    for (int64_t j = threadIdx.x; j < r; j += blockDim.x) b = better(b, Best{p[j], j});
    b = block_reduce(b, none, [](Best u, Best v) { return better(u, v); });
    // A NaN first value is never replaced on the CPU.
    if (threadIdx.x == 0) y[o] = p[0] != p[0] ? 0.0f : float(b.index);
  }
}

}  // namespace

void reduce(Device d, Reduce op, const float* x, float* y, int64_t outer, int64_t r,
            int64_t inner) {
  if (outer <= 0 || inner <= 0) return;
  set_device(d);
  switch (op) {
    case Reduce::sum:
      return launch_reduce<Reduce::sum>(x, y, outer, r, inner);
    case Reduce::max:
      return launch_reduce<Reduce::max>(x, y, outer, r, inner);
    case Reduce::min:
      return launch_reduce<Reduce::min>(x, y, outer, r, inner);
  }
  throw d2l::Error("gpu: reduce: unknown operation");
}

void argmax(Device d, const float* x, float* y, int64_t outer, int64_t r, int64_t inner) {
  if (outer <= 0 || inner <= 0) return;
  set_device(d);
  if (r <= 0) {  // nothing to compare (the CPU would read past x): index 0
    fill(d, y, outer * inner, 0.0f);
    return;
  }
  if (inner == 1 && r >= kBlockRow) {
    argmax_rows_kernel<<<unsigned(std::min(outer, kMaxRowBlocks)), kThreads>>>(x, y,
                                                                               outer, r);
  } else {
    argmax_kernel<<<blocks_for(outer * inner), kThreads>>>(x, y, outer, r, inner);
  }
  check_launch("argmax");
}

}  // namespace d2l::kernels::cuda
