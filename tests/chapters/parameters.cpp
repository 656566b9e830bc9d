// Checks of chapters/04_computation/parameters.cpp.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "chapters/results.hpp"

using chapter_test::scalar;
using chapter_test::values;

namespace {
const char* const kName = "parameters";
}

TEST_CASE("parameters are reached by layer and by name", "[parameters]") {
  CHECK(scalar(kName, "layer0_num_params") == 2);
  CHECK(values(kName, "weight1_shape") == std::vector<double>{10, 256});
  CHECK(scalar(kName, "grad_before_backward") == 0);
  CHECK(scalar(kName, "num_params") == 4);
  CHECK(scalar(kName, "num_weights") == 2);
}

TEST_CASE("initializers give the values they promise", "[parameters]") {
  // Mean square of Normal(0.01) samples is about 1e-4.
  CHECK(std::sqrt(scalar(kName, "normal_std")) == Approx(0.01).epsilon(0.05));
  CHECK(scalar(kName, "constant_value") == 1);
  // Xavier for (256, 20): sqrt(3 / 138) = 0.147.
  CHECK(scalar(kName, "xavier_max") <= std::sqrt(3.0 / 138) + 1e-6);
  CHECK(scalar(kName, "xavier_max") > 0.1);
  CHECK(scalar(kName, "out_weight_value") == 42);
  CHECK(scalar(kName, "myinit_min_abs_nonzero") >= 5);
  CHECK(scalar(kName, "myinit_zero_fraction") == Approx(0.5).margin(0.1));
  CHECK(scalar(kName, "set_data_corner") == 42);
}

TEST_CASE("shared parameters are one array with a summed gradient", "[parameters]") {
  CHECK(scalar(kName, "shared_same") == 100);
  CHECK(scalar(kName, "shared_num_params") == 6);  // 4 layers, 3 sets
  CHECK(scalar(kName, "shared_grad_norm") > 0);
  CHECK(scalar(kName, "shared_grad_diff") <= 1e-5 * scalar(kName, "shared_grad_norm"));
}
