// The reference answer to abs_loss.cpp.
#include "abs_loss.hpp"

#include "d2l/d2l.hpp"

using namespace d2l;

NDArray abs_loss(const NDArray& y_hat, const NDArray& y) {
  return nd::abs(y_hat - y.reshape(y_hat.shape()));
}

NDArray abs_loss_grad(const NDArray& y_hat, const NDArray& y) {
  NDArray diff = y_hat - y.reshape(y_hat.shape());
  return nd::greater(diff, nd::zeros_like(diff)) - nd::lesser(diff, nd::zeros_like(diff));
}
