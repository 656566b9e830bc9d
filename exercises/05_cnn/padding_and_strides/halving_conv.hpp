// Exercise 2: a 5x5 convolution whose padding and stride turn 28x28 into 14x14.
#pragma once
#include <cstdint>

#include "d2l/d2l.hpp"

/// An nn::Conv2D with `channels` output channels and a 5x5 kernel whose padding
/// and stride turn a (N, C, 28, 28) batch into (N, channels, 14, 14), and that
/// halves other even sides in the same way (56 x 56 into 28 x 28).
d2l::gluon::nn::Conv2D halving_conv(int64_t channels);
