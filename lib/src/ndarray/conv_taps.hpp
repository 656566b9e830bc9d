#pragma once
// The tap-wise convolution for small planes with wide padding (ResNet-18's
// last stage: 3x3 outputs at 512 channels): one GEMM per kernel tap over the
// output positions whose input pixel exists, so none of the products
// multiplies padding. im2col multiplies every tap with every output: on a
// 3x3 plane with padding 1, 81 products per filter and channel where 49 are
// real; Winograd's 2x2 tiles compute 64.

#include <cstdint>
#include <vector>

#include "d2l/ndarray.hpp"
#include "kernels/kernels.hpp"

namespace d2l::nd::taps {

/// Whether convolution computes window g with c input and f output channels
/// tap by tap: set_conv_algorithm's setting and, for `automatic`, where the
/// padding makes 30% or more of im2col's products zeros and the GEMMs are
/// deep enough (64+ channels each way).
bool chosen(const kernels::Window2D& g, int64_t c, int64_t f, Device d);

/// x (N, C, H, W), w (F, C, KH, KW), bias (F) or undefined -> (N, F, OH, OW).
NDArray forward(const NDArray& x, const NDArray& w, const NDArray& b,
                const kernels::Window2D& g, Device d);

/// {dx, dw} for gy (N, F, OH, OW); an undefined array for a gradient not wanted.
std::vector<NDArray> backward(const NDArray& gy, const NDArray& x, const NDArray& w,
                              const kernels::Window2D& g, bool want_x, bool want_w,
                              Device d);

}  // namespace d2l::nd::taps
