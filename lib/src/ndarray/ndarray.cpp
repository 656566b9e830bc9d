// The NDArray handle: construction, shape and values, reshape, copies between
// devices, and the in-place operators.
#include "d2l/ndarray.hpp"

#include <algorithm>
#include <utility>

#include "core/shape_check.hpp"
#include "d2l/autograd.hpp"
#include "d2l/ops.hpp"
#include "ndarray/impl.hpp"

namespace d2l {

using detail::ArrayImpl;
using detail::fail;

namespace detail {

NDArray empty(const Shape& shape, Device device) {
  const int64_t n = checked_size(shape, "empty");
  auto impl = std::make_shared<ArrayImpl>();
  impl->storage = allocate(n, device);
  impl->shape = shape;
  return NDArray(impl);
}

const NDArray& defined(const NDArray& x, const char* op) {
  if (!x.defined()) fail(op, "the array is empty (a default-constructed NDArray)");
  return x;
}

Device common_device(const char* op, const std::vector<NDArray>& arrays) {
  if (arrays.empty()) fail(op, "needs at least one array");
  Device d = device_of(defined(arrays[0], op));
  for (const auto& a : arrays) {
    if (device_of(defined(a, op)) != d) {
      fail(op, "arrays live on different devices (", d.str(), " and ", device_of(a).str(),
           "); move one with as_in_context()");
    }
  }
  return d;
}

}  // namespace detail

NDArray::NDArray() = default;
NDArray::NDArray(std::shared_ptr<ArrayImpl> impl) : impl_(std::move(impl)) {}

NDArray::NDArray(const std::vector<float>& values, const Shape& shape, Device device) {
  if (int64_t(values.size()) != shape_size(shape)) {
    fail("array", values.size(), " values cannot fill shape ", shape_str(shape),
         ", which holds ", shape_size(shape));
  }
  *this = detail::empty(shape, device);
  kernels::transfer(values.data(), cpu(), detail::ptr(*this), device,
                    int64_t(values.size()));
}

const Shape& NDArray::shape() const {
  return detail::defined(*this, "shape").impl_->shape;
}
int64_t NDArray::size() const { return shape_size(shape()); }
int NDArray::ndim() const { return int(shape().size()); }
Device NDArray::context() const {
  return detail::device_of(detail::defined(*this, "context"));
}
const void* NDArray::storage_id() const {
  return detail::defined(*this, "storage_id").impl_->storage->ptr;
}

float NDArray::asscalar() const {
  if (size() != 1) {
    fail("asscalar", "the array has shape ", shape_str(shape()), " and ", size(),
         " elements; only a one-element array converts to a scalar");
  }
  float v = 0;
  kernels::transfer(detail::ptr(*this), context(), &v, cpu(), 1);
  return v;
}

std::vector<float> NDArray::to_vector() const {
  std::vector<float> v(static_cast<size_t>(size()));
  kernels::transfer(detail::ptr(*this), context(), v.data(), cpu(), size());
  return v;
}

const float* NDArray::data() const {
  if (context().type != DeviceType::cpu) {
    fail("data", "the array lives on ", context().str(),
         "; copy it to the host with as_in_context(cpu()) first");
  }
  return detail::ptr(*this);
}
float* NDArray::data() {
  const float* p = std::as_const(*this).data();
  detail::mark_written(*this);  // the caller may write through the pointer
  return const_cast<float*>(p);
}

NDArray NDArray::reshape(const Shape& new_shape) const {
  Shape s = new_shape;
  int infer = -1;
  int64_t known = 1;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == -1) {
      if (infer >= 0) fail("reshape", "only one axis may be -1 in ", shape_str(s));
      infer = int(i);
    } else if (s[i] < 0) {
      fail("reshape", "invalid axis length ", s[i], " in ", shape_str(s));
    } else if (__builtin_mul_overflow(known, s[i], &known)) {
      fail("reshape", "the shape ", shape_str(s),
           " has more elements than an array can hold (2^63)");
    }
  }
  if (infer >= 0) {
    if (known == 0 || size() % known != 0) {
      fail("reshape", "cannot infer -1 in ", shape_str(new_shape), " for ", size(),
           " elements (shape ", shape_str(shape()), ")");
    }
    s[infer] = size() / known;
  }
  if (shape_size(s) != size()) {
    fail("reshape", "cannot view shape ", shape_str(shape()), " (", size(),
         " elements) as ", shape_str(new_shape), " (", shape_size(s), " elements)");
  }
  auto impl = std::make_shared<ArrayImpl>();
  impl->storage = impl_->storage;  // a view: the same elements
  impl->shape = s;
  Shape old = shape();
  return detail::record_op(
      "reshape", NDArray(impl), {*this},
      [old](const NDArray& g) -> std::vector<NDArray> { return {g.reshape(old)}; });
}

