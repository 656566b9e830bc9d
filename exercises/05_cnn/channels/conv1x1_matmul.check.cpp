// The check of conv1x1_matmul: on non-square random inputs against
// nd::convolution, and against nn::Conv2D with its weight set to K.
#include "conv1x1_matmul.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

int main() {
  return exercise::run(
      "conv1x1_matmul", "05_cnn/channels/conv1x1_matmul.cpp",
      [](exercise::Checks& check) {
        auto X = nd::random::uniform(0, 1, {3, 2, 5});
        auto K = nd::random::uniform(0, 1, {4, 3, 1, 1});
        NDArray Y = conv1x1_matmul(X, K);
        auto lib =
            nd::convolution(X.reshape({1, 3, 2, 5}), K, NDArray(), {}).reshape({4, 2, 5});
        check.close(Y, lib,
                    "X (3, 2, 5), K (4, 3, 1, 1): the output (4, 2, 5) is that of "
                    "nd::convolution",
                    "flatten X to (c_i, h * w) and reshape the product to (c_o, h, w), "
                    "h before w; transposing somewhere only shows when h != w");

        nn::Conv2D conv({.channels = 2, .kernel_size = 1, .use_bias = false});
        conv.initialize();
        auto X2 = nd::random::normal(0, 1, {3, 6, 4});
        auto K2 = nd::random::normal(0, 1, {2, 3, 1, 1});
        conv(X2.reshape({1, 3, 6, 4}));  // infers in_channels
        conv.weight.set_data(K2);
        auto Y2 = conv(X2.reshape({1, 3, 6, 4})).reshape({2, 6, 4});
        check.close(conv1x1_matmul(X2, K2), Y2,
                    "X (3, 6, 4), K (2, 3, 1, 1): it agrees with nn::Conv2D(2 channels, "
                    "kernel 1, no bias) whose weight is K",
                    "weight[o, i] multiplies input channel i for output channel o");
      });
}
