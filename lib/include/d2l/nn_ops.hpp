#pragma once
/// @file nn_ops.hpp
/// Fused operations of neural networks: softmax and cross-entropy computed
/// stably in one pass, each with a gradient written by hand.

#include "d2l/ndarray.hpp"

namespace d2l::nd {

/// exp(x) / sum(exp(x)) along `axis`, computed after subtracting the maximum
/// so that large inputs do not overflow.
NDArray softmax(const NDArray& x, int axis = -1);

/// log(softmax(x)) along `axis`: x - max - log(sum(exp(x - max))).
NDArray log_softmax(const NDArray& x, int axis = -1);

/// Cross-entropy of softmax(logits) with sparse labels, fused into one op:
/// (N, C) logits and (N) or (N, 1) class indices (as floats) -> (N) losses
/// -log_softmax(logits)[i, label_i]. Its gradient is softmax(logits) - onehot,
/// which never divides by a probability that underflowed to 0.
NDArray softmax_cross_entropy(const NDArray& logits, const NDArray& labels);

/// Binary cross-entropy of sigmoid(logits) with labels in [0, 1], elementwise
/// and stable: max(x, 0) - x z + log(1 + exp(-|x|)). Its gradient is
/// sigmoid(x) - z. The shapes must be equal.
NDArray sigmoid_binary_cross_entropy(const NDArray& logits, const NDArray& labels);

}  // namespace d2l::nd
