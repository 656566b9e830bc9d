// Exercise 1 of "Networks Using Blocks (VGG)": before printing the shapes of
// VGG, predict them. A 3x3 convolution with padding 1 keeps the height and
// width and sets the channels; the pooling at the end of each block halves the
// height and width (rounding down). The check builds the blocks and compares.
//
// Check it: bash scripts/exercise.sh vgg_block_shapes
#include "vgg_block_shapes.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

std::vector<Shape> vgg_block_shapes(const std::vector<std::pair<int, int64_t>>& conv_arch,
                                    int64_t side) {
  exercise::todo("vgg_block_shapes");  // your answer here: replace this line
}
