// Checks of chapters/03_multilayer_perceptrons/weight_decay.cpp: with 20 examples
// and 200 features, plain training overfits and keeps large weights, while
// weight decay (lambda = wd = 3) shrinks them and lowers the test loss, both
// from scratch and with the Trainer's wd on the weights only.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "chapters/mxnet_band.hpp"
#include "chapters/results.hpp"

using chapter_test::scalar;
using chapter_test::values;

namespace {

const char* const kName = "weight_decay";

void check_pair(const std::string& plain, const std::string& decayed) {
  INFO(plain << " against " << decayed);
  double norm0 = scalar(kName, plain + "_w_norm");
  double norm3 = scalar(kName, decayed + "_w_norm");
  // The start is N(0, 1) in 200 dimensions, norm about 14; plain training keeps
  // most of it, decay shrinks it towards the true norm 0.14.
  CHECK(norm0 > 5);
  CHECK(norm3 < 1);
  CHECK(norm3 < norm0 / 5);

  auto train0 = values(kName, plain + "_train_loss");
  auto test0 = values(kName, plain + "_test_loss");
  auto train3 = values(kName, decayed + "_train_loss");
  auto test3 = values(kName, decayed + "_test_loss");
  REQUIRE(!train0.empty());
  REQUIRE(train0.size() == test0.size());
  REQUIRE(train3.size() == test3.size());
  // Overfitting: a far lower training than test loss without decay.
  CHECK(train0.back() < test0.back() / 10);
  CHECK(train0.back() < train0.front());
  // Decay trades a higher training loss for a much lower test loss.
  CHECK(test3.back() < test0.back() / 5);
  CHECK(train3.back() > train0.back());
}

}  // namespace

TEST_CASE("weight decay from scratch shrinks w and the test loss", "[weight_decay]") {
  check_pair("scratch_lambda0", "scratch_lambda3");
}

TEST_CASE("Trainer wd on the weights has the same effect", "[weight_decay]") {
  check_pair("gluon_wd0", "gluon_wd3");
}

TEST_CASE("full runs land in MXNet 1.9.1's band for the norm of w",
          "[weight_decay][full]") {
  // Without decay the norm is mostly the untouched N(0, 1) initialization of
  // 200 weights (about sqrt(180) = 13.4), so it varies by about 1 from seed to
  // seed; with decay it is tiny.
  const struct {
    const char* ours;
    const char* variant;
    double margin;
  } fits[] = {{"scratch_lambda0_w_norm", "scratch_lambda_0", 1.0},
              {"scratch_lambda3_w_norm", "scratch_lambda_3", 0.01},
              {"gluon_wd0_w_norm", "gluon_wd_0", 1.0},
              {"gluon_wd3_w_norm", "gluon_wd_3", 0.01}};
  for (const auto& fit : fits) {
    chapter_test::check_in_mxnet_band(
        kName, chapter_test::mxnet_summary(kName, fit.variant),
        {.ours = fit.ours, .mxnet = "w_norm", .margin = fit.margin});
  }
}
