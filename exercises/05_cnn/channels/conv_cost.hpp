// Exercise 1: the multiplications and the parameters of a multi-channel convolution.
#pragma once
#include <cstdint>

/// The multiplications of one forward pass of a convolution from `c_i` input
/// channels to `c_o` output channels with a `k_h` x `k_w` kernel, on one input
/// of `h` x `w` pixels, padded so that the output is also `h` x `w`.
int64_t conv_mults(int64_t c_i, int64_t c_o, int64_t h, int64_t w, int64_t k_h,
                   int64_t k_w);

/// The number of parameters of that layer: its kernel and one bias per output channel.
int64_t conv_params(int64_t c_i, int64_t c_o, int64_t k_h, int64_t k_w);
