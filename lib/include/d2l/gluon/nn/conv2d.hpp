#pragma once
/// @file conv2d.hpp
/// Conv2D: the 2-D convolution layer over NCHW images (MXNet's `nn.Conv2D`).

#include <cstdint>
#include <string>
#include <utility>

#include "d2l/conv_ops.hpp"
#include "d2l/gluon/block.hpp"

namespace d2l::gluon::nn {

/// Options of Conv2D, for designated initializers:
/// `nn::Conv2D({.channels = 6, .kernel_size = 5, .activation = "sigmoid"})`.
/// Designated initializers must follow the order below (C++ refuses
/// `{.padding = 1, .strides = 2}`); Conv2D's setters take any order.
/// Sizes are one number for both axes or `{height, width}`.
struct Conv2DOptions {
  int64_t channels = 0;         ///< output channels (filters)
  Pair2 kernel_size = {};       ///< (KH, KW)
  Pair2 strides = 1;            ///< step between windows
  Pair2 padding = 0;            ///< zeros on each side
  Pair2 dilation = 1;           ///< spacing between kernel taps
  std::string activation = "";  ///< "", "relu", "sigmoid", "tanh" or "softrelu"
  bool use_bias = true;         ///< add a bias per channel (initialized to zeros)
  int64_t in_channels = 0;      ///< input channels; 0 infers them at the first forward
};

/// A 2-D convolution, then the activation:
/// (N, in_channels, H, W) -> (N, channels, OH, OW). The weight is
/// (channels, in_channels, KH, KW), the bias (channels).
///
/// Three ways to write MXNet's `nn.Conv2D(6, kernel_size=5, padding=2,
/// activation='sigmoid')`:
///
///     nn::Conv2D(6, 5, /*strides=*/1, /*padding=*/2, "sigmoid")     // positional
///     nn::Conv2D(6, 5).padding(2).activation("sigmoid")             // any order
///     nn::Conv2D({.channels = 6, .kernel_size = 5, .padding = 2,
///                 .activation = "sigmoid"})                         // struct order
class Conv2D : public Block {
 public:
  /// A layer from options: `nn::Conv2D({.channels = 6, .kernel_size = 5})`.
  explicit Conv2D(const Conv2DOptions& options);
  /// MXNet's positional order, `Conv2D(channels, kernel_size, strides,
  /// padding)`, with the activation after them: `nn::Conv2D(16, 5)`,
  /// `nn::Conv2D(96, 11, /*strides=*/4, /*padding=*/0, "relu")`.
  explicit Conv2D(int64_t channels, Pair2 kernel_size, Pair2 strides = 1,
                  Pair2 padding = 0, const std::string& activation = "");
  /// `nn::Conv2D(6, 5, "sigmoid")` (a string literal, so that a 0 meant as a
  /// size is never taken for a name).
  template <size_t N>
  Conv2D(int64_t channels, Pair2 kernel_size, const char (&activation)[N])
      : Conv2D(channels, kernel_size, 1, 0, activation) {}
  /// `nn::Conv2D(96, 11, /*strides=*/4, "relu")`, as AlexNet's first layer.
  template <size_t N>
  Conv2D(int64_t channels, Pair2 kernel_size, Pair2 strides, const char (&activation)[N])
      : Conv2D(channels, kernel_size, strides, 0, activation) {}

  /// Options by name, in any order, as MXNet's keyword arguments:
  /// `nn::Conv2D(6, 5).padding(2).strides(1)`. Each returns the layer (an
  /// rvalue on a temporary, so that net.add(...) takes it as one).
  Conv2D& strides(Pair2 s) &;
  /// Zeros added on each side: `.padding(2)`.
  Conv2D& padding(Pair2 p) &;
  /// Spacing between kernel taps: `.dilation(2)`.
  Conv2D& dilation(Pair2 d) &;
  /// The activation after the convolution: `.activation("relu")`.
  Conv2D& activation(const std::string& name) &;
  /// These two change the parameters, so they must come before the layer is
  /// initialized (an error otherwise).
  Conv2D& use_bias(bool on) &;
  /// Input channels, fixed now instead of at the first forward.
  Conv2D& in_channels(int64_t n) &;
  /// strides() on a temporary: `nn::Conv2D(6, 5).strides(2)`.
  Conv2D&& strides(Pair2 s) && { return std::move(strides(s)); }
  /// padding() on a temporary.
  Conv2D&& padding(Pair2 p) && { return std::move(padding(p)); }
  /// dilation() on a temporary.
  Conv2D&& dilation(Pair2 d) && { return std::move(dilation(d)); }
  /// activation() on a temporary.
  Conv2D&& activation(const std::string& name) && { return std::move(activation(name)); }
  /// use_bias() on a temporary.
  Conv2D&& use_bias(bool on) && { return std::move(use_bias(on)); }
  /// in_channels() on a temporary.
  Conv2D&& in_channels(int64_t n) && { return std::move(in_channels(n)); }

  NDArray forward(const NDArray& x) override;
  /// `Conv2D(1 -> 6, kernel_size=(5, 5), stride=(1, 1), Activation(sigmoid))`,
  /// with `None` while in_channels is unknown.
  std::string repr() const override;
  /// Gluon names every convolution's parameters `conv0_weight`, `conv0_bias`.
  std::string alias() const override { return "conv"; }

  Parameter weight;  ///< (channels, in_channels, KH, KW)
  Parameter bias;    ///< (channels); empty when use_bias is false
  /// The options it was made with, setters included.
  const Conv2DOptions& options() const { return options_; }

 private:
  Conv2DOptions options_;
};

}  // namespace d2l::gluon::nn
