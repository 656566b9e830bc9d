// Creating arrays: arange, zeros/ones/full, braces, reshape, random.
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>

#include "d2l/ndarray.hpp"
#include "d2l/ops.hpp"
#include "gradcheck.hpp"

using namespace d2l;
using Catch::Matchers::Contains;

TEST_CASE("shape_size and shape_str follow NumPy", "[creation][shape]") {
  CHECK(shape_size({}) == 1);
  CHECK(shape_size({5}) == 5);
  CHECK(shape_size({2, 3, 4}) == 24);
  CHECK(shape_size({2, 0}) == 0);
  CHECK(shape_str({2, 3}) == "(2, 3)");
  CHECK(shape_str({5}) == "(5,)");
  CHECK(shape_str({}) == "()");
  CHECK(shape_str({1, 2, 3}) == "(1, 2, 3)");
}

TEST_CASE("Axes from an int or a list or nothing", "[creation][shape]") {
  Axes none;
  CHECK(none.all());
  Axes one = -1;
  REQUIRE(one.list.size() == 1);
  CHECK(one.list[0] == -1);
  Axes two{0, 2};
  CHECK_FALSE(two.all());
  CHECK(two.list == std::vector<int>{0, 2});
}

TEST_CASE("arange counts like Python's range in floats", "[creation]") {
  auto x = nd::arange(12);
  check_values(x, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, {12});
  CHECK(x.size() == 12);
  CHECK(x.ndim() == 1);
  CHECK(x.context() == cpu());

  check_values(nd::arange(2, 5), {2, 3, 4}, {3});
  check_values(nd::arange(0, 1, 0.25), {0, 0.25f, 0.5f, 0.75f}, {4});
  check_values(nd::arange(5, 0, -2), {5, 3, 1}, {3});
  check_values(nd::arange(1, 2, 0.3), {1, 1.3f, 1.6f, 1.9f}, {4});
}

TEST_CASE("zeros ones full and the _like versions", "[creation]") {
  check_values(nd::zeros({2, 3}), {0, 0, 0, 0, 0, 0}, {2, 3});
  check_values(nd::ones({3}), {1, 1, 1}, {3});
  check_values(nd::full({2, 2}, 7.5f), {7.5f, 7.5f, 7.5f, 7.5f}, {2, 2});
  auto x = nd::arange(6).reshape({3, 2});
  check_values(nd::zeros_like(x), {0, 0, 0, 0, 0, 0}, {3, 2});
  check_values(nd::ones_like(x), {1, 1, 1, 1, 1, 1}, {3, 2});
  // Each call makes new storage.
  CHECK(nd::zeros_like(x).storage_id() != x.storage_id());
  auto z = nd::zeros({2, 1, 3});
  CHECK(z.ndim() == 3);
  CHECK(z.size() == 6);
}

TEST_CASE("arrays from nested braces and from values plus a shape", "[creation]") {
  check_values(NDArray{1, 2, 3}, {1, 2, 3}, {3});
  check_values(NDArray{{2, 1, 4, 3}, {1, 2, 3, 4}, {4, 3, 2, 1}},
               {2, 1, 4, 3, 1, 2, 3, 4, 4, 3, 2, 1}, {3, 4});
  check_values(NDArray{{{1, 2}}, {{3, 4}}}, {1, 2, 3, 4}, {2, 1, 2});
  check_values(nd::array({1, 2, 3, 4, 5, 6}, {2, 3}), {1, 2, 3, 4, 5, 6}, {2, 3});
  check_values(NDArray(std::vector<float>{9, 8}, {2, 1}), {9, 8}, {2, 1});

  NDArray s(std::vector<float>{5}, Shape{});
  CHECK(s.ndim() == 0);
  CHECK(s.size() == 1);
  CHECK(s.asscalar() == 5);
  CHECK(s.item() == 5);

  auto v = NDArray{{1, 2}, {3, 4}}.to_vector();
  CHECK(v == std::vector<float>{1, 2, 3, 4});
  const auto c = NDArray{1.5f, 2.5f};
  REQUIRE(c.data() != nullptr);
  CHECK(c.data()[1] == 2.5f);
}

TEST_CASE("an empty handle is not defined", "[creation]") {
  NDArray x;
  CHECK_FALSE(x.defined());
  CHECK(nd::zeros({1}).defined());
}

TEST_CASE("bad creation arguments are errors", "[creation][errors]") {
  // Rows of different lengths.
  REQUIRE_THROWS_AS((NDArray{{1, 2}, {3}}), std::exception);
  // Values that do not fill the shape.
  REQUIRE_THROWS_WITH(nd::array({1, 2, 3}, {2, 2}), Contains("(2, 2)"));
  REQUIRE_THROWS_AS(NDArray(std::vector<float>{1, 2}, {3}), std::exception);
  // asscalar of more than one element.
  REQUIRE_THROWS_AS(nd::arange(3).asscalar(), std::exception);
}

