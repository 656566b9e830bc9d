// Checks of chapters/05_cnn/padding_and_strides.cpp: output shapes of
// convolutions with padding and stride on an 8x8 input, and the formula.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "chapters/results.hpp"

using chapter_test::values;

namespace {
const char* const kName = "padding_and_strides";

void check_shape(const std::string& key, double h, double w) {
  INFO(key);
  CHECK(values(kName, key) == std::vector<double>{h, w});
  CHECK(values(kName, key + "_formula") == std::vector<double>{h, w});
}
}  // namespace

TEST_CASE("padding that keeps the size of an 8x8 input", "[padding_and_strides]") {
  check_shape("shape_k3_p1", 8, 8);
  check_shape("shape_k5x3_p2x1", 8, 8);
}

TEST_CASE("strides that shrink an 8x8 input", "[padding_and_strides]") {
  check_shape("shape_k3_p1_s2", 4, 4);
  check_shape("shape_k3x5_p0x1_s3x4", 2, 2);
}
