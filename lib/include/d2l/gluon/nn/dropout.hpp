#pragma once
/// @file dropout.hpp
/// Dropout: zeroes random elements while training (MXNet's `nn.Dropout`).

#include "d2l/gluon/block.hpp"

namespace d2l::gluon::nn {

/// In training mode (`autograd::is_training()`, on inside `autograd::record`)
/// each element is zeroed with probability `rate` and the others are scaled
/// by 1 / (1 - rate), so the expected value is unchanged; in prediction mode
/// the input passes through untouched. Any shape -> the same shape.
class Dropout : public Block {
 public:
  /// Zeroes each element with probability `rate` while training.
  explicit Dropout(float rate);
  NDArray forward(const NDArray& x) override;
  /// `Dropout(p = 0.5, axes=())`.
  std::string repr() const override;
  /// The probability of zeroing an element.
  float rate() const { return rate_; }

 private:
  float rate_;
};

}  // namespace d2l::gluon::nn
