// Reductions: sum, mean, max, min, argmax, norm along axes, with keepdims.
#include <catch2/catch.hpp>
#include <cmath>

#include "d2l/autograd.hpp"
#include "d2l/ndarray.hpp"
#include "d2l/ops.hpp"
#include "gradcheck.hpp"

using namespace d2l;
using Args = std::vector<NDArray>;

namespace {
// X[i, j, k] = 12 i + 4 j + k.
NDArray cube() { return nd::arange(24).reshape({2, 3, 4}); }
}  // namespace

TEST_CASE("sum over every axis gives a scalar", "[reduce]") {
  auto s = nd::sum(cube());
  CHECK(s.size() == 1);
  CHECK(s.ndim() == 0);
  CHECK(s.asscalar() == 276);
  CHECK(cube().sum().asscalar() == 276);
  CHECK(nd::arange(12).reshape({3, 4}).sum().asscalar() == 66);
}

TEST_CASE("sum along one axis", "[reduce]") {
  // sum over i: (12 * 0 + r) + (12 + r) = 2 r + 12 for r = 4 j + k.
  std::vector<float> over_i;
  for (int r = 0; r < 12; ++r) over_i.push_back(2.0f * r + 12);
  check_values(nd::sum(cube(), 0), over_i, {3, 4});
  check_values(nd::sum(cube(), 1), {12, 15, 18, 21, 48, 51, 54, 57}, {2, 4});
  check_values(nd::sum(cube(), 2), {6, 22, 38, 54, 70, 86}, {2, 3});
  check_values(cube().sum(2), {6, 22, 38, 54, 70, 86}, {2, 3});
}

TEST_CASE("negative axes count from the end", "[reduce]") {
  check_values(nd::sum(cube(), -1), {6, 22, 38, 54, 70, 86}, {2, 3});
  check_values(nd::sum(cube(), -2), {12, 15, 18, 21, 48, 51, 54, 57}, {2, 4});
  check_values(nd::mean(cube(), -1), {1.5f, 5.5f, 9.5f, 13.5f, 17.5f, 21.5f}, {2, 3});
  check_values(nd::sum(cube(), {-1, -3}), {60, 92, 124}, {3});
}

TEST_CASE("sum over several axes", "[reduce]") {
  check_values(nd::sum(cube(), {0, 2}), {60, 92, 124}, {3});
  check_values(nd::sum(cube(), {2, 0}), {60, 92, 124}, {3});
  check_values(nd::sum(cube(), {1, 2}), {66, 210}, {2});
  check_values(nd::sum(cube(), {0, 1}), {60, 66, 72, 78}, {4});
  CHECK(nd::sum(cube(), {0, 1, 2}).asscalar() == 276);
}

TEST_CASE("keepdims keeps reduced axes with length 1", "[reduce]") {
  check_values(nd::sum(cube(), 1, true), {12, 15, 18, 21, 48, 51, 54, 57}, {2, 1, 4});
  check_values(nd::sum(cube(), {0, 2}, true), {60, 92, 124}, {1, 3, 1});
  check_values(nd::sum(cube(), {}, true), {276}, {1, 1, 1});
  check_values(nd::max(cube(), -1, true), {3, 7, 11, 15, 19, 23}, {2, 3, 1});
  check_values(cube().mean(0, true), {6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17},
               {1, 3, 4});
  // The book's A / A.sum(axis=1, keepdims=True).
  NDArray A{{1, 3}, {2, 2}};
  check_values(A / A.sum(1, true), {0.25f, 0.75f, 0.5f, 0.5f}, {2, 2});
}

TEST_CASE("mean", "[reduce]") {
  CHECK(nd::mean(cube()).asscalar() == Approx(11.5));
  CHECK(cube().mean().asscalar() == Approx(11.5));
  check_values(nd::mean(cube(), 1), {4, 5, 6, 7, 16, 17, 18, 19}, {2, 4});
  check_values(nd::mean(cube(), {0, 2}), {7.5f, 11.5f, 15.5f}, {3});
  check_values(nd::mean(NDArray{{1, 2}, {3, 5}}, 0), {2, 3.5f}, {2});
}

