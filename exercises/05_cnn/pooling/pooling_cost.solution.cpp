// The reference answer to pooling_cost.cpp.
#include "pooling_cost.hpp"

int64_t pooled_side(int64_t n, int64_t p, int64_t pad, int64_t s) {
  return (n + 2 * pad - p) / s + 1;  // windows that fit, one every s pixels
}

int64_t pooling_reads(int64_t c, int64_t h, int64_t w, int64_t p_h, int64_t p_w,
                      int64_t pad_h, int64_t pad_w, int64_t s_h, int64_t s_w) {
  const int64_t outputs =
      c * pooled_side(h, p_h, pad_h, s_h) * pooled_side(w, p_w, pad_w, s_w);
  return outputs * p_h * p_w;
}
