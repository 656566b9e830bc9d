// Checks of chapters/02_linear_networks/linear_regression_scratch.cpp: training
// recovers the weights and bias that generated the data.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "chapters/mxnet_band.hpp"
#include "chapters/results.hpp"

using chapter_test::scalar;
using chapter_test::shape;
using chapter_test::values;
using ShapeV = std::vector<int64_t>;

namespace {

const char* const kName = "linear_regression_scratch";

}  // namespace

TEST_CASE("the synthetic data set has 1000 examples", "[linear_regression_scratch]") {
  CHECK(scalar(kName, "num_examples") == 1000);
}

TEST_CASE("the loss falls to the level of the noise", "[linear_regression_scratch]") {
  auto losses = values(kName, "epoch_losses");
  REQUIRE(!losses.empty());
  for (double l : losses) CHECK(std::isfinite(l));
  // Before training the predictions are near 0 and the labels near 4.2.
  CHECK(scalar(kName, "initial_loss") > 1);
  CHECK(losses.back() <= losses.front());
  // Half the noise variance is 0.5 * 0.01^2 = 5e-5; allow for sampling.
  CHECK(scalar(kName, "final_loss") < 2e-4);
  CHECK(scalar(kName, "final_loss") == losses.back());
}

TEST_CASE("the learned w and b are close to the true ones",
          "[linear_regression_scratch]") {
  auto w = values(kName, "w");
  REQUIRE(w.size() == 2);
  CHECK(w[0] == Approx(2).margin(1e-2));
  CHECK(w[1] == Approx(-3.4).margin(1e-2));
  CHECK(scalar(kName, "b") == Approx(4.2).margin(1e-2));
  CHECK(shape(kName, "w_error") == ShapeV{2});
  for (double e : values(kName, "w_error")) CHECK(std::abs(e) < 1e-2);
  CHECK(std::abs(scalar(kName, "b_error")) < 1e-2);
  // The errors are the differences truth - learned.
  CHECK(values(kName, "w_error")[0] == Approx(2 - w[0]).margin(1e-5));
  CHECK(scalar(kName, "b_error") == Approx(4.2 - scalar(kName, "b")).margin(1e-5));
}

TEST_CASE("linear_regression_scratch: a full run lands in MXNet 1.9.1's band",
          "[linear_regression_scratch][full]") {
  auto mxnet = chapter_test::mxnet_summary(kName);
  chapter_test::check_in_mxnet_band(
      kName, mxnet, {.ours = "final_loss", .mxnet = "final_train_loss", .margin = 1e-5});
  chapter_test::check_in_mxnet_band(kName, mxnet,
                                    {.ours = "b", .mxnet = "b", .margin = 1e-3});
}