TEST_CASE("max and min", "[reduce]") {
  NDArray M{{1, 5, 3}, {4, 2, 6}};
  CHECK(nd::max(M).asscalar() == 6);
  CHECK(nd::min(M).asscalar() == 1);
  CHECK(M.max().asscalar() == 6);
  CHECK(M.min().asscalar() == 1);
  check_values(nd::max(M, 0), {4, 5, 6}, {3});
  check_values(nd::max(M, 1), {5, 6}, {2});
  check_values(nd::min(M, 0), {1, 2, 3}, {3});
  check_values(nd::min(M, -1), {1, 2}, {2});
  check_values(M.min(1, true), {1, 2}, {2, 1});
  check_values(nd::max(NDArray{-3, -1, -2}), {-1}, {});
  check_values(nd::max(cube(), {0, 2}), {15, 19, 23}, {3});
  check_values(nd::min(cube(), {0, 2}), {0, 4, 8}, {3});
}

TEST_CASE("argmax gives the first index of the largest value", "[reduce]") {
  NDArray M{{1, 5, 3}, {4, 2, 6}};
  check_values(nd::argmax(M, 1), {1, 2}, {2});
  check_values(nd::argmax(M, 0), {1, 0, 1}, {3});
  check_values(nd::argmax(M, -1), {1, 2}, {2});
  check_values(M.argmax(1), {1, 2}, {2});
  check_values(nd::argmax(M, 1, true), {1, 2}, {2, 1});
  check_values(nd::argmax(NDArray{{3, 3, 1}, {0, 2, 2}}, 1), {0, 1}, {2});
  check_values(nd::argmax(cube(), 1), {2, 2, 2, 2, 2, 2, 2, 2}, {2, 4});
}

TEST_CASE("norm is the L2 norm of all elements", "[reduce]") {
  auto n = nd::norm(NDArray{3, 4});
  CHECK(n.size() == 1);
  CHECK(n.asscalar() == Approx(5));
  CHECK(NDArray{{1, 2}, {2, 4}}.norm().asscalar() == Approx(5));
  CHECK(nd::norm(nd::ones({4, 9})).asscalar() == Approx(6));
  CHECK(nd::norm(NDArray{-3, 0, 4}).asscalar() == Approx(5));
}

TEST_CASE("reductions over axes that do not exist are errors", "[reduce][errors]") {
  REQUIRE_THROWS_AS(nd::sum(cube(), 3), std::exception);
  REQUIRE_THROWS_AS(nd::sum(cube(), -4), std::exception);
  REQUIRE_THROWS_AS(nd::mean(cube(), {0, 5}), std::exception);
  REQUIRE_THROWS_AS(nd::argmax(cube(), 3), std::exception);
  REQUIRE_THROWS_AS(nd::max(nd::ones({2}), 1), std::exception);
}

TEST_CASE("reduction gradients by hand", "[reduce][grad]") {
  NDArray x{{1, 5, 3}, {4, 2, 6}};
  x.attach_grad();
  NDArray y;
  {
    autograd::record rec;
    y = nd::sum(x, 1);
  }
  y.backward();
  check_values(x.grad(), {1, 1, 1, 1, 1, 1}, {2, 3});
  {
    autograd::record rec;
    y = nd::mean(x);
  }
  y.backward();
  check_values(x.grad(), {1 / 6.f, 1 / 6.f, 1 / 6.f, 1 / 6.f, 1 / 6.f, 1 / 6.f}, {2, 3});
  {
    autograd::record rec;
    y = nd::max(x, 1);  // 5 in row 0, 6 in row 1
  }
  y.backward();
  check_values(x.grad(), {0, 1, 0, 0, 0, 1}, {2, 3});
  {
    autograd::record rec;
    y = nd::min(x, 0);  // 1, 2, 3
  }
  y.backward();
  check_values(x.grad(), {1, 0, 1, 0, 1, 0}, {2, 3});
  {
    autograd::record rec;
    y = nd::max(x);
  }
  y.backward();
  check_values(x.grad(), {0, 0, 0, 0, 0, 1}, {2, 3});
  NDArray v{3, 4};
  v.attach_grad();
  {
    autograd::record rec;
    y = nd::norm(v);
  }
  y.backward();
  check_values(v.grad(), {0.6f, 0.8f}, {2});
}

