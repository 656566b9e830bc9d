// Exercise 2: the pReLU, max(x, 0) + alpha min(x, 0), and its derivative by autograd.
#pragma once
#include "d2l/ndarray.hpp"

/// The pReLU of each element of `x`: x where x > 0, alpha * x where x < 0.
d2l::NDArray prelu(const d2l::NDArray& x, float alpha);

/// The derivative of prelu(x, alpha) with respect to each element of `x`,
/// computed by autograd (attach_grad, record, backward): 1 for x > 0, alpha
/// for x < 0.
d2l::NDArray prelu_grad(const d2l::NDArray& x, float alpha);
