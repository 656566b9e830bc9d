// What a learner writes from the MXNet book at the Gluon level must compile
// and do what MXNet does: positional and named layer options (in any order),
// net.add(a, b, c), net[0].weight(), params.get(name, shape), and errors that
// are std::runtime_errors saying what to do. This file is compiled with
// -Wall -Wextra -Werror=missing-field-initializers (tests/CMakeLists.txt): the
// documented designated-initializer spellings below must not warn.
#include <catch2/catch.hpp>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "d2l/error.hpp"
#include "d2l/gluon.hpp"
#include "gradcheck.hpp"

using namespace d2l;
using Catch::Contains;

namespace {

std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "no error";
}

std::vector<std::string> keys_of(const gluon::Block& net) {
  return net.collect_params().keys();
}

// The book's NestMLP and FancyMLP (model construction), registered properly.
class NestMLP : public gluon::Block {
 public:
  NestMLP() {
    net_ = register_child(std::make_shared<nn::Sequential>(), "net");
    net_->add(nn::Dense(8, "relu"), nn::Dense(6, "relu"));
    dense_ = register_child(std::make_shared<nn::Dense>(4, "relu"), "dense");
  }
  NDArray forward(const NDArray& x) override { return (*dense_)((*net_)(x)); }

 private:
  std::shared_ptr<nn::Sequential> net_;
  std::shared_ptr<nn::Dense> dense_;
};

class FancyMLP : public gluon::Block {
 public:
  FancyMLP() {
    rand_weight_ = register_constant("rand_weight", nd::random::uniform(0, 1, {4, 4}));
    // Its dense_ runs twice, so its input must have 4 features too.
    dense_ = register_child(std::make_shared<nn::Dense>(4, "relu"), "dense");
  }
  NDArray forward(const NDArray& x) override {
    return (*dense_)(nd::relu(nd::dot((*dense_)(x), rand_weight_.data()) + 1));
  }

 private:
  gluon::Parameter rand_weight_;
  std::shared_ptr<nn::Dense> dense_;
};

// The book's MyDense (custom layers), with MXNet's `self.params.get`.
class MyDense : public gluon::Block {
 public:
  MyDense(int64_t units, int64_t in_units) {
    weight_ = params().get("weight", {in_units, units});
    bias_ = params().get("bias", {units});
  }
  NDArray forward(const NDArray& x) override {
    return nd::relu(nd::dot(x, weight_.data()) + bias_.data());
  }

 private:
  gluon::Parameter weight_, bias_;
};

// A learner's mistake: the Dense is a plain member, never registered.
class ForgetfulMLP : public gluon::Block {
 public:
  explicit ForgetfulMLP(bool call_forward_directly = false)
      : direct_(call_forward_directly) {
    hidden_ = register_child(std::make_shared<nn::Dense>(4, "relu"), "hidden");
  }
  NDArray forward(const NDArray& x) override {
    NDArray h = (*hidden_)(x);
    return direct_ ? output_.forward(h) : output_(h);
  }

 private:
  bool direct_;
  std::shared_ptr<nn::Dense> hidden_;
  nn::Dense output_{2};
};

// The same mistake with a std::shared_ptr member made without register_child.
class ForgetfulPointer : public gluon::Block {
 public:
  ForgetfulPointer() : output_(std::make_shared<nn::Dense>(2)) {}
  NDArray forward(const NDArray& x) override { return output_->forward(x); }

 private:
  std::shared_ptr<nn::Dense> output_;
};

}  // namespace

// ---- layers: positional forms ------------------------------------------------

