// Max and average pooling of (H, W) planes on a GPU, forward and backward, as
// in src/cpu/pool.cpp. Forward: one thread per output. pool2d_backward: one
// thread per input pixel, gathering from the windows that contain it in the
// CPU's (row-major) order, so no atomics and the CPU's order of sums (nvcc
// may fuse a multiply-add the CPU rounds twice: equal to about one ulp).
// pool2d_max_backward scatters at the saved argmax with atomics.
#include <string>

#include "cuda/common.cuh"

namespace d2l::kernels::cuda {

using namespace detail;

namespace {

// The part of window (oh, ow) inside the plane: rows [h0, h1), columns
// [w0, w1). Padding is never read.
struct Box {
  int64_t h0, h1, w0, w1;
};

__device__ inline Box window(const Window2D& g, int64_t oh, int64_t ow) {
  const int64_t hs = oh * g.stride_h - g.pad_h, ws = ow * g.stride_w - g.pad_w;
  return {hs > 0 ? hs : 0, hs + g.kernel_h < g.height ? hs + g.kernel_h : g.height,
          ws > 0 ? ws : 0, ws + g.kernel_w < g.width ? ws + g.kernel_w : g.width};
}

// The CPU's first_max: the flat index in the plane of the first (row-major)
// element larger than everything before it, starting from -inf, so NaNs are
// skipped and an all-NaN (or all -inf) window gives its first element.
__device__ inline int64_t first_max(const float* x, const Window2D& g, const Box& b) {
  int64_t best = b.h0 * g.width + b.w0;
  float best_value = -kInf;
  for (int64_t h = b.h0; h < b.h1; ++h) {
    for (int64_t w = b.w0; w < b.w1; ++w) {
      const float v = x[h * g.width + w];
      if (v > best_value) {
        best_value = v;
        best = h * g.width + w;
      }
    }
  }
  return best;
}

// The CPU's box_sum: row-major, in float, padding counted as nothing (the
// caller divides by the whole KH*KW).
__device__ inline float box_sum(const float* x, const Window2D& g, const Box& b) {
  float s = 0.0f;
  for (int64_t h = b.h0; h < b.h1; ++h) {
    for (int64_t w = b.w0; w < b.w1; ++w) s += x[h * g.width + w];
  }
  return s;
}

// The windows along one axis that contain input position `in`: outputs
// [lo, hi] with o * stride - pad <= in < o * stride - pad + kernel; lo > hi
// when none does.
struct Span {
  int64_t lo, hi;
};
__device__ inline Span windows_over(int64_t in, int64_t kernel, int64_t stride,
                                    int64_t pad, int64_t out) {
  const int64_t first = in + pad - kernel + 1;  // o * stride >= first
  const int64_t lo = first <= 0 ? 0 : (first + stride - 1) / stride;
  int64_t hi = (in + pad) / stride;  // o * stride <= in + pad (both >= 0)
  if (hi > out - 1) hi = out - 1;
  return {lo, hi};
}

// One thread per output (plane, oh, ow); with argmax not null, max pooling
// also records where the maximum was.
template <Pool op>
__global__ void pool_kernel(const float* x, float* y, float* argmax, Window2D g,
                            int64_t planes, float scale) {
  const int64_t in = g.height * g.width, out = g.out_h * g.out_w, total = planes * out;
  for (int64_t t = thread_index(); t < total; t += grid_stride()) {
    const int64_t plane = t / out, o = t % out;
    const float* xp = x + plane * in;
    const Box b = window(g, o / g.out_w, o % g.out_w);
    if constexpr (op == Pool::max) {
      const int64_t i = first_max(xp, g, b);
      y[t] = xp[i];
      if (argmax) argmax[t] = float(i);
    } else {
      y[t] = box_sum(xp, g, b) * scale;
    }
  }
}

// One thread per input pixel: the sum of its share of each window's gradient,
// window by window in row-major order as the CPU adds them. Max sends a
// window's whole gradient to its first maximum (recomputed from x); avg sends
// every element dy * scale.
template <Pool op>
__global__ void pool_backward_kernel(const float* x, const float* dy, float* dx,
                                     Window2D g, int64_t planes, float scale) {
  const int64_t in = g.height * g.width, out = g.out_h * g.out_w, total = planes * in;
  for (int64_t t = thread_index(); t < total; t += grid_stride()) {
    const int64_t plane = t / in, pixel = t % in;
    const int64_t h = pixel / g.width, w = pixel % g.width;
    const float* xp = x + plane * in;
    const float* dyp = dy + plane * out;
    const Span sh = windows_over(h, g.kernel_h, g.stride_h, g.pad_h, g.out_h);
    const Span sw = windows_over(w, g.kernel_w, g.stride_w, g.pad_w, g.out_w);
    float s = 0.0f;
    for (int64_t oh = sh.lo; oh <= sh.hi; ++oh) {
      for (int64_t ow = sw.lo; ow <= sw.hi; ++ow) {
        const float grad = dyp[oh * g.out_w + ow];
        if constexpr (op == Pool::max) {
          if (first_max(xp, g, window(g, oh, ow)) == pixel) s += grad;
        } else {
          s += grad * scale;
        }
      }
    }
    dx[t] = s;
  }
}

// dx (already zero) += dy at each saved argmax. Overlapping windows can share
// a maximum, hence the atomics; an index outside the plane is skipped.
__global__ void max_backward_kernel(const float* dy, const float* argmax, float* dx,
                                    int64_t in, int64_t out, int64_t planes) {
  const int64_t total = planes * out;
  for (int64_t t = thread_index(); t < total; t += grid_stride()) {
    const float a = argmax[t];
    if (!(a >= 0.0f && a < float(in))) continue;
    atomicAdd(dx + (t / out) * in + int64_t(a), dy[t]);
  }
}

float avg_scale(const Window2D& g) { return 1.0f / float(g.kernel_h * g.kernel_w); }

}  // namespace

void pool2d(Device d, Pool op, const float* x, float* y, const Window2D& g,
            int64_t planes) {
  const int64_t total = planes * g.out_h * g.out_w;
  if (total <= 0) return;
  set_device(d);
  if (op == Pool::max) {
    pool_kernel<Pool::max>
        <<<blocks_for(total), kThreads>>>(x, y, nullptr, g, planes, avg_scale(g));
  } else {
    pool_kernel<Pool::avg>
        <<<blocks_for(total), kThreads>>>(x, y, nullptr, g, planes, avg_scale(g));
  }
  check_launch("pool2d");
}

void pool2d_backward(Device d, Pool op, const float* x, const float* dy, float* dx,
                     const Window2D& g, int64_t planes) {
  const int64_t total = planes * g.height * g.width;
  if (total <= 0) return;
  set_device(d);
  if (op == Pool::max) {
    pool_backward_kernel<Pool::max>
        <<<blocks_for(total), kThreads>>>(x, dy, dx, g, planes, avg_scale(g));
  } else {
    pool_backward_kernel<Pool::avg>
        <<<blocks_for(total), kThreads>>>(x, dy, dx, g, planes, avg_scale(g));
  }
  check_launch("pool2d_backward");
}

void pool2d_max(Device d, const float* x, float* y, float* argmax, const Window2D& g,
                int64_t planes) {
  // Float indices are exact below 2^24, as on the CPU.
  if (g.height * g.width > (int64_t(1) << 24)) {
    throw d2l::Error(
        "pooling: planes of more than 2^24 elements are not supported, got " +
        std::to_string(g.height) + " x " + std::to_string(g.width));
  }
  const int64_t total = planes * g.out_h * g.out_w;
  if (total <= 0) return;
  set_device(d);
  pool_kernel<Pool::max>
      <<<blocks_for(total), kThreads>>>(x, y, argmax, g, planes, avg_scale(g));
  check_launch("pool2d_max");
}

void pool2d_max_backward(Device d, const float* dy, const float* argmax, float* dx,
                         const Window2D& g, int64_t planes) {
  const int64_t in = g.height * g.width, out = g.out_h * g.out_w;
  if (planes * in <= 0) return;
  fill(d, dx, planes * in, 0.0f);  // sets the device too
  if (planes * out <= 0) return;
  max_backward_kernel<<<blocks_for(planes * out), kThreads>>>(dy, argmax, dx, in, out,
                                                              planes);
  check_launch("pool2d_max_backward");
}

}  // namespace d2l::kernels::cuda
