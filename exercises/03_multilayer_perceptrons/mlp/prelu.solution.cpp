// The reference answer to prelu.cpp.
#include "prelu.hpp"

#include "d2l/d2l.hpp"

using namespace d2l;

NDArray prelu(const NDArray& x, float alpha) {
  return nd::maximum(x, 0.0f) + alpha * nd::minimum(x, 0.0f);
}

NDArray prelu_grad(const NDArray& x, float alpha) {
  NDArray v = x.copy();  // leave the caller's array as it was
  v.attach_grad();
  NDArray y;
  {
    autograd::record rec;
    y = prelu(v, alpha);
  }
  y.backward();  // y is not a scalar: its elements' gradients are summed
  return v.grad();
}
