// Exercise 5 of "Convolutions for Images": each output of a cross-correlation
// is a weighted sum of input pixels, with weights from the kernel, so the whole
// operation is linear in the image and therefore a matrix. Build that matrix:
// one row per output entry, one column per input pixel (both flattened row by
// row), holding the kernel entry that multiplies that pixel, or 0.
//
// Check it: bash scripts/exercise.sh corr2d_matrix
#include "corr2d_matrix.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

NDArray corr2d_matrix(int64_t n_h, int64_t n_w, const NDArray& K) {
  exercise::todo("corr2d_matrix");  // your answer here: replace this line
}
