// The check of tanh_from_sigmoid: hand values, then nd::tanh on the section's
// grid from -8 to 8.
#include "tanh_from_sigmoid.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

int main() {
  return exercise::run(
      "tanh_from_sigmoid", "03_multilayer_perceptrons/mlp/tanh_from_sigmoid.cpp",
      [](exercise::Checks& check) {
        check.close(tanh_from_sigmoid(NDArray{0, 1, -1}),
                    NDArray{0.0f, 0.761594f, -0.761594f},
                    "tanh(0) = 0 and tanh(+-1) = +-0.7616",
                    "tanh(x) = 2 sigmoid(2x) - 1: the argument is doubled as well as the "
                    "result (2 sigmoid(x) - 1 is tanh(x / 2))");
        NDArray x = nd::arange(-8.0, 8.0, 0.1);
        NDArray got = tanh_from_sigmoid(x);
        check.close(got, nd::tanh(x), "on the grid -8, -7.9, ..., 7.9 it equals nd::tanh",
                    "shape and values must match nd::tanh(x) elementwise", 1e-5f);
        check.that(got.min().asscalar() >= -1 && got.max().asscalar() <= 1,
                   "every value lies in [-1, 1]",
                   "2 sigmoid(2x) - 1 maps (0, 1) onto (-1, 1)");
      });
}
