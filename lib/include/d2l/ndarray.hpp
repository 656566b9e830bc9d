#pragma once
/// @file ndarray.hpp
/// NDArray: an n-dimensional array of float32 on a device, with autograd.

#include <cstdint>
#include <initializer_list>
#include <iosfwd>
#include <memory>
#include <optional>
#include <vector>

#include "d2l/device.hpp"
#include "d2l/shape.hpp"

namespace d2l {

namespace detail {
struct ArrayImpl;
}

/// How backward() stores a gradient into an array that called attach_grad().
enum class GradReq {
  write,  ///< overwrite the gradient on every backward (the default)
  add,    ///< add to the gradient (accumulate over several backward calls)
  null    ///< compute no gradient for this array
};

/// A half-open range `[start, stop)` along one axis, as Python's `start:stop`.
/// Missing ends mean "from the beginning" and "to the end"; negative values
/// count from the end.
struct Slice {
  std::optional<int64_t> start;
  std::optional<int64_t> stop;
};

/// One entry of an index: an integer (selects one position and drops the
/// axis, as `X[1]`) or a Slice (keeps the axis, as `X[1:3]`).
struct Index {
  bool is_integer = false;
  int64_t integer = 0;
  Slice range;
  Index(int i) : is_integer(true), integer(i) {}      // NOLINT
  Index(int64_t i) : is_integer(true), integer(i) {}  // NOLINT
  Index(Slice s) : range(s) {}                        // NOLINT
};

class NDArray;

/// What `X[{...}]` returns on a non-const array: reading it copies the selected
/// elements into a new array; assigning to it writes into `X` in place.
class SliceRef {
 public:
  SliceRef(NDArray target, std::vector<Index> index);
  /// Sets every selected element: `X[{slice(1, 2), all}] = 12`.
  SliceRef& operator=(float value);
  /// Writes `value` (broadcast to the selection's shape) into the selection.
  SliceRef& operator=(const NDArray& value);
  SliceRef& operator=(const SliceRef& other);
  /// The selected elements as a new array (recorded by autograd).
  NDArray get() const;
  operator NDArray() const;  // NOLINT: reading a slice gives an array
  /// The shape the selection has.
  Shape shape() const;

 private:
  std::shared_ptr<detail::ArrayImpl> target_;
  std::vector<Index> index_;
};

/// An n-dimensional array of float32 values on one device.
///
/// An NDArray is a handle, as in MXNet and NumPy: copying the handle shares
/// the elements (`auto Y = X;` then `Y += 1` changes X too); `X.copy()` makes
/// new storage. `Y = Y + X` computes a new array and rebinds Y to it, while
/// `Y += X` and `nd::elemwise_add(X, Y, Z)` write into existing storage.
class NDArray {
 public:
  /// An empty handle; `defined()` is false until an array is assigned.
  NDArray();
  /// A 1-D array from values: `NDArray{1, 2, 3}`.
  NDArray(std::initializer_list<float> values);
  /// A 2-D array from rows: `NDArray{{1, 2}, {3, 4}}`. Rows must be equally long.
  NDArray(std::initializer_list<std::initializer_list<float>> rows);
  /// A 3-D array from matrices.
  NDArray(std::initializer_list<std::initializer_list<std::initializer_list<float>>>
              matrices);
  /// An array of the given shape holding `values` (row-major) on `device`.
  NDArray(const std::vector<float>& values, const Shape& shape, Device device = cpu());

  // ---- what it is --------------------------------------------------------
  bool defined() const { return impl_ != nullptr; }
  const Shape& shape() const;
  /// Number of elements.
  int64_t size() const;
  /// Number of axes.
  int ndim() const;
  Device context() const;
  /// The address of the storage: equal for two handles to the same elements,
  /// different after an operation that allocates (the book's `id(Y)`).
  const void* storage_id() const;

