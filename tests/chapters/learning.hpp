#pragma once
// One check shared by the chapters that train a classifier on Fashion-MNIST:
// the loss falls and the accuracies clear floors that the --quick run meets.

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

#include "chapters/results.hpp"

namespace chapter_test {

/// Floors and ceilings for a short training run.
struct LearningBands {
  double first_loss_below;  ///< after one epoch (guessing is log 10 = 2.30)
  double final_loss_below;
  double final_train_acc_above;
  double last_test_acc_above;  ///< test accuracy after the last epoch
  double best_test_acc_above;  ///< the best epoch (test accuracy jumps around)
};

/// Checks the `loss` and `test_acc` lists and the `final_loss` and
/// `final_train_acc` values that a chapter recorded from its TrainHistory.
inline void check_classifier_learns(const std::string& name, const LearningBands& b) {
  INFO("chapter " << name);
  auto loss = values(name, "loss");
  REQUIRE(!loss.empty());
  CHECK(loss.front() < b.first_loss_below);
  CHECK(loss.back() < loss.front());
  CHECK(scalar(name, "final_loss") < b.final_loss_below);
  CHECK(scalar(name, "final_train_acc") > b.final_train_acc_above);
  auto test_acc = values(name, "test_acc");
  REQUIRE(test_acc.size() == loss.size());
  CHECK(test_acc.back() > b.last_test_acc_above);
  CHECK(*std::max_element(test_acc.begin(), test_acc.end()) > b.best_test_acc_above);
}

}  // namespace chapter_test
