// Exercise 1: tanh written with the sigmoid, tanh(x) = 2 sigmoid(2x) - 1.
#pragma once
#include "d2l/ndarray.hpp"

/// tanh of each element of `x`, computed from nd::sigmoid only (no nd::tanh,
/// no nd::exp): 2 sigmoid(2x) - 1.
d2l::NDArray tanh_from_sigmoid(const d2l::NDArray& x);
