// Exercise 2: log_softmax by the log-sum-exp trick.
#pragma once
#include "d2l/ndarray.hpp"

/// log(softmax(X)) of each row of `X` (n, q), computed as
/// x_ij - m_i - log(sum_k exp(x_ik - m_i)) with m_i the row's maximum, so that
/// logits such as 1000 give finite numbers. Same shape as `X`.
d2l::NDArray log_softmax_by_hand(const d2l::NDArray& X);
