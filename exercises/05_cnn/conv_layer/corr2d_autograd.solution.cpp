// The reference answer to corr2d_autograd.cpp.
#include "corr2d_autograd.hpp"

#include "d2l/d2l.hpp"

using namespace d2l;

NDArray corr2d_autograd(const NDArray& X, const NDArray& K) {
  const int64_t k_h = K.shape()[0], k_w = K.shape()[1];
  const int64_t o_h = X.shape()[0] - k_h + 1, o_w = X.shape()[1] - k_w + 1;
  NDArray Y = nd::zeros({o_h, o_w});
  for (int64_t a = 0; a < k_h; ++a)
    for (int64_t b = 0; b < k_w; ++b)  // K[a, b] weighs the slice shifted by (a, b)
      Y = Y + X[{slice(a, a + o_h), slice(b, b + o_w)}] *
                  K[{slice(a, a + 1), slice(b, b + 1)}];
  return Y;
}
