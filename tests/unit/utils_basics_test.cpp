// Timer and Accumulator.
#include <catch2/catch.hpp>
#include <thread>

#include "d2l/utils/accumulator.hpp"
#include "d2l/utils/timer.hpp"

using namespace d2l;
using namespace d2l::book;  // the book's helpers: tests call them unqualified

TEST_CASE("Accumulator sums each quantity and resets", "[utils]") {
  Accumulator metric(3);
  metric.add(1.5, 2, 10);
  metric.add(0.5f, 1, int64_t{5});
  CHECK(metric.size() == 3);
  CHECK(metric[0] == Approx(2.0));
  CHECK(metric[1] == Approx(3.0));
  CHECK(metric[2] == Approx(15.0));
  metric.add_values({1, 1, 1});
  CHECK(metric[2] == Approx(16.0));
  CHECK_THROWS_WITH(metric.add(1, 2), Catch::Contains("2 values for 3 sums"));
  CHECK_THROWS(metric[3]);
  metric.reset();
  CHECK(metric[0] == 0.0);
  CHECK(metric[2] == 0.0);
}

TEST_CASE("Timer laps are positive and add up", "[utils]") {
  Timer timer;
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const double first = timer.stop();
  CHECK(first >= 0.004);
  timer.start();
  const double e1 = timer.elapsed();
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  CHECK(timer.elapsed() >= e1);  // monotonic
  const double second = timer.stop();
  REQUIRE(timer.times().size() == 2);
  CHECK(timer.sum() == Approx(first + second));
  CHECK(timer.avg() == Approx((first + second) / 2));
  auto cum = timer.cumsum();
  CHECK(cum[0] == Approx(first));
  CHECK(cum[1] == Approx(first + second));
  CHECK(Timer().avg() == 0.0);
}
