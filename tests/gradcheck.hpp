#pragma once
/// @file gradcheck.hpp
/// Test helpers: compare an array with hand-computed values, and compare the
/// gradients autograd computes with central finite differences.
///
///   check_values(nd::exp(x), {1, 2.7182817f}, {2});
///   check_gradients([](const auto& in) { return in[0] * in[1]; }, {x, y});

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <functional>
#include <random>
#include <source_location>
#include <sstream>
#include <string>
#include <vector>

#include "d2l/autograd.hpp"
#include "d2l/ndarray.hpp"
#include "d2l/ops.hpp"
#include "d2l/shape.hpp"

namespace d2l::test {

/// The multi-index of flat position `flat` in `shape`, written `[1, 2]`.
inline std::string position_str(const Shape& shape, int64_t flat) {
  std::vector<int64_t> idx(shape.size());
  for (size_t k = shape.size(); k-- > 0;) {
    idx[k] = flat % shape[k];
    flat /= shape[k];
  }
  std::ostringstream os;
  os << '[';
  for (size_t k = 0; k < idx.size(); ++k) os << (k ? ", " : "") << idx[k];
  os << ']';
  return os.str();
}

/// Values drawn uniformly from [low, high) with a private generator (the
/// library's global generator is left alone): inputs for gradient checks.
inline NDArray uniform_input(const Shape& shape, float low, float high,
                             uint32_t seed = 7) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<float> dist(low, high);
  std::vector<float> values(static_cast<size_t>(shape_size(shape)));
  for (auto& v : values) v = dist(gen);
  return NDArray(values, shape);
}

/// Checks that `x` has shape `shape` and values `expected` (row-major), each
/// within `tol` (absolute) or a relative `tol`, whichever is larger.
inline void check_values(const NDArray& x, const std::vector<float>& expected,
                         const Shape& shape, float tol = 1e-5f) {
  REQUIRE(x.defined());
  REQUIRE(shape_str(x.shape()) == shape_str(shape));
  auto got = x.to_vector();
  REQUIRE(got.size() == expected.size());
  for (size_t i = 0; i < got.size(); ++i) {
    INFO("element " << position_str(shape, static_cast<int64_t>(i)) << " of "
                    << shape_str(shape));
    float bound = std::max(tol, tol * std::abs(expected[i]));
    CHECK_THAT(got[i], Catch::Matchers::WithinAbs(expected[i], bound));
  }
}

/// Checks only the values (any shape with the same number of elements).
inline void check_flat(const NDArray& x, const std::vector<float>& expected,
                       float tol = 1e-5f) {
  check_values(x, expected, x.shape(), tol);
}

/// A function of several arrays, as the gradient check calls it.
using ArrayFn = std::function<NDArray(const std::vector<NDArray>&)>;

struct GradCheckOptions {
  double eps = 1e-3;   ///< step of the central difference
  double atol = 1e-2;  ///< allowed absolute error ...
  double rtol = 1e-2;  ///< ... plus this fraction of the larger magnitude
  uint32_t seed = 2024;
};

/// Computes d/dx_i sum(w * f(x)) for a fixed random weight array `w` twice:
/// with autograd (attach_grad, record, backward) and with central finite
/// differences (outside record), and checks that they agree for every element
/// of every input. The worst mismatch is reported with its input index and
/// element position. The caller's arrays are not modified.
inline void check_gradients(
    const ArrayFn& f, const std::vector<NDArray>& inputs, GradCheckOptions opt = {},
    std::source_location where = std::source_location::current()) {
  INFO("check_gradients called at " << where.file_name() << ":" << where.line());
  // Fresh copies, so the gradient buffers and perturbations stay private.
  std::vector<NDArray> xs;
  for (const auto& x : inputs) xs.push_back(x.copy());

  // Random weights in [0.5, 1.5): every output element matters, and each with
  // a different weight, so that a mixed-up gradient cannot pass by symmetry.
  NDArray out0 = f(xs);
  REQUIRE(out0.defined());
  std::mt19937 gen(opt.seed);
  std::uniform_real_distribution<float> dist(0.5f, 1.5f);
  std::vector<float> w(static_cast<size_t>(out0.size()));
  for (auto& v : w) v = dist(gen);
  NDArray weights(w, out0.shape());

  // Analytic gradients.
  for (auto& x : xs) x.attach_grad();
  NDArray loss;
  {
    autograd::record rec;
    loss = nd::sum(f(xs) * weights);
  }
  loss.backward();
  std::vector<std::vector<float>> analytic;
  for (size_t i = 0; i < xs.size(); ++i) {
    NDArray g = xs[i].grad();
    INFO("gradient of input " << i);
    REQUIRE(shape_str(g.shape()) == shape_str(xs[i].shape()));
    analytic.push_back(g.to_vector());
  }

  // Numeric gradients: loss(x + eps e_j) - loss(x - eps e_j), summed in double.
  auto eval = [&](const std::vector<NDArray>& args) {
    auto y = f(args).to_vector();
    REQUIRE(y.size() == w.size());
    double s = 0;
    for (size_t k = 0; k < y.size(); ++k) s += static_cast<double>(y[k]) * w[k];
    return s;
  };
  double worst_ratio = -1;
  std::string worst;
  for (size_t i = 0; i < inputs.size(); ++i) {
    auto base = inputs[i].to_vector();
    std::vector<NDArray> args;
    for (const auto& x : inputs) args.push_back(x.copy());
    for (size_t j = 0; j < base.size(); ++j) {
      auto shifted = [&](double delta) {
        auto v = base;
        v[j] = static_cast<float>(v[j] + delta);
        args[i] = NDArray(v, inputs[i].shape());
        return eval(args);
      };
      // The step actually taken in float32, for an exact denominator.
      double up = static_cast<float>(base[j] + opt.eps) - base[j];
      double down = base[j] - static_cast<float>(base[j] - opt.eps);
      double numeric = (shifted(opt.eps) - shifted(-opt.eps)) / (up + down);
      double a = analytic[i][j];
      double err = std::abs(a - numeric);
      double tol = opt.atol + opt.rtol * std::max(std::abs(a), std::abs(numeric));
      if (err / tol > worst_ratio) {
        worst_ratio = err / tol;
        std::ostringstream os;
        os << "input " << i << " " << shape_str(inputs[i].shape()) << ", element "
           << position_str(inputs[i].shape(), static_cast<int64_t>(j)) << ": analytic "
           << a << ", numeric " << numeric << ", |diff| " << err << ", tolerance " << tol;
        worst = os.str();
      }
    }
  }
  INFO("worst gradient mismatch: " << worst);
  CHECK(worst_ratio <= 1.0);
}

}  // namespace d2l::test

using d2l::test::check_flat;
using d2l::test::check_gradients;
using d2l::test::check_values;
