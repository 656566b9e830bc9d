// Checks of chapters/03_multilayer_perceptrons/mlp_gluon.cpp: the parameter
// count of a 784-256-10 network and learning on Fashion-MNIST (bands that the
// --quick run, 2 epochs tested on 2,000 images, meets).
#include <catch2/catch.hpp>
#include <vector>

#include "chapters/learning.hpp"
#include "chapters/mxnet_band.hpp"
#include "chapters/results.hpp"

using chapter_test::check_classifier_learns;
using chapter_test::scalar;

namespace {
const char* const kName = "mlp_gluon";
}  // namespace

TEST_CASE("the Gluon MLP has 784 x 256 + 256 + 256 x 10 + 10 parameters", "[mlp_gluon]") {
  CHECK(scalar(kName, "num_params") == 784 * 256 + 256 + 256 * 10 + 10);
}

TEST_CASE("the Gluon MLP lowers the loss and classifies well", "[mlp_gluon]") {
  // With learning rate 0.5 the test accuracy jumps by a few points from epoch to
  // epoch: a floor for the last epoch and a higher one for the best.
  check_classifier_learns(kName, {.first_loss_below = 2.0,
                                  .final_loss_below = 0.7,
                                  .final_train_acc_above = 0.75,
                                  .last_test_acc_above = 0.70,
                                  .best_test_acc_above = 0.75});
}

TEST_CASE("mlp_gluon: a full run lands in MXNet 1.9.1's band", "[mlp_gluon][full]") {
  // MXNet's min..max over its seeds; the margin covers one run's seed spread.
  chapter_test::check_classifier_in_mxnet_band(kName, /*variant=*/"", /*prefix=*/"",
                                               /*acc_margin=*/0.01, /*loss_margin=*/0.01);
}
