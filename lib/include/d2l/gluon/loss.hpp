#pragma once
/// @file loss.hpp
/// Loss functions (MXNet's `gluon.loss`). Each maps predictions and labels to
/// one loss per example, shape (batch,): the mean over the other axes.

#include "d2l/ndarray.hpp"

namespace d2l::gluon::loss {

/// Base class: `loss(pred, label)` calls forward. `weight` scales the loss.
class Loss {
 public:
  /// A loss whose values are multiplied by `weight`.
  explicit Loss(float weight = 1.0f) : weight_(weight) {}
  virtual ~Loss() = default;
  /// pred and label -> (batch,)
  virtual NDArray forward(const NDArray& pred, const NDArray& label) const = 0;
  /// The same as forward(): `loss(net(X), y)`.
  NDArray operator()(const NDArray& pred, const NDArray& label) const {
    return forward(pred, label);
  }
  /// The factor every loss value is multiplied by.
  float weight() const { return weight_; }

 protected:
  /// The factor given at construction; subclasses apply it in forward().
  float weight_;
};

/// 0.5 * (pred - label)^2, averaged over the non-batch axes. The label is
/// reshaped to pred's shape first (same number of elements), as MXNet does,
/// so a (batch,) label works with a (batch, 1) prediction.
class L2Loss : public Loss {
 public:
  /// `weight` scales the loss (1 by default).
  explicit L2Loss(float weight = 1.0f) : Loss(weight) {}
  NDArray forward(const NDArray& pred, const NDArray& label) const override;
};

/// |pred - label|, averaged over the non-batch axes (label reshaped as L2Loss).
class L1Loss : public Loss {
 public:
  /// `weight` scales the loss (1 by default).
  explicit L1Loss(float weight = 1.0f) : Loss(weight) {}
  NDArray forward(const NDArray& pred, const NDArray& label) const override;
};

/// Softmax cross-entropy from logits (batch, classes) and class indices
/// (batch,) as floats, fused into one stable op (nd::softmax_cross_entropy).
class SoftmaxCrossEntropyLoss : public Loss {
 public:
  /// `weight` scales the loss (1 by default).
  explicit SoftmaxCrossEntropyLoss(float weight = 1.0f) : Loss(weight) {}
  NDArray forward(const NDArray& pred, const NDArray& label) const override;
};

/// Binary cross-entropy with labels in [0, 1]. By default pred holds logits
/// and the loss is computed stably without forming sigmoid(pred); with
/// `from_sigmoid` pred holds probabilities.
class SigmoidBinaryCrossEntropyLoss : public Loss {
 public:
  /// `from_sigmoid`: pred holds probabilities rather than logits.
  explicit SigmoidBinaryCrossEntropyLoss(bool from_sigmoid = false, float weight = 1.0f)
      : Loss(weight), from_sigmoid_(from_sigmoid) {}
  NDArray forward(const NDArray& pred, const NDArray& label) const override;

 private:
  bool from_sigmoid_;
};

}  // namespace d2l::gluon::loss
