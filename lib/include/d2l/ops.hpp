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
NDArray zeros(const Shape& shape, Device device = cpu());
NDArray ones(const Shape& shape, Device device = cpu());
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
NDArray uniform(const Shape& shape, Device device = cpu());
}  // namespace random

// ---- elementwise, one input ------------------------------------------------
NDArray negative(const NDArray& x);
NDArray exp(const NDArray& x);
NDArray log(const NDArray& x);
NDArray sqrt(const NDArray& x);
NDArray square(const NDArray& x);
NDArray abs(const NDArray& x);
/// max(x, 0)
NDArray relu(const NDArray& x);
/// 1 / (1 + exp(-x))
NDArray sigmoid(const NDArray& x);
NDArray tanh(const NDArray& x);

// ---- elementwise, two inputs, with NumPy broadcasting ----------------------
NDArray add(const NDArray& a, const NDArray& b);
NDArray subtract(const NDArray& a, const NDArray& b);
NDArray multiply(const NDArray& a, const NDArray& b);
NDArray divide(const NDArray& a, const NDArray& b);
/// a raised to the power b, elementwise.
NDArray power(const NDArray& a, const NDArray& b);
NDArray power(const NDArray& a, float exponent);
NDArray maximum(const NDArray& a, const NDArray& b);
NDArray minimum(const NDArray& a, const NDArray& b);
NDArray maximum(const NDArray& a, float b);
NDArray minimum(const NDArray& a, float b);
/// Comparisons give 1 where true and 0 where false.
NDArray equal(const NDArray& a, const NDArray& b);
NDArray not_equal(const NDArray& a, const NDArray& b);
NDArray greater(const NDArray& a, const NDArray& b);
NDArray greater_equal(const NDArray& a, const NDArray& b);
NDArray lesser(const NDArray& a, const NDArray& b);
NDArray lesser_equal(const NDArray& a, const NDArray& b);

/// The elementwise sum of arrays of one shape, MXNet's `nd.add_n(a, b, c)`:
/// `nd::add_n(a, b, c)`, or `nd::add_n(parts)` for a vector (`add_n(*parts)`).
/// Recorded by autograd: each input receives the whole gradient.
NDArray add_n(const std::vector<NDArray>& arrays);
template <std::convertible_to<NDArray>... More>
NDArray add_n(const NDArray& first, const More&... more) {
  return add_n(std::vector<NDArray>{first, NDArray(more)...});
}

/// `out = a + b` written into `out`'s storage, which must have the result's
/// shape; nothing new is allocated (MXNet's `out=` argument).
void elemwise_add(const NDArray& a, const NDArray& b, NDArray& out);
void elemwise_sub(const NDArray& a, const NDArray& b, NDArray& out);
void elemwise_mul(const NDArray& a, const NDArray& b, NDArray& out);
void elemwise_div(const NDArray& a, const NDArray& b, NDArray& out);

/// The shape two shapes broadcast to; an error naming `op` and both shapes
/// when they are incompatible.
Shape broadcast_shapes(const Shape& a, const Shape& b, const char* op = "broadcast");
NDArray broadcast_to(const NDArray& x, const Shape& shape);

// ---- reductions -------------------------------------------------------------
NDArray sum(const NDArray& x, const Axes& axes = {}, bool keepdims = false);
NDArray mean(const NDArray& x, const Axes& axes = {}, bool keepdims = false);
NDArray max(const NDArray& x, const Axes& axes = {}, bool keepdims = false);
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
NDArray operator-(const NDArray& x);
NDArray operator+(const NDArray& a, const NDArray& b);
NDArray operator-(const NDArray& a, const NDArray& b);
NDArray operator*(const NDArray& a, const NDArray& b);
NDArray operator/(const NDArray& a, const NDArray& b);
NDArray operator+(const NDArray& a, float b);
NDArray operator-(const NDArray& a, float b);
NDArray operator*(const NDArray& a, float b);
NDArray operator/(const NDArray& a, float b);
NDArray operator+(float a, const NDArray& b);
NDArray operator-(float a, const NDArray& b);
NDArray operator*(float a, const NDArray& b);
NDArray operator/(float a, const NDArray& b);
/// Elementwise comparisons giving float32 arrays of 1 (true) and 0 (false), as
/// in MXNet, with broadcasting; a number may stand on either side (`x >= 5`,
/// `0 == x`). Not differentiable: the result is never recorded.
NDArray operator==(const NDArray& a, const NDArray& b);
NDArray operator!=(const NDArray& a, const NDArray& b);
NDArray operator<(const NDArray& a, const NDArray& b);
NDArray operator<=(const NDArray& a, const NDArray& b);
NDArray operator>(const NDArray& a, const NDArray& b);
NDArray operator>=(const NDArray& a, const NDArray& b);
NDArray operator==(const NDArray& a, float b);
NDArray operator!=(const NDArray& a, float b);
NDArray operator<(const NDArray& a, float b);
NDArray operator<=(const NDArray& a, float b);
NDArray operator>(const NDArray& a, float b);
NDArray operator>=(const NDArray& a, float b);
NDArray operator==(float a, const NDArray& b);
NDArray operator!=(float a, const NDArray& b);
NDArray operator<(float a, const NDArray& b);
NDArray operator<=(float a, const NDArray& b);
NDArray operator>(float a, const NDArray& b);
NDArray operator>=(float a, const NDArray& b);

}  // namespace d2l
