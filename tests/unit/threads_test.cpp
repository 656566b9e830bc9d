// The library's thread pool under load: many short parallel jobs in a row,
// and jobs started from two threads at once (the DataLoader's worker and the
// training loop do this), must neither hang nor mix up their results.
#include <catch2/catch.hpp>
#include <thread>
#include <vector>

#include "d2l/device.hpp"
#include "d2l/ops.hpp"

using namespace d2l;

namespace {

// Runs `rounds` matrix products (each split across the pool) and returns how
// many gave the expected sum.
int products_that_match(int rounds, float scale, int64_t inner = 300) {
  NDArray a = nd::full({48, inner}, scale), b = nd::full({inner, 1024}, 2.0f);
  const float expected = 48.0f * 1024 * float(inner) * scale * 2.0f;
  int good = 0;
  for (int i = 0; i < rounds; ++i) {
    float total = nd::dot(a, b).sum().asscalar();
    if (std::abs(total - expected) <= 1e-3f * expected) ++good;
  }
  return good;
}

}  // namespace

TEST_CASE("many short parallel jobs in a row finish with the right results",
          "[threads]") {
  set_num_threads(2);
  CHECK(products_that_match(1000, 0.5f) == 1000);
}

TEST_CASE("jobs of different sizes in a row keep their tasks apart", "[threads]") {
  set_num_threads(2);
  // A tiny job (the pool's worker often wakes after the caller has done it
  // alone) followed by a bigger one: a late worker must not take tasks of the
  // new job as if they were leftovers of the old one.
  NDArray a = nd::ones({4, 2}), small = nd::ones({2, 256}), big = nd::ones({2, 1536});
  int good = 0;
  for (int i = 0; i < 20000; ++i) {
    good += nd::dot(a, small).sum().asscalar() == 4 * 256 * 2;
    good += nd::dot(a, big).sum().asscalar() == 4 * 1536 * 2;
  }
  CHECK(good == 40000);
}

TEST_CASE("parallel jobs started from two threads at once do not interfere",
          "[threads]") {
  set_num_threads(2);
  int other = 0;
  std::thread worker([&] { other = products_that_match(600, 0.25f); });
  int mine = products_that_match(600, 1.0f);
  worker.join();
  CHECK(mine == 600);
  CHECK(other == 600);
}
