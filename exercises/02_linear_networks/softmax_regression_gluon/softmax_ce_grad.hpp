// Exercise 3: the gradient of softmax cross-entropy with respect to the scores.
#pragma once
#include "d2l/ndarray.hpp"

/// The gradient of sum_i loss_i with respect to the scores `O` (n, q), where
/// loss_i = -log softmax(O)[i, y_i] and `y` (n) holds class indices as floats.
/// Written from the formula softmax(O) - onehot(y), without autograd. Shape (n, q).
d2l::NDArray softmax_ce_grad(const d2l::NDArray& O, const d2l::NDArray& y);
