// Exercise 2: a corr2d that autograd can follow, and MyConv2D trained with it.
#pragma once
#include "d2l/ndarray.hpp"

/// The cross-correlation of X (n_h, n_w) with K (k_h, k_w), shape
/// (n_h - k_h + 1, n_w - k_w + 1), the same numbers as book::corr2d, but built
/// from array operations only (no asscalar), so that gradients reach K and X.
d2l::NDArray corr2d_autograd(const d2l::NDArray& X, const d2l::NDArray& K);
