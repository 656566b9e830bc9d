#pragma once
// The kernels of batch normalization. Every buffer is seen as (outer, c, inner)
// around the channel axis (an (N, C) batch is (N, C, 1), an NCHW batch
// (N, C, H*W)); the statistics and parameters are (c). src/cpu/batch_norm.cpp
// implements them for the host; a CUDA backend adds the same functions.

#include <cstdint>

#include "d2l/device.hpp"

namespace d2l::kernels {

/// Per channel j, over its outer * inner values: mean[j] and the biased
/// variance var[j] = mean((x - mean[j])^2).
void batch_norm_stats(Device d, const float* x, float* mean, float* var, int64_t outer,
                      int64_t c, int64_t inner);

/// inv_std[j] = 1 / sqrt(var[j] + eps).
void batch_norm_inv_std(Device d, const float* var, float* inv_std, int64_t c, float eps);

/// moving[j] = momentum * moving[j] + (1 - momentum) * batch[j], in place.
void batch_norm_moving_update(Device d, float* moving, const float* batch, int64_t c,
                              float momentum);

/// y = gamma[j] * (x - mean[j]) * inv_std[j] + beta[j]; y may alias x.
void batch_norm_apply(Device d, const float* x, const float* mean, const float* inv_std,
                      const float* gamma, const float* beta, float* y, int64_t outer,
                      int64_t c, int64_t inner);

/// The gradients of batch_norm_apply given dy, with xhat = (x - mean) inv_std:
/// dbeta[j] = sum(dy), dgamma[j] = sum(dy * xhat) over the channel's values, and,
/// when dx is not null,
///   dx = gamma inv_std (dy - (dbeta + xhat dgamma) / m)  (batch_stats: mean and
///        inv_std came from this batch, m = outer * inner values per channel)
///   dx = gamma inv_std dy                                  (fixed statistics).
void batch_norm_backward(Device d, const float* x, const float* dy, const float* mean,
                         const float* inv_std, const float* gamma, float* dx,
                         float* dgamma, float* dbeta, int64_t outer, int64_t c,
                         int64_t inner, bool batch_stats);

}  // namespace d2l::kernels
