// Exercise 2 of "Convolutions for Images": book::corr2d reads each window's
// sum out with asscalar(), so autograd loses track and MyConv2D cannot be
// trained. Loop over the k_h * k_w kernel entries instead of the outputs: the
// entry K[a, b] multiplies the slice of X that starts at row a and column b
// and has the output's shape; the sum of these products is the output. The
// check then trains a MyConv2D-like kernel with your function.
//
// Check it: bash scripts/exercise.sh corr2d_autograd
#include "corr2d_autograd.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

NDArray corr2d_autograd(const NDArray& X, const NDArray& K) {
  exercise::todo("corr2d_autograd");  // your answer here: replace this line
}
