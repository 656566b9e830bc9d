// Indexing and joining: X[{...}] reads and writes, slice_axis, take, pick,
// concat, stack, expand_dims, and the gradients of reads.
#include <catch2/catch.hpp>

#include "d2l/autograd.hpp"
#include "d2l/ndarray.hpp"
#include "d2l/ops.hpp"
#include "gradcheck.hpp"

using namespace d2l;
using Args = std::vector<NDArray>;

namespace {
// X[i, j] = 4 i + j
NDArray X34() { return nd::arange(12).reshape({3, 4}); }
}  // namespace

TEST_CASE("reading with an integer drops the axis", "[indexing]") {
  auto X = X34();
  check_values(X[{1}], {4, 5, 6, 7}, {4});
  check_values(X[{0}], {0, 1, 2, 3}, {4});
  check_values(X[{-1}], {8, 9, 10, 11}, {4});
  NDArray e = X[{1, 2}];
  CHECK(e.size() == 1);
  CHECK(e.asscalar() == 6);
  const NDArray& cX = X;
  check_values(cX[{2}], {8, 9, 10, 11}, {4});
}

TEST_CASE("reading with slices keeps the axis", "[indexing]") {
  auto X = X34();
  check_values(X[{nd::slice(1, 3)}], {4, 5, 6, 7, 8, 9, 10, 11}, {2, 4});
  check_values(X[{nd::slice(1, 2), nd::all}], {4, 5, 6, 7}, {1, 4});
  check_values(X[{nd::all, nd::slice(1, 3)}], {1, 2, 5, 6, 9, 10}, {3, 2});
  check_values(X[{nd::slice_from(2)}], {8, 9, 10, 11}, {1, 4});
  check_values(X[{nd::slice(-2, 3), nd::slice_from(-1)}], {7, 11}, {2, 1});
  check_values(X[{nd::slice(0, -1), 1}], {1, 5}, {2});
  check_values(X[{1, nd::slice(1, 3)}], {5, 6}, {2});
  check_values(X[{Slice{std::nullopt, 2}}], {0, 1, 2, 3, 4, 5, 6, 7}, {2, 4});
  CHECK(X[{nd::slice(1, 3)}].shape() == Shape{2, 4});
  CHECK(X[{nd::all, 0}].shape() == Shape{3});
  const NDArray& cX = X;
  check_values(cX[{nd::slice(0, 1)}], {0, 1, 2, 3}, {1, 4});
  // A read is a copy: writing to it leaves X alone.
  NDArray r = X[{1}];
  r += 100;
  check_values(X[{1}], {4, 5, 6, 7}, {4});
}

TEST_CASE("slice ends are clamped as in Python", "[indexing]") {
  auto X = X34();
  check_values(X[{nd::slice(-10, 2)}], {0, 1, 2, 3, 4, 5, 6, 7}, {2, 4});
  check_values(X[{nd::slice(1, 100)}], {4, 5, 6, 7, 8, 9, 10, 11}, {2, 4});
  check_values(X[{nd::all, nd::slice_from(-100)}], X.to_vector(), {3, 4});
  // An empty range gives an empty axis, as X[2:1] does in NumPy.
  NDArray e = X[{nd::slice(2, 1)}];
  CHECK(e.shape() == Shape{0, 4});
  CHECK(e.size() == 0);
}

TEST_CASE("indices out of range are errors", "[indexing][errors]") {
  auto X = X34();
  REQUIRE_THROWS_AS(NDArray(X[{3}]), std::exception);
  REQUIRE_THROWS_AS(NDArray(X[{-4}]), std::exception);
  REQUIRE_THROWS_AS(NDArray(X[{0, 4}]), std::exception);
  REQUIRE_THROWS_AS(NDArray(X[{0, 0, 0}]), std::exception);
}

TEST_CASE("assigning a value to a slice writes in place", "[indexing][inplace]") {
  auto X = X34();
  auto id = X.storage_id();
  X[{nd::slice(1, 2), nd::all}] = 12;
  CHECK(X.storage_id() == id);
  check_values(X, {0, 1, 2, 3, 12, 12, 12, 12, 8, 9, 10, 11}, {3, 4});
  X[{1, 2}] = 9;
  check_values(X, {0, 1, 2, 3, 12, 12, 9, 12, 8, 9, 10, 11}, {3, 4});
  X[{nd::all, nd::slice_from(3)}] = -1;
  check_values(X, {0, 1, 2, -1, 12, 12, 9, -1, 8, 9, 10, -1}, {3, 4});
  X[{nd::all}] = 0;
  check_values(X, std::vector<float>(12, 0.0f), {3, 4});
  CHECK(X.storage_id() == id);
}

