// Exercise 3: a function with an if between a^2 and exp(a), its gradient by autograd
// checked on both branches.
#pragma once
#include "d2l/ndarray.hpp"

/// For a one-element array `a`: a * a when a > 0, and exp(a) otherwise. Built
/// from nd:: ops (the `if` may read the value with asscalar()), so that
/// autograd can follow whichever branch ran.
d2l::NDArray branchy(const d2l::NDArray& a);

/// The derivative of branchy at the point `a`, computed with autograd:
/// attach_grad, record branchy, backward, read the gradient.
float branchy_grad(float a);
