// nd::softrelu: log(1 + exp(x)) written stably, recorded as one op whose
// gradient is sigmoid(x).
#include "d2l/autograd.hpp"
#include "d2l/nn_ops.hpp"
#include "d2l/ops.hpp"
#include "ndarray/impl.hpp"

namespace d2l::nd {

NDArray softrelu(const NDArray& x) {
  detail::defined(x, "softrelu");
  NDArray y;
  {
    autograd::pause no_record(autograd::is_training());
    // max(x, 0) + log(1 + exp(-|x|)): exp never overflows.
    y = relu(x) + log(1.0f + exp(-abs(x)));
  }
  NDArray x_value = x.detach();
  return detail::record_op("softrelu", y, {x},
                           [x_value](const NDArray& g) -> std::vector<NDArray> {
                             return {g * sigmoid(x_value)};
                           });
}

}  // namespace d2l::nd
