// The copies of the tap-wise convolution (ndarray/conv_taps.cpp): for one
// kernel tap, the pixels it reads gathered into a GEMM operand, and the
// GEMM's result added back onto the planes.
#include <vector>

#include "core/parallel.hpp"
#include "kernels/host_only.hpp"
#include "kernels/kernels.hpp"

namespace d2l::kernels {

namespace {

// Where each of the rectangle's pixels sits in its plane, row-major: small
// planes (ResNet's 3x3) make rows of 1-3 pixels, too short for a copy each.
std::vector<int64_t> offsets_of(const TapRect& r, int64_t width, bool at_output) {
  const int64_t sh = at_output ? 1 : r.stride_h, sw = at_output ? 1 : r.stride_w;
  const int64_t oh = at_output ? 0 : r.off_h, ow = at_output ? 0 : r.off_w;
  std::vector<int64_t> offsets;
  offsets.reserve(size_t(r.size()));
  for (int64_t i = r.i0; i < r.i1; ++i) {
    for (int64_t j = r.j0; j < r.j1; ++j)
      offsets.push_back((i * sh + oh) * width + j * sw + ow);
  }
  return offsets;
}

}  // namespace

void tap_gather(Device d, const float* planes, float* cols, int64_t n, int64_t c,
                int64_t height, int64_t width, const TapRect& r, bool at_output) {
  require_host(d, "tap_gather");
  const int64_t size = r.size(), plane = height * width;
  const std::vector<int64_t> offsets = offsets_of(r, width, at_output);
  const int64_t* at = offsets.data();
  detail::parallel_for(c, [&](int64_t ch) {
    for (int64_t b = 0; b < n; ++b) {
      const float* src = planes + (ch * n + b) * plane;
      float* dst = cols + (ch * n + b) * size;
      for (int64_t t = 0; t < size; ++t) dst[t] = src[at[t]];
    }
  });
}

void tap_scatter_add(Device d, const float* cols, float* planes, int64_t n, int64_t c,
                     int64_t height, int64_t width, const TapRect& r, bool at_output) {
  require_host(d, "tap_scatter_add");
  const int64_t size = r.size(), plane = height * width;
  const std::vector<int64_t> offsets = offsets_of(r, width, at_output);
  const int64_t* at = offsets.data();
  detail::parallel_for(c, [&](int64_t ch) {  // each task owns one channel's planes
    for (int64_t b = 0; b < n; ++b) {
      const float* src = cols + (ch * n + b) * size;
      float* dst = planes + (ch * n + b) * plane;
      for (int64_t t = 0; t < size; ++t) dst[at[t]] += src[t];
    }
  });
}

}  // namespace d2l::kernels
