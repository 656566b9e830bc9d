// Checks of chapters/03_multilayer_perceptrons/mlp.cpp: the activation functions
// and their autograd derivatives against the formulas, at the probe points
// x = (-2, -0.5, 0, 0.5, 2).
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "chapters/results.hpp"

using chapter_test::scalar;
using chapter_test::values;
using Vec = std::vector<double>;

namespace {

const char* const kName = "mlp";
const Vec kProbe = {-2, -0.5, 0, 0.5, 2};

void check_fn(const std::string& key, const std::function<double(double)>& f) {
  Vec actual = values(kName, key);
  REQUIRE(actual.size() == kProbe.size());
  for (size_t i = 0; i < kProbe.size(); ++i) {
    INFO(key << " at x = " << kProbe[i]);
    CHECK(actual[i] == Approx(f(kProbe[i])).margin(1e-5));
  }
}

double sigmoid(double x) { return 1 / (1 + std::exp(-x)); }

}  // namespace

TEST_CASE("relu and its derivative at the probe points", "[mlp]") {
  check_fn("relu_at_probe", [](double x) { return std::max(x, 0.0); });
  // 0 for x <= 0 (the library's choice at the kink), 1 for x > 0.
  check_fn("relu_grad_at_probe", [](double x) { return x > 0 ? 1.0 : 0.0; });
}

TEST_CASE("sigmoid and its derivative at the probe points", "[mlp]") {
  check_fn("sigmoid_at_probe", sigmoid);
  check_fn("sigmoid_grad_at_probe",
           [](double x) { return sigmoid(x) * (1 - sigmoid(x)); });
  CHECK(values(kName, "sigmoid_grad_at_probe")[2] == Approx(0.25).margin(1e-6));
}

TEST_CASE("tanh and its derivative at the probe points", "[mlp]") {
  check_fn("tanh_at_probe", [](double x) { return std::tanh(x); });
  check_fn("tanh_grad_at_probe",
           [](double x) { return 1 - std::tanh(x) * std::tanh(x); });
  CHECK(values(kName, "tanh_grad_at_probe")[2] == Approx(1.0).margin(1e-6));
}

TEST_CASE("autograd matches the derivative formulas on the whole grid", "[mlp]") {
  CHECK(scalar(kName, "relu_max_error") == 0);
  CHECK(scalar(kName, "sigmoid_max_error") < 1e-5);
  CHECK(scalar(kName, "tanh_max_error") < 1e-5);
  // The derivatives peak at the origin: 1/4 for sigmoid, 1 for tanh.
  CHECK(scalar(kName, "sigmoid_grad_max") == Approx(0.25).margin(1e-5));
  CHECK(scalar(kName, "tanh_grad_max") == Approx(1.0).margin(1e-5));
}
