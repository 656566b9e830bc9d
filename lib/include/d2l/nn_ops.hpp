#pragma once
/// @file nn_ops.hpp
/// Fused operations of neural networks: softmax and cross-entropy computed
/// stably in one pass, softrelu, and batch normalization, each with a gradient
/// written by hand.

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

/// log(1 + exp(x)) elementwise (MXNet's `softrelu`, also called softplus),
/// computed stably as max(x, 0) + log(1 + exp(-|x|)). Its gradient is sigmoid(x).
NDArray softrelu(const NDArray& x);

/// Options of batch_norm, for designated initializers:
/// `nd::batch_norm(x, gamma, beta, mean, var, {.momentum = 0.9f})`. The
/// defaults are Gluon's nn.BatchNorm (MXNet's nd.BatchNorm op itself defaults
/// to eps 1e-3 and fix_gamma; here gamma is always used as given).
struct BatchNormOptions {
  float eps = 1e-5f;              ///< added to the variance before the square root
  float momentum = 0.9f;          ///< moving = momentum * moving + (1 - momentum) * batch
  int axis = 1;                   ///< the channel axis (1: (N, C) and (N, C, H, W))
  bool use_global_stats = false;  ///< normalize with the moving statistics always
};

/// Batch normalization, one op with a fused backward: per channel c (the
/// entries along `axis`), y = gamma_c (x - mean_c) / sqrt(var_c + eps) + beta_c,
/// any shape -> the same shape; gamma, beta, moving_mean and moving_var are (C).
///
/// In training mode (`autograd::is_training()`, on inside `autograd::record`)
/// mean and var are the batch's (over every axis but `axis`, the biased
/// variance), and moving_mean and moving_var are updated in place, outside the
/// graph, by MXNet's rule moving = momentum * moving + (1 - momentum) * batch.
/// In prediction mode, or with use_global_stats, the moving statistics are
/// used and left unchanged. Gradients flow to x, gamma and beta, never to the
/// moving statistics.
NDArray batch_norm(const NDArray& x, const NDArray& gamma, const NDArray& beta,
                   const NDArray& moving_mean, const NDArray& moving_var,
                   const BatchNormOptions& options = {});

/// MXNet's spelling, `nd.BatchNorm(x, gamma, beta, moving_mean, moving_var)`.
inline NDArray BatchNorm(const NDArray& x, const NDArray& gamma, const NDArray& beta,
                         const NDArray& moving_mean, const NDArray& moving_var,
                         const BatchNormOptions& options = {}) {
  return batch_norm(x, gamma, beta, moving_mean, moving_var, options);
}

}  // namespace d2l::nd
