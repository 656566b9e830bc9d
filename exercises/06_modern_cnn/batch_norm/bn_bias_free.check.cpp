// The check of bn_bias_free: batch_norm_train against nd::batch_norm in
// training mode on (N, C) and (N, C, H, W) inputs, and its output unchanged
// when a different bias is added to each channel.
#include "bn_bias_free.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

int main() {
  return exercise::run(
      "bn_bias_free", "06_modern_cnn/batch_norm/bn_bias_free.cpp",
      [](exercise::Checks& check) {
        auto reference = [](const NDArray& X, const NDArray& gamma, const NDArray& beta) {
          const int64_t C = X.shape()[1];
          autograd::train_mode training;  // batch statistics
          return nd::batch_norm(X, gamma, beta, nd::zeros({C}), nd::ones({C}));
        };
        auto X2 = nd::random::normal(3, 2, {8, 4});
        auto g2 = nd::random::uniform(0.5, 2, {4}), b2 = nd::random::normal(0, 1, {4});
        check.close(batch_norm_train(X2, g2, b2), reference(X2, g2, b2),
                    "on X (8, 4) it gives nd::batch_norm in training mode",
                    "statistics per column, over the 8 examples (axis 0); the variance "
                    "is the biased one (divide by N), and eps goes under the root",
                    1e-4f);
        auto X4 = nd::random::normal(-1, 3, {4, 3, 5, 6});
        auto g4 = nd::random::uniform(0.5, 2, {3}), b4 = nd::random::normal(0, 1, {3});
        NDArray Y4 = batch_norm_train(X4, g4, b4);
        check.close(Y4, reference(X4, g4, b4),
                    "on X (4, 3, 5, 6) it gives nd::batch_norm in training mode",
                    "one mean and one variance per channel, over axes 0, 2 and 3 "
                    "(examples and pixels); gamma and beta reshaped to (1, C, 1, 1)",
                    1e-4f);

        // A convolution's bias adds the same number to every pixel of a channel.
        NDArray bias = NDArray{5, -2, 0.5}.reshape({1, 3, 1, 1});
        check.close(batch_norm_train(X4 + bias, g4, b4), Y4,
                    "adding a bias (5, -2, 0.5) to the three channels before the "
                    "normalization changes nothing",
                    "the bias shifts the channel's mean by the same amount, and x - mean "
                    "cancels it; it fails when the mean is not taken per channel",
                    1e-4f);
      });
}
