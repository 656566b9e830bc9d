// Exercise 5: gradient descent with weight decay lands on (X^T X + n lambda I) w = X^T (y
// - b).
#pragma once
#include <utility>

#include "d2l/ndarray.hpp"

/// Full-batch gradient descent on the linear model X w + b with the loss
///   (1/n) sum_i (x_i w + b - y_i)^2 / 2  +  lambd / 2 * ||w||^2
/// (the bias is not penalized), from w = 0 and b = 0, `steps` steps of size
/// `lr`. X is (n, d), y is (n,). Returns {w of shape (d,), b}.
std::pair<d2l::NDArray, float> ridge_gd(const d2l::NDArray& X, const d2l::NDArray& y,
                                        float lambd, float lr, int steps);
