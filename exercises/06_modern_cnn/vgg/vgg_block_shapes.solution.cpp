// The reference answer to vgg_block_shapes.cpp.
#include "vgg_block_shapes.hpp"

#include "d2l/d2l.hpp"

using namespace d2l;

std::vector<Shape> vgg_block_shapes(const std::vector<std::pair<int, int64_t>>& conv_arch,
                                    int64_t side) {
  std::vector<Shape> shapes;
  for (const auto& [num_convs, num_channels] : conv_arch) {
    side /= 2;  // the convolutions keep the size, the pooling halves it (rounding down)
    shapes.push_back({num_channels, side, side});
  }
  return shapes;
}
