// Fused neural-network ops: softmax, log_softmax, softmax cross-entropy and
// sigmoid cross-entropy. Each forward is composed from existing ops with
// recording paused, then recorded as ONE op with a hand-written gradient.
#include "d2l/nn_ops.hpp"

#include <cmath>

#include "d2l/autograd.hpp"
#include "d2l/ops.hpp"
#include "ndarray/impl.hpp"

namespace d2l::nd {

using detail::fail;

namespace {

// log_softmax along axis `a`, not recorded.
NDArray log_softmax_raw(const NDArray& x, int a) {
  NDArray shifted = x - max(x, a, /*keepdims=*/true);
  return shifted - log(sum(exp(shifted), a, /*keepdims=*/true));
}

}  // namespace

NDArray softmax(const NDArray& x, int axis) {
  detail::defined(x, "softmax");
  int a = detail::normalize_axis(axis, x.ndim(), "softmax");
  NDArray y;
  {
    autograd::pause no_record(autograd::is_training());
    y = exp(log_softmax_raw(x, a));
  }
  NDArray y_value = y.detach();
  // dx = y * (g - sum(g * y)) along the axis.
  return detail::record_op("softmax", y, {x},
                           [y_value, a](const NDArray& g) -> std::vector<NDArray> {
                             NDArray gy = g * y_value;
                             return {gy - y_value * sum(gy, a, /*keepdims=*/true)};
                           });
}

NDArray log_softmax(const NDArray& x, int axis) {
  detail::defined(x, "log_softmax");
  int a = detail::normalize_axis(axis, x.ndim(), "log_softmax");
  NDArray y;
  {
    autograd::pause no_record(autograd::is_training());
    y = log_softmax_raw(x, a);
  }
  NDArray y_value = y.detach();
  // dx = g - softmax(x) * sum(g) along the axis.
  return detail::record_op("log_softmax", y, {x},
                           [y_value, a](const NDArray& g) -> std::vector<NDArray> {
                             return {g - exp(y_value) * sum(g, a, /*keepdims=*/true)};
                           });
}

NDArray softmax_cross_entropy(const NDArray& logits, const NDArray& labels) {
  const char* op = "softmax_cross_entropy";
  detail::defined(logits, op);
  detail::defined(labels, op);
  if (logits.ndim() != 2) {
    fail(op, "expects logits of shape (batch, classes), got ", shape_str(logits.shape()));
  }
  const int64_t n = logits.shape()[0], c = logits.shape()[1];
  const bool column = labels.shape() == Shape{n, 1};
  if (labels.shape() != Shape{n} && !column) {
    fail(op, "labels of shape ", shape_str(labels.shape()),
         " do not match logits of shape ", shape_str(logits.shape()),
         "; expected one class index per row, shape (", n, ",)");
  }
  Device d = detail::common_device(op, {logits, labels});
  // Labels index memory below, so check them all first (on a GPU only the
  // position of the first bad one comes back).
  if (detail::BadIndex bad = detail::first_bad_index(labels, c); bad.position >= 0) {
    fail(op, "label ", bad.value, " at position ", bad.position,
         " is not a class index for ", c, " classes (expected an integer from 0 to ",
         c - 1, ")");
  }
  NDArray idx = column ? labels.detach().reshape({n}) : labels.detach();
  NDArray lsm, loss;
  {
    autograd::pause no_record(autograd::is_training());
    lsm = log_softmax_raw(logits, 1);
    // The kernel, not nd::pick: the labels were checked above (on a GPU a
    // second check would be a second wait for the device).
    NDArray picked = detail::empty({n}, d);
    kernels::pick(d, detail::ptr(lsm), detail::ptr(idx), detail::ptr(picked), n, c, 1);
    loss = -picked;
  }
  // d loss_i / d logits_ij = softmax_ij - [j == label_i], times g_i.
  return detail::record_op(
      op, loss, {logits}, [lsm, idx, n, c, d](const NDArray& g) -> std::vector<NDArray> {
        NDArray p = exp(lsm);
        NDArray minus_one = full({n}, -1.0f, d);
        kernels::pick_scatter(d, detail::ptr(minus_one), detail::ptr(idx), detail::ptr(p),
                              n, c, 1);
        return {p * g.reshape({n, 1})};
      });
}

NDArray sigmoid_binary_cross_entropy(const NDArray& logits, const NDArray& labels) {
  const char* op = "sigmoid_binary_cross_entropy";
  detail::defined(logits, op);
  detail::defined(labels, op);
  if (logits.shape() != labels.shape()) {
    fail(op, "logits of shape ", shape_str(logits.shape()), " and labels of shape ",
         shape_str(labels.shape()), " must have the same shape");
  }
  NDArray loss;
  {
    autograd::pause no_record(autograd::is_training());
    loss = relu(logits) - logits * labels + log(1.0f + exp(-abs(logits)));
  }
  NDArray x = logits.detach(), z = labels.detach();
  // The labels are targets, not learned: only the logits get a gradient.
  return detail::record_op(op, loss, {logits},
                           [x, z](const NDArray& g) -> std::vector<NDArray> {
                             return {g * (sigmoid(x) - z)};
                           });
}

}  // namespace d2l::nd
