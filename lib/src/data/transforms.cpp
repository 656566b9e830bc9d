// ToTensor, Normalize and Compose: per-batch transforms written as plain loops
// over host memory (a batch is small; no autograd graph is wanted here).
#include "core/error.hpp"
#include "d2l/vision.hpp"
#include "ndarray/impl.hpp"

namespace d2l::gluon::data::vision::transforms {

using d2l::detail::fail;

namespace {

const NDArray& on_host(const NDArray& x, const char* op) {
  d2l::detail::defined(x, op);
  if (x.context() != cpu()) {
    fail(op, "transforms run on host arrays, got one on ", x.context().str(),
         "; move batches to the GPU after transforming them");
  }
  return x;
}

}  // namespace

NDArray ToTensor::operator()(const NDArray& images) const {
  on_host(images, "ToTensor");
  const Shape& s = images.shape();
  if (s.size() != 3 && s.size() != 4) {
    fail("ToTensor", "expected images (N, H, W, C) or one image (H, W, C), got shape ",
         shape_str(s));
  }
  const bool batched = s.size() == 4;
  const int64_t n = batched ? s[0] : 1;
  const int64_t h = s[s.size() - 3], w = s[s.size() - 2], c = s[s.size() - 1];
  Shape out_shape = batched ? Shape{n, c, h, w} : Shape{c, h, w};
  NDArray out = d2l::detail::empty(out_shape, cpu());
  const float* x = images.data();
  float* y = out.data();
  const float scale = 1.0f / 255;
  const int64_t plane = h * w;
  if (c == 1) {                           // the layouts agree: only scale
    const int64_t total = images.size();  // hoisted: y might alias it otherwise
    for (int64_t i = 0; i < total; ++i) y[i] = x[i] * scale;
    return out;
  }
  // (n, h*w, c) -> (n, c, h*w)
  for (int64_t b = 0; b < n; ++b) {
    const float* src = x + b * plane * c;
    float* dst = y + b * plane * c;
    for (int64_t p = 0; p < plane; ++p) {
      for (int64_t k = 0; k < c; ++k) dst[k * plane + p] = src[p * c + k] * scale;
    }
  }
  return out;
}

Normalize::Normalize(std::vector<float> mean, std::vector<float> std)
    : mean(std::move(mean)), std(std::move(std)) {
  if (this->mean.empty() || this->std.empty()) {
    fail("Normalize", "mean and std need at least one value each");
  }
  for (float v : this->std) {
    if (!(v > 0)) fail("Normalize", "every std must be > 0, got ", v);
  }
}

NDArray Normalize::operator()(const NDArray& images) const {
  on_host(images, "Normalize");
  const Shape& s = images.shape();
  if (s.size() != 3 && s.size() != 4) {
    fail("Normalize", "expected images (N, C, H, W) or (C, H, W), got shape ",
         shape_str(s));
  }
  const int64_t c = s[s.size() - 3];
  const int64_t plane = s[s.size() - 2] * s[s.size() - 1];
  for (const auto* v : {&mean, &std}) {
    if (v->size() != 1 && int64_t(v->size()) != c) {
      fail("Normalize", "got ", v->size(), " values for mean or std but images ",
           shape_str(s), " have ", c, " channels: give 1 or ", c, " values");
    }
  }
  NDArray out = d2l::detail::empty(s, cpu());
  const float* x = images.data();
  float* y = out.data();
  const int64_t planes = images.size() / plane;
  for (int64_t q = 0; q < planes; ++q) {
    const size_t k = size_t(q % c);
    const float m = mean[mean.size() == 1 ? 0 : k];
    const float inv = 1.0f / std[std.size() == 1 ? 0 : k];
    for (int64_t p = 0; p < plane; ++p) {
      y[q * plane + p] = (x[q * plane + p] - m) * inv;
    }
  }
  return out;
}

NDArray Compose::operator()(const NDArray& images) const {
  NDArray x = images;
  for (const auto& step : steps) x = step(x);
  return x;
}

}  // namespace d2l::gluon::data::vision::transforms
