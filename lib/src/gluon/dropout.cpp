// Dropout: a random keep-mask scaled by 1 / (1 - rate), in training only.
#include "d2l/gluon/nn/dropout.hpp"

#include <sstream>

#include "d2l/autograd.hpp"
#include "d2l/ops.hpp"
#include "ndarray/impl.hpp"

namespace d2l::gluon::nn {

Dropout::Dropout(float rate) : rate_(rate) {
  if (!(rate >= 0 && rate <= 1)) {
    detail::fail("nn::Dropout", "rate must be in [0, 1], got ", rate);
  }
}

NDArray Dropout::forward(const NDArray& x) {
  detail::defined(x, "nn::Dropout");
  if (!autograd::is_training() || rate_ == 0) return x;
  if (rate_ == 1) return x * 0.0f;  // everything dropped (and no 1/0 scale)
  // mask = (u >= rate) / (1 - rate) for u ~ U[0, 1): kept with probability 1 - rate.
  NDArray mask = nd::greater_equal(nd::random::uniform(0, 1, x.shape(), x.context()),
                                   nd::full({}, rate_, x.context()));
  mask *= 1.0f / (1.0f - rate_);
  return x * mask;  // the mask is a constant: the gradient is g * mask
}

std::string Dropout::repr() const {
  std::ostringstream os;
  os << "Dropout(p = " << rate_ << ", axes=())";
  return os.str();
}

}  // namespace d2l::gluon::nn