TEST_CASE("Conv2D takes MXNet's positional arguments", "[gluon][mxnet]") {
  nn::Conv2D plain(6, 5);  // nn.Conv2D(6, 5)
  CHECK(plain.options().channels == 6);
  CHECK(plain.options().kernel_size == Pair2(5, 5));
  CHECK(plain.options().strides == Pair2(1));
  CHECK(plain.options().padding == Pair2(0));
  CHECK(plain.options().activation.empty());
  CHECK(plain.weight.shape() == Shape{6, 0, 5, 5});

  // nn.Conv2D(2, 3, 2, 1, activation='relu'): strides 2, padding 1.
  nn::Conv2D conv(2, 3, /*strides=*/2, /*padding=*/1, "relu");
  CHECK(conv.options().strides == Pair2(2));
  CHECK(conv.options().padding == Pair2(1));
  CHECK(conv.options().activation == "relu");
  conv.initialize(init::Constant(1));
  // (8 + 2 - 3) / 2 + 1 = 4; every window of ones sums to 9 inside, less at
  // the padded border, and the bias is 0.
  NDArray y = conv(nd::ones({1, 1, 8, 8}));
  REQUIRE(y.shape() == Shape{1, 2, 4, 4});
  CHECK(y[{0, 0, 0, 0}].get().asscalar() == 4);  // corner: 2 x 2 of the window
  CHECK(y[{0, 1, 1, 1}].get().asscalar() == 9);

  nn::Conv2D lenet(6, 5, "sigmoid");  // nn.Conv2D(6, 5, activation='sigmoid')
  CHECK(lenet.options().activation == "sigmoid");
  CHECK(lenet.options().strides == Pair2(1));
  nn::Conv2D alexnet(96, 11, /*strides=*/4, "relu");  // AlexNet's first layer
  CHECK(alexnet.options().strides == Pair2(4));
  CHECK(alexnet.options().padding == Pair2(0));
  CHECK(alexnet.options().activation == "relu");
  alexnet.initialize();
  CHECK(alexnet(nd::ones({1, 1, 224, 224})).shape() == Shape{1, 96, 54, 54});
  // A 0 is a size, never an activation name.
  nn::Conv2D zero_padding(4, {3, 2}, 1, 0);
  CHECK(zero_padding.options().kernel_size == Pair2(3, 2));
  CHECK(zero_padding.options().padding == Pair2(0));
}

TEST_CASE("MaxPool2D and AvgPool2D take MXNet's positional arguments", "[gluon][mxnet]") {
  NDArray X = nd::arange(16).reshape({1, 1, 4, 4});
  check_values(nn::MaxPool2D(2)(X), {5, 7, 13, 15}, {1, 1, 2, 2});  // strides = size
  check_values(nn::MaxPool2D(2, 1)(X), {5, 6, 7, 9, 10, 11, 13, 14, 15}, {1, 1, 3, 3});
  // nn.MaxPool2D(3, 2, 1) on 4x4: (4 + 2 - 3) / 2 + 1 = 2.
  nn::MaxPool2D padded(3, 2, 1);
  CHECK(padded.options().pool_size == Pair2(3));
  CHECK(padded.options().strides == Pair2(2));
  CHECK(padded.options().padding == Pair2(1));
  check_values(padded(X), {5, 7, 13, 15}, {1, 1, 2, 2});
  check_values(nn::AvgPool2D(2, 2)(X), {2.5f, 4.5f, 10.5f, 12.5f}, {1, 1, 2, 2});
  // A (2, 1) window: Pair2{2, 1} (a bare {2, 1} could also be the options).
  CHECK(nn::AvgPool2D(Pair2{2, 1}).options().pool_size == Pair2(2, 1));
  CHECK(nn::AvgPool2D({2, 1}, 1).options().pool_size == Pair2(2, 1));
}

// ---- layers: named options in any order --------------------------------------

