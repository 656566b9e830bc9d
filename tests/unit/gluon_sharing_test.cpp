// Deep learning computation: a block added twice, constant parameters, shared
// parameters (one array, gradients summed), freezing with grad_req null,
// accumulating with grad_req add, custom initializers, custom layers trained
// with Trainer, and the error before deferred initialization.
#include <catch2/catch.hpp>
#include <sstream>

#include "d2l/d2l.hpp"

using namespace d2l;

namespace {

// y = x - mean(x): a layer without parameters.
class CenterLayer : public gluon::Block {
 public:
  NDArray forward(const NDArray& x) override { return x - x.mean(); }
};

// A dense layer with its own parameters: relu(x W + b), W (in, units).
class MyDense : public gluon::Block {
 public:
  MyDense(int64_t units, int64_t in_units) {
    weight = register_parameter("weight", {in_units, units});
    bias = register_parameter("bias", {units});
  }
  NDArray forward(const NDArray& x) override {
    return nd::relu(nd::dot(x, weight.data()) + bias.data());
  }
  gluon::Parameter weight, bias;
};

// A constant (never trained) weight and one layer used twice.
class FancyMLP : public gluon::Block {
 public:
  FancyMLP() {
    rand_weight = register_constant("rand_weight", nd::random::uniform(0, 1, {4, 4}));
    dense = register_child(std::make_shared<nn::Dense>(4, "relu"), "dense");
  }
  NDArray forward(const NDArray& x) override {
    NDArray h = (*dense)(x);
    h = nd::relu(nd::dot(h, rand_weight.data()) + 1);
    return (*dense)(h);
  }
  gluon::Parameter rand_weight;
  std::shared_ptr<nn::Dense> dense;
};

// Fills weights with 7 and counts its calls.
struct Sevens : gluon::Initializer {
  mutable int calls = 0;
  mutable std::vector<std::string> names;
  void init_weight(const std::string& name, NDArray& w) const override {
    ++calls;
    names.push_back(name);
    w.assign(7);
  }
};

}  // namespace

TEST_CASE("a block added twice is one block with one set of parameters",
          "[gluon][sharing]") {
  gluon::NameManager names;
  auto shared = std::make_shared<nn::Dense>(3, "relu");
  nn::Sequential net;
  net.add(nn::Dense(3, "relu")).add(shared).add(shared).add(nn::Dense(1));
  CHECK(net.size() == 4);
  CHECK(&net[1] == &net[2]);
  CHECK(net.collect_params().size() == 6);  // 3 Dense layers, not 4
  net.initialize(init::Normal(0.5f));
  NDArray y = net(nd::ones({2, 5}));
  CHECK(y.shape() == Shape{2, 1});
  CHECK(shared->weight.shape() == Shape{3, 3});
}

TEST_CASE("layers built with another's params() share one array and sum gradients",
          "[gluon][sharing]") {
  gluon::NameManager names;
  nn::Sequential net;
  auto first = std::make_shared<nn::Dense>(2);
  net.add(first);
  net.add(nn::Dense({.units = 2, .params = first->params()}));
  CHECK(net.collect_params().keys() ==
        std::vector<std::string>{"dense0_weight", "dense0_bias"});
  CHECK(net.at<nn::Dense>(1).weight == first->weight);
  net.initialize(init::Constant(0.5f));
  first->weight.set_data(NDArray{{1, 2}, {3, 4}});
  first->bias.set_data(NDArray{0.5f, -1});
  // The same values through either layer.
  CHECK(net.at<nn::Dense>(1).weight.data().to_vector() == std::vector<float>{1, 2, 3, 4});
  // y = W (W x + b) + b, so dy/dW sums the two uses: for W = [[1,2],[3,4]],
  // x = (1, 1): h = (3.5, 6); summing y, dL/dW = 1 h^T + W^T 1 x^T.
  NDArray x{{1, 1}};
  NDArray loss;
  {
    autograd::record rec;
    loss = net(x).sum();
  }
  loss.backward();
  // Second use: dL/dW[i][j] = h[j] = (3.5, 6) for each row i.
  // First use: dL/dh = W^T 1 = (4, 6); dL/dW[i][j] += dL/dh[i] * x[j].
  CHECK(first->weight.grad().to_vector() == std::vector<float>{7.5f, 10, 9.5f, 12});
  // Bias: 1 per output from the second use plus W^T 1 = (4, 6) from the first.
  CHECK(first->bias.grad().to_vector() == std::vector<float>{5, 7});
  // Sharing parameters of another shape is an error naming both shapes.
  nn::Dense other(3);
  CHECK_THROWS_WITH(nn::Dense({.units = 2, .params = other.params()}),
                    Catch::Contains("(3, 0)") && Catch::Contains("(2, 0)"));
}

