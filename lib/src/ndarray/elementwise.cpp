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

// What a gradient formula reads. A node keeps only these, so an activation
// that no formula needs (ReLU's input, a sum's operands) is freed as soon as the
// forward pass is done with it.
enum Reads : unsigned { kNothing = 0, kInput = 1, kOutput = 2, kFirst = 4, kSecond = 8 };

// g -> dx, given the input x and the output y (each undefined unless read).
using UnaryGrad = NDArray (*)(const NDArray& g, const NDArray& x, const NDArray& y);

NDArray apply_unary(const NDArray& x, Unary op, const char* name, unsigned reads,
                    UnaryGrad grad) {
  detail::defined(x, name);
  NDArray y = detail::empty(x.shape(), x.context());
  kernels::unary(x.context(), op, detail::ptr(x), detail::ptr(y), x.size());
  NDArray x_value = reads & kInput ? x : NDArray();
  // The node must not own its own output: a handle without the node.
  NDArray y_value = reads & kOutput ? y.detach() : NDArray();
  return detail::record_op(
      name, y, {x}, [x_value, y_value, grad](const NDArray& g) -> std::vector<NDArray> {
        return {grad(g, x_value, y_value)};
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

// An elementwise gradient op(g, b) with g's shape, written over g when nothing
// else refers to it (an activation's gradient then needs no buffer of its own).
NDArray gradient_binary(const NDArray& g, const NDArray& b, Binary op, const char* name) {
  if (!detail::sole_owner(g) || g.shape() != b.shape()) {
    return compute_binary(g, b, op, name);
  }
  kernels::binary(g.context(), op, detail::ptr(g), detail::ptr(b), detail::ptr(g),
                  kernels::plan_broadcast(g.shape(), b.shape(), g.shape()));
  return g;
}

// What a binary op's gradient formula gets: the operands and the output it
// reads (undefined otherwise), and which operands want a gradient.
struct BinarySaved {
  NDArray a, b, y;
  bool want_a = false, want_b = false;
};
// (g, saved) -> (da, db) before summing back to the input shapes.
using BinaryGrad = std::pair<NDArray, NDArray> (*)(const NDArray& g,
                                                   const BinarySaved& s);

NDArray apply_binary(const NDArray& a, const NDArray& b, Binary op, const char* name,
                     unsigned reads, BinaryGrad grad) {
  NDArray y = compute_binary(a, b, op, name);
  BinarySaved s{.a = reads & kFirst ? a : NDArray(),
                .b = reads & kSecond ? b : NDArray(),
                .y = reads & kOutput ? y.detach() : NDArray(),
                .want_a = detail::wants_grad(a),
                .want_b = detail::wants_grad(b)};
  return detail::record_op(
      name, y, {a, b},
      [s, grad, a_shape = a.shape(),
       b_shape = b.shape()](const NDArray& g) -> std::vector<NDArray> {
        auto [da, db] = grad(g, s);
        return {da.defined() ? detail::sum_to(da, a_shape) : NDArray(),
                db.defined() ? detail::sum_to(db, b_shape) : NDArray()};
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
  return apply_unary(x, Unary::neg, "negative", kNothing,
                     [](const NDArray& g, const NDArray&, const NDArray&) { return -g; });
}
NDArray exp(const NDArray& x) {
  return apply_unary(
      x, Unary::exp, "exp", kOutput,
      [](const NDArray& g, const NDArray&, const NDArray& y) { return g * y; });
}
NDArray log(const NDArray& x) {
  return apply_unary(
      x, Unary::log, "log", kInput,
      [](const NDArray& g, const NDArray& x, const NDArray&) { return g / x; });
}
NDArray sqrt(const NDArray& x) {
  return apply_unary(
      x, Unary::sqrt, "sqrt", kOutput,
      [](const NDArray& g, const NDArray&, const NDArray& y) { return g * 0.5f / y; });
}
NDArray square(const NDArray& x) {
  return apply_unary(
      x, Unary::square, "square", kInput,
      [](const NDArray& g, const NDArray& x, const NDArray&) { return g * 2.0f * x; });
}
NDArray abs(const NDArray& x) {
  return apply_unary(x, Unary::abs, "abs", kInput,
                     [](const NDArray& g, const NDArray& x, const NDArray&) {
                       return g * (unary_step(x) - unary_step(-x));  // sign(x)
                     });
}
NDArray relu(const NDArray& x) {
  // ReLU's output is positive exactly where its input is, and the next layer
  // keeps the output anyway: reading it frees the input (a batch norm's output).
  return apply_unary(x, Unary::relu, "relu", kOutput,
                     [](const NDArray& g, const NDArray&, const NDArray& y) {
                       return gradient_binary(g, y, Binary::relu_grad, "relu");
                     });
}
NDArray sigmoid(const NDArray& x) {
  return apply_unary(x, Unary::sigmoid, "sigmoid", kOutput,
                     [](const NDArray& g, const NDArray&, const NDArray& y) {
                       return gradient_binary(g, y, Binary::sigmoid_grad, "sigmoid");
                     });
}
NDArray tanh(const NDArray& x) {
  return apply_unary(x, Unary::tanh, "tanh", kOutput,
                     [](const NDArray& g, const NDArray&, const NDArray& y) {
                       return gradient_binary(g, y, Binary::tanh_grad, "tanh");
                     });
}

// ---- two inputs -----------------------------------------------------------------

using Grads = std::pair<NDArray, NDArray>;

NDArray add(const NDArray& a, const NDArray& b) {
  return apply_binary(a, b, Binary::add, "add", kNothing,
                      [](const NDArray& g, const BinarySaved&) {
                        return Grads{g, g};
                      });
}
NDArray subtract(const NDArray& a, const NDArray& b) {
  return apply_binary(a, b, Binary::sub, "subtract", kNothing,
                      [](const NDArray& g, const BinarySaved&) {
                        return Grads{g, -g};
                      });
}
NDArray multiply(const NDArray& a, const NDArray& b) {
  return apply_binary(
      a, b, Binary::mul, "multiply",
      (detail::wants_grad(a) ? kSecond : kNothing) |
          (detail::wants_grad(b) ? kFirst : kNothing),
      [](const NDArray& g, const BinarySaved& s) {
        return Grads{s.want_a ? g * s.b : NDArray(), s.want_b ? g * s.a : NDArray()};
      });
}
NDArray divide(const NDArray& a, const NDArray& b) {
  return apply_binary(a, b, Binary::div, "divide", kSecond | kOutput,
                      [](const NDArray& g, const BinarySaved& s) {
                        return Grads{s.want_a ? g / s.b : NDArray(),
                                     s.want_b ? -g * s.y / s.b : NDArray()};
                      });
}
NDArray power(const NDArray& a, const NDArray& b) {
  return apply_binary(a, b, Binary::pow, "power", kFirst | kSecond | kOutput,
                      [](const NDArray& g, const BinarySaved& s) {
                        // d/da a^b = b a^(b-1); d/db a^b = a^b log(a) (needs a > 0)
                        return Grads{
                            s.want_a ? g * s.b * power(s.a, s.b - 1.0f) : NDArray(),
                            s.want_b ? g * s.y * log(s.a) : NDArray()};
                      });
}
NDArray power(const NDArray& a, float exponent) { return power(a, scalar(exponent, a)); }

// Ties send the gradient to the first input, as MXNet does.
NDArray maximum(const NDArray& a, const NDArray& b) {
  return apply_binary(a, b, Binary::max, "maximum", kFirst | kSecond,
                      [](const NDArray& g, const BinarySaved& s) {
                        NDArray mask = greater_equal(s.a, s.b);
                        return Grads{g * mask, g * (1.0f - mask)};
                      });
}
NDArray minimum(const NDArray& a, const NDArray& b) {
  return apply_binary(a, b, Binary::min, "minimum", kFirst | kSecond,
                      [](const NDArray& g, const BinarySaved& s) {
                        NDArray mask = lesser_equal(s.a, s.b);
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
