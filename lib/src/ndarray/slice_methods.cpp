// The reading methods of a slice `X[{...}]`: each reads the selection afresh
// (SliceRef::get(), a recorded slice) and calls the NDArray method. Why they
// are repeated at all: C++ converts arguments, never the object of a member call.
#include "d2l/ndarray.hpp"

namespace d2l {

int64_t SliceRef::size() const { return shape_size(shape()); }
int SliceRef::ndim() const { return int(shape().size()); }
Device SliceRef::context() const { return NDArray(target_).context(); }
float SliceRef::asscalar() const { return get().asscalar(); }
float SliceRef::item() const { return get().asscalar(); }
std::vector<float> SliceRef::to_vector() const { return get().to_vector(); }
NDArray SliceRef::reshape(const Shape& shape) const { return get().reshape(shape); }
NDArray SliceRef::copy() const { return get(); }  // a read is already a copy
NDArray SliceRef::as_in_context(Device d) const { return get().as_in_context(d); }
NDArray SliceRef::detach() const { return get().detach(); }
NDArray SliceRef::T() const { return get().T(); }
NDArray SliceRef::sum(const Axes& a, bool k) const { return get().sum(a, k); }
NDArray SliceRef::mean(const Axes& a, bool k) const { return get().mean(a, k); }
NDArray SliceRef::max(const Axes& a, bool k) const { return get().max(a, k); }
NDArray SliceRef::min(const Axes& a, bool k) const { return get().min(a, k); }
NDArray SliceRef::argmax(int axis, bool k) const { return get().argmax(axis, k); }
NDArray SliceRef::norm() const { return get().norm(); }
NDArray SliceRef::exp() const { return get().exp(); }
NDArray SliceRef::log() const { return get().log(); }
NDArray SliceRef::abs() const { return get().abs(); }
NDArray SliceRef::take(const NDArray& idx, int axis) const {
  return get().take(idx, axis);
}
NDArray SliceRef::astype(std::string_view dtype) const { return get().astype(dtype); }
RowIterator SliceRef::begin() const { return get().begin(); }
RowIterator SliceRef::end() const { return get().end(); }

}  // namespace d2l
