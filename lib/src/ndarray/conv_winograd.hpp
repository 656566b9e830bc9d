#pragma once
// Winograd's F(2x2, 3x3) and F(2x2, 5x5) for convolutions with stride 1 and
// "same" padding (1 for 3x3, 2 for 5x5):
// the transforms are kernels (src/cpu/winograd.cpp); this puts them together
// with the 16 GEMMs per chunk of images, for the output and both gradients.

#include <cstdint>

#include "d2l/ndarray.hpp"
#include "kernels/kernels.hpp"

namespace d2l::nd::winograd {

/// Whether convolution takes Winograd's method for window g with c input and
/// f output channels: set_conv_algorithm's setting and, for `automatic`,
/// where it measured faster.
bool chosen(const kernels::Window2D& g, int64_t c, int64_t f, Device d);

/// x (N, C, H, W), w (F, C, k, k), bias (F) or undefined -> (N, F, H, W).
NDArray forward(const NDArray& x, const NDArray& w, const NDArray& b,
                const kernels::Window2D& g, Device d);

/// The gradients a chunk of images at a time, called from the im2col
/// backward's loop, which owns the chunks and their order (so the weight
/// gradient sums the same way on every run).
class Backward {
 public:
  /// `parts`: the number of weight-gradient accumulators (one per task).
  Backward(const NDArray& w, const kernels::Window2D& g, bool input_grad,
           bool weight_grad, int64_t parts, Device d);
  bool input_grad() const { return input_grad_; }
  bool weight_grad() const { return weight_grad_; }
  /// Scratch floats that one task needs for chunks of `images` images.
  int64_t scratch_floats(int64_t images) const;
  /// gy (k, F, H, W) -> dx (k, C, H, W) for a chunk of k images.
  void input_grad(const float* gy, float* dx, int64_t k, float* scratch) const;
  /// Adds the chunk's share of dW to accumulator `part` (`first`: sets it).
  void add_weight_grad(const float* x, const float* gy, int64_t k, int64_t part,
                       bool first, float* scratch) const;
  /// dW (F, C, k, k): the accumulators summed and transformed back.
  NDArray weight_grad_total(const Shape& w_shape) const;

 private:
  bool input_grad_, weight_grad_;
  int64_t f_, c_, parts_;
  kernels::WinogradTiles tiles_;
  Device device_;
  NDArray u_;         // (positions, C, F): the rotated kernels, for dx
  NDArray du_parts_;  // (parts, positions, F, C)
};

}  // namespace d2l::nd::winograd
