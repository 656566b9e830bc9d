// The reference answer to conv1x1_matmul.cpp.
#include "conv1x1_matmul.hpp"

#include "d2l/d2l.hpp"

using namespace d2l;

NDArray conv1x1_matmul(const NDArray& X, const NDArray& K) {
  const int64_t c_i = X.shape()[0], h = X.shape()[1], w = X.shape()[2];
  const int64_t c_o = K.shape()[0];
  // (c_o, c_i) x (c_i, h w): one column per pixel, in row-major order
  auto Y = nd::dot(K.reshape({c_o, c_i}), X.reshape({c_i, h * w}));
  return Y.reshape({c_o, h, w});
}
