// The reference answer to avg_pool_weight.cpp.
#include "avg_pool_weight.hpp"

#include "d2l/d2l.hpp"

using namespace d2l;

NDArray avg_pool_weight(int64_t c, int64_t p_h, int64_t p_w) {
  auto weight = nd::zeros({c, c, p_h, p_w});
  for (int64_t i = 0; i < c; ++i)  // channel i only reads channel i, with equal weights
    weight[{i, i}] = 1.0f / static_cast<float>(p_h * p_w);
  return weight;
}
