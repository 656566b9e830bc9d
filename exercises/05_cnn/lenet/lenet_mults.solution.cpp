// The reference answer to lenet_mults.cpp.
#include "lenet_mults.hpp"

#include "d2l/d2l.hpp"

std::vector<int64_t> lenet_mults(int64_t side) {
  // a convolution: c_out * h_out * w_out output values, each c_in * 5 * 5 products
  const int64_t h1 = side - 4;    // conv1 output, then pooled to h1 / 2
  const int64_t h2 = h1 / 2 - 4;  // conv2 output, then pooled to h2 / 2
  const int64_t flat = 16 * (h2 / 2) * (h2 / 2);
  return {6 * h1 * h1 * 1 * 25, 16 * h2 * h2 * 6 * 25, flat * 120, 120 * 84, 84 * 10};
}
