// Reductions (sum, mean, max, min, argmax, norm) over any set of axes, each
// done as single-axis passes over an (outer, r, inner) view, with gradients.
#include <algorithm>
#include <set>

#include "d2l/ops.hpp"
#include "ndarray/impl.hpp"

namespace d2l {

using detail::fail;

namespace {

// The axes to reduce, normalized, sorted and without duplicates.
std::vector<int> resolve_axes(const Axes& axes, int ndim, const char* op) {
  std::set<int> s;
  if (axes.all()) {
    for (int i = 0; i < ndim; ++i) s.insert(i);
  } else {
    for (int a : axes.list) {
      if (!s.insert(detail::normalize_axis(a, ndim, op)).second) {
        fail(op, "axis ", a, " is given twice");
      }
    }
  }
  return {s.begin(), s.end()};
}

Shape dropped_shape(const Shape& shape, const std::vector<int>& axes) {
  Shape d;
  for (int i = 0; i < int(shape.size()); ++i) {
    if (std::find(axes.begin(), axes.end(), i) == axes.end()) d.push_back(shape[i]);
  }
  return d;
}

// Reduces x over `axes` (not recorded); the result has the keepdims shape.
NDArray reduce_raw(const NDArray& x, const std::vector<int>& axes, kernels::Reduce op,
                   const char* name) {
  if (x.size() == 0 && op != kernels::Reduce::sum) {
    fail(name, "cannot reduce an empty array of shape ", shape_str(x.shape()));
  }
  NDArray cur = x;
  Shape shape = x.shape();
  // Reduce the innermost axis first so each pass reads contiguous memory well.
  for (auto it = axes.rbegin(); it != axes.rend(); ++it) {
    int a = *it;
    auto [outer, n_axis, inner] = detail::view_around(shape, a);
    Shape next = shape;
    next[a] = 1;
    NDArray out = detail::empty(next, x.context());
    kernels::reduce(x.context(), op, detail::ptr(cur), detail::ptr(out), outer, shape[a],
                    inner);
    cur = out;
    shape = next;
  }
  if (axes.empty()) cur = cur.copy();  // nothing to reduce: still a new array
  return cur;
}

NDArray finish(NDArray kept, const Shape& x_shape, const std::vector<int>& axes,
               bool keepdims) {
  return keepdims ? kept : kept.reshape(dropped_shape(x_shape, axes));
}

// max and min share their gradient: it flows to the extreme elements, split
// evenly between ties.
NDArray extreme(const NDArray& x, const Axes& axes_in, bool keepdims, kernels::Reduce op,
                const char* name) {
  detail::defined(x, name);
  auto axes = resolve_axes(axes_in, x.ndim(), name);
  NDArray kept = reduce_raw(x, axes, op, name);
  NDArray kept_value = kept.detach();
  NDArray y = finish(kept, x.shape(), axes, keepdims);
  Shape ks = kept.shape();
  return detail::record_op(
      name, y, {x}, [x, kept_value, ks, axes](const NDArray& g) -> std::vector<NDArray> {
        NDArray mask = nd::equal(x, kept_value);
        NDArray count = reduce_raw(mask, axes, kernels::Reduce::sum, "max");
        return {g.reshape(ks) * mask / count};
      });
}

}  // namespace

namespace detail {

NDArray sum_to(const NDArray& grad, const Shape& shape) {
  if (grad.shape() == shape) return grad;
  const int lead = grad.ndim() - int(shape.size());
  std::vector<int> axes;
  for (int i = 0; i < grad.ndim(); ++i) {
    if (i < lead || (shape[i - lead] == 1 && grad.shape()[i] != 1)) axes.push_back(i);
  }
  return reduce_raw(grad, axes, kernels::Reduce::sum, "sum").reshape(shape);
}

}  // namespace detail

namespace nd {

NDArray sum(const NDArray& x, const Axes& axes_in, bool keepdims) {
  detail::defined(x, "sum");
  auto axes = resolve_axes(axes_in, x.ndim(), "sum");
  NDArray kept = reduce_raw(x, axes, kernels::Reduce::sum, "sum");
  NDArray y = finish(kept, x.shape(), axes, keepdims);
  Shape xs = x.shape(), ks = kept.shape();
  return detail::record_op("sum", y, {x},
                           [xs, ks](const NDArray& g) -> std::vector<NDArray> {
                             return {broadcast_to(g.reshape(ks), xs)};
                           });
}

NDArray mean(const NDArray& x, const Axes& axes, bool keepdims) {
  detail::defined(x, "mean");
  int64_t count = 1;
  for (int a : resolve_axes(axes, x.ndim(), "mean")) count *= x.shape()[a];
  if (count == 0) fail("mean", "the mean of zero elements is undefined");
  return sum(x, axes, keepdims) / float(count);
}

NDArray max(const NDArray& x, const Axes& axes, bool keepdims) {
  return extreme(x, axes, keepdims, kernels::Reduce::max, "max");
}
NDArray min(const NDArray& x, const Axes& axes, bool keepdims) {
  return extreme(x, axes, keepdims, kernels::Reduce::min, "min");
}

NDArray argmax(const NDArray& x, int axis, bool keepdims) {
  detail::defined(x, "argmax");
  int a = detail::normalize_axis(axis, x.ndim(), "argmax");
  const Shape& s = x.shape();
  if (s[a] == 0) fail("argmax", "axis ", axis, " of shape ", shape_str(s), " is empty");
  auto [outer, n_axis, inner] = detail::view_around(s, a);
  Shape kept = s;
  kept[a] = 1;
  NDArray out = detail::empty(kept, x.context());
  kernels::argmax(x.context(), detail::ptr(x), detail::ptr(out), outer, s[a], inner);
  return keepdims ? out : out.reshape(dropped_shape(s, {a}));
}

NDArray norm(const NDArray& x) { return sqrt(sum(x * x)); }

}  // namespace nd
}  // namespace d2l
