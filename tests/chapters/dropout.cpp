// Checks of chapters/03_multilayer_perceptrons/dropout.cpp: the scratch dropout
// function (p = 0 keeps, p = 1 zeroes, p = 0.5 zeroes or doubles, the mean is
// kept, prediction mode passes through) and learning with dropout, from scratch
// and with nn::Dropout (bands that the --quick run meets).
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "chapters/mxnet_band.hpp"
#include "chapters/results.hpp"

using chapter_test::scalar;
using chapter_test::shape;
using chapter_test::values;
using ShapeV = std::vector<int64_t>;

namespace {
const char* const kName = "dropout";
}  // namespace

TEST_CASE("dropout with p = 0 and p = 1", "[dropout]") {
  auto x = values(kName, "demo_X");
  CHECK(shape(kName, "demo_p0") == ShapeV{2, 8});
  CHECK(values(kName, "demo_p0") == x);
  for (double v : values(kName, "demo_p1")) CHECK(v == 0);
}

TEST_CASE("dropout with p = 0.5 zeroes or doubles each element", "[dropout]") {
  auto x = values(kName, "demo_X");
  auto d = values(kName, "demo_p05");
  REQUIRE(d.size() == x.size());
  for (size_t i = 0; i < d.size(); ++i) {
    INFO("element " << i << ": " << x[i] << " -> " << d[i]);
    CHECK((d[i] == 0 || d[i] == Approx(2 * x[i])));
  }
}

TEST_CASE("dropout keeps the mean and is off in prediction mode", "[dropout]") {
  // 100000 Bernoulli(0.5) draws: the standard deviation of the fraction is 0.0016.
  CHECK(scalar(kName, "ones_fraction_kept") == Approx(0.5).margin(0.01));
  CHECK(scalar(kName, "ones_mean_training") == Approx(1.0).margin(0.02));
  CHECK(scalar(kName, "ones_mean_prediction") == 1.0);
}

TEST_CASE("the 784-256-256-10 network learns with dropout", "[dropout]") {
  CHECK(scalar(kName, "num_params") == 784 * 256 + 256 + 256 * 256 + 256 + 256 * 10 + 10);
  for (const char* which : {"scratch", "gluon"}) {
    INFO(which);
    std::string key = which;
    auto loss = values(kName, key + "_loss");
    REQUIRE(!loss.empty());
    CHECK(loss.back() < loss.front());
    CHECK(scalar(kName, key + "_final_loss") < 0.8);
    CHECK(scalar(kName, key + "_final_train_acc") > 0.7);
    auto test_acc = values(kName, key + "_test_acc");
    REQUIRE(test_acc.size() == loss.size());
    CHECK(test_acc.back() > 0.65);
    CHECK(*std::max_element(test_acc.begin(), test_acc.end()) > 0.72);
  }
}

TEST_CASE("dropout: full runs of both versions land in MXNet 1.9.1's band",
          "[dropout][full]") {
  // MXNet's min..max over its seeds; the margin covers one run's seed spread.
  for (const std::string version : {"scratch", "gluon"}) {
    chapter_test::check_classifier_in_mxnet_band(kName, version, version + "_",
                                                 /*acc_margin=*/0.015,
                                                 /*loss_margin=*/0.02);
  }
}
