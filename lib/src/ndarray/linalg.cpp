// Matrix products (BLAS GEMM underneath) and axis permutations, with gradients.
#include <numeric>

#include "d2l/ops.hpp"
#include "ndarray/impl.hpp"

namespace d2l::nd {

using detail::fail;

namespace {

// C = op(A) op(B) for 2-D arrays; the gradient reuses the same function with
// the transpose flags rearranged, so no transposed copies are made.
NDArray matmul(const NDArray& a, const NDArray& b, bool ta, bool tb) {
  Device d = detail::common_device("dot", {a, b});
  const int64_t m = ta ? a.shape()[1] : a.shape()[0];
  const int64_t k = ta ? a.shape()[0] : a.shape()[1];
  const int64_t kb = tb ? b.shape()[1] : b.shape()[0];
  const int64_t n = tb ? b.shape()[0] : b.shape()[1];
  if (k != kb) {
    fail("dot", "shapes ", shape_str(a.shape()), (ta ? " (transposed)" : ""), " and ",
         shape_str(b.shape()), (tb ? " (transposed)" : ""),
         " are not aligned: inner lengths ", k, " and ", kb, " differ");
  }
  NDArray c = detail::empty({m, n}, d);
  kernels::gemm(d, ta, tb, m, n, k, 1.0f, detail::ptr(a), detail::ptr(b), 0.0f,
                detail::ptr(c));
  return detail::record_op(
      "dot", c, {a, b}, [a, b, ta, tb](const NDArray& g) -> std::vector<NDArray> {
        NDArray da, db;
        if (detail::wants_grad(a))
          da = ta ? matmul(b, g, tb, true) : matmul(g, b, false, !tb);
        if (detail::wants_grad(b))
          db = tb ? matmul(g, a, true, ta) : matmul(a, g, !ta, false);
        return {da, db};
      });
}

}  // namespace

NDArray dot(const NDArray& a, const NDArray& b, bool transpose_a, bool transpose_b) {
  detail::defined(a, "dot");
  detail::defined(b, "dot");
  if (a.ndim() < 1 || a.ndim() > 2 || b.ndim() < 1 || b.ndim() > 2) {
    fail("dot", "expects 1-D or 2-D arrays, got shapes ", shape_str(a.shape()), " and ",
         shape_str(b.shape()), " (use batch_dot for 3-D)");
  }
  bool ta = a.ndim() == 2 && transpose_a;
  bool tb = b.ndim() == 2 && transpose_b;
  const int64_t ka = a.ndim() == 1 ? a.size() : a.shape()[ta ? 0 : 1];
  const int64_t kb = b.ndim() == 1 ? b.size() : b.shape()[tb ? 1 : 0];
  if (ka != kb) {
    fail("dot", "shapes ", shape_str(a.shape()), (ta ? " (transposed)" : ""), " and ",
         shape_str(b.shape()), (tb ? " (transposed)" : ""),
         " are not aligned: inner lengths ", ka, " and ", kb, " differ");
  }
  // A vector on the left is a row (1, k); on the right a column (k, 1).
  NDArray a2 = a.ndim() == 1 ? a.reshape({1, a.size()}) : a;
  NDArray b2 = b.ndim() == 1 ? b.reshape({b.size(), 1}) : b;
  NDArray c = matmul(a2, b2, ta, tb);
  Shape out;
  if (a.ndim() == 2) out.push_back(c.shape()[0]);
  if (b.ndim() == 2) out.push_back(c.shape()[1]);
  return c.reshape(out);
}

NDArray batch_dot(const NDArray& a, const NDArray& b) {
  detail::defined(a, "batch_dot");
  detail::defined(b, "batch_dot");
  if (a.ndim() != 3 || b.ndim() != 3 || a.shape()[0] != b.shape()[0]) {
    fail("batch_dot", "expects (batch, n, k) and (batch, k, m) arrays, got ",
         shape_str(a.shape()), " and ", shape_str(b.shape()));
  }
  // Each batch entry is a 2-D product; stack() records the pieces together.
  std::vector<NDArray> parts;
  for (int64_t i = 0; i < a.shape()[0]; ++i) {
    NDArray ai = slice_axis(a, 0, i, i + 1).reshape({a.shape()[1], a.shape()[2]});
    NDArray bi = slice_axis(b, 0, i, i + 1).reshape({b.shape()[1], b.shape()[2]});
    parts.push_back(dot(ai, bi));
  }
  if (parts.empty()) return zeros({0, a.shape()[1], b.shape()[2]}, a.context());
  return stack(parts, 0);
}

NDArray transpose(const NDArray& x, const std::vector<int>& axes_in) {
  detail::defined(x, "transpose");
  const int nd = x.ndim();
  std::vector<int> perm(nd);
  if (axes_in.empty()) {
    for (int i = 0; i < nd; ++i) perm[i] = nd - 1 - i;
  } else {
    if (int(axes_in.size()) != nd) {
      fail("transpose", "got ", axes_in.size(), " axes for an array of shape ",
           shape_str(x.shape()));
    }
    std::vector<bool> used(nd, false);
    for (int i = 0; i < nd; ++i) {
      perm[i] = detail::normalize_axis(axes_in[i], nd, "transpose");
      if (used[perm[i]]) fail("transpose", "axis ", axes_in[i], " is given twice");
      used[perm[i]] = true;
    }
  }
  Shape out_shape(nd);
  for (int i = 0; i < nd; ++i) out_shape[i] = x.shape()[perm[i]];
  NDArray y = detail::empty(out_shape, x.context());
  kernels::permute(x.context(), detail::ptr(x), detail::ptr(y), x.shape(), perm);
  std::vector<int> inverse(nd);
  for (int i = 0; i < nd; ++i) inverse[perm[i]] = i;
  return detail::record_op("transpose", y, {x},
                           [inverse](const NDArray& g) -> std::vector<NDArray> {
                             return {transpose(g, inverse)};
                           });
}

NDArray reshape(const NDArray& x, const Shape& shape) { return x.reshape(shape); }

NDArray expand_dims(const NDArray& x, int axis) {
  detail::defined(x, "expand_dims");
  int a = detail::normalize_axis(axis, x.ndim() + 1, "expand_dims");
  Shape s = x.shape();
  s.insert(s.begin() + a, 1);
  return x.reshape(s);
}

}  // namespace d2l::nd
