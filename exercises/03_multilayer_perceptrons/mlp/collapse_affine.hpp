// Exercise 5: two affine layers without an activation are one affine layer.
#pragma once
#include <utility>

#include "d2l/ndarray.hpp"

/// The weight W and bias b of the one affine layer X W + b that equals
/// (X W1 + b1) W2 + b2 for every X; W1 is (d, h), b1 (h,), W2 (h, q), b2 (q,).
/// Returns {W of shape (d, q), b of shape (q,)}.
std::pair<d2l::NDArray, d2l::NDArray> collapse_affine(const d2l::NDArray& W1,
                                                      const d2l::NDArray& b1,
                                                      const d2l::NDArray& W2,
                                                      const d2l::NDArray& b2);