TEST_CASE("a write through a handle copy is seen by every handle",
          "[indexing][inplace]") {
  auto X = X34();
  auto Y = X;  // same storage
  Y[{0, 0}] = 42;
  CHECK(X.to_vector()[0] == 42);
  auto flat = X.reshape({12});
  flat[{5}] = -5;
  CHECK(X.to_vector()[5] == -5);
}

TEST_CASE("assigning an array to a slice broadcasts it", "[indexing][inplace]") {
  auto X = X34();
  auto id = X.storage_id();
  X[{nd::slice(0, 2), nd::all}] = NDArray{1, 2, 3, 4};
  check_values(X, {1, 2, 3, 4, 1, 2, 3, 4, 8, 9, 10, 11}, {3, 4});
  X[{nd::all, nd::slice(0, 1)}] = nd::array({7, 8, 9}, {3, 1});
  check_values(X, {7, 2, 3, 4, 8, 2, 3, 4, 9, 9, 10, 11}, {3, 4});
  X[{2}] = NDArray{-1, -2, -3, -4};
  check_values(X, {7, 2, 3, 4, 8, 2, 3, 4, -1, -2, -3, -4}, {3, 4});
  X[{0}] = X[{2}];  // slice to slice
  check_values(X, {-1, -2, -3, -4, 8, 2, 3, 4, -1, -2, -3, -4}, {3, 4});
  CHECK(X.storage_id() == id);
  REQUIRE_THROWS_AS((X[{nd::slice(0, 2)}] = NDArray{1, 2, 3}), std::exception);
}

TEST_CASE("slice_axis", "[indexing]") {
  auto X = X34();
  check_values(nd::slice_axis(X, 1, 1, 3), {1, 2, 5, 6, 9, 10}, {3, 2});
  check_values(nd::slice_axis(X, 0, 2, 3), {8, 9, 10, 11}, {1, 4});
  check_values(nd::slice_axis(X, -1, 0, 1), {0, 4, 8}, {3, 1});
  REQUIRE_THROWS_AS(nd::slice_axis(X, 0, 1, 5), std::exception);
  REQUIRE_THROWS_AS(nd::slice_axis(X, 2, 0, 1), std::exception);
}

TEST_CASE("take picks entries along an axis", "[indexing]") {
  auto X = X34();
  check_values(nd::take(X, NDArray{0, 2}), {0, 1, 2, 3, 8, 9, 10, 11}, {2, 4});
  check_values(nd::take(X, NDArray{2, 2, 0}), {8, 9, 10, 11, 8, 9, 10, 11, 0, 1, 2, 3},
               {3, 4});
  check_values(nd::take(X, NDArray{3, 0}, 1), {3, 0, 7, 4, 11, 8}, {3, 2});
  check_values(nd::take(NDArray{5, 6, 7}, NDArray{{0, 1}, {2, 2}}), {5, 6, 7, 7}, {2, 2});
}

TEST_CASE("pick chooses one element per row", "[indexing]") {
  NDArray y_hat{{0.1f, 0.3f, 0.6f}, {0.3f, 0.2f, 0.5f}};
  NDArray y{0, 2};
  check_values(nd::pick(y_hat, y), {0.1f, 0.5f}, {2});
  check_values(nd::pick(y_hat, y, -1, true), {0.1f, 0.5f}, {2, 1});
  check_values(nd::pick(y_hat, y, 1), {0.1f, 0.5f}, {2});
  check_values(nd::pick(y_hat, NDArray{1, 0, 1}, 0), {0.3f, 0.3f, 0.5f}, {3});
}

TEST_CASE("pick and take differentiate at the positions read in forward",
          "[indexing][autograd]") {
  // Labels or indices written into between forward and backward (even out of
  // range) change nothing: backward uses the positions the forward pass read.
  NDArray y_hat{{0.1f, 0.3f, 0.6f}, {0.3f, 0.2f, 0.5f}};
  y_hat.attach_grad();
  NDArray labels{0, 2};
  NDArray picked;
  {
    autograd::record rec;
    picked = nd::pick(y_hat, labels).sum();
  }
  labels[{0}] = 1000.0f;  // after forward, before backward
  picked.backward();
  check_values(y_hat.grad(), {1, 0, 0, 0, 0, 1}, {2, 3});

  NDArray x = nd::arange(4);
  x.attach_grad();
  NDArray idx{3, 3, 1};
  NDArray taken;
  {
    autograd::record rec;
    taken = nd::take(x, idx).sum();
  }
  idx[{1}] = -7.0f;
  taken.backward();
  check_values(x.grad(), {0, 1, 0, 2}, {4});
}