TEST_CASE("argmax has a zero gradient", "[reduce][grad]") {
  NDArray x{{1, 5, 3}, {4, 2, 6}};
  x.attach_grad();
  NDArray y;
  {
    autograd::record rec;
    y = nd::argmax(x, 1) + nd::sum(x, 1);
  }
  y.backward();
  check_values(x.grad(), {1, 1, 1, 1, 1, 1}, {2, 3});
}

TEST_CASE("reduction gradients against finite differences", "[reduce][grad]") {
  auto x = test::uniform_input({2, 3, 4}, -1, 1);
  // For max and min: values 0.1 apart (no two within the finite-difference step).
  std::vector<float> spread;
  for (int i = 0; i < 24; ++i) spread.push_back(0.1f * float(i * 7 % 24) - 1.2f);
  NDArray s(spread, {2, 3, 4});
  check_gradients([](const Args& a) { return nd::sum(a[0]); }, {x});
  check_gradients([](const Args& a) { return nd::sum(a[0], 1); }, {x});
  check_gradients([](const Args& a) { return nd::sum(a[0], {0, 2}); }, {x});
  check_gradients([](const Args& a) { return nd::sum(a[0], -1, true); }, {x});
  check_gradients([](const Args& a) { return nd::mean(a[0]); }, {x});
  check_gradients([](const Args& a) { return nd::mean(a[0], {-1, 0}); }, {x});
  check_gradients([](const Args& a) { return nd::mean(a[0], 1, true); }, {x});
  check_gradients([](const Args& a) { return nd::max(a[0]); }, {s});
  check_gradients([](const Args& a) { return nd::max(a[0], 2); }, {s});
  check_gradients([](const Args& a) { return nd::max(a[0], {0, 1}, true); }, {s});
  check_gradients([](const Args& a) { return nd::min(a[0], 0); }, {s});
  check_gradients([](const Args& a) { return nd::min(a[0], -2); }, {s});
  check_gradients([](const Args& a) { return nd::norm(a[0]); }, {x});
  check_gradients([](const Args& a) { return a[0].sum(1) * a[0].mean(1); }, {x});
  // Softmax written with reductions, as the book does.
  check_gradients(
      [](const Args& a) {
        auto e = nd::exp(a[0] - a[0].max(1, true));
        return e / e.sum(1, true);
      },
      {s});
}

TEST_CASE("long sums keep float32 precision", "[reduce]") {
  // Adding 0.1f ten million times one by one in float32 gives about 1087937;
  // pairwise or double accumulation gives 1e6 (as NumPy does).
  auto x = nd::full({10000000}, 0.1f);
  CHECK(nd::sum(x).asscalar() == Approx(1e6).epsilon(1e-4));
  CHECK(nd::mean(x).asscalar() == Approx(0.1).epsilon(1e-4));
  auto y = nd::full({1000, 10000}, 0.1f);
  auto rows = nd::sum(y, 1).to_vector();
  CHECK(rows[0] == Approx(1000).epsilon(1e-4));
  auto cols = nd::sum(y, 0).to_vector();
  CHECK(cols[9999] == Approx(100).epsilon(1e-4));
  CHECK(nd::norm(nd::ones({4000, 2500})).asscalar() == Approx(3162.2777).epsilon(1e-4));
}