TEST_CASE("reshape shares storage and infers -1", "[creation][reshape]") {
  auto x = nd::arange(12);
  auto X = x.reshape({3, 4});
  check_values(X, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, {3, 4});
  CHECK(X.storage_id() == x.storage_id());
  CHECK(X.shape() == Shape{3, 4});
  CHECK(x.shape() == Shape{12});  // the original handle keeps its shape

  CHECK(x.reshape({-1, 6}).shape() == Shape{2, 6});
  CHECK(x.reshape({2, -1, 3}).shape() == Shape{2, 2, 3});
  CHECK(nd::reshape(x, {4, -1}).shape() == Shape{4, 3});
  CHECK(nd::reshape(x, {4, -1}).storage_id() == x.storage_id());

  // Writing through one view is seen through the other (handle semantics).
  X += 1;
  check_values(x, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, {12});
}

TEST_CASE("reshape to an incompatible shape names both shapes",
          "[creation][reshape][errors]") {
  auto X = nd::arange(12).reshape({3, 4});
  REQUIRE_THROWS_WITH(X.reshape({5, 2}), Contains("(3, 4)") && Contains("(5, 2)"));
  REQUIRE_THROWS_WITH(X.reshape({5, -1}), Contains("(3, 4)"));
  REQUIRE_THROWS_AS(X.reshape({-1, -1}), std::exception);
}

TEST_CASE("copy makes new storage with the same values", "[creation]") {
  auto X = nd::arange(4);
  auto Y = X.copy();
  CHECK(Y.storage_id() != X.storage_id());
  check_values(Y, {0, 1, 2, 3}, {4});
  Y += 10;
  check_values(X, {0, 1, 2, 3}, {4});
}

namespace {
double mean_of(const std::vector<float>& v) {
  return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}
double std_of(const std::vector<float>& v) {
  double m = mean_of(v), s = 0;
  for (float x : v) s += (x - m) * (x - m);
  return std::sqrt(s / static_cast<double>(v.size()));
}
}  // namespace

TEST_CASE("random::normal has the requested mean and std", "[creation][random]") {
  nd::random::seed(42);
  auto x = nd::random::normal(1.0f, 2.0f, {200, 100});
  CHECK(x.shape() == Shape{200, 100});
  auto v = x.to_vector();
  CHECK(mean_of(v) == Approx(1.0).margin(0.1));
  CHECK(std_of(v) == Approx(2.0).margin(0.1));
  // About 68% within one std of the mean.
  auto inside = std::count_if(v.begin(), v.end(),
                              [](float e) { return std::abs(e - 1.0f) < 2.0f; });
  CHECK(static_cast<double>(inside) / v.size() == Approx(0.6827).margin(0.02));

  auto w = nd::random::normal(0, 0.01f, {1000}).to_vector();
  CHECK(std_of(w) == Approx(0.01).margin(0.002));
}

TEST_CASE("random::uniform stays in low to high with the right moments",
          "[creation][random]") {
  nd::random::seed(1);
  auto v = nd::random::uniform(-1.0f, 3.0f, {20000}).to_vector();
  CHECK(*std::min_element(v.begin(), v.end()) >= -1.0f);
  CHECK(*std::max_element(v.begin(), v.end()) < 3.0f);
  CHECK(mean_of(v) == Approx(1.0).margin(0.05));
  CHECK(std_of(v) == Approx(4.0 / std::sqrt(12.0)).margin(0.05));
  // Both halves of the range are used.
  auto low = std::count_if(v.begin(), v.end(), [](float e) { return e < 1.0f; });
  CHECK(static_cast<double>(low) / v.size() == Approx(0.5).margin(0.03));
}

TEST_CASE("random::seed makes draws reproducible", "[creation][random]") {
  nd::random::seed(7);
  auto a = nd::random::normal(0, 1, {50}).to_vector();
  auto b = nd::random::uniform(0, 1, {50}).to_vector();
  nd::random::seed(7);
  auto a2 = nd::random::normal(0, 1, {50}).to_vector();
  auto b2 = nd::random::uniform(0, 1, {50}).to_vector();
  CHECK(a == a2);
  CHECK(b == b2);
  // Without reseeding, the next draw differs.
  auto a3 = nd::random::normal(0, 1, {50}).to_vector();
  CHECK(a3 != a2);
  // Another seed gives other values.
  nd::random::seed(8);
  CHECK(nd::random::normal(0, 1, {50}).to_vector() != a);
}

TEST_CASE("degenerate shapes and parameters", "[creation]") {
  auto e = nd::zeros({0, 3});
  CHECK(e.size() == 0);
  CHECK(e.shape() == Shape{0, 3});
  CHECK(e.to_vector().empty());
  nd::random::seed(3);
  check_values(nd::random::normal(2.5f, 0, {3}), {2.5f, 2.5f, 2.5f}, {3});
  check_values(nd::arange(3, cpu()), {0, 1, 2}, {3});
  CHECK(nd::arange(0).size() == 0);
}
