// Exercise 4: gradients that add up over several backward() calls.
#pragma once
#include <functional>

#include "d2l/ndarray.hpp"

/// Attaches a gradient to `x` that accumulates (GradReq::add), then `times`
/// times records `y = f(x)` afresh and calls `y.backward()`; returns
/// `x.grad()` after the last call: the sum of the `times` gradients of f.
d2l::NDArray accumulate_grad(d2l::NDArray x,
                             const std::function<d2l::NDArray(const d2l::NDArray&)>& f,
                             int times);
