// Checks of chapters/05_cnn/conv_layer.cpp: cross-correlation by hand, the edge
// detector and the kernel learned by gradient descent.
#include <catch2/catch.hpp>
#include <vector>

#include "chapters/results.hpp"

using chapter_test::scalar;
using chapter_test::shape;
using chapter_test::values;

namespace {
const char* const kName = "conv_layer";
}  // namespace

TEST_CASE("corr2d of 0..8 with the kernel 0..3 is 19 25 37 43", "[conv_layer]") {
  CHECK(shape(kName, "corr2d_example") == std::vector<int64_t>{2, 2});
  CHECK(values(kName, "corr2d_example") == std::vector<double>{19, 25, 37, 43});
  CHECK(scalar(kName, "corr2d_vs_convolution") < 1e-5);
}

TEST_CASE("MyConv2D with weight K and bias 0 equals corr2d", "[conv_layer]") {
  CHECK(values(kName, "my_conv_output") == std::vector<double>{19, 25, 37, 43});
}

TEST_CASE("the kernel 1 -1 marks the two vertical edges only", "[conv_layer]") {
  REQUIRE(shape(kName, "edge_output") == std::vector<int64_t>{6, 7});
  auto y = values(kName, "edge_output");
  for (int i = 0; i < 6; ++i) {
    for (int j = 0; j < 7; ++j) {
      double expected = j == 1 ? 1.0 : (j == 5 ? -1.0 : 0.0);
      CHECK(y[i * 7 + j] == expected);
    }
  }
  CHECK(scalar(kName, "edge_output_transposed_abs_max") == 0.0);
}

TEST_CASE("gradient descent learns a kernel close to 1 -1", "[conv_layer]") {
  auto losses = values(kName, "losses");
  REQUIRE(losses.size() == 10);
  CHECK(losses.back() < 0.1 * losses.front());
  CHECK(losses.back() < 0.2);
  auto k = values(kName, "learned_kernel");
  REQUIRE(k.size() == 2);
  CHECK(k[0] == Approx(1.0).margin(0.1));
  CHECK(k[1] == Approx(-1.0).margin(0.1));
}
