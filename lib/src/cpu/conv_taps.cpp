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

// Calls body(plane, cols_row) for each channel's planes (c, n, plane floats
// each) and their rows of cols (c, n, size), in parallel over channels: each
// task owns one channel, so a scatter never races.
template <class Body>
void for_planes(int64_t n, int64_t c, int64_t plane, int64_t size, Body&& body) {
  detail::parallel_for(c, [&](int64_t ch) {
    for (int64_t b = 0; b < n; ++b) body((ch * n + b) * plane, (ch * n + b) * size);
  });
}

}  // namespace

void tap_gather(Device d, const float* planes, float* cols, int64_t n, int64_t c,
                int64_t height, int64_t width, const TapRect& r, bool at_output) {
  require_host(d, "tap_gather");
  const std::vector<int64_t> offsets = offsets_of(r, width, at_output);
  const int64_t* at = offsets.data();
  const int64_t size = r.size();
  for_planes(n, c, height * width, size, [&](int64_t plane, int64_t row) {
    for (int64_t t = 0; t < size; ++t) cols[row + t] = planes[plane + at[t]];
  });
}

void tap_scatter_add(Device d, const float* cols, float* planes, int64_t n, int64_t c,
                     int64_t height, int64_t width, const TapRect& r, bool at_output) {
  require_host(d, "tap_scatter_add");
  const std::vector<int64_t> offsets = offsets_of(r, width, at_output);
  const int64_t* at = offsets.data();
  const int64_t size = r.size();
  for_planes(n, c, height * width, size, [&](int64_t plane, int64_t row) {
    for (int64_t t = 0; t < size; ++t) planes[plane + at[t]] += cols[row + t];
  });
}

}  // namespace d2l::kernels
