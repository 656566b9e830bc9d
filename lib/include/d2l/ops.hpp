#pragma once
/// @file ops.hpp
/// Operations on NDArrays, named as in MXNet's `nd` module. Every operation is
/// recorded by autograd while `autograd::record` is active and has a gradient
/// (comparisons and argmax have a zero gradient, as in MXNet).

#include <concepts>
#include <initializer_list>
#include <vector>

#include "d2l/ndarray.hpp"

namespace d2l::nd {

// ---- creation -------------------------------------------------------------
/// `0, 1, ..., stop-1` as floats.
NDArray arange(double stop, Device device = cpu());
/// `start, start+step, ...` up to (not including) `stop`.
NDArray arange(double start, double stop, double step = 1, Device device = cpu());
/// An array of zeros.
NDArray zeros(const Shape& shape, Device device = cpu());
/// An array of ones.
NDArray ones(const Shape& shape, Device device = cpu());
/// An array with every element equal to `value`.
NDArray full(const Shape& shape, float value, Device device = cpu());
/// An array from row-major values and a shape.
NDArray array(const std::vector<float>& values, const Shape& shape,
              Device device = cpu());
/// An array from a nested literal of any rank, MXNet's `nd.array([[1, 2], [3, 4]])`:
/// `nd::array({{1, 2}, {3, 4}})`, `nd::array({{10}}, d2l::gpu())`.
NDArray array(std::initializer_list<NestedList> values, Device device = cpu());
/// Zeros with x's shape on x's device (new storage; no gradient flows to x).
NDArray zeros_like(const NDArray& x);
/// Ones with x's shape on x's device (new storage; no gradient flows to x).
NDArray ones_like(const NDArray& x);

namespace random {
/// Seeds the global generator behind every random function (and Dropout,
/// shuffling, initializers), so that a run can be repeated exactly.
void seed(uint64_t seed);
/// Samples from the normal distribution with mean `loc` and std `scale`.
NDArray normal(float loc, float scale, const Shape& shape, Device device = cpu());
/// Samples uniformly from `[low, high)`.
NDArray uniform(float low, float high, const Shape& shape, Device device = cpu());
/// MXNet's defaults: `normal(shape)` has loc 0 and scale 1, `uniform(shape)`
/// draws from `[0, 1)`.
NDArray normal(const Shape& shape, Device device = cpu());
/// Uniform samples from `[0, 1)`.
NDArray uniform(const Shape& shape, Device device = cpu());
}  // namespace random

// ---- elementwise, one input ------------------------------------------------
/// -x elementwise.
NDArray negative(const NDArray& x);
/// e^x elementwise.
NDArray exp(const NDArray& x);
/// Natural logarithm elementwise.
NDArray log(const NDArray& x);
/// Square root elementwise.
NDArray sqrt(const NDArray& x);
/// x * x elementwise.
NDArray square(const NDArray& x);
/// |x| elementwise.
NDArray abs(const NDArray& x);
/// max(x, 0)
NDArray relu(const NDArray& x);
/// 1 / (1 + exp(-x))
NDArray sigmoid(const NDArray& x);
/// Hyperbolic tangent elementwise, in (-1, 1).
NDArray tanh(const NDArray& x);

// ---- elementwise, two inputs, with NumPy broadcasting ----------------------
/// a + b elementwise (shapes broadcast, as in NumPy).
NDArray add(const NDArray& a, const NDArray& b);
/// a - b elementwise, broadcasting.
NDArray subtract(const NDArray& a, const NDArray& b);
/// a * b elementwise, broadcasting.
NDArray multiply(const NDArray& a, const NDArray& b);
/// a / b elementwise, broadcasting.
NDArray divide(const NDArray& a, const NDArray& b);
/// a raised to the power b, elementwise.
NDArray power(const NDArray& a, const NDArray& b);
/// a raised to the number `exponent`, elementwise.
NDArray power(const NDArray& a, float exponent);
/// The larger of a and b, elementwise.
NDArray maximum(const NDArray& a, const NDArray& b);
/// The smaller of a and b, elementwise.
NDArray minimum(const NDArray& a, const NDArray& b);
/// The larger of each element and `b` (`maximum(x, 0)` is ReLU).
NDArray maximum(const NDArray& a, float b);
/// The smaller of each element and `b`.
NDArray minimum(const NDArray& a, float b);
/// Comparisons give 1 where true and 0 where false.
NDArray equal(const NDArray& a, const NDArray& b);
/// 1 where a != b, else 0.
NDArray not_equal(const NDArray& a, const NDArray& b);
/// 1 where a > b, else 0.
NDArray greater(const NDArray& a, const NDArray& b);
/// 1 where a >= b, else 0.
NDArray greater_equal(const NDArray& a, const NDArray& b);
/// 1 where a < b, else 0.
NDArray lesser(const NDArray& a, const NDArray& b);
/// 1 where a <= b, else 0.
NDArray lesser_equal(const NDArray& a, const NDArray& b);

/// The elementwise sum of arrays of one shape, MXNet's `nd.add_n(a, b, c)`:
/// `nd::add_n(a, b, c)`, or `nd::add_n(parts)` for a vector (`add_n(*parts)`).
/// Recorded by autograd: each input receives the whole gradient.
NDArray add_n(const std::vector<NDArray>& arrays);
/// The same with the arrays as arguments: `nd::add_n(a, b, c)`.
template <std::convertible_to<NDArray>... More>
NDArray add_n(const NDArray& first, const More&... more) {
  return add_n(std::vector<NDArray>{first, NDArray(more)...});
}

/// `out = a + b` written into `out`'s storage, which must have the result's
/// shape; nothing new is allocated (MXNet's `out=` argument).
void elemwise_add(const NDArray& a, const NDArray& b, NDArray& out);
/// `out = a - b` written into `out`'s storage.
void elemwise_sub(const NDArray& a, const NDArray& b, NDArray& out);
/// `out = a * b` written into `out`'s storage.
void elemwise_mul(const NDArray& a, const NDArray& b, NDArray& out);
/// `out = a / b` written into `out`'s storage.
void elemwise_div(const NDArray& a, const NDArray& b, NDArray& out);

/// The shape two shapes broadcast to; an error naming `op` and both shapes
/// when they are incompatible.
Shape broadcast_shapes(const Shape& a, const Shape& b, const char* op = "broadcast");
/// x repeated along its length-1 axes to `shape` (NumPy's rules).
NDArray broadcast_to(const NDArray& x, const Shape& shape);

// ---- reductions -------------------------------------------------------------
/// Sum over `axes` (every axis by default); `keepdims` keeps them as 1.
NDArray sum(const NDArray& x, const Axes& axes = {}, bool keepdims = false);
/// Mean over `axes`, as sum().
NDArray mean(const NDArray& x, const Axes& axes = {}, bool keepdims = false);
/// Largest value over `axes`, as sum().
NDArray max(const NDArray& x, const Axes& axes = {}, bool keepdims = false);
/// Smallest value over `axes`, as sum().
NDArray min(const NDArray& x, const Axes& axes = {}, bool keepdims = false);
/// Index of the largest value along `axis` (first one on ties), as floats.
NDArray argmax(const NDArray& x, int axis, bool keepdims = false);
/// The L2 norm of all elements: sqrt(sum(x * x)).
NDArray norm(const NDArray& x);

// ---- linear algebra and layout -----------------------------------------------
/// Matrix product for 1-D and 2-D arrays: (n,k)x(k,m) -> (n,m), (n,k)x(k) -> (n),
/// (k)x(k,m) -> (m), (k)x(k) -> () (the inner product).
NDArray dot(const NDArray& a, const NDArray& b, bool transpose_a = false,
            bool transpose_b = false);
/// Batched matrix product: (b,n,k)x(b,k,m) -> (b,n,m).
NDArray batch_dot(const NDArray& a, const NDArray& b);
/// Permutes the axes; no `axes` reverses them.
NDArray transpose(const NDArray& x, const std::vector<int>& axes = {});
/// The same elements with another shape; one axis may be -1.
NDArray reshape(const NDArray& x, const Shape& shape);
/// Inserts an axis of length 1 at `axis`.
NDArray expand_dims(const NDArray& x, int axis);
/// Joins arrays along an existing axis (`dim`); other axes must agree.
NDArray concat(const std::vector<NDArray>& arrays, int dim = 1);
/// Joins arrays of one shape along a new axis.
NDArray stack(const std::vector<NDArray>& arrays, int axis = 0);
/// Elements `[begin, end)` along one axis.
NDArray slice_axis(const NDArray& x, int axis, int64_t begin, int64_t end);
/// Rows (entries along `axis`) at the given indices: `take(x, {0, 2})`.
NDArray take(const NDArray& x, const NDArray& indices, int axis = 0);
/// For each position, the element at `index` along `axis`: the book picks each
/// example's predicted probability of its true label with `pick(y_hat, y)`.
NDArray pick(const NDArray& data, const NDArray& index, int axis = -1,
             bool keepdims = false);

}  // namespace d2l::nd

