#pragma once
/// @file ndarray.hpp
/// NDArray: an n-dimensional array of float32 on a device, with autograd.

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iosfwd>
#include <iterator>
#include <memory>
#include <optional>
#include <ranges>
#include <string_view>
#include <type_traits>
#include <utility>
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
  /// First position; none: the start of the axis.
  std::optional<int64_t> start;
  /// One past the last position; none: the end of the axis.
  std::optional<int64_t> stop;
};

/// One entry of an index: an integer (selects one position and drops the
/// axis, as `X[1]`) or a Slice (keeps the axis, as `X[1:3]`).
struct Index {
  /// True for an integer entry, false for a Slice.
  bool is_integer = false;
  /// The position, for an integer entry.
  int64_t integer = 0;
  /// The range, for a Slice entry.
  Slice range;
  /// An integer entry: `X[{1}]`.
  Index(int i) : is_integer(true), integer(i) {}  // NOLINT
  /// An integer entry from a 64-bit position.
  Index(int64_t i) : is_integer(true), integer(i) {}  // NOLINT
  /// A range entry: `X[{slice(1, 3)}]`.
  Index(Slice s) : range(s) {}  // NOLINT
};

class NDArray;
class RowIterator;

/// One entry of a braced array literal: a number, or a list of entries. It lets
/// one constructor take literals of any rank, `NDArray{1, 2}` (shape (2,)),
/// `NDArray{{10}}` (shape (1, 1)), `NDArray{{{1}, {2}}}` (shape (1, 2, 1)), as
/// Python's nested lists do; rows of different lengths are an error.
class NestedList {
 public:
  /// A number (converted to float32).
  NestedList(std::integral auto value) : value_(float(value)) {}  // NOLINT
  /// A floating-point number (converted to float32).
  NestedList(std::floating_point auto value) : value_(float(value)) {}  // NOLINT
  /// A list of entries: `{1, 2}` or `{{1, 2}, {3, 4}}`.
  NestedList(std::initializer_list<NestedList> items)  // NOLINT
      : items_(items), is_list_(true) {}

  /// True for a list of entries, false for a number.
  bool is_list() const { return is_list_; }
  /// The number, for a number entry.
  float value() const { return value_; }
  /// The entries, for a list.
  const std::vector<NestedList>& items() const { return items_; }

 private:
  std::vector<NestedList> items_;
  float value_ = 0;
  bool is_list_ = false;
};

namespace nd {
/// Element types as tags, for `x.astype(nd::float32)` (Python's `np.float32`).
/// An NDArray holds float32 only; the other tags exist so that `astype` can say
/// so at compile time instead of failing with an unknown name.
template <class T>
struct DType {};
/// The element type an NDArray holds: `x.astype(nd::float32)`.
inline constexpr DType<float> float32{};
/// float64, which NDArray does not hold: `astype` with it fails to compile.
inline constexpr DType<double> float64{};
/// int8, not held by NDArray (a compile-time error in `astype`).
inline constexpr DType<std::int8_t> int8{};
/// uint8, not held by NDArray (a compile-time error in `astype`).
inline constexpr DType<std::uint8_t> uint8{};
/// int32, not held by NDArray (a compile-time error in `astype`).
inline constexpr DType<std::int32_t> int32{};
/// int64, not held by NDArray (a compile-time error in `astype`).
inline constexpr DType<std::int64_t> int64{};
/// bool (NumPy's `np.bool_`), not held by NDArray: a compile-time error.
inline constexpr DType<bool> bool_{};
}  // namespace nd

