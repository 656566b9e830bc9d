// Trainer: one SGD step equals the formula (rescale, weight decay, momentum),
// different weight decay for weights and biases, frozen parameters, options.
#include <catch2/catch.hpp>
#include <iostream>
#include <sstream>

#include "d2l/gluon.hpp"
#include "gradcheck.hpp"

using namespace d2l;

namespace {

// A parameter with value w whose gradient is g after one backward.
gluon::Parameter param_with_grad(const std::string& name, const NDArray& w,
                                 const NDArray& g) {
  gluon::Parameter p(name, w.shape());
  p.set_data(w);
  NDArray loss;
  {
    autograd::record rec;
    loss = (p.data() * g).sum();  // d loss / d w = g
  }
  loss.backward();
  return p;
}

}  // namespace

TEST_CASE("Trainer sgd step is w minus lr times the mean gradient", "[gluon][trainer]") {
  auto p = param_with_grad("a_weight", NDArray{1, 2}, NDArray{4, -8});
  gluon::ParameterDict d;
  d.add(p);
  gluon::Trainer trainer(d, "sgd", {.learning_rate = 0.5f});
  NDArray w = p.data();
  const void* storage = w.storage_id();
  trainer.step(/*batch_size=*/4);
  check_values(p.data(), {1 - 0.5f * 1, 2 + 0.5f * 2}, {2});
  CHECK(p.data().storage_id() == storage);  // updated in place
  check_values(p.grad(), {4, -8}, {2});     // the gradient is left alone
  trainer.set_learning_rate(0.25f);
  CHECK(trainer.learning_rate() == 0.25f);
  trainer.step(4);
  check_values(p.data(), {0.5f - 0.25f, 3 + 0.25f * 2}, {2});
}

TEST_CASE("Trainer weight decay and momentum follow MXNet's sgd", "[gluon][trainer]") {
  const float lr = 0.1f, wd = 0.01f, mom = 0.9f;
  auto p = param_with_grad("b_weight", NDArray{1, -2}, NDArray{2, 6});
  gluon::ParameterDict d;
  d.add(p);
  gluon::Trainer trainer(d, "sgd", {.learning_rate = lr, .wd = wd, .momentum = mom});
  std::vector<float> w{1, -2}, v{0, 0}, g{2, 6};
  for (int step = 0; step < 3; ++step) {
    trainer.step(2);
    for (int i = 0; i < 2; ++i) {
      v[i] = mom * v[i] - lr * (g[i] / 2 + wd * w[i]);
      w[i] += v[i];
    }
    check_values(p.data(), w, {2});
  }
  // Plain SGD with weight decay: w = w - lr (g / n + wd w).
  auto q = param_with_grad("c_weight", NDArray{3}, NDArray{1});
  gluon::ParameterDict dq;
  dq.add(q);
  gluon::Trainer(dq, "sgd", {.learning_rate = lr, .wd = 0.5f}).step(1);
  check_values(q.data(), {3 - lr * (1 + 0.5f * 3)}, {1});
}

TEST_CASE("Two Trainers give weights and biases different weight decay",
          "[gluon][trainer]") {
  gluon::NameManager names;
  nn::Dense layer({.units = 1, .in_units = 2});
  layer.initialize(init::One());
  layer.bias.set_data(NDArray{1});
  NDArray loss;
  {
    autograd::record rec;
    loss = layer(NDArray{{1, 1}}).sum();
  }
  loss.backward();  // every gradient is 1
  gluon::Trainer tw(layer.collect_params(".*weight"), "sgd",
                    {.learning_rate = 0.1f, .wd = 1.0f});
  gluon::Trainer tb(layer.collect_params(".*bias"), "sgd", {.learning_rate = 0.1f});
  CHECK(tw.params().size() == 1);
  tw.step(1);
  tb.step(1);
  check_values(layer.weight.data(), {1 - 0.1f * (1 + 1), 0.8f}, {1, 2});
  check_values(layer.bias.data(), {1 - 0.1f}, {1});
  // The same with one Trainer and a per-parameter multiplier.
  layer.weight.set_data(NDArray{{1, 1}});
  layer.bias.set_data(NDArray{1});
  layer.bias.set_wd_mult(0);
  gluon::Trainer both(layer.collect_params(), "sgd", {.learning_rate = 0.1f, .wd = 1});
  both.step(1);
  check_values(layer.weight.data(), {0.8f, 0.8f}, {1, 2});
  check_values(layer.bias.data(), {0.9f}, {1});
}

