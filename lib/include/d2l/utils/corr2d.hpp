#pragma once
/// @file corr2d.hpp
/// Two-dimensional cross-correlation written with two loops, as the section on
/// convolutions builds it (the book's d2lzh `corr2d`).

#include "d2l/ndarray.hpp"

namespace d2l::book {

/// The cross-correlation of a matrix with a kernel, one output entry at a time:
/// `(n_h, n_w) x (k_h, k_w) -> (n_h - k_h + 1, n_w - k_w + 1)`. Made for reading,
/// not speed: `nd::convolution` computes the same on batches of images.
NDArray corr2d(const NDArray& X, const NDArray& K);

}  // namespace d2l::book