namespace d2l {

// Operators, so that the book's formulas read as formulas.
/// -x elementwise.
NDArray operator-(const NDArray& x);
/// a + b elementwise, with broadcasting.
NDArray operator+(const NDArray& a, const NDArray& b);
/// a - b elementwise, with broadcasting.
NDArray operator-(const NDArray& a, const NDArray& b);
/// a * b elementwise (not the matrix product: see nd::dot).
NDArray operator*(const NDArray& a, const NDArray& b);
/// a / b elementwise, with broadcasting.
NDArray operator/(const NDArray& a, const NDArray& b);
/// Adds the number `b` to every element.
NDArray operator+(const NDArray& a, float b);
/// Subtracts the number `b` from every element.
NDArray operator-(const NDArray& a, float b);
/// Multiplies every element by the number `b`.
NDArray operator*(const NDArray& a, float b);
/// Divides every element by the number `b`.
NDArray operator/(const NDArray& a, float b);
/// The number `a` plus each element.
NDArray operator+(float a, const NDArray& b);
/// The number `a` minus each element.
NDArray operator-(float a, const NDArray& b);
/// The number `a` times each element.
NDArray operator*(float a, const NDArray& b);
/// The number `a` divided by each element.
NDArray operator/(float a, const NDArray& b);
/// Elementwise comparisons giving float32 arrays of 1 (true) and 0 (false), as
/// in MXNet, with broadcasting; a number may stand on either side (`x >= 5`,
/// `0 == x`). Not differentiable: the result is never recorded.
NDArray operator==(const NDArray& a, const NDArray& b);
/// 1 where a != b, else 0 (see operator==).
NDArray operator!=(const NDArray& a, const NDArray& b);
/// 1 where a < b, else 0.
NDArray operator<(const NDArray& a, const NDArray& b);
/// 1 where a <= b, else 0.
NDArray operator<=(const NDArray& a, const NDArray& b);
/// 1 where a > b, else 0.
NDArray operator>(const NDArray& a, const NDArray& b);
/// 1 where a >= b, else 0.
NDArray operator>=(const NDArray& a, const NDArray& b);
/// 1 where an element equals the number `b`: `x == 0`.
NDArray operator==(const NDArray& a, float b);
/// 1 where an element differs from `b`.
NDArray operator!=(const NDArray& a, float b);
/// 1 where an element is less than `b`.
NDArray operator<(const NDArray& a, float b);
/// 1 where an element is at most `b`.
NDArray operator<=(const NDArray& a, float b);
/// 1 where an element is greater than `b`.
NDArray operator>(const NDArray& a, float b);
/// 1 where an element is at least `b`: `x >= 5`.
NDArray operator>=(const NDArray& a, float b);
/// 1 where the number `a` equals an element: `0 == x`.
NDArray operator==(float a, const NDArray& b);
/// 1 where `a` differs from an element.
NDArray operator!=(float a, const NDArray& b);
/// 1 where `a` is less than an element: `5 < x`.
NDArray operator<(float a, const NDArray& b);
/// 1 where `a` is at most an element.
NDArray operator<=(float a, const NDArray& b);
/// 1 where `a` is greater than an element.
NDArray operator>(float a, const NDArray& b);
/// 1 where `a` is at least an element.
NDArray operator>=(float a, const NDArray& b);

}  // namespace d2l
