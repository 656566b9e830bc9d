// Exercise 1: batch norm in training mode, which makes a bias before it useless.
#pragma once
#include "d2l/ndarray.hpp"

/// Batch normalization in training mode, with the batch's statistics:
/// X is (N, C) or (N, C, H, W), gamma and beta are (C); per channel c,
/// gamma_c (x - mean_c) / sqrt(var_c + eps) + beta_c, with mean and biased
/// variance over every axis but the channel axis 1. Same shape as X.
d2l::NDArray batch_norm_train(const d2l::NDArray& X, const d2l::NDArray& gamma,
                              const d2l::NDArray& beta, float eps = 1e-5f);
