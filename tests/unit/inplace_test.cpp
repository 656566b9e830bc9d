// In-place updates and handle semantics: which operations keep the storage
// (the book's id(Y) experiments) and which allocate.
#include <catch2/catch.hpp>

#include "d2l/autograd.hpp"
#include "d2l/ndarray.hpp"
#include "d2l/ops.hpp"
#include "gradcheck.hpp"

using namespace d2l;

TEST_CASE("compound assignment keeps the storage", "[inplace]") {
  NDArray X{1, 2, 3};
  NDArray Y{4, 5, 6};
  auto id = X.storage_id();
  X += Y;
  check_values(X, {5, 7, 9}, {3});
  X -= NDArray{1, 1, 1};
  check_values(X, {4, 6, 8}, {3});
  X *= NDArray{2, 0.5f, 1};
  check_values(X, {8, 3, 8}, {3});
  X /= NDArray{4, 3, 2};
  check_values(X, {2, 1, 4}, {3});
  X += 1;
  check_values(X, {3, 2, 5}, {3});
  X -= 2;
  check_values(X, {1, 0, 3}, {3});
  X *= 4;
  check_values(X, {4, 0, 12}, {3});
  X /= 8;
  check_values(X, {0.5f, 0, 1.5f}, {3});
  CHECK(X.storage_id() == id);
  check_values(Y, {4, 5, 6}, {3});
}

TEST_CASE("compound assignment broadcasts the right side", "[inplace]") {
  auto X = nd::ones({2, 3});
  auto id = X.storage_id();
  X += NDArray{1, 2, 3};
  check_values(X, {2, 3, 4, 2, 3, 4}, {2, 3});
  X *= nd::array({10, 100}, {2, 1});
  check_values(X, {20, 30, 40, 200, 300, 400}, {2, 3});
  CHECK(X.storage_id() == id);
  // The result must keep X's shape.
  auto r = NDArray{1, 2, 3};
  REQUIRE_THROWS_AS(r += nd::ones({2, 3}), std::exception);
  REQUIRE_THROWS_AS((X -= NDArray{1, 2}), std::exception);
}

TEST_CASE("Y = Y + X allocates new storage", "[inplace]") {
  NDArray X{1, 2, 3};
  NDArray Y{4, 5, 6};
  auto before = Y.storage_id();
  Y = Y + X;
  CHECK(Y.storage_id() != before);
  check_values(Y, {5, 7, 9}, {3});
}

TEST_CASE("elemwise_add writes into out without allocating", "[inplace]") {
  NDArray X{{1, 2}, {3, 4}};
  NDArray Y{{10, 20}, {30, 40}};
  auto Z = nd::zeros_like(Y);
  auto id = Z.storage_id();
  nd::elemwise_add(X, Y, Z);
  CHECK(Z.storage_id() == id);
  check_values(Z, {11, 22, 33, 44}, {2, 2});
  nd::elemwise_mul(X, Y, Z);
  CHECK(Z.storage_id() == id);
  check_values(Z, {10, 40, 90, 160}, {2, 2});
  // out may be one of the inputs: X = X + Y in place.
  auto xid = X.storage_id();
  nd::elemwise_add(X, Y, X);
  CHECK(X.storage_id() == xid);
  check_values(X, {11, 22, 33, 44}, {2, 2});
  auto wrong = nd::zeros({4});
  REQUIRE_THROWS_AS(nd::elemwise_add(X, Y, wrong), std::exception);
}

TEST_CASE("assign copies values into existing storage", "[inplace]") {
  auto X = nd::zeros({2, 3});
  auto id = X.storage_id();
  X.assign(NDArray{{1, 2, 3}, {4, 5, 6}});
  check_values(X, {1, 2, 3, 4, 5, 6}, {2, 3});
  X.assign(NDArray{7, 8, 9});  // broadcast to (2, 3)
  check_values(X, {7, 8, 9, 7, 8, 9}, {2, 3});
  X.assign(0.5f);
  check_values(X, {0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f}, {2, 3});
  CHECK(X.storage_id() == id);
  CHECK(X.shape() == Shape{2, 3});
  REQUIRE_THROWS_AS(X.assign(nd::ones({4})), std::exception);
}

TEST_CASE("a copied handle shares values but copy() does not", "[inplace][handle]") {
  NDArray X{1, 2, 3};
  auto Y = X;
  CHECK(Y.storage_id() == X.storage_id());
  Y += 1;
  check_values(X, {2, 3, 4}, {3});
  auto Z = X.copy();
  CHECK(Z.storage_id() != X.storage_id());
  Z += 1;
  check_values(X, {2, 3, 4}, {3});
  check_values(Z, {3, 4, 5}, {3});
  // Rebinding a handle leaves the other handle on the old array.
  Y = Y * 2;
  check_values(X, {2, 3, 4}, {3});
  check_values(Y, {4, 6, 8}, {3});
}

TEST_CASE("data() points at the shared storage", "[inplace][handle]") {
  NDArray X{1, 2, 3};
  auto Y = X;
  X.data()[1] = 20;
  CHECK(Y.to_vector()[1] == 20);
  CHECK(static_cast<const void*>(X.data()) == X.storage_id());
}

TEST_CASE("the SGD update in place outside record", "[inplace][autograd]") {
  NDArray w{1, 2, 3};
  w.attach_grad();
  NDArray loss;
  {
    autograd::record rec;
    loss = (w * w).sum();
  }
  loss.backward();
  auto id = w.storage_id();
  w -= 0.5f * w.grad();  // w - 0.5 * 2 w = 0
  CHECK(w.storage_id() == id);
  check_values(w, {0, 0, 0}, {3});
  // The gradient buffer survives the update and the next step works.
  {
    autograd::record rec;
    loss = (w + 1).sum();
  }
  loss.backward();
  check_values(w.grad(), {1, 1, 1}, {3});
}

TEST_CASE("in place on an array that needs a gradient while recording throws",
          "[inplace][autograd][errors]") {
  NDArray x{1, 2, 3};
  x.attach_grad();
  autograd::record rec;
  REQUIRE_THROWS_AS(x += 1, std::exception);
  REQUIRE_THROWS_AS((x *= NDArray{1, 2, 3}), std::exception);
  REQUIRE_THROWS_AS(x.assign(0.0f), std::exception);
  REQUIRE_THROWS_AS((x[{0}] = 5), std::exception);
}
