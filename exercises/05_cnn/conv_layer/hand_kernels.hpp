// Exercise 4: kernels designed by hand, a second derivative along a row and a 3x3 blur.
#pragma once
#include "d2l/ndarray.hpp"

/// A kernel K such that book::corr2d(X, K) is the second difference along each
/// row, X[i, j] - 2 X[i, j + 1] + X[i, j + 2] (up to where it is placed): 2 on
/// rows that hold j^2, 0 on constant or linear rows, blind to changes down a column.
d2l::NDArray second_derivative_kernel();

/// A 3x3 kernel K such that book::corr2d(X, K) is the mean of each 3x3 window.
d2l::NDArray blur_kernel();
