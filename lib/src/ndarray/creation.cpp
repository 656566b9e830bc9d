// Creating arrays: ranges, constants, and random samples from one seeded
// global generator.
#include <cmath>
#include <random>

#include "core/shape_check.hpp"
#include "d2l/ops.hpp"
#include "ndarray/impl.hpp"
#include "ndarray/random_engine.hpp"

namespace d2l::nd {

using detail::fail;

NDArray arange(double stop, Device device) { return arange(0, stop, 1, device); }

NDArray arange(double start, double stop, double step, Device device) {
  if (step == 0) fail("arange", "step must not be 0");
  const double span = (stop - start) / step;
  const auto n = int64_t(std::max(0.0, std::ceil(span)));
  std::vector<float> values(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) values[size_t(i)] = float(start + double(i) * step);
  return NDArray(values, {n}, device);
}

NDArray full(const Shape& shape, float value, Device device) {
  NDArray out = detail::empty(shape, device);
  kernels::fill(device, detail::ptr(out), out.size(), value);
  return out;
}
NDArray zeros(const Shape& shape, Device device) { return full(shape, 0, device); }
NDArray ones(const Shape& shape, Device device) { return full(shape, 1, device); }
NDArray array(const std::vector<float>& values, const Shape& shape, Device device) {
  return NDArray(values, shape, device);
}
NDArray zeros_like(const NDArray& x) { return zeros(x.shape(), x.context()); }
NDArray ones_like(const NDArray& x) { return ones(x.shape(), x.context()); }

namespace random {

void seed(uint64_t s) { detail::random_engine().seed(s); }

NDArray normal(float loc, float scale, const Shape& shape, Device device) {
  if (!(scale >= 0)) fail("random::normal", "scale must be >= 0, got ", scale);
  std::normal_distribution<float> dist(loc, scale > 0 ? scale : 1);
  std::vector<float> values(size_t(detail::checked_size(shape, "random::normal")));
  for (auto& v : values) v = scale > 0 ? dist(detail::random_engine()) : loc;
  return NDArray(values, shape, device);
}

NDArray uniform(float low, float high, const Shape& shape, Device device) {
  if (!(high >= low)) {
    fail("random::uniform", "high (", high, ") must be >= low (", low, ")");
  }
  std::uniform_real_distribution<float> dist(low, high);
  std::vector<float> values(size_t(detail::checked_size(shape, "random::uniform")));
  for (auto& v : values) v = high > low ? dist(detail::random_engine()) : low;
  return NDArray(values, shape, device);
}

NDArray normal(const Shape& shape, Device device) { return normal(0, 1, shape, device); }
NDArray uniform(const Shape& shape, Device device) {
  return uniform(0, 1, shape, device);
}

}  // namespace random
}  // namespace d2l::nd
