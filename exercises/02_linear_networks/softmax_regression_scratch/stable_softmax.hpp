// Exercise 1: a softmax that survives logits of 1000.
#pragma once
#include "d2l/ndarray.hpp"

/// The softmax of each row of `X` (n, q): exp(x_ij) / sum_k exp(x_ik), without
/// overflow for large logits such as 1000.
d2l::NDArray stable_softmax(const d2l::NDArray& X);
