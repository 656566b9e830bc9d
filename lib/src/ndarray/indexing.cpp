// Selecting and joining: X[{...}] reads and writes, slice_axis, take, pick,
// concat and stack, with the gradients of the reads.
#include "d2l/error.hpp"
#include "d2l/ops.hpp"
#include "ndarray/impl.hpp"

namespace d2l {

using detail::fail;

namespace detail {

NDArray slice_box(const NDArray& x, const Shape& begin, const Shape& box) {
  NDArray y = empty(box, x.context());
  Shape zero(box.size(), 0);
  kernels::copy_box(x.context(), ptr(x), x.shape(), begin, ptr(y), box, zero, box);
  Shape xs = x.shape();
  return record_op("slice", y, {x},
                   [xs, begin, box](const NDArray& g) -> std::vector<NDArray> {
                     NDArray dx = nd::zeros(xs, g.context());
                     kernels::copy_box(g.context(), ptr(g), box, Shape(box.size(), 0),
                                       ptr(dx), xs, begin, box);
                     return {dx};
                   });
}

BadIndex first_bad_index(const NDArray& index, int64_t n) {
  BadIndex bad;
  bad.position = kernels::first_bad_index(device_of(index), ptr(index), index.size(), n);
  if (bad.position >= 0) {  // one value back from the device, for the message
    kernels::transfer(ptr(index) + bad.position, device_of(index), &bad.value, cpu(), 1);
  }
  return bad;
}

void check_indices(const char* op, const NDArray& index, int64_t n) {
  if (BadIndex bad = first_bad_index(index, n); bad.position >= 0) {
    fail(op, "index ", bad.value, " at position ", bad.position,
         " is out of range for an axis of length ", n, " (expected an integer from 0 to ",
         n - 1, ")");
  }
}

}  // namespace detail

namespace {

// Where an index selects: the box (begin, lengths) and the shape of the result
// once the integer-indexed axes are dropped.
struct Selection {
  Shape begin, box, result;
};

Selection select(const Shape& shape, const std::vector<Index>& index) {
  if (index.size() > shape.size()) {
    fail("index", "too many indices (", index.size(), ") for an array of shape ",
         shape_str(shape));
  }
  Selection s;
  for (size_t i = 0; i < shape.size(); ++i) {
    const int64_t n = shape[i];
    if (i < index.size() && index[i].is_integer) {
      int64_t k = index[i].integer < 0 ? index[i].integer + n : index[i].integer;
      if (k < 0 || k >= n) {
        throw d2l::Error(detail::cat("index: ", index[i].integer,
                                     " is out of range for axis ", i, " of length ", n,
                                     " (shape ", shape_str(shape), ")"));
      }
      s.begin.push_back(k);
      s.box.push_back(1);
      continue;
    }
    Slice r = i < index.size() ? index[i].range : Slice{};
    auto clamp = [n](int64_t v) {
      if (v < 0) v += n;
      return std::min(std::max<int64_t>(v, 0), n);
    };
    int64_t start = r.start ? clamp(*r.start) : 0;
    int64_t stop = r.stop ? clamp(*r.stop) : n;
    stop = std::max(stop, start);  // an empty range, as in Python
    s.begin.push_back(start);
    s.box.push_back(stop - start);
    s.result.push_back(stop - start);
  }
  return s;
}

NDArray read(const NDArray& x, const std::vector<Index>& index) {
  Selection s = select(detail::defined(x, "index").shape(), index);
  return detail::slice_box(x, s.begin, s.box).reshape(s.result);
}

}  // namespace

// ---- X[{...}] ------------------------------------------------------------------

SliceRef::SliceRef(NDArray target, std::vector<Index> index)
    : target_(target.impl()), index_(std::move(index)) {}

NDArray SliceRef::get() const { return read(NDArray(target_), index_); }
SliceRef::operator NDArray() const { return get(); }
Shape SliceRef::shape() const { return select(target_->shape, index_).result; }

SliceRef& SliceRef::operator=(const NDArray& value) {
  NDArray target(target_);
  Selection s = select(target.shape(), index_);
  NDArray v = nd::broadcast_to(value.as_in_context(target.context()), s.result);
  detail::write_box(target, s.begin, s.box, v.reshape(s.box), "slice assignment");
  return *this;
}

SliceRef& SliceRef::operator=(float value) {
  NDArray target(target_);
  return *this = nd::full({}, value, target.context());
}

SliceRef& SliceRef::operator=(const SliceRef& other) { return *this = other.get(); }

SliceRef NDArray::operator[](std::vector<Index> index) {
  select(detail::defined(*this, "index").shape(), index);  // bad indices fail here
  return SliceRef(*this, std::move(index));
}
NDArray NDArray::operator[](std::vector<Index> index) const { return read(*this, index); }

namespace nd {

NDArray slice_axis(const NDArray& x, int axis, int64_t begin, int64_t end) {
  int a =
      detail::normalize_axis(axis, detail::defined(x, "slice_axis").ndim(), "slice_axis");
  // Unlike X[{...}], which clamps as Python does, an explicit range must fit.
  const int64_t n = x.shape()[a];
  if (begin < 0 || end > n || begin > end) {
    fail("slice_axis", "range [", begin, ", ", end, ") does not fit axis ", axis,
         " of shape ", shape_str(x.shape()));
  }
  std::vector<Index> index(static_cast<size_t>(a), Index(Slice{}));
  index.push_back(Index(Slice{begin, end}));
  return read(x, index);
}

NDArray take(const NDArray& x, const NDArray& indices, int axis) {
  Device d = detail::common_device("take", {x, indices});
  int a = detail::normalize_axis(axis, x.ndim(), "take");
  const Shape& s = x.shape();
  auto [outer, n_axis, inner] = detail::view_around(s, a);
  const int64_t m = indices.size();
  Shape out_shape(s.begin(), s.begin() + a);
  out_shape.insert(out_shape.end(), indices.shape().begin(), indices.shape().end());
  out_shape.insert(out_shape.end(), s.begin() + a + 1, s.end());
  detail::check_indices("take", indices, s[a]);
  NDArray y = detail::empty(out_shape, d);
  kernels::gather_axis(d, detail::ptr(x), detail::ptr(indices), detail::ptr(y), outer,
                       s[a], inner, m);
  // A copy: the caller may write into `indices` before backward, and the gradient
  // belongs to the positions read now (a changed index could even be out of range).
  NDArray idx = indices.detach().copy();
  return detail::record_op("take", y, {x},
                           // (init-captures: clang 14 cannot capture structured bindings)
                           [s, idx, outer = outer, inner = inner, m,
                            a](const NDArray& g) -> std::vector<NDArray> {
                             NDArray dx = zeros(s, g.context());
                             kernels::scatter_add_axis(g.context(), detail::ptr(g),
                                                       detail::ptr(idx), detail::ptr(dx),
                                                       outer, s[a], inner, m);
                             return {dx};
                           });
}

NDArray pick(const NDArray& data, const NDArray& index, int axis, bool keepdims) {
  Device d = detail::common_device("pick", {data, index});
  int a = detail::normalize_axis(axis, data.ndim(), "pick");
  const Shape& s = data.shape();
  auto [outer, n_axis, inner] = detail::view_around(s, a);
  Shape kept = s;
  kept[a] = 1;
  Shape dropped = s;
  dropped.erase(dropped.begin() + a);
  if (index.shape() != dropped && index.shape() != kept) {
    fail("pick", "index has shape ", shape_str(index.shape()), " but data of shape ",
         shape_str(s), " needs an index of shape ", shape_str(dropped),
         " (one position along axis ", axis, " for each row)");
  }
  detail::check_indices("pick", index, s[a]);
  NDArray y = detail::empty(keepdims ? kept : dropped, d);
  kernels::pick(d, detail::ptr(data), detail::ptr(index), detail::ptr(y), outer, s[a],
                inner);
  NDArray idx = index.detach().copy();  // as in take: the positions read now
  return detail::record_op("pick", y, {data},
                           [s, idx, outer = outer, inner = inner,
                            a](const NDArray& g) -> std::vector<NDArray> {
                             NDArray dx = zeros(s, g.context());
                             kernels::pick_scatter(g.context(), detail::ptr(g),
                                                   detail::ptr(idx), detail::ptr(dx),
                                                   outer, s[a], inner);
                             return {dx};
                           });
}

NDArray concat(const std::vector<NDArray>& arrays, int dim) {
  if (arrays.empty()) fail("concat", "needs at least one array");
  Device d = detail::common_device("concat", arrays);
  const Shape& first = arrays[0].shape();
  int a = detail::normalize_axis(dim, int(first.size()), "concat");
  Shape out_shape = first;
  out_shape[a] = 0;
  for (const auto& x : arrays) {
    Shape want = first, got = x.shape();
    if (got.size() == want.size()) want[a] = got[a];
    if (got != want) {
      fail("concat", "shapes ", shape_str(first), " and ", shape_str(got),
           " differ outside the concatenation axis ", dim);
    }
    out_shape[a] += got[a];
  }
  NDArray y = detail::empty(out_shape, d);
  Shape at(out_shape.size(), 0);
  std::vector<int64_t> offsets;
  for (const auto& x : arrays) {
    offsets.push_back(at[a]);
    kernels::copy_box(d, detail::ptr(x), x.shape(), Shape(x.ndim(), 0), detail::ptr(y),
                      out_shape, at, x.shape());
    at[a] += x.shape()[a];
  }
  std::vector<Shape> shapes;
  for (const auto& x : arrays) shapes.push_back(x.shape());
  return detail::record_op(
      "concat", y, arrays,
      [shapes, offsets, a](const NDArray& g) -> std::vector<NDArray> {
        std::vector<NDArray> grads;
        for (size_t i = 0; i < shapes.size(); ++i) {
          Shape begin(shapes[i].size(), 0);
          begin[a] = offsets[i];
          grads.push_back(detail::slice_box(g, begin, shapes[i]));
        }
        return grads;
      });
}

NDArray stack(const std::vector<NDArray>& arrays, int axis) {
  if (arrays.empty()) fail("stack", "needs at least one array");
  for (const auto& x : arrays) {
    if (detail::defined(x, "stack").shape() != arrays[0].shape()) {
      fail("stack", "all arrays need one shape; got ", shape_str(arrays[0].shape()),
           " and ", shape_str(x.shape()));
    }
  }
  int a = detail::normalize_axis(axis, arrays[0].ndim() + 1, "stack");
  std::vector<NDArray> expanded;
  for (const auto& x : arrays) expanded.push_back(expand_dims(x, a));
  return concat(expanded, a);
}

}  // namespace nd
}  // namespace d2l