TEST_CASE("Layer options by name take any order", "[gluon][mxnet]") {
  // nn.Conv2D(6, kernel_size=5, padding=2, strides=1) and the other order.
  auto a = nn::Conv2D(6, 5).padding(2).strides(1);
  auto b = nn::Conv2D(6, 5).strides(1).padding(2);
  CHECK(a.options().padding == b.options().padding);
  CHECK(a.options().strides == b.options().strides);
  CHECK(a.options().padding == Pair2(2));
  a.initialize();
  CHECK(a(nd::ones({1, 1, 28, 28})).shape() == Shape{1, 6, 28, 28});

  auto c = nn::Conv2D(4, 3)
               .activation("sigmoid")
               .dilation(2)
               .strides(2)
               .padding({1, 0})
               .in_channels(3)
               .use_bias(false);
  CHECK(c.options().dilation == Pair2(2));
  CHECK(c.weight.shape() == Shape{4, 3, 3, 3});
  CHECK_FALSE(c.bias.defined());
  CHECK(c.params().size() == 1);
  c.initialize();
  NDArray y = c(nd::ones({1, 3, 9, 9}));
  // (9 + 2 - 5) / 2 + 1 = 4 rows, (9 - 5) / 2 + 1 = 3 columns.
  CHECK(y.shape() == Shape{1, 4, 4, 3});
  CHECK(y.min().asscalar() > 0);  // sigmoid
  CHECK(y.max().asscalar() < 1);

  // On a variable the setters change it in place.
  nn::Conv2D d(2, 3);
  d.padding(1).activation("relu");
  CHECK(d.options().padding == Pair2(1));
  CHECK(d.repr() ==
        "Conv2D(None -> 2, kernel_size=(3, 3), stride=(1, 1), "
        "padding=(1, 1), Activation(relu))");

  // Pooling: nn.MaxPool2D(pool_size=3, padding=1, strides=2).
  auto pool = nn::MaxPool2D(3).padding(1).strides(2);
  CHECK(pool.options().strides == Pair2(2));
  CHECK(pool.options().padding == Pair2(1));
  CHECK(pool(nd::ones({1, 1, 4, 4})).shape() == Shape{1, 1, 2, 2});
  // Padding first, then the window that allows it.
  auto late = nn::AvgPool2D().padding(2).pool_size(5).strides(1);
  CHECK(late(nd::ones({1, 1, 4, 4})).shape() == Shape{1, 1, 4, 4});

  // Dense: nn.Dense(3, flatten=False, use_bias=False).
  auto dense = nn::Dense(3).flatten(false).use_bias(false).in_units(5);
  CHECK_FALSE(dense.bias.defined());
  CHECK(dense.weight.shape() == Shape{3, 5});
  dense.initialize(init::Constant(1));
  check_values(dense(nd::ones({2, 4, 5})), std::vector<float>(24, 5), {2, 4, 3});
  auto relu = nn::Dense(2).activation("relu");
  CHECK(relu.options().activation == "relu");
}

TEST_CASE("Layer options that change parameters come before initialization",
          "[gluon][mxnet][errors]") {
  gluon::NameManager names;
  nn::Conv2D conv(6, 5);
  conv.initialize();
  CHECK_THAT(message_of([&] { conv.use_bias(false); }),
             Contains("conv0_") && Contains("initialized") &&
                 Contains("nn::Conv2D(6, 5).use_bias(false)"));
  nn::Conv2D known(6, 5);
  known.in_channels(3);
  CHECK_THAT(message_of([&] { known.in_channels(4); }),
             Contains("3 input channels") && Contains("4"));
  CHECK_THAT(message_of([&] { nn::Conv2D(6, 5).strides(0); }),
             Contains("strides") && Contains("positive"));
  CHECK_THAT(message_of([&] { nn::Conv2D(6, 5).activation("gelu"); }),
             Contains("gelu") && Contains("relu"));
  CHECK_THAT(message_of([&] {
               nn::MaxPool2D(2).padding(2)(nd::ones({1, 1, 4, 4}));
             }),
             Contains("padding") && Contains("smaller than pool_size"));
  nn::Dense dense(3);
  dense.initialize();
  dense(nd::ones({1, 2}));
  CHECK_THAT(message_of([&] { dense.use_bias(false); }),
             Contains("nn::Dense(3).use_bias(false)"));
  CHECK_THAT(message_of([&] { dense.in_units(4); }), Contains("2 input features"));
}

