#pragma once
/// @file pooling.hpp
/// Pooling layers over NCHW images: MaxPool2D, AvgPool2D, GlobalAvgPool2D.

#include <string>
#include <utility>

#include "d2l/conv_ops.hpp"
#include "d2l/gluon/block.hpp"

namespace d2l::gluon::nn {

/// Options of MaxPool2D and AvgPool2D: `nn::MaxPool2D({.pool_size = 3, .strides = 2})`.
/// Designated initializers must follow this order; the layers' setters and
/// positional constructors take MXNet's spellings.
struct Pool2DOptions {
  Pair2 pool_size = 2;  ///< window (KH, KW)
  Pair2 strides = {};   ///< step between windows; (0, 0): pool_size
  Pair2 padding = 0;    ///< padding on each side (smaller than the window)
};

/// The largest value of each window of each channel:
/// (N, C, H, W) -> (N, C, OH, OW), OH = (H + 2 padding - pool_size) / strides + 1
/// rounded down.
///
/// MXNet's `nn.MaxPool2D(pool_size=3, strides=2, padding=1)` is
/// `nn::MaxPool2D(3, 2, 1)` (positional, MXNet's order),
/// `nn::MaxPool2D(3).padding(1).strides(2)` (by name, any order) or
/// `nn::MaxPool2D({.pool_size = 3, .strides = 2, .padding = 1})`.
class MaxPool2D : public Block {
 public:
  /// A layer from options; the default is a 2x2 window with stride 2.
  explicit MaxPool2D(const Pool2DOptions& options = {});
  /// `strides` (0, 0) means pool_size, as MXNet's `strides=None`. A window
  /// of (3, 2) alone is `MaxPool2D(Pair2{3, 2})`: a bare `{3, 2}` could also
  /// be a Pool2DOptions, and C++ refuses to choose.
  explicit MaxPool2D(Pair2 pool_size, Pair2 strides = {}, Pair2 padding = 0);
  NDArray forward(const NDArray& x) override;
  /// `MaxPool2D(size=(2, 2), stride=(2, 2), padding=(0, 0), ceil_mode=False, ...)`.
  std::string repr() const override;

  /// Options by name, in any order (an rvalue on a temporary).
  MaxPool2D& pool_size(Pair2 size) &;
  /// Step between windows: `.strides(2)`.
  MaxPool2D& strides(Pair2 s) &;
  /// Padding on each side: `.padding(1)`.
  MaxPool2D& padding(Pair2 p) &;
  /// pool_size() on a temporary: `nn::MaxPool2D().pool_size(3)`.
  MaxPool2D&& pool_size(Pair2 size) && { return std::move(pool_size(size)); }
  /// strides() on a temporary.
  MaxPool2D&& strides(Pair2 s) && { return std::move(strides(s)); }
  /// padding() on a temporary.
  MaxPool2D&& padding(Pair2 p) && { return std::move(padding(p)); }
  /// The window, strides and padding in use.
  const Pool2DOptions& options() const { return options_; }

 private:
  Pool2DOptions options_;
};

/// The mean of each window (padding counted as zeros), shapes as MaxPool2D;
/// the same constructors and setters: `nn::AvgPool2D(2, 2)`.
class AvgPool2D : public Block {
 public:
  /// A layer from options; the default is a 2x2 window with stride 2.
  explicit AvgPool2D(const Pool2DOptions& options = {});
  /// MXNet's positional order: `nn::AvgPool2D(2, 2)`; strides (0, 0) mean pool_size.
  explicit AvgPool2D(Pair2 pool_size, Pair2 strides = {}, Pair2 padding = 0);
  /// (N, C, H, W) -> (N, C, OH, OW).
  NDArray forward(const NDArray& x) override;
  /// `AvgPool2D(size=(2, 2), stride=(2, 2), padding=(0, 0), ...)`.
  std::string repr() const override;

  /// The window: `.pool_size(3)`.
  AvgPool2D& pool_size(Pair2 size) &;
  /// Step between windows: `.strides(2)`.
  AvgPool2D& strides(Pair2 s) &;
  /// Padding on each side (counted as zeros in the mean).
  AvgPool2D& padding(Pair2 p) &;
  /// pool_size() on a temporary.
  AvgPool2D&& pool_size(Pair2 size) && { return std::move(pool_size(size)); }
  /// strides() on a temporary.
  AvgPool2D&& strides(Pair2 s) && { return std::move(strides(s)); }
  /// padding() on a temporary.
  AvgPool2D&& padding(Pair2 p) && { return std::move(padding(p)); }
  /// The window, strides and padding in use.
  const Pool2DOptions& options() const { return options_; }

 private:
  Pool2DOptions options_;
};

/// The mean of each channel: (N, C, H, W) -> (N, C, 1, 1).
class GlobalAvgPool2D : public Block {
 public:
  /// (N, C, H, W) -> (N, C, 1, 1).
  NDArray forward(const NDArray& x) override;
  /// `GlobalAvgPool2D(...)`, as Gluon prints it.
  std::string repr() const override;
};

}  // namespace d2l::gluon::nn
