// Exercise 4: the absolute-error loss and its gradient.
#pragma once
#include "d2l/ndarray.hpp"

/// Each example's loss |y_hat_i - y_i|, shape (n, 1) like `y_hat` (n, 1); the
/// labels `y` may come as a vector (n) or a column (n, 1). Differentiable by
/// autograd (build it from nd:: ops).
d2l::NDArray abs_loss(const d2l::NDArray& y_hat, const d2l::NDArray& y);

/// The gradient of sum_i |y_hat_i - y_i| with respect to y_hat, written by
/// hand (no autograd), shape (n, 1). Where y_hat_i == y_i, use 0.
d2l::NDArray abs_loss_grad(const d2l::NDArray& y_hat, const d2l::NDArray& y);
