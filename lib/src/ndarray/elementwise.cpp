// Elementwise ops (one and two inputs, with broadcasting), each with its
// gradient beside it, and the arithmetic operators that make formulas read as
// formulas (the comparison operators are in compare.cpp).
#include "d2l/ops.hpp"
#include "ndarray/impl.hpp"

namespace d2l {

using detail::fail;
using kernels::Binary;
using kernels::Unary;

namespace {

// g -> dx, given the input x and the output y.
using UnaryGrad = NDArray (*)(const NDArray& g, const NDArray& x, const NDArray& y);

NDArray apply_unary(const NDArray& x, Unary op, const char* name, UnaryGrad grad) {
  detail::defined(x, name);
  NDArray y = detail::empty(x.shape(), x.context());
  kernels::unary(x.context(), op, detail::ptr(x), detail::ptr(y), x.size());
  NDArray y_value = y.detach();  // the node must not own its own output
  return detail::record_op(name, y, {x},
                           [x, y_value, grad](const NDArray& g) -> std::vector<NDArray> {
                             return {grad(g, x, y_value)};
                           });
}

NDArray unary_step(const NDArray& x) {
  NDArray y = detail::empty(x.shape(), x.context());
  kernels::unary(x.context(), Unary::step, detail::ptr(x), detail::ptr(y), x.size());
  return y;
}

// Computes op(a, b) into a new array of the broadcast shape (not recorded).
NDArray compute_binary(const NDArray& a, const NDArray& b, Binary op, const char* name) {
  Device d = detail::common_device(name, {a, b});
  Shape out_shape = nd::broadcast_shapes(a.shape(), b.shape(), name);
  NDArray y = detail::empty(out_shape, d);
  kernels::binary(d, op, detail::ptr(a), detail::ptr(b), detail::ptr(y),
                  kernels::plan_broadcast(a.shape(), b.shape(), out_shape));
  return y;
}

// (g, a, b, y) -> (da, db) before summing back to the input shapes.
using BinaryGrad = std::pair<NDArray, NDArray> (*)(const NDArray& g, const NDArray& a,
                                                   const NDArray& b, const NDArray& y);

NDArray apply_binary(const NDArray& a, const NDArray& b, Binary op, const char* name,
                     BinaryGrad grad) {
  NDArray y = compute_binary(a, b, op, name);
  NDArray y_value = y.detach();
  return detail::record_op(
      name, y, {a, b}, [a, b, y_value, grad](const NDArray& g) -> std::vector<NDArray> {
        auto [da, db] = grad(g, a, b, y_value);
        return {da.defined() ? detail::sum_to(da, a.shape()) : NDArray(),
                db.defined() ? detail::sum_to(db, b.shape()) : NDArray()};
      });
}

NDArray scalar(float v, const NDArray& like) { return nd::full({}, v, like.context()); }

}  // namespace

namespace nd {

Shape broadcast_shapes(const Shape& a, const Shape& b, const char* op) {
  const size_t n = std::max(a.size(), b.size());
  Shape out(n);
  for (size_t i = 0; i < n; ++i) {
    int64_t da = i < n - a.size() ? 1 : a[i - (n - a.size())];
    int64_t db = i < n - b.size() ? 1 : b[i - (n - b.size())];
    if (da != db && da != 1 && db != 1) {
      fail(op, "shapes ", shape_str(a), " and ", shape_str(b),
           " cannot be broadcast together (axis ", int(i), ": ", da, " vs ", db,
           "; each pair of trailing axes must be equal or 1)");
    }
    out[i] = da == 1 ? db : da;
  }
  return out;
}

NDArray broadcast_to(const NDArray& x, const Shape& shape) {
  detail::defined(x, "broadcast_to");
  if (x.shape() == shape) return x;
  if (broadcast_shapes(x.shape(), shape, "broadcast_to") != shape) {
    fail("broadcast_to", "cannot broadcast shape ", shape_str(x.shape()), " to ",
         shape_str(shape));
  }
  NDArray y = detail::empty(shape, x.context());
  NDArray zero = scalar(0, x);
  kernels::binary(x.context(), Binary::add, detail::ptr(x), detail::ptr(zero),
                  detail::ptr(y), kernels::plan_broadcast(x.shape(), {}, shape));
  Shape in_shape = x.shape();
  return detail::record_op("broadcast_to", y, {x},
                           [in_shape](const NDArray& g) -> std::vector<NDArray> {
                             return {detail::sum_to(g, in_shape)};
                           });
}

// ---- one input ----------------------------------------------------------------

NDArray negative(const NDArray& x) {
  return apply_unary(x, Unary::neg, "negative",
                     [](const NDArray& g, const NDArray&, const NDArray&) { return -g; });
}
NDArray exp(const NDArray& x) {
  return apply_unary(
      x, Unary::exp, "exp",
      [](const NDArray& g, const NDArray&, const NDArray& y) { return g * y; });
}
NDArray log(const NDArray& x) {
  return apply_unary(
      x, Unary::log, "log",
      [](const NDArray& g, const NDArray& x, const NDArray&) { return g / x; });
}
NDArray sqrt(const NDArray& x) {
  return apply_unary(
      x, Unary::sqrt, "sqrt",
      [](const NDArray& g, const NDArray&, const NDArray& y) { return g * 0.5f / y; });
}
NDArray square(const NDArray& x) {
  return apply_unary(
      x, Unary::square, "square",
      [](const NDArray& g, const NDArray& x, const NDArray&) { return g * 2.0f * x; });
}
NDArray abs(const NDArray& x) {
  return apply_unary(x, Unary::abs, "abs",
                     [](const NDArray& g, const NDArray& x, const NDArray&) {
                       return g * (unary_step(x) - unary_step(-x));  // sign(x)
                     });
}
NDArray relu(const NDArray& x) {
  return apply_unary(x, Unary::relu, "relu",
                     [](const NDArray& g, const NDArray& x, const NDArray&) {
                       return compute_binary(g, x, Binary::relu_grad, "relu");
                     });
}
NDArray sigmoid(const NDArray& x) {
  return apply_unary(x, Unary::sigmoid, "sigmoid",
                     [](const NDArray& g, const NDArray&, const NDArray& y) {
                       return compute_binary(g, y, Binary::sigmoid_grad, "sigmoid");
                     });
}
NDArray tanh(const NDArray& x) {
  return apply_unary(x, Unary::tanh, "tanh",
                     [](const NDArray& g, const NDArray&, const NDArray& y) {
                       return compute_binary(g, y, Binary::tanh_grad, "tanh");
                     });
}

// ---- two inputs -----------------------------------------------------------------

using Grads = std::pair<NDArray, NDArray>;

NDArray add(const NDArray& a, const NDArray& b) {
  return apply_binary(
      a, b, Binary::add, "add",
      [](const NDArray& g, const NDArray&, const NDArray&, const NDArray&) {
        return Grads{g, g};
      });
}
NDArray subtract(const NDArray& a, const NDArray& b) {
  return apply_binary(
      a, b, Binary::sub, "subtract",
      [](const NDArray& g, const NDArray&, const NDArray&, const NDArray&) {
        return Grads{g, -g};
      });
}
NDArray multiply(const NDArray& a, const NDArray& b) {
  return apply_binary(
      a, b, Binary::mul, "multiply",
      [](const NDArray& g, const NDArray& a, const NDArray& b, const NDArray&) {
        return Grads{detail::wants_grad(a) ? g * b : NDArray(),
                     detail::wants_grad(b) ? g * a : NDArray()};
      });
}
NDArray divide(const NDArray& a, const NDArray& b) {
  return apply_binary(
      a, b, Binary::div, "divide",
      [](const NDArray& g, const NDArray& a, const NDArray& b, const NDArray& y) {
        return Grads{detail::wants_grad(a) ? g / b : NDArray(),
                     detail::wants_grad(b) ? -g * y / b : NDArray()};
      });
}
NDArray power(const NDArray& a, const NDArray& b) {
  return apply_binary(
      a, b, Binary::pow, "power",
      [](const NDArray& g, const NDArray& a, const NDArray& b, const NDArray& y) {
        // d/da a^b = b a^(b-1); d/db a^b = a^b log(a) (needs a > 0)
        return Grads{detail::wants_grad(a) ? g * b * power(a, b - 1.0f) : NDArray(),
                     detail::wants_grad(b) ? g * y * log(a) : NDArray()};
      });
}
NDArray power(const NDArray& a, float exponent) { return power(a, scalar(exponent, a)); }

// Ties send the gradient to the first input, as MXNet does.
NDArray maximum(const NDArray& a, const NDArray& b) {
  return apply_binary(
      a, b, Binary::max, "maximum",
      [](const NDArray& g, const NDArray& a, const NDArray& b, const NDArray&) {
        NDArray mask = greater_equal(a, b);
        return Grads{g * mask, g * (1.0f - mask)};
      });
}
NDArray minimum(const NDArray& a, const NDArray& b) {
  return apply_binary(
      a, b, Binary::min, "minimum",
      [](const NDArray& g, const NDArray& a, const NDArray& b, const NDArray&) {
        NDArray mask = lesser_equal(a, b);
        return Grads{g * mask, g * (1.0f - mask)};
      });
}
NDArray maximum(const NDArray& a, float b) { return maximum(a, scalar(b, a)); }
NDArray minimum(const NDArray& a, float b) { return minimum(a, scalar(b, a)); }

// Comparisons are steps: their gradient is zero, so they are never recorded.
NDArray equal(const NDArray& a, const NDArray& b) {
  return compute_binary(a, b, Binary::eq, "equal");
}
NDArray not_equal(const NDArray& a, const NDArray& b) {
  return compute_binary(a, b, Binary::ne, "not_equal");
}
NDArray greater(const NDArray& a, const NDArray& b) {
  return compute_binary(a, b, Binary::gt, "greater");
}
NDArray greater_equal(const NDArray& a, const NDArray& b) {
  return compute_binary(a, b, Binary::ge, "greater_equal");
}
NDArray lesser(const NDArray& a, const NDArray& b) {
  return compute_binary(a, b, Binary::lt, "lesser");
}
NDArray lesser_equal(const NDArray& a, const NDArray& b) {
  return compute_binary(a, b, Binary::le, "lesser_equal");
}

// ---- writing into an existing array --------------------------------------------

namespace {
void binary_into(const NDArray& a, const NDArray& b, NDArray& out, Binary op,
                 const char* name) {
  detail::defined(out, name);
  detail::prepare_inplace_write(out, {a, b}, name);
  Device d = detail::common_device(name, {a, b, out});
  Shape shape = broadcast_shapes(a.shape(), b.shape(), name);
  if (shape != out.shape()) {
    fail(name, "the result has shape ", shape_str(shape), " but out has shape ",
         shape_str(out.shape()));
  }
  kernels::binary(d, op, detail::ptr(a), detail::ptr(b), detail::ptr(out),
                  kernels::plan_broadcast(a.shape(), b.shape(), shape));
}
}  // namespace

void elemwise_add(const NDArray& a, const NDArray& b, NDArray& out) {
  binary_into(a, b, out, Binary::add, "elemwise_add");
}
void elemwise_sub(const NDArray& a, const NDArray& b, NDArray& out) {
  binary_into(a, b, out, Binary::sub, "elemwise_sub");
}
void elemwise_mul(const NDArray& a, const NDArray& b, NDArray& out) {
  binary_into(a, b, out, Binary::mul, "elemwise_mul");
}
void elemwise_div(const NDArray& a, const NDArray& b, NDArray& out) {
  binary_into(a, b, out, Binary::div, "elemwise_div");
}

}  // namespace nd

// ---- operators ---------------------------------------------------------------------

NDArray operator-(const NDArray& x) { return nd::negative(x); }
NDArray operator+(const NDArray& a, const NDArray& b) { return nd::add(a, b); }
NDArray operator-(const NDArray& a, const NDArray& b) { return nd::subtract(a, b); }
NDArray operator*(const NDArray& a, const NDArray& b) { return nd::multiply(a, b); }
NDArray operator/(const NDArray& a, const NDArray& b) { return nd::divide(a, b); }
NDArray operator+(const NDArray& a, float b) { return a + scalar(b, a); }
NDArray operator-(const NDArray& a, float b) { return a - scalar(b, a); }
NDArray operator*(const NDArray& a, float b) { return a * scalar(b, a); }
NDArray operator/(const NDArray& a, float b) { return a / scalar(b, a); }
NDArray operator+(float a, const NDArray& b) { return scalar(a, b) + b; }
NDArray operator-(float a, const NDArray& b) { return scalar(a, b) - b; }
NDArray operator*(float a, const NDArray& b) { return scalar(a, b) * b; }
NDArray operator/(float a, const NDArray& b) { return scalar(a, b) / b; }
// The comparison operators are in compare.cpp.

}  // namespace d2l
