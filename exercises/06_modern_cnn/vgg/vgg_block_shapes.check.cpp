// The check of vgg_block_shapes: the predicted shapes against those of VGG
// blocks built as in the section and run on a zero image, for sizes that halve
// evenly and sizes that do not.
#include "vgg_block_shapes.hpp"

#include <string>

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

int main() {
  return exercise::run(
      "vgg_block_shapes", "06_modern_cnn/vgg/vgg_block_shapes.cpp",
      [](exercise::Checks& check) {
        using Arch = std::vector<std::pair<int, int64_t>>;
        struct Case {
          Arch arch;
          int64_t side;
        };
        // Narrow channels keep the check fast; the shapes follow the same rules.
        for (const Case& c : {Case{{{1, 4}, {1, 8}, {2, 16}, {2, 32}, {2, 32}}, 224},
                              Case{{{2, 3}, {1, 5}, {3, 2}}, 100},
                              Case{{{1, 2}, {1, 4}, {1, 6}, {1, 8}, {1, 8}}, 45}}) {
          auto got = vgg_block_shapes(c.arch, c.side);
          const std::string at = std::to_string(c.side) + "x" + std::to_string(c.side);
          check.that(got.size() == c.arch.size(),
                     "one shape per block (" + std::to_string(c.arch.size()) + ") for " +
                         at + "; got " + std::to_string(got.size()),
                     "push one (channels, height, width) per entry of conv_arch");
          if (got.size() != c.arch.size()) return;
          NDArray X = nd::zeros({1, 1, c.side, c.side});
          for (size_t b = 0; b < c.arch.size(); ++b) {
            nn::Sequential blk;  // the section's vgg_block
            for (int i = 0; i < c.arch[b].first; ++i) {
              blk.add(
                  nn::Conv2D(c.arch[b].second, 3, /*strides=*/1, /*padding=*/1, "relu"));
            }
            blk.add(nn::MaxPool2D(2, 2));
            blk.initialize();
            X = blk(X);
            const Shape actual{X.shape()[1], X.shape()[2], X.shape()[3]};
            check.that(
                got[b] == actual,
                "block " + std::to_string(b + 1) + " on " + at + ": the network gives " +
                    shape_str(actual) + ", you predicted " + shape_str(got[b]),
                "the 3x3 convolutions with padding 1 keep height and width; only the "
                "pooling halves them, rounding down (25 -> 12); the channels are the "
                "block's own, not the input's");
          }
        }
      });
}
