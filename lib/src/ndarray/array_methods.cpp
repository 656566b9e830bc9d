// Methods the book calls on arrays (x.log(), x.abs(), x.take(idx),
// x.astype('float32')), each a thin call of the nd:: function of the same name.
#include <string>

#include "d2l/ops.hpp"
#include "ndarray/impl.hpp"

namespace d2l {

NDArray NDArray::log() const { return nd::log(*this); }
NDArray NDArray::abs() const { return nd::abs(*this); }
NDArray NDArray::take(const NDArray& indices, int axis) const {
  return nd::take(*this, indices, axis);
}

NDArray NDArray::astype(std::string_view dtype) const {
  detail::defined(*this, "astype");
  if (dtype != "float32") {
    detail::fail("astype", "an NDArray holds float32 only, so astype(\"", dtype,
                 "\") cannot convert it (one element type keeps the kernels small; "
                 "labels and indices are float32 too). Write astype(\"float32\"), "
                 "which copies, or leave the call out");
  }
  return copy();
}

}  // namespace d2l