NDArray NDArray::copy() const {
  NDArray out = detail::empty(shape(), context());
  kernels::copy(context(), detail::ptr(*this), detail::ptr(out), size());
  return detail::record_op("copy", out, {*this},
                           [](const NDArray& g) -> std::vector<NDArray> { return {g}; });
}

NDArray NDArray::copyto(Device device) const {
  return context() == device ? copy() : as_in_context(device);
}

NDArray NDArray::as_in_context(Device device) const {
  if (context() == device) return *this;
  NDArray out = detail::empty(shape(), device);
  kernels::transfer(detail::ptr(*this), context(), detail::ptr(out), device, size());
  Device from = context();
  return detail::record_op("as_in_context", out, {*this},
                           [from](const NDArray& g) -> std::vector<NDArray> {
                             return {g.as_in_context(from)};
                           });
}

NDArray NDArray::detach() const {
  auto impl = std::make_shared<ArrayImpl>();
  impl->storage = detail::defined(*this, "detach").impl_->storage;
  impl->shape = impl_->shape;
  return NDArray(impl);
}

NDArray NDArray::T() const { return nd::transpose(*this); }
NDArray NDArray::sum(const Axes& a, bool k) const { return nd::sum(*this, a, k); }
NDArray NDArray::mean(const Axes& a, bool k) const { return nd::mean(*this, a, k); }
NDArray NDArray::max(const Axes& a, bool k) const { return nd::max(*this, a, k); }
NDArray NDArray::min(const Axes& a, bool k) const { return nd::min(*this, a, k); }
NDArray NDArray::argmax(int axis, bool k) const { return nd::argmax(*this, axis, k); }
NDArray NDArray::norm() const { return nd::norm(*this); }
NDArray NDArray::exp() const { return nd::exp(*this); }

// ---- in place ---------------------------------------------------------------

namespace {
void inplace(NDArray& target, const NDArray& other, kernels::Binary op,
             const char* name) {
  detail::prepare_inplace_write(target, {other}, name);
  Device d = detail::common_device(name, {target, other});
  Shape out = nd::broadcast_shapes(target.shape(), other.shape(), name);
  if (out != target.shape()) {
    fail(name, "the result would have shape ", shape_str(out),
         " but the array written in place has shape ", shape_str(target.shape()));
  }
  auto plan = kernels::plan_broadcast(target.shape(), other.shape(), out);
  kernels::binary(d, op, detail::ptr(target), detail::ptr(other), detail::ptr(target),
                  plan);
}
NDArray scalar_like(float v, const NDArray& x) { return nd::full({}, v, x.context()); }
}  // namespace

NDArray& NDArray::operator+=(const NDArray& o) {
  inplace(*this, o, kernels::Binary::add, "+=");
  return *this;
}
NDArray& NDArray::operator-=(const NDArray& o) {
  inplace(*this, o, kernels::Binary::sub, "-=");
  return *this;
}
NDArray& NDArray::operator*=(const NDArray& o) {
  inplace(*this, o, kernels::Binary::mul, "*=");
  return *this;
}
NDArray& NDArray::operator/=(const NDArray& o) {
  inplace(*this, o, kernels::Binary::div, "/=");
  return *this;
}
NDArray& NDArray::operator+=(float v) { return *this += scalar_like(v, *this); }
NDArray& NDArray::operator-=(float v) { return *this -= scalar_like(v, *this); }
NDArray& NDArray::operator*=(float v) { return *this *= scalar_like(v, *this); }
NDArray& NDArray::operator/=(float v) { return *this /= scalar_like(v, *this); }

NDArray& NDArray::assign(const NDArray& value) {
  NDArray v = nd::broadcast_to(detail::defined(value, "assign").as_in_context(context()),
                               shape());
  detail::write_box(*this, Shape(shape().size(), 0), shape(), v, "assign");
  return *this;
}
NDArray& NDArray::assign(float value) {
  // Zeroing a gradient or initializing a parameter is a plain fill; only a write
  // that autograd has to see (or refuse) goes through write_box, which needs the
  // value as an array of the target's shape.
  if (autograd::is_recording() &&
      detail::defined(*this, "assign").impl()->requires_grad()) {
    return assign(nd::full({}, value, context()));
  }
  kernels::fill(context(), detail::ptr(*this), size(), value);
  detail::mark_written(*this);
  return *this;
}

}  // namespace d2l
