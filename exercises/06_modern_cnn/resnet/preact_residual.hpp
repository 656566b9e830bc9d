// Exercise 3: the pre-activation residual block, BN and ReLU before each conv.
#pragma once
#include <cstdint>
#include <memory>

#include "d2l/d2l.hpp"

/// A pre-activation residual block with `num_channels` output channels:
///
///     Y = conv2(relu(bn2(conv1(relu(bn1(X)))))) + shortcut(X)
///
/// with 3x3 convolutions padded by 1 (conv1 with `strides`), and as shortcut
/// X itself or, with `use_1x1conv`, a 1x1 convolution with `strides`. Nothing
/// follows the addition. (N, C, H, W) -> (N, num_channels, H / strides, W / strides).
std::shared_ptr<d2l::gluon::Block> make_preact_residual(int64_t num_channels,
                                                        bool use_1x1conv = false,
                                                        d2l::Pair2 strides = 1);
