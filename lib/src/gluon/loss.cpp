// Losses: elementwise terms, then the mean over every axis but the batch axis.
#include "d2l/gluon/loss.hpp"

#include "d2l/nn_ops.hpp"
#include "d2l/ops.hpp"
#include "ndarray/impl.hpp"

namespace d2l::gluon::loss {

namespace {

// The label with pred's shape (MXNet's reshape_like); sizes must agree.
NDArray label_like(const NDArray& label, const NDArray& pred, const char* op) {
  detail::defined(pred, op);
  detail::defined(label, op);
  if (pred.ndim() < 1) {
    detail::fail(op, "expects predictions with a batch axis, got shape ()");
  }
  if (label.size() != pred.size()) {
    detail::fail(op, "label of shape ", shape_str(label.shape()),
                 " does not match prediction of shape ", shape_str(pred.shape()),
                 " (they need the same number of elements)");
  }
  return label.shape() == pred.shape() ? label : label.reshape(pred.shape());
}

// (batch, ...) -> (batch,): the mean over the non-batch axes, times weight.
NDArray batch_mean(const NDArray& loss, float weight) {
  NDArray l = weight == 1.0f ? loss : loss * weight;
  if (l.ndim() == 1) return l;
  Axes rest;
  for (int i = 1; i < l.ndim(); ++i) rest.list.push_back(i);
  return nd::mean(l, rest);
}

}  // namespace

NDArray L2Loss::forward(const NDArray& pred, const NDArray& label) const {
  NDArray y = label_like(label, pred, "L2Loss");
  return batch_mean(nd::square(pred - y), 0.5f * weight_);
}

NDArray L1Loss::forward(const NDArray& pred, const NDArray& label) const {
  NDArray y = label_like(label, pred, "L1Loss");
  return batch_mean(nd::abs(pred - y), weight_);
}

NDArray SoftmaxCrossEntropyLoss::forward(const NDArray& pred,
                                         const NDArray& label) const {
  NDArray l = nd::softmax_cross_entropy(pred, label);
  return weight_ == 1.0f ? l : l * weight_;
}

NDArray SigmoidBinaryCrossEntropyLoss::forward(const NDArray& pred,
                                               const NDArray& label) const {
  NDArray z = label_like(label, pred, "SigmoidBinaryCrossEntropyLoss");
  if (!from_sigmoid_)
    return batch_mean(nd::sigmoid_binary_cross_entropy(pred, z), weight_);
  // Probabilities: the small constant keeps log away from 0, as MXNet does.
  const float eps = 1e-12f;
  NDArray l = -(nd::log(pred + eps) * z + nd::log(1.0f - pred + eps) * (1.0f - z));
  return batch_mean(l, weight_);
}

}  // namespace d2l::gluon::loss
