// The check of halving_conv: a 5x5 kernel, 14x14 outputs from 28x28 inputs, and
// 28x28 from 56x56.
#include "halving_conv.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

int main() {
  return exercise::run(
      "halving_conv", "05_cnn/padding_and_strides/halving_conv.cpp",
      [](exercise::Checks& check) {
        nn::Conv2D conv = halving_conv(4);
        const auto& o = conv.options();
        check.that(o.kernel_size.h == 5 && o.kernel_size.w == 5,
                   "the kernel is 5x5 (got " + std::to_string(o.kernel_size.h) + "x" +
                       std::to_string(o.kernel_size.w) + ")",
                   "the exercise fixes the kernel; choose padding and stride");
        conv.initialize();
        NDArray Y = conv(nd::random::uniform(0, 1, {2, 3, 28, 28}));
        check.that(Y.shape() == Shape{2, 4, 14, 14},
                   "a (2, 3, 28, 28) batch becomes (2, 4, 14, 14) (got " +
                       shape_str(Y.shape()) + ")",
                   "the output side is floor((28 - 5 + 2p + s) / s); with p = 0 or "
                   "stride 1 it cannot reach 14 exactly");
        NDArray Z = conv(nd::random::uniform(0, 1, {1, 3, 56, 56}));
        check.that(Z.shape() == Shape{1, 4, 28, 28},
                   "a (1, 3, 56, 56) batch becomes (1, 4, 28, 28): the layer halves "
                   "(got " +
                       shape_str(Z.shape()) + ")",
                   "an answer tuned to 28 alone (a large stride with some padding) "
                   "does not halve other sizes; padding that keeps the size, then "
                   "stride 2, does");
      });
}
