// The reference answer to hand_kernels.cpp.
#include "hand_kernels.hpp"

#include "d2l/d2l.hpp"

using namespace d2l;

NDArray second_derivative_kernel() {
  // (x[j+2] - x[j+1]) - (x[j+1] - x[j]): the difference of two first differences
  return NDArray{{1, -2, 1}};
}

NDArray blur_kernel() {
  return nd::ones({3, 3}) / 9.0f;  // nine equal weights that sum to 1
}
