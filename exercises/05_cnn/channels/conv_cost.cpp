// Exercise 1 of "Multiple Input and Multiple Output Channels": work out what a
// convolution layer costs. Each output value sums over every input channel and
// every kernel position; there is one such value per output channel and pixel.
// Then count the weights of the kernel tensor and the biases.
//
// Check it: bash scripts/exercise.sh conv_cost
#include "conv_cost.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

int64_t conv_mults(int64_t c_i, int64_t c_o, int64_t h, int64_t w, int64_t k_h,
                   int64_t k_w) {
  exercise::todo("conv_mults");  // your answer here: replace this line
}

int64_t conv_params(int64_t c_i, int64_t c_o, int64_t k_h, int64_t k_w) {
  exercise::todo("conv_params");  // your answer here: replace this line
}
