// Checks of chapters/03_multilayer_perceptrons/mlp_scratch.cpp: the parameter
// count of a 784-256-10 network and learning on Fashion-MNIST (bands that the
// --quick run, 2 epochs tested on 2,000 images, meets).
#include <algorithm>
#include <catch2/catch.hpp>
#include <vector>

#include "chapters/results.hpp"

using chapter_test::scalar;
using chapter_test::values;

namespace {
const char* const kName = "mlp_scratch";
}  // namespace

TEST_CASE("the network has 784 x 256 + 256 + 256 x 10 + 10 parameters", "[mlp_scratch]") {
  CHECK(scalar(kName, "num_params") == 784 * 256 + 256 + 256 * 10 + 10);
}

TEST_CASE("the MLP from scratch lowers the loss and classifies well", "[mlp_scratch]") {
  auto loss = values(kName, "loss");
  REQUIRE(loss.size() >= 1);
  // One epoch from an untrained net already drops below log(10) = 2.30.
  CHECK(loss.front() < 2.0);
  CHECK(loss.back() < loss.front());
  CHECK(scalar(kName, "final_loss") < 0.7);
  CHECK(scalar(kName, "final_train_acc") > 0.75);
  // With learning rate 0.5 the test accuracy jumps by a few points from epoch to
  // epoch: a floor for the last epoch and a higher one for the best.
  auto test_acc = values(kName, "test_acc");
  REQUIRE(test_acc.size() == loss.size());
  CHECK(test_acc.back() > 0.70);
  CHECK(*std::max_element(test_acc.begin(), test_acc.end()) > 0.75);
}
