// Conv2D, MaxPool2D, AvgPool2D, GlobalAvgPool2D and Flatten: names, printing,
// deferred in_channels, shapes, values, and a LeNet-shaped network end to end.
#include <catch2/catch.hpp>
#include <sstream>

#include "d2l/gluon.hpp"
#include "gradcheck.hpp"

using namespace d2l;

TEST_CASE("Conv2D names its parameters as Gluon and prints as MXNet", "[gluon][conv]") {
  gluon::NameManager names;
  nn::Conv2D conv({.channels = 6, .kernel_size = 5, .activation = "sigmoid"});
  CHECK(conv.weight.name() == "conv0_weight");
  CHECK(conv.bias.name() == "conv0_bias");
  CHECK(conv.weight.shape() == Shape{6, 0, 5, 5});
  CHECK(conv.repr() ==
        "Conv2D(None -> 6, kernel_size=(5, 5), stride=(1, 1), "
        "Activation(sigmoid))");
  conv.initialize();
  NDArray y = conv(nd::ones({2, 1, 28, 28}));
  CHECK(y.shape() == Shape{2, 6, 24, 24});
  CHECK(conv.weight.shape() == Shape{6, 1, 5, 5});
  CHECK(conv.repr() ==
        "Conv2D(1 -> 6, kernel_size=(5, 5), stride=(1, 1), "
        "Activation(sigmoid))");
  nn::Conv2D other({.channels = 16,
                    .kernel_size = {3, 2},
                    .strides = 2,
                    .padding = {1, 0},
                    .dilation = 2,
                    .use_bias = false,
                    .in_channels = 6});
  CHECK(other.weight.name() == "conv1_weight");
  CHECK_FALSE(other.bias.defined());
  CHECK(other.repr() ==
        "Conv2D(6 -> 16, kernel_size=(3, 2), stride=(2, 2), "
        "padding=(1, 0), dilation=(2, 2), bias=False)");
}

TEST_CASE("Conv2D computes the convolution plus bias and activation", "[gluon][conv]") {
  nn::Conv2D conv({.channels = 1, .kernel_size = 2, .activation = "relu"});
  conv.initialize();
  NDArray X = nd::arange(9).reshape({1, 1, 3, 3});
  conv(X);  // infers in_channels = 1
  conv.weight.set_data(NDArray{{0, 1}, {2, 3}}.reshape({1, 1, 2, 2}));
  conv.bias.set_data(NDArray{-30});
  check_values(conv(X), {0, 0, 7, 13}, {1, 1, 2, 2});
  // Padding and strides change the output shape as the book's formula says.
  nn::Conv2D padded(
      {.channels = 1, .kernel_size = {5, 3}, .strides = {3, 4}, .padding = {0, 1}});
  padded.initialize();
  CHECK(padded(nd::ones({1, 1, 8, 8})).shape() == Shape{1, 1, 2, 2});
}

TEST_CASE("Conv2D learns a 1x2 edge kernel by gradient descent", "[gluon][conv]") {
  // The book's exercise: recover K = [1, -1] from X and Y = corr2d(X, K).
  NDArray X = nd::ones({1, 1, 6, 8});
  X[{all, all, all, slice(2, 6)}] = 0;
  NDArray Y = nd::convolution(X, NDArray{{1, -1}}.reshape({1, 1, 1, 2}), NDArray(), {});
  nn::Conv2D conv({.channels = 1, .kernel_size = {1, 2}, .use_bias = false});
  conv.initialize();
  for (int i = 0; i < 10; ++i) {
    NDArray l;
    {
      autograd::record rec;
      l = nd::square(conv(X) - Y).sum();
    }
    l.backward();
    conv.weight.data() -= 3e-2f * conv.weight.grad();
  }
  check_flat(conv.weight.data(), {1, -1}, 0.1f);
}

TEST_CASE("Conv2D errors name the layer and the shapes", "[gluon][conv]") {
  gluon::NameManager names;
  nn::Conv2D conv({.channels = 4, .kernel_size = 3, .in_channels = 3});
  conv.initialize();
  CHECK_THROWS_WITH(conv(nd::ones({2, 2, 8, 8})),
                    Catch::Contains("conv0_") && Catch::Contains("3 input channels") &&
                        Catch::Contains("(2, 2, 8, 8)"));
  CHECK_THROWS_WITH(conv(nd::ones({2, 8, 8})), Catch::Contains("(2, 8, 8)"));
  CHECK_THROWS_WITH(nn::Conv2D({.channels = 4}), Catch::Contains("kernel_size"));
  CHECK_THROWS_WITH(nn::Conv2D({.channels = 4, .kernel_size = 3, .activation = "gelu"}),
                    Catch::Contains("gelu"));
}

