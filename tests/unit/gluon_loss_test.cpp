// Losses: per-example values by hand, label reshaping, mean over non-batch
// axes, weights, gradients, and shape errors.
#include <catch2/catch.hpp>
#include <cmath>

#include "d2l/gluon.hpp"
#include "gradcheck.hpp"

using namespace d2l;
using Args = std::vector<NDArray>;

TEST_CASE("L2Loss is half the squared error per example", "[gluon][loss]") {
  gluon::loss::L2Loss l2;
  // (batch, 1) predictions with (batch,) labels: the label is reshaped.
  check_values(l2(NDArray({1, 2, 3}, {3, 1}), NDArray{1, 0, 5}), {0, 2, 2}, {3});
  // Averaged over the non-batch axes.
  check_values(l2(NDArray{{1, 3}, {0, 0}}, NDArray{{0, 0}, {2, 2}}), {2.5f, 2}, {2});
  check_values(gluon::loss::L2Loss(2)(NDArray{1}, NDArray{0}), {1}, {1});
  check_gradients(
      [&](const Args& in) { return l2(in[0], in[1]); },
      {test::uniform_input({3, 2}, -1, 1), test::uniform_input({6}, -1, 1, 3)});
  CHECK_THROWS_WITH(l2(nd::ones({3, 1}), nd::ones({4})),
                    Catch::Contains("(4,)") && Catch::Contains("(3, 1)"));
}

TEST_CASE("L1Loss is the absolute error per example", "[gluon][loss]") {
  gluon::loss::L1Loss l1;
  check_values(l1(NDArray{{1, -3}, {0, 0.5f}}, NDArray{{0, 0}, {2, 0}}), {2, 1.25f}, {2});
  check_gradients([&](const Args& in) { return l1(in[0], in[1]); },
                  {NDArray{{1, -3}, {0.2f, 0.5f}}, NDArray{{0, 0}, {2, 0}}});
}

TEST_CASE("SoftmaxCrossEntropyLoss uses the fused op on logits", "[gluon][loss]") {
  gluon::loss::SoftmaxCrossEntropyLoss ce;
  NDArray logits{{2, 0, 0}, {0, 0, 0}};
  float l0 = -std::log(std::exp(2.f) / (std::exp(2.f) + 2));
  check_values(ce(logits, NDArray{0, 2}), {l0, std::log(3.f)}, {2});
  NDArray y{1, 0, 2};
  check_gradients([&](const Args& in) { return ce(in[0], y); },
                  {test::uniform_input({3, 3}, -2, 2)});
  CHECK_THROWS_WITH(ce(logits, NDArray{0, 3}), Catch::Contains("label 3"));
}

TEST_CASE("SigmoidBinaryCrossEntropyLoss from logits and from probabilities",
          "[gluon][loss]") {
  gluon::loss::SigmoidBinaryCrossEntropyLoss bce;
  auto expect = [](float x, float z) {
    float p = 1 / (1 + std::exp(-x));
    return -(z * std::log(p) + (1 - z) * std::log(1 - p));
  };
  NDArray x{{0.5f, -1}, {2, 0}}, z{{1, 0}, {0, 1}};
  check_values(bce(x, z),
               {(expect(0.5f, 1) + expect(-1, 0)) / 2, (expect(2, 0) + expect(0, 1)) / 2},
               {2});
  gluon::loss::SigmoidBinaryCrossEntropyLoss from_p(/*from_sigmoid=*/true);
  check_values(from_p(nd::sigmoid(x), z), bce(x, z).to_vector(), {2}, 1e-4f);
  check_values(bce(NDArray({-200}, {1, 1}), NDArray{1}), {200}, {1}, 1e-3f);  // stable
  check_gradients([&](const Args& in) { return bce(in[0], z); }, {x});
}
