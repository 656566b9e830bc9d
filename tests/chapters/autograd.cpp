// Checks of chapters/01_preliminaries/autograd.cpp against derivatives worked out
// by hand.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "chapters/results.hpp"

using chapter_test::scalar;
using chapter_test::shape;
using chapter_test::values;
using Vec = std::vector<double>;
using ShapeV = std::vector<int64_t>;

namespace {

const char* const kName = "autograd";

void check_close(const Vec& actual, const Vec& expected, double eps = 1e-6) {
  REQUIRE(actual.size() == expected.size());
  for (size_t i = 0; i < actual.size(); ++i) {
    INFO("element " << i);
    CHECK(actual[i] == Approx(expected[i]).epsilon(eps).margin(eps));
  }
}

}  // namespace

TEST_CASE("the gradient of y = 2 x^T x is 4x", "[autograd]") {
  CHECK(shape(kName, "x") == ShapeV{4, 1});
  check_close(values(kName, "x"), {0, 1, 2, 3});
  CHECK(shape(kName, "y") == ShapeV{1, 1});
  CHECK(scalar(kName, "y") == 28);  // 2 * (0 + 1 + 4 + 9)
  CHECK(shape(kName, "x_grad") == ShapeV{4, 1});
  check_close(values(kName, "x_grad"), {0, 4, 8, 12});
  CHECK(scalar(kName, "x_grad_equals_4x") == 1);
}

TEST_CASE("record switches training mode on, and only inside", "[autograd]") {
  CHECK(scalar(kName, "is_training_outside") == 0);
  CHECK(scalar(kName, "is_training_inside") == 1);
  CHECK(scalar(kName, "is_training_after") == 0);
}

TEST_CASE("backward of a non-scalar sums it first", "[autograd]") {
  check_close(values(kName, "nonscalar_grad"), {0, 2, 4, 6});
  check_close(values(kName, "explicit_sum_grad"), {0, 2, 4, 6});
}

TEST_CASE("the gradient through while and if equals f(a) / a", "[autograd]") {
  for (std::string which : {"random", "negated"}) {
    INFO("input: " << which);
    std::string key = "control_" + which;
    double a = scalar(kName, key + "_a");
    REQUIRE(a != 0);
    // Replay f by hand: f(a) = k a, with k = 2^n (times 100 when a < 0).
    double k = 2;
    while (std::abs(k * a) < 1000) k *= 2;
    if (k * a <= 0) k *= 100;
    CHECK(scalar(kName, key + "_c") == Approx(k * a).epsilon(1e-5));
    CHECK(scalar(kName, key + "_grad") == Approx(k).epsilon(1e-5));
    CHECK(scalar(kName, key + "_grad") ==
          Approx(scalar(kName, key + "_c_over_a")).epsilon(1e-5));
  }
  // The two inputs are negatives of each other, so they take both branches.
  CHECK(scalar(kName, "control_negated_a") == -scalar(kName, "control_random_a"));
}

TEST_CASE("a head gradient weights each output", "[autograd]") {
  // z = 2 u * u, dz/du = 4u, weighted by v = (10, 1, 0.1, 0.01).
  check_close(values(kName, "head_grad"), {40, 8, 1.2, 0.16}, 1e-5);
}
