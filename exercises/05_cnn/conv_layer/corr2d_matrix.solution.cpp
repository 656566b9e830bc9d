// The reference answer to corr2d_matrix.cpp.
#include "corr2d_matrix.hpp"

#include "d2l/d2l.hpp"

using namespace d2l;

NDArray corr2d_matrix(int64_t n_h, int64_t n_w, const NDArray& K) {
  const int64_t k_h = K.shape()[0], k_w = K.shape()[1];
  const int64_t o_h = n_h - k_h + 1, o_w = n_w - k_w + 1;
  auto M = nd::zeros({o_h * o_w, n_h * n_w});
  for (int64_t i = 0; i < o_h; ++i)
    for (int64_t j = 0; j < o_w; ++j)  // output (i, j) is row i * o_w + j
      for (int64_t a = 0; a < k_h; ++a)
        for (int64_t b = 0; b < k_w; ++b)  // it reads pixel (i + a, j + b)
          M[{i * o_w + j, (i + a) * n_w + (j + b)}] = K[{a, b}].asscalar();
  return M;
}
