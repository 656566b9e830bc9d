// Exercise 4: a 1x1 convolution as one matrix product, on a non-square input.
#pragma once
#include "d2l/ndarray.hpp"

/// The 1x1 convolution of X (c_i, h, w) with the kernel K (c_o, c_i, 1, 1), as
/// one matrix product, shape (c_o, h, w); h and w may differ.
d2l::NDArray conv1x1_matmul(const d2l::NDArray& X, const d2l::NDArray& K);
