// Fused nn ops: softmax, log_softmax, softmax cross-entropy and sigmoid
// cross-entropy: values by hand, stability with large inputs, gradients.
#include "d2l/nn_ops.hpp"

#include <catch2/catch.hpp>
#include <cmath>

#include "d2l/ops.hpp"
#include "gradcheck.hpp"

using namespace d2l;
using Args = std::vector<NDArray>;

TEST_CASE("softmax rows sum to one and match exp over sum", "[nn_ops]") {
  NDArray x{{1, 2, 3}, {0, 0, 0}};
  float s = std::exp(1.f) + std::exp(2.f) + std::exp(3.f);
  check_values(nd::softmax(x),
               {std::exp(1.f) / s, std::exp(2.f) / s, std::exp(3.f) / s, 1 / 3.f, 1 / 3.f,
                1 / 3.f},
               {2, 3});
  // Along axis 0: each column sums to one.
  check_values(nd::softmax(x, 0).sum(0), {1, 1, 1}, {3});
}

TEST_CASE("softmax and log_softmax stay finite for large inputs", "[nn_ops]") {
  NDArray x{{1000, 1001}, {-1000, -1001}};
  float a = 1 / (1 + std::exp(1.f));  // e^0 / (e^0 + e^1)
  check_values(nd::softmax(x), {a, 1 - a, 1 - a, a}, {2, 2});
  check_values(nd::log_softmax(x),
               {std::log(a), std::log(1 - a), std::log(1 - a), std::log(a)}, {2, 2},
               1e-4f);
}

TEST_CASE("softmax and log_softmax gradients match finite differences", "[nn_ops]") {
  auto x = test::uniform_input({3, 4}, -2, 2);
  check_gradients([](const Args& in) { return nd::softmax(in[0]); }, {x});
  check_gradients([](const Args& in) { return nd::softmax(in[0], 0); }, {x});
  check_gradients([](const Args& in) { return nd::log_softmax(in[0]); }, {x});
  auto x3 = test::uniform_input({2, 3, 2}, -2, 2);
  check_gradients([](const Args& in) { return nd::log_softmax(in[0], 1); }, {x3});
}

TEST_CASE("softmax_cross_entropy is minus the log probability of the label", "[nn_ops]") {
  NDArray logits{{1, 2, 3}, {1, 1, 1}};
  NDArray labels{2, 0};
  float s = std::exp(1.f) + std::exp(2.f) + std::exp(3.f);
  check_values(nd::softmax_cross_entropy(logits, labels),
               {-std::log(std::exp(3.f) / s), std::log(3.f)}, {2});
  // A (N, 1) column of labels works too.
  check_values(nd::softmax_cross_entropy(logits, labels.reshape({2, 1})),
               {-std::log(std::exp(3.f) / s), std::log(3.f)}, {2});
  // Stable where softmax underflows: the loss is the logit gap.
  NDArray big{{0, 200}};
  check_values(nd::softmax_cross_entropy(big, NDArray{0}), {200}, {1}, 1e-3f);
}

TEST_CASE("softmax_cross_entropy gradient is softmax minus onehot", "[nn_ops]") {
  NDArray logits{{1, 2, 3}, {0.5f, -1, 2}};
  NDArray labels{2, 1};
  logits.attach_grad();
  {
    autograd::record rec;
    nd::softmax_cross_entropy(logits, labels).backward();
  }
  auto p = nd::softmax(logits).to_vector();
  p[2] -= 1;
  p[4] -= 1;
  check_values(logits.grad(), p, {2, 3});
  auto x = test::uniform_input({4, 5}, -3, 3);
  NDArray y{0, 4, 2, 2};
  check_gradients([y](const Args& in) { return nd::softmax_cross_entropy(in[0], y); },
                  {x});
}

TEST_CASE("softmax_cross_entropy rejects bad labels and shapes", "[nn_ops]") {
  NDArray logits = nd::zeros({2, 3});
  CHECK_THROWS_WITH(
      nd::softmax_cross_entropy(logits, NDArray{0, 3}),
      Catch::Contains("label 3 at position 1") && Catch::Contains("0 to 2"));
  CHECK_THROWS_WITH(nd::softmax_cross_entropy(logits, NDArray{0, -1}),
                    Catch::Contains("label -1"));
  CHECK_THROWS_WITH(nd::softmax_cross_entropy(logits, NDArray{0, 1.5f}),
                    Catch::Contains("label 1.5"));
  CHECK_THROWS_WITH(nd::softmax_cross_entropy(logits, NDArray{0, 1, 2}),
                    Catch::Contains("(3,)") && Catch::Contains("(2, 3)"));
  CHECK_THROWS_WITH(nd::softmax_cross_entropy(nd::zeros({6}), NDArray{0}),
                    Catch::Contains("(batch, classes)"));
}

TEST_CASE("sigmoid_binary_cross_entropy values gradient and stability", "[nn_ops]") {
  NDArray x{-2, 0, 3};
  NDArray z{0, 1, 1};
  auto bce = [](float x, float z) {
    float p = 1 / (1 + std::exp(-x));
    return -(z * std::log(p) + (1 - z) * std::log(1 - p));
  };
  check_values(nd::sigmoid_binary_cross_entropy(x, z), {bce(-2, 0), bce(0, 1), bce(3, 1)},
               {3});
  // No overflow: for x = -100 and z = 1 the loss is about 100.
  check_values(nd::sigmoid_binary_cross_entropy(NDArray{-100, 100}, NDArray{1, 1}),
               {100, 0}, {2}, 1e-3f);
  check_gradients(
      [z](const Args& in) { return nd::sigmoid_binary_cross_entropy(in[0], z); },
      {NDArray{-2, 0.3f, 3}});
  // At exactly 0 the gradient is sigmoid(0) - z = 0.5 - z.
  NDArray zero{0, 0};
  zero.attach_grad();
  {
    autograd::record rec;
    nd::sigmoid_binary_cross_entropy(zero, NDArray{0, 1}).backward();
  }
  check_values(zero.grad(), {0.5f, -0.5f}, {2});
  CHECK_THROWS_WITH(nd::sigmoid_binary_cross_entropy(x, NDArray{1, 2}),
                    Catch::Contains("same shape"));
}
