// Dense and Dropout: values by hand, deferred initialization, flatten,
// activations, gradients through the fused op, dropout scaling and rates.
#include <catch2/catch.hpp>
#include <cmath>

#include "d2l/gluon.hpp"
#include "gradcheck.hpp"

using namespace d2l;
using Args = std::vector<NDArray>;

TEST_CASE("Dense computes x W^T + b with MXNet's weight layout", "[gluon][dense]") {
  nn::Dense layer({.units = 2, .in_units = 3});
  layer.initialize();
  CHECK(layer.weight.shape() == Shape{2, 3});
  layer.weight.set_data(NDArray{{1, 2, 3}, {-1, 0, 1}});
  layer.bias.set_data(NDArray{0.5f, -4});
  NDArray x{{1, 1, 1}, {2, 0, -1}};
  check_values(layer(x), {6.5f, -4, -0.5f, -7}, {2, 2});
  nn::Dense relu({.units = 2, .activation = "relu", .in_units = 3});
  relu.initialize();
  relu.weight.set_data(layer.weight.data());
  relu.bias.set_data(layer.bias.data());
  check_values(relu(x), {6.5f, 0, 0, 0}, {2, 2});
  nn::Dense nobias({.units = 2, .use_bias = false, .in_units = 3});
  CHECK_FALSE(nobias.bias.defined());
  CHECK(nobias.collect_params().size() == 1);
}

TEST_CASE("Dense infers in_units at the first forward", "[gluon][dense]") {
  gluon::NameManager names;
  nn::Dense layer(4, "relu");
  layer.initialize(init::Normal(0.5f));
  CHECK(layer.weight.shape() == Shape{4, 0});
  CHECK_THROWS_WITH(layer.weight.data(), Catch::Contains("dense0_weight") &&
                                             Catch::Contains("deferred") &&
                                             Catch::Contains("in_units"));
  check_values(layer.bias.data(), {0, 0, 0, 0}, {4});  // biases start at zero
  // Flatten: (2, 3, 5) is seen as (2, 15).
  NDArray y = layer(nd::ones({2, 3, 5}));
  CHECK(y.shape() == Shape{2, 4});
  CHECK(layer.weight.shape() == Shape{4, 15});
  CHECK(layer.weight.data().shape() == Shape{4, 15});
  CHECK_THROWS_WITH(layer(nd::ones({2, 7})),
                    Catch::Contains("15 input features") && Catch::Contains("(2, 7)"));
  nn::Dense uninit(3);
  CHECK_THROWS_WITH(uninit(nd::ones({1, 2})),
                    Catch::Contains("dense1_weight") && Catch::Contains("initialize()"));
}

TEST_CASE("Dense without flatten maps the last axis", "[gluon][dense]") {
  nn::Dense layer({.units = 2, .flatten = false});
  layer.initialize(init::One());
  NDArray y = layer(nd::ones({4, 3, 5}));
  CHECK(y.shape() == Shape{4, 3, 2});
  CHECK(layer.weight.shape() == Shape{2, 5});
  check_flat(y.max(), {5});
}

TEST_CASE("Dense activations and gradients match the unfused ops", "[gluon][dense]") {
  for (std::string act : {"", "relu", "sigmoid", "tanh"}) {
    INFO("activation '" << act << "'");
    nn::Dense layer({.units = 3, .activation = act, .in_units = 4});
    nd::random::seed(5);
    layer.initialize(init::Uniform(1));
    NDArray x = test::uniform_input({2, 4}, -1, 1);
    NDArray w = layer.weight.data(), b = layer.bias.data();
    NDArray z = nd::dot(x, w, false, true) + b;
    NDArray want = act == "relu"      ? nd::relu(z)
                   : act == "sigmoid" ? nd::sigmoid(z)
                   : act == "tanh"    ? nd::tanh(z)
                                      : z;
    check_values(layer(x), want.to_vector(), {2, 3});
    // The input gradient against finite differences ...
    check_gradients([&](const Args& in) { return layer(in[0]); }, {x});
    // ... and x, W, b gradients against the unfused ops' (checked elsewhere).
    NDArray r = test::uniform_input({2, 3}, 0.5f, 1.5f, 11);
    NDArray xf = x.copy(), wu = w.copy(), bu = b.copy(), xu = x.copy();
    for (NDArray* a : {&xf, &wu, &bu, &xu}) a->attach_grad();
    NDArray fused, unfused;
    {
      autograd::record rec;
      fused = (layer(xf) * r).sum();
      NDArray zu = nd::dot(xu, wu, false, true) + bu;
      NDArray yu = act == "relu"      ? nd::relu(zu)
                   : act == "sigmoid" ? nd::sigmoid(zu)
                   : act == "tanh"    ? nd::tanh(zu)
                                      : zu;
      unfused = (yu * r).sum();
    }
    autograd::backward({fused, unfused});
    check_values(layer.weight.grad(), wu.grad().to_vector(), {3, 4});
    check_values(layer.bias.grad(), bu.grad().to_vector(), {3});
    check_values(xf.grad(), xu.grad().to_vector(), {2, 4});
  }
  CHECK_THROWS_WITH(nn::Dense(3, "softmax"),
                    Catch::Contains("softmax") && Catch::Contains("relu"));
  CHECK_THROWS_WITH(nn::Dense(0), Catch::Contains("units"));
}

TEST_CASE("Dropout keeps about 1 - rate and scales by 1 over 1 - rate",
          "[gluon][dropout]") {
  nn::Dropout drop(0.2f);
  NDArray x = nd::ones({100, 100});
  // Prediction mode (outside record): the input passes through unchanged.
  CHECK(drop(x).storage_id() == x.storage_id());
  nd::random::seed(9);
  NDArray y;
  {
    autograd::record rec;  // training mode
    y = drop(x);
  }
  auto v = y.to_vector();
  int kept = 0, wrong_scale = 0;
  for (float f : v) {
    kept += f != 0;
    wrong_scale += f != 0 && std::abs(f - 1.25f) > 1e-6f;
  }
  CHECK(wrong_scale == 0);
  CHECK(kept / 10000.0 == Approx(0.8).margin(0.02));
  // Training without recording also drops; predict_mode inside record does not.
  {
    autograd::train_mode train;
    CHECK(drop(x).sum().asscalar() < 10000 * 0.99);
  }
  {
    autograd::record rec;
    autograd::predict_mode predict;
    check_values(drop(NDArray{1, 2}), {1, 2}, {2});
  }
}

TEST_CASE("Dropout gradient is the same mask and rates 0 and 1", "[gluon][dropout]") {
  nn::Dropout drop(0.5f);
  NDArray x = nd::ones({50});
  x.attach_grad();
  NDArray y;
  {
    autograd::record rec;
    y = drop(x);
  }
  y.backward();
  check_values(x.grad(), y.to_vector(), {50});  // dy/dx = mask, and y = mask here
  {
    autograd::record rec;
    check_values(nn::Dropout(0)(NDArray{1, 2}), {1, 2}, {2});
    check_values(nn::Dropout(1)(NDArray{1, 2}), {0, 0}, {2});
  }
  CHECK_THROWS_WITH(nn::Dropout(1.5f), Catch::Contains("[0, 1]"));
}
