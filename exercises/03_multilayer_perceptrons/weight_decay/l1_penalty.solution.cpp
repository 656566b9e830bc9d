// The reference answer to l1_penalty.cpp.
#include "l1_penalty.hpp"

#include "d2l/d2l.hpp"

using namespace d2l;

NDArray l1_penalty(const NDArray& w, float lambd) { return lambd * nd::abs(w).sum(); }

NDArray l1_sgd_step(const NDArray& w, const NDArray& grad, float lr, float lambd) {
  NDArray sign = (w > 0.0f) - (w < 0.0f);  // +1, -1, or 0 at 0
  return w - lr * (grad + lambd * sign);
}
