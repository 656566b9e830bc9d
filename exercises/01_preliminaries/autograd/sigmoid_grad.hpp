// Exercise 5: the derivative of nd::sigmoid by autograd.
#pragma once
#include "d2l/ndarray.hpp"

/// The derivative d sigmoid(x_i) / d x_i at every element of `x`, computed by
/// recording `nd::sigmoid` and calling backward() (not by a formula). The
/// result has the shape of `x`.
d2l::NDArray sigmoid_grad(const d2l::NDArray& x);
