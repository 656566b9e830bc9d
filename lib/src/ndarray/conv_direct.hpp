#pragma once
// Direct convolution for layers with few channels and stride 1 (LeNet's):
// the kernels are in src/cpu/direct_conv.cpp; this pads the images onto the
// "wide" grid those kernels read, drops the columns they compute past each
// row's end, and does so for the output and both gradients.

#include <cstdint>

#include "d2l/ndarray.hpp"
#include "kernels/kernels.hpp"

namespace d2l::nd::direct {

/// Whether convolution computes the output (and the weight gradient) of window
/// g with c input and f output channels directly: set_conv_algorithm's
/// setting and, for `automatic`, where it measured faster than im2col.
bool chosen(const kernels::Window2D& g, int64_t c, int64_t f, Device d);

/// x (N, C, H, W), w (F, C, KH, KW), bias (F) or undefined -> (N, F, OH, OW).
NDArray forward(const NDArray& x, const NDArray& w, const NDArray& b,
                const kernels::Window2D& g, Device d);

/// The gradients a chunk of images at a time, called from the im2col
/// backward's loop (which owns the chunks and their order, so the weight
/// gradient sums the same way on every run), like winograd::Backward.
class Backward {
 public:
  Backward(const NDArray& w, const kernels::Window2D& g, bool input_grad,
           bool weight_grad, int64_t parts, Device d);
  bool input_grad() const { return input_grad_; }
  bool weight_grad() const { return weight_grad_; }
  /// Scratch floats that one task needs for chunks of `images` images.
  int64_t scratch_floats(int64_t images) const;
  /// gy (k, F, OH, OW) -> dx (k, C, H, W) for a chunk of k images.
  void input_grad(const float* gy, float* dx, int64_t k, float* scratch) const;
  /// Adds the chunk's dW to accumulator `part` (`first`: sets it).
  void add_weight_grad(const float* x, const float* gy, int64_t k, int64_t part,
                       bool first, float* scratch) const;
  /// dW (F, C, KH, KW): the accumulators summed.
  NDArray weight_grad_total(const Shape& w_shape) const;

 private:
  bool input_grad_, weight_grad_;
  int64_t f_, c_, parts_;
  kernels::Window2D g_;
  Device device_;
  NDArray flipped_taps_;  // (F*KH*KW, C): the kernels rotated 180 degrees, for dx
  NDArray dw_parts_;      // (parts, F*C*KH*KW)
};

}  // namespace d2l::nd::direct
