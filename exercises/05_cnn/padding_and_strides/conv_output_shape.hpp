// Exercise 1: the output shape of a convolution, predicted from the formula.
#pragma once
#include <cstdint>

#include "d2l/shape.hpp"

/// The (height, width) of the output of a convolution with kernel (k_h, k_w),
/// padding (p_h, p_w) on each side and stride (s_h, s_w) on an (n_h, n_w) input,
/// as a Shape {o_h, o_w}.
d2l::Shape conv_output_shape(int64_t n_h, int64_t n_w, int64_t k_h, int64_t k_w,
                             int64_t p_h, int64_t p_w, int64_t s_h, int64_t s_w);
