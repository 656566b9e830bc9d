#pragma once
// The learning checks of part 06, whose sections run under one of three
// profiles (d2l/chapter.hpp): the band that applies is chosen by the
// `profile` that the run wrote into its results.json, so the same check
// guards the tests' --quick run, the book build's CPU run and a run at the
// book's settings on a GPU.
//
// - quick: a few dozen steps; the run must finish with finite losses that did
//   not blow up (deep networks without batch normalization are still at the
//   loss of guessing, log 10 = 2.30, after so few steps).
// - cpu: the band measured over several seeds of the CPU profile, as stated
//   on the section's page.
// - book: the book's test accuracy after 5 epochs (../shared/BOOK.md) less a
//   margin for the seed.

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "chapters/learning.hpp"
#include "chapters/results.hpp"

namespace chapter_test {

struct ProfileBands {
  double quick_loss_below = 0;  ///< every progress point of the --quick run
  LearningBands cpu = {};       ///< the CPU profile, measured over seeds
  double book_test_acc = 1;     ///< BOOK.md's figure for the book's settings
  double book_margin = 0.03;
  /// The CPU profile may stay on the plateau for the whole run (NiN): check
  /// only that it did not diverge, every loss below cpu.first_loss_below.
  bool cpu_may_stall = false;
};

inline std::string profile_of(const std::string& name) {
  return entry(name, "profile").get<std::string>();
}

inline void check_learns_for_profile(const std::string& name, const ProfileBands& b) {
  const std::string profile = profile_of(name);
  INFO("chapter " << name << ", profile " << profile);
  auto progress = values(name, "progress_loss");
  auto at = values(name, "progress_epoch");
  REQUIRE(!progress.empty());
  REQUIRE(at.size() == progress.size());
  CHECK(std::is_sorted(at.begin(), at.end()));
  CHECK(at.back() == Approx(values(name, "loss").size()));
  for (double l : progress) CHECK(std::isfinite(l));
  for (double s : values(name, "epoch_seconds")) CHECK(s > 0);
  if (profile == "quick") {
    for (double l : progress) CHECK(l < b.quick_loss_below);
  } else if (profile == "cpu" && b.cpu_may_stall) {
    for (double l : progress) CHECK(l < b.cpu.first_loss_below);
    CHECK(scalar(name, "final_train_acc") > 0.09);  // guessing one class: 0.1
  } else if (profile == "cpu") {
    check_classifier_learns(name, b.cpu);
  } else {
    REQUIRE(profile == "book");
    auto loss = values(name, "loss");
    CHECK(loss.back() < loss.front());
    CHECK(scalar(name, "final_test_acc") > b.book_test_acc - b.book_margin);
  }
}

}  // namespace chapter_test
