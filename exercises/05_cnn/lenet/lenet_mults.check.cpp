// The check of lenet_mults: the counts per layer against values worked out by
// hand for 28x28 images (the section's Fashion-MNIST) and 32x32 ones (the
// original LeNet's).
#include "lenet_mults.hpp"

#include <string>

#include "check.hpp"
#include "d2l/d2l.hpp"

int main() {
  return exercise::run(
      "lenet_mults", "05_cnn/lenet/lenet_mults.cpp", [](exercise::Checks& check) {
        const char* names[] = {"conv1", "conv2", "dense1", "dense2", "dense3"};
        const char* hints[] = {
            "6 output channels of 24 x 24 pixels (28 - 5 + 1), each pixel 1 * 5 * 5 "
            "products",
            "16 output channels of 8 x 8 pixels (12 - 5 + 1 after the first pooling), "
            "each "
            "pixel 6 * 5 * 5 products: every input channel counts",
            "the 16 maps of 4 x 4 (after the second pooling) are flattened into 256 "
            "inputs, "
            "each multiplied by 120 weights",
            "120 inputs times 84 units", "84 inputs times 10 units"};
        struct Case {
          int64_t side;
          std::vector<int64_t> expected;
        };
        // 28: 28 -conv-> 24 -pool-> 12 -conv-> 8 -pool-> 4, 16 * 4 * 4 = 256 inputs
        // 32: 32 -conv-> 28 -pool-> 14 -conv-> 10 -pool-> 5, 16 * 5 * 5 = 400 inputs
        for (const Case& c : {Case{28, {86400, 153600, 30720, 10080, 840}},
                              Case{32, {117600, 240000, 48000, 10080, 840}}}) {
          const std::string at = std::to_string(c.side) + "x" + std::to_string(c.side);
          auto got = lenet_mults(c.side);
          check.that(got.size() == 5,
                     "one count per layer (5) for " + at + " images; got " +
                         std::to_string(got.size()),
                     "return {conv1, conv2, dense1, dense2, dense3}; pooling layers are "
                     "not listed");
          if (got.size() != 5) return;
          for (int i = 0; i < 5; ++i) {
            check.that(got[i] == c.expected[i],
                       std::string(names[i]) + " on " + at + " images: expected " +
                           std::to_string(c.expected[i]) + " multiplications, got " +
                           std::to_string(got[i]),
                       c.side == 28
                           ? hints[i]
                           : "the same counting as for 28x28, from a 32x32 image");
          }
        }
      });
}
