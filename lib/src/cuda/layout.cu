// Kernels that move elements around on a GPU, as in src/cpu/layout.cpp:
// permutation, box copies (slicing and concatenation), gathers and scatters
// along an axis, pick, and the index check the gathers rely on. One thread
// per element of the output (or of the values scattered); shapes and strides
// reach the kernels folded to few axes (common.cuh).
#include <mutex>
#include <vector>

#include "cuda/common.cuh"

namespace d2l::kernels::cuda {

using namespace detail;

namespace {

// y[t] = x[offset of t]: t split over y's (folded) shape, the offset summed
// from each axis's stride in x.
__global__ void permute_kernel(const float* x, float* y, int64_t total, Dims shape,
                               Dims src_stride) {
  for (int64_t t = thread_index(); t < total; t += grid_stride()) {
    int64_t rest = t, off = 0;
    for (int ax = shape.n - 1; ax >= 0; --ax) {
      off += (rest % shape.v[ax]) * src_stride.v[ax];
      rest /= shape.v[ax];
    }
    y[t] = x[off];
  }
}

// Element t of the box, at src_off + its offset in src and dst_off + its
// offset in dst. The box lies inside dst, so no two threads write one element
// and accumulating needs no atomics.
template <bool accumulate>
__global__ void copy_box_kernel(const float* src, int64_t src_off, float* dst,
                                int64_t dst_off, int64_t total, Dims box, Dims ss,
                                Dims ds) {
  for (int64_t t = thread_index(); t < total; t += grid_stride()) {
    int64_t rest = t, s = src_off, d = dst_off;
    for (int ax = box.n - 1; ax >= 0; --ax) {
      const int64_t q = rest % box.v[ax];
      rest /= box.v[ax];
      s += q * ss.v[ax];
      d += q * ds.v[ax];
    }
    if (accumulate) {
      dst[d] += src[s];
    } else {
      dst[d] = src[s];
    }
  }
}

// y (outer, m, inner) from x (outer, n, inner). A bad index (which the op has
// already refused through first_bad_index) gives 0 rather than a stray read.
__global__ void gather_kernel(const float* x, const float* index, float* y, int64_t outer,
                              int64_t n, float fn, int64_t inner, int64_t m) {
  const int64_t total = outer * m * inner;
  for (int64_t t = thread_index(); t < total; t += grid_stride()) {
    const int64_t i = t % inner, rest = t / inner, j = rest % m, o = rest / m;
    const int64_t src = index_or_minus_one(index[j], fn, n);
    y[t] = src < 0 ? 0.0f : x[(o * n + src) * inner + i];
  }
}

// x (outer, n, inner) += y (outer, m, inner) at the indexed rows. Indices may
// repeat, so several threads can add to one element: atomically.
__global__ void scatter_add_kernel(const float* y, const float* index, float* x,
                                   int64_t outer, int64_t n, float fn, int64_t inner,
                                   int64_t m) {
  const int64_t total = outer * m * inner;
  for (int64_t t = thread_index(); t < total; t += grid_stride()) {
    const int64_t i = t % inner, rest = t / inner, j = rest % m, o = rest / m;
    const int64_t dst = index_or_minus_one(index[j], fn, n);
    if (dst >= 0) atomicAdd(x + (o * n + dst) * inner + i, y[t]);
  }
}

// y(o, i) = data(o, index(o, i), i); 0 for a bad index.
__global__ void pick_kernel(const float* data, const float* index, float* y,
                            int64_t outer, int64_t n, float fn, int64_t inner) {
  const int64_t total = outer * inner;
  for (int64_t t = thread_index(); t < total; t += grid_stride()) {
    const int64_t o = t / inner, i = t % inner;
    const int64_t j = index_or_minus_one(index[t], fn, n);
    y[t] = j < 0 ? 0.0f : data[(o * n + j) * inner + i];
  }
}

// data_grad(o, index(o, i), i) += grad(o, i). Each (o, i) has one index, so
// each element of data_grad gets at most one addition: no atomics needed, and
// the result is deterministic.
__global__ void pick_scatter_kernel(const float* grad, const float* index,
                                    float* data_grad, int64_t outer, int64_t n, float fn,
                                    int64_t inner) {
  const int64_t total = outer * inner;
  for (int64_t t = thread_index(); t < total; t += grid_stride()) {
    const int64_t o = t / inner, i = t % inner;
    const int64_t j = index_or_minus_one(index[t], fn, n);
    if (j >= 0) data_grad[(o * n + j) * inner + i] += grad[t];
  }
}

// The smallest bad position into *pos (initially all ones). Each thread's
// positions only grow, so it stops at its first bad one.
__global__ void first_bad_kernel(const float* index, int64_t count, float fn, int64_t n,
                                 unsigned long long* pos) {
  for (int64_t t = thread_index(); t < count; t += grid_stride()) {
    if (index_or_minus_one(index[t], fn, n) < 0) {
      atomicMin(pos, (unsigned long long)t);
      break;
    }
  }
}

}  // namespace

void permute(Device d, const float* x, float* y, const Shape& x_shape,
             const std::vector<int>& perm) {
  const int64_t total = product(x_shape);
  if (total <= 0) return;
  if (perm.size() != x_shape.size()) {
    throw d2l::Error("gpu: permute: " + std::to_string(perm.size()) +
                     " axes given for an array of " + std::to_string(x_shape.size()));
  }
  set_device(d);
  const std::vector<int64_t> xs = row_major_strides(x_shape);
  std::vector<int64_t> shape(perm.size()), src_stride(perm.size());
  for (size_t i = 0; i < perm.size(); ++i) {
    shape[i] = x_shape[size_t(perm[i])];
    src_stride[i] = xs[size_t(perm[i])];
  }
  // y is contiguous, so only x's strides decide which axes merge.
  fold_axes(shape, {&src_stride});
  permute_kernel<<<blocks_for(total), kThreads>>>(x, y, total, to_dims(shape, "permute"),
                                                  to_dims(src_stride, "permute"));
  check_launch("permute");
}

void copy_box(Device d, const float* src, const Shape& src_shape, const Shape& src_begin,
              float* dst, const Shape& dst_shape, const Shape& dst_begin,
              const Shape& box, bool accumulate) {
  const int64_t total = product(box);
  if (total <= 0) return;
  set_device(d);
  std::vector<int64_t> ss = row_major_strides(src_shape),
                       ds = row_major_strides(dst_shape);
  int64_t s_off = 0, d_off = 0;
  for (size_t i = 0; i < box.size(); ++i) {
    s_off += src_begin[i] * ss[i];
    d_off += dst_begin[i] * ds[i];
  }
  std::vector<int64_t> shape = box;
  fold_axes(shape, {&ss, &ds});
  const Dims bd = to_dims(shape, "copy_box"), sd = to_dims(ss, "copy_box"),
             dd = to_dims(ds, "copy_box");
  if (accumulate) {
    copy_box_kernel<true>
        <<<blocks_for(total), kThreads>>>(src, s_off, dst, d_off, total, bd, sd, dd);
  } else {
    copy_box_kernel<false>
        <<<blocks_for(total), kThreads>>>(src, s_off, dst, d_off, total, bd, sd, dd);
  }
  check_launch("copy_box");
}

void gather_axis(Device d, const float* x, const float* index, float* y, int64_t outer,
                 int64_t n, int64_t inner, int64_t m) {
  const int64_t total = outer * m * inner;
  if (total <= 0) return;
  set_device(d);
  gather_kernel<<<blocks_for(total), kThreads>>>(x, index, y, outer, n, float(n), inner,
                                                 m);
  check_launch("take");
}

void scatter_add_axis(Device d, const float* y, const float* index, float* x,
                      int64_t outer, int64_t n, int64_t inner, int64_t m) {
  const int64_t total = outer * m * inner;
  if (total <= 0) return;
  set_device(d);
  scatter_add_kernel<<<blocks_for(total), kThreads>>>(y, index, x, outer, n, float(n),
                                                      inner, m);
  check_launch("take (gradient)");
}

void pick(Device d, const float* data, const float* index, float* y, int64_t outer,
          int64_t n, int64_t inner) {
  const int64_t total = outer * inner;
  if (total <= 0) return;
  set_device(d);
  pick_kernel<<<blocks_for(total), kThreads>>>(data, index, y, outer, n, float(n), inner);
  check_launch("pick");
}

void pick_scatter(Device d, const float* grad, const float* index, float* data_grad,
                  int64_t outer, int64_t n, int64_t inner) {
  const int64_t total = outer * inner;
  if (total <= 0) return;
  set_device(d);
  pick_scatter_kernel<<<blocks_for(total), kThreads>>>(grad, index, data_grad, outer, n,
                                                       float(n), inner);
  check_launch("pick (gradient)");
}

int64_t first_bad_index(Device d, const float* index, int64_t count, int64_t n) {
  if (count <= 0) return -1;
  set_device(d);
  // One 8-byte answer slot per device, made once and kept; the lock also keeps
  // two host threads from sharing a slot during a check.
  static std::mutex mutex;
  static std::vector<unsigned long long*> slots;
  std::lock_guard<std::mutex> lock(mutex);
  if (size_t(d.id) >= slots.size()) slots.resize(size_t(d.id) + 1, nullptr);
  unsigned long long*& pos = slots[size_t(d.id)];
  if (!pos) check(cudaMalloc(&pos, sizeof(unsigned long long)), "first_bad_index");
  check(cudaMemsetAsync(pos, 0xFF, sizeof(unsigned long long), 0), "first_bad_index");
  first_bad_kernel<<<blocks_for(count), kThreads>>>(index, count, float(n), n, pos);
  check_launch("first_bad_index");
  // The one value that comes back: this copy waits for the kernel.
  unsigned long long host = 0;
  check(cudaMemcpy(&host, pos, sizeof(host), cudaMemcpyDeviceToHost), "first_bad_index");
  return host == ~0ull ? -1 : int64_t(host);
}

}  // namespace d2l::kernels::cuda
