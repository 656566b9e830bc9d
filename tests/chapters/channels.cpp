// Checks of chapters/05_cnn/channels.cpp: cross-correlation with several input
// and output channels, and the 1x1 convolution as a matrix product.
#include <catch2/catch.hpp>
#include <vector>

#include "chapters/results.hpp"

using chapter_test::scalar;
using chapter_test::shape;
using chapter_test::values;

namespace {
const char* const kName = "channels";
}  // namespace

TEST_CASE("two input channels sum to 56 72 104 120", "[channels]") {
  CHECK(shape(kName, "multi_in") == std::vector<int64_t>{2, 2});
  CHECK(values(kName, "multi_in") == std::vector<double>{56, 72, 104, 120});
}

TEST_CASE("kernels K K+1 K+2 give three output channels", "[channels]") {
  CHECK(shape(kName, "multi_out") == std::vector<int64_t>{3, 2, 2});
  CHECK(values(kName, "multi_out") == std::vector<double>{56, 72, 104, 120,   //
                                                          76, 100, 148, 172,  //
                                                          96, 128, 192, 224});
  CHECK(scalar(kName, "multi_out_vs_convolution") < 1e-4);
}

TEST_CASE("a 1x1 convolution is a matrix product", "[channels]") {
  CHECK(values(kName, "conv1x1_shape") == std::vector<double>{2, 3, 3});
  CHECK(scalar(kName, "conv1x1_vs_dot") < 1e-6);
}
