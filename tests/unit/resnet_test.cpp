// book::Residual and book::resnet18: the shapes a residual block keeps or
// changes, its output against the same computation written with nd:: ops, its
// input gradient against finite differences, and ResNet-18's stages.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "d2l/d2l.hpp"
#include "gradcheck.hpp"

using namespace d2l;
using Args = std::vector<NDArray>;

namespace {

// A convolution of the block, with its own weight and bias, by nd::convolution.
NDArray conv_of(const nn::Conv2D& layer, const NDArray& x) {
  const auto& o = layer.options();
  return nd::convolution(x, layer.weight.data(), layer.bias.data(),
                         {.stride = o.strides, .pad = o.padding});
}

}  // namespace

TEST_CASE("Residual keeps the shape, or halves it through its 1x1 convolution",
          "[resnet][gluon]") {
  NDArray X = test::uniform_input({4, 3, 6, 6}, -1, 1);
  book::Residual same(3);
  same.initialize();
  CHECK(same(X).shape() == Shape{4, 3, 6, 6});
  CHECK(same.conv3 == nullptr);
  CHECK(same.collect_params().size() == 2 * 2 + 2 * 4);  // two convs, two BatchNorms

  book::Residual halving(6, /*use_1x1conv=*/true, /*strides=*/2);
  halving.initialize();
  CHECK(halving(X).shape() == Shape{4, 6, 3, 3});
  REQUIRE(halving.conv3 != nullptr);
  CHECK(halving.conv3->weight.shape() == Shape{6, 3, 1, 1});
  CHECK(halving.collect_params().size() == 3 * 2 + 2 * 4);

  // Without the 1x1 convolution the sum needs the input's shape.
  book::Residual wrong(6);
  wrong.initialize();
  CHECK_THROWS_WITH(wrong(X),
                    Catch::Contains("(4, 6, 6, 6)") && Catch::Contains("(4, 3, 6, 6)"));
}

TEST_CASE("Residual computes relu(bn2(conv2(relu(bn1(conv1 X)))) + shortcut X)",
          "[resnet][gluon]") {
  // In prediction mode a fresh BatchNorm divides by sqrt(1 + eps) (running
  // mean 0, variance 1, gamma 1, beta 0), so the block is easy to write out.
  const float bn = 1.0f / std::sqrt(1.0f + 1e-5f);
  NDArray X = test::uniform_input({2, 3, 5, 5}, -1, 1, 3);
  for (bool use_1x1conv : {false, true}) {
    INFO("use_1x1conv " << use_1x1conv);
    book::Residual blk(use_1x1conv ? 4 : 3, use_1x1conv, use_1x1conv ? 2 : 1);
    blk.initialize(init::Xavier());
    NDArray got = blk(X);  // outside record: prediction mode
    NDArray Y = nd::relu(conv_of(*blk.conv1, X) * bn);
    Y = conv_of(*blk.conv2, Y) * bn;
    NDArray shortcut = use_1x1conv ? conv_of(*blk.conv3, X) : X;
    test::check_flat(got, nd::relu(Y + shortcut).to_vector(), 1e-5f);
  }
}

TEST_CASE("Residual's input gradient matches finite differences", "[resnet][grad]") {
  for (bool use_1x1conv : {false, true}) {
    INFO("use_1x1conv " << use_1x1conv);
    book::Residual blk(use_1x1conv ? 4 : 2, use_1x1conv, use_1x1conv ? 2 : 1);
    blk.initialize(init::Xavier());
    // Training mode in both passes: batch statistics, also for the finite
    // differences (which run outside record).
    check_gradients(
        [&](const Args& a) {
          autograd::train_mode training;
          return blk(a[0]);
        },
        {test::uniform_input({3, 2, 4, 4}, -1, 1, 5)});
  }
}

TEST_CASE("resnet18: four stages that halve the maps and double the channels",
          "[resnet][gluon]") {
  nn::Sequential net = book::resnet18(10);
  REQUIRE(net.size() == 4 + 4 + 2);  // stem, stages, pooling and dense
  net.initialize(init::Xavier());
  NDArray X = nd::random::uniform(0, 1, {2, 1, 96, 96});
  const Shape expected[] = {{2, 64, 48, 48}, {2, 64, 48, 48}, {2, 64, 48, 48},
                            {2, 64, 24, 24}, {2, 64, 24, 24}, {2, 128, 12, 12},
                            {2, 256, 6, 6},  {2, 512, 3, 3},  {2, 512, 1, 1},
                            {2, 10}};
  for (size_t i = 0; i < net.size(); ++i) {
    X = net[i](X);
    CHECK(shape_str(X.shape()) == shape_str(expected[i]));
  }
  // Stages 2-4 open with a 1x1-shortcut block; stage 1 and every second block
  // have none.
  for (size_t stage = 4; stage < 8; ++stage) {
    auto& first = net[stage].at<book::Residual>(0);
    CHECK((first.conv3 != nullptr) == (stage != 4));
    CHECK(net[stage].at<book::Residual>(1).conv3 == nullptr);
  }
}
