// Bilinear resizing with half-pixel centers (align_corners=false), separable:
// each output row and column mixes the two nearest input rows and columns.
#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "d2l/vision.hpp"
#include "ndarray/impl.hpp"

namespace d2l::gluon::data::vision::transforms {

using d2l::detail::fail;

namespace {

// For each output position: the two input positions and the weight of the second.
struct Taps {
  std::vector<int64_t> lo, hi;
  std::vector<float> frac;
};

Taps taps(int64_t in, int64_t out) {
  Taps t;
  const double scale = double(in) / double(out);
  for (int64_t i = 0; i < out; ++i) {
    // Clamped at 0 as PyTorch and OpenCV do; the top clamp is `hi`.
    const double src = std::max(0.0, (double(i) + 0.5) * scale - 0.5);
    const auto lo = std::min(int64_t(std::floor(src)), in - 1);
    t.lo.push_back(lo);
    t.hi.push_back(std::min(lo + 1, in - 1));
    t.frac.push_back(float(src - double(lo)));
  }
  return t;
}

}  // namespace

Resize::Resize(int64_t height, int64_t width) : height(height), width(width) {
  if (height < 1 || width < 1) {
    fail("Resize", "the size must be at least 1x1, got ", height, "x", width);
  }
}

NDArray Resize::operator()(const NDArray& images) const {
  d2l::detail::defined(images, "Resize");
  const Shape& s = images.shape();
  if (s.size() != 3 && s.size() != 4) {
    fail("Resize", "expected images (N, C, H, W) or (C, H, W), got shape ", shape_str(s),
         " (apply ToTensor first to put channels first)");
  }
  if (images.context() != cpu()) fail("Resize", "expects a host array");
  const int64_t in_h = s[s.size() - 2], in_w = s[s.size() - 1];
  Shape out_shape = s;
  out_shape[s.size() - 2] = height;
  out_shape[s.size() - 1] = width;
  NDArray out = d2l::detail::empty(out_shape, cpu());
  if (images.size() == 0) return out;
  const int64_t planes = images.size() / (in_h * in_w);
  const Taps rows = taps(in_h, height), cols = taps(in_w, width);

  // Columns first into a (in_h, width) buffer, then rows.
  std::vector<float> tmp(size_t(in_h * width));
  const float* x = images.data();
  float* y = out.data();
  for (int64_t q = 0; q < planes; ++q) {
    const float* src = x + q * in_h * in_w;
    for (int64_t r = 0; r < in_h; ++r) {
      const float* row = src + r * in_w;
      float* t = tmp.data() + r * width;
      for (int64_t j = 0; j < width; ++j) {
        const float a = row[cols.lo[size_t(j)]], b = row[cols.hi[size_t(j)]];
        t[j] = a + (b - a) * cols.frac[size_t(j)];
      }
    }
    float* dst = y + q * height * width;
    for (int64_t i = 0; i < height; ++i) {
      const float* a = tmp.data() + rows.lo[size_t(i)] * width;
      const float* b = tmp.data() + rows.hi[size_t(i)] * width;
      const float f = rows.frac[size_t(i)];
      for (int64_t j = 0; j < width; ++j) dst[i * width + j] = a[j] + (b[j] - a[j]) * f;
    }
  }
  return out;
}

}  // namespace d2l::gluon::data::vision::transforms
