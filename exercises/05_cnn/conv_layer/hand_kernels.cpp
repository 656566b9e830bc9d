// Exercise 4 of "Convolutions for Images": the edge kernel [1, -1] was designed
// by hand, as a first difference along a row. Design two more: the second
// difference along a row (the difference of two neighbouring first
// differences), and a blur that replaces each pixel by the mean of a 3x3
// neighbourhood.
//
// Check it: bash scripts/exercise.sh hand_kernels
#include "hand_kernels.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

NDArray second_derivative_kernel() {
  exercise::todo("second_derivative_kernel");  // your answer here: replace this line
}

NDArray blur_kernel() {
  exercise::todo("blur_kernel");  // your answer here: replace this line
}
