// The reference answer to sigmoid_grad.cpp.
#include "sigmoid_grad.hpp"

#include "d2l/d2l.hpp"

using namespace d2l;

NDArray sigmoid_grad(const NDArray& x) {
  NDArray v = x.copy();  // our own leaf, so the caller's x gets no gradient buffer
  v.attach_grad();
  NDArray y;
  {
    autograd::record rec;
    y = nd::sigmoid(v);
  }
  y.backward();  // y is not a scalar: backward sums it, and each y_i depends on v_i only
  return v.grad();
}