TEST_CASE("Pooling layers pool and print as MXNet", "[gluon][pool]") {
  NDArray X = nd::arange(16).reshape({1, 1, 4, 4});
  nn::MaxPool2D pool3({.pool_size = 3});
  check_values(pool3(X), {10}, {1, 1, 1, 1});
  nn::MaxPool2D padded({.pool_size = 3, .strides = 2, .padding = 1});
  check_values(padded(X), {5, 7, 13, 15}, {1, 1, 2, 2});
  nn::MaxPool2D uneven({.pool_size = {2, 3}, .strides = {2, 3}, .padding = {1, 2}});
  CHECK(uneven(X).shape() == Shape{1, 1, 3, 2});
  nn::AvgPool2D avg;
  check_values(avg(X), {2.5f, 4.5f, 10.5f, 12.5f}, {1, 1, 2, 2});
  nn::GlobalAvgPool2D global;
  check_values(global(nd::concat({X, X + 1}, 1)), {7.5f, 8.5f}, {1, 2, 1, 1});
  CHECK(nn::MaxPool2D().repr() ==
        "MaxPool2D(size=(2, 2), stride=(2, 2), padding=(0, 0), ceil_mode=False, "
        "global_pool=False, pool_type=max, layout=NCHW)");
  CHECK(padded.repr() ==
        "MaxPool2D(size=(3, 3), stride=(2, 2), padding=(1, 1), ceil_mode=False, "
        "global_pool=False, pool_type=max, layout=NCHW)");
  CHECK(avg.repr().rfind("AvgPool2D(size=(2, 2), stride=(2, 2)", 0) == 0);
  CHECK(global.repr() ==
        "GlobalAvgPool2D(size=(1, 1), stride=(1, 1), padding=(0, 0), ceil_mode=True, "
        "global_pool=True, pool_type=avg, layout=NCHW)");
  CHECK_THROWS_WITH(nn::MaxPool2D({.pool_size = 2, .padding = 2}),
                    Catch::Contains("MaxPool2D") && Catch::Contains("padding"));
}

TEST_CASE("Flatten keeps the batch axis", "[gluon]") {
  nn::Flatten flat;
  NDArray x = nd::arange(24).reshape({2, 3, 2, 2});
  NDArray y = flat(x);
  CHECK(y.shape() == Shape{2, 12});
  check_flat(y[{1}], {12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23});
  CHECK(flat(nd::zeros({0, 3, 2})).shape() == Shape{0, 6});
  CHECK(flat.repr() == "Flatten");
}

TEST_CASE("A LeNet-shaped network trains through conv and pooling", "[gluon][conv]") {
  gluon::NameManager names;
  nn::Sequential net;
  net.add(nn::Conv2D(
              {.channels = 6, .kernel_size = 5, .padding = 2, .activation = "sigmoid"}))
      .add(nn::MaxPool2D({.pool_size = 2, .strides = 2}))
      .add(nn::Conv2D({.channels = 16, .kernel_size = 5, .activation = "sigmoid"}))
      .add(nn::AvgPool2D())
      .add(nn::Flatten())
      .add(nn::Dense(10));
  net.initialize(init::Xavier());
  NDArray x = test::uniform_input({3, 1, 28, 28}, 0, 1);
  NDArray y = net(x);
  CHECK(y.shape() == Shape{3, 10});
  std::ostringstream os;
  os << net;
  CHECK_THAT(os.str(), Catch::Contains("(0): Conv2D(1 -> 6, kernel_size=(5, 5), "
                                       "stride=(1, 1), padding=(2, 2), "
                                       "Activation(sigmoid))"));
  CHECK_THAT(os.str(), Catch::Contains("(4): Flatten"));
  auto params = net.collect_params();
  CHECK(params.contains("conv1_weight"));
  CHECK(params["conv1_weight"].shape() == Shape{16, 6, 5, 5});
  CHECK(params["dense0_weight"].shape() == Shape{10, 16 * 5 * 5});
  // One gradient step on a fixed target lowers the loss.
  NDArray labels{1, 4, 7};
  auto loss = [&] { return nd::softmax_cross_entropy(net(x), labels).mean(); };
  float before = loss().asscalar();
  for (int step = 0; step < 5; ++step) {
    NDArray l;
    {
      autograd::record rec;
      l = loss();
    }
    l.backward();
    for (auto& p : params) p.data() -= 0.5f * p.grad();
  }
  CHECK(loss().asscalar() < before);
}