TEST_CASE("a constant parameter is never trained, and a layer can be reused",
          "[gluon][sharing]") {
  gluon::NameManager names;
  FancyMLP net;
  CHECK(net.rand_weight.grad_req() == GradReq::null);
  net.initialize(init::Normal(0.1f));
  NDArray c0 = net.rand_weight.data().copy();
  CHECK(c0.min().asscalar() >= 0);  // uniform(0, 1), not Normal(0.1)
  gluon::Trainer trainer(net.collect_params(), "sgd", {.learning_rate = 0.5f});
  NDArray x = nd::random::normal(0, 1, {3, 4});
  net(x);  // the Dense layer learns its input size
  NDArray w0 = net.dense->weight.data().copy();
  NDArray loss;
  {
    autograd::record rec;
    loss = net(x).sum();
  }
  loss.backward();
  trainer.step(3);
  CHECK(net.rand_weight.data().to_vector() == c0.to_vector());
  CHECK(net.dense->weight.data().to_vector() != w0.to_vector());
  CHECK_THROWS_WITH(net.rand_weight.grad(), Catch::Contains("grad_req null"));
  // Re-initializing brings back the same constant.
  net.initialize(init::Zero(), /*force_reinit=*/true);
  CHECK(net.rand_weight.data().to_vector() == c0.to_vector());
  std::ostringstream os;
  os << net;
  CHECK(os.str() == "FancyMLP(\n  (dense): Dense(4 -> 4, Activation(relu))\n)");
}

TEST_CASE("grad_req null freezes a layer and add accumulates", "[gluon][sharing]") {
  gluon::NameManager names;
  nn::Sequential net;
  net.add(nn::Dense({.units = 3, .activation = "relu", .in_units = 2}))
      .add(nn::Dense({.units = 1, .in_units = 3}));
  net.initialize(init::Normal(0.5f));
  net[0].collect_params().set_grad_req(GradReq::null);
  gluon::Trainer trainer(net.collect_params(), "sgd", {.learning_rate = 0.1f});
  NDArray frozen = net.at<nn::Dense>(0).weight.data().copy();
  NDArray trained = net.at<nn::Dense>(1).weight.data().copy();
  auto step = [&] {
    NDArray loss;
    {
      autograd::record rec;
      loss = nd::square(net(NDArray{{1, -1}, {2, 0.5f}}) - 1.0f).sum();
    }
    loss.backward();
  };
  step();
  trainer.step(2);
  CHECK(net.at<nn::Dense>(0).weight.data().to_vector() == frozen.to_vector());
  CHECK(net.at<nn::Dense>(1).weight.data().to_vector() != trained.to_vector());

  // grad_req add: two backward calls give twice one.
  auto& out = net.at<nn::Dense>(1);
  step();
  std::vector<float> once = out.weight.grad().to_vector();
  out.weight.set_grad_req(GradReq::add);
  out.weight.zero_grad();
  step();
  step();
  std::vector<float> twice = out.weight.grad().to_vector();
  for (size_t i = 0; i < once.size(); ++i) CHECK(twice[i] == Approx(2 * once[i]));
}

TEST_CASE("a custom initializer runs when the shape is known", "[gluon][sharing]") {
  gluon::NameManager names;
  nn::Sequential net;
  net.add(nn::Dense(4)).add(nn::Dense({.units = 2, .in_units = 4}));
  auto sevens = std::make_shared<Sevens>();
  net.initialize(sevens, /*force_reinit=*/false);
  // Only the layer that knows its input size is filled now; biases use Zero.
  CHECK(sevens->names == std::vector<std::string>{"dense1_weight"});
  CHECK_THROWS_WITH(net.at<nn::Dense>(0).weight.data(),
                    Catch::Contains("deferred") && Catch::Contains("in_units"));
  net(nd::ones({1, 3}));
  CHECK(sevens->names == std::vector<std::string>{"dense1_weight", "dense0_weight"});
  CHECK(net.at<nn::Dense>(0).weight.data().min().asscalar() == 7);
  CHECK(net.at<nn::Dense>(0).bias.data().max().asscalar() == 0);
  // Per-parameter initialization with force_reinit.
  net.at<nn::Dense>(0).weight.initialize(init::Constant(2), /*force_reinit=*/true);
  CHECK(net.at<nn::Dense>(0).weight.data().max().asscalar() == 2);
  CHECK(net.at<nn::Dense>(1).weight.data().max().asscalar() == 7);
}

TEST_CASE("custom layers work inside Sequential and train with Trainer",
          "[gluon][sharing]") {
  gluon::NameManager names;
  CenterLayer center;
  NDArray c = center(NDArray{1, 2, 3, 4, 5});
  CHECK(c.to_vector() == std::vector<float>{-2, -1, 0, 1, 2});
  CHECK(center.collect_params().empty());

  nn::Sequential net;
  net.add(MyDense(8, 4)).add(CenterLayer()).add(nn::Dense(1));
  CHECK(net.collect_params().keys() ==
        std::vector<std::string>{"mydense0_weight", "mydense0_bias", "dense0_weight",
                                 "dense0_bias"});
  net.initialize(init::Normal(0.3f));
  NDArray x = nd::random::normal(0, 1, {16, 4});
  NDArray y = nd::dot(x, NDArray({1, -2, 0.5f, 3}, {4, 1}));
  gluon::Trainer trainer(net.collect_params(), "sgd", {.learning_rate = 0.05f});
  gluon::loss::L2Loss l2;
  auto loss_now = [&] { return l2(net(x), y).mean().asscalar(); };
  const float before = loss_now();
  for (int epoch = 0; epoch < 50; ++epoch) {
    NDArray l;
    {
      autograd::record rec;
      l = l2(net(x), y);
    }
    l.backward();
    trainer.step(16);
  }
  CHECK(loss_now() < 0.5f * before);
  std::ostringstream os;
  os << net;
  CHECK(os.str() ==
        "Sequential(\n  (0): MyDense()\n  (1): CenterLayer()\n"
        "  (2): Dense(8 -> 1, linear)\n)");
}
