// Exercise 4: the L1 penalty lambda * sum_i |w_i| and the SGD step it leads to.
#pragma once
#include "d2l/ndarray.hpp"

/// lambda * sum_i |w_i|, as a scalar NDArray that autograd can differentiate.
d2l::NDArray l1_penalty(const d2l::NDArray& w, float lambd);

/// One SGD step on the loss plus l1_penalty(w, lambd): w - lr * (grad +
/// lambd * sign(w)), where `grad` is the gradient of the loss alone and
/// sign(0) = 0. Returns the new weights and leaves `w` as it is.
d2l::NDArray l1_sgd_step(const d2l::NDArray& w, const d2l::NDArray& grad, float lr,
                         float lambd);
