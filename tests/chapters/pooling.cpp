// Checks of chapters/05_cnn/pooling.cpp: pool2d by hand, MaxPool2D with padding
// and stride, and pooling of each channel on its own.
#include <catch2/catch.hpp>
#include <vector>

#include "chapters/results.hpp"

using chapter_test::scalar;
using chapter_test::shape;
using chapter_test::values;

namespace {
const char* const kName = "pooling";
}  // namespace

TEST_CASE("2x2 max and average pooling of 0..8", "[pooling]") {
  CHECK(values(kName, "pool_max") == std::vector<double>{4, 5, 7, 8});
  CHECK(values(kName, "pool_avg") == std::vector<double>{2, 3, 5, 6});
  CHECK(scalar(kName, "pool2d_vs_pooling") < 1e-5);
}

TEST_CASE("MaxPool2D of 0..15 with padding and stride", "[pooling]") {
  CHECK(shape(kName, "maxpool_3") == std::vector<int64_t>{1, 1, 1, 1});
  CHECK(values(kName, "maxpool_3") == std::vector<double>{10});
  CHECK(values(kName, "maxpool_3_p1_s2") == std::vector<double>{5, 7, 13, 15});
  CHECK(shape(kName, "maxpool_2x3_p1x2_s2x3") == std::vector<int64_t>{1, 1, 3, 2});
  CHECK(values(kName, "maxpool_2x3_p1x2_s2x3") ==
        std::vector<double>{0, 3, 8, 11, 12, 15});
}

TEST_CASE("pooling keeps the channels apart", "[pooling]") {
  CHECK(shape(kName, "maxpool_two_channels") == std::vector<int64_t>{1, 2, 2, 2});
  CHECK(values(kName, "maxpool_two_channels") ==
        std::vector<double>{5, 7, 13, 15, 6, 8, 14, 16});
}
