// nn::Activation and the activation lookup that Dense and Conv2D share: values
// against hand-computed ones, gradients against finite differences, softrelu's
// stability, and errors for unknown names that list the known ones.
#include <catch2/catch.hpp>
#include <cmath>
#include <exception>
#include <functional>
#include <string>
#include <vector>

#include "d2l/d2l.hpp"
#include "gradcheck.hpp"

using namespace d2l;
using Args = std::vector<NDArray>;

namespace {

// No element within the finite-difference step of relu's kink at 0.
NDArray away_from_zero() { return NDArray{{-1.5f, -0.7f, 0.3f}, {0.9f, 2, -0.2f}}; }

}  // namespace

TEST_CASE("nn::Activation computes relu, sigmoid, tanh and softrelu", "[activation]") {
  NDArray x{-2, -0.5f, 0, 1};
  check_values(nn::Activation("relu")(x), {0, 0, 0, 1}, {4});
  check_values(nn::Activation("sigmoid")(x),
               {0.11920292f, 0.37754067f, 0.5f, 0.73105858f}, {4});
  check_values(nn::Activation("tanh")(x), {-0.96402758f, -0.46211716f, 0, 0.76159416f},
               {4});
  // log(1 + e^x): log(1 + e^-2), log(1 + e^-0.5), log 2, log(1 + e).
  check_values(nn::Activation("softrelu")(x),
               {0.12692801f, 0.47407698f, 0.69314718f, 1.31326169f}, {4});
  // Stable at both ends: x for large x (exp(x) alone overflows float at 89), and
  // e^x, which rounds to 0, for very negative x.
  NDArray far{100, -100, 30};
  check_values(nn::Activation("softrelu")(far), {100, 0, 30}, {3}, 1e-6f);
  CHECK(nn::Activation("relu").repr() == "Activation(relu)");
  CHECK(nn::Activation("softrelu").act_type() == "softrelu");
  CHECK(nn::Activation("tanh")(nd::ones({2, 3, 4})).shape() == Shape{2, 3, 4});
}

TEST_CASE("nn::Activation's gradients match finite differences", "[activation][grad]") {
  for (std::string name : {"relu", "sigmoid", "tanh", "softrelu"}) {
    INFO("activation " << name);
    nn::Activation act(name);
    check_gradients([&](const Args& a) { return act(a[0]); }, {away_from_zero()});
  }
  // softrelu's gradient is sigmoid(x), also where exp(x) alone would overflow.
  NDArray far{100, -100};
  far.attach_grad();
  NDArray y;
  {
    autograd::record rec;
    y = nd::softrelu(far);
  }
  y.backward();
  check_values(far.grad(), {1, 0}, {2}, 1e-6f);
}

TEST_CASE("one activation lookup: names, and errors that list the known ones",
          "[activation]") {
  using nn::ActivationType;
  CHECK(nn::activation_type("", "op") == ActivationType::none);
  CHECK(nn::activation_type("relu", "op") == ActivationType::relu);
  CHECK(nn::activation_type("sigmoid", "op") == ActivationType::sigmoid);
  CHECK(nn::activation_type("tanh", "op") == ActivationType::tanh);
  CHECK(nn::activation_type("softrelu", "op") == ActivationType::softrelu);
  // The message names the layer, the bad name and every known name.
  auto check_message = [](const std::function<void()>& make, const std::string& op) {
    std::string message;
    try {
      make();
    } catch (const std::exception& e) {
      message = e.what();
    }
    INFO("message: " << message);
    CHECK(message.find(op) != std::string::npos);
    for (const char* part :
         {"'gelu'", "\"relu\"", "\"sigmoid\"", "\"tanh\"", "\"softrelu\""}) {
      CHECK(message.find(part) != std::string::npos);
    }
  };
  check_message([] { nn::Activation("gelu"); }, "nn::Activation");
  check_message([] { nn::Dense(3, "gelu"); }, "nn::Dense");
  check_message([] { nn::Dense(3).activation("gelu"); }, "nn::Dense");
  check_message([] { nn::Conv2D(2, 3, "gelu"); }, "nn::Conv2D");
  check_message([] { nn::Conv2D(2, 3).activation("gelu"); }, "nn::Conv2D");
  CHECK_THROWS_WITH(nn::Activation(""), Catch::Contains("nn::Activation") &&
                                            Catch::Contains("needs an activation name"));
}

TEST_CASE("Dense and Conv2D apply softrelu as nn::Activation does",
          "[activation][gluon]") {
  nd::random::seed(2);
  nn::Dense dense({.units = 3, .activation = "softrelu", .in_units = 4});
  dense.initialize(init::Uniform(1));
  NDArray x = test::uniform_input({2, 4}, -1, 1, 3);
  NDArray z = nd::dot(x, dense.weight.data(), false, true) + dense.bias.data();
  check_values(dense(x), nn::Activation("softrelu")(z).to_vector(), {2, 3});
  check_gradients([&](const Args& a) { return dense(a[0]); }, {x});
  CHECK(dense.repr() == "Dense(4 -> 3, Activation(softrelu))");

  nn::Conv2D conv({.channels = 2, .kernel_size = 2, .activation = "softrelu"});
  nn::Conv2D plain({.channels = 2, .kernel_size = 2});
  conv.initialize(init::Uniform(1));
  plain.initialize();
  NDArray img = test::uniform_input({1, 2, 3, 3}, -1, 1, 4);
  NDArray y = conv(img);
  plain.weight.set_data(conv.weight.data());
  plain.bias.set_data(conv.bias.data());
  check_values(y, nd::softrelu(plain(img)).to_vector(), {1, 2, 2, 2});
  check_gradients([&](const Args& a) { return conv(a[0]); }, {img});
}