TEST_CASE("concat joins along an existing axis", "[indexing][join]") {
  auto X = X34();
  NDArray Y{{2, 1, 4, 3}, {1, 2, 3, 4}, {4, 3, 2, 1}};
  auto c0 = nd::concat({X, Y}, 0);
  check_values(c0,
               {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 2, 1, 4, 3, 1, 2, 3, 4, 4, 3, 2, 1},
               {6, 4});
  auto c1 = nd::concat({X, Y});  // dim = 1 by default, as in MXNet
  check_values(c1,
               {0, 1, 2, 3, 2, 1, 4, 3, 4, 5, 6, 7, 1, 2, 3, 4, 8, 9, 10, 11, 4, 3, 2, 1},
               {3, 8});
  check_values(nd::concat({NDArray{1}, NDArray{2, 3}, NDArray{4}}, 0), {1, 2, 3, 4}, {4});
  check_values(nd::concat({X, Y}, -1), c1.to_vector(), {3, 8});
  REQUIRE_THROWS_AS(nd::concat({X, nd::ones({2, 3})}, 0), std::exception);
}

TEST_CASE("stack joins along a new axis", "[indexing][join]") {
  NDArray a{1, 2, 3};
  NDArray b{4, 5, 6};
  check_values(nd::stack({a, b}), {1, 2, 3, 4, 5, 6}, {2, 3});
  check_values(nd::stack({a, b}, 1), {1, 4, 2, 5, 3, 6}, {3, 2});
  check_values(nd::stack({a, b}, -1), {1, 4, 2, 5, 3, 6}, {3, 2});
  REQUIRE_THROWS_AS(nd::stack({a, NDArray{1, 2}}), std::exception);
}

TEST_CASE("expand_dims inserts an axis of length 1", "[indexing][layout]") {
  auto x = nd::arange(6).reshape({2, 3});
  check_values(nd::expand_dims(x, 0), {0, 1, 2, 3, 4, 5}, {1, 2, 3});
  check_values(nd::expand_dims(x, 1), {0, 1, 2, 3, 4, 5}, {2, 1, 3});
  check_values(nd::expand_dims(x, 2), {0, 1, 2, 3, 4, 5}, {2, 3, 1});
  check_values(nd::expand_dims(x, -1), {0, 1, 2, 3, 4, 5}, {2, 3, 1});
}

TEST_CASE("gradients of reads by hand", "[indexing][grad]") {
  auto X = X34();
  X.attach_grad();
  NDArray y;
  {
    autograd::record rec;
    y = X[{1}] * 2;
  }
  y.backward();
  check_values(X.grad(), {0, 0, 0, 0, 2, 2, 2, 2, 0, 0, 0, 0}, {3, 4});
  {
    autograd::record rec;
    y = nd::take(X, NDArray{0, 0, 2});  // row 0 twice: its gradient is 2
  }
  y.backward();
  check_values(X.grad(), {2, 2, 2, 2, 0, 0, 0, 0, 1, 1, 1, 1}, {3, 4});
  {
    autograd::record rec;
    y = nd::pick(X, NDArray{3, 0, 1});
  }
  y.backward();
  check_values(X.grad(), {0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 0, 0}, {3, 4});
}

TEST_CASE("gradients of reads against finite differences", "[indexing][grad]") {
  auto X = test::uniform_input({3, 4}, -1, 1, 1);
  auto Y = test::uniform_input({2, 4}, -1, 1, 2);
  auto Z = test::uniform_input({3, 4}, -1, 1, 3);
  auto W = test::uniform_input({2, 3}, -1, 1, 4);
  check_gradients([](const Args& a) { return a[0][{1}]; }, {X});
  check_gradients([](const Args& a) { return a[0][{nd::slice(1, 3)}]; }, {X});
  check_gradients([](const Args& a) { return a[0][{nd::all, nd::slice(1, 3)}]; }, {X});
  check_gradients([](const Args& a) { return a[0][{2, 1}]; }, {X});
  check_gradients([](const Args& a) { return nd::slice_axis(a[0], 1, 0, 2); }, {X});
  check_gradients([](const Args& a) { return nd::take(a[0], NDArray{2, 0, 2}); }, {X});
  check_gradients([](const Args& a) { return nd::take(a[0], NDArray{1, 3}, 1); }, {X});
  check_gradients([](const Args& a) { return nd::pick(a[0], NDArray{0, 3, 1}); }, {X});
  check_gradients([](const Args& a) { return nd::concat({a[0], a[1]}, 0); }, {X, Y});
  check_gradients([](const Args& a) { return nd::concat({a[0], a[1].T()}, 1); }, {X, W});
  check_gradients([](const Args& a) { return nd::stack({a[0], a[1]}, 1); }, {X, Z});
  check_gradients([](const Args& a) { return nd::expand_dims(a[0], 1) * 3; }, {X});
}
