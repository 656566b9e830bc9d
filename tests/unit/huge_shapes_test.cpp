// Shapes whose element count overflows or exceeds any machine are refused by
// name, never turned into a wrapped size that a kernel then reads past.
#include <catch2/catch.hpp>

#include "d2l/error.hpp"
#include "d2l/ops.hpp"

using namespace d2l;

TEST_CASE("shapes that overflow or exceed any machine are refused", "[shape]") {
  const int64_t big = int64_t(1) << 32;
  CHECK_THROWS_WITH(nd::zeros({big, big}),
                    Catch::Contains("(4294967296, 4294967296)") &&
                        Catch::Contains("more elements than an array can hold"));
  CHECK_THROWS_AS(shape_size({big, big}), d2l::Error);
  CHECK_THROWS_WITH(nd::ones({int64_t(1) << 20, int64_t(1) << 20, 1024}),
                    Catch::Contains("2^40"));
  CHECK_THROWS_WITH(
      nd::random::normal(0, 1, {-1, 3}),
      Catch::Contains("random::normal") && Catch::Contains("negative axis length"));
  CHECK_THROWS_WITH(nd::random::uniform(0, 1, {big, big}),
                    Catch::Contains("more elements than an array can hold"));
  CHECK(nd::zeros({0, big}).size() == 0);  // empty is fine
  NDArray x = nd::arange(6);
  CHECK_THROWS_AS(x.reshape({big, big}), d2l::Error);
}