/// What `X[{...}]` returns on a non-const array: reading it copies the selected
/// elements into a new array; assigning to it writes into `X` in place.
class SliceRef {
 public:
  /// The selection `index` of `target`; `X[{...}]` makes it.
  SliceRef(NDArray target, std::vector<Index> index);
  /// Sets every selected element: `X[{slice(1, 2), all}] = 12`.
  SliceRef& operator=(float value);
  /// Writes `value` (broadcast to the selection's shape) into the selection.
  SliceRef& operator=(const NDArray& value);
  /// Writes another selection's elements into this one: `X[{0}] = X[{1}]`.
  SliceRef& operator=(const SliceRef& other);
  /// The selected elements as a new array (recorded by autograd).
  NDArray get() const;
  /// Reads the selection, so a SliceRef goes wherever an NDArray is taken.
  operator NDArray() const;  // NOLINT: reading a slice gives an array
  /// The shape the selection has.
  Shape shape() const;

  // ---- reading: the selection as an array -----------------------------------
  // Functions and operators that take `const NDArray&` (`Y[{0}] * 2`,
  // `nd::dot`, `std::cout <<`, a learner's own functions) accept a SliceRef
  // through the conversion above. C++ never converts the object of a member
  // call, so the methods that read an array are repeated here, each one
  // `get().method(...)`, read afresh at every call (never a stale copy).
  // The in-place methods (+=, assign) are left out on purpose: on a copy they
  // would change nothing in X.
  /// Number of selected elements.
  int64_t size() const;
  /// Number of axes of the selection.
  int ndim() const;
  /// The device of the selected elements.
  Device context() const;
  /// The single value of a one-element selection.
  float asscalar() const;
  /// The same as asscalar().
  float item() const;
  /// The selected values, row-major, copied to the host.
  std::vector<float> to_vector() const;
  /// The selection as an array of another shape.
  NDArray reshape(const Shape& shape) const;
  /// The selection as a new array (as get()).
  NDArray copy() const;
  /// The selection as an array on `device`.
  NDArray as_in_context(Device device) const;
  /// The selection, cut off from the autograd graph.
  NDArray detach() const;
  /// The transpose of the selection.
  NDArray T() const;
  /// Sum of the selection over `axes` (every axis by default).
  NDArray sum(const Axes& axes = {}, bool keepdims = false) const;
  /// Mean of the selection over `axes`.
  NDArray mean(const Axes& axes = {}, bool keepdims = false) const;
  /// Largest value of the selection over `axes`.
  NDArray max(const Axes& axes = {}, bool keepdims = false) const;
  /// Smallest value of the selection over `axes`.
  NDArray min(const Axes& axes = {}, bool keepdims = false) const;
  /// Index of the selection's largest value along `axis`.
  NDArray argmax(int axis, bool keepdims = false) const;
  /// The L2 norm of the selection.
  NDArray norm() const;
  /// e^x of each selected element.
  NDArray exp() const;
  /// Natural logarithm of each selected element.
  NDArray log() const;
  /// Absolute value of each selected element.
  NDArray abs() const;
  /// Entries of the selection at `indices` along `axis`.
  NDArray take(const NDArray& indices, int axis = 0) const;
  /// A copy as `dtype`; only "float32" (see NDArray::astype).
  NDArray astype(std::string_view dtype) const;
  /// A copy as the tag's type; only nd::float32 compiles.
  template <class E>  // not T: NDArray::T() is the transpose
  NDArray astype(nd::DType<E> dtype) const;
  /// The rows of the selection (`for (auto v : Y[{0}])`).
  RowIterator begin() const;
  /// Past the last row of the selection.
  RowIterator end() const;

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
  /// An array from a nested literal of any rank, as Python's nested lists:
  /// `NDArray{1, 2, 3}` (shape (3,)), `NDArray{{1, 2}, {3, 4}}` (2, 2),
  /// `NDArray{{10}}` (1, 1), `NDArray{{{1, 2}}, {{3, 4}}}` (2, 1, 2). Each
  /// level's entries must have one shape (no ragged rows).
  NDArray(std::initializer_list<NestedList> values);  // NOLINT
  /// An array of the given shape holding `values` (row-major) on `device`.
  NDArray(const std::vector<float>& values, const Shape& shape, Device device = cpu());

