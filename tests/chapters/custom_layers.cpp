// Checks of chapters/04_computation/custom_layers.cpp.
#include <catch2/catch.hpp>
#include <vector>

#include "chapters/results.hpp"

using chapter_test::scalar;
using chapter_test::values;

namespace {
const char* const kName = "custom_layers";
}

TEST_CASE("CenterLayer centers its input", "[custom_layers]") {
  CHECK(values(kName, "center_output") == std::vector<double>{-2, -1, 0, 1, 2});
  CHECK(scalar(kName, "centered_mean") == Approx(0).margin(1e-5));
}

TEST_CASE("MyDense maps (2, 5) to (2, 3) through a ReLU", "[custom_layers]") {
  CHECK(values(kName, "mydense_output_shape") == std::vector<double>{2, 3});
  CHECK(scalar(kName, "mydense_min") >= 0);
}

TEST_CASE("a network of custom layers trains", "[custom_layers]") {
  auto history = values(kName, "loss_history");
  REQUIRE(history.size() >= 2);
  CHECK(history.back() < 0.5 * history.front());
}
