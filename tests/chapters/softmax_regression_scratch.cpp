// Checks of chapters/02_linear_networks/softmax_regression_scratch.cpp: the
// hand-written softmax, cross-entropy and accuracy, and the training run.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "chapters/mxnet_band.hpp"
#include "chapters/results.hpp"

using chapter_test::scalar;
using chapter_test::values;

namespace {

const char* const kName = "softmax_regression_scratch";

}  // namespace

TEST_CASE("the softmax rows are positive and sum to 1", "[softmax_regression_scratch]") {
  auto sums = values(kName, "softmax_row_sums");
  REQUIRE(sums.size() == 2);
  for (double s : sums) CHECK(s == Approx(1).epsilon(1e-5));
  CHECK(scalar(kName, "softmax_min") > 0);
}

TEST_CASE("pick and the cross-entropy of the worked example",
          "[softmax_regression_scratch]") {
  auto picked = values(kName, "picked");
  REQUIRE(picked.size() == 2);
  CHECK(picked[0] == Approx(0.1).epsilon(1e-6));
  CHECK(picked[1] == Approx(0.5).epsilon(1e-6));
  auto ce = values(kName, "cross_entropy");
  REQUIRE(ce.size() == 2);
  CHECK(ce[0] == Approx(-std::log(0.1)).epsilon(1e-5));
  CHECK(ce[1] == Approx(-std::log(0.5)).epsilon(1e-5));
  CHECK(scalar(kName, "example_accuracy") == 0.5);
}

TEST_CASE("the untrained model guesses about one time in ten",
          "[softmax_regression_scratch]") {
  double acc = scalar(kName, "untrained_test_acc");
  CHECK(acc > 0.02);
  CHECK(acc < 0.25);
}

TEST_CASE("training lowers the loss and beats 70 percent test accuracy",
          "[softmax_regression_scratch]") {
  auto losses = values(kName, "loss");
  REQUIRE(losses.size() >= 2);
  for (double l : losses) CHECK(std::isfinite(l));
  CHECK(losses.back() < losses.front());
  CHECK(scalar(kName, "final_loss") < 0.9);
  CHECK(scalar(kName, "final_train_acc") > 0.65);
  CHECK(scalar(kName, "final_test_acc") > 0.70);
  CHECK(scalar(kName, "final_test_acc") > 3 * scalar(kName, "untrained_test_acc"));
  double right = scalar(kName, "predictions_right");
  CHECK(right >= 0);
  CHECK(right <= 10);
}

TEST_CASE("softmax_regression_scratch: a full run lands in MXNet 1.9.1's band",
          "[softmax_regression_scratch][full]") {
  // MXNet's min..max over its seeds; the margin covers one run's seed spread.
  chapter_test::check_classifier_in_mxnet_band(kName, /*variant=*/"", /*prefix=*/"",
                                               /*acc_margin=*/0.01, /*loss_margin=*/0.01);
}
