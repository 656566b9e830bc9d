// Exercise 5: cross-correlation as one matrix product with the flattened image.
#pragma once
#include <cstdint>

#include "d2l/ndarray.hpp"

/// The matrix M, shape (o_h * o_w, n_h * n_w) with o_h = n_h - k_h + 1 and
/// o_w = n_w - k_w + 1, such that for every (n_h, n_w) image X
/// nd::dot(M, X.reshape({-1})) equals book::corr2d(X, K).reshape({-1}).
d2l::NDArray corr2d_matrix(int64_t n_h, int64_t n_w, const d2l::NDArray& K);
