#include "d2l/utils/corr2d.hpp"

#include "d2l/ops.hpp"

namespace d2l::book {

// [corr2d]
// (n_h, n_w) x (k_h, k_w) -> (n_h - k_h + 1, n_w - k_w + 1)
NDArray corr2d(const NDArray& X, const NDArray& K) {
  const int64_t h = K.shape()[0], w = K.shape()[1];
  auto Y = nd::zeros({X.shape()[0] - h + 1, X.shape()[1] - w + 1});
  for (int64_t i = 0; i < Y.shape()[0]; ++i) {
    for (int64_t j = 0; j < Y.shape()[1]; ++j) {
      NDArray window = X[{slice(i, i + h), slice(j, j + w)}];
      Y[{i, j}] = (window * K).sum().asscalar();
    }
  }
  return Y;
}
// [corr2d]

}  // namespace d2l::book
