#pragma once
/// @file pooling.hpp
/// Pooling layers over NCHW images: MaxPool2D, AvgPool2D, GlobalAvgPool2D.

#include <string>

#include "d2l/conv_ops.hpp"
#include "d2l/gluon/block.hpp"

namespace d2l::gluon::nn {

/// Options of MaxPool2D and AvgPool2D: `nn::MaxPool2D({.pool_size = 3, .strides = 2})`.
struct Pool2DOptions {
  Pair2 pool_size = 2;  ///< window (KH, KW)
  Pair2 strides = {};   ///< step between windows; (0, 0): pool_size
  Pair2 padding = 0;    ///< padding on each side (smaller than the window)
};

/// The largest value of each window of each channel:
/// (N, C, H, W) -> (N, C, OH, OW), OH = (H + 2 padding - pool_size) / strides + 1
/// rounded down.
class MaxPool2D : public Block {
 public:
  explicit MaxPool2D(const Pool2DOptions& options = {});
  NDArray forward(const NDArray& x) override;
  /// `MaxPool2D(size=(2, 2), stride=(2, 2), padding=(0, 0), ceil_mode=False, ...)`.
  std::string repr() const override;

 private:
  Pool2DOptions options_;
};

/// The mean of each window (padding counted as zeros), shapes as MaxPool2D.
class AvgPool2D : public Block {
 public:
  explicit AvgPool2D(const Pool2DOptions& options = {});
  NDArray forward(const NDArray& x) override;
  std::string repr() const override;

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