  // ---- what it is --------------------------------------------------------
  /// False for an empty handle (`NDArray()`).
  bool defined() const { return impl_ != nullptr; }
  /// The length of each axis.
  const Shape& shape() const;
  /// Number of elements.
  int64_t size() const;
  /// Number of axes.
  int ndim() const;
  /// The device the elements live on (MXNet's `x.context`).
  Device context() const;
  /// The address of the storage: equal for two handles to the same elements,
  /// different after an operation that allocates (the book's `id(Y)`).
  const void* storage_id() const;

  // ---- values ------------------------------------------------------------
  /// The single value of a one-element array (MXNet's `asscalar()`).
  float asscalar() const;
  /// The same as asscalar() (NumPy's spelling).
  float item() const { return asscalar(); }
  /// All values, row-major, copied to the host.
  std::vector<float> to_vector() const;
  /// Pointer to the first element; only for arrays in host memory (`cpu()`).
  const float* data() const;
  /// Writable pointer to the first element; host memory only.
  float* data();

  // ---- new arrays from this one ------------------------------------------
  /// The same elements seen with another shape (storage is shared, nothing is
  /// copied); one axis may be -1 and is inferred.
  NDArray reshape(const Shape& shape) const;
  /// A new array with its own storage and the same values.
  NDArray copy() const;
  /// This array on `device` (the same handle when it is already there).
  NDArray as_in_context(Device device) const;
  /// A new copy on `device`, even when the array is already there (MXNet's
  /// `x.copyto(mx.gpu())`).
  NDArray copyto(Device device) const;
  /// The same storage, cut off from the autograd graph.
  NDArray detach() const;
  /// Transpose: reverses the axes (a copy).
  NDArray T() const;

  // ---- common reductions and math as methods (see nd:: for the full set) --
  /// Sum over `axes` (every axis by default); `keepdims` keeps them as 1.
  NDArray sum(const Axes& axes = {}, bool keepdims = false) const;
  /// Mean over `axes`, as sum().
  NDArray mean(const Axes& axes = {}, bool keepdims = false) const;
  /// Largest value over `axes`, as sum().
  NDArray max(const Axes& axes = {}, bool keepdims = false) const;
  /// Smallest value over `axes`, as sum().
  NDArray min(const Axes& axes = {}, bool keepdims = false) const;
  /// Index of the largest value along `axis` (as floats).
  NDArray argmax(int axis, bool keepdims = false) const;
  /// The L2 norm of all elements, a one-element array.
  NDArray norm() const;
  /// e^x elementwise.
  NDArray exp() const;
  /// Natural logarithm elementwise.
  NDArray log() const;
  /// Absolute value elementwise.
  NDArray abs() const;
  /// Rows (entries along `axis`) at `indices`, MXNet's `x.take(idx)`.
  NDArray take(const NDArray& indices, int axis = 0) const;

  // ---- element type ----------------------------------------------------------
  /// A copy as `dtype`. float32 is the only element type (one type keeps the
  /// kernels and CUDA small; labels and indices are float32 too), so the book's
  /// `astype('float32')` is `astype("float32")` or `astype(nd::float32)`; any
  /// other name is a run-time error, any other nd:: tag a compile-time one.
  NDArray astype(std::string_view dtype) const;
  /// `astype(nd::float32)`: a copy; the other tags fail to compile.
  template <class E>  // not T: NDArray::T() is the transpose
  NDArray astype(nd::DType<E> dtype) const;

  // ---- iteration over the first axis ----------------------------------------
  /// `for (auto row : X)` visits X[{0}], X[{1}], ... as new arrays (recorded
  /// slices, so gradients flow back to X), as Python iterates an NDArray.
  /// `std::ranges::size(X)` is the number of rows; `X.size()` stays the number
  /// of elements, as in MXNet. A 0-d array cannot be iterated (an error).
  RowIterator begin() const;
  /// Past the last row (see begin()).
  RowIterator end() const;

  // ---- indexing ----------------------------------------------------------
  /// Reads or writes a selection: `X[{1}]`, `X[{slice(1, 3)}]`,
  /// `X[{slice(1, 2), all}] = 12`.
  SliceRef operator[](std::vector<Index> index);
  /// Reads a selection of a const array as a new array.
  NDArray operator[](std::vector<Index> index) const;