TEST_CASE("The documented designated initializers compile without warnings",
          "[gluon][mxnet]") {
  // This file is built with -Werror=missing-field-initializers: each of these
  // leaves fields out, as the docs and chapters do.
  nn::Conv2D conv({.channels = 6, .kernel_size = 5});
  nn::Conv2D act({.channels = 6, .kernel_size = 5, .padding = 2, .activation = "relu"});
  nn::Conv2D nobias({.channels = 2, .kernel_size = 1, .use_bias = false});
  nn::Dense dense({.units = 10, .activation = "relu"});
  nn::Dense flat({.units = 8, .use_bias = false, .flatten = false});
  nn::Dense shared({.units = 10, .params = dense.params()});
  nn::MaxPool2D pool({.pool_size = 3, .strides = 2});
  nn::AvgPool2D avg({.pool_size = 2, .padding = 1});
  gluon::LoadParametersOptions load{.allow_missing = true};
  gluon::TrainerOptions sgd{.learning_rate = 0.1f, .momentum = 0.9f};
  CHECK(act.options().activation == "relu");
  CHECK(act.options().strides == Pair2(1));
  CHECK_FALSE(nobias.bias.defined());
  CHECK(flat.options().flatten == false);
  CHECK(shared.weight == dense.weight);
  CHECK(pool.options().padding == Pair2(0));
  CHECK(avg.options().strides == Pair2());
  CHECK(load.ignore_extra == false);
  CHECK(sgd.wd == 0);
}

// ---- containers --------------------------------------------------------------

TEST_CASE("net.add(a, b, c) adds several blocks, named left to right", "[gluon][mxnet]") {
  gluon::NameManager names;
  nn::Sequential net;
  net.add(nn::Dense(4, "relu"), nn::Dense(3), nn::Dense(2));
  REQUIRE(net.size() == 3);
  CHECK(net[0].weight().name() == "dense0_weight");
  CHECK(net[1].weight().name() == "dense1_weight");
  CHECK(net[2].bias().name() == "dense2_bias");
  CHECK(net.at<nn::Dense>(0).options().units == 4);
  CHECK(net.at<nn::Dense>(2).options().units == 2);
  CHECK(keys_of(net) == std::vector<std::string>{"dense0_weight", "dense0_bias",
                                                 "dense1_weight", "dense1_bias",
                                                 "dense2_weight", "dense2_bias"});
  CHECK(net.collect_params()["dense1_weight"] == net[1].weight());
  net.initialize();
  CHECK(net(nd::ones({5, 7})).shape() == Shape{5, 2});

  // Variables and shared pointers keep the names they were made with.
  auto kept = std::make_shared<nn::Dense>(5);  // dense3_
  nn::Dense variable(6);                       // dense4_
  nn::Sequential mixed;
  mixed.add(nn::Dense(1), kept, variable, nn::Dense(2));
  CHECK(mixed[0].weight().name() == "dense5_weight");
  CHECK(mixed[1].weight().name() == "dense3_weight");
  CHECK(mixed[2].weight().name() == "dense4_weight");
  CHECK(mixed[3].weight().name() == "dense6_weight");
  CHECK(&mixed[1] == kept.get());
}

TEST_CASE("net.add(a, b, c) names layers as chained add calls do", "[gluon][mxnet]") {
  std::vector<std::string> chained, one_call;
  {
    gluon::NameManager names;
    nn::Sequential net;
    net.add(nn::Conv2D(6, 5).padding(2).activation("sigmoid"))
        .add(nn::MaxPool2D(2, 2))
        .add(nn::Conv2D(16, 5, "sigmoid"))
        .add(nn::MaxPool2D(2, 2))
        .add(nn::Dense(120, "sigmoid"))
        .add(nn::Dense(84, "sigmoid"))
        .add(nn::Dense(10));
    chained = keys_of(net);
  }
  {
    gluon::NameManager names;
    nn::Sequential net;  // the book's LeNet in one call
    net.add(nn::Conv2D(6, 5).padding(2).activation("sigmoid"), nn::MaxPool2D(2, 2),
            nn::Conv2D(16, 5, "sigmoid"), nn::MaxPool2D(2, 2), nn::Dense(120, "sigmoid"),
            nn::Dense(84, "sigmoid"), nn::Dense(10));
    one_call = keys_of(net);
    CHECK(net[0].weight().name() == "conv0_weight");
    CHECK(net[2].weight().shape() == Shape{16, 0, 5, 5});
    net.initialize();
    CHECK(net(nd::ones({2, 1, 28, 28})).shape() == Shape{2, 10});
  }
  CHECK(one_call == chained);
  CHECK(one_call.front() == "conv0_weight");

  // Our own blocks with children of their own: the book's chimera.
  {
    gluon::NameManager names;
    nn::Sequential chimera;
    chimera.add(NestMLP()).add(nn::Dense(4)).add(FancyMLP());
    chained = keys_of(chimera);
  }
  {
    gluon::NameManager names;
    nn::Sequential chimera;
    chimera.add(NestMLP(), nn::Dense(4), FancyMLP());
    one_call = keys_of(chimera);
    chimera.initialize();
    CHECK(chimera(nd::ones({2, 3})).shape() == Shape{2, 4});
  }
  CHECK(one_call == chained);
  CHECK(one_call.front() == "dense0_weight");
  CHECK(one_call.size() == 11);  // 3 + 1 + 1 Dense (2 each), and the constant
}

