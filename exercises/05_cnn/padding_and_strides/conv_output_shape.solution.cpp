// The reference answer to conv_output_shape.cpp.
#include "conv_output_shape.hpp"

#include "d2l/d2l.hpp"

using namespace d2l;

Shape conv_output_shape(int64_t n_h, int64_t n_w, int64_t k_h, int64_t k_w, int64_t p_h,
                        int64_t p_w, int64_t s_h, int64_t s_w) {
  // floor((n - k + 2p + s) / s) along each axis; integer division rounds down
  return {(n_h - k_h + 2 * p_h + s_h) / s_h, (n_w - k_w + 2 * p_w + s_w) / s_w};
}
