// NumPy broadcasting: result shapes and values, gradients summed back to each
// input's shape, and errors that name the op and both shapes.
#include <catch2/catch.hpp>

#include "d2l/autograd.hpp"
#include "d2l/ndarray.hpp"
#include "d2l/ops.hpp"
#include "gradcheck.hpp"

using namespace d2l;
using Catch::Matchers::Contains;
using Args = std::vector<NDArray>;

TEST_CASE("broadcast_shapes follows NumPy's rules", "[broadcast]") {
  CHECK(nd::broadcast_shapes({3, 1}, {1, 2}) == Shape{3, 2});
  CHECK(nd::broadcast_shapes({2, 3}, {3}) == Shape{2, 3});
  CHECK(nd::broadcast_shapes({3}, {2, 3}) == Shape{2, 3});
  CHECK(nd::broadcast_shapes({}, {2, 3}) == Shape{2, 3});
  CHECK(nd::broadcast_shapes({2, 3}, {}) == Shape{2, 3});
  CHECK(nd::broadcast_shapes({5, 1, 4}, {3, 1}) == Shape{5, 3, 4});
  CHECK(nd::broadcast_shapes({1}, {4}) == Shape{4});
  CHECK(nd::broadcast_shapes({2, 3}, {2, 3}) == Shape{2, 3});
}

TEST_CASE("broadcast_shapes names the op and both shapes", "[broadcast][errors]") {
  REQUIRE_THROWS_WITH(nd::broadcast_shapes({2, 3}, {4}, "my_op"),
                      Contains("my_op") && Contains("(2, 3)") && Contains("(4,)"));
  REQUIRE_THROWS_WITH(nd::broadcast_shapes({3, 2}, {3, 1, 3}),
                      Contains("(3, 2)") && Contains("(3, 1, 3)"));
}

TEST_CASE("(3 1) + (1 2) gives (3 2)", "[broadcast]") {
  auto a = nd::arange(3).reshape({3, 1});
  auto b = nd::arange(2).reshape({1, 2});
  check_values(a + b, {0, 1, 1, 2, 2, 3}, {3, 2});
  check_values(b + a, {0, 1, 1, 2, 2, 3}, {3, 2});
  check_values(a * b, {0, 0, 0, 1, 0, 2}, {3, 2});
  check_values(a - b, {0, -1, 1, 0, 2, 1}, {3, 2});
}

TEST_CASE("(2 3) op (3) broadcasts the row", "[broadcast]") {
  NDArray X{{1, 2, 3}, {4, 5, 6}};
  NDArray r{10, 20, 30};
  check_values(X + r, {11, 22, 33, 14, 25, 36}, {2, 3});
  check_values(r - X, {9, 18, 27, 6, 15, 24}, {2, 3});
  check_values(X * r, {10, 40, 90, 40, 100, 180}, {2, 3});
  check_values(X / r, {0.1f, 0.1f, 0.1f, 0.4f, 0.25f, 0.2f}, {2, 3});
  check_values(nd::maximum(X, NDArray{3, 3, 3}), {3, 3, 3, 4, 5, 6}, {2, 3});
  check_values(nd::power(X, nd::array({2, 1}, {2, 1})), {1, 4, 9, 4, 5, 6}, {2, 3});
  check_values(X > nd::array({2, 5}, {2, 1}), {0, 0, 1, 0, 0, 1}, {2, 3});
}

TEST_CASE("scalars and scalar-shaped arrays broadcast everywhere", "[broadcast]") {
  NDArray X{{1, 2, 3}, {4, 5, 6}};
  NDArray s(std::vector<float>{2}, Shape{});
  check_values(X * s, {2, 4, 6, 8, 10, 12}, {2, 3});
  check_values(s - X, {1, 0, -1, -2, -3, -4}, {2, 3});
  check_values(X + NDArray{1}, {2, 3, 4, 5, 6, 7}, {2, 3});
  check_values(X + 1, {2, 3, 4, 5, 6, 7}, {2, 3});
}

TEST_CASE("a 3-D broadcast of (2 1 3) and (4 1)", "[broadcast]") {
  auto a = nd::arange(6).reshape({2, 1, 3});
  auto b = nd::arange(4).reshape({4, 1}) * 10;
  auto c = a + b;
  REQUIRE(c.shape() == Shape{2, 4, 3});
  auto v = c.to_vector();
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 4; ++j)
      for (int k = 0; k < 3; ++k) {
        INFO("at [" << i << ", " << j << ", " << k << "]");
        CHECK(v[(i * 4 + j) * 3 + k] == float(i * 3 + k + 10 * j));
      }
}

