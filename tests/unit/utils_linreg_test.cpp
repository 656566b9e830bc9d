// synthetic_data, data_iter, linreg, squared_loss and sgd.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

#include "d2l/autograd.hpp"
#include "d2l/ops.hpp"
#include "d2l/utils/linreg.hpp"
#include "gradcheck.hpp"

using namespace d2l;
using namespace d2l::book;  // the book's helpers: tests call them unqualified

TEST_CASE("synthetic_data follows y = Xw + b with small noise", "[utils][linreg]") {
  nd::random::seed(1);
  NDArray w{2, -3.4f};
  auto [X, y] = synthetic_data(w, 4.2f, 1000);
  REQUIRE(X.shape() == Shape{1000, 2});
  REQUIRE(y.shape() == Shape{1000});
  CHECK(X.mean().asscalar() == Approx(0).margin(0.1));
  CHECK(nd::square(X).mean().asscalar() == Approx(1).margin(0.1));
  // The residual is the noise: std 0.01.
  auto noise = y - (nd::dot(X, w) + 4.2f);
  CHECK(std::sqrt(nd::square(noise).mean().asscalar()) == Approx(0.01).margin(0.002));
  // Least squares on [X, 1] recovers w and b: solve the 3x3 normal equations.
  auto A = nd::concat({X, nd::ones({1000, 1})}, /*dim=*/1);
  auto G = nd::dot(A, A, /*transpose_a=*/true).to_vector();
  auto r = nd::dot(A, y, /*transpose_a=*/true).to_vector();
  // Gaussian elimination without pivoting (G is well conditioned).
  for (int i = 0; i < 3; ++i) {
    for (int j = i + 1; j < 3; ++j) {
      const float f = G[j * 3 + i] / G[i * 3 + i];
      for (int k = 0; k < 3; ++k) G[j * 3 + k] -= f * G[i * 3 + k];
      r[j] -= f * r[i];
    }
  }
  std::vector<float> sol(3);
  for (int i = 2; i >= 0; --i) {
    float s = r[i];
    for (int k = i + 1; k < 3; ++k) s -= G[i * 3 + k] * sol[k];
    sol[i] = s / G[i * 3 + i];
  }
  CHECK(sol[0] == Approx(2).margin(2e-3));
  CHECK(sol[1] == Approx(-3.4).margin(2e-3));
  CHECK(sol[2] == Approx(4.2).margin(2e-3));
}

TEST_CASE("data_iter visits every example once per epoch", "[utils][linreg]") {
  auto features = nd::arange(23).reshape({23, 1}) * 10.0f;
  auto labels = nd::arange(23);
  nd::random::seed(3);
  auto batches = data_iter(5, features, labels);
  REQUIRE(batches.size() == 5);
  CHECK(batches.back().data.shape() == Shape{3, 1});
  std::vector<float> seen;
  for (const auto& [X, y] : batches) {
    REQUIRE(X.shape()[0] == y.shape()[0]);
    auto xs = X.to_vector(), ys = y.to_vector();
    for (size_t i = 0; i < ys.size(); ++i) CHECK(xs[i] == ys[i] * 10);  // rows match
    seen.insert(seen.end(), ys.begin(), ys.end());
  }
  auto order = seen;
  std::sort(seen.begin(), seen.end());
  for (int i = 0; i < 23; ++i) CHECK(seen[i] == i);
  CHECK_FALSE(std::is_sorted(order.begin(), order.end()));  // it shuffles
  // Seeded: the same order again.
  nd::random::seed(3);
  auto again = data_iter(5, features, labels);
  CHECK(again[0].label.to_vector() == batches[0].label.to_vector());
}

TEST_CASE("linreg and squared_loss values and gradients", "[utils][linreg]") {
  NDArray X{{1, 2}, {3, 4}};
  NDArray w{0.5f, -1};
  NDArray b{2};
  test::check_flat(linreg(X, w, b), {0.5f, -0.5f});
  NDArray y_hat(std::vector<float>{1, 2}, {2, 1});
  NDArray y{0, 4};
  auto l = squared_loss(y_hat, y);
  test::check_values(l, {0.5f, 2}, {2, 1});
  test::check_gradients([](const auto& in) { return linreg(in[0], in[1], in[2]); },
                        {X, w, b});
  test::check_gradients([](const auto& in) { return squared_loss(in[0], in[1]); },
                        {y_hat, y});
}

TEST_CASE("sgd updates in place with lr * grad / batch_size", "[utils][linreg]") {
  NDArray w{1, 2};
  NDArray b{0.5f};
  w.attach_grad();
  b.attach_grad();
  auto id = w.storage_id();
  {
    autograd::record rec;
    auto l = (nd::square(w).sum() + 3.0f * b).sum();
    l.backward();
  }
  // grad w = 2w = (2, 4), grad b = 3.
  sgd({w, b}, /*lr=*/0.1f, /*batch_size=*/2);
  test::check_flat(w, {1 - 0.1f, 2 - 0.2f});
  test::check_flat(b, {0.5f - 0.15f});
  CHECK(w.storage_id() == id);
}
