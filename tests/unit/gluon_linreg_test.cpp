// End to end: concise linear regression (Dense(1), L2Loss, Trainer) recovers
// the true weights from synthetic data, as the book's section does.
#include <catch2/catch.hpp>

#include "d2l/gluon.hpp"
#include "gradcheck.hpp"

using namespace d2l;

TEST_CASE("Dense L2Loss and Trainer recover a linear model", "[gluon][linreg]") {
  nd::random::seed(0);
  const int64_t n = 1000, batch = 10;
  NDArray true_w{2, -3.4f};
  const float true_b = 4.2f;
  NDArray X = nd::random::normal(0, 1, {n, 2});
  NDArray y = nd::dot(X, true_w) + true_b;
  y += nd::random::normal(0, 0.01f, y.shape());

  nn::Sequential net;
  net.add(nn::Dense(1));
  net.initialize(init::Normal(0.01f));
  gluon::loss::L2Loss loss;
  gluon::Trainer trainer(net.collect_params(), "sgd", {.learning_rate = 0.03f});
  for (int epoch = 0; epoch < 3; ++epoch) {
    for (int64_t i = 0; i < n; i += batch) {
      NDArray Xb = nd::slice_axis(X, 0, i, i + batch);
      NDArray yb = nd::slice_axis(y, 0, i, i + batch);
      NDArray l;
      {
        autograd::record rec;
        l = loss(net(Xb), yb);
      }
      l.backward();
      trainer.step(batch);
    }
  }
  CHECK(loss(net(X), y).mean().asscalar() < 1e-3f);
  auto& dense = net.at<nn::Dense>(0);
  check_values(dense.weight.data(), {2, -3.4f}, {1, 2}, 1e-2f);
  check_values(dense.bias.data(), {4.2f}, {1}, 1e-2f);
}
