// Checks of chapters/04_computation/model_construction.cpp.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "chapters/results.hpp"

using chapter_test::scalar;
using chapter_test::shape;

namespace {
const char* const kName = "model_construction";
}

TEST_CASE("custom blocks map (2, 20) to (2, 10)", "[model_construction]") {
  CHECK(shape(kName, "mlp_shape") == std::vector<int64_t>{2, 10});
  CHECK(scalar(kName, "mlp_num_params") == 4);
  CHECK(shape(kName, "mysequential_shape") == std::vector<int64_t>{2, 10});
  CHECK(scalar(kName, "chain_size") == 2);
}

TEST_CASE("FancyMLP has a constant and a reused layer", "[model_construction]") {
  CHECK(scalar(kName, "fancy_params") == 3);     // rand_weight, weight, bias
  CHECK(scalar(kName, "fancy_trainable") == 2);  // the constant is not trained
  // After the loop the norm is at most 1, and at least 0.8 unless scaled by 10.
  const double f = std::abs(scalar(kName, "fancy_output"));
  CHECK(f > 0);
  CHECK(scalar(kName, "chimera_output_size") == 1);
  // NestMLP: 3 Dense; Dense(20); FancyMLP: constant + 1 Dense.
  CHECK(scalar(kName, "chimera_params") == 6 + 2 + 3);
}

TEST_CASE("layers that forward never calls stay uninitialized", "[model_construction]") {
  CHECK(scalar(kName, "forgetful_unused") == 2);  // the weights of a and b
}
