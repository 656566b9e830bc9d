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
  MaxPool2D& strides(Pair2 s) &;
  MaxPool2D& padding(Pair2 p) &;
  MaxPool2D&& pool_size(Pair2 size) && { return std::move(pool_size(size)); }
  MaxPool2D&& strides(Pair2 s) && { return std::move(strides(s)); }
  MaxPool2D&& padding(Pair2 p) && { return std::move(padding(p)); }
  const Pool2DOptions& options() const { return options_; }

 private:
  Pool2DOptions options_;
};

/// The mean of each window (padding counted as zeros), shapes as MaxPool2D;
/// the same constructors and setters: `nn::AvgPool2D(2, 2)`.
class AvgPool2D : public Block {
 public:
  explicit AvgPool2D(const Pool2DOptions& options = {});
  explicit AvgPool2D(Pair2 pool_size, Pair2 strides = {}, Pair2 padding = 0);
  NDArray forward(const NDArray& x) override;
  std::string repr() const override;

  AvgPool2D& pool_size(Pair2 size) &;
  AvgPool2D& strides(Pair2 s) &;
  AvgPool2D& padding(Pair2 p) &;
  AvgPool2D&& pool_size(Pair2 size) && { return std::move(pool_size(size)); }
  AvgPool2D&& strides(Pair2 s) && { return std::move(strides(s)); }
  AvgPool2D&& padding(Pair2 p) && { return std::move(padding(p)); }
  const Pool2DOptions& options() const { return options_; }

 private:
  Pool2DOptions options_;
};

/// The mean of each channel: (N, C, H, W) -> (N, C, 1, 1).
class GlobalAvgPool2D : public Block {
 public:
  NDArray forward(const NDArray& x) override;
  std::string repr() const override;
};

}  // namespace d2l::gluon::nn
