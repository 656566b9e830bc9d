// The reference answer to conv_cost.cpp.
#include "conv_cost.hpp"

#include "d2l/d2l.hpp"

int64_t conv_mults(int64_t c_i, int64_t c_o, int64_t h, int64_t w, int64_t k_h,
                   int64_t k_w) {
  // c_o * h * w output values, each a sum of c_i * k_h * k_w products
  return c_o * h * w * c_i * k_h * k_w;
}

int64_t conv_params(int64_t c_i, int64_t c_o, int64_t k_h, int64_t k_w) {
  // a (c_o, c_i, k_h, k_w) kernel and c_o biases
  return c_o * c_i * k_h * k_w + c_o;
}
