// The reference answer to ridge_gd.cpp.
#include "ridge_gd.hpp"

#include "d2l/d2l.hpp"

using namespace d2l;

std::pair<NDArray, float> ridge_gd(const NDArray& X, const NDArray& y, float lambd,
                                   float lr, int steps) {
  const float n = float(X.shape()[0]);
  NDArray w = nd::zeros({X.shape()[1]});
  float b = 0;
  for (int step = 0; step < steps; ++step) {
    NDArray err = nd::dot(X, w) + b - y;               // (n,)
    NDArray grad_w = nd::dot(err, X) / n + lambd * w;  // (d,)
    float grad_b = err.mean().asscalar();
    w = w - lr * grad_w;
    b -= lr * grad_b;
  }
  return {w, b};
}
