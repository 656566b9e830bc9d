// The tap-wise convolution: for each tap (p, q) of the kernels, the output
// positions whose input pixel lies inside the image form a rectangle R; then
//   y[:, R]  += W_pq (F, C) x[:, R + shift]      (one GEMM per tap)
//   dx[:, R + shift] += W_pq^T gy[:, R],   dW_pq = gy[:, R] x[:, R + shift]^T
// with the pixels gathered into GEMM operands (src/cpu/conv_taps.cpp) and
// the results added back. The taps run in a fixed order, so every run sums
// the same way.
#include "ndarray/conv_taps.hpp"

#include <algorithm>

#include "d2l/conv_ops.hpp"
#include "ndarray/impl.hpp"

namespace d2l::nd::taps {

using detail::ptr;

namespace {

struct Tap {
  int64_t index;  // p * KW + q
  kernels::TapRect rect;
};

// [first, last): the outputs i < out whose input i * stride + off is in [0, size).
std::pair<int64_t, int64_t> inside(int64_t out, int64_t stride, int64_t off,
                                   int64_t size) {
  int64_t first = 0, last = out;
  while (first < last && first * stride + off < 0) ++first;
  while (last > first && (last - 1) * stride + off >= size) --last;
  return {first, last};
}

// The taps that read at least one pixel, in row-major order.
std::vector<Tap> taps_of(const kernels::Window2D& g) {
  std::vector<Tap> taps;
  for (int64_t p = 0; p < g.kernel_h; ++p) {
    const int64_t off_h = p * g.dilate_h - g.pad_h;
    const auto [i0, i1] = inside(g.out_h, g.stride_h, off_h, g.height);
    for (int64_t q = 0; q < g.kernel_w; ++q) {
      const int64_t off_w = q * g.dilate_w - g.pad_w;
      const auto [j0, j1] = inside(g.out_w, g.stride_w, off_w, g.width);
      if (i0 < i1 && j0 < j1) {
        taps.push_back(
            {p * g.kernel_w + q, {i0, i1, j0, j1, g.stride_h, g.stride_w, off_h, off_w}});
      }
    }
  }
  return taps;
}

// Products per filter, channel and image, tap by tap.
int64_t real_products(const std::vector<Tap>& taps) {
  int64_t total = 0;
  for (const Tap& t : taps) total += t.rect.size();
  return total;
}

int64_t largest_rect(const std::vector<Tap>& taps) {
  int64_t most = 0;
  for (const Tap& t : taps) most = std::max(most, t.rect.size());
  return most;
}

// w (F, C, KH, KW) -> (KH*KW, F, C): each tap's weights one (F, C) matrix.
NDArray tap_major(const NDArray& w, Device d) {
  const Shape& s = w.shape();
  NDArray out = detail::empty({s[2] * s[3], s[0], s[1]}, d);
  kernels::permute(d, ptr(w), ptr(out), {s[0], s[1], s[2] * s[3]}, {2, 0, 1});
  return out;
}

// (a, b, p) -> (b, a, p): images and channels swapped, one pass over the
// array, so that every tap's copies read and write whole channels in order.
void swap_outer(Device d, const float* src, float* dst, int64_t a, int64_t b, int64_t p) {
  kernels::permute(d, src, dst, {a, b, p}, {1, 0, 2});
}

// Images per pass: the two gathered operands of the widest tap within 8M
// floats (32 MB), the whole batch for ResNet-18's layers at batch 256.
int64_t chunk_of(int64_t n, int64_t c, int64_t f, int64_t rect) {
  constexpr int64_t budget = int64_t(8) << 20;
  return std::clamp<int64_t>(budget / std::max<int64_t>((c + f) * rect, 1), 1,
                             std::max<int64_t>(n, 1));
}

// The scratch of one pass over `chunk` images: the chunk's input-side planes
// (x or dx) and output-side planes (y or gy) channel-major, then the two GEMM
// operands of the widest tap.
struct PassScratch {
  PassScratch(int64_t c, int64_t f, int64_t chunk, const kernels::Window2D& g,
              int64_t rect, Device d)
      : buffer(detail::empty({c * chunk * g.height * g.width +
                              f * chunk * g.out_h * g.out_w + (c + f) * chunk * rect},
                             d)),
        in_planes(ptr(buffer)),
        out_planes(in_planes + c * chunk * g.height * g.width),
        cols(out_planes + f * chunk * g.out_h * g.out_w) {}
  NDArray buffer;
  float *in_planes, *out_planes, *cols;
};

}  // namespace

bool chosen(const kernels::Window2D& g, int64_t c, int64_t f, Device d) {
  if (d.type != DeviceType::cpu) return false;  // a CPU algorithm; GPUs use im2col
  const ConvAlgorithm a = conv_algorithm();
  if (a == ConvAlgorithm::taps) return true;
  if (a != ConvAlgorithm::automatic) return false;
  const int64_t im2col = g.out_h * g.out_w * g.kernel_h * g.kernel_w;
  // 3x3 planes with padding 1: 49 of 81 (0.6); stride-2 6x6 -> 3x3 planes,
  // 64 of 81 (0.79), and 6x6 planes, 256 of 324, measured no faster than
  // im2col or Winograd.
  return c >= 64 && f >= 64 && 10 * real_products(taps_of(g)) <= 7 * im2col;
}

NDArray forward(const NDArray& x, const NDArray& w, const NDArray& b,
                const kernels::Window2D& g, Device d) {
  const int64_t n = x.shape()[0], c = x.shape()[1], f = w.shape()[0];
  const int64_t in_plane = g.height * g.width, out_plane = g.out_h * g.out_w;
  NDArray y = detail::empty({n, f, g.out_h, g.out_w}, d);
  const std::vector<Tap> taps = taps_of(g);
  const NDArray wt = tap_major(w, d);
  const int64_t rect = largest_rect(taps), chunk = chunk_of(n, c, f, rect);
  const PassScratch scratch(c, f, chunk, g, rect, d);
  float *xt = scratch.in_planes, *yt = scratch.out_planes, *cols = scratch.cols;
  for (int64_t b0 = 0; b0 < n; b0 += chunk) {
    const int64_t k = std::min(chunk, n - b0);
    swap_outer(d, ptr(x) + b0 * c * in_plane, xt, k, c, in_plane);
    kernels::fill(d, yt, f * k * out_plane, 0.0f);
    for (const Tap& t : taps) {
      const int64_t width = k * t.rect.size();
      float* out = cols + c * width;
      kernels::tap_gather(d, xt, cols, k, c, g.height, g.width, t.rect, false);
      kernels::gemm(d, false, false, f, width, c, 1.0f, ptr(wt) + t.index * f * c, cols,
                    0.0f, out);
      kernels::tap_scatter_add(d, out, yt, k, f, g.out_h, g.out_w, t.rect, true);
    }
    swap_outer(d, yt, ptr(y) + b0 * f * out_plane, f, k, out_plane);
  }
  if (b.defined()) {  // (N, F, P) + (F, 1)
    kernels::binary(
        d, kernels::Binary::add, ptr(y), ptr(b), ptr(y),
        kernels::plan_broadcast({n, f, out_plane}, {f, 1}, {n, f, out_plane}));
  }
  return y;
}

std::vector<NDArray> backward(const NDArray& gy, const NDArray& x, const NDArray& w,
                              const kernels::Window2D& g, bool want_x, bool want_w,
                              Device d) {
  const int64_t n = x.shape()[0], c = x.shape()[1], f = w.shape()[0];
  const int64_t in_plane = g.height * g.width, out_plane = g.out_h * g.out_w;
  const int64_t taps_count = g.kernel_h * g.kernel_w;
  NDArray dx, dw_taps;  // dW as (KH*KW, F, C), one (F, C) block per tap
  if (want_x) dx = detail::empty(x.shape(), d);
  if (want_w) {
    dw_taps = detail::empty({taps_count, f, c}, d);  // taps reading nothing stay 0
    kernels::fill(d, ptr(dw_taps), dw_taps.size(), 0.0f);
  }
  const std::vector<Tap> taps = taps_of(g);
  const NDArray wt = want_x ? tap_major(w, d) : NDArray();
  const int64_t rect = largest_rect(taps), chunk = chunk_of(n, c, f, rect);
  // gy's pixels (F, k R), then x's or dx's (C, k R), in scratch.cols.
  const PassScratch scratch(c, f, chunk, g, rect, d);
  float *xt = scratch.in_planes, *gyt = scratch.out_planes, *gy_cols = scratch.cols;
  for (int64_t b0 = 0; b0 < n && (want_x || want_w); b0 += chunk) {
    const int64_t k = std::min(chunk, n - b0);
    swap_outer(d, ptr(gy) + b0 * f * out_plane, gyt, k, f, out_plane);
    // dW reads x from xt; dx is summed in the same buffer afterwards, so gy's
    // pixels are gathered again for it (F copies per C*F multiply-adds).
    if (want_w) {
      swap_outer(d, ptr(x) + b0 * c * in_plane, xt, k, c, in_plane);
      for (const Tap& t : taps) {
        const int64_t width = k * t.rect.size();
        float* cols = gy_cols + f * width;
        kernels::tap_gather(d, gyt, gy_cols, k, f, g.out_h, g.out_w, t.rect, true);
        kernels::tap_gather(d, xt, cols, k, c, g.height, g.width, t.rect, false);
        kernels::gemm(d, false, true, f, c, width, 1.0f, gy_cols, cols, 1.0f,
                      ptr(dw_taps) + t.index * f * c);
      }
    }
    if (want_x) {
      kernels::fill(d, xt, c * k * in_plane, 0.0f);
      for (const Tap& t : taps) {
        const int64_t width = k * t.rect.size();
        float* cols = gy_cols + f * width;
        kernels::tap_gather(d, gyt, gy_cols, k, f, g.out_h, g.out_w, t.rect, true);
        kernels::gemm(d, true, false, c, width, f, 1.0f, ptr(wt) + t.index * f * c,
                      gy_cols, 0.0f, cols);
        kernels::tap_scatter_add(d, cols, xt, k, c, g.height, g.width, t.rect, false);
      }
      swap_outer(d, xt, ptr(dx) + b0 * c * in_plane, c, k, in_plane);
    }
  }
  NDArray dw;
  if (want_w) {  // (KH*KW, F, C) -> (F, C, KH, KW)
    dw = detail::empty(w.shape(), d);
    kernels::permute(d, ptr(dw_taps), ptr(dw), {taps_count, f, c}, {1, 2, 0});
  }
  return {dx, dw};
}

}  // namespace d2l::nd::taps
