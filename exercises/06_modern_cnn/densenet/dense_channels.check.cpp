// The check of dense_channels: the predicted shapes against the section's
// DenseBlock and transition layer, built here and run on zero inputs, and the
// 248 channels the section's DenseNet has before its global pooling.
#include "dense_channels.hpp"

#include <memory>
#include <string>

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

namespace {
// The section's DenseBlock: each convolution block's output is concatenated
// to everything before it.
class DenseBlock : public gluon::Block {
 public:
  DenseBlock(int num_convs, int64_t num_channels) {
    net = register_child(std::make_shared<nn::Sequential>(), "net");
    for (int i = 0; i < num_convs; ++i) {
      nn::Sequential blk;
      blk.add(nn::BatchNorm(), nn::Activation("relu"),
              nn::Conv2D(num_channels, 3, /*strides=*/1, /*padding=*/1));
      net->add(blk);
    }
  }
  NDArray forward(const NDArray& input) override {
    NDArray X = input;
    for (const auto& blk : *net) X = nd::concat({X, (*blk)(X)}, /*dim=*/1);
    return X;
  }

 private:
  std::shared_ptr<nn::Sequential> net;
};

Shape chw_of(const NDArray& X) { return {X.shape()[1], X.shape()[2], X.shape()[3]}; }
}  // namespace

int main() {
  return exercise::run(
      "dense_channels", "06_modern_cnn/densenet/dense_channels.cpp",
      [](exercise::Checks& check) {
        struct Case {
          Shape chw;
          int num_convs;
          int64_t growth;
        };
        for (const Case& c :
             {Case{{3, 8, 8}, 2, 10}, Case{{5, 9, 7}, 3, 4}, Case{{64, 6, 6}, 4, 32}}) {
          DenseBlock blk(c.num_convs, c.growth);
          blk.initialize();
          NDArray Y = blk(nd::zeros({1, c.chw[0], c.chw[1], c.chw[2]}));
          const std::string at = "DenseBlock(" + std::to_string(c.num_convs) + ", " +
                                 std::to_string(c.growth) + ") on " + shape_str(c.chw);
          const Shape got = dense_block_shape(c.chw, c.num_convs, c.growth);
          check.that(
              got == chw_of(Y),
              at + ": the block gives " + shape_str(chw_of(Y)) + ", you predicted " +
                  shape_str(got),
              "the input's channels are kept (concatenated), and each of the num_convs "
              "blocks adds growth_rate more; height and width do not change");

          nn::Sequential trans;  // the section's transition_block(c / 2)
          trans.add(nn::BatchNorm(), nn::Activation("relu"),
                    nn::Conv2D(chw_of(Y)[0] / 2, 1), nn::AvgPool2D(2, 2));
          trans.initialize();
          NDArray Z = trans(Y);
          const Shape got_t = transition_shape(chw_of(Y));
          check.that(
              got_t == chw_of(Z),
              "transition layer on " + shape_str(chw_of(Y)) + ": the layer gives " +
                  shape_str(chw_of(Z)) + ", you predicted " + shape_str(got_t),
              "the channels are halved and so are height and width, all rounding down "
              "(9 -> 4)");
        }
        // The section's DenseNet: 64 channels, four dense blocks of 4 convolutions with
        // growth rate 32, a transition after each but the last: 192 -> 96, 224 -> 112,
        // 240 -> 120, 248.
        Shape s{64, 24, 24};
        for (int i = 0; i < 4; ++i) {
          s = dense_block_shape(s, 4, 32);
          if (i != 3) s = transition_shape(s);
        }
        check.that(
            s.size() == 3 && s[0] == 248,
            "the section's DenseNet has 248 channels before its global pooling; your "
            "formulas give " +
                shape_str(s),
            "chain your two functions: dense block, transition, ..., dense block");
      });
}
