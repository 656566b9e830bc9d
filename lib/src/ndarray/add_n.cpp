// add_n: the sum of any number of arrays of one shape in one op (MXNet's
// nd.add_n), with its gradient: every input receives the output's gradient.
#include "d2l/ops.hpp"
#include "ndarray/impl.hpp"

namespace d2l::nd {

using detail::fail;

NDArray add_n(const std::vector<NDArray>& arrays) {
  if (arrays.empty()) fail("add_n", "needs at least one array");
  Device d = detail::common_device("add_n", arrays);
  const Shape& shape = arrays[0].shape();
  for (size_t i = 1; i < arrays.size(); ++i) {
    if (arrays[i].shape() != shape) {
      fail("add_n", "array ", i, " has shape ", shape_str(arrays[i].shape()),
           " but array 0 has shape ", shape_str(shape),
           "; add_n adds arrays of one shape (write a + b to broadcast)");
    }
  }
  NDArray y = detail::empty(shape, d);
  kernels::copy(d, detail::ptr(arrays[0]), detail::ptr(y), y.size());
  auto plan = kernels::plan_broadcast(shape, shape, shape);
  for (size_t i = 1; i < arrays.size(); ++i) {
    kernels::binary(d, kernels::Binary::add, detail::ptr(y), detail::ptr(arrays[i]),
                    detail::ptr(y), plan);
  }
  const size_t n = arrays.size();
  return detail::record_op("add_n", y, arrays,
                           [n](const NDArray& g) -> std::vector<NDArray> {
                             return std::vector<NDArray>(n, g);
                           });
}

}  // namespace d2l::nd