  // ---- in place: these write into this array's storage --------------------
  /// Adds `other` (broadcast) into this array's storage.
  NDArray& operator+=(const NDArray& other);
  /// Subtracts `other` (broadcast), in place.
  NDArray& operator-=(const NDArray& other);
  /// Multiplies by `other` (broadcast), in place.
  NDArray& operator*=(const NDArray& other);
  /// Divides by `other` (broadcast), in place.
  NDArray& operator/=(const NDArray& other);
  /// Adds `value` to every element, in place.
  NDArray& operator+=(float value);
  /// Subtracts `value` from every element, in place.
  NDArray& operator-=(float value);
  /// Multiplies every element by `value`, in place.
  NDArray& operator*=(float value);
  /// Divides every element by `value`, in place.
  NDArray& operator/=(float value);
  /// Copies `value` (broadcast to this shape) into this array's storage, as
  /// `x[:] = value` does in Python.
  NDArray& assign(const NDArray& value);
  /// Sets every element to `value`, in place (`x[:] = 0`).
  NDArray& assign(float value);

  // ---- autograd ------------------------------------------------------------
  /// Allocates a gradient buffer: backward() will fill `grad()` for this array.
  /// Also makes this array a leaf (it forgets how it was computed).
  void attach_grad(GradReq req = GradReq::write);
  /// The gradient written by the last backward(); an error before attach_grad.
  NDArray grad() const;
  /// How backward() stores this array's gradient (see attach_grad()).
  GradReq grad_req() const;
  /// Back-propagates from this array: d(this)/d(x) lands in x.grad() for every
  /// x with an attached gradient. A non-scalar array is summed first, unless
  /// `head_grad` (same shape as this array) weights the elements. The graph is
  /// freed afterwards unless `retain_graph` is true.
  void backward(const NDArray& head_grad = NDArray(), bool retain_graph = false) const;

  /// For the library's own use: the shared state behind the handle.
  explicit NDArray(std::shared_ptr<detail::ArrayImpl> impl);
  /// For the library's own use: the state behind the handle.
  const std::shared_ptr<detail::ArrayImpl>& impl() const { return impl_; }

 private:
  std::shared_ptr<detail::ArrayImpl> impl_;
};

/// Walks the first axis of an array; `*it` is the row `X[{i}]` (a new array).
/// A random-access iterator whose reference is the row itself (a value).
class RowIterator {
 public:
  /// Random access: `it + n`, `it[n]`, `it2 - it`.
  using iterator_concept = std::random_access_iterator_tag;
  /// An input iterator to older algorithms: a row is a value, not a reference.
  using iterator_category = std::input_iterator_tag;
  /// A row is an NDArray.
  using value_type = NDArray;
  /// Distances count rows.
  using difference_type = std::ptrdiff_t;
  /// Rows come back by value (new arrays).
  using reference = NDArray;

  RowIterator() = default;
  /// At row `row` of `array`.
  RowIterator(NDArray array, int64_t row) : array_(std::move(array)), row_(row) {}

  /// The row `X[{i}]`, read through a recorded slice.
  NDArray operator*() const;
  /// The row `n` places on.
  NDArray operator[](difference_type n) const { return *(*this + n); }
  /// Moves to the next row.
  RowIterator& operator++() { return ++row_, *this; }
  /// Moves to the next row; returns the old position.
  RowIterator operator++(int) { return RowIterator(array_, row_++); }
  /// Moves to the previous row.
  RowIterator& operator--() { return --row_, *this; }
  /// Moves to the previous row; returns the old position.
  RowIterator operator--(int) { return RowIterator(array_, row_--); }
  /// Moves `n` rows on.
  RowIterator& operator+=(difference_type n) { return row_ += n, *this; }
  /// Moves `n` rows back.
  RowIterator& operator-=(difference_type n) { return row_ -= n, *this; }
  /// An iterator `n` rows on.
  RowIterator operator+(difference_type n) const { return RowIterator(array_, row_ + n); }
  /// An iterator `n` rows back.
  RowIterator operator-(difference_type n) const { return RowIterator(array_, row_ - n); }
  /// `n + it`, the same as `it + n`.
  friend RowIterator operator+(difference_type n, const RowIterator& it) {
    return it + n;
  }
  /// The number of rows from `o` to this one.
  difference_type operator-(const RowIterator& o) const { return row_ - o.row_; }
  /// True at the same row.
  bool operator==(const RowIterator& o) const { return row_ == o.row_; }
  /// Orders iterators by row.
  auto operator<=>(const RowIterator& o) const { return row_ <=> o.row_; }

