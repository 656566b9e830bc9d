// Block and Sequential: names with per-class counters, collect_params,
// initialize, user-defined blocks, indexing, iteration and printing.
#include <catch2/catch.hpp>
#include <memory>
#include <sstream>

#include "d2l/gluon.hpp"
#include "gradcheck.hpp"

using namespace d2l;

namespace {

// The book's MLP as a Block subclass.
class MLP : public gluon::Block {
 public:
  MLP() {
    hidden_ = register_child(std::make_shared<nn::Dense>(4, "relu"), "hidden");
    output_ = register_child(std::make_shared<nn::Dense>(2), "output");
  }
  NDArray forward(const NDArray& x) override { return (*output_)((*hidden_)(x)); }

 private:
  std::shared_ptr<nn::Dense> hidden_, output_;
};

// A layer with its own parameter: y = x * scale.
class Scale : public gluon::Block {
 public:
  explicit Scale(int64_t n) { scale = register_parameter("scale", {n}); }
  NDArray forward(const NDArray& x) override { return x * scale.data(); }
  gluon::Parameter scale;
};

}  // namespace

TEST_CASE("Blocks are named by class with per-class counters", "[gluon][block]") {
  gluon::NameManager names;
  nn::Sequential net;
  net.add(nn::Dense(3, "relu")).add(nn::Dense(1));
  CHECK(net.collect_params().keys() ==
        std::vector<std::string>{"dense0_weight", "dense0_bias", "dense1_weight",
                                 "dense1_bias"});
  CHECK(net.prefix() == "sequential0_");
  nn::Dropout drop(0.5f);
  CHECK(drop.prefix() == "dropout0_");
  Scale s(2);
  CHECK(s.scale.name() == "scale0_scale");
  {
    gluon::NameManager inner;
    CHECK(nn::Dense(1).weight.name() == "dense0_weight");
  }
  CHECK(nn::Dense(1).weight.name() == "dense2_weight");  // counters came back
}

TEST_CASE("A block class defined inside a function is named by its own name",
          "[gluon][block]") {
  // The book's pages define their blocks inside main(), next to their use.
  class LocalMLP : public gluon::Block {
   public:
    LocalMLP() { out = register_child(std::make_shared<nn::Dense>(2), "out"); }
    NDArray forward(const NDArray& x) override { return (*out)(x); }
    std::shared_ptr<nn::Dense> out;
  };
  gluon::NameManager names;
  LocalMLP net;
  CHECK(net.class_name() == "LocalMLP");
  CHECK(net.prefix() == "localmlp0_");
  CHECK_THAT(net.repr(), Catch::StartsWith("LocalMLP("));
}

TEST_CASE("collect_params selects by regex over children", "[gluon][block]") {
  gluon::NameManager names;
  nn::Sequential net;
  net.add(MLP()).add(nn::Dense(1));
  CHECK(net.collect_params().size() == 6);
  CHECK(net.collect_params(".*weight").keys() ==
        std::vector<std::string>{"dense0_weight", "dense1_weight", "dense2_weight"});
  CHECK(net.collect_params("dense0_.*").size() == 2);
  CHECK(net[0].params().empty());  // MLP owns no parameter itself
  CHECK(net.at<nn::Dense>(1).params().size() == 2);
  // The dict holds the layer's own parameters (handles), not copies.
  net.initialize(init::One());
  CHECK(net.collect_params()["dense2_weight"] == net.at<nn::Dense>(1).weight);
}

TEST_CASE("Sequential with a user Block runs forward with deferred shapes",
          "[gluon][block]") {
  gluon::NameManager names;
  nn::Sequential net;
  auto scale = std::make_shared<Scale>(3);
  net.add(scale);  // shared: net and the caller hold one block
  net.add(MLP());
  net.initialize(init::Constant(0.5f));
  NDArray x{{1, 2, 3}};
  NDArray y = net(x);
  CHECK(y.shape() == Shape{1, 2});
  // scale: 0.5 x = (0.5, 1, 1.5); hidden: relu(sum * 0.5) = 1.5 each of 4;
  // output: 4 * 1.5 * 0.5 = 3.
  check_values(y, {3, 3}, {1, 2});
  CHECK(&net[0] == scale.get());
  CHECK(net.size() == 2);
  int n = 0;
  for (const auto& layer : net) n += layer->collect_params().size() > 0;
  CHECK(n == 2);
  CHECK_THROWS_WITH(net[2], Catch::Contains("index 2") && Catch::Contains("2 blocks"));
  CHECK_THROWS_WITH(net.at<nn::Dense>(0), Catch::Contains("Scale"));
  // Gradients flow through the user's block and the fused Dense ops.
  check_gradients([&](const std::vector<NDArray>& in) { return net(in[0]); },
                  {NDArray{{1, -2, 3}, {0.5f, 1, -1}}});
  NDArray loss;
  {
    autograd::record rec;
    loss = net(x).sum();
  }
  loss.backward();
  // d/dscale_j of the output sum: 2 outputs * 4 hidden * 0.5 * 0.5 * x_j.
  check_values(scale->scale.grad(), {2, 4, 6}, {3});
}

TEST_CASE("Blocks print their structure as Gluon does", "[gluon][block]") {
  gluon::NameManager names;
  nn::Sequential net;
  net.add(nn::Dense(256, "relu"));
  net.add(nn::Dropout(0.5f));
  net.add(nn::Dense({.units = 10, .in_units = 256}));
  net.add(MLP());
  std::ostringstream os;
  os << net;
  CHECK(os.str() ==
        "Sequential(\n"
        "  (0): Dense(None -> 256, Activation(relu))\n"
        "  (1): Dropout(p = 0.5, axes=())\n"
        "  (2): Dense(256 -> 10, linear)\n"
        "  (3): MLP(\n"
        "    (hidden): Dense(None -> 4, Activation(relu))\n"
        "    (output): Dense(None -> 2, linear)\n"
        "  )\n"
        ")");
  net.initialize();
  net(nd::ones({2, 7}));
  CHECK(net[0].repr() == "Dense(7 -> 256, Activation(relu))");
  std::ostringstream ps;
  ps << net.collect_params("dense0_.*");
  CHECK(ps.str() ==
        "sequential0_ (\n"
        "  Parameter dense0_weight (shape=(256, 7), dtype=float32)\n"
        "  Parameter dense0_bias (shape=(256,), dtype=float32)\n"
        ")");
}
