// Exercise 2: the shapes out of a dense block and a transition layer, the first step to
// counting the parameters.
#pragma once
#include <cstdint>

#include "d2l/shape.hpp"

/// The (channels, height, width) that the section's DenseBlock(num_convs,
/// growth_rate) outputs for an input of shape `chw` = (c, h, w).
d2l::Shape dense_block_shape(const d2l::Shape& chw, int num_convs, int64_t growth_rate);

/// The (channels, height, width) after the section's transition layer as
/// DenseNet uses it: a 1x1 convolution to half the channels (rounded down),
/// then 2x2 average pooling with stride 2.
d2l::Shape transition_shape(const d2l::Shape& chw);