 private:
  NDArray array_;
  int64_t row_ = 0;
};

template <class E>
NDArray NDArray::astype(nd::DType<E>) const {
  static_assert(std::is_same_v<E, float>,
                "astype: an NDArray holds float32 only (one element type keeps the "
                "kernels small; labels and indices are float32 too). Write "
                "astype(nd::float32), which copies, or leave the call out.");
  return astype("float32");
}
template <class E>
NDArray SliceRef::astype(nd::DType<E> dtype) const {
  return get().astype(dtype);
}

/// The book's `zip(X, K)`: pairs of rows of two arrays with the same number of
/// rows (an error otherwise), `for (auto [x, k] : zip(X, K))`. Found by
/// argument-dependent lookup, so it reads as in Python without a prefix.
class RowPairs {
 public:
  /// Pairs the rows of `a` and `b` (zip() makes it).
  RowPairs(NDArray a, NDArray b);
  /// Walks the rows of both arrays together; `*it` is a pair of rows.
  class iterator {
   public:
    /// Forward iteration, one pair at a time.
    using iterator_concept = std::forward_iterator_tag;
    /// An input iterator to older algorithms: pairs are values.
    using iterator_category = std::input_iterator_tag;
    /// A pair (row of a, row of b).
    using value_type = std::pair<NDArray, NDArray>;
    /// Distances count pairs.
    using difference_type = std::ptrdiff_t;
    /// Pairs come back by value.
    using reference = value_type;
    iterator() = default;
    /// At the rows that `a` and `b` point to.
    iterator(RowIterator a, RowIterator b) : a_(std::move(a)), b_(std::move(b)) {}
    /// The current pair of rows.
    reference operator*() const { return {*a_, *b_}; }
    /// Moves to the next pair.
    iterator& operator++() { return ++a_, ++b_, *this; }
    /// Moves to the next pair; returns the old position.
    iterator operator++(int) { return iterator(a_++, b_++); }
    /// True at the same row.
    bool operator==(const iterator& o) const { return a_ == o.a_; }

   private:
    RowIterator a_, b_;
  };
  /// The first pair.
  iterator begin() const { return iterator(a_.begin(), b_.begin()); }
  /// Past the last pair.
  iterator end() const { return iterator(a_.end(), b_.end()); }
  /// The number of pairs (rows).
  int64_t size() const { return rows_; }
  /// The i-th pair of rows.
  std::pair<NDArray, NDArray> operator[](int64_t i) const;

 private:
  NDArray a_, b_;
  int64_t rows_ = 0;
};
/// Pairs of rows of `a` and `b`: `for (auto [x, k] : zip(X, K))`.
RowPairs zip(const NDArray& a, const NDArray& b);

/// Prints an array the way MXNet does: values, then `<NDArray 2x3 @cpu(0)>`.
std::ostream& operator<<(std::ostream& os, const NDArray& x);
/// Prints the selection as an array.
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

/// @cond INTERNAL
// An NDArray's member size() counts elements (MXNet's `x.size`), not rows:
// std::ranges must take the number of rows from the iterators instead.
template <>
inline constexpr bool std::ranges::disable_sized_range<d2l::NDArray> = true;
template <>
inline constexpr bool std::ranges::disable_sized_range<d2l::SliceRef> = true;
/// @endcond
