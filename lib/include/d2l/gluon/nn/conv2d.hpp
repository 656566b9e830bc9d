#pragma once
/// @file conv2d.hpp
/// Conv2D: the 2-D convolution layer over NCHW images (MXNet's `nn.Conv2D`).

#include <cstdint>
#include <string>

#include "d2l/conv_ops.hpp"
#include "d2l/gluon/block.hpp"

namespace d2l::gluon::nn {

/// Options of Conv2D, for designated initializers:
/// `nn::Conv2D({.channels = 6, .kernel_size = 5, .activation = "sigmoid"})`.
/// Sizes are one number for both axes or `{height, width}`.
struct Conv2DOptions {
  int64_t channels = 0;     ///< output channels (filters)
  Pair2 kernel_size = {};   ///< (KH, KW)
  Pair2 strides = 1;        ///< step between windows
  Pair2 padding = 0;        ///< zeros on each side
  Pair2 dilation = 1;       ///< spacing between kernel taps
  std::string activation;   ///< "", "relu", "sigmoid" or "tanh"
  bool use_bias = true;     ///< add a bias per channel (initialized to zeros)
  int64_t in_channels = 0;  ///< input channels; 0 infers them at the first forward
};

/// A 2-D convolution, then the activation:
/// (N, in_channels, H, W) -> (N, channels, OH, OW). The weight is
/// (channels, in_channels, KH, KW), the bias (channels).
class Conv2D : public Block {
 public:
  explicit Conv2D(const Conv2DOptions& options);

  NDArray forward(const NDArray& x) override;
  /// `Conv2D(1 -> 6, kernel_size=(5, 5), stride=(1, 1), Activation(sigmoid))`,
  /// with `None` while in_channels is unknown.
  std::string repr() const override;
  /// Gluon names every convolution's parameters `conv0_weight`, `conv0_bias`.
  std::string alias() const override { return "conv"; }

  Parameter weight;  ///< (channels, in_channels, KH, KW)
  Parameter bias;    ///< (channels); empty when use_bias is false
  const Conv2DOptions& options() const { return options_; }

 private:
  Conv2DOptions options_;
};

}  // namespace d2l::gluon::nn