TEST_CASE("broadcast_to repeats along axes of length 1", "[broadcast]") {
  // NDArray{{1}, {2}} is ambiguous (a {1} is also a float), hence nd::array.
  auto col = nd::array({1, 2}, {2, 1});
  check_values(nd::broadcast_to(col, {2, 3}), {1, 1, 1, 2, 2, 2}, {2, 3});
  check_values(nd::broadcast_to(NDArray{1, 2}, {3, 2}), {1, 2, 1, 2, 1, 2}, {3, 2});
  REQUIRE_THROWS_WITH(nd::broadcast_to(NDArray{1, 2, 3}, {2, 2}),
                      Contains("(3,)") && Contains("(2, 2)"));
}

TEST_CASE("incompatible shapes name the op and both shapes", "[broadcast][errors]") {
  auto X = nd::ones({2, 3});
  auto v = nd::ones({4});
  REQUIRE_THROWS_WITH(X + v, Contains("(2, 3)") && Contains("(4,)"));
  REQUIRE_THROWS_WITH(nd::add(X, v),
                      Contains("add") && Contains("(2, 3)") && Contains("(4,)"));
  REQUIRE_THROWS_WITH(nd::multiply(X, v), Contains("(2, 3)") && Contains("(4,)"));
  REQUIRE_THROWS_WITH(nd::subtract(v, X), Contains("(4,)") && Contains("(2, 3)"));
  REQUIRE_THROWS_WITH(X / nd::ones({3, 1}), Contains("(2, 3)") && Contains("(3, 1)"));
  REQUIRE_THROWS_AS(nd::maximum(X, v), std::runtime_error);
  REQUIRE_THROWS_AS(nd::equal(X, v), std::exception);
}

TEST_CASE("gradients are summed back to each input's shape", "[broadcast][grad]") {
  auto a = nd::arange(3).reshape({3, 1});
  auto b = nd::arange(2).reshape({1, 2});
  a.attach_grad();
  b.attach_grad();
  NDArray y;
  {
    autograd::record rec;
    y = a + b;
  }
  y.backward();
  check_values(a.grad(), {2, 2, 2}, {3, 1});
  check_values(b.grad(), {3, 3}, {1, 2});

  {
    autograd::record rec;
    y = a * b;  // d/da = sum_j b_j = 1, d/db = sum_i a_i = 3
  }
  y.backward();
  check_values(a.grad(), {1, 1, 1}, {3, 1});
  check_values(b.grad(), {3, 3}, {1, 2});

  NDArray X{{1, 2, 3}, {4, 5, 6}};
  NDArray r{1, 2, 4};
  X.attach_grad();
  r.attach_grad();
  {
    autograd::record rec;
    y = X * r;
  }
  y.backward();
  check_values(X.grad(), {1, 2, 4, 1, 2, 4}, {2, 3});
  check_values(r.grad(), {5, 7, 9}, {3});
}

TEST_CASE("broadcast gradients against finite differences", "[broadcast][grad]") {
  auto a31 = test::uniform_input({3, 1}, 0.5f, 2, 1);
  auto b12 = test::uniform_input({1, 2}, 0.5f, 2, 2);
  auto m23 = test::uniform_input({2, 3}, 0.5f, 2, 3);
  auto r3 = test::uniform_input({3}, 0.5f, 2, 4);
  auto s = test::uniform_input({}, 0.5f, 2, 5);
  auto c213 = test::uniform_input({2, 1, 3}, 0.5f, 2, 6);
  auto d41 = test::uniform_input({4, 1}, 0.5f, 2, 7);
  check_gradients([](const Args& v) { return v[0] + v[1]; }, {a31, b12});
  check_gradients([](const Args& v) { return v[0] * v[1]; }, {a31, b12});
  check_gradients([](const Args& v) { return v[0] - v[1]; }, {m23, r3});
  check_gradients([](const Args& v) { return v[0] / v[1]; }, {m23, r3});
  check_gradients([](const Args& v) { return v[1] / v[0]; }, {m23, r3});
  check_gradients([](const Args& v) { return nd::power(v[0], v[1]); }, {m23, r3});
  check_gradients([](const Args& v) { return v[0] * v[1]; }, {s, m23});
  check_gradients([](const Args& v) { return v[0] / v[1]; }, {c213, d41});
  check_gradients([](const Args& v) { return nd::broadcast_to(v[0], {3, 4}); }, {a31});
  check_gradients([](const Args& v) { return nd::broadcast_to(v[0], {2, 2, 3}); }, {r3});
}
