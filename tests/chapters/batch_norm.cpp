// Checks of chapters/06_modern_cnn/batch_norm.cpp: the from-scratch batch_norm
// standardizes each feature (2-D) and each channel (4-D) in training mode and
// moves the moving statistics by MXNet's rule; our BatchNorm layer's moving mean
// after 20 calls; LeNet with our BatchNorm and with nn::BatchNorm learns (floors
// that the --quick run meets with the default seed, with margin: 2 epochs on
// the first 10,000 training images, tested on the first 2,000 test images),
// and training moved gamma, beta and the moving statistics of the first layer.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "chapters/mxnet_band.hpp"
#include "chapters/results.hpp"

using chapter_test::scalar;
using chapter_test::values;

namespace {
const char* const kName = "batch_norm";

double max_abs_diff(const std::vector<double>& v, double target) {
  double m = 0;
  for (double x : v) m = std::max(m, std::abs(x - target));
  return m;
}
}  // namespace

TEST_CASE("batch_norm from scratch: mean 0 and variance 1 per feature and channel",
          "[batch_norm]") {
  for (const char* key : {"demo2", "demo4"}) {
    INFO(key);
    auto mean = values(kName, std::string(key) + "_mean");
    auto var = values(kName, std::string(key) + "_var");
    CHECK(mean.size() == (std::string(key) == "demo2" ? 3u : 2u));
    REQUIRE(var.size() == mean.size());
    for (double m : mean) CHECK(m == Approx(0).margin(1e-5));
    // var / (var + eps) with eps 1e-5: a hair below 1
    for (double v : var) CHECK(v == Approx(1).margin(1e-3));
  }
}

TEST_CASE("batch_norm from scratch: moving statistics by MXNet's rule", "[batch_norm]") {
  // X2's columns: means 3, 25, -2; biased variances 3.5, 125, 4. One step from
  // (0, 1) with momentum 0.9: 0.1 * batch and 0.9 + 0.1 * batch.
  auto mm = values(kName, "demo2_moving_mean");
  auto mv = values(kName, "demo2_moving_var");
  REQUIRE(mm.size() == 3);
  REQUIRE(mv.size() == 3);
  const double mean[] = {3, 25, -2}, var[] = {3.5, 125, 4};
  for (int i = 0; i < 3; ++i) {
    CHECK(mm[i] == Approx(0.1 * mean[i]).margin(1e-5));
    CHECK(mv[i] == Approx(0.9 + 0.1 * var[i]).epsilon(1e-5));
  }
  // Prediction with moving mean 0 and variance 1 leaves the input (almost) as is.
  CHECK(scalar(kName, "demo2_predict_max_change") < 1e-3);
}

TEST_CASE("our BatchNorm layer: moving mean after 20 training calls", "[batch_norm]") {
  auto batch = values(kName, "layer_batch_mean");
  auto moving = values(kName, "layer_moving_mean");
  REQUIRE(batch.size() == 2);
  REQUIRE(moving.size() == 2);
  const double share = 1 - std::pow(0.9, 20);  // 0.878
  for (int i = 0; i < 2; ++i) {
    CHECK(moving[i] == Approx(share * batch[i]).margin(1e-4));
  }
}

TEST_CASE("LeNet with BatchNorm learns, from scratch and with nn::BatchNorm",
          "[batch_norm]") {
  // Measured on the --quick run with seed 0 (2026-12-02): loss 1.228 -> 0.683,
  // train acc 0.749, test acc 0.651 -> 0.729 (scratch); loss 1.228 -> 0.679,
  // train acc 0.753, test acc 0.716 -> 0.787 (nn::BatchNorm). The floors leave a
  // margin of 0.1 or more.
  for (const std::string prefix : {"scratch_", "gluon_"}) {
    INFO(prefix);
    auto loss = values(kName, prefix + "loss");
    REQUIRE(loss.size() >= 2);
    CHECK(loss.back() < loss.front());
    CHECK(loss.front() < 2.0);  // log(10) = 2.30 is the loss of guessing
    CHECK(scalar(kName, prefix + "final_loss") < 0.9);
    CHECK(scalar(kName, prefix + "final_train_acc") > 0.65);
    auto test_acc = values(kName, prefix + "test_acc");
    REQUIRE(test_acc.size() == loss.size());
    CHECK(test_acc.back() > 0.6);
    for (double s : values(kName, prefix + "epoch_seconds")) CHECK(s > 0);
  }
}

TEST_CASE("training moved gamma, beta and the moving statistics of the first BatchNorm",
          "[batch_norm]") {
  for (const std::string version : {"scratch", "gluon"}) {
    INFO(version);
    auto gamma = values(kName, version + "_gamma");
    auto beta = values(kName, version + "_beta");
    const std::string stats = version == "scratch" ? "_moving_" : "_running_";
    auto mean = values(kName, version + stats + "mean");
    auto var = values(kName, version + stats + "var");
    // One of each per output channel of the first convolution.
    for (const auto* v : {&gamma, &beta, &mean, &var}) CHECK(v->size() == 6);
    CHECK(max_abs_diff(gamma, 1) > 1e-3);
    CHECK(max_abs_diff(beta, 0) > 1e-3);
    CHECK(max_abs_diff(mean, 0) > 0.01);
    CHECK(max_abs_diff(var, 1) > 0.01);
    for (double v : var) CHECK(v > 0);
  }
}

TEST_CASE("batch_norm: full runs land in MXNet 1.9.1's band", "[batch_norm][full]") {
  // At lr 1.0 the test accuracy jumps by up to 0.05 from one epoch to the next
  // (in MXNet too), so its margin is wide; the training loss agrees closely.
  for (const std::string version : {"scratch", "gluon"}) {
    chapter_test::check_classifier_in_mxnet_band(kName, version, version + "_",
                                                 /*acc_margin=*/0.04,
                                                 /*loss_margin=*/0.02);
  }
}
