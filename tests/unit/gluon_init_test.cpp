// Initializers: statistics of the random ones, constants, name-based dispatch
// (biases get zeros), user subclasses, and repeatability under a seed.
#include <catch2/catch.hpp>
#include <cmath>

#include "d2l/gluon.hpp"
#include "gradcheck.hpp"

using namespace d2l;

namespace {

struct Stats {
  double mean = 0, std = 0, min = 1e30, max = -1e30;
};

Stats stats_of(const NDArray& x) {
  Stats s;
  auto v = x.to_vector();
  for (float f : v) {
    s.mean += f;
    s.min = std::min<double>(s.min, f);
    s.max = std::max<double>(s.max, f);
  }
  s.mean /= double(v.size());
  for (float f : v) s.std += (f - s.mean) * (f - s.mean);
  s.std = std::sqrt(s.std / double(v.size()));
  return s;
}

NDArray filled(const gluon::Initializer& init, const Shape& shape,
               const std::string& name = "w_weight") {
  NDArray x = nd::zeros(shape);
  init.fill(name, x);
  return x;
}

}  // namespace

TEST_CASE("init Uniform defaults to scale 0.07 as MXNet", "[gluon][init]") {
  nd::random::seed(1);
  auto s = stats_of(filled(init::Uniform(), {200, 100}));
  CHECK(s.min >= -0.07);
  CHECK(s.max < 0.07);
  CHECK(s.min < -0.069);
  CHECK(s.max > 0.069);
  CHECK(std::abs(s.mean) < 0.002);
  CHECK(s.std == Approx(0.07 / std::sqrt(3.0)).epsilon(0.02));  // uniform std
  auto t = stats_of(filled(init::Uniform(0.5f), {100, 100}));
  CHECK(t.max < 0.5);
  CHECK(t.max > 0.49);
}

TEST_CASE("init Normal has the asked standard deviation", "[gluon][init]") {
  nd::random::seed(2);
  auto s = stats_of(filled(init::Normal(), {200, 100}));
  CHECK(std::abs(s.mean) < 0.0005);
  CHECK(s.std == Approx(0.01).epsilon(0.03));
  auto t = stats_of(filled(init::Normal(2.0f), {200, 100}));
  CHECK(t.std == Approx(2.0).epsilon(0.03));
}

TEST_CASE("init Constant Zero and One fill every element", "[gluon][init]") {
  check_values(filled(init::Constant(0.5f), {2, 2}), {0.5f, 0.5f, 0.5f, 0.5f}, {2, 2});
  check_values(filled(init::One(), {3}), {1, 1, 1}, {3});
  check_values(filled(init::Zero(), {3}, "x"), {0, 0, 0}, {3});
}

TEST_CASE("init Xavier bound uses the average of fan_in and fan_out", "[gluon][init]") {
  nd::random::seed(3);
  // (out, in) = (64, 192): bound sqrt(3 / 128).
  double bound = std::sqrt(3.0 / 128.0);
  auto s = stats_of(filled(init::Xavier(), {64, 192}));
  CHECK(s.max < bound);
  CHECK(s.min >= -bound);
  CHECK(s.max > 0.98 * bound);
  CHECK(s.std == Approx(bound / std::sqrt(3.0)).epsilon(0.03));
  // A convolution kernel (8, 4, 3, 3): fans 36 and 72.
  auto c = stats_of(filled(init::Xavier(), {8, 4, 3, 3}));
  CHECK(c.max < std::sqrt(3.0 / 54.0));
  CHECK_THROWS_WITH(filled(init::Xavier(), {5}),
                    Catch::Contains("w_weight") && Catch::Contains("2 axes"));
}

TEST_CASE("initializers give biases zeros and gammas ones by name", "[gluon][init]") {
  check_values(filled(init::Constant(3), {2}, "dense0_bias"), {0, 0}, {2});
  check_values(filled(init::Normal(1), {2}, "batchnorm0_gamma"), {1, 1}, {2});
  check_values(filled(init::Constant(3), {2}, "dense0_weight"), {3, 3}, {2});
}

TEST_CASE("a user subclass of Initializer initializes a network", "[gluon][init]") {
  // Weights 0, 1, 2, ... make the fill easy to check.
  struct Arange : gluon::Initializer {
    void init_weight(const std::string&, NDArray& w) const override {
      w.assign(nd::arange(double(w.size())).reshape(w.shape()));
    }
  };
  nn::Dense layer({.units = 2, .in_units = 3});
  layer.initialize(Arange());
  check_values(layer.weight.data(), {0, 1, 2, 3, 4, 5}, {2, 3});
  check_values(layer.bias.data(), {0, 0}, {2});
}

TEST_CASE("a seed repeats an initialization", "[gluon][init]") {
  nd::random::seed(42);
  auto a = filled(init::Uniform(), {5}).to_vector();
  nd::random::seed(42);
  auto b = filled(init::Uniform(), {5}).to_vector();
  CHECK(a == b);
}
