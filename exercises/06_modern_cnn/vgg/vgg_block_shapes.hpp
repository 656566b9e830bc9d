// Exercise 1: the shape of the output of each VGG block, predicted for a given input
// size.
#pragma once
#include <cstdint>
#include <utility>
#include <vector>

#include "d2l/shape.hpp"

/// The (channels, height, width) after each block of the section's VGG, for
/// one single-channel `side` x `side` image. `conv_arch` lists the blocks as
/// (number of convolutions, output channels); each block is that many 3x3
/// convolutions with padding 1, then 2x2 max pooling with stride 2.
std::vector<d2l::Shape> vgg_block_shapes(
    const std::vector<std::pair<int, int64_t>>& conv_arch, int64_t side);
