// Checks of chapters/02_linear_networks/softmax_regression_gluon.cpp: the stable
// loss where the naive one fails, and the training run.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "chapters/mxnet_band.hpp"
#include "chapters/results.hpp"

using chapter_test::scalar;
using chapter_test::values;

namespace {

const char* const kName = "softmax_regression_gluon";

}  // namespace

TEST_CASE("the naive softmax cross-entropy fails on extreme scores",
          "[softmax_regression_gluon]") {
  // exp(1000) overflows: inf / inf is nan. exp(-1000) underflows: -log(0) = inf.
  CHECK(values(kName, "naive_loss_is_nan") == std::vector<double>{1, 0});
  CHECK(values(kName, "naive_loss_is_inf") == std::vector<double>{0, 1});
}

TEST_CASE("the library's loss is finite and right on extreme scores",
          "[softmax_regression_gluon]") {
  auto stable = values(kName, "stable_loss");
  REQUIRE(stable.size() == 2);
  CHECK(stable[0] == Approx(0).margin(1e-4));
  CHECK(stable[1] == Approx(1000).epsilon(1e-5));
}

TEST_CASE("Gluon softmax regression learns beyond 70 percent test accuracy",
          "[softmax_regression_gluon]") {
  auto losses = values(kName, "loss");
  REQUIRE(losses.size() >= 2);
  for (double l : losses) CHECK(std::isfinite(l));
  CHECK(losses.back() < losses.front());
  CHECK(scalar(kName, "final_loss") < 0.9);
  CHECK(scalar(kName, "final_train_acc") > 0.65);
  CHECK(scalar(kName, "final_test_acc") > 0.70);
}

TEST_CASE("softmax_regression_gluon: a full run lands in MXNet 1.9.1's band",
          "[softmax_regression_gluon][full]") {
  // MXNet's min..max over its seeds; the margin covers one run's seed spread.
  chapter_test::check_classifier_in_mxnet_band(kName, /*variant=*/"", /*prefix=*/"",
                                               /*acc_margin=*/0.01, /*loss_margin=*/0.01);
}
