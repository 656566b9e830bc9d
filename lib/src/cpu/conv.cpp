// im2col and col2im on the host: the copies that turn a convolution into one
// matrix product. Both split their work over the library's threads.
#include <algorithm>
#include <cstring>

#include "core/parallel.hpp"
#include "d2l/error.hpp"
#include "kernels/backends.hpp"

namespace d2l::kernels::cpu {

namespace {

// The output positions [lo, hi) along one axis whose input index
// o * stride - pad + tap lies inside [0, size).
struct Range {
  int64_t lo, hi;
};
Range valid_outputs(int64_t out, int64_t size, int64_t stride, int64_t pad, int64_t tap) {
  // o * stride >= pad - tap  and  o * stride < size + pad - tap
  const int64_t first = pad - tap, last = size + pad - tap;  // [first, last)
  int64_t lo = first <= 0 ? 0 : (first + stride - 1) / stride;
  int64_t hi = last <= 0 ? 0 : (last - 1) / stride + 1;
  lo = std::min(lo, out);
  hi = std::clamp(hi, lo, out);
  return {lo, hi};
}

// One row segment of cols: tap (i, j) of one (H, W) plane -> (OH, OW).
void im2col_plane(const float* plane, float* dst, const Window2D& g, int64_t i,
                  int64_t j) {
  const int64_t tap_h = i * g.dilate_h, tap_w = j * g.dilate_w;
  Range rh = valid_outputs(g.out_h, g.height, g.stride_h, g.pad_h, tap_h);
  Range rw = valid_outputs(g.out_w, g.width, g.stride_w, g.pad_w, tap_w);
  std::fill(dst, dst + rh.lo * g.out_w, 0.0f);
  for (int64_t oh = rh.lo; oh < rh.hi; ++oh) {
    const float* src = plane + (oh * g.stride_h - g.pad_h + tap_h) * g.width;
    float* out = dst + oh * g.out_w;
    std::fill(out, out + rw.lo, 0.0f);
    const int64_t iw0 = rw.lo * g.stride_w - g.pad_w + tap_w;
    if (g.stride_w == 1) {
      std::memcpy(out + rw.lo, src + iw0, (rw.hi - rw.lo) * sizeof(float));
    } else {
      for (int64_t ow = rw.lo, iw = iw0; ow < rw.hi; ++ow, iw += g.stride_w) {
        out[ow] = src[iw];
      }
    }
    std::fill(out + rw.hi, out + g.out_w, 0.0f);
  }
  std::fill(dst + rh.hi * g.out_w, dst + g.out_h * g.out_w, 0.0f);
}

// Adds one row segment of cols back into its (H, W) plane.
void col2im_plane(const float* src, float* plane, const Window2D& g, int64_t i,
                  int64_t j) {
  const int64_t tap_h = i * g.dilate_h, tap_w = j * g.dilate_w;
  Range rh = valid_outputs(g.out_h, g.height, g.stride_h, g.pad_h, tap_h);
  Range rw = valid_outputs(g.out_w, g.width, g.stride_w, g.pad_w, tap_w);
  for (int64_t oh = rh.lo; oh < rh.hi; ++oh) {
    float* dst = plane + (oh * g.stride_h - g.pad_h + tap_h) * g.width;
    const float* in = src + oh * g.out_w;
    const int64_t iw0 = rw.lo * g.stride_w - g.pad_w + tap_w;
    for (int64_t ow = rw.lo, iw = iw0; ow < rw.hi; ++ow, iw += g.stride_w) {
      dst[iw] += in[ow];
    }
  }
}

}  // namespace

void im2col(Device d, const float* x, float* cols, const Window2D& g, int64_t c,
            int64_t n) {
  const int64_t taps = g.kernel_h * g.kernel_w, plane = g.height * g.width;
  const int64_t p = g.out_h * g.out_w;
  // One task per (row of cols, image): a contiguous segment of OH*OW values.
  detail::parallel_for(c * taps * n, [&](int64_t t) {
    const int64_t row = t / n, b = t % n;
    const int64_t ci = row / taps, tap = row % taps;
    im2col_plane(x + (b * c + ci) * plane, cols + row * n * p + b * p, g,
                 tap / g.kernel_w, tap % g.kernel_w);
  });
}

void col2im(Device d, const float* cols, float* x, const Window2D& g, int64_t c,
            int64_t n) {
  const int64_t taps = g.kernel_h * g.kernel_w, plane = g.height * g.width;
  const int64_t p = g.out_h * g.out_w;
  // One task per (image, channel) plane: no two tasks write the same pixel.
  detail::parallel_for(n * c, [&](int64_t t) {
    const int64_t b = t / c, ci = t % c;
    float* out = x + t * plane;
    std::fill(out, out + plane, 0.0f);
    for (int64_t tap = 0; tap < taps; ++tap) {
      const float* src = cols + (ci * taps + tap) * n * p + b * p;
      col2im_plane(src, out, g, tap / g.kernel_w, tap % g.kernel_w);
    }
  });
}

}  // namespace d2l::kernels::cpu