TEST_CASE("net[i] reaches a layer's weight() and bias() without a cast",
          "[gluon][mxnet]") {
  gluon::NameManager names;
  nn::Sequential net;
  net.add(nn::Dense(3, "relu"), nn::Flatten(), nn::Dense(1).use_bias(false));
  net.initialize(init::Constant(0.5f));
  net(nd::ones({2, 4}));
  // MXNet: net[0].weight.data(), net[0].bias.data()
  check_values(net[0].weight().data(), std::vector<float>(12, 0.5f), {3, 4});
  check_values(net[0].bias().data(), {0, 0, 0}, {3});
  net[0].bias().set_data(NDArray{1, 2, 3});
  check_values(net.at<nn::Dense>(0).bias.data(), {1, 2, 3}, {3});
  // The same words on the layer's own type: its member, called.
  CHECK(net.at<nn::Dense>(0).weight() == net[0].weight());

  // Nested blocks chain, as the book's rgnet[0][1][0].bias.data().
  nn::Sequential outer;
  nn::Sequential inner;
  inner.add(nn::Dense(2), nn::Dense(2));
  outer.add(inner, nn::Dense(1));
  CHECK(outer[0][1].weight() == inner[1].weight());
  CHECK(outer[0][1].weight().name() == "dense3_weight");

  // A block without the parameter says what it has.
  CHECK_THAT(
      message_of([&] { net[1].weight(); }),
      Contains("Flatten") && Contains("no parameter 'weight'") && Contains("none"));
  CHECK_THAT(message_of([&] { net[2].bias(); }),
             Contains("(it has: weight)") && Contains("use_bias"));
  CHECK_THAT(message_of([&] { outer[0].weight(); }),
             Contains("2 child blocks") && Contains("net[0][0].weight()"));
  CHECK_THAT(message_of([&] { net[3]; }), Contains("out of range") && Contains("3"));
  CHECK_THAT(message_of([&] { net[0][0]; }), Contains("Dense has no child blocks"));
  CHECK_THAT(message_of([&] { net.at<nn::Dense>(1); }),
             Contains("is a Flatten, not a Dense") && Contains("at<Flatten>(1)"));
}

TEST_CASE("ParameterDict::get(name, shape) as MXNet's params.get", "[gluon][mxnet]") {
  gluon::ParameterDict params("mydense0_");
  // MXNet: params.get('weight', shape=(3, 4))
  gluon::Parameter w = params.get("weight", {3, 4});
  CHECK(w.name() == "mydense0_weight");
  CHECK(w.shape() == Shape{3, 4});
  CHECK(params.get("weight", {3, 4}) == w);  // the same one again
  CHECK(params.get("weight") == w);
  CHECK(params.size() == 1);
  gluon::Parameter later = params.get("later", {0, 4});
  params.get("later", {2, 0});  // fills in the unknown axis
  CHECK(later.shape() == Shape{2, 4});
  CHECK_THAT(message_of([&] {
               params.get("weight", {3, 5});
             }),
             Contains("mydense0_weight") && Contains("(3, 4)") && Contains("(3, 5)"));
  CHECK_THAT(message_of([&] { std::as_const(params).get("bias"); }),
             Contains("mydense0_bias") && Contains("get(\"bias\", {3, 4})"));

  // In a Block, params().get(...) creates the block's own parameters.
  gluon::NameManager names;
  MyDense layer(3, 5);
  CHECK(keys_of(layer) == std::vector<std::string>{"mydense0_weight", "mydense0_bias"});
  CHECK(layer.weight().shape() == Shape{5, 3});
  CHECK(layer.structural_params().size() == 2);
  CHECK(layer.structural_params()[0].first == "weight");
  layer.initialize(init::Constant(1));
  layer.bias().set_data(NDArray{0, -1, -10});
  check_values(layer(nd::ones({2, 5})), {5, 4, 0, 5, 4, 0}, {2, 3});
}