TEST_CASE("Trainer skips parameters with grad_req null", "[gluon][trainer]") {
  auto frozen = param_with_grad("f_weight", NDArray{1}, NDArray{1});
  auto live = param_with_grad("l_weight", NDArray{1}, NDArray{1});
  frozen.set_grad_req(GradReq::null);
  gluon::ParameterDict d;
  d.add(frozen);
  d.add(live);
  gluon::Trainer trainer(d, "sgd", {.learning_rate = 1});
  trainer.step(1);
  check_values(frozen.data(), {1}, {1});
  check_values(live.data(), {0}, {1});
  // A frozen layer in a network gets no gradient at all.
  nn::Dense layer({.units = 1, .in_units = 1});
  layer.initialize(init::One());
  layer.collect_params().set_grad_req(GradReq::null);
  layer.bias.set_grad_req(GradReq::write);
  NDArray loss;
  {
    autograd::record rec;
    loss = layer(NDArray({2}, {1, 1})).sum();
  }
  loss.backward();
  gluon::Trainer(layer.collect_params(), "sgd", {.learning_rate = 1}).step(1);
  check_values(layer.weight.data(), {1}, {1, 1});
  check_values(layer.bias.data(), {-1}, {1});
}

TEST_CASE("Trainer rejects unknown optimizers and bad options", "[gluon][trainer]") {
  gluon::ParameterDict d;
  CHECK_THROWS_WITH(gluon::Trainer(d, "adam"),
                    Catch::Contains("adam") && Catch::Contains("sgd"));
  CHECK_THROWS_WITH(gluon::Trainer(d, "sgd", {.momentum = 1}),
                    Catch::Contains("momentum"));
  gluon::Trainer t(d, "sgd");
  CHECK(t.learning_rate() == Approx(0.01f));
  CHECK_THROWS_WITH(t.step(0), Catch::Contains("batch_size"));
  gluon::Parameter p("u_weight", {2});
  gluon::ParameterDict du;
  du.add(p);
  CHECK_THROWS_WITH(gluon::Trainer(du, "sgd").step(1), Catch::Contains("u_weight"));
}

TEST_CASE("Trainer warns once about a gradient no backward refreshed",
          "[gluon][trainer]") {
  auto p = param_with_grad("stale_weight", NDArray{1, 2}, NDArray{1, 1});
  gluon::ParameterDict d;
  d.add(p);
  gluon::Trainer trainer(d, "sgd", {.learning_rate = 0.1f});
  std::ostringstream err;
  std::streambuf* original = std::cerr.rdbuf(err.rdbuf());
  trainer.step(1);
  {
    NDArray loss;
    {
      autograd::record rec;
      loss = (p.data() * 2).sum();
    }
    loss.backward();  // a fresh gradient: no warning
  }
  trainer.step(1);
  const std::string after_fresh = err.str();
  trainer.step(1);  // nothing ran backward since
  trainer.step(1);
  std::cerr.rdbuf(original);
  CHECK(after_fresh.empty());
  CHECK_THAT(err.str(), Catch::Contains("stale_weight") &&
                            Catch::Contains("has not changed since the last step"));
  // Once per parameter, not at every step.
  CHECK(err.str().find("stale_weight") == err.str().rfind("stale_weight"));
}
