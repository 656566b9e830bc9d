// Flatten: a reshape to (batch, everything else).
#include "d2l/gluon/nn/flatten.hpp"

#include "ndarray/impl.hpp"

namespace d2l::gluon::nn {

NDArray Flatten::forward(const NDArray& x) {
  detail::defined(x, "nn::Flatten");
  if (x.ndim() < 1) {
    detail::fail("nn::Flatten", "expects input of shape (batch, ...), got ",
                 shape_str(x.shape()));
  }
  int64_t rest = 1;  // the product of the other axes (known even when N = 0)
  for (int i = 1; i < x.ndim(); ++i) rest *= x.shape()[i];
  return x.reshape({x.shape()[0], rest});
}

std::string Flatten::repr() const { return "Flatten"; }

}  // namespace d2l::gluon::nn
