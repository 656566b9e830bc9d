// Checks of chapters/04_computation/deferred_init.cpp.
#include <catch2/catch.hpp>

#include "chapters/results.hpp"

using chapter_test::scalar;

namespace {
const char* const kName = "deferred_init";
}

TEST_CASE("input sizes are inferred at the first forward pass", "[deferred_init]") {
  CHECK(scalar(kName, "deferred_in_units") == 0);
  CHECK(scalar(kName, "data_before_forward_fails") == 1);
  CHECK(scalar(kName, "inferred_in_units") == 20);
  CHECK(scalar(kName, "inferred_in_units_1") == 256);
  CHECK(scalar(kName, "wrong_input_fails") == 1);
  CHECK(scalar(kName, "known_ready") == 1);
}