// ---- errors ------------------------------------------------------------------

TEST_CASE("Misuse errors are d2l::Error, a std::runtime_error",
          "[gluon][mxnet][errors]") {
  static_assert(std::is_base_of_v<std::runtime_error, d2l::Error>);
  CHECK_THROWS_AS(nd::dot(nd::ones({2, 3}), nd::ones({4, 5})), d2l::Error);
  CHECK_THROWS_AS(nd::ones({2, 3}) + nd::ones({4}), std::runtime_error);
  CHECK_THROWS_AS(nn::Dense(3, "gelu"), d2l::Error);
  CHECK_THROWS_AS(nn::Conv2D(0, 3), std::runtime_error);
  gluon::ParameterDict empty;
  CHECK_THROWS_AS(empty["dense0_weight"], d2l::Error);
  nn::Sequential net;
  net.add(nn::Dense(2));
  CHECK_THROWS_AS(net.load_parameters("/nonexistent/mlp.npz"), std::runtime_error);
}

TEST_CASE("A forward through an uninitialized network says to call initialize()",
          "[gluon][mxnet][errors]") {
  gluon::NameManager names;
  nn::Sequential net;
  net.add(nn::Dense(4, "relu"), nn::Dense(2));
  NDArray X = nd::ones({3, 5});
  CHECK_THROWS_AS(net(X), d2l::Error);
  const std::string m = message_of([&] { net(X); });
  CHECK_THAT(m, Contains("dense0_weight") && Contains("call initialize()") &&
                    Contains("net.initialize()"));
  CHECK_THAT(m, !Contains("register"));
  // A single layer, and a layer whose input size is known (no deferral).
  nn::Dense known({.units = 2, .in_units = 5});
  CHECK_THAT(message_of([&] { known(X); }), Contains("call initialize()"));
  CHECK_THAT(message_of([&] { known.weight.data(); }), Contains("call initialize()"));
  net.initialize();
  CHECK(net(X).shape() == Shape{3, 2});
}

TEST_CASE("An unregistered child layer says so, not 'call initialize()'",
          "[gluon][mxnet][errors]") {
  NDArray X = nd::ones({3, 5});
  for (bool direct : {false, true}) {
    INFO("the unregistered layer called as " << (direct ? "forward(x)" : "layer(x)"));
    ForgetfulMLP net(direct);
    net.initialize();  // the learner did call it
    CHECK_THROWS_AS(net(X), d2l::Error);
    const std::string m = message_of([&] { net(X); });
    CHECK_THAT(m, Contains("not registered") && Contains("ForgetfulMLP") &&
                      Contains("register_child(std::make_shared<nn::Dense>") &&
                      Contains("_weight"));
    CHECK_THAT(m, !Contains("call initialize()"));
  }
  // Inside a Sequential, and with a shared_ptr member made without registering.
  nn::Sequential outer;
  outer.add(nn::Dense(5), ForgetfulPointer());
  outer.initialize();
  const std::string m = message_of([&] { outer(X); });
  CHECK_THAT(m, Contains("not registered") && Contains("ForgetfulPointer"));
  CHECK_THAT(m, !Contains("call initialize()"));
  // Called as net.forward(X), nothing tells the two causes apart: both are named.
  ForgetfulMLP direct;
  direct.initialize();
  CHECK_THAT(message_of([&] { direct.forward(X); }), Contains("If you did") &&
                                                         Contains("not registered") &&
                                                         Contains("register_child"));
}
