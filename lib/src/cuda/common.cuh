#pragma once
// What every CUDA kernel file shares: error checks that throw d2l::Error,
// selecting the array's GPU, grid sizes for grid-stride loops, and a small
// by-value array for shapes and strides. All work goes to the legacy default
// stream, so kernels run in the order the ops call them and nothing here
// waits for the GPU.
#include <cuda_runtime.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "d2l/error.hpp"
#include "kernels/backends.hpp"

namespace d2l::kernels::cuda::detail {

inline void check(cudaError_t err, const char* what) {
  if (err != cudaSuccess) {
    throw d2l::Error(std::string("gpu: ") + what + " failed: " + cudaGetErrorString(err));
  }
}

/// After every launch: a bad configuration shows up here (errors inside a
/// running kernel surface at the next synchronizing call instead).
inline void check_launch(const char* kernel) { check(cudaGetLastError(), kernel); }

/// Kernels and copies go to the current device: make it the array's.
inline void set_device(Device d) { check(cudaSetDevice(d.id), "cudaSetDevice"); }

// Constants usable in device code (numeric_limits' functions are host-only).
constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();

constexpr int kThreads = 256;
// Enough blocks to fill any current GPU several times over; grid-stride loops
// cover the rest, so huge arrays never exceed the grid limits.
constexpr int64_t kMaxBlocks = 8192;

/// Blocks of kThreads for a grid-stride loop over n items.
inline unsigned blocks_for(int64_t n) {
  return unsigned(std::clamp<int64_t>((n + kThreads - 1) / kThreads, 1, kMaxBlocks));
}

/// The first global thread index and the grid's stride, in int64_t so that
/// arrays of more than 2^31 elements index correctly.
__device__ inline int64_t thread_index() {
  return int64_t(blockIdx.x) * blockDim.x + threadIdx.x;
}
__device__ inline int64_t grid_stride() { return int64_t(gridDim.x) * blockDim.x; }

constexpr int kWarp = 32;

/// Shuffles for the block reductions below (int64_t goes as long long).
__device__ inline float shuffle_down(float v, int by) {
  return __shfl_down_sync(0xffffffffu, v, by);
}
__device__ inline double shuffle_down(double v, int by) {
  return __shfl_down_sync(0xffffffffu, v, by);
}
__device__ inline int64_t shuffle_down(int64_t v, int by) {
  return int64_t(__shfl_down_sync(0xffffffffu, (long long)v, by));
}

/// Combines one value from each thread of the block (blockDim.x a multiple of
/// 32, at most 1024; every thread must call it); the result is valid in thread
/// 0. `identity` fills the lanes past the last warp. Safe to call repeatedly in
/// one kernel: it waits for the previous call's readers before reusing memory.
template <class T, class Combine>
__device__ T block_reduce(T v, T identity, Combine combine) {
  __shared__ T partial[kWarp];
  const int lane = int(threadIdx.x) % kWarp, warp = int(threadIdx.x) / kWarp;
  for (int by = kWarp / 2; by > 0; by /= 2) v = combine(v, shuffle_down(v, by));
  __syncthreads();
  if (lane == 0) partial[warp] = v;
  __syncthreads();
  if (warp == 0) {
    v = lane < int(blockDim.x) / kWarp ? partial[lane] : identity;
    for (int by = kWarp / 2; by > 0; by /= 2) v = combine(v, shuffle_down(v, by));
  }
  return v;
}

/// Up to 8 axis lengths or strides, passed to kernels by value.
struct Dims {
  static constexpr int kMax = 8;
  int n = 0;
  int64_t v[kMax] = {};
};

inline Dims to_dims(const std::vector<int64_t>& v, const char* kernel) {
  if (v.size() > size_t(Dims::kMax)) {
    throw d2l::Error(std::string("gpu: ") + kernel + ": arrays of more than " +
                     std::to_string(Dims::kMax) +
                     " axes (after merging contiguous ones) " +
                     "are not supported on a GPU, got " + std::to_string(v.size()));
  }
  Dims d;
  d.n = int(v.size());
  for (int i = 0; i < d.n; ++i) d.v[i] = v[size_t(i)];
  return d;
}

/// Drops axes of length 1 and merges neighbouring axes that every strided view
/// walks as one (outer stride = inner stride * inner length), so that most
/// arrays reach the kernels with one or two axes, and rarely more than 8.
/// `strides` are per-axis strides of the same length as `shape`.
inline void fold_axes(std::vector<int64_t>& shape,
                      std::vector<std::vector<int64_t>*> strides) {
  std::vector<int64_t> s;
  std::vector<std::vector<int64_t>> st(strides.size());
  for (size_t ax = 0; ax < shape.size(); ++ax) {
    if (shape[ax] == 1) continue;
    bool merge = !s.empty();
    for (size_t k = 0; merge && k < strides.size(); ++k) {
      merge = st[k].back() == (*strides[k])[ax] * shape[ax];
    }
    if (merge) {
      s.back() *= shape[ax];
      for (size_t k = 0; k < strides.size(); ++k) st[k].back() = (*strides[k])[ax];
    } else {
      s.push_back(shape[ax]);
      for (size_t k = 0; k < strides.size(); ++k) st[k].push_back((*strides[k])[ax]);
    }
  }
  shape = s;
  for (size_t k = 0; k < strides.size(); ++k) *strides[k] = st[k];
}

/// Row-major strides of a shape.
inline std::vector<int64_t> row_major_strides(const std::vector<int64_t>& s) {
  std::vector<int64_t> st(s.size(), 1);
  for (int i = int(s.size()) - 2; i >= 0; --i) st[i] = st[i + 1] * s[i + 1];
  return st;
}

/// The number of elements of a shape (1 for a scalar).
inline int64_t product(const std::vector<int64_t>& s) {
  int64_t p = 1;
  for (int64_t v : s) p *= v;
  return p;
}

/// The integer an index value names, or -1 when it is not an integer in
/// [0, n): the CPU's first_bad_index test (NaN fails too), with `fn` = float(n)
/// rounded on the host as the CPU rounds it. Gathers skip such indices, so a
/// bad one never reads or writes outside a buffer.
__device__ inline int64_t index_or_minus_one(float v, float fn, int64_t n) {
  if (!(v >= 0.0f && v < fn)) return -1;
  const int64_t i = int64_t(v);
  if (v != float(i) || i >= n) return -1;
  return i;
}

}  // namespace d2l::kernels::cuda::detail