  // ---- values ------------------------------------------------------------
  /// The single value of a one-element array (MXNet's `asscalar()`).
  float asscalar() const;
  float item() const { return asscalar(); }
  /// All values, row-major, copied to the host.
  std::vector<float> to_vector() const;
  /// Pointer to the first element; only for arrays in host memory (`cpu()`).
  const float* data() const;
  float* data();

  // ---- new arrays from this one ------------------------------------------
  /// The same elements seen with another shape (storage is shared, nothing is
  /// copied); one axis may be -1 and is inferred.
  NDArray reshape(const Shape& shape) const;
  /// A new array with its own storage and the same values.
  NDArray copy() const;
  /// This array on `device` (the same handle when it is already there).
  NDArray as_in_context(Device device) const;
  /// The same storage, cut off from the autograd graph.
  NDArray detach() const;
  /// Transpose: reverses the axes (a copy).
  NDArray T() const;

  // ---- common reductions and math as methods (see nd:: for the full set) --
  NDArray sum(const Axes& axes = {}, bool keepdims = false) const;
  NDArray mean(const Axes& axes = {}, bool keepdims = false) const;
  NDArray max(const Axes& axes = {}, bool keepdims = false) const;
  NDArray min(const Axes& axes = {}, bool keepdims = false) const;
  NDArray argmax(int axis, bool keepdims = false) const;
  /// The L2 norm of all elements, a one-element array.
  NDArray norm() const;
  NDArray exp() const;

  // ---- indexing ----------------------------------------------------------
  /// Reads or writes a selection: `X[{1}]`, `X[{slice(1, 3)}]`,
  /// `X[{slice(1, 2), all}] = 12`.
  SliceRef operator[](std::vector<Index> index);
  NDArray operator[](std::vector<Index> index) const;

  // ---- in place: these write into this array's storage --------------------
  NDArray& operator+=(const NDArray& other);
  NDArray& operator-=(const NDArray& other);
  NDArray& operator*=(const NDArray& other);
  NDArray& operator/=(const NDArray& other);
  NDArray& operator+=(float value);
  NDArray& operator-=(float value);
  NDArray& operator*=(float value);
  NDArray& operator/=(float value);
  /// Copies `value` (broadcast to this shape) into this array's storage, as
  /// `x[:] = value` does in Python.
  NDArray& assign(const NDArray& value);
  NDArray& assign(float value);

  // ---- autograd ------------------------------------------------------------
  /// Allocates a gradient buffer: backward() will fill `grad()` for this array.
  /// Also makes this array a leaf (it forgets how it was computed).
  void attach_grad(GradReq req = GradReq::write);
  /// The gradient written by the last backward(); an error before attach_grad.
  NDArray grad() const;
  GradReq grad_req() const;
  /// Back-propagates from this array: d(this)/d(x) lands in x.grad() for every
  /// x with an attached gradient. A non-scalar array is summed first, unless
  /// `head_grad` (same shape as this array) weights the elements. The graph is
  /// freed afterwards unless `retain_graph` is true.
  void backward(const NDArray& head_grad = NDArray(), bool retain_graph = false) const;

  /// For the library's own use: the shared state behind the handle.
  explicit NDArray(std::shared_ptr<detail::ArrayImpl> impl);
  const std::shared_ptr<detail::ArrayImpl>& impl() const { return impl_; }

 private:
  std::shared_ptr<detail::ArrayImpl> impl_;
};

/// Prints an array the way MXNet does: values, then `<NDArray 2x3 @cpu(0)>`.
std::ostream& operator<<(std::ostream& os, const NDArray& x);
std::ostream& operator<<(std::ostream& os, const SliceRef& x);

namespace nd {

/// A slice along one axis, `start:stop` in Python: `nd::slice(1, 3)`.
inline Slice slice(int64_t start, int64_t stop) { return Slice{start, stop}; }
/// From `start` to the end of the axis: `start:`.
inline Slice slice_from(int64_t start) { return Slice{start, std::nullopt}; }
/// The whole axis: `:`.
inline const Slice all{};

}  // namespace nd

using nd::all;
using nd::slice;

}  // namespace d2l
