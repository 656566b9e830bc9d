// Exercise 5: a squared loss that reshapes the labels so it stays (n, 1) instead of
// broadcasting to (n, n).
#pragma once
#include "d2l/ndarray.hpp"

/// Each example's loss (y_hat_i - y_i)^2 / 2 as a column (n, 1), like `y_hat`
/// (n, 1); the labels `y` may come as a vector (n) or a column (n, 1). Built
/// from nd:: ops so autograd can differentiate it.
d2l::NDArray squared_loss_column(const d2l::NDArray& y_hat, const d2l::NDArray& y);

/// The shape that `y_hat - y` gets without any reshape when y_hat is (n, 1) and
/// y is (n): what broadcasting produces (work it out; do not compute it).
d2l::Shape unreshaped_loss_shape(int64_t n);
